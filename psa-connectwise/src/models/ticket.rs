//! Service tickets (`/service/tickets`).

use psa_core::wire::Field;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference, cw_enum};
use super::de;

cw_enum!(
    /// What kind of ticket a record is (`recordType`).
    RecordType {
        /// A service ticket.
        ServiceTicket => "ServiceTicket",
        /// A project ticket.
        ProjectTicket => "ProjectTicket",
        /// A project issue.
        ProjectIssue => "ProjectIssue",
    }
);

cw_enum!(
    /// A ticket's severity or impact.
    Level {
        /// Low.
        Low => "Low",
        /// Medium.
        Medium => "Medium",
        /// High.
        High => "High",
    }
);

/// A service ticket as ConnectWise returns it: every field of the documented `Ticket` model,
/// unknown fields kept in [`extra`](Self::extra).
///
/// `initialDescription`, `initialInternalAnalysis` and `initialResolution` are write-only
/// (POST) and never returned; the description lives in the ticket's first Discussion note.
/// Short text fields are trimmed of ConnectWise's right-padding.
///
/// ```
/// use psa_connectwise::models::{RecordType, ServiceTicket};
/// let t: ServiceTicket = serde_json::from_value(serde_json::json!({
///     "id": 5, "summary": "Printer offline", "recordType": "ServiceTicket",
///     "board": {"id": 1, "name": "Help Desk"}, "status": {"id": 16, "name": "New", "Sort": 0},
///     "company": {"id": 2, "identifier": "Contoso", "name": "Contoso Ltd"},
///     "externalXRef": "chat-1", "closedFlag": false, "someFutureField": 1,
///     "_info": {"lastUpdated": "2024-02-01T08:00:00Z", "updatedBy": "api        "}
/// })).unwrap();
/// assert_eq!(t.record_type, Some(RecordType::ServiceTicket));
/// assert_eq!(t.board.as_ref().and_then(|b| b.name.as_deref()), Some("Help Desk"));
/// assert_eq!(t.extra["someFutureField"], 1);
/// assert_eq!(t.info.unwrap().updated_by.as_deref(), Some("api"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ServiceTicket {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Summary: `summary`.
    #[serde(rename = "summary", default, deserialize_with = "de::string")]
    pub summary: String,
    /// Record type: `recordType`.
    #[serde(rename = "recordType", default, deserialize_with = "de::opt_enum")]
    pub record_type: Option<RecordType>,
    /// Board (a reference): `board`.
    #[serde(rename = "board", default)]
    pub board: Option<Reference>,
    /// Status (a reference): `status`.
    #[serde(rename = "status", default)]
    pub status: Option<Reference>,
    /// Work role (a reference): `workRole`.
    #[serde(rename = "workRole", default)]
    pub work_role: Option<Reference>,
    /// Work type (a reference): `workType`.
    #[serde(rename = "workType", default)]
    pub work_type: Option<Reference>,
    /// Company (a reference): `company`.
    #[serde(rename = "company", default)]
    pub company: Option<Reference>,
    /// Site (a reference): `site`.
    #[serde(rename = "site", default)]
    pub site: Option<Reference>,
    /// Site name: `siteName`.
    #[serde(rename = "siteName", default, deserialize_with = "de::opt_string")]
    pub site_name: Option<String>,
    /// Address line1: `addressLine1`.
    #[serde(rename = "addressLine1", default, deserialize_with = "de::opt_string")]
    pub address_line1: Option<String>,
    /// Address line2: `addressLine2`.
    #[serde(rename = "addressLine2", default, deserialize_with = "de::opt_string")]
    pub address_line2: Option<String>,
    /// City: `city`.
    #[serde(rename = "city", default, deserialize_with = "de::opt_string")]
    pub city: Option<String>,
    /// State identifier: `stateIdentifier`.
    #[serde(
        rename = "stateIdentifier",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub state_identifier: Option<String>,
    /// Zip: `zip`.
    #[serde(rename = "zip", default, deserialize_with = "de::opt_string")]
    pub zip: Option<String>,
    /// Country (a reference): `country`.
    #[serde(rename = "country", default)]
    pub country: Option<Reference>,
    /// Contact (a reference): `contact`.
    #[serde(rename = "contact", default)]
    pub contact: Option<Reference>,
    /// Contact name: `contactName`.
    #[serde(rename = "contactName", default, deserialize_with = "de::opt_string")]
    pub contact_name: Option<String>,
    /// Contact phone number: `contactPhoneNumber`.
    #[serde(
        rename = "contactPhoneNumber",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub contact_phone_number: Option<String>,
    /// Contact phone extension: `contactPhoneExtension`.
    #[serde(
        rename = "contactPhoneExtension",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub contact_phone_extension: Option<String>,
    /// Contact email address: `contactEmailAddress`.
    #[serde(
        rename = "contactEmailAddress",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub contact_email_address: Option<String>,
    /// Type (a reference): `type`.
    #[serde(rename = "type", default)]
    pub ticket_type: Option<Reference>,
    /// Sub type (a reference): `subType`.
    #[serde(rename = "subType", default)]
    pub sub_type: Option<Reference>,
    /// Item (a reference): `item`.
    #[serde(rename = "item", default)]
    pub item: Option<Reference>,
    /// Team (a reference): `team`.
    #[serde(rename = "team", default)]
    pub team: Option<Reference>,
    /// Owner (a reference): `owner`.
    #[serde(rename = "owner", default)]
    pub owner: Option<Reference>,
    /// Priority (a reference): `priority`.
    #[serde(rename = "priority", default)]
    pub priority: Option<Reference>,
    /// Service location (a reference): `serviceLocation`.
    #[serde(rename = "serviceLocation", default)]
    pub service_location: Option<Reference>,
    /// Source (a reference): `source`.
    #[serde(rename = "source", default)]
    pub source: Option<Reference>,
    /// Required date: `requiredDate`.
    #[serde(
        rename = "requiredDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub required_date: Option<Field<OffsetDateTime>>,
    /// Budget hours: `budgetHours`.
    #[serde(rename = "budgetHours", default, deserialize_with = "de::opt_f64")]
    pub budget_hours: Option<f64>,
    /// Opportunity (a reference): `opportunity`.
    #[serde(rename = "opportunity", default)]
    pub opportunity: Option<Reference>,
    /// Agreement (a reference): `agreement`.
    #[serde(rename = "agreement", default)]
    pub agreement: Option<Reference>,
    /// Agreement type: `agreementType`.
    #[serde(rename = "agreementType", default, deserialize_with = "de::opt_string")]
    pub agreement_type: Option<String>,
    /// Severity: `severity`.
    #[serde(rename = "severity", default, deserialize_with = "de::opt_enum")]
    pub severity: Option<Level>,
    /// Impact: `impact`.
    #[serde(rename = "impact", default, deserialize_with = "de::opt_enum")]
    pub impact: Option<Level>,
    /// External x ref: `externalXRef`.
    #[serde(rename = "externalXRef", default, deserialize_with = "de::opt_string")]
    pub external_xref: Option<String>,
    /// Po number: `poNumber`.
    #[serde(rename = "poNumber", default, deserialize_with = "de::opt_string")]
    pub po_number: Option<String>,
    /// Knowledge base category id: `knowledgeBaseCategoryId`.
    #[serde(
        rename = "knowledgeBaseCategoryId",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub knowledge_base_category_id: Option<i64>,
    /// Knowledge base sub category id: `knowledgeBaseSubCategoryId`.
    #[serde(
        rename = "knowledgeBaseSubCategoryId",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub knowledge_base_sub_category_id: Option<i64>,
    /// Allow all clients portal view: `allowAllClientsPortalView`.
    #[serde(
        rename = "allowAllClientsPortalView",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub allow_all_clients_portal_view: Option<bool>,
    /// Customer updated flag: `customerUpdatedFlag`.
    #[serde(
        rename = "customerUpdatedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub customer_updated_flag: Option<bool>,
    /// Automatic email contact flag: `automaticEmailContactFlag`.
    #[serde(
        rename = "automaticEmailContactFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub automatic_email_contact_flag: Option<bool>,
    /// Automatic email resource flag: `automaticEmailResourceFlag`.
    #[serde(
        rename = "automaticEmailResourceFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub automatic_email_resource_flag: Option<bool>,
    /// Automatic email cc flag: `automaticEmailCcFlag`.
    #[serde(
        rename = "automaticEmailCcFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub automatic_email_cc_flag: Option<bool>,
    /// Automatic email cc: `automaticEmailCc`.
    #[serde(
        rename = "automaticEmailCc",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub automatic_email_cc: Option<String>,
    /// Closed date: `closedDate`.
    #[serde(rename = "closedDate", default, deserialize_with = "de::opt_datetime")]
    pub closed_date: Option<Field<OffsetDateTime>>,
    /// Closed by: `closedBy`.
    #[serde(rename = "closedBy", default, deserialize_with = "de::opt_string")]
    pub closed_by: Option<String>,
    /// Closed flag: `closedFlag`.
    #[serde(rename = "closedFlag", default, deserialize_with = "de::opt_bool")]
    pub closed_flag: Option<bool>,
    /// Actual hours: `actualHours`.
    #[serde(rename = "actualHours", default, deserialize_with = "de::opt_f64")]
    pub actual_hours: Option<f64>,
    /// Approved: `approved`.
    #[serde(rename = "approved", default, deserialize_with = "de::opt_bool")]
    pub approved: Option<bool>,
    /// Estimated expense cost: `estimatedExpenseCost`.
    #[serde(
        rename = "estimatedExpenseCost",
        default,
        deserialize_with = "de::opt_f64"
    )]
    pub estimated_expense_cost: Option<f64>,
    /// Estimated expense revenue: `estimatedExpenseRevenue`.
    #[serde(
        rename = "estimatedExpenseRevenue",
        default,
        deserialize_with = "de::opt_f64"
    )]
    pub estimated_expense_revenue: Option<f64>,
    /// Estimated product cost: `estimatedProductCost`.
    #[serde(
        rename = "estimatedProductCost",
        default,
        deserialize_with = "de::opt_f64"
    )]
    pub estimated_product_cost: Option<f64>,
    /// Estimated product revenue: `estimatedProductRevenue`.
    #[serde(
        rename = "estimatedProductRevenue",
        default,
        deserialize_with = "de::opt_f64"
    )]
    pub estimated_product_revenue: Option<f64>,
    /// Estimated time cost: `estimatedTimeCost`.
    #[serde(
        rename = "estimatedTimeCost",
        default,
        deserialize_with = "de::opt_f64"
    )]
    pub estimated_time_cost: Option<f64>,
    /// Estimated time revenue: `estimatedTimeRevenue`.
    #[serde(
        rename = "estimatedTimeRevenue",
        default,
        deserialize_with = "de::opt_f64"
    )]
    pub estimated_time_revenue: Option<f64>,
    /// Billing method: `billingMethod`.
    #[serde(rename = "billingMethod", default, deserialize_with = "de::opt_string")]
    pub billing_method: Option<String>,
    /// Billing amount: `billingAmount`.
    #[serde(rename = "billingAmount", default, deserialize_with = "de::opt_f64")]
    pub billing_amount: Option<f64>,
    /// Hourly rate: `hourlyRate`.
    #[serde(rename = "hourlyRate", default, deserialize_with = "de::opt_f64")]
    pub hourly_rate: Option<f64>,
    /// Sub billing method: `subBillingMethod`.
    #[serde(
        rename = "subBillingMethod",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub sub_billing_method: Option<String>,
    /// Sub billing amount: `subBillingAmount`.
    #[serde(rename = "subBillingAmount", default, deserialize_with = "de::opt_f64")]
    pub sub_billing_amount: Option<f64>,
    /// Sub date accepted: `subDateAccepted`.
    #[serde(
        rename = "subDateAccepted",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub sub_date_accepted: Option<Field<OffsetDateTime>>,
    /// Date resolved: `dateResolved`.
    #[serde(
        rename = "dateResolved",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub date_resolved: Option<Field<OffsetDateTime>>,
    /// Date resplan: `dateResplan`.
    #[serde(rename = "dateResplan", default, deserialize_with = "de::opt_datetime")]
    pub date_resplan: Option<Field<OffsetDateTime>>,
    /// Date responded: `dateResponded`.
    #[serde(
        rename = "dateResponded",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub date_responded: Option<Field<OffsetDateTime>>,
    /// Resolve minutes: `resolveMinutes`.
    #[serde(rename = "resolveMinutes", default, deserialize_with = "de::opt_i64")]
    pub resolve_minutes: Option<i64>,
    /// Res plan minutes: `resPlanMinutes`.
    #[serde(rename = "resPlanMinutes", default, deserialize_with = "de::opt_i64")]
    pub res_plan_minutes: Option<i64>,
    /// Respond minutes: `respondMinutes`.
    #[serde(rename = "respondMinutes", default, deserialize_with = "de::opt_i64")]
    pub respond_minutes: Option<i64>,
    /// Is in sla: `isInSla`.
    #[serde(rename = "isInSla", default, deserialize_with = "de::opt_bool")]
    pub is_in_sla: Option<bool>,
    /// Knowledge base link id: `knowledgeBaseLinkId`.
    #[serde(
        rename = "knowledgeBaseLinkId",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub knowledge_base_link_id: Option<i64>,
    /// Resources: `resources`.
    #[serde(rename = "resources", default, deserialize_with = "de::opt_string")]
    pub resources: Option<String>,
    /// Parent ticket id: `parentTicketId`.
    #[serde(rename = "parentTicketId", default, deserialize_with = "de::opt_i64")]
    pub parent_ticket_id: Option<i64>,
    /// Has child ticket: `hasChildTicket`.
    #[serde(rename = "hasChildTicket", default, deserialize_with = "de::opt_bool")]
    pub has_child_ticket: Option<bool>,
    /// Has merged child ticket flag: `hasMergedChildTicketFlag`.
    #[serde(
        rename = "hasMergedChildTicketFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub has_merged_child_ticket_flag: Option<bool>,
    /// Knowledge base link type: `knowledgeBaseLinkType`.
    #[serde(
        rename = "knowledgeBaseLinkType",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub knowledge_base_link_type: Option<String>,
    /// Bill time: `billTime`.
    #[serde(rename = "billTime", default, deserialize_with = "de::opt_string")]
    pub bill_time: Option<String>,
    /// Bill expenses: `billExpenses`.
    #[serde(rename = "billExpenses", default, deserialize_with = "de::opt_string")]
    pub bill_expenses: Option<String>,
    /// Bill products: `billProducts`.
    #[serde(rename = "billProducts", default, deserialize_with = "de::opt_string")]
    pub bill_products: Option<String>,
    /// Predecessor type: `predecessorType`.
    #[serde(
        rename = "predecessorType",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub predecessor_type: Option<String>,
    /// Predecessor id: `predecessorId`.
    #[serde(rename = "predecessorId", default, deserialize_with = "de::opt_i64")]
    pub predecessor_id: Option<i64>,
    /// Predecessor closed flag: `predecessorClosedFlag`.
    #[serde(
        rename = "predecessorClosedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub predecessor_closed_flag: Option<bool>,
    /// Lag days: `lagDays`.
    #[serde(rename = "lagDays", default, deserialize_with = "de::opt_i64")]
    pub lag_days: Option<i64>,
    /// Lag nonworking days flag: `lagNonworkingDaysFlag`.
    #[serde(
        rename = "lagNonworkingDaysFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub lag_nonworking_days_flag: Option<bool>,
    /// Estimated start date: `estimatedStartDate`.
    #[serde(
        rename = "estimatedStartDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub estimated_start_date: Option<Field<OffsetDateTime>>,
    /// Duration: `duration`.
    #[serde(rename = "duration", default, deserialize_with = "de::opt_i64")]
    pub duration: Option<i64>,
    /// Location (a reference): `location`.
    #[serde(rename = "location", default)]
    pub location: Option<Reference>,
    /// Department (a reference): `department`.
    #[serde(rename = "department", default)]
    pub department: Option<Reference>,
    /// Mobile guid: `mobileGuid`.
    #[serde(rename = "mobileGuid", default, deserialize_with = "de::opt_string")]
    pub mobile_guid: Option<String>,
    /// Sla (a reference): `sla`.
    #[serde(rename = "sla", default)]
    pub sla: Option<Reference>,
    /// Sla status: `slaStatus`.
    #[serde(rename = "slaStatus", default, deserialize_with = "de::opt_string")]
    pub sla_status: Option<String>,
    /// Request for change flag: `requestForChangeFlag`.
    #[serde(
        rename = "requestForChangeFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub request_for_change_flag: Option<bool>,
    /// Currency (a reference): `currency`.
    #[serde(rename = "currency", default)]
    pub currency: Option<Reference>,
    /// Merged parent ticket (a reference): `mergedParentTicket`.
    #[serde(rename = "mergedParentTicket", default)]
    pub merged_parent_ticket: Option<Reference>,
    /// Integrator tags: `integratorTags`.
    #[serde(rename = "integratorTags", default, deserialize_with = "de::vec")]
    pub integrator_tags: Vec<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Escalation start date utc: `escalationStartDateUTC`.
    #[serde(
        rename = "escalationStartDateUTC",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub escalation_start_date_utc: Option<Field<OffsetDateTime>>,
    /// Escalation level: `escalationLevel`.
    #[serde(rename = "escalationLevel", default, deserialize_with = "de::opt_i64")]
    pub escalation_level: Option<i64>,
    /// Minutes before waiting: `minutesBeforeWaiting`.
    #[serde(
        rename = "minutesBeforeWaiting",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub minutes_before_waiting: Option<i64>,
    /// Responded skipped minutes: `respondedSkippedMinutes`.
    #[serde(
        rename = "respondedSkippedMinutes",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub responded_skipped_minutes: Option<i64>,
    /// Resplan skipped minutes: `resplanSkippedMinutes`.
    #[serde(
        rename = "resplanSkippedMinutes",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub resplan_skipped_minutes: Option<i64>,
    /// Responded hours: `respondedHours`.
    #[serde(rename = "respondedHours", default, deserialize_with = "de::opt_f64")]
    pub responded_hours: Option<f64>,
    /// Responded by: `respondedBy`.
    #[serde(rename = "respondedBy", default, deserialize_with = "de::opt_string")]
    pub responded_by: Option<String>,
    /// Resplan hours: `resplanHours`.
    #[serde(rename = "resplanHours", default, deserialize_with = "de::opt_f64")]
    pub resplan_hours: Option<f64>,
    /// Resplan by: `resplanBy`.
    #[serde(rename = "resplanBy", default, deserialize_with = "de::opt_string")]
    pub resplan_by: Option<String>,
    /// Resolution hours: `resolutionHours`.
    #[serde(rename = "resolutionHours", default, deserialize_with = "de::opt_f64")]
    pub resolution_hours: Option<f64>,
    /// Resolved by: `resolvedBy`.
    #[serde(rename = "resolvedBy", default, deserialize_with = "de::opt_string")]
    pub resolved_by: Option<String>,
    /// Minutes waiting: `minutesWaiting`.
    #[serde(rename = "minutesWaiting", default, deserialize_with = "de::opt_i64")]
    pub minutes_waiting: Option<i64>,
    /// Custom fields: `customFields`.
    #[serde(rename = "customFields", default, deserialize_with = "de::vec")]
    pub custom_fields: Vec<CustomField>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ServiceTicket {
    /// Whether the ticket is closed (`closedFlag`).
    pub fn is_closed(&self) -> bool {
        self.closed_flag.unwrap_or(false)
    }

    /// The custom field with this caption, if any.
    pub fn custom_field(&self, caption: &str) -> Option<&CustomField> {
        self.custom_fields
            .iter()
            .find(|f| f.caption.as_deref() == Some(caption))
    }
}

