//! Conformance of the change feed ([`crate::changes`]) for any connector.
//!
//! [`run_change_feed_conformance`] creates tickets, syncs, "crashes" half-way through a sync
//! (the stream is dropped and the uncommitted events are lost), resumes from the saved cursor
//! JSON, updates some tickets and syncs again: every change must come out exactly once.
//! [`run_opportunity_feed_conformance`] does the same for opportunities on a
//! [`BusinessConnector`](crate::BusinessConnector). [`assert_push_then_poll_yields_one`]
//! checks that a webhook event and the later poll of the same change yield one event.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures::TryStreamExt;
use time::OffsetDateTime;

use super::ConformanceFixture;
use crate::changes::{ChangeEvent, ChangeFeed, ChangeKind, ChangeSource, Cursor, EntityKind};
use crate::{Connector, NewTicket, TicketId, TicketUpdate};

mod opportunities;
pub use opportunities::run_opportunity_feed_conformance;

/// One change: entity, id and change time.
type Key = (EntityKind, i64, Option<OffsetDateTime>);

fn key(e: &ChangeEvent) -> Key {
    (e.entity, e.id, e.changed_at)
}

/// Keys of events, panicking when one appears twice.
fn unique_keys(events: &[ChangeEvent], what: &str) -> BTreeSet<Key> {
    let mut out = BTreeSet::new();
    for e in events {
        assert!(
            out.insert(key(e)),
            "{what}: {} {} at {:?} was emitted twice",
            e.entity,
            e.id,
            e.changed_at
        );
    }
    out
}

/// Every poll sorts each entity by (change time, id).
fn assert_sorted(events: &[ChangeEvent], what: &str) {
    let mut last: BTreeMap<EntityKind, (Option<OffsetDateTime>, i64)> = BTreeMap::new();
    for e in events {
        let k = (e.changed_at, e.id);
        if let Some(prev) = last.insert(e.entity, k) {
            assert!(
                prev <= k,
                "{what}: {} events are not sorted by (time, id)",
                e.entity
            );
        }
        assert_eq!(
            e.source,
            ChangeSource::Poll,
            "{what}: a polled event says {:?}",
            e.source
        );
        assert!(e.record.is_some(), "{what}: a polled event has no record");
    }
}

/// The crash-and-resume test of the change feed. Panics on the first failure.
///
/// Needs a connector that can create and update tickets in `f.company`. Creates 6 tickets
/// titled with `f.marker` and changes 2 of them.
pub async fn run_change_feed_conformance(c: &dyn Connector, f: &ConformanceFixture) {
    let feed = ChangeFeed::new(c);
    let start = Cursor::new().with_overlap(Duration::from_secs(120));

    let mut created = Vec::new();
    for i in 0..6 {
        let t = c
            .create_ticket(
                &NewTicket::new(format!("{} change feed {i}", f.marker)).company(f.company),
            )
            .await
            .unwrap_or_else(|e| panic!("create_ticket: {e}"));
        created.push(t.id);
    }

    // The whole sync, as a reference.
    let all = feed
        .poll(&start)
        .await
        .unwrap_or_else(|e| panic!("first poll: {e}"));
    assert_sorted(&all, "first poll");
    for id in &created {
        let hits: Vec<_> = all
            .iter()
            .filter(|e| e.entity == EntityKind::Ticket && e.id == id.get())
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "the first poll has ticket {id} {} times",
            hits.len()
        );
        assert_eq!(
            hits[0].kind,
            ChangeKind::Created,
            "a new ticket's first event"
        );
    }
    for entity in [EntityKind::Company, EntityKind::Contact] {
        assert!(
            all.iter().any(|e| e.entity == entity),
            "the first poll has no {entity} (the fixture's company and its contacts exist)"
        );
    }

    let cursor = assert_resumes_exactly(&feed, &start, &all).await;

    // Change two tickets (after a second, so their change time moves on every vendor).
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let changed: Vec<TicketId> = created.iter().take(2).copied().collect();
    for id in &changed {
        let mut u = TicketUpdate::new();
        u.title = Some(format!("{} change feed {id} edited", f.marker));
        c.update_ticket(*id, &u)
            .await
            .unwrap_or_else(|e| panic!("update_ticket({id}): {e}"));
    }
    let mut cursor =
        Cursor::from_json(&cursor.to_json().unwrap_or_else(|e| panic!("to_json: {e}")))
            .unwrap_or_else(|e| panic!("from_json: {e}"));
    let updates = feed
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("poll after updates: {e}"));
    unique_keys(&updates, "poll after updates");
    let ids: BTreeSet<i64> = updates
        .iter()
        .filter(|e| e.entity == EntityKind::Ticket)
        .map(|e| e.id)
        .collect();
    let want: BTreeSet<i64> = changed.iter().map(|t| t.get()).collect();
    assert_eq!(ids, want, "the poll after updating two tickets");
    for e in updates.iter().filter(|e| e.entity == EntityKind::Ticket) {
        assert_eq!(e.kind, ChangeKind::Updated, "ticket {} was updated", e.id);
        cursor.commit(e);
    }
    for e in updates.iter().filter(|e| e.entity != EntityKind::Ticket) {
        cursor.commit(e);
    }
    let none = feed
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("last poll: {e}"));
    assert!(
        none.is_empty(),
        "a synced cursor polled {} events again",
        none.len()
    );
}

