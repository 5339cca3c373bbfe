//! `ChangeFeed` over a fake connector whose tickets the test controls: clock skew inside and
//! outside the overlap, equal timestamps, a record seen twice while paging, filters, and
//! `confirm` of a record that is gone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use psa_core::changes::{
    ChangeEvent, ChangeFeed, ChangeKind, ChangeSource, Cursor, EntityKind, TicketFilter,
};
use psa_core::*;
use time::OffsetDateTime;
use time::macros::datetime;

/// Tickets as stored (duplicates allowed, to mimic a record met twice while paging), listed
/// two per page in the stored order, filtered by `updated_since`.
#[derive(Debug, Default)]
struct Fake {
    tickets: Mutex<Vec<Ticket>>,
}

fn ticket(id: i64, at: OffsetDateTime) -> Ticket {
    let mut t = Ticket::new(
        Vendor::Autotask,
        TicketId(id),
        format!("t{id}"),
        serde_json::Value::Null.into(),
    );
    t.created_at = Some(datetime!(2024-01-01 00:00 UTC));
    t.updated_at = Some(at);
    t
}

impl Fake {
    fn put(&self, t: Ticket) {
        self.tickets.lock().unwrap().push(t);
    }
}

#[async_trait]
impl Connector for Fake {
    fn vendor(&self) -> Vendor {
        Vendor::Autotask
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities::default()
    }
    async fn preflight(&self, _o: &PreflightOptions) -> Result<PreflightReport> {
        Err(Error::unsupported(Vendor::Autotask, "preflight"))
    }
    async fn ticket(&self, id: TicketId) -> Result<Ticket> {
        let all = self.tickets.lock().unwrap();
        all.iter()
            .rev()
            .find(|t| t.id == id)
            .cloned()
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("ticket {id}")))
    }
    async fn list_tickets(&self, q: &TicketQuery, page: Option<PageToken>) -> Result<Page<Ticket>> {
        let start: usize = page.map_or(0, |p| p.as_str().parse().unwrap());
        let all: Vec<Ticket> = self
            .tickets
            .lock()
            .unwrap()
            .iter()
            .filter(|t| q.updated_since.is_none_or(|s| t.updated_at >= Some(s)))
            .cloned()
            .collect();
        let end = (start + 2).min(all.len());
        let next = (end < all.len()).then(|| PageToken::new(end.to_string()));
        Ok(Page::new(all[start..end].to_vec(), next))
    }
    async fn create_ticket(&self, _t: &NewTicket) -> Result<Ticket> {
        Err(Error::unsupported(Vendor::Autotask, "create"))
    }
    async fn update_ticket(&self, _id: TicketId, _u: &TicketUpdate) -> Result<Ticket> {
        Err(Error::unsupported(Vendor::Autotask, "update"))
    }
    async fn list_notes(&self, _t: TicketId, _p: Option<PageToken>) -> Result<Page<Note>> {
        Ok(Page::last(vec![]))
    }
    async fn add_note(&self, _t: TicketId, _n: &NewNote) -> Result<Note> {
        Err(Error::unsupported(Vendor::Autotask, "notes"))
    }
    async fn company(&self, id: CompanyId) -> Result<Company> {
        Err(Error::new(ErrorKind::NotFound, format!("company {id}")))
    }
    async fn list_companies(
        &self,
        _q: &CompanyQuery,
        _p: Option<PageToken>,
    ) -> Result<Page<Company>> {
        Ok(Page::last(vec![]))
    }
    async fn contact(&self, id: ContactId) -> Result<Contact> {
        Err(Error::new(ErrorKind::NotFound, format!("contact {id}")))
    }
    async fn list_contacts(
        &self,
        _q: &ContactQuery,
        _p: Option<PageToken>,
    ) -> Result<Page<Contact>> {
        Ok(Page::last(vec![]))
    }
    async fn statuses(&self) -> Result<Vec<Status>> {
        Ok(vec![])
    }
    async fn priorities(&self) -> Result<Vec<Priority>> {
        Ok(vec![])
    }
    async fn queues(&self) -> Result<Vec<Queue>> {
        Ok(vec![])
    }
    async fn attach_file(&self, _t: TicketId, _a: Attachment) -> Result<AttachmentReceipt> {
        Err(Error::unsupported(Vendor::Autotask, "attachments"))
    }
}

fn ids(events: &[ChangeEvent]) -> Vec<i64> {
    events.iter().map(|e| e.id).collect()
}

