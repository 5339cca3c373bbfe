//! The change feed against the ConnectWise simulator: crash and resume, and a callback plus
//! the poll of the same change yielding one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use psa_core::testkit::ConformanceFixture;
use psa_core::testkit::changes::run_change_feed_conformance;
use psa_core::{CompanyId, Connector};
use psa_sim::ConnectWiseSim;

async fn start() -> psa_sim::ConnectWiseSimHandle {
    ConnectWiseSim::builder()
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
    let handle = start().await;
    let client = sim::builder(&handle).page_size(7).build().await.unwrap();
    let company = CompanyId(handle.company_ids()[0]);
    let connector: &dyn Connector = &client;
    run_change_feed_conformance(connector, &ConformanceFixture::new(company)).await;
    handle.stop().await;
}

#[tokio::test]
async fn a_callback_and_the_poll_of_the_same_change_yield_one_event() {
    use std::time::Duration;

    use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
    use psa_core::changes::{ChangeKind, EntityKind};
    use psa_core::testkit::changes::{assert_push_then_poll_yields_one, synced_cursor};
    use psa_core::{NewTicket, TicketUpdate};

    let receiver = httpmock::MockServer::start_async().await;
    let hook = receiver
        .mock_async(|when, then| {
            when.method(httpmock::Method::POST).path("/cw");
            then.status(200);
        })
        .await;
    let handle = start().await;
    let client = sim::client(&handle).await;
    client
        .callbacks()
        .create(&NewCallback::new(
            format!("{}/cw?recordId=", receiver.base_url()),
            CallbackType::Ticket,
            CallbackLevel::Owner,
        ))
        .await
        .unwrap();
    let company = CompanyId(handle.company_ids()[0]);
    let ticket = client
        .create_ticket(&NewTicket::new("pushed and polled").company(company))
        .await
        .unwrap();
    // Wait for the creation's callback, then sync everything.
    let created = wait_for(&handle, ticket.id.get(), "added").await;
    let mut cursor = synced_cursor(&client).await;

    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let mut u = TicketUpdate::new();
    u.title = Some("pushed and polled, edited".into());
    client.update_ticket(ticket.id, &u).await.unwrap();
    let delivery = wait_for(&handle, ticket.id.get(), "updated").await;
    let (body, signature) = delivery;
    assert_ne!(created.0, body);
    let mut headers = http::HeaderMap::new();
    headers.insert("x-content-signature", signature.parse().unwrap());
    let pushed = client
        .verify_callback(body.as_bytes(), &headers)
        .await
        .unwrap()
        .to_change_event()
        .unwrap();
    assert_eq!(
        (pushed.entity, pushed.id, pushed.kind),
        (EntityKind::Ticket, ticket.id.get(), ChangeKind::Updated)
    );
    let sent_at = pushed
        .changed_at
        .expect("the entity carries _info.lastUpdated");
    let confirmed = assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;
    assert_eq!(
        confirmed.changed_at,
        Some(sent_at),
        "the callback time is the polled time"
    );
    assert!(hook.calls_async().await >= 2);
    handle.stop().await;
}

async fn wait_for(
    handle: &psa_sim::ConnectWiseSimHandle,
    id: i64,
    action: &str,
) -> (String, String) {
    for _ in 0..500 {
        if let Some(d) = handle
            .callback_deliveries()
            .into_iter()
            .rev()
            .find(|d| d.record_id == id && d.action == action)
        {
            return (d.body, d.signature);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no {action} callback for ticket {id}");
}

#[tokio::test]
async fn companies_and_contacts_are_filtered_by_updated_since() {
    let handle = start().await;
    let client = sim::client(&handle).await;
    psa_core::testkit::changes::assert_updated_since_filters(&client).await;
    handle.stop().await;
}

#[tokio::test]
async fn opportunities_survive_a_crash_in_the_change_feed_with_nothing_lost_or_repeated() {
    use psa_core::testkit::business::BusinessFixture;
    use psa_core::testkit::changes::run_opportunity_feed_conformance;

    let handle = start().await;
    let client = sim::builder(&handle).page_size(4).build().await.unwrap();
    let company = CompanyId(handle.company_ids()[0]);
    run_opportunity_feed_conformance(&client, &BusinessFixture::new(company)).await;
    handle.stop().await;
}
