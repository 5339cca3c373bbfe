//! Project tickets (`/project/tickets`): the tickets of a project's work plan, with their
//! project, phase and WBS code. Their notes are [`ServiceNote`](super::ServiceNote)s
//! (`/project/tickets/{id}/notes`, the vendor's `TicketNote` has the same fields).
//!
//! Field names follow the vendor's project `Ticket` model.

use psa_core::wire::Field;
use psa_core::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference};
use super::de;

/// The longest project ticket summary ConnectWise accepts.
pub const MAX_PROJECT_TICKET_SUMMARY: usize = 100;

/// A project ticket, the documented fields, unknown fields kept.
///
/// ```
/// let t: psa_connectwise::models::ProjectTicket = serde_json::from_value(serde_json::json!({
///     "id": 4101, "summary": "Migrate mailboxes  ", "project": {"id": 12, "name": "M365 move"},
///     "phase": {"id": 31, "name": "Cutover"}, "wbsCode": "1.2", "budgetHours": "6.5",
///     "board": {"id": 9, "name": "Projects"}, "status": {"id": 70, "name": "New"},
///     "company": {"id": 250, "identifier": "Contoso"}
/// })).unwrap();
/// assert_eq!(t.summary.as_deref(), Some("Migrate mailboxes"));
/// assert_eq!(t.project.and_then(|p| p.id), Some(12));
/// assert_eq!(t.wbs_code.as_deref(), Some("1.2"));
/// assert_eq!(t.budget_hours, Some(6.5));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProjectTicket {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Summary: `summary`.
    #[serde(rename = "summary", default, deserialize_with = "de::opt_string")]
    pub summary: Option<String>,
    /// Whether it is a project issue rather than a task ticket: `isIssueFlag`.
    #[serde(rename = "isIssueFlag", default, deserialize_with = "de::opt_bool")]
    pub is_issue_flag: Option<bool>,
    /// Project (a reference): `project`.
    #[serde(rename = "project", default)]
    pub project: Option<Reference>,
    /// Project phase (a reference): `phase`.
    #[serde(rename = "phase", default)]
    pub phase: Option<Reference>,
    /// Work breakdown structure code, e.g. `1.2`: `wbsCode`.
    #[serde(rename = "wbsCode", default, deserialize_with = "de::opt_string")]
    pub wbs_code: Option<String>,
    /// Project board (a reference): `board`.
    #[serde(rename = "board", default)]
    pub board: Option<Reference>,
    /// Status (a reference): `status`.
    #[serde(rename = "status", default)]
    pub status: Option<Reference>,
    /// Company (a reference): `company`.
    #[serde(rename = "company", default)]
    pub company: Option<Reference>,
    /// Company site (a reference): `site`.
    #[serde(rename = "site", default)]
    pub site: Option<Reference>,
    /// Contact (a reference): `contact`.
    #[serde(rename = "contact", default)]
    pub contact: Option<Reference>,
    /// Contact name: `contactName`.
    #[serde(rename = "contactName", default, deserialize_with = "de::opt_string")]
    pub contact_name: Option<String>,
    /// Contact email: `contactEmailAddress`.
    #[serde(
        rename = "contactEmailAddress",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub contact_email_address: Option<String>,
    /// Type (a reference): `type`.
    #[serde(rename = "type", default)]
    pub ticket_type: Option<Reference>,
    /// Subtype (a reference): `subType`.
    #[serde(rename = "subType", default)]
    pub sub_type: Option<Reference>,
    /// Item (a reference): `item`.
    #[serde(rename = "item", default)]
    pub item: Option<Reference>,
    /// Owner (a member reference): `owner`.
    #[serde(rename = "owner", default)]
    pub owner: Option<Reference>,
    /// Priority (a reference): `priority`.
    #[serde(rename = "priority", default)]
    pub priority: Option<Reference>,
    /// Source (a reference): `source`.
    #[serde(rename = "source", default)]
    pub source: Option<Reference>,
    /// Agreement (a reference): `agreement`.
    #[serde(rename = "agreement", default)]
    pub agreement: Option<Reference>,
    /// Opportunity (a reference): `opportunity`.
    #[serde(rename = "opportunity", default)]
    pub opportunity: Option<Reference>,
    /// Budgeted hours: `budgetHours`.
    #[serde(rename = "budgetHours", default, deserialize_with = "de::opt_f64")]
    pub budget_hours: Option<f64>,
    /// Hours worked: `actualHours`.
    #[serde(rename = "actualHours", default, deserialize_with = "de::opt_f64")]
    pub actual_hours: Option<f64>,
    /// Required (due) date: `requiredDate`.
    #[serde(
        rename = "requiredDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub required_date: Option<Field<OffsetDateTime>>,
    /// Estimated start date: `estimatedStartDate`.
    #[serde(
        rename = "estimatedStartDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub estimated_start_date: Option<Field<OffsetDateTime>>,
    /// Duration in days: `duration`.
    #[serde(rename = "duration", default, deserialize_with = "de::opt_i64")]
    pub duration: Option<i64>,
    /// Assigned resources (member identifiers, comma separated): `resources`.
    #[serde(rename = "resources", default, deserialize_with = "de::opt_string")]
    pub resources: Option<String>,
    /// Closed flag: `closedFlag`.
    #[serde(rename = "closedFlag", default, deserialize_with = "de::opt_bool")]
    pub closed_flag: Option<bool>,
    /// Closed date: `closedDate`.
    #[serde(rename = "closedDate", default, deserialize_with = "de::opt_datetime")]
    pub closed_date: Option<Field<OffsetDateTime>>,
    /// Closed by: `closedBy`.
    #[serde(rename = "closedBy", default, deserialize_with = "de::opt_string")]
    pub closed_by: Option<String>,
    /// Customer updated flag: `customerUpdatedFlag`.
    #[serde(
        rename = "customerUpdatedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub customer_updated_flag: Option<bool>,
    /// Bill time: `billTime` (`Billable`, `DoNotBill`, `NoCharge`, `NoDefault`).
    #[serde(rename = "billTime", default, deserialize_with = "de::opt_string")]
    pub bill_time: Option<String>,
    /// Predecessor id: `predecessorId`.
    #[serde(rename = "predecessorId", default, deserialize_with = "de::opt_i64")]
    pub predecessor_id: Option<i64>,
    /// Location (a reference): `location`.
    #[serde(rename = "location", default)]
    pub location: Option<Reference>,
    /// Department (a reference): `department`.
    #[serde(rename = "department", default)]
    pub department: Option<Reference>,
    /// Custom fields: `customFields`.
    #[serde(rename = "customFields", default, deserialize_with = "de::vec")]
    pub custom_fields: Vec<CustomField>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A project ticket to create (`POST /project/tickets`): only writable fields, `None` omitted.
