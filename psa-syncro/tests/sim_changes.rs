//! The change feed against the Syncro simulator: crash and resume, and a webhook delivery plus
//! the poll of the same change yielding one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::time::Duration;

use psa_core::Connector;
use psa_core::testkit::ConformanceFixture;
use psa_core::testkit::changes::run_change_feed_conformance;

async fn start() -> psa_sim::SyncroSimHandle {
    psa_sim::SyncroSim::builder()
        .seed(7)
        .companies(4)
        .contacts_per_company(2)
        .tickets(30)
        .notes_per_ticket(1)
        .rate_limit(100_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_change_feed_survives_a_crash_with_nothing_lost_or_repeated() {
    let handle = start().await;
    let client = sim::fast_client(&handle).await;
    let company = client
        .list_companies(&Default::default(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    let connector: &dyn Connector = &client;
    run_change_feed_conformance(connector, &ConformanceFixture::new(company)).await;
    handle.stop().await;
}

#[tokio::test]
async fn a_webhook_delivery_and_the_poll_of_the_same_change_yield_one_event() {
    use std::sync::{Arc, Mutex};

    use httpmock::prelude::*;
    use psa_core::NewTicket;
    use psa_core::changes::{ChangeKind, EntityKind};
    use psa_core::testkit::changes::{assert_push_then_poll_yields_one, synced_cursor};
    use psa_syncro::webhooks::WebhookPayload;

    // Syncro signs nothing: the receiver's path carries a secret.
    const SECRET: &str = "0123456789abcdef0123456789abcdef";
    // The receiver keeps every body it is sent.
    let bodies: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let receiver = MockServer::start_async().await;
    let sink = bodies.clone();
    receiver
        .mock_async(move |when, then| {
            when.method(POST)
                .path(format!("/hooks/syncro/{SECRET}"))
                .is_true(move |req| {
                    sink.lock().unwrap().push(req.body().to_vec());
                    true
                });
            then.status(200);
        })
        .await;
    let handle = psa_sim::SyncroSim::builder()
        .seed(7)
        .companies(3)
        .contacts_per_company(1)
        .tickets(10)
        .rate_limit(100_000, Duration::from_secs(60))
        .webhook_url(&receiver.url(format!("/hooks/syncro/{SECRET}")))
        .start()
        .await
        .unwrap();
    let client = sim::fast_client(&handle).await;
    let mut cursor = synced_cursor(&client).await;
    let company = client
        .list_companies(&Default::default(), None)
        .await
        .unwrap()
        .items[0]
        .id;

    let ticket = client
        .create_ticket(&NewTicket::new("pushed and polled").company(company))
        .await
        .unwrap();
    let mut pushed = None;
    for _ in 0..250 {
        pushed = bodies.lock().unwrap().iter().find_map(|b| {
            let p = WebhookPayload::from_slice(b).ok()?;
            let e = p.to_change_event().ok()?;
            (e.entity == EntityKind::Ticket && e.id == ticket.id.get()).then_some(e)
        });
        if pushed.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let pushed = pushed.expect("the simulator delivers 'A Ticket was created'");
    assert_eq!(pushed.kind, ChangeKind::Created);
    let sent_at = pushed.changed_at.expect("attributes carry updated_at");
    let confirmed = assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;
    assert_eq!(
        confirmed.changed_at,
        Some(sent_at),
        "the payload time is the polled time"
    );
    handle.stop().await;
}

#[tokio::test]
async fn companies_and_contacts_are_filtered_by_updated_since() {
    let handle = start().await;
    let client = sim::fast_client(&handle).await;
    psa_core::testkit::changes::assert_updated_since_filters(&client).await;
    handle.stop().await;
}

#[tokio::test]
async fn a_feed_asked_for_opportunities_answers_unsupported_on_syncro() {
    use psa_core::testkit::business::BusinessFixture;
    use psa_core::testkit::changes::run_opportunity_feed_conformance;

    let handle = start().await;
    let client = sim::fast_client(&handle).await;
    let company = client
        .list_companies(&Default::default(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    run_opportunity_feed_conformance(&client, &BusinessFixture::new(company)).await;
    handle.stop().await;
}
