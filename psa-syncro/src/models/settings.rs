use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{UserSummary, flex};

/// Account settings from `GET /settings`: problem types and priorities live under `ticket`.
///
/// ```
/// let s: psa_syncro::models::AccountSettings = serde_json::from_str(
///     r#"{"ticket":{"problem_types":["Virus","Other"],"priorities":["","0 Urgent","2 Normal"]},"locale":{"time_zone":"America/Los_Angeles"}}"#,
/// ).unwrap();
/// assert_eq!(s.ticket.priority_labels(), vec!["0 Urgent", "2 Normal"]);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountSettings {
    /// Ticket settings.
    #[serde(default)]
    pub ticket: TicketSection,
    /// Locale (`time_zone`, `time_offset`, `date_format`, …).
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub locale: Map<String, Value>,
    /// Customer settings.
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub customers: Map<String, Value>,
    /// Asset settings.
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub assets: Map<String, Value>,
    /// Whether business hours are on.
    #[serde(default, with = "flex::opt_bool")]
    pub business_hours_enabled: Option<bool>,
    /// Business hours per day.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub business_hours: Vec<Value>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `ticket` part of `GET /settings`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketSection {
    /// Problem types.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub problem_types: Vec<String>,
    /// Priority labels; the list may start with `""` (no priority).
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub priorities: Vec<String>,
    /// Ticket types.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_types: Vec<Value>,
    /// Ticket type fields.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_type_fields: Vec<Value>,
    /// Ticket type field answers.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_type_field_answers: Vec<Value>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TicketSection {
    /// The priority labels without the empty "no priority" entry.
    pub fn priority_labels(&self) -> Vec<&str> {
        self.priorities
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Ticket settings from `GET /tickets/settings`: the status list, ticket types and users.
///
/// ```
/// let s: psa_syncro::models::TicketSettings = serde_json::from_str(
///     r#"{"ticket_status_list":["New","In Progress","Resolved"],"users":[{"id":1,"name":"Bat Man"}],"require_ticket_type":null}"#,
/// ).unwrap();
/// assert_eq!(s.ticket_status_list.len(), 3);
/// assert_eq!(s.users[0].name, "Bat Man");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketSettings {
    /// The account's ticket statuses, in display order.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_status_list: Vec<String>,
    /// Ticket types.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_types: Vec<Value>,
    /// Ticket type fields.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_type_fields: Vec<Value>,
    /// Ticket type field answers.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub ticket_type_field_answers: Vec<Value>,
    /// Appointment types.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub appointment_types: Vec<Value>,
    /// Users (`{id, name}`).
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub users: Vec<UserSummary>,
    /// Saved ticket searches.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub saved_searches: Vec<Value>,
    /// Whether a ticket type is required on create.
    #[serde(default, with = "flex::opt_bool")]
    pub require_ticket_type: Option<bool>,
    /// Whether an intake form is required.
    #[serde(default, with = "flex::opt_bool")]
    pub require_intake_form_with_ticket: Option<bool>,
    /// Whether an outtake form is required.
    #[serde(default, with = "flex::opt_bool")]
    pub require_outtake_form_with_ticket: Option<bool>,
    /// Default labor product.
    #[serde(default, with = "flex::opt_i64")]
    pub default_labor_product_id: Option<i64>,
    /// Default workflow.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_workflow_default_id: Option<i64>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
