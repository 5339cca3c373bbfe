//! Runs the `first_sync` example's core for each vendor, so the example cannot rot: staff and
//! companies are imported, tickets (and opportunities where the PSA has them) come through the
//! change feed, the cursor is saved, and a webhook delivery of a new ticket plus the next poll
//! of the same change are one event.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

#[allow(dead_code)]
#[path = "../first_sync.rs"]
mod first_sync;

use first_sync::{Summary, first_sync};

fn check(s: &Summary) {
    assert!(
        s.ready,
        "{s:?}: the default simulator grants what the sync needs"
    );
    assert!(s.staff > 0 || s.vendor == "syncro", "{s:?}: staff imported");
    assert!(s.companies > 0, "{s:?}: companies imported");
    assert!(
        s.tickets >= 40,
        "{s:?}: the seeded tickets came through the feed"
    );
    assert_eq!(s.pushed, 1, "{s:?}: the new ticket's delivery");
    assert_eq!(s.repeated_by_poll, 0, "{s:?}: push and poll are one event");
    let cursor = psa_core::changes::Cursor::from_json(&s.cursor).unwrap();
    assert!(
        cursor
            .watermark(psa_core::changes::EntityKind::Ticket)
            .is_some()
    );
}

#[tokio::test]
async fn the_first_sync_runs_on_autotask_with_opportunities() {
    let s = first_sync("autotask", false).await.unwrap();
    check(&s);
    assert!(s.opportunities.is_some_and(|n| n > 0), "{s:?}");
}

#[tokio::test]
async fn the_first_sync_runs_on_connectwise_with_opportunities() {
    let s = first_sync("connectwise", false).await.unwrap();
    check(&s);
    assert!(s.opportunities.is_some_and(|n| n > 0), "{s:?}");
}

#[tokio::test]
async fn the_first_sync_runs_on_syncro_without_opportunities() {
    let s = first_sync("syncro", false).await.unwrap();
    check(&s);
    assert_eq!(s.opportunities, None, "Syncro has no opportunities");
}

#[tokio::test]
async fn an_unknown_vendor_is_refused_with_the_usage() {
    let e = first_sync("halo", false).await.unwrap_err();
    assert!(e.to_string().contains("usage: first_sync"), "{e}");
}
