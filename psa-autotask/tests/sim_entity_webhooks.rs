//! Company and contact webhooks against the Autotask simulator, provisioned by
//! `ensure_webhooks`: a company change and a contact change arrive as signed deliveries that
//! verify and turn into change events, and the poll of the same change through the
//! `ChangeFeed` yields nothing more; an excluded resource's changes are not delivered; a
//! security level without webhooks is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use httpmock::prelude::*;
use psa_autotask::models::{Company, CompanyWebhookExcludedResource};
use psa_autotask::{AutotaskClient, WebhookPayload, verify_signature};
use psa_core::changes::{ChangeKind, EntityKind};
use psa_core::testkit::changes::{assert_push_then_poll_yields_one, synced_cursor};
use psa_core::{Capability, ClientOptions, WebhookSpec};
use secrecy::SecretString;
use serde_json::{Value, json};

const KEY: &str = "entity-Hooks-Key-07";

async fn client_for(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
    AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap()
}

async fn start(b: psa_sim::AutotaskSimBuilder) -> psa_sim::AutotaskSimHandle {
    b.seed(11)
        .companies(3)
        .contacts_per_company(2)
        .tickets(4)
        .notes_per_ticket(0)
        .start()
        .await
        .unwrap()
}

/// Waits for the `n`-th delivery whose body is about `entity_type`.
async fn delivery(sim: &psa_sim::AutotaskSimHandle, entity_type: &str, n: usize) -> Value {
    for _ in 0..250 {
        let found: Vec<Value> = sim
            .webhook_attempts()
            .into_iter()
            .filter(|a| a["body"].as_str().unwrap_or("").contains(entity_type))
            .collect();
        if let Some(a) = found.get(n) {
            return a.clone();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "no delivery #{n} for {entity_type}: {:?}",
        sim.webhook_attempts()
    );
}

/// Verifies the delivery's signature with the spec's key and returns the parsed payload.
fn verified(attempt: &Value) -> WebhookPayload {
    let body = attempt["body"].as_str().unwrap();
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "X-Hook-Signature",
        attempt["signature"].as_str().unwrap().parse().unwrap(),
    );
    verify_signature(&SecretString::from(KEY), &headers, body.as_bytes()).unwrap();
    WebhookPayload::parse(body.as_bytes()).unwrap()
}

#[tokio::test]
async fn company_and_contact_changes_arrive_as_verified_deliveries_and_poll_once() {
    let sim = start(psa_sim::AutotaskSim::builder()).await;
    let client = client_for(&sim).await;
    let receiver = MockServer::start_async().await;
    let hook = receiver
        .mock_async(|when, then| {
            when.method(POST)
                .path("/hook")
                .header_exists("X-Hook-Signature");
            then.status(200);
        })
        .await;
    let spec = WebhookSpec::new(receiver.url("/hook").parse().unwrap())
        .entity(EntityKind::Company)
        .entity(EntityKind::Contact)
        .secret(KEY);
    let first = client.ensure_webhooks(&spec).await.unwrap();
    assert_eq!(first.created.len(), 2, "{first:?}");
    assert!(
        !client
            .ensure_webhooks(&spec)
            .await
            .unwrap()
            .changed_anything()
    );

    let company = sim.company_ids()[0];
    let contact = client
        .raw()
        .post(
            "Contacts/query",
            &json!({"filter": [{"op": "eq", "field": "companyID", "value": company}]}),
        )
        .await
        .unwrap()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let mut cursor = synced_cursor(&client).await;
    tokio::time::sleep(Duration::from_millis(1_100)).await;

    // A company change.
    let mut c = Company::default();
    c.id = Some(company);
    c.phone = Some("+1 555 0100".into());
    client.companies().update(&c).await.unwrap();
    let pushed = verified(&delivery(&sim, "\"Account\"", 0).await)
        .to_change_event()
        .unwrap();
    assert_eq!(
        (pushed.entity, pushed.id, pushed.kind),
        (EntityKind::Company, company, ChangeKind::Updated)
    );
    assert!(
        pushed.changed_at.is_some(),
        "the modified time is always sent"
    );
    assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;

    // A contact change.
    client
        .raw()
        .patch(
            &format!("Companies/{company}/Contacts"),
            &json!({"id": contact, "title": "Head of IT"}),
        )
        .await
        .unwrap();
    let pushed = verified(&delivery(&sim, "\"Contact\"", 0).await)
        .to_change_event()
        .unwrap();
    assert_eq!(
        (pushed.entity, pushed.id, pushed.kind),
        (EntityKind::Contact, contact, ChangeKind::Updated)
    );
    assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;

    // A contact delete is delivered too (the spec asks for all events).
    client
        .raw()
        .delete(&format!("Companies/{company}/Contacts/{contact}"))
        .await
        .unwrap();
    let gone = verified(&delivery(&sim, "\"Contact\"", 1).await)
        .to_change_event()
        .unwrap();
    assert_eq!((gone.id, gone.kind), (contact, ChangeKind::Deleted));
    hook.assert_calls_async(3).await;
    sim.stop().await;
}

#[tokio::test]
async fn an_excluded_resource_changes_nothing_that_is_delivered() {
    let sim = start(psa_sim::AutotaskSim::builder()).await;
    let client = client_for(&sim).await;
    let receiver = MockServer::start_async().await;
    receiver
        .mock_async(|when, then| {
            when.method(POST).path("/hook");
            then.status(200);
        })
        .await;
    let spec = WebhookSpec::new(receiver.url("/hook").parse().unwrap())
        .entity(EntityKind::Company)
        .secret(KEY);
    let report = client.ensure_webhooks(&spec).await.unwrap();
    let webhook: i64 = report.created[0].id.parse().unwrap();
    let mut x = CompanyWebhookExcludedResource::default();
    x.webhook_id = Some(webhook);
    x.resource_id = Some(sim.api_resource_id());
    let excluded = client
        .company_webhook_excluded_resources()
        .create(&x)
        .await
        .unwrap();

    let company = sim.company_ids()[1];
    let mut c = Company::default();
    c.id = Some(company);
    c.city = Some("Leeds".into());
    client.companies().update(&c).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        sim.webhook_attempts().is_empty(),
        "an excluded change was delivered"
    );
    // The exclusion is not drift: ensure leaves it.
    assert!(
        !client
            .ensure_webhooks(&spec)
            .await
            .unwrap()
            .changed_anything()
    );

    x.id = Some(excluded);
    client
        .company_webhook_excluded_resources()
        .delete(&x)
        .await
        .unwrap();
    c.city = Some("York".into());
    client.companies().update(&c).await.unwrap();
    let body = delivery(&sim, "\"Account\"", 0).await;
    assert_eq!(verified(&body).id, company);
    sim.stop().await;
}

#[tokio::test]
async fn a_level_without_webhooks_is_refused_and_ensure_says_so() {
    let sim = start(psa_sim::AutotaskSim::builder().deny(Capability::Webhooks)).await;
    let client = client_for(&sim).await;
    let spec = WebhookSpec::new("https://hooks.example.com/at".parse().unwrap())
        .entity(EntityKind::Contact)
        .secret(KEY);
    let e = client.ensure_webhooks(&spec).await.unwrap_err();
    assert!(
        e.to_string().contains("adequate permissions"),
        "a permission refusal: {e}"
    );
    sim.stop().await;
}
