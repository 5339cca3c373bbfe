//! Service boards and their statuses (`/service/boards`, `/service/boards/{id}/statuses`).

use serde::Deserialize;
use serde_json::{Map, Value};

use super::common::{Info, Reference};
use super::de;

/// A service board, every documented field, unknown fields kept.
///
/// ```
/// let b: psa_connectwise::models::Board = serde_json::from_value(serde_json::json!({
///     "id": 1, "name": "Help Desk", "location": {"id": 2, "name": "Tampa"},
///     "department": {"id": 3, "identifier": "Services", "name": "Services"}, "inactiveFlag": false
/// })).unwrap();
/// assert!(b.is_active());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Board {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Location (a reference): `location`.
    #[serde(rename = "location", default)]
    pub location: Option<Reference>,
    /// Department (a reference): `department`.
    #[serde(rename = "department", default)]
    pub department: Option<Reference>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Sign off template (a reference): `signOffTemplate`.
    #[serde(rename = "signOffTemplate", default)]
    pub sign_off_template: Option<Reference>,
    /// Send to contact flag: `sendToContactFlag`.
    #[serde(
        rename = "sendToContactFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub send_to_contact_flag: Option<bool>,
    /// Contact template (a reference): `contactTemplate`.
    #[serde(rename = "contactTemplate", default)]
    pub contact_template: Option<Reference>,
    /// Send to resource flag: `sendToResourceFlag`.
    #[serde(
        rename = "sendToResourceFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub send_to_resource_flag: Option<bool>,
    /// Resource template (a reference): `resourceTemplate`.
    #[serde(rename = "resourceTemplate", default)]
    pub resource_template: Option<Reference>,
    /// Project flag: `projectFlag`.
    #[serde(rename = "projectFlag", default, deserialize_with = "de::opt_bool")]
    pub project_flag: Option<bool>,
    /// Show dependencies flag: `showDependenciesFlag`.
    #[serde(
        rename = "showDependenciesFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub show_dependencies_flag: Option<bool>,
    /// Show estimates flag: `showEstimatesFlag`.
    #[serde(
        rename = "showEstimatesFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub show_estimates_flag: Option<bool>,
    /// Board icon (a reference): `boardIcon`.
    #[serde(rename = "boardIcon", default)]
    pub board_icon: Option<Reference>,
    /// Bill tickets after closed flag: `billTicketsAfterClosedFlag`.
    #[serde(
        rename = "billTicketsAfterClosedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub bill_tickets_after_closed_flag: Option<bool>,
    /// Bill ticket separately flag: `billTicketSeparatelyFlag`.
    #[serde(
        rename = "billTicketSeparatelyFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub bill_ticket_separately_flag: Option<bool>,
    /// Bill unapproved time expense flag: `billUnapprovedTimeExpenseFlag`.
    #[serde(
        rename = "billUnapprovedTimeExpenseFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub bill_unapproved_time_expense_flag: Option<bool>,
    /// Override billing setup flag: `overrideBillingSetupFlag`.
    #[serde(
        rename = "overrideBillingSetupFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub override_billing_setup_flag: Option<bool>,
    /// Dispatch member (a reference): `dispatchMember`.
    #[serde(rename = "dispatchMember", default)]
    pub dispatch_member: Option<Reference>,
    /// Service manager member (a reference): `serviceManagerMember`.
    #[serde(rename = "serviceManagerMember", default)]
    pub service_manager_member: Option<Reference>,
    /// Duty manager member (a reference): `dutyManagerMember`.
    #[serde(rename = "dutyManagerMember", default)]
    pub duty_manager_member: Option<Reference>,
    /// Oncall member (a reference): `oncallMember`.
    #[serde(rename = "oncallMember", default)]
    pub oncall_member: Option<Reference>,
    /// Work role (a reference): `workRole`.
    #[serde(rename = "workRole", default)]
    pub work_role: Option<Reference>,
    /// Work type (a reference): `workType`.
    #[serde(rename = "workType", default)]
    pub work_type: Option<Reference>,
    /// Bill time: `billTime`.
    #[serde(rename = "billTime", default, deserialize_with = "de::opt_string")]
    pub bill_time: Option<String>,
    /// Bill expense: `billExpense`.
    #[serde(rename = "billExpense", default, deserialize_with = "de::opt_string")]
    pub bill_expense: Option<String>,
    /// Bill product: `billProduct`.
    #[serde(rename = "billProduct", default, deserialize_with = "de::opt_string")]
    pub bill_product: Option<String>,
    /// Auto close status (a reference): `autoCloseStatus`.
    #[serde(rename = "autoCloseStatus", default)]
    pub auto_close_status: Option<Reference>,
    /// Auto assign new tickets flag: `autoAssignNewTicketsFlag`.
    #[serde(
        rename = "autoAssignNewTicketsFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_assign_new_tickets_flag: Option<bool>,
    /// Auto assign new ec tickets flag: `autoAssignNewECTicketsFlag`.
    #[serde(
        rename = "autoAssignNewECTicketsFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_assign_new_ec_tickets_flag: Option<bool>,
    /// Auto assign new portal tickets flag: `autoAssignNewPortalTicketsFlag`.
    #[serde(
        rename = "autoAssignNewPortalTicketsFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_assign_new_portal_tickets_flag: Option<bool>,
    /// Discussions locked flag: `discussionsLockedFlag`.
    #[serde(
        rename = "discussionsLockedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub discussions_locked_flag: Option<bool>,
    /// Time entry locked flag: `timeEntryLockedFlag`.
    #[serde(
        rename = "timeEntryLockedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub time_entry_locked_flag: Option<bool>,
    /// Notify email from: `notifyEmailFrom`.
    #[serde(
        rename = "notifyEmailFrom",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub notify_email_from: Option<String>,
    /// Notify email from name: `notifyEmailFromName`.
    #[serde(
        rename = "notifyEmailFromName",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub notify_email_from_name: Option<String>,
    /// Closed loop discussions flag: `closedLoopDiscussionsFlag`.
    #[serde(
        rename = "closedLoopDiscussionsFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub closed_loop_discussions_flag: Option<bool>,
    /// Closed loop resolution flag: `closedLoopResolutionFlag`.
    #[serde(
        rename = "closedLoopResolutionFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub closed_loop_resolution_flag: Option<bool>,
    /// Closed loop internal analysis flag: `closedLoopInternalAnalysisFlag`.
    #[serde(
        rename = "closedLoopInternalAnalysisFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub closed_loop_internal_analysis_flag: Option<bool>,
    /// Time entry discussion flag: `timeEntryDiscussionFlag`.
    #[serde(
        rename = "timeEntryDiscussionFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub time_entry_discussion_flag: Option<bool>,
    /// Time entry resolution flag: `timeEntryResolutionFlag`.
    #[serde(
        rename = "timeEntryResolutionFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub time_entry_resolution_flag: Option<bool>,
    /// Time entry internal analysis flag: `timeEntryInternalAnalysisFlag`.
    #[serde(
        rename = "timeEntryInternalAnalysisFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub time_entry_internal_analysis_flag: Option<bool>,
    /// Problem sort: `problemSort`.
    #[serde(rename = "problemSort", default, deserialize_with = "de::opt_string")]
    pub problem_sort: Option<String>,
    /// Resolution sort: `resolutionSort`.
    #[serde(
        rename = "resolutionSort",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub resolution_sort: Option<String>,
    /// Internal analysis sort: `internalAnalysisSort`.
    #[serde(
        rename = "internalAnalysisSort",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub internal_analysis_sort: Option<String>,
    /// Email connector allow reopen closed flag: `emailConnectorAllowReopenClosedFlag`.
    #[serde(
        rename = "emailConnectorAllowReopenClosedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_connector_allow_reopen_closed_flag: Option<bool>,
    /// Email connector reopen status (a reference): `emailConnectorReopenStatus`.
    #[serde(rename = "emailConnectorReopenStatus", default)]
    pub email_connector_reopen_status: Option<Reference>,
    /// Email connector reopen resources flag: `emailConnectorReopenResourcesFlag`.
    #[serde(
        rename = "emailConnectorReopenResourcesFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_connector_reopen_resources_flag: Option<bool>,
    /// Email connector new ticket no match flag: `emailConnectorNewTicketNoMatchFlag`.
    #[serde(
        rename = "emailConnectorNewTicketNoMatchFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_connector_new_ticket_no_match_flag: Option<bool>,
    /// Email connector never reopen by days flag: `emailConnectorNeverReopenByDaysFlag`.
    #[serde(
        rename = "emailConnectorNeverReopenByDaysFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_connector_never_reopen_by_days_flag: Option<bool>,
    /// Email connector reopen days limit: `emailConnectorReopenDaysLimit`.
    #[serde(
        rename = "emailConnectorReopenDaysLimit",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub email_connector_reopen_days_limit: Option<i64>,
    /// Email connector never reopen by days closed flag: `emailConnectorNeverReopenByDaysClosedFlag`.
    #[serde(
        rename = "emailConnectorNeverReopenByDaysClosedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_connector_never_reopen_by_days_closed_flag: Option<bool>,
    /// Email connector reopen days closed limit: `emailConnectorReopenDaysClosedLimit`.
    #[serde(
        rename = "emailConnectorReopenDaysClosedLimit",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub email_connector_reopen_days_closed_limit: Option<i64>,
    /// Use member display name flag: `useMemberDisplayNameFlag`.
    #[serde(
        rename = "useMemberDisplayNameFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub use_member_display_name_flag: Option<bool>,
    /// Send to cc flag: `sendToCCFlag`.
    #[serde(rename = "sendToCCFlag", default, deserialize_with = "de::opt_bool")]
    pub send_to_cc_flag: Option<bool>,
    /// Auto assign ticket owner flag: `autoAssignTicketOwnerFlag`.
    #[serde(
        rename = "autoAssignTicketOwnerFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_assign_ticket_owner_flag: Option<bool>,
    /// Auto assign limit flag: `autoAssignLimitFlag`.
    #[serde(
        rename = "autoAssignLimitFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub auto_assign_limit_flag: Option<bool>,
    /// Auto assign limit amount: `autoAssignLimitAmount`.
    #[serde(
        rename = "autoAssignLimitAmount",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub auto_assign_limit_amount: Option<i64>,
    /// Closed loop all flag: `closedLoopAllFlag`.
    #[serde(
        rename = "closedLoopAllFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub closed_loop_all_flag: Option<bool>,
    /// Percentage calculation: `percentageCalculation`.
    #[serde(
        rename = "percentageCalculation",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub percentage_calculation: Option<String>,
    /// All sort: `allSort`.
    #[serde(rename = "allSort", default, deserialize_with = "de::opt_string")]
    pub all_sort: Option<String>,
    /// Mark first note issue flag: `markFirstNoteIssueFlag`.
    #[serde(
        rename = "markFirstNoteIssueFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub mark_first_note_issue_flag: Option<bool>,
    /// Restrict board by default flag: `restrictBoardByDefaultFlag`.
    #[serde(
        rename = "restrictBoardByDefaultFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub restrict_board_by_default_flag: Option<bool>,
    /// Send to bundled flag: `sendToBundledFlag`.
    #[serde(
        rename = "sendToBundledFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub send_to_bundled_flag: Option<bool>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Board {
    /// Not marked inactive.
    pub fn is_active(&self) -> bool {
        !self.inactive_flag.unwrap_or(false)
    }
}

