//! Members (`/system/members`): technicians and API members.

use psa_core::wire::Field;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference, Sensitive};
use super::de;

/// A member (a ConnectWise user or API member), every documented field, unknown fields kept.
///
/// ```
/// let m: psa_connectwise::models::Member = serde_json::from_value(serde_json::json!({
///     "id": 3, "identifier": "sam", "firstName": "Sam", "lastName": "Tech",
///     "defaultEmail": "Office", "officeEmail": "sam@msp.example", "inactiveFlag": false,
///     "securityRole": {"id": 62, "name": "CloudRadial Chat"}
/// })).unwrap();
/// assert_eq!(m.email(), Some("sam@msp.example"));
/// assert_eq!(m.security_role.unwrap().name.as_deref(), Some("CloudRadial Chat"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Member {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Identifier: `identifier`.
    #[serde(rename = "identifier", default, deserialize_with = "de::opt_string")]
    pub identifier: Option<String>,
    /// Disable online flag: `disableOnlineFlag`.
    #[serde(
        rename = "disableOnlineFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub disable_online_flag: Option<bool>,
    /// License class: `licenseClass`.
    #[serde(rename = "licenseClass", default, deserialize_with = "de::opt_string")]
    pub license_class: Option<String>,
    /// Notes: `notes`.
    #[serde(rename = "notes", default, deserialize_with = "de::opt_text")]
    pub notes: Option<String>,
    /// Employee identifer: `employeeIdentifer`.
    #[serde(
        rename = "employeeIdentifer",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub employee_identifer: Option<String>,
    /// Vendor number: `vendorNumber`.
    #[serde(rename = "vendorNumber", default, deserialize_with = "de::opt_string")]
    pub vendor_number: Option<String>,
    /// Enable mobile gps flag: `enableMobileGpsFlag`.
    #[serde(
        rename = "enableMobileGpsFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub enable_mobile_gps_flag: Option<bool>,
    /// Inactive date: `inactiveDate`.
    #[serde(
        rename = "inactiveDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub inactive_date: Option<Field<OffsetDateTime>>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Last login: `lastLogin`.
    #[serde(rename = "lastLogin", default, deserialize_with = "de::opt_string")]
    pub last_login: Option<String>,
    /// Client id: `clientId`.
    #[serde(rename = "clientId", default, deserialize_with = "de::opt_string")]
    pub client_id: Option<String>,
    /// Token: `token` (never printed by `Debug`).
    #[serde(rename = "token", default)]
    pub token: Option<Sensitive>,
    /// Password: `password` (write-only; if a server ever sends it, never printed by `Debug`).
    #[serde(rename = "password", default)]
    pub password: Option<Sensitive>,
    /// First name: `firstName`.
    #[serde(rename = "firstName", default, deserialize_with = "de::opt_string")]
    pub first_name: Option<String>,
    /// Middle initial: `middleInitial`.
    #[serde(rename = "middleInitial", default, deserialize_with = "de::opt_string")]
    pub middle_initial: Option<String>,
    /// Last name: `lastName`.
    #[serde(rename = "lastName", default, deserialize_with = "de::opt_string")]
    pub last_name: Option<String>,
    /// Hire date: `hireDate`.
    #[serde(rename = "hireDate", default, deserialize_with = "de::opt_datetime")]
    pub hire_date: Option<Field<OffsetDateTime>>,
    /// Country (a reference): `country`.
    #[serde(rename = "country", default)]
    pub country: Option<Reference>,
    /// Photo (a reference): `photo`.
    #[serde(rename = "photo", default)]
    pub photo: Option<Reference>,
    /// Office email: `officeEmail`.
    #[serde(rename = "officeEmail", default, deserialize_with = "de::opt_string")]
    pub office_email: Option<String>,
    /// Mobile email: `mobileEmail`.
    #[serde(rename = "mobileEmail", default, deserialize_with = "de::opt_string")]
    pub mobile_email: Option<String>,
    /// Home email: `homeEmail`.
    #[serde(rename = "homeEmail", default, deserialize_with = "de::opt_string")]
    pub home_email: Option<String>,
    /// Default email: `defaultEmail`.
    #[serde(rename = "defaultEmail", default, deserialize_with = "de::opt_string")]
    pub default_email: Option<String>,
    /// Primary email: `primaryEmail`.
    #[serde(rename = "primaryEmail", default, deserialize_with = "de::opt_string")]
    pub primary_email: Option<String>,
    /// Office phone: `officePhone`.
    #[serde(rename = "officePhone", default, deserialize_with = "de::opt_string")]
    pub office_phone: Option<String>,
    /// Office extension: `officeExtension`.
    #[serde(
        rename = "officeExtension",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub office_extension: Option<String>,
    /// Mobile phone: `mobilePhone`.
    #[serde(rename = "mobilePhone", default, deserialize_with = "de::opt_string")]
    pub mobile_phone: Option<String>,
    /// Mobile extension: `mobileExtension`.
    #[serde(
        rename = "mobileExtension",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub mobile_extension: Option<String>,
    /// Home phone: `homePhone`.
    #[serde(rename = "homePhone", default, deserialize_with = "de::opt_string")]
    pub home_phone: Option<String>,
    /// Home extension: `homeExtension`.
    #[serde(rename = "homeExtension", default, deserialize_with = "de::opt_string")]
    pub home_extension: Option<String>,
    /// Default phone: `defaultPhone`.
    #[serde(rename = "defaultPhone", default, deserialize_with = "de::opt_string")]
    pub default_phone: Option<String>,
    /// Security role (a reference): `securityRole`.
    #[serde(rename = "securityRole", default)]
    pub security_role: Option<Reference>,
    /// Office365: `office365`.
    #[serde(rename = "office365", default)]
    pub office365: Option<serde_json::Value>,
    /// Mapi name: `mapiName`.
    #[serde(rename = "mapiName", default, deserialize_with = "de::opt_string")]
    pub mapi_name: Option<String>,
    /// Calendar sync integration flag: `calendarSyncIntegrationFlag`.
    #[serde(
        rename = "calendarSyncIntegrationFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub calendar_sync_integration_flag: Option<bool>,
    /// Authentication service type: `authenticationServiceType`.
    #[serde(
        rename = "authenticationServiceType",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub authentication_service_type: Option<String>,
    /// Timebased one time password activated: `timebasedOneTimePasswordActivated`.
    #[serde(
        rename = "timebasedOneTimePasswordActivated",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub timebased_one_time_password_activated: Option<bool>,
    /// Enable ldap authentication flag: `enableLdapAuthenticationFlag`.
    #[serde(
        rename = "enableLdapAuthenticationFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub enable_ldap_authentication_flag: Option<bool>,
    /// Ldap configuration (a reference): `ldapConfiguration`.
    #[serde(rename = "ldapConfiguration", default)]
    pub ldap_configuration: Option<Reference>,
    /// Ldap user name: `ldapUserName`.
    #[serde(rename = "ldapUserName", default, deserialize_with = "de::opt_string")]
    pub ldap_user_name: Option<String>,
    /// Directional sync (a reference): `directionalSync`.
    #[serde(rename = "directionalSync", default)]
    pub directional_sync: Option<Reference>,
    /// Sso settings (a reference): `ssoSettings`.
    #[serde(rename = "ssoSettings", default)]
    pub sso_settings: Option<Reference>,
    /// Signature: `signature`.
    #[serde(rename = "signature", default, deserialize_with = "de::opt_text")]
    pub signature: Option<String>,
    /// Phone integration type: `phoneIntegrationType`.
    #[serde(
        rename = "phoneIntegrationType",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub phone_integration_type: Option<String>,
    /// Use browser language flag: `useBrowserLanguageFlag`.
    #[serde(
        rename = "useBrowserLanguageFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub use_browser_language_flag: Option<bool>,
    /// Title: `title`.
    #[serde(rename = "title", default, deserialize_with = "de::opt_string")]
    pub title: Option<String>,
    /// Report card (a reference): `reportCard`.
    #[serde(rename = "reportCard", default)]
    pub report_card: Option<Reference>,
    /// Enable mobile flag: `enableMobileFlag`.
    #[serde(
        rename = "enableMobileFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub enable_mobile_flag: Option<bool>,
    /// Type (a reference): `type`.
    #[serde(rename = "type", default)]
    pub member_type: Option<Reference>,
    /// Time zone (a reference): `timeZone`.
    #[serde(rename = "timeZone", default)]
    pub time_zone: Option<Reference>,
    /// Partner portal flag: `partnerPortalFlag`.
    #[serde(
        rename = "partnerPortalFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub partner_portal_flag: Option<bool>,
    /// Sts user admin url: `stsUserAdminUrl`.
    #[serde(
        rename = "stsUserAdminUrl",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub sts_user_admin_url: Option<String>,
    /// Toast notification flag: `toastNotificationFlag`.
    #[serde(
        rename = "toastNotificationFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub toast_notification_flag: Option<bool>,
    /// Member personas: `memberPersonas`.
    #[serde(rename = "memberPersonas", default, deserialize_with = "de::vec")]
    pub member_personas: Vec<i64>,
    /// Admin flag: `adminFlag`.
    #[serde(rename = "adminFlag", default, deserialize_with = "de::opt_bool")]
    pub admin_flag: Option<bool>,
    /// Structure level (a reference): `structureLevel`.
    #[serde(rename = "structureLevel", default)]
    pub structure_level: Option<Reference>,
    /// Security location (a reference): `securityLocation`.
    #[serde(rename = "securityLocation", default)]
    pub security_location: Option<Reference>,
    /// Default location (a reference): `defaultLocation`.
    #[serde(rename = "defaultLocation", default)]
    pub default_location: Option<Reference>,
    /// Default department (a reference): `defaultDepartment`.
    #[serde(rename = "defaultDepartment", default)]
    pub default_department: Option<Reference>,
    /// Reports to (a reference): `reportsTo`.
    #[serde(rename = "reportsTo", default)]
    pub reports_to: Option<Reference>,
    /// Restrict location flag: `restrictLocationFlag`.
    #[serde(
        rename = "restrictLocationFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_location_flag: Option<bool>,
    /// Restrict department flag: `restrictDepartmentFlag`.
    #[serde(
        rename = "restrictDepartmentFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_department_flag: Option<bool>,
    /// Work role (a reference): `workRole`.
    #[serde(rename = "workRole", default)]
    pub work_role: Option<Reference>,
    /// Work type (a reference): `workType`.
    #[serde(rename = "workType", default)]
    pub work_type: Option<Reference>,
    /// Time approver (a reference): `timeApprover`.
    #[serde(rename = "timeApprover", default)]
    pub time_approver: Option<Reference>,
    /// Expense approver (a reference): `expenseApprover`.
    #[serde(rename = "expenseApprover", default)]
    pub expense_approver: Option<Reference>,
    /// Billable forecast: `billableForecast`.
    #[serde(rename = "billableForecast", default, deserialize_with = "de::opt_f64")]
    pub billable_forecast: Option<f64>,
    /// Daily capacity: `dailyCapacity`.
    #[serde(rename = "dailyCapacity", default, deserialize_with = "de::opt_f64")]
    pub daily_capacity: Option<f64>,
    /// Hourly cost: `hourlyCost`.
    #[serde(rename = "hourlyCost", default, deserialize_with = "de::opt_f64")]
    pub hourly_cost: Option<f64>,
    /// Hourly rate: `hourlyRate`.
    #[serde(rename = "hourlyRate", default, deserialize_with = "de::opt_f64")]
    pub hourly_rate: Option<f64>,
    /// Include in utilization reporting flag: `includeInUtilizationReportingFlag`.
    #[serde(
        rename = "includeInUtilizationReportingFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub include_in_utilization_reporting_flag: Option<bool>,
    /// Require expense entry flag: `requireExpenseEntryFlag`.
    #[serde(
        rename = "requireExpenseEntryFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub require_expense_entry_flag: Option<bool>,
    /// Require time sheet entry flag: `requireTimeSheetEntryFlag`.
    #[serde(
        rename = "requireTimeSheetEntryFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub require_time_sheet_entry_flag: Option<bool>,
    /// Require start and end time on time entry flag: `requireStartAndEndTimeOnTimeEntryFlag`.
    #[serde(
        rename = "requireStartAndEndTimeOnTimeEntryFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub require_start_and_end_time_on_time_entry_flag: Option<bool>,
    /// Allow in cell entry on time sheet: `allowInCellEntryOnTimeSheet`.
    #[serde(
        rename = "allowInCellEntryOnTimeSheet",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub allow_in_cell_entry_on_time_sheet: Option<bool>,
    /// Enter time against company flag: `enterTimeAgainstCompanyFlag`.
    #[serde(
        rename = "enterTimeAgainstCompanyFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub enter_time_against_company_flag: Option<bool>,
    /// Allow expenses entered against companies flag: `allowExpensesEnteredAgainstCompaniesFlag`.
    #[serde(
        rename = "allowExpensesEnteredAgainstCompaniesFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub allow_expenses_entered_against_companies_flag: Option<bool>,
    /// Time reminder email flag: `timeReminderEmailFlag`.
    #[serde(
        rename = "timeReminderEmailFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub time_reminder_email_flag: Option<bool>,
    /// Days tolerance: `daysTolerance`.
    #[serde(rename = "daysTolerance", default, deserialize_with = "de::opt_i64")]
    pub days_tolerance: Option<i64>,
    /// Minimum hours: `minimumHours`.
    #[serde(rename = "minimumHours", default, deserialize_with = "de::opt_f64")]
    pub minimum_hours: Option<f64>,
    /// Time sheet start date: `timeSheetStartDate`.
    #[serde(
        rename = "timeSheetStartDate",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub time_sheet_start_date: Option<String>,
    /// Service default location (a reference): `serviceDefaultLocation`.
    #[serde(rename = "serviceDefaultLocation", default)]
    pub service_default_location: Option<Reference>,
    /// Service default department (a reference): `serviceDefaultDepartment`.
    #[serde(rename = "serviceDefaultDepartment", default)]
    pub service_default_department: Option<Reference>,
    /// Service default board (a reference): `serviceDefaultBoard`.
    #[serde(rename = "serviceDefaultBoard", default)]
    pub service_default_board: Option<Reference>,
    /// Restrict service default location flag: `restrictServiceDefaultLocationFlag`.
    #[serde(
        rename = "restrictServiceDefaultLocationFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_service_default_location_flag: Option<bool>,
    /// Restrict service default department flag: `restrictServiceDefaultDepartmentFlag`.
    #[serde(
        rename = "restrictServiceDefaultDepartmentFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_service_default_department_flag: Option<bool>,
    /// Excluded service board ids: `excludedServiceBoardIds`.
    #[serde(
        rename = "excludedServiceBoardIds",
        default,
        deserialize_with = "de::vec"
    )]
    pub excluded_service_board_ids: Vec<i64>,
    /// Teams: `teams`.
    #[serde(rename = "teams", default, deserialize_with = "de::vec")]
    pub teams: Vec<i64>,
    /// Service board team ids: `serviceBoardTeamIds`.
    #[serde(rename = "serviceBoardTeamIds", default, deserialize_with = "de::vec")]
    pub service_board_team_ids: Vec<i64>,
    /// Project default location (a reference): `projectDefaultLocation`.
    #[serde(rename = "projectDefaultLocation", default)]
    pub project_default_location: Option<Reference>,
    /// Project default department (a reference): `projectDefaultDepartment`.
    #[serde(rename = "projectDefaultDepartment", default)]
    pub project_default_department: Option<Reference>,
    /// Project default board (a reference): `projectDefaultBoard`.
    #[serde(rename = "projectDefaultBoard", default)]
    pub project_default_board: Option<Reference>,
    /// Restrict project default location flag: `restrictProjectDefaultLocationFlag`.
    #[serde(
        rename = "restrictProjectDefaultLocationFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_project_default_location_flag: Option<bool>,
    /// Restrict project default department flag: `restrictProjectDefaultDepartmentFlag`.
    #[serde(
        rename = "restrictProjectDefaultDepartmentFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_project_default_department_flag: Option<bool>,
    /// Excluded project board ids: `excludedProjectBoardIds`.
    #[serde(
        rename = "excludedProjectBoardIds",
        default,
        deserialize_with = "de::vec"
    )]
    pub excluded_project_board_ids: Vec<i64>,
    /// Schedule default location (a reference): `scheduleDefaultLocation`.
    #[serde(rename = "scheduleDefaultLocation", default)]
    pub schedule_default_location: Option<Reference>,
    /// Schedule default department (a reference): `scheduleDefaultDepartment`.
    #[serde(rename = "scheduleDefaultDepartment", default)]
    pub schedule_default_department: Option<Reference>,
    /// Schedule capacity: `scheduleCapacity`.
    #[serde(rename = "scheduleCapacity", default, deserialize_with = "de::opt_f64")]
    pub schedule_capacity: Option<f64>,
    /// Service location (a reference): `serviceLocation`.
    #[serde(rename = "serviceLocation", default)]
    pub service_location: Option<Reference>,
    /// Restrict schedule flag: `restrictScheduleFlag`.
    #[serde(
        rename = "restrictScheduleFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_schedule_flag: Option<bool>,
    /// Hide member in dispatch portal flag: `hideMemberInDispatchPortalFlag`.
    #[serde(
        rename = "hideMemberInDispatchPortalFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub hide_member_in_dispatch_portal_flag: Option<bool>,
    /// Calendar (a reference): `calendar`.
    #[serde(rename = "calendar", default)]
    pub calendar: Option<Reference>,
    /// Sales default location (a reference): `salesDefaultLocation`.
    #[serde(rename = "salesDefaultLocation", default)]
    pub sales_default_location: Option<Reference>,
    /// Restrict default sales territory flag: `restrictDefaultSalesTerritoryFlag`.
    #[serde(
        rename = "restrictDefaultSalesTerritoryFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_default_sales_territory_flag: Option<bool>,
    /// Warehouse (a reference): `warehouse`.
    #[serde(rename = "warehouse", default)]
    pub warehouse: Option<Reference>,
    /// Warehouse bin (a reference): `warehouseBin`.
    #[serde(rename = "warehouseBin", default)]
    pub warehouse_bin: Option<Reference>,
    /// Restrict default warehouse flag: `restrictDefaultWarehouseFlag`.
    #[serde(
        rename = "restrictDefaultWarehouseFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_default_warehouse_flag: Option<bool>,
    /// Restrict default warehouse bin flag: `restrictDefaultWarehouseBinFlag`.
    #[serde(
        rename = "restrictDefaultWarehouseBinFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_default_warehouse_bin_flag: Option<bool>,
    /// Company activity tab format: `companyActivityTabFormat`.
    #[serde(
        rename = "companyActivityTabFormat",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub company_activity_tab_format: Option<String>,
    /// Invoice time tab format: `invoiceTimeTabFormat`.
    #[serde(
        rename = "invoiceTimeTabFormat",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub invoice_time_tab_format: Option<String>,
    /// Invoice screen default tab format: `invoiceScreenDefaultTabFormat`.
    #[serde(
        rename = "invoiceScreenDefaultTabFormat",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub invoice_screen_default_tab_format: Option<String>,
    /// Invoicing display options: `invoicingDisplayOptions`.
    #[serde(
        rename = "invoicingDisplayOptions",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub invoicing_display_options: Option<String>,
    /// Agreement invoicing display options: `agreementInvoicingDisplayOptions`.
    #[serde(
        rename = "agreementInvoicingDisplayOptions",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub agreement_invoicing_display_options: Option<String>,
    /// Auto start stopwatch: `autoStartStopwatch`.
    #[serde(
        rename = "autoStartStopwatch",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_start_stopwatch: Option<bool>,
    /// Auto popup quick notes with stopwatch: `autoPopupQuickNotesWithStopwatch`.
    #[serde(
        rename = "autoPopupQuickNotesWithStopwatch",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_popup_quick_notes_with_stopwatch: Option<bool>,
    /// Global search default ticket filter: `globalSearchDefaultTicketFilter`.
    #[serde(
        rename = "globalSearchDefaultTicketFilter",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub global_search_default_ticket_filter: Option<String>,
    /// Global search default sort: `globalSearchDefaultSort`.
    #[serde(
        rename = "globalSearchDefaultSort",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub global_search_default_sort: Option<String>,
    /// Phone source: `phoneSource`.
    #[serde(rename = "phoneSource", default, deserialize_with = "de::opt_string")]
    pub phone_source: Option<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Copy pod layouts: `copyPodLayouts`.
    #[serde(rename = "copyPodLayouts", default, deserialize_with = "de::opt_bool")]
    pub copy_pod_layouts: Option<bool>,
    /// Copy shared default views: `copySharedDefaultViews`.
    #[serde(
        rename = "copySharedDefaultViews",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub copy_shared_default_views: Option<bool>,
    /// Copy column layouts and filters: `copyColumnLayoutsAndFilters`.
    #[serde(
        rename = "copyColumnLayoutsAndFilters",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub copy_column_layouts_and_filters: Option<bool>,
    /// From member rec id: `fromMemberRecId`.
    #[serde(rename = "fromMemberRecId", default, deserialize_with = "de::opt_i64")]
    pub from_member_rec_id: Option<i64>,
    /// From member template rec id: `fromMemberTemplateRecId`.
    #[serde(
        rename = "fromMemberTemplateRecId",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub from_member_template_rec_id: Option<i64>,
    /// Custom fields: `customFields`.
    #[serde(rename = "customFields", default, deserialize_with = "de::vec")]
    pub custom_fields: Vec<CustomField>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Member {
    /// Not marked inactive.
    pub fn is_active(&self) -> bool {
        self.inactive_flag != Some(true)
    }

    /// First and last name joined.
    pub fn full_name(&self) -> String {
        [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The email address `defaultEmail` points at (`Office`, `Mobile`, `Home`), else the first
    /// one set.
    pub fn email(&self) -> Option<&str> {
        let by_default = match self
            .default_email
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("mobile") => self.mobile_email.as_deref(),
            Some("home") => self.home_email.as_deref(),
            Some("office") => self.office_email.as_deref(),
            _ => None,
        };
        by_default
            .or(self.primary_email.as_deref())
            .or(self.office_email.as_deref())
            .or(self.mobile_email.as_deref())
            .or(self.home_email.as_deref())
            .filter(|s| !s.trim().is_empty())
    }
}
