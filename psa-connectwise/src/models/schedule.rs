//! Schedule entries (`/schedule/entries`): a member booked on a ticket, activity or other
//! record for a time span. Field names follow the vendor's `ScheduleEntry` model.

use psa_core::wire::Field;
use psa_core::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{Info, Reference};
use super::de;

/// The schedule type identifier of a service ticket entry (`type.identifier`).
pub const SCHEDULE_TYPE_SERVICE: &str = "S";

/// A schedule entry, the documented fields, unknown fields kept.
///
/// `objectId` is the id of the scheduled record; `type` says what kind of record it is
/// (identifier [`SCHEDULE_TYPE_SERVICE`] for a service ticket).
///
/// ```
/// let e: psa_connectwise::models::ScheduleEntry = serde_json::from_value(serde_json::json!({
///     "id": 88, "objectId": 1001, "name": "Printer offline", "member": {"id": 243, "identifier": "api"},
///     "type": {"id": 4, "identifier": "S", "name": "Service"},
///     "dateStart": "2026-01-05T14:00:00Z", "dateEnd": "2026-01-05T15:30:00Z",
///     "hours": 1.5, "doneFlag": false
/// })).unwrap();
/// assert_eq!(e.object_id, Some(1001));
/// assert!(e.is_service_ticket());
/// assert_eq!(e.hours, Some(1.5));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScheduleEntry {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// The scheduled record's id (a ticket id for service entries): `objectId`.
    #[serde(rename = "objectId", default, deserialize_with = "de::opt_i64")]
    pub object_id: Option<i64>,
    /// Name (the scheduled record's summary): `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Member (a reference): `member`.
    #[serde(rename = "member", default)]
    pub member: Option<Reference>,
    /// Where (a service location reference): `where`.
    #[serde(rename = "where", default)]
    pub location: Option<Reference>,
    /// Start: `dateStart`.
    #[serde(rename = "dateStart", default, deserialize_with = "de::opt_datetime")]
    pub date_start: Option<Field<OffsetDateTime>>,
    /// End: `dateEnd`.
    #[serde(rename = "dateEnd", default, deserialize_with = "de::opt_datetime")]
    pub date_end: Option<Field<OffsetDateTime>>,
    /// Reminder (a reference): `reminder`.
    #[serde(rename = "reminder", default)]
    pub reminder: Option<Reference>,
    /// Status (a reference: Firm, Tentative, …): `status`.
    #[serde(rename = "status", default)]
    pub status: Option<Reference>,
    /// Schedule type (a reference whose `identifier` is e.g. `S`): `type`.
    #[serde(rename = "type", default)]
    pub schedule_type: Option<Reference>,
    /// Span (a reference): `span`.
    #[serde(rename = "span", default)]
    pub span: Option<Reference>,
    /// Done flag: `doneFlag`.
    #[serde(rename = "doneFlag", default, deserialize_with = "de::opt_bool")]
    pub done_flag: Option<bool>,
    /// Acknowledged flag: `acknowledgedFlag`.
    #[serde(
        rename = "acknowledgedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub acknowledged_flag: Option<bool>,
    /// Owner flag: `ownerFlag`.
    #[serde(rename = "ownerFlag", default, deserialize_with = "de::opt_bool")]
    pub owner_flag: Option<bool>,
    /// Meeting flag: `meetingFlag`.
    #[serde(rename = "meetingFlag", default, deserialize_with = "de::opt_bool")]
    pub meeting_flag: Option<bool>,
    /// Allow schedule conflicts flag: `allowScheduleConflictsFlag`.
    #[serde(
        rename = "allowScheduleConflictsFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub allow_schedule_conflicts_flag: Option<bool>,
    /// Add the member to the project: `addMemberToProjectFlag`.
    #[serde(
        rename = "addMemberToProjectFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub add_member_to_project_flag: Option<bool>,
    /// Project role id: `projectRoleId`.
    #[serde(rename = "projectRoleId", default, deserialize_with = "de::opt_i64")]
    pub project_role_id: Option<i64>,
    /// Acknowledged date: `acknowledgedDate`.
    #[serde(
        rename = "acknowledgedDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub acknowledged_date: Option<Field<OffsetDateTime>>,
    /// Close date: `closeDate`.
    #[serde(rename = "closeDate", default, deserialize_with = "de::opt_datetime")]
    pub close_date: Option<Field<OffsetDateTime>>,
    /// Hours: `hours`.
    #[serde(rename = "hours", default, deserialize_with = "de::opt_f64")]
    pub hours: Option<f64>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ScheduleEntry {
    /// Whether the entry schedules a service ticket (type identifier `S`).
    pub fn is_service_ticket(&self) -> bool {
        self.schedule_type
            .as_ref()
            .and_then(|t| t.identifier.as_deref())
            .is_some_and(|i| i.eq_ignore_ascii_case(SCHEDULE_TYPE_SERVICE))
    }
}

