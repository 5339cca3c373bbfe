//! Polling the [`Connector`] for changes since a [`Cursor`].

use std::collections::HashMap;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};

use super::{ChangeEvent, ChangeKind, ChangeRecord, ChangeSource, Cursor, EntityKind};
use crate::{BusinessConnector, Capability, Connector, Ticket, TicketId, paged};
use crate::{CompanyId, CompanyQuery, ContactId, ContactQuery, ErrorKind, Result, TicketQuery};
use crate::{OpportunityId, OpportunityQuery};

/// Which tickets a [`ChangeFeed`] syncs.
///
/// `statuses` is sent to the vendor in the [`TicketQuery`] (server-side where the vendor
/// filters by status). Queues and excluded statuses are applied by the feed to each polled
/// ticket (client-side), matching a [`crate::Queue`] or [`crate::Status`] by id or by name
/// (case-insensitive). A ticket that moves out of the selection produces no event.
///
/// ```
/// use psa_core::changes::TicketFilter;
/// let f = TicketFilter::new().queue("Service Desk").exclude_status("Complete");
/// assert_eq!(f.queues, vec!["Service Desk".to_string()]);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFilter {
    /// Only tickets in one of these queues or boards (id or name; empty: any).
    pub queues: Vec<String>,
    /// Only tickets in one of these statuses (passed to the vendor; empty: any).
    pub statuses: Vec<String>,
    /// Never tickets in one of these statuses (id or name).
    pub excluded_statuses: Vec<String>,
    /// Only tickets of this company.
    pub company: Option<CompanyId>,
}

impl TicketFilter {
    /// Every ticket.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a queue or board (id or name).
    pub fn queue(mut self, v: impl Into<String>) -> Self {
        self.queues.push(v.into());
        self
    }
    /// Adds a status to sync (key as in [`TicketQuery::status`]).
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.statuses.push(v.into());
        self
    }
    /// Adds a status never to sync (id or name).
    pub fn exclude_status(mut self, v: impl Into<String>) -> Self {
        self.excluded_statuses.push(v.into());
        self
    }
    /// Only tickets of one company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }

    /// Whether a polled ticket passes the client-side part of the filter.
    pub fn matches(&self, t: &Ticket) -> bool {
        let is = |keys: &[String], id: &str, name: &str| {
            keys.iter().any(|k| {
                let k = k.trim();
                k.eq_ignore_ascii_case(id.trim()) || k.eq_ignore_ascii_case(name.trim())
            })
        };
        if !self.queues.is_empty()
            && !t
                .queue
                .as_ref()
                .is_some_and(|q| is(&self.queues, &q.id, &q.name))
        {
            return false;
        }
        !t.status
            .as_ref()
            .is_some_and(|s| is(&self.excluded_statuses, &s.id, &s.name))
    }

    fn query(&self, since: Option<time::OffsetDateTime>) -> TicketQuery {
        let mut q = TicketQuery::new();
        q.statuses = self.statuses.clone();
        q.company = self.company;
        q.updated_since = since;
        q
    }
}