/// Handles the first half of `all` (the complete first poll from `start`), "crashes" (drops the
/// stream with what it buffered), resumes from the saved cursor JSON and checks that the rest
/// comes out with nothing lost, repeated or invented, and that a complete sync leaves nothing.
/// Returns the synced cursor.
async fn assert_resumes_exactly(
    feed: &ChangeFeed<'_>,
    start: &Cursor,
    all: &[ChangeEvent],
) -> Cursor {
    let all_keys = unique_keys(all, "first poll");
    let half = all.len() / 2;
    let mut cursor = start.clone();
    let saved = {
        let mut stream = feed.changes(&cursor);
        let mut handled = 0;
        while handled < half {
            let e = stream
                .try_next()
                .await
                .unwrap_or_else(|e| panic!("change stream: {e}"))
                .unwrap_or_else(|| panic!("the stream ended after {handled} of {half} events"));
            cursor.commit(&e);
            handled += 1;
        }
        cursor.to_json().unwrap_or_else(|e| panic!("to_json: {e}"))
        // The stream and whatever it buffered are dropped here, uncommitted.
    };
    let first_half: BTreeSet<Key> = all[..half].iter().map(key).collect();

    // Resume from the saved JSON.
    let mut cursor = Cursor::from_json(&saved).unwrap_or_else(|e| panic!("from_json: {e}"));
    let rest = feed
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("poll after resume: {e}"));
    assert_sorted(&rest, "poll after resume");
    let rest_keys = unique_keys(&rest, "poll after resume");
    let duplicated: Vec<_> = rest_keys.intersection(&first_half).collect();
    assert!(
        duplicated.is_empty(),
        "resume re-emitted committed changes: {duplicated:?}"
    );
    let lost: Vec<_> = all_keys
        .difference(&first_half)
        .filter(|k| !rest_keys.contains(k))
        .collect();
    assert!(lost.is_empty(), "resume lost changes: {lost:?}");
    let extra: Vec<_> = rest_keys.difference(&all_keys).collect();
    assert!(
        extra.is_empty(),
        "resume emitted changes nobody made: {extra:?}"
    );
    for e in &rest {
        cursor.commit(e);
    }
    let again = feed
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("poll after a complete sync: {e}"));
    assert!(
        again.is_empty(),
        "a complete sync left {} events",
        again.len()
    );
    cursor
}

