//! Behaviour under faults and the rate limit, against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::collections::HashSet;
use std::time::Duration;

use futures::future::join_all;
use futures::{StreamExt, TryStreamExt};
use psa_core::transport::RateLimiter;
use psa_core::{CompanyId, Connector, ConnectorExt, NewTicket, TicketQuery};
use psa_sim::Faults;

#[tokio::test]
async fn two_thousand_tickets_stream_each_once_under_server_errors() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(3)
        .companies(5)
        .contacts_per_company(1)
        .tickets(2_000)
        .notes_per_ticket(0)
        .rate_limit(1_000_000, Duration::from_secs(60))
        .faults(Faults::none().server_errors(0.1).seed(11))
        .start()
        .await
        .unwrap();
    let client = sim::fast_client(&handle).await;
    let ids: Vec<i64> = client
        .stream_tickets(&TicketQuery::new())
        .map_ok(|t| t.id.get())
        .try_collect()
        .await
        .unwrap();
    let unique: HashSet<_> = ids.iter().copied().collect();
    assert_eq!(ids.len(), 2_000);
    assert_eq!(unique.len(), 2_000, "a ticket arrived twice");
    assert!(
        handle.log().count_status(500)
            + handle.log().count_status(502)
            + handle.log().count_status(503)
            > 0,
        "no fault was injected"
    );
    handle.stop().await;
}

async fn creates_under(faults: Faults) {
    let handle = psa_sim::SyncroSim::builder()
        .seed(5)
        .companies(2)
        .contacts_per_company(1)
        .tickets(10)
        .rate_limit(1_000_000, Duration::from_secs(60))
        .faults(faults)
        .start()
        .await
        .unwrap();
    let client = sim::fast_client(&handle).await;
    let company = client
        .customers()
        .list(&Default::default())
        .await
        .unwrap()
        .items[0]
        .id;
    let before = handle.ticket_count();
    let creates = (0..200).map(|i| {
        let c = client.clone();
        async move {
            let t = NewTicket::new(format!("idem-{i:03} printer"))
                .company(CompanyId(company))
                .idempotency_key(format!("idem-key-{i:03}"));
            c.create_ticket(&t).await
        }
    });
    let results = futures::stream::iter(creates)
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    let mut ids = HashSet::new();
    for r in results {
        ids.insert(r.unwrap().id);
    }
    assert_eq!(ids.len(), 200);
    assert_eq!(
        handle.ticket_count(),
        before + 200,
        "a retry made a duplicate or lost a ticket"
    );
    let faulted_creates = handle
        .log()
        .entries()
        .iter()
        .filter(|e| e.method == "POST" && e.fault.is_some())
        .count();
    assert!(
        faulted_creates > 0,
        "no create was faulted: the test proves nothing"
    );
    for i in 0..200 {
        assert_eq!(
            handle.tickets_with_subject(&format!("idem-{i:03} printer")),
            1,
            "ticket {i}"
        );
    }
    handle.stop().await;
}

#[tokio::test]
async fn two_hundred_keyed_creates_under_failures_after_storing_leave_two_hundred_tickets() {
    creates_under(
        Faults::none()
            .server_errors(0.1)
            .after_write_share(1.0)
            .seed(21),
    )
    .await;
}

#[tokio::test]
async fn keyed_creates_survive_dropped_connections_and_cut_bodies() {
    creates_under(
        Faults::none()
            .server_errors(0.04)
            .dropped_connections(0.04)
            .truncated_bodies(0.04)
            .seed(22),
    )
    .await;
}

#[tokio::test]
async fn a_burst_of_400_against_the_limit_surfaces_no_429() {
    // Syncro's 180 a minute, with the minute scaled down to 3 s to keep the test short; the
    // client paces with a margin over the window, as its default does (61 s for 60 s).
    let window = Duration::from_secs(3);
    let handle = psa_sim::SyncroSim::builder()
        .seed(9)
        .companies(1)
        .contacts_per_company(1)
        .tickets(5)
        .rate_limit(180, window)
        .start()
        .await
        .unwrap();
    let client = sim::builder(&handle)
        .rate_limiter(RateLimiter::new(180, window + Duration::from_millis(750)))
        .build()
        .await
        .unwrap();
    let calls = (0..400).map(|_| {
        let c = client.clone();
        async move { c.users().list().await }
    });
    for r in join_all(calls).await {
        r.expect("no 429 reaches the caller");
    }
    let served = handle
        .log()
        .entries()
        .iter()
        .filter(|e| e.status == 200)
        .count();
    assert!(served >= 400);
    // The sim opens its window at the first request after the last one ran out (as Rack::Attack
    // counts fixed windows), so without the margin a whole burst would land in the old window.
    assert!(
        handle.log().count_status(429) < 40,
        "pacing let {} requests be refused",
        handle.log().count_status(429)
    );
    handle.stop().await;
}

#[tokio::test]
async fn the_same_key_twice_makes_one_ticket() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(1)
        .companies(1)
        .contacts_per_company(1)
        .tickets(3)
        .rate_limit(100_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let client = sim::fast_client(&handle).await;
    let company = client
        .customers()
        .list(&Default::default())
        .await
        .unwrap()
        .items[0]
        .id;
    let t = NewTicket::new("chat 7f3a: VPN down")
        .company(CompanyId(company))
        .idempotency_key("chat-7f3a");
    let first = client.create_ticket(&t).await.unwrap();
    // A job that crashed after the create and runs again:
    let second = client.create_ticket(&t).await.unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(handle.tickets_with_subject("chat 7f3a: VPN down"), 1);
    assert_eq!(first.external_ref.as_deref(), Some("chat-7f3a"));
    handle.stop().await;
}