/// An incremental, resumable sync of tickets, companies and contacts through any
/// [`Connector`] — and of opportunities through a [`BusinessConnector`]
/// ([`with_business`](Self::with_business)).
///
/// It borrows the connector (`ChangeFeed::new(&*arc)` for an `Arc<dyn Connector>`) and is cheap
/// to build per sync.
///
/// Each poll lists the records changed since the cursor's `watermark - overlap` (the
/// `updated_since` of the queries), keeps the newest version of each record, drops what the
/// cursor has already handled, and returns the rest sorted by (change time, id) — one entity
/// after the other. Records the vendor returns without a change time cannot be synced
/// incrementally and are skipped with a warning. While an entity is listed, only the newest
/// version of each record not handled yet is kept in memory (a resumed sync does not hold what
/// it already handled).
///
/// Delivery is at-least-once per commit: handle an event, [`Cursor::commit`] it, save the
/// cursor. After a crash, resuming from the saved cursor emits every change not committed yet
/// and none that was committed — so committing after each event (or each batch, saving
/// atomically with your own writes) gives exactly-once handling.
///
/// ```no_run
/// use futures::TryStreamExt;
/// use psa_core::changes::{ChangeFeed, Cursor};
/// async fn sync(psa: &dyn psa_core::Connector, saved: Option<String>) -> psa_core::Result<String> {
///     let mut cursor = match saved {
///         Some(json) => Cursor::from_json(&json)?,
///         None => Cursor::new(),
///     };
///     let feed = ChangeFeed::new(psa);
///     let mut changes = feed.changes(&cursor);
///     while let Some(event) = changes.try_next().await? {
///         println!("{} {} {:?}", event.entity, event.id, event.kind);
///         cursor.commit(&event); // after the work for this event is done
///     }
///     drop(changes);
///     cursor.to_json()
/// }
/// ```
#[derive(Clone)]
pub struct ChangeFeed<'a> {
    psa: &'a dyn Connector,
    business: Option<&'a dyn BusinessConnector>,
    entities: Vec<EntityKind>,
    tickets: TicketFilter,
}

impl std::fmt::Debug for ChangeFeed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangeFeed")
            .field("vendor", &self.psa.vendor())
            .field("business", &self.business.is_some())
            .field("entities", &self.entities)
            .field("tickets", &self.tickets)
            .finish()
    }
}

impl<'a> ChangeFeed<'a> {
    /// A feed of ticket, company and contact changes. It cannot poll opportunities (they
    /// answer `Unsupported`); use [`with_business`](Self::with_business) for them.
    pub fn new(psa: &'a dyn Connector) -> Self {
        ChangeFeed {
            psa,
            business: None,
            entities: vec![EntityKind::Ticket, EntityKind::Company, EntityKind::Contact],
            tickets: TicketFilter::default(),
        }
    }

    /// A feed of ticket, company and contact changes, and of opportunity changes when the
    /// connector declares [`Capability::ReadOpportunities`] (Syncro does not: its feed syncs
    /// the other three, and asking it for opportunities with [`entities`](Self::entities)
    /// answers `Unsupported`).
    ///
    /// Opportunities are polled with [`OpportunityQuery::updated_since`] and pushed
    /// opportunity events are confirmed with [`BusinessConnector::opportunity`], under the
    /// same cursor, overlap and once-only rules as tickets.
    ///
    /// ```no_run
    /// use psa_core::changes::{ChangeFeed, Cursor, EntityKind};
    /// async fn opportunities(psa: &dyn psa_core::BusinessConnector) -> psa_core::Result<usize> {
    ///     let feed = ChangeFeed::with_business(psa).entities([EntityKind::Opportunity]);
    ///     Ok(feed.poll(&Cursor::new()).await?.len())
    /// }
    /// ```
    pub fn with_business(psa: &'a dyn BusinessConnector) -> Self {
        let mut feed = ChangeFeed::new(psa);
        feed.business = Some(psa);
        if psa.capabilities().supports(Capability::ReadOpportunities) {
            feed.entities.push(EntityKind::Opportunity);
        }
        feed
    }

    /// The entities this feed syncs, in order.
    pub fn synced_entities(&self) -> &[EntityKind] {
        &self.entities
    }

    /// Syncs only these entities, in this order.
    pub fn entities(mut self, entities: impl IntoIterator<Item = EntityKind>) -> Self {
        self.entities = entities.into_iter().collect();
        self.entities.dedup();
        self
    }

    /// Which tickets to sync.
    pub fn ticket_filter(mut self, filter: TicketFilter) -> Self {
        self.tickets = filter;
        self
    }