/// A status of a service board, every documented field, unknown fields kept.
///
/// ```
/// let s: psa_connectwise::models::BoardStatus = serde_json::from_value(serde_json::json!({
///     "id": 16, "name": ">Closed", "board": {"id": 1, "name": "Help Desk"}, "sortOrder": 9,
///     "closedStatus": true, "inactive": false, "defaultFlag": false
/// })).unwrap();
/// assert!(s.is_closed() && s.is_active());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BoardStatus {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Board (a reference): `board`.
    #[serde(rename = "board", default)]
    pub board: Option<Reference>,
    /// Sort order: `sortOrder`.
    #[serde(rename = "sortOrder", default, deserialize_with = "de::opt_i64")]
    pub sort_order: Option<i64>,
    /// Display on board: `displayOnBoard`.
    #[serde(rename = "displayOnBoard", default, deserialize_with = "de::opt_bool")]
    pub display_on_board: Option<bool>,
    /// Inactive: `inactive`.
    #[serde(rename = "inactive", default, deserialize_with = "de::opt_bool")]
    pub inactive: Option<bool>,
    /// Closed status: `closedStatus`.
    #[serde(rename = "closedStatus", default, deserialize_with = "de::opt_bool")]
    pub closed_status: Option<bool>,
    /// Time entry not allowed: `timeEntryNotAllowed`.
    #[serde(
        rename = "timeEntryNotAllowed",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub time_entry_not_allowed: Option<bool>,
    /// Round robin catchall: `roundRobinCatchall`.
    #[serde(
        rename = "roundRobinCatchall",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub round_robin_catchall: Option<bool>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// Escalation status: `escalationStatus`.
    #[serde(
        rename = "escalationStatus",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub escalation_status: Option<String>,
    /// Customer portal description: `customerPortalDescription`.
    #[serde(
        rename = "customerPortalDescription",
        default,
        deserialize_with = "de::opt_text"
    )]
    pub customer_portal_description: Option<String>,
    /// Customer portal flag: `customerPortalFlag`.
    #[serde(
        rename = "customerPortalFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub customer_portal_flag: Option<bool>,
    /// Email template (a reference): `emailTemplate`.
    #[serde(rename = "emailTemplate", default)]
    pub email_template: Option<Reference>,
    /// Status indicator (a reference): `statusIndicator`.
    #[serde(rename = "statusIndicator", default)]
    pub status_indicator: Option<Reference>,
    /// Custom status indicator name: `customStatusIndicatorName`.
    #[serde(
        rename = "customStatusIndicatorName",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub custom_status_indicator_name: Option<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Save time as note: `saveTimeAsNote`.
    #[serde(rename = "saveTimeAsNote", default, deserialize_with = "de::opt_bool")]
    pub save_time_as_note: Option<bool>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BoardStatus {
    /// Tickets in this status count as closed.
    pub fn is_closed(&self) -> bool {
        self.closed_status.unwrap_or(false)
    }
    /// Not marked inactive.
    pub fn is_active(&self) -> bool {
        !self.inactive.unwrap_or(false)
    }
}