/// Checks that a pushed event (a verified webhook turned into a [`ChangeEvent`]) and the poll
/// of the same change yield one event.
///
/// `cursor` is synced up to before the change; the pushed event is confirmed through the
/// connector ([`ChangeFeed::confirm`]), must be new, is committed, and the next poll must not
/// emit that change again. Returns the confirmed event.
pub async fn assert_push_then_poll_yields_one(
    c: &dyn Connector,
    cursor: &mut Cursor,
    pushed: ChangeEvent,
) -> ChangeEvent {
    assert_eq!(
        pushed.source,
        ChangeSource::Push,
        "the webhook event's source"
    );
    let feed = ChangeFeed::new(c);
    let confirmed = feed
        .confirm(pushed)
        .await
        .unwrap_or_else(|e| panic!("confirm: {e}"));
    assert!(
        confirmed.changed_at.is_some(),
        "a confirmed event has a change time"
    );
    assert!(
        cursor.is_new(&confirmed),
        "the pushed change is new to the cursor"
    );
    cursor.commit(&confirmed);
    let polled = feed
        .poll(cursor)
        .await
        .unwrap_or_else(|e| panic!("poll after the push: {e}"));
    let twice: Vec<_> = polled
        .iter()
        .filter(|e| e.entity == confirmed.entity && e.id == confirmed.id)
        .collect();
    assert!(
        twice.is_empty(),
        "the poll emitted the pushed change of {} {} again: {twice:?}",
        confirmed.entity,
        confirmed.id
    );
    confirmed
}

/// `CompanyQuery::updated_since` / `ContactQuery::updated_since` through the trait: every record
/// carries `updated_at`; asking from the newest change time returns exactly the records changed
/// at or after it; asking from a day after the latest change returns nothing.
pub async fn assert_updated_since_filters(c: &dyn Connector) {
    use crate::{CompanyQuery, ContactQuery, paged};

    let every = CompanyQuery::new();
    let all_companies: Vec<_> = paged(None, |p| c.list_companies(&every, p))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("listing: {e}"));
    let everyone = ContactQuery::new();
    let all_contacts: Vec<_> = paged(None, |p| c.list_contacts(&everyone, p))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("listing: {e}"));
    assert!(
        all_companies.iter().all(|c| c.updated_at.is_some()),
        "companies carry updated_at"
    );
    assert!(
        all_contacts.iter().all(|c| c.updated_at.is_some()),
        "contacts carry updated_at"
    );
    // The newest change time: only the records changed at that instant or later come back.
    let newest = all_companies
        .iter()
        .filter_map(|c| c.updated_at)
        .max()
        .unwrap_or_else(|| panic!("no record carries updated_at"));
    let q = CompanyQuery::new().updated_since(newest);
    let recent: Vec<_> = paged(None, |p| c.list_companies(&q, p))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("listing: {e}"));
    let want = all_companies
        .iter()
        .filter(|c| c.updated_at >= Some(newest))
        .count();
    assert!(
        !recent.is_empty() && recent.len() == want,
        "{} of {want}",
        recent.len()
    );
    let newest = all_contacts
        .iter()
        .filter_map(|c| c.updated_at)
        .max()
        .unwrap_or_else(|| panic!("no record carries updated_at"));
    let q = ContactQuery::new().updated_since(newest);
    let recent: Vec<_> = paged(None, |p| c.list_contacts(&q, p))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("listing: {e}"));
    let want = all_contacts
        .iter()
        .filter(|c| c.updated_at >= Some(newest))
        .count();
    assert!(
        !recent.is_empty() && recent.len() == want,
        "{} of {want}",
        recent.len()
    );
    let latest = all_companies
        .iter()
        .filter_map(|c| c.updated_at)
        .chain(all_contacts.iter().filter_map(|c| c.updated_at))
        .max()
        .unwrap_or_else(|| panic!("no record carries updated_at"));
    let future = latest + time::Duration::days(1);
    let q = ContactQuery::new().updated_since(future);
    let none: Vec<_> = paged(None, |p| c.list_contacts(&q, p))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("listing: {e}"));
    assert!(none.is_empty(), "nothing changed after {future}");
    let q = CompanyQuery::new().updated_since(future);
    let none: Vec<_> = paged(None, |p| c.list_companies(&q, p))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("listing: {e}"));
    assert!(none.is_empty(), "nothing changed after {future}");
}

/// A cursor that has handled every change the connector reports now.
pub async fn synced_cursor(c: &dyn Connector) -> Cursor {
    let mut cursor = Cursor::new().with_overlap(Duration::from_secs(120));
    let events = ChangeFeed::new(c)
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("initial sync: {e}"));
    for e in &events {
        cursor.commit(e);
    }
    cursor
}