    /// The changes not handled yet by `cursor`, as a stream (entities one after the other;
    /// each entity is listed completely before its first event, to sort it).
    ///
    /// The stream holds a copy of the cursor taken now: commit to your own cursor while
    /// consuming it.
    pub fn changes(&self, cursor: &Cursor) -> BoxStream<'a, Result<ChangeEvent>> {
        let feed = self.clone();
        let cursor = cursor.clone();
        stream::iter(self.entities.clone())
            .then(move |entity| {
                let feed = feed.clone();
                let cursor = cursor.clone();
                async move { feed.poll_entity(entity, &cursor).await }
            })
            .map_ok(|events| stream::iter(events.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Every change not handled yet by `cursor`, collected.
    pub async fn poll(&self, cursor: &Cursor) -> Result<Vec<ChangeEvent>> {
        self.changes(cursor).try_collect().await
    }

    /// The changes of one entity not handled yet by `cursor`, sorted by (change time, id).
    pub async fn poll_entity(
        &self,
        entity: EntityKind,
        cursor: &Cursor,
    ) -> Result<Vec<ChangeEvent>> {
        let since = cursor.since(entity);
        let watermark = cursor.watermark(entity);
        let psa = self.psa;
        let records: BoxStream<'_, Result<ChangeRecord>> = match entity {
            EntityKind::Ticket => {
                let q = self.tickets.query(since);
                paged(None, move |p| {
                    let q = q.clone();
                    async move { psa.list_tickets(&q, p).await }
                })
                .try_filter(|t| std::future::ready(self.tickets.matches(t)))
                .map_ok(|t| ChangeRecord::Ticket(Box::new(t)))
                .boxed()
            }
            EntityKind::Company => {
                let mut q = CompanyQuery::new();
                q.updated_since = since;
                paged(None, move |p| {
                    let q = q.clone();
                    async move { psa.list_companies(&q, p).await }
                })
                .map_ok(|c| ChangeRecord::Company(Box::new(c)))
                .boxed()
            }
            EntityKind::Contact => {
                let mut q = ContactQuery::new();
                q.updated_since = since;
                paged(None, move |p| {
                    let q = q.clone();
                    async move { psa.list_contacts(&q, p).await }
                })
                .map_ok(|c| ChangeRecord::Contact(Box::new(c)))
                .boxed()
            }
            EntityKind::Opportunity => {
                let business = self.opportunities()?;
                let mut q = OpportunityQuery::new();
                q.updated_since = since;
                paged(None, move |p| {
                    let q = q.clone();
                    async move { business.list_opportunities(&q, p).await }
                })
                .map_ok(|o| ChangeRecord::Opportunity(Box::new(o)))
                .boxed()
            }
        };
        // The newest version of each record not handled yet (pages can shift while records
        // change). Folded page by page: what the cursor has handled is never kept.
        let mut newest: HashMap<i64, ChangeRecord> = HashMap::new();
        let mut undated = 0usize;
        let mut records = records;
        while let Some(r) = records.try_next().await? {
            let Some(at) = r.updated_at() else {
                undated += 1;
                continue;
            };
            let probe = ChangeEvent::new(
                r.vendor(),
                entity,
                r.id(),
                ChangeKind::Unknown,
                ChangeSource::Poll,
            )
            .changed_at(at);
            if !cursor.is_new(&probe) {
                continue;
            }
            match newest.get(&r.id()) {
                Some(old) if old.updated_at() >= r.updated_at() => {}
                _ => {
                    newest.insert(r.id(), r);
                }
            }
        }
        drop(records);
        if undated > 0 {
            tracing::warn!(
                vendor = %psa.vendor(), %entity, undated,
                "records without a change time skipped by the change feed"
            );
        }
        let mut events: Vec<ChangeEvent> = newest
            .into_values()
            .map(|r| {
                let kind = kind_of(&r, watermark);
                ChangeEvent::from_record(r, kind, ChangeSource::Poll)
            })
            .filter(|e| cursor.is_new(e))
            .collect();
        events.sort_by_key(|e| (e.changed_at, e.id));
        Ok(events)
    }

    /// Completes a pushed event from the API: fetches the record through the connector, sets
    /// the record and its change time (so the event matches the poll of the same change), and
    /// turns an event about a record that no longer exists into [`ChangeKind::Deleted`].
    /// Deletions are returned as they are.
    pub async fn confirm(&self, event: ChangeEvent) -> Result<ChangeEvent> {
        if event.kind == ChangeKind::Deleted {
            return Ok(event);
        }
        let fetched = match event.entity {
            EntityKind::Ticket => self
                .psa
                .ticket(TicketId(event.id))
                .await
                .map(|t| ChangeRecord::Ticket(Box::new(t))),
            EntityKind::Company => self
                .psa
                .company(CompanyId(event.id))
                .await
                .map(|c| ChangeRecord::Company(Box::new(c))),
            EntityKind::Contact => self
                .psa
                .contact(ContactId(event.id))
                .await
                .map(|c| ChangeRecord::Contact(Box::new(c))),
            EntityKind::Opportunity => self
                .opportunities()?
                .opportunity(OpportunityId(event.id))
                .await
                .map(|o| ChangeRecord::Opportunity(Box::new(o))),
        };
        match fetched {
            Ok(record) => Ok(event.record(record)),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let mut gone = event;
                gone.kind = ChangeKind::Deleted;
                gone.record = None;
                Ok(gone)
            }
            Err(e) => Err(e),
        }
    }

