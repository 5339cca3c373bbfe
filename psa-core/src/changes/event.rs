//! The typed change events that polling and webhooks both produce.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{Company, Contact, Opportunity, Ticket, Vendor};

/// The kind of record a change is about.
///
/// Serialized in kebab-case (`"ticket"`, `"company"`, `"contact"`); these names are the keys of
/// a [`Cursor`](super::Cursor)'s JSON and never change. More entities join as new variants.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// A ticket (Autotask ticket, ConnectWise service ticket, Syncro ticket).
    Ticket,
    /// A company (Autotask company, ConnectWise company, Syncro customer).
    Company,
    /// A contact.
    Contact,
    /// A sales opportunity (Autotask opportunity, ConnectWise sales opportunity). Polled by a
    /// feed built with [`ChangeFeed::with_business`](super::ChangeFeed::with_business) over a
    /// connector that declares [`Capability::ReadOpportunities`](crate::Capability); any other
    /// feed answers `Unsupported` for them.
    Opportunity,
}

impl EntityKind {
    /// The stable kebab-case name (`"ticket"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Ticket => "ticket",
            EntityKind::Company => "company",
            EntityKind::Contact => "contact",
            EntityKind::Opportunity => "opportunity",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to the record.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// The record was created.
    Created,
    /// The record was changed.
    Updated,
    /// The record was deleted (only webhooks report deletions; a poll cannot see them).
    Deleted,
    /// The record changed, but the source does not say whether it was created or updated
    /// (a poll of a record without a creation time).
    Unknown,
}

/// Where an event came from.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeSource {
    /// A poll of the vendor's API ([`ChangeFeed`](super::ChangeFeed)).
    Poll,
    /// A verified webhook or callback delivery.
    Push,
}

/// The record as read when the change was seen.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entity", content = "value", rename_all = "kebab-case")]
pub enum ChangeRecord {
    /// A ticket.
    Ticket(Box<Ticket>),
    /// A company.
    Company(Box<Company>),
    /// A contact.
    Contact(Box<Contact>),
    /// A sales opportunity.
    Opportunity(Box<Opportunity>),
}

impl ChangeRecord {
    /// The entity kind of the record.
    pub fn entity(&self) -> EntityKind {
        match self {
            ChangeRecord::Ticket(_) => EntityKind::Ticket,
            ChangeRecord::Company(_) => EntityKind::Company,
            ChangeRecord::Contact(_) => EntityKind::Contact,
            ChangeRecord::Opportunity(_) => EntityKind::Opportunity,
        }
    }

    /// The vendor's id of the record.
    pub fn id(&self) -> i64 {
        match self {
            ChangeRecord::Ticket(t) => t.id.get(),
            ChangeRecord::Company(c) => c.id.get(),
            ChangeRecord::Contact(c) => c.id.get(),
            ChangeRecord::Opportunity(o) => o.id.get(),
        }
    }

    /// When the record last changed, as the vendor reports it.
    pub fn updated_at(&self) -> Option<OffsetDateTime> {
        match self {
            ChangeRecord::Ticket(t) => t.updated_at,
            ChangeRecord::Company(c) => c.updated_at,
            ChangeRecord::Contact(c) => c.updated_at,
            ChangeRecord::Opportunity(o) => o.updated_at,
        }
    }

    /// When the record was created, for the records that report it (tickets and
    /// opportunities); a poll uses it to tell a creation from an update.
    pub fn created_at(&self) -> Option<OffsetDateTime> {
        match self {
            ChangeRecord::Ticket(t) => t.created_at,
            ChangeRecord::Opportunity(o) => o.created_at,
            ChangeRecord::Company(_) | ChangeRecord::Contact(_) => None,
        }
    }

    /// The PSA the record comes from.
    pub fn vendor(&self) -> Vendor {
        match self {
            ChangeRecord::Ticket(t) => t.vendor,
            ChangeRecord::Company(c) => c.vendor,
            ChangeRecord::Contact(c) => c.vendor,
            ChangeRecord::Opportunity(o) => o.vendor,
        }
    }
}

