//! Behaviour against the Autotask simulator: the thread limit, paging under faults,
//! duplicate-safe creates under faults, impersonation and signed webhook deliveries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::time::Duration;

use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_autotask::models::Ticket;
use psa_autotask::webhooks::{WebhookPayload, verify_signature};
use psa_autotask::{AutotaskClient, Filter, NewTicketWebhook, Query};
use psa_core::{ClientOptions, CompanyId, Connector, ErrorKind, NewTicket, RetryConfig};
use secrecy::SecretString;

fn options() -> ClientOptions {
    ClientOptions::default()
        .allow_insecure_loopback(true)
        .retry(
            RetryConfig::default()
                .max_retries(8)
                .initial_backoff(Duration::from_millis(2))
                .max_backoff(Duration::from_millis(20))
                .total_budget(Duration::from_secs(60)),
        )
}

fn faults(sim: &psa_sim::AutotaskSimHandle) -> usize {
    sim.log()
        .entries()
        .iter()
        .filter(|e| e.fault.is_some())
        .count()
}

async fn client_for(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
    AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .discovery_url(sim.discovery_url())
        .options(options())
        .build()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_burst_of_ten_queries_never_has_more_than_three_in_flight() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(1)
        .companies(2)
        .tickets(30)
        .latency(Duration::from_millis(40))
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let calls = (0..10).map(|i| {
        let c = client.clone();
        async move {
            c.tickets()
                .query(&Query::with(Filter::gte("id", i)).max_records(5))
                .await
        }
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    let max = sim.log().max_concurrency("Tickets");
    assert!(max >= 1, "the log saw the queries");
    assert!(max <= 3, "{max} requests were in flight on Tickets");
    assert_eq!(sim.log().count_status(500), 0, "no thread-limit errors");
    sim.stop().await;
}

#[tokio::test]
async fn two_thousand_tickets_stream_once_each_under_ten_percent_server_errors() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(2)
        .companies(10)
        .tickets(2_000)
        .faults(psa_sim::Faults::none().server_errors(0.1).seed(7))
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let all: Vec<Ticket> = client
        .tickets()
        .stream(Query::new().max_records(50))
        .try_collect()
        .await
        .unwrap();
    let ids: HashSet<i64> = all.iter().map(|t| t.id.unwrap()).collect();
    assert_eq!(all.len(), 2_000);
    assert_eq!(ids.len(), 2_000, "no ticket twice");
    assert!(faults(&sim) > 0, "faults were injected");
    sim.stop().await;
}

#[tokio::test]
async fn two_hundred_keyed_creates_under_failures_after_storing_leave_two_hundred_tickets() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(3)
        .companies(3)
        .tickets(0)
        .faults(
            psa_sim::Faults::none()
                .server_errors(0.1)
                .after_write_share(1.0)
                .seed(11),
        )
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let company = client.companies().query(&Query::new()).await.unwrap().items[0]
        .id
        .unwrap();
    let before = sim.ticket_count();
    for i in 0..200 {
        let key = format!("chat-{i:04}");
        let t = client
            .create_ticket(
                &NewTicket::new(format!("keyed ticket {i}"))
                    .company(CompanyId(company))
                    .idempotency_key(&key),
            )
            .await
            .unwrap();
        assert_eq!(t.external_ref.as_deref(), Some(key.as_str()));
    }
    assert_eq!(sim.ticket_count(), before + 200);
    let struck_creates = sim
        .log()
        .entries()
        .iter()
        .filter(|e| e.method == "POST" && e.path.ends_with("/Tickets") && e.fault.is_some())
        .count();
    assert!(
        struck_creates > 0,
        "some creates failed after the ticket was stored"
    );
    for i in [0, 57, 199] {
        let key = format!("chat-{i:04}");
        let n = sim.count_tickets_where(|t| t["externalID"] == serde_json::json!(key));
        assert_eq!(n, 1, "{key}");
    }
    assert!(faults(&sim) > 0, "faults were injected");
    sim.stop().await;
}

#[tokio::test]
async fn impersonated_writes_are_attributed_and_queries_stay_plain() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(4)
        .companies(2)
        .tickets(3)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let resource = client
        .resources()
        .query(&Query::with(Filter::not_eq("id", sim.api_resource_id())).max_records(1))
        .await
        .unwrap()
        .items[0]
        .id
        .unwrap();
    let acting = client.impersonating(resource);
    let company = acting.companies().query(&Query::new()).await.unwrap().items[0]
        .id
        .unwrap();
    let t = acting
        .create_ticket(&NewTicket::new("impersonated").company(CompanyId(company)))
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&t.vendor_record).unwrap()["impersonatorCreatorResourceID"],
        serde_json::json!(sim.api_resource_id())
    );
    sim.stop().await;

    let sim = psa_sim::AutotaskSim::builder()
        .seed(4)
        .companies(2)
        .tickets(3)
        .impersonation(false)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await.impersonating(resource);
    let company = client.companies().query(&Query::new()).await.unwrap().items[0]
        .id
        .unwrap();
    let e = client
        .create_ticket(&NewTicket::new("impersonated").company(CompanyId(company)))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::PermissionDenied, "{e}");
    assert_eq!(e.action(), Some("create"));
    sim.stop().await;
}

#[tokio::test]
async fn a_registered_webhook_delivers_signed_payloads() {
    let receiver = MockServer::start_async().await;
    let key = SecretString::from("wh-secret-Key-01");
    let verify_key = key.clone();
    let delivered = receiver
        .mock_async(move |when, then| {
            when.method(POST)
                .path("/autotask/hook")
                .is_true(move |req| {
                    verify_signature(&verify_key, &req.headers(), req.body_ref()).is_ok()
                        && WebhookPayload::parse(req.body_ref())
                            .is_ok_and(|p| p.entity_type == "Ticket")
                });
            then.status(200);
        })
        .await;
    let sim = psa_sim::AutotaskSim::builder()
        .seed(5)
        .companies(2)
        .tickets(2)
        .webhooks_allowed(5)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let setup = client
        .create_ticket_webhook(
            &NewTicketWebhook::new(
                "psa-sdk test",
                receiver.url("/autotask/hook"),
                receiver.url("/autotask/off"),
                "wh-secret-Key-01",
            )
            .on_create(true)
            .on_update(true)
            .subscribe(["status", "title"]),
        )
        .await
        .unwrap();
    assert!(
        client
            .list_ticket_webhooks()
            .await
            .unwrap()
            .iter()
            .any(|w| w.id == Some(setup.webhook_id))
    );
    let company = client.companies().query(&Query::new()).await.unwrap().items[0]
        .id
        .unwrap();
    client
        .create_ticket(&NewTicket::new("webhook me").company(CompanyId(company)))
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while delivered.calls_async().await == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        delivered.calls_async().await >= 1,
        "a signed delivery arrived"
    );
    client
        .delete_ticket_webhook(setup.webhook_id)
        .await
        .unwrap();
    assert!(
        !client
            .list_ticket_webhooks()
            .await
            .unwrap()
            .iter()
            .any(|w| w.id == Some(setup.webhook_id))
    );
    drop(key);
    sim.stop().await;
}