async fn sync(feed: &ChangeFeed<'_>, cursor: &mut Cursor) -> Vec<ChangeEvent> {
    let events = feed.poll(cursor).await.unwrap();
    for e in &events {
        cursor.commit(e);
    }
    events
}

#[tokio::test]
async fn skew_inside_the_overlap_is_caught_once_and_equal_times_are_kept_apart() {
    let fake = Fake::default();
    let at = datetime!(2024-05-01 10:00 UTC);
    fake.put(ticket(2, at));
    fake.put(ticket(1, at));
    let feed = ChangeFeed::new(&fake).entities([EntityKind::Ticket]);
    let mut cursor = Cursor::new().with_overlap(Duration::from_secs(120));
    let first = sync(&feed, &mut cursor).await;
    assert_eq!(ids(&first), [1, 2], "sorted by (time, id)");
    // Another ticket stamped with the same instant, and one stamped 30 s before the watermark
    // that became visible only now (clock skew between API nodes).
    fake.put(ticket(3, at));
    fake.put(ticket(4, at - time::Duration::seconds(30)));
    let second = sync(&feed, &mut cursor).await;
    assert_eq!(ids(&second), [4, 3]);
    assert!(sync(&feed, &mut cursor).await.is_empty(), "nothing twice");
    // Skew beyond the overlap is not covered (documented).
    fake.put(ticket(5, at - time::Duration::minutes(3)));
    assert!(sync(&feed, &mut cursor).await.is_empty());
}

#[tokio::test]
async fn a_record_met_twice_while_paging_yields_its_newest_version_once() {
    let fake = Fake::default();
    let at = datetime!(2024-05-01 10:00 UTC);
    fake.put(ticket(7, at));
    fake.put(ticket(8, at));
    fake.put(ticket(7, at + time::Duration::seconds(5)));
    let feed = ChangeFeed::new(&fake).entities([EntityKind::Ticket]);
    let events = feed.poll(&Cursor::new()).await.unwrap();
    assert_eq!(ids(&events), [8, 7]);
    assert_eq!(events[1].changed_at, Some(at + time::Duration::seconds(5)));
    assert_eq!(events[1].kind, ChangeKind::Updated);
    assert_eq!(events[1].source, ChangeSource::Poll);
}

#[tokio::test]
async fn queues_and_excluded_statuses_filter_polled_tickets() {
    let fake = Fake::default();
    let at = datetime!(2024-05-01 10:00 UTC);
    for (id, queue, status) in [
        (1, "Service Desk", "New"),
        (2, "Projects", "New"),
        (3, "Service Desk", "Complete"),
    ] {
        let mut t = ticket(id, at);
        t.queue = Some(Queue::new(id.to_string(), queue));
        t.status = Some(Status::new(status, status));
        fake.put(t);
    }
    let feed = ChangeFeed::new(&fake)
        .entities([EntityKind::Ticket])
        .ticket_filter(
            TicketFilter::new()
                .queue("service desk")
                .exclude_status("Complete"),
        );
    assert_eq!(ids(&feed.poll(&Cursor::new()).await.unwrap()), [1]);
}

#[tokio::test]
async fn confirm_fills_the_record_and_marks_a_vanished_one_deleted() {
    let fake = Fake::default();
    let at = datetime!(2024-05-01 10:00 UTC);
    fake.put(ticket(1, at));
    let feed = ChangeFeed::new(&fake);
    let pushed = ChangeEvent::new(
        Vendor::Autotask,
        EntityKind::Ticket,
        1,
        ChangeKind::Updated,
        ChangeSource::Push,
    );
    let e = feed.confirm(pushed).await.unwrap();
    assert_eq!(
        (e.changed_at, e.ticket().map(|t| t.id)),
        (Some(at), Some(TicketId(1)))
    );
    let gone = ChangeEvent::new(
        Vendor::Autotask,
        EntityKind::Ticket,
        9,
        ChangeKind::Updated,
        ChangeSource::Push,
    );
    let e = feed.confirm(gone).await.unwrap();
    assert_eq!((e.kind, e.record.is_none()), (ChangeKind::Deleted, true));
    // A pushed change, committed, is not emitted again by the poll; older polled changes are.
    let mut cursor = Cursor::new();
    cursor.commit(
        &feed
            .confirm(ChangeEvent::new(
                Vendor::Autotask,
                EntityKind::Ticket,
                1,
                ChangeKind::Updated,
                ChangeSource::Push,
            ))
            .await
            .unwrap(),
    );
    fake.put(ticket(2, at - time::Duration::hours(1)));
    assert_eq!(ids(&feed.poll(&cursor).await.unwrap()), [2]);
}
