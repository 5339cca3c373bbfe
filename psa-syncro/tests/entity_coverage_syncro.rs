//! Issue 14 coverage gaps, Syncro: staff (`/users`) and the ticket base data kept in settings
//! (problem types in `/settings`, statuses in `/tickets/settings`) against the simulator, and
//! the rights preflight reports for them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use futures::TryStreamExt;
use psa_core::{Capability, CheckOutcome, ErrorKind, PreflightOptions};
use psa_syncro::TicketFilter;

async fn start() -> psa_sim::SyncroSimHandle {
    psa_sim::SyncroSim::builder()
        .seed(14)
        .companies(3)
        .contacts_per_company(1)
        .tickets(12)
        .rate_limit(100_000, std::time::Duration::from_secs(60))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn staff_is_listed_and_read_one_by_one() {
    let handle = start().await;
    let c = sim::fast_client(&handle).await;
    let users = c.users().list().await.unwrap();
    assert!(!users.is_empty());
    assert!(
        users.iter().any(|u| u.id == handle.user_id()),
        "the token's own user is staff"
    );
    for u in &users {
        let detail = c.users().get(u.id).await.unwrap();
        assert_eq!(detail.id, Some(u.id));
        assert_eq!(detail.full_name.as_deref(), Some(u.name.as_str()));
        assert!(detail.email.as_deref().is_some_and(|e| e.contains('@')));
    }
    // The ticket settings list the same staff.
    let from_settings = c.settings().tickets().await.unwrap();
    let mut a: Vec<i64> = users.iter().map(|u| u.id).collect();
    let mut b: Vec<i64> = from_settings.users.iter().map(|u| u.id).collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);

    let err = c.users().get(999_999).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    handle.stop().await;
}

#[tokio::test]
async fn problem_types_and_statuses_cover_every_ticket() {
    let handle = start().await;
    let c = sim::fast_client(&handle).await;
    let account = c.settings().account().await.unwrap();
    let problem_types = &account.ticket.problem_types;
    assert!(!problem_types.is_empty());
    let statuses = c
        .settings()
        .tickets()
        .await
        .unwrap()
        .ticket_status_list
        .clone();
    assert!(statuses.iter().any(|s| s == "New"));
    assert!(statuses.iter().any(|s| s == "Resolved"));

    let tickets: Vec<_> = c
        .tickets()
        .stream(TicketFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tickets.len(), 12);
    for t in &tickets {
        let status = t.status.as_deref().unwrap();
        assert!(statuses.iter().any(|s| s == status), "status {status}");
        if let Some(p) = t.problem_type.as_deref() {
            assert!(problem_types.iter().any(|x| x == p), "problem type {p}");
        }
    }

    // Cached: a second read sends nothing; refresh() reads again.
    let before = handle.log().entries().len();
    let _ = c.settings().account().await.unwrap();
    let _ = c.settings().tickets().await.unwrap();
    assert_eq!(
        handle.log().entries().len(),
        before,
        "served from the cache"
    );
    c.settings().refresh();
    let _ = c.settings().account().await.unwrap();
    assert!(handle.log().entries().len() > before, "refresh reads again");
    handle.stop().await;
}

#[tokio::test]
async fn preflight_reports_staff_and_ticket_categories_from_their_calls() {
    let handle = start().await;
    let c = sim::fast_client(&handle).await;
    let report = c
        .preflight(&PreflightOptions::for_capabilities([
            Capability::ReadResources,
            Capability::ReadTicketCategories,
        ]))
        .await
        .unwrap();
    for cap in [Capability::ReadResources, Capability::ReadTicketCategories] {
        assert_eq!(
            report.outcome(cap),
            Some(CheckOutcome::Granted),
            "{cap}\n{report}"
        );
    }
    let staff = report.checks_for(Capability::ReadResources).next().unwrap();
    assert!(staff.right.contains("/users"), "{staff:?}");
    let cats = report
        .checks_for(Capability::ReadTicketCategories)
        .next()
        .unwrap();
    assert!(cats.right.contains("/settings"), "{cats:?}");
    handle.stop().await;
}
