//! Time entries (`/time/entries`): the read model and [`NewTimeEntry`] for
//! `POST /time/entries`.
//!
//! Field names follow the vendor's `TimeEntry` model (checked against public generated clients
//! of the Manage REST API): `chargeToType` + `chargeToId` say what the time is charged to.

use psa_core::wire::Field;
use psa_core::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference, cw_enum};
use super::de;

cw_enum! {
    /// What a time entry is charged to (`chargeToType`).
    ChargeToType {
        /// A service ticket (`ServiceTicket`).
        ServiceTicket => "ServiceTicket",
        /// A project ticket (`ProjectTicket`).
        ProjectTicket => "ProjectTicket",
        /// A charge code (`ChargeCode`).
        ChargeCode => "ChargeCode",
        /// A CRM activity (`Activity`).
        Activity => "Activity",
    }
}

cw_enum! {
    /// How a time entry is billed (`billableOption`).
    BillableOption {
        /// `Billable`.
        Billable => "Billable",
        /// `DoNotBill`.
        DoNotBill => "DoNotBill",
        /// `NoCharge`.
        NoCharge => "NoCharge",
        /// `NoDefault`.
        NoDefault => "NoDefault",
    }
}

/// A time entry, the documented fields, unknown fields kept.
///
/// ```
/// use psa_connectwise::models::{ChargeToType, TimeEntry};
/// let t: TimeEntry = serde_json::from_value(serde_json::json!({
///     "id": 31, "chargeToId": 1001, "chargeToType": "ServiceTicket",
///     "member": {"id": 3, "identifier": "sam"}, "timeStart": "2025-05-01T09:00:00Z",
///     "timeEnd": "2025-05-01T10:30:00Z", "actualHours": 1.5, "billableOption": "Billable",
///     "notes": "Replaced the switch", "_info": {"lastUpdated": "2025-05-01T10:31:00Z"}
/// })).unwrap();
/// assert_eq!(t.charge_to_type, Some(ChargeToType::ServiceTicket));
/// assert_eq!(t.service_ticket(), Some(1001));
/// assert_eq!(t.actual_hours, Some(1.5));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TimeEntry {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// What the time is charged to: `chargeToType`.
    #[serde(rename = "chargeToType", default, deserialize_with = "de::opt_enum")]
    pub charge_to_type: Option<ChargeToType>,
    /// How it is billed: `billableOption`.
    #[serde(rename = "billableOption", default, deserialize_with = "de::opt_enum")]
    pub billable_option: Option<BillableOption>,
    /// Company (a reference): `company`.
    #[serde(rename = "company", default)]
    pub company: Option<Reference>,
    /// The id of the record the time is charged to (ticket, charge code, activity): `chargeToId`.
    #[serde(rename = "chargeToId", default, deserialize_with = "de::opt_i64")]
    pub charge_to_id: Option<i64>,
    /// Member who worked (a reference): `member`.
    #[serde(rename = "member", default)]
    pub member: Option<Reference>,
    /// Location id: `locationId`.
    #[serde(rename = "locationId", default, deserialize_with = "de::opt_i64")]
    pub location_id: Option<i64>,
    /// Business unit id: `businessUnitId`.
    #[serde(rename = "businessUnitId", default, deserialize_with = "de::opt_i64")]
    pub business_unit_id: Option<i64>,
    /// Work type (a reference): `workType`.
    #[serde(rename = "workType", default)]
    pub work_type: Option<Reference>,
    /// Work role (a reference): `workRole`.
    #[serde(rename = "workRole", default)]
    pub work_role: Option<Reference>,
    /// Agreement the time counts against (a reference): `agreement`.
    #[serde(rename = "agreement", default)]
    pub agreement: Option<Reference>,
    /// Start of the work: `timeStart`.
    #[serde(rename = "timeStart", default, deserialize_with = "de::opt_datetime")]
    pub time_start: Option<Field<OffsetDateTime>>,
    /// End of the work: `timeEnd`.
    #[serde(rename = "timeEnd", default, deserialize_with = "de::opt_datetime")]
    pub time_end: Option<Field<OffsetDateTime>>,
    /// Hours deducted (breaks): `hoursDeduct`.
    #[serde(rename = "hoursDeduct", default, deserialize_with = "de::opt_f64")]
    pub hours_deduct: Option<f64>,
    /// Hours worked: `actualHours`.
    #[serde(rename = "actualHours", default, deserialize_with = "de::opt_f64")]
    pub actual_hours: Option<f64>,
    /// Notes: `notes`.
    #[serde(rename = "notes", default, deserialize_with = "de::opt_text")]
    pub notes: Option<String>,
    /// Internal notes: `internalNotes`.
    #[serde(rename = "internalNotes", default, deserialize_with = "de::opt_text")]
    pub internal_notes: Option<String>,
    /// Also added to the ticket's discussion: `addToDetailDescriptionFlag`.
    #[serde(
        rename = "addToDetailDescriptionFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub add_to_detail_description_flag: Option<bool>,
    /// Also added to the ticket's internal notes: `addToInternalAnalysisFlag`.
    #[serde(
        rename = "addToInternalAnalysisFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub add_to_internal_analysis_flag: Option<bool>,
    /// Also added to the ticket's resolution: `addToResolutionFlag`.
    #[serde(
        rename = "addToResolutionFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub add_to_resolution_flag: Option<bool>,
    /// Emails the resources: `emailResourceFlag`.
    #[serde(
        rename = "emailResourceFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_resource_flag: Option<bool>,
    /// Emails the contact: `emailContactFlag`.
    #[serde(
        rename = "emailContactFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub email_contact_flag: Option<bool>,
    /// Emails the CC list: `emailCcFlag`.
    #[serde(rename = "emailCcFlag", default, deserialize_with = "de::opt_bool")]
    pub email_cc_flag: Option<bool>,
    /// CC list: `emailCc`.
    #[serde(rename = "emailCc", default, deserialize_with = "de::opt_string")]
    pub email_cc: Option<String>,
    /// Hours billed: `hoursBilled`.
    #[serde(rename = "hoursBilled", default, deserialize_with = "de::opt_f64")]
    pub hours_billed: Option<f64>,
    /// Entered by (member identifier): `enteredBy`.
    #[serde(rename = "enteredBy", default, deserialize_with = "de::opt_string")]
    pub entered_by: Option<String>,
    /// Date entered: `dateEntered`.
    #[serde(rename = "dateEntered", default, deserialize_with = "de::opt_datetime")]
    pub date_entered: Option<Field<OffsetDateTime>>,
    /// Invoice (a reference): `invoice`.
    #[serde(rename = "invoice", default)]
    pub invoice: Option<Reference>,
    /// Hourly rate: `hourlyRate`.
    #[serde(rename = "hourlyRate", default, deserialize_with = "de::opt_f64")]
    pub hourly_rate: Option<f64>,
    /// Time sheet (a reference): `timeSheet`.
    #[serde(rename = "timeSheet", default)]
    pub time_sheet: Option<Reference>,
    /// Approval status (`Open`, `Rejected`, `PendingApproval`, …): `status`.
    #[serde(rename = "status", default, deserialize_with = "de::opt_string")]
    pub status: Option<String>,
    /// Service ticket (a reference, on ServiceTicket entries): `ticket`.
    #[serde(rename = "ticket", default)]
    pub ticket: Option<Reference>,
    /// Project (a reference, on ProjectTicket entries): `project`.
    #[serde(rename = "project", default)]
    pub project: Option<Reference>,
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

