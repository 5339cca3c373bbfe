//! The change feed against the Autotask simulator: crash and resume, and a webhook delivery
//! plus the poll of the same change yielding one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use psa_autotask::AutotaskClient;
use psa_core::testkit::ConformanceFixture;
use psa_core::testkit::changes::run_change_feed_conformance;
use psa_core::{ClientOptions, Connector, RetryConfig};

async fn client_for(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
    AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .discovery_url(sim.discovery_url())
        .options(
            ClientOptions::default()
                .allow_insecure_loopback(true)
                .retry(
                    RetryConfig::default()
                        .initial_backoff(Duration::from_millis(5))
                        .max_backoff(Duration::from_millis(50)),
                ),
        )
        .build()
        .await
        .unwrap()
}

async fn start() -> psa_sim::AutotaskSimHandle {
    psa_sim::AutotaskSim::builder()
        .seed(7)
        .companies(4)
        .contacts_per_company(2)
        .tickets(30)
        .notes_per_ticket(1)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_change_feed_survives_a_crash_with_nothing_lost_or_repeated() {
    let sim = start().await;
    let client = client_for(&sim).await;
    let company = client
        .list_companies(&Default::default(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    let connector: &dyn Connector = &client;
    run_change_feed_conformance(connector, &ConformanceFixture::new(company)).await;
    sim.stop().await;
}

#[tokio::test]
async fn a_webhook_delivery_and_the_poll_of_the_same_change_yield_one_event() {
    use httpmock::prelude::*;
    use psa_autotask::{NewTicketWebhook, WebhookPayload};
    use psa_core::changes::{ChangeKind, EntityKind};
    use psa_core::testkit::changes::{assert_push_then_poll_yields_one, synced_cursor};
    use psa_core::{NewTicket, TicketUpdate};

    let sim = start().await;
    let client = client_for(&sim).await;
    let receiver = MockServer::start_async().await;
    let hook = receiver
        .mock_async(|when, then| {
            when.method(POST).path("/hook");
            then.status(200);
        })
        .await;
    let new = NewTicketWebhook::new(
        "change feed",
        receiver.url("/hook"),
        receiver.url("/off"),
        "feed-Secret-01",
    )
    .on_create(false)
    .on_update(true)
    .subscribe(["title"])
    .always_send(["lastActivityDate"]);
    client.create_ticket_webhook(&new).await.unwrap();
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
    let mut cursor = synced_cursor(&client).await;

    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let mut u = TicketUpdate::new();
    u.title = Some("pushed and polled, edited".into());
    client.update_ticket(ticket.id, &u).await.unwrap();
    let mut body = None;
    for _ in 0..200 {
        body = sim
            .webhook_attempts()
            .into_iter()
            .find_map(|a| a["body"].as_str().map(str::to_string));
        if body.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let body = body.expect("the simulator delivers the ticket webhook");
    let pushed = WebhookPayload::parse(body.as_bytes())
        .unwrap()
        .to_change_event()
        .unwrap();
    assert_eq!(
        (pushed.entity, pushed.id, pushed.kind),
        (EntityKind::Ticket, ticket.id.get(), ChangeKind::Updated)
    );
    let sent_at = pushed
        .changed_at
        .expect("lastActivityDate is sent with every delivery");
    let confirmed = assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;
    assert_eq!(
        confirmed.changed_at,
        Some(sent_at),
        "the payload time is the polled time"
    );
    hook.assert_calls_async(1).await;
    sim.stop().await;
}

#[tokio::test]
async fn companies_and_contacts_are_filtered_by_updated_since() {
    let handle = start().await;
    let client = client_for(&handle).await;
    psa_core::testkit::changes::assert_updated_since_filters(&client).await;
    handle.stop().await;
}

#[tokio::test]
async fn opportunities_survive_a_crash_in_the_change_feed_with_nothing_lost_or_repeated() {
    use psa_core::testkit::business::BusinessFixture;
    use psa_core::testkit::changes::run_opportunity_feed_conformance;

    let sim = start().await;
    let client = client_for(&sim).await;
    let company = client
        .list_companies(&Default::default(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    run_opportunity_feed_conformance(&client, &BusinessFixture::new(company)).await;
    sim.stop().await;
}