/// One change of one record, from a poll or from a webhook.
///
/// Two events describe the same change when they have the same [`entity`](Self::entity),
/// [`id`](Self::id) and [`changed_at`](Self::changed_at); a [`Cursor`](super::Cursor) uses
/// that to emit each change once whichever way it arrived.
///
/// ```
/// use psa_core::changes::{ChangeEvent, ChangeKind, ChangeSource, EntityKind};
/// use psa_core::Vendor;
/// let e = ChangeEvent::new(Vendor::Syncro, EntityKind::Ticket, 42, ChangeKind::Updated, ChangeSource::Push)
///     .changed_at(time::macros::datetime!(2024-05-01 10:00 UTC));
/// assert_eq!(e.id, 42);
/// assert!(e.record.is_none());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEvent {
    /// The PSA the change happened in.
    pub vendor: Vendor,
    /// What kind of record changed.
    pub entity: EntityKind,
    /// The vendor's id of the record.
    pub id: i64,
    /// When the record changed (the vendor's last-modified time, UTC). `None` when a webhook
    /// did not say; such an event cannot be matched with a poll (see
    /// [`ChangeFeed::confirm`](super::ChangeFeed::confirm)).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub changed_at: Option<OffsetDateTime>,
    /// Created, updated, deleted, or not known.
    pub kind: ChangeKind,
    /// The record, when the source provided or fetched it.
    pub record: Option<ChangeRecord>,
    /// Poll or push.
    pub source: ChangeSource,
}

impl ChangeEvent {
    /// An event without a time or a record.
    pub fn new(
        vendor: Vendor,
        entity: EntityKind,
        id: i64,
        kind: ChangeKind,
        source: ChangeSource,
    ) -> Self {
        ChangeEvent {
            vendor,
            entity,
            id,
            changed_at: None,
            kind,
            record: None,
            source,
        }
    }

    /// An event for a record read from the API; its time is the record's `updated_at`.
    pub fn from_record(record: ChangeRecord, kind: ChangeKind, source: ChangeSource) -> Self {
        let vendor = record.vendor();
        ChangeEvent {
            vendor,
            entity: record.entity(),
            id: record.id(),
            changed_at: record.updated_at(),
            kind,
            record: Some(record),
            source,
        }
    }

    /// Sets the change time.
    pub fn changed_at(mut self, at: OffsetDateTime) -> Self {
        self.changed_at = Some(at);
        self
    }

    /// Sets the record (and takes the change time from it when it has one).
    pub fn record(mut self, record: ChangeRecord) -> Self {
        if let Some(at) = record.updated_at() {
            self.changed_at = Some(at);
        }
        self.record = Some(record);
        self
    }

    /// The ticket, when the record is one.
    pub fn ticket(&self) -> Option<&Ticket> {
        match &self.record {
            Some(ChangeRecord::Ticket(t)) => Some(t),
            _ => None,
        }
    }

    /// The company, when the record is one.
    pub fn company(&self) -> Option<&Company> {
        match &self.record {
            Some(ChangeRecord::Company(c)) => Some(c),
            _ => None,
        }
    }

    /// The contact, when the record is one.
    pub fn contact(&self) -> Option<&Contact> {
        match &self.record {
            Some(ChangeRecord::Contact(c)) => Some(c),
            _ => None,
        }
    }

    /// The opportunity, when the record is one.
    pub fn opportunity(&self) -> Option<&Opportunity> {
        match &self.record {
            Some(ChangeRecord::Opportunity(o)) => Some(o),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TicketId;

    #[test]
    fn entity_names_are_stable_kebab_case() {
        assert_eq!(
            serde_json::to_string(&EntityKind::Ticket).unwrap(),
            "\"ticket\""
        );
        assert_eq!(EntityKind::Contact.to_string(), "contact");
        let k: ChangeKind = serde_json::from_str("\"deleted\"").unwrap();
        assert_eq!(k, ChangeKind::Deleted);
    }

    #[test]
    fn an_event_from_a_record_takes_its_id_and_time() {
        let mut t = Ticket::new(
            Vendor::Autotask,
            TicketId(9),
            "x",
            serde_json::json!({}).into(),
        );
        let at = time::macros::datetime!(2024-01-02 03:04:05 UTC);
        t.updated_at = Some(at);
        let e = ChangeEvent::from_record(
            ChangeRecord::Ticket(Box::new(t)),
            ChangeKind::Updated,
            ChangeSource::Poll,
        );
        assert_eq!(
            (e.entity, e.id, e.changed_at),
            (EntityKind::Ticket, 9, Some(at))
        );
        assert_eq!(e.ticket().map(|t| t.id), Some(TicketId(9)));
        let back: ChangeEvent = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }
}