impl TimeEntry {
    /// The service ticket id when the time is charged to a service ticket.
    pub fn service_ticket(&self) -> Option<i64> {
        match self.charge_to_type {
            Some(ChargeToType::ServiceTicket) => self
                .charge_to_id
                .or_else(|| self.ticket.as_ref().and_then(|t| t.id)),
            _ => None,
        }
    }

    /// Whether the time is billed (`Billable`); `None` when the option is absent or unknown.
    pub fn is_billable(&self) -> Option<bool> {
        match self.billable_option.as_ref()? {
            BillableOption::Billable => Some(true),
            BillableOption::DoNotBill | BillableOption::NoCharge => Some(false),
            _ => None,
        }
    }
}

/// A time entry to create (`POST /time/entries`): only writable fields, `None` omitted.
///
/// ConnectWise requires `timeStart` and something to charge to: `chargeToType` with
/// `chargeToId`, or a `company`.
///
/// ```
/// use psa_connectwise::models::{BillableOption, ChargeToType, NewTimeEntry};
/// use time::macros::datetime;
/// let t = NewTimeEntry::on_service_ticket(1001, datetime!(2025-05-01 09:00 UTC))
///     .ends_at(datetime!(2025-05-01 10:30 UTC))
///     .member(3)
///     .billable(BillableOption::Billable)
///     .notes("Replaced the switch");
/// t.validate().unwrap();
/// assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::json!({
///     "chargeToId": 1001, "chargeToType": "ServiceTicket", "member": {"id": 3},
///     "timeStart": "2025-05-01T09:00:00Z", "timeEnd": "2025-05-01T10:30:00Z",
///     "billableOption": "Billable", "notes": "Replaced the switch"
/// }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTimeEntry {
    /// The id of the record charged to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_to_id: Option<i64>,
    /// What the time is charged to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_to_type: Option<ChargeToType>,
    /// The company (required when nothing else is charged to).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<Reference>,
    /// The member who worked (the API member when omitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Reference>,
    /// Start of the work (required).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_datetime"
    )]
    pub time_start: Option<OffsetDateTime>,
    /// End of the work.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_datetime"
    )]
    pub time_end: Option<OffsetDateTime>,
    /// Hours worked (ConnectWise derives them from start and end when omitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_hours: Option<f64>,
    /// Hours deducted (breaks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_deduct: Option<f64>,
    /// How the time is billed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billable_option: Option<BillableOption>,
    /// Notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Internal notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_notes: Option<String>,
    /// Work type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_type: Option<Reference>,
    /// Work role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_role: Option<Reference>,
    /// The agreement the time counts against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Reference>,
}