/// A service ticket to create (`POST /service/tickets`).
///
/// Only writable fields exist here, so read-only fields (`id`, `_info`, `closedDate`, …) can
/// never be sent; `None` fields are omitted. `summary` (at most 100 characters) and `company`
/// are required; ConnectWise fills in board, status and priority defaults when they are absent.
/// Fields not modelled here go in [`extra`](Self::extra) and are sent as given.
///
/// ```
/// use psa_connectwise::models::{NewServiceTicket, Reference};
/// let t = NewServiceTicket::new("Email down", Reference::identifier("Contoso"))
///     .board(Reference::name("Help Desk"))
///     .initial_description("Outlook cannot connect")
///     .external_xref("chat-7f3a");
/// let json = serde_json::to_value(&t).unwrap();
/// assert_eq!(json, serde_json::json!({
///     "summary": "Email down",
///     "company": {"identifier": "Contoso"},
///     "board": {"name": "Help Desk"},
///     "initialDescription": "Outlook cannot connect",
///     "externalXRef": "chat-7f3a"
/// }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewServiceTicket {
    /// The summary (required, at most 100 characters).
    pub summary: String,
    /// The company (required).
    pub company: Reference,
    /// `recordType` (ServiceTicket by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_type: Option<RecordType>,
    /// The service board.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub board: Option<Reference>,
    /// The status (must belong to the board).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Reference>,
    /// The priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Reference>,
    /// The contact who raised it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Reference>,
    /// The contact's name, when there is no contact record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// The contact's phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_phone_number: Option<String>,
    /// The contact's email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email_address: Option<String>,
    /// Looks the contact up by email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email_lookup: Option<String>,
    /// The company site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<Reference>,
    /// The ticket type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<Reference>,
    /// The subtype.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<Reference>,
    /// The item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Reference>,
    /// The service team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Reference>,
    /// The owner (a member).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Reference>,
    /// The source (see [`crate::ConnectWiseClient::register_source`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Reference>,
    /// The service location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_location: Option<Reference>,
    /// The agreement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Reference>,
    /// The work role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_role: Option<Reference>,
    /// The work type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_type: Option<Reference>,
    /// Severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Level>,
    /// Impact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<Level>,
    /// When it is due (sent as `yyyy-MM-ddTHH:mm:ssZ`).
    #[serde(
        serialize_with = "de::ser_opt_datetime",
        skip_serializing_if = "Option::is_none"
    )]
    pub required_date: Option<OffsetDateTime>,
    /// Budgeted hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_hours: Option<f64>,
    /// An external reference; psa-sdk stores idempotency keys here.
    #[serde(rename = "externalXRef", skip_serializing_if = "Option::is_none")]
    pub external_xref: Option<String>,
    /// The customer's PO number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub po_number: Option<String>,
    /// The problem description: becomes the first Discussion note (write-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_description: Option<String>,
    /// The first Internal note (write-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_internal_analysis: Option<String>,
    /// The first Resolution note (write-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_resolution: Option<String>,
    /// Who the description is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_description_from: Option<String>,
    /// Whether ConnectWise runs its notification workflows (its default is true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_notifications: Option<bool>,
    /// Whether callbacks are suppressed for this change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_callback: Option<bool>,
    /// Email the contact automatically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_email_contact_flag: Option<bool>,
    /// Email the resources automatically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_email_resource_flag: Option<bool>,
    /// Integrator tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub integrator_tags: Vec<String>,
    /// Custom fields (the whole set).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<CustomField>,
    /// Further writable fields, sent as given (keys are the vendor's field names).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NewServiceTicket {
    /// A ticket with its two required fields.
    pub fn new(summary: impl Into<String>, company: Reference) -> Self {
        NewServiceTicket {
            summary: summary.into(),
            company,
            ..Default::default()
        }
    }
    /// Sets the board.
    pub fn board(mut self, v: Reference) -> Self {
        self.board = Some(v);
        self
    }
    /// Sets the status.
    pub fn status(mut self, v: Reference) -> Self {
        self.status = Some(v);
        self
    }
    /// Sets the priority.
    pub fn priority(mut self, v: Reference) -> Self {
        self.priority = Some(v);
        self
    }
    /// Sets the contact.
    pub fn contact(mut self, v: Reference) -> Self {
        self.contact = Some(v);
        self
    }
    /// Sets the owner.
    pub fn owner(mut self, v: Reference) -> Self {
        self.owner = Some(v);
        self
    }
    /// Sets the source.
    pub fn source(mut self, v: Reference) -> Self {
        self.source = Some(v);
        self
    }
    /// Sets the description (the first Discussion note).
    pub fn initial_description(mut self, v: impl Into<String>) -> Self {
        self.initial_description = Some(v.into());
        self
    }
    /// Sets the first Internal note.
    pub fn initial_internal_analysis(mut self, v: impl Into<String>) -> Self {
        self.initial_internal_analysis = Some(v.into());
        self
    }
    /// Sets `externalXRef`.
    pub fn external_xref(mut self, v: impl Into<String>) -> Self {
        self.external_xref = Some(v.into());
        self
    }
    /// Sets the due date.
    pub fn required_date(mut self, v: OffsetDateTime) -> Self {
        self.required_date = Some(v);
        self
    }
    /// Sets a further field by its vendor name.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(name.into(), value.into());
        self
    }

    /// Checks what ConnectWise requires before anything is sent: a summary of 1–100
    /// characters and a company reference that names something.
    ///
    /// ```
    /// use psa_connectwise::models::{NewServiceTicket, Reference};
    /// assert!(NewServiceTicket::new("ok", Reference::id(1)).validate().is_ok());
    /// let err = NewServiceTicket::new("x".repeat(101), Reference::id(1)).validate().unwrap_err();
    /// assert_eq!(err.fields(), ["summary"]);
    /// assert!(NewServiceTicket::new("ok", Reference::default()).validate().is_err());
    /// ```
    pub fn validate(&self) -> psa_core::Result<()> {
        use psa_core::{Error, ErrorKind};
        let n = self.summary.trim().chars().count();
        if n == 0 {
            return Err(
                Error::new(ErrorKind::Validation, "a ticket needs a non-empty summary")
                    .with_fields(["summary"]),
            );
        }
        if self.summary.chars().count() > MAX_SUMMARY {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "the summary has {} characters; ConnectWise allows at most {MAX_SUMMARY}",
                    self.summary.chars().count()
                ),
            )
            .with_fields(["summary"]));
        }
        let c = &self.company;
        if c.id.is_none() && c.identifier.is_none() && c.name.is_none() {
            return Err(Error::new(
                ErrorKind::Validation,
                "a ticket needs a company (by id, identifier or name)",
            )
            .with_fields(["company"]));
        }
        Ok(())
    }
}

/// The longest ticket summary ConnectWise accepts.
pub const MAX_SUMMARY: usize = 100;
