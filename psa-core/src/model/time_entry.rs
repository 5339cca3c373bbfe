use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{ResourceId, TicketId, TimeEntryId, Vendor};

/// What a time entry was logged against.
///
/// ```
/// use psa_core::{TicketId, TimeEntryParent};
/// let p = TimeEntryParent::Ticket(TicketId(9));
/// assert_eq!(p.ticket(), Some(TicketId(9)));
/// assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::json!({"ticket": 9}));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeEntryParent {
    /// A ticket (Autotask ticket, ConnectWise service or project ticket, Syncro ticket).
    Ticket(TicketId),
    /// Another record the vendor logs time on (Autotask task, ConnectWise charge-to
    /// `ProjectTicket`/`Activity`, …): the vendor's kind name and id.
    Other {
        /// The vendor's name for the kind of record (`"Task"`, `"Activity"`).
        kind: String,
        /// The vendor's id of it.
        id: i64,
    },
    /// No parent (Autotask regular time, ConnectWise time charged to nothing).
    None,
}

impl TimeEntryParent {
    /// The ticket, when the parent is one.
    pub fn ticket(&self) -> Option<TicketId> {
        match self {
            TimeEntryParent::Ticket(t) => Some(*t),
            _ => None,
        }
    }
}

/// Time a resource logged: an Autotask time entry, a ConnectWise time entry, a Syncro ticket
/// timer. Read-only in the vendor-neutral API.
///
/// Vendors record either a start and end or a day and a number of hours; both shapes fit:
/// `starts_at`/`ends_at` are set when known, `hours` is always set when the vendor says it
/// (worked hours, not billed hours).
///
/// ```
/// use psa_core::{TicketId, TimeEntry, TimeEntryId, TimeEntryParent, Vendor};
/// let mut t = TimeEntry::new(Vendor::Autotask, TimeEntryId(5), TimeEntryParent::Ticket(TicketId(9)), Default::default());
/// t.hours = Some(1.5);
/// assert_eq!(t.parent.ticket(), Some(TicketId(9)));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeEntry {
    /// The PSA the record came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: TimeEntryId,
    /// Who logged it.
    pub resource: Option<ResourceId>,
    /// What it was logged against.
    pub parent: TimeEntryParent,
    /// When the work started (UTC), or the day worked at 00:00 UTC when the vendor keeps
    /// only a date.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub starts_at: Option<OffsetDateTime>,
    /// When the work ended (UTC), when the vendor records it.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub ends_at: Option<OffsetDateTime>,
    /// Hours worked.
    pub hours: Option<f64>,
    /// Whether it is billable; `None` when the vendor does not say.
    pub billable: Option<bool>,
    /// The summary or internal notes.
    pub notes: Option<String>,
    /// When it last changed (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_at: Option<OffsetDateTime>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl TimeEntry {
    /// A time entry with only the required fields set.
    pub fn new(
        vendor: Vendor,
        id: TimeEntryId,
        parent: TimeEntryParent,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        TimeEntry {
            vendor,
            id,
            resource: None,
            parent,
            starts_at: None,
            ends_at: None,
            hours: None,
            billable: None,
            notes: None,
            updated_at: None,
            vendor_record,
        }
    }
}