impl NewTimeEntry {
    /// Time charged to a service ticket, starting at `start`.
    pub fn on_service_ticket(ticket: i64, start: OffsetDateTime) -> Self {
        Self::charged_to(ChargeToType::ServiceTicket, ticket, start)
    }

    /// Time charged to a record of the given type, starting at `start`.
    pub fn charged_to(kind: ChargeToType, id: i64, start: OffsetDateTime) -> Self {
        NewTimeEntry {
            charge_to_id: Some(id),
            charge_to_type: Some(kind),
            time_start: Some(start),
            ..Default::default()
        }
    }

    /// Sets the end of the work.
    pub fn ends_at(mut self, end: OffsetDateTime) -> Self {
        self.time_end = Some(end);
        self
    }

    /// Sets the hours worked.
    pub fn hours(mut self, hours: f64) -> Self {
        self.actual_hours = Some(hours);
        self
    }

    /// Sets the member who worked, by id.
    pub fn member(mut self, id: i64) -> Self {
        self.member = Some(Reference::id(id));
        self
    }

    /// Sets the company, by id.
    pub fn company(mut self, id: i64) -> Self {
        self.company = Some(Reference::id(id));
        self
    }

    /// Sets how the time is billed.
    pub fn billable(mut self, option: BillableOption) -> Self {
        self.billable_option = Some(option);
        self
    }

    /// Sets the notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }

    /// Checks what ConnectWise would reject, before anything is sent.
    pub fn validate(&self) -> Result<()> {
        let invalid = |m: &str| Err(Error::new(ErrorKind::Validation, m.to_string()));
        let Some(start) = self.time_start else {
            return invalid("time entry timeStart is required: set the start of the work");
        };
        if self.time_end.is_some_and(|end| end < start) {
            return invalid("time entry timeEnd is before timeStart: swap or fix them");
        }
        match (self.charge_to_type.is_some(), self.charge_to_id.is_some()) {
            (true, false) => {
                return invalid("time entry chargeToType is set without chargeToId: give the id");
            }
            (false, true) => {
                return invalid(
                    "time entry chargeToId is set without chargeToType: say what it is (ServiceTicket, ProjectTicket, ChargeCode, Activity)",
                );
            }
            (false, false) if self.company.is_none() => {
                return invalid(
                    "time entry has nothing to charge to: set chargeToType and chargeToId, or a company",
                );
            }
            _ => {}
        }
        for (what, v) in [
            ("actualHours", self.actual_hours),
            ("hoursDeduct", self.hours_deduct),
        ] {
            if v.is_some_and(|h| !h.is_finite() || h < 0.0) {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!("time entry {what} must be a non-negative number of hours"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn charge_types_and_billing_read_leniently() {
        let t: TimeEntry = serde_json::from_value(json!({
            "id": 4, "chargeToType": "projectticket", "chargeToId": 9,
            "billableOption": "NoCharge", "timeStart": "later", "actualHours": "2.25"
        }))
        .unwrap();
        assert_eq!(t.charge_to_type, Some(ChargeToType::ProjectTicket));
        assert_eq!(t.service_ticket(), None);
        assert_eq!(t.is_billable(), Some(false));
        assert!(matches!(t.time_start, Some(Field::Raw(_))));
        assert_eq!(t.actual_hours, Some(2.25));
        let u: TimeEntry = serde_json::from_value(json!({
            "id": 5, "chargeToType": "Travel", "billableOption": "Sometimes"
        }))
        .unwrap();
        assert_eq!(
            u.charge_to_type,
            Some(ChargeToType::Unknown("Travel".into()))
        );
        assert_eq!(u.is_billable(), None);
    }

    #[test]
    fn validate_names_what_to_fix() {
        let start = datetime!(2025-05-01 09:00 UTC);
        let msg = |t: NewTimeEntry| t.validate().unwrap_err().to_string();
        assert!(msg(NewTimeEntry::default()).contains("timeStart"));
        assert!(
            msg(NewTimeEntry::on_service_ticket(1, start).ends_at(datetime!(2025-05-01 08:00 UTC)))
                .contains("before timeStart")
        );
        let mut no_id = NewTimeEntry::on_service_ticket(1, start);
        no_id.charge_to_id = None;
        assert!(msg(no_id).contains("chargeToId"));
        let mut no_type = NewTimeEntry::on_service_ticket(1, start);
        no_type.charge_to_type = None;
        assert!(msg(no_type).contains("chargeToType"));
        let nothing = NewTimeEntry {
            time_start: Some(start),
            ..Default::default()
        };
        assert!(msg(nothing.clone()).contains("nothing to charge to"));
        nothing.company(250).validate().unwrap();
        assert!(msg(NewTimeEntry::on_service_ticket(1, start).hours(-1.0)).contains("actualHours"));
    }
}