    /// The connector to read opportunities from, or a typed `Unsupported` error saying why
    /// there is none.
    fn opportunities(&self) -> Result<&'a dyn BusinessConnector> {
        let Some(business) = self.business else {
            return Err(crate::Error::unsupported(
                self.psa.vendor(),
                "opportunities in a change feed built with ChangeFeed::new over a plain \
                 Connector; build it with ChangeFeed::with_business over a BusinessConnector",
            ));
        };
        if !business
            .capabilities()
            .supports(Capability::ReadOpportunities)
        {
            return Err(crate::Error::unsupported(
                business.vendor(),
                "opportunities in the change feed: the connector does not declare the \
                 read-opportunities capability (the PSA has no sales opportunities)",
            ));
        }
        Ok(business)
    }
}

/// Created when the record's creation is its last change or is after the watermark
/// (tickets and opportunities; the others report no creation time).
fn kind_of(r: &ChangeRecord, watermark: Option<time::OffsetDateTime>) -> ChangeKind {
    match (r.created_at(), r.updated_at(), watermark) {
        (Some(c), Some(u), _) if c >= u => ChangeKind::Created,
        (Some(c), _, Some(w)) if c > w => ChangeKind::Created,
        (Some(_), _, _) => ChangeKind::Updated,
        _ => ChangeKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Queue, Status, Vendor};

    #[test]
    fn the_filter_matches_queues_and_excludes_statuses_by_id_or_name() {
        let mut t = Ticket::new(
            Vendor::Autotask,
            TicketId(1),
            "x",
            serde_json::Value::Null.into(),
        );
        t.queue = Some(Queue::new("29683", "Service Desk"));
        t.status = Some(Status::new("5", "Complete"));
        assert!(TicketFilter::new().queue("service desk").matches(&t));
        assert!(TicketFilter::new().queue("29683").matches(&t));
        assert!(!TicketFilter::new().queue("Projects").matches(&t));
        assert!(!TicketFilter::new().exclude_status("5").matches(&t));
        assert!(!TicketFilter::new().exclude_status("COMPLETE").matches(&t));
        assert!(TicketFilter::new().exclude_status("New").matches(&t));
        t.queue = None;
        assert!(!TicketFilter::new().queue("29683").matches(&t));
    }

    #[test]
    fn a_ticket_created_at_its_last_change_is_created() {
        let at = time::macros::datetime!(2024-05-01 10:00 UTC);
        let mut t = Ticket::new(
            Vendor::Syncro,
            TicketId(1),
            "x",
            serde_json::Value::Null.into(),
        );
        t.created_at = Some(at);
        t.updated_at = Some(at);
        let r = ChangeRecord::Ticket(Box::new(t.clone()));
        assert_eq!(kind_of(&r, None), ChangeKind::Created);
        t.updated_at = Some(at + time::Duration::minutes(1));
        let r = ChangeRecord::Ticket(Box::new(t));
        assert_eq!(kind_of(&r, Some(at)), ChangeKind::Updated);
        assert_eq!(
            kind_of(&r, Some(at - time::Duration::minutes(1))),
            ChangeKind::Created
        );
    }
}