/// A schedule entry to create (`POST /schedule/entries`): only writable fields, `None` omitted.
///
/// ConnectWise requires the `type` and the `member`; `objectId` names the scheduled record.
///
/// ```
/// use psa_connectwise::models::NewScheduleEntry;
/// use time::macros::datetime;
/// let e = NewScheduleEntry::service_ticket(1001, 243)
///     .span(datetime!(2026-01-05 14:00 UTC), datetime!(2026-01-05 15:30 UTC));
/// assert_eq!(serde_json::to_value(&e).unwrap(), serde_json::json!({
///     "objectId": 1001, "member": {"id": 243}, "type": {"identifier": "S"},
///     "dateStart": "2026-01-05T14:00:00Z", "dateEnd": "2026-01-05T15:30:00Z"
/// }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewScheduleEntry {
    /// The scheduled record's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<i64>,
    /// The member (required).
    pub member: Reference,
    /// The schedule type (required), e.g. `{"identifier": "S"}`.
    #[serde(rename = "type")]
    pub schedule_type: Reference,
    /// Start.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_datetime"
    )]
    pub date_start: Option<OffsetDateTime>,
    /// End.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_datetime"
    )]
    pub date_end: Option<OffsetDateTime>,
    /// Status (a reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Reference>,
    /// Allow schedule conflicts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_schedule_conflicts_flag: Option<bool>,
}

impl NewScheduleEntry {
    /// Books a member (by id) on a service ticket (by id): type identifier `S`.
    pub fn service_ticket(ticket_id: i64, member_id: i64) -> Self {
        NewScheduleEntry {
            object_id: Some(ticket_id),
            member: Reference::id(member_id),
            schedule_type: Reference {
                identifier: Some(SCHEDULE_TYPE_SERVICE.to_string()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// Sets start and end.
    pub fn span(mut self, start: OffsetDateTime, end: OffsetDateTime) -> Self {
        self.date_start = Some(start);
        self.date_end = Some(end);
        self
    }

    /// Checks what ConnectWise would reject, before anything is sent.
    pub fn validate(&self) -> Result<()> {
        if self.member.id.is_none() && self.member.identifier.is_none() {
            return Err(Error::new(
                ErrorKind::Validation,
                "schedule entry member is required: give the member's id",
            ));
        }
        if self.schedule_type.id.is_none() && self.schedule_type.identifier.is_none() {
            return Err(Error::new(
                ErrorKind::Validation,
                "schedule entry type is required: give its id or identifier (S for a service ticket)",
            ));
        }
        if let (Some(s), Some(e)) = (self.date_start, self.date_end)
            && e < s
        {
            return Err(Error::new(
                ErrorKind::Validation,
                "schedule entry dateEnd is before dateStart: swap them",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn validate_names_what_to_fix() {
        assert!(NewScheduleEntry::service_ticket(1, 2).validate().is_ok());
        let mut no_member = NewScheduleEntry::service_ticket(1, 2);
        no_member.member = Reference::default();
        assert!(
            no_member
                .validate()
                .unwrap_err()
                .to_string()
                .contains("member")
        );
        let mut no_type = NewScheduleEntry::service_ticket(1, 2);
        no_type.schedule_type = Reference::default();
        assert!(no_type.validate().unwrap_err().to_string().contains("type"));
        let backwards = NewScheduleEntry::service_ticket(1, 2).span(
            datetime!(2026-01-02 10:00 UTC),
            datetime!(2026-01-02 09:00 UTC),
        );
        let e = backwards.validate().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.to_string().contains("dateEnd"));
    }

    #[test]
    fn odd_server_values_do_not_fail_the_record() {
        let e: ScheduleEntry = serde_json::from_value(serde_json::json!({
            "id": 5, "objectId": "1001", "hours": "", "dateStart": "tomorrow", "doneFlag": "true",
            "type": {"id": 4, "identifier": "C"}
        }))
        .unwrap();
        assert_eq!(e.object_id, Some(1001));
        assert_eq!(e.hours, None);
        assert_eq!(e.done_flag, Some(true));
        assert!(!e.is_service_ticket());
        assert!(matches!(e.date_start, Some(Field::Raw(_))));
    }
}