///
/// ConnectWise requires `summary` and the `project` (the ticket lands in the project's work
/// plan; give a `phase` to place it under one).
///
/// ```
/// use psa_connectwise::models::NewProjectTicket;
/// let t = NewProjectTicket::new("Migrate mailboxes", 12).phase(31).budget_hours(6.5);
/// assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::json!({
///     "summary": "Migrate mailboxes", "project": {"id": 12}, "phase": {"id": 31},
///     "budgetHours": 6.5
/// }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewProjectTicket {
    /// The summary (required, at most 100 characters).
    pub summary: String,
    /// The project (required).
    pub project: Reference,
    /// The project phase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<Reference>,
    /// The status (of the project's board).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Reference>,
    /// The company (defaults to the project's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<Reference>,
    /// The contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Reference>,
    /// Budgeted hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_hours: Option<f64>,
    /// The required (due) date.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_datetime"
    )]
    pub required_date: Option<OffsetDateTime>,
    /// The first description note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_description: Option<String>,
}

impl NewProjectTicket {
    /// A ticket with its required fields: the summary and the project id.
    pub fn new(summary: impl Into<String>, project: i64) -> Self {
        NewProjectTicket {
            summary: summary.into(),
            project: Reference::id(project),
            ..Default::default()
        }
    }

    /// Places the ticket under a phase of the project, by id.
    pub fn phase(mut self, id: i64) -> Self {
        self.phase = Some(Reference::id(id));
        self
    }

    /// Sets the status by id.
    pub fn status(mut self, id: i64) -> Self {
        self.status = Some(Reference::id(id));
        self
    }

    /// Sets the budgeted hours.
    pub fn budget_hours(mut self, hours: f64) -> Self {
        self.budget_hours = Some(hours);
        self
    }

    /// Sets the first description note.
    pub fn initial_description(mut self, text: impl Into<String>) -> Self {
        self.initial_description = Some(text.into());
        self
    }

    /// Checks what ConnectWise would reject, before anything is sent.
    pub fn validate(&self) -> Result<()> {
        let summary = self.summary.trim();
        if summary.is_empty() {
            return Err(Error::new(
                ErrorKind::Validation,
                "project ticket summary is empty: set a summary",
            ));
        }
        if summary.chars().count() > MAX_PROJECT_TICKET_SUMMARY {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "project ticket summary is longer than {MAX_PROJECT_TICKET_SUMMARY} characters: shorten it"
                ),
            ));
        }
        if self.project.id.is_none() {
            return Err(Error::new(
                ErrorKind::Validation,
                "project ticket project is required: give the project's id",
            ));
        }
        if let Some(h) = self.budget_hours
            && !(h.is_finite() && h >= 0.0)
        {
            return Err(Error::new(
                ErrorKind::Validation,
                format!("project ticket budgetHours {h} is not a number of hours: give 0 or more"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_names_what_to_fix() {
        assert!(NewProjectTicket::new("Plan", 1).validate().is_ok());
        let e = NewProjectTicket::new(" ", 1).validate().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.to_string().contains("summary"));
        let long = NewProjectTicket::new("x".repeat(101), 1)
            .validate()
            .unwrap_err();
        assert!(long.to_string().contains("100"));
        let mut no_project = NewProjectTicket::new("Plan", 1);
        no_project.project = Reference::default();
        assert!(
            no_project
                .validate()
                .unwrap_err()
                .to_string()
                .contains("project")
        );
        let bad_hours = NewProjectTicket::new("Plan", 1).budget_hours(f64::NAN);
        assert!(
            bad_hours
                .validate()
                .unwrap_err()
                .to_string()
                .contains("budgetHours")
        );
    }

    #[test]
    fn odd_server_values_do_not_fail_the_record() {
        let t: ProjectTicket = serde_json::from_value(serde_json::json!({
            "id": 7, "summary": null, "budgetHours": "n/a", "requiredDate": "soon",
            "closedFlag": "false", "somethingNew": [1]
        }))
        .unwrap();
        assert_eq!(t.id, 7);
        assert_eq!(t.budget_hours, None);
        assert_eq!(t.closed_flag, Some(false));
        assert!(matches!(t.required_date, Some(Field::Raw(_))));
        assert!(t.extra.contains_key("somethingNew"));
    }
}
