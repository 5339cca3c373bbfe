//! Autotask ticket webhooks over raw HTTP: registration (webhook, fields, excluded resources),
//! delivery of the vendor payload, and a signature the test verifies on its own.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use autotask_support::Api;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use psa_sim::AutotaskSim;
use serde_json::{Value, json};
use sha1::Sha1;

const SECRET: &str = "sh4red-Secret";

/// One call received: the signature header and the raw body.
#[derive(Clone, Debug)]
struct Received {
    signature: Option<String>,
    body: Bytes,
}

#[derive(Clone)]
struct Receiver {
    calls: Arc<Mutex<Vec<Received>>>,
    status: StatusCode,
}

async fn hook(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers
        .get("X-Hook-Signature")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    r.calls.lock().unwrap().push(Received { signature, body });
    r.status
}

async fn receiver(status: StatusCode) -> (String, Arc<Mutex<Vec<Received>>>) {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let app = Router::new()
        .route("/hook", post(hook))
        .with_state(Receiver {
            calls: calls.clone(),
            status,
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), calls)
}

/// The signature computed independently: base64(HMAC-SHA1(secret, raw body)).
fn expected_signature(body: &[u8]) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    format!(
        "sha1={}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

async fn wait_for(calls: &Arc<Mutex<Vec<Received>>>, n: usize) -> Vec<Received> {
    for _ in 0..200 {
        if calls.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    calls.lock().unwrap().clone()
}

/// Registers a webhook subscribed to `status` (and always showing `title`) and returns its id.
async fn register(api: &Api, url: &str, excluded: Option<i64>) -> (i64, String) {
    let r = api
        .post(
            "TicketWebhooks",
            &json!({
                "Name": "status changes", "WebhookUrl": format!("{url}/hook"),
                "DeactivationUrl": format!("{url}/off"), "SecretKey": SECRET, "IsActive": true,
                "IsSubscribedToCreateEvents": true, "IsSubscribedToUpdateEvents": true,
                "NotificationEmailAddress": "ops@example.com"
            }),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["itemId"].as_i64().unwrap();
    let hook = api.get(&format!("TicketWebhooks/{id}")).await.body["item"].clone();
    assert_eq!(hook["isReady"], false, "no subscribed field yet");
    assert!(hook["secretKey"].is_null(), "the secret is not echoed");
    let guid = hook["webhookGUID"].as_str().unwrap().to_string();

    let fields = api
        .get("TicketWebhookFields/entityInformation/fields")
        .await;
    let picks = fields.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "fieldID")
        .unwrap()["picklistValues"]
        .clone();
    let field_id = |label: &str| -> i64 {
        picks
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["label"] == label)
            .unwrap()["value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let r = api
        .post(&format!("TicketWebhooks/{id}/Fields"), &json!({
            "FieldID": field_id("status"), "IsSubscribedField": true, "IsDisplayAlwaysField": false, "WebhookID": id
        }))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let r = api
        .post(&format!("TicketWebhooks/{id}/Fields"), &json!({
            "FieldID": field_id("title"), "IsSubscribedField": false, "IsDisplayAlwaysField": true, "WebhookID": id
        }))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    if let Some(res) = excluded {
        let r = api
            .post(
                &format!("TicketWebhooks/{id}/ExcludedResources"),
                &json!({"ResourceID": res, "WebhookID": id}),
            )
            .await;
        assert_eq!(r.status, 200, "{:?}", r.body);
    }
    let hook = api.get(&format!("TicketWebhooks/{id}")).await.body["item"].clone();
    assert_eq!(hook["isReady"], true);
    (id, guid)
}

fn payload(r: &Received) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

#[tokio::test]
async fn ticket_changes_are_delivered_signed() {
    let (url, calls) = receiver(StatusCode::OK).await;
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let techs = sim.technician_ids();
    let (_, guid) = register(&api, &url, Some(techs[1])).await;

    // A create.
    let id = api
        .post("Tickets", &Api::ticket_body(sim.company_ids()[0], "Hooked"))
        .await
        .body["itemId"]
        .as_i64()
        .unwrap();
    let got = wait_for(&calls, 1).await;
    assert_eq!(got.len(), 1);
    let p = payload(&got[0]);
    assert_eq!(p["Action"], "Create");
    assert_eq!(p["EntityType"], "Ticket");
    assert_eq!(p["Id"], id);
    assert_eq!(p["Guid"], guid);
    assert_eq!(p["PersonID"], sim.api_resource_id());
    assert_eq!(p["Fields"], json!({"status": 1, "title": "Hooked"}));
    assert!(p["EventTime"].is_string());
    assert_eq!(p["SequenceNumber"], 1);
    assert_eq!(
        got[0].signature.as_deref(),
        Some(expected_signature(&got[0].body).as_str())
    );

    // A change to an unsubscribed field is not sent.
    api.patch("Tickets", &json!({"id": id, "priority": 1}))
        .await;
    // A change by an excluded resource is not sent.
    let excluded = api.as_resource(techs[1]);
    let r = excluded
        .patch("Tickets", &json!({"id": id, "status": 7}))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    // A status change by someone else is.
    let r = api
        .as_resource(techs[0])
        .patch("Tickets", &json!({"id": id, "status": 8}))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let got = wait_for(&calls, 2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let got_all = calls.lock().unwrap().clone();
    assert_eq!(got_all.len(), 2, "{got:?}");
    let p = payload(&got_all[1]);
    assert_eq!(p["Action"], "Update");
    assert_eq!(p["Fields"], json!({"status": 8, "title": "Hooked"}));
    assert_eq!(p["PersonID"], techs[0]);
    assert_eq!(p["SequenceNumber"], 2);
    assert_eq!(
        got_all[1].signature.as_deref(),
        Some(expected_signature(&got_all[1].body).as_str())
    );
    assert_eq!(sim.webhooks_delivered(), 2);
    sim.stop().await;
}

#[tokio::test]
async fn failed_deliveries_are_retried() {
    let (url, calls) = receiver(StatusCode::SERVICE_UNAVAILABLE).await;
    let sim = AutotaskSim::builder()
        .webhook_retries(Duration::from_millis(30), 3)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    register(&api, &url, None).await;
    api.post("Tickets", &Api::ticket_body(sim.company_ids()[0], "retry"))
        .await;
    let got = wait_for(&calls, 3).await;
    assert_eq!(got.len(), 3);
    assert!(
        got.iter().all(|c| c.body == got[0].body),
        "the same body each time"
    );
    for _ in 0..100 {
        if sim.webhooks_failed() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(sim.webhooks_failed(), 1);
    assert_eq!(sim.webhook_attempts().len(), 3);
    sim.stop().await;
}

#[tokio::test]
async fn the_webhook_maximum_and_cleanup() {
    let sim = AutotaskSim::builder()
        .webhooks_allowed(1)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let body = json!({"name": "w", "webhookUrl": "https://example.com/hook",
                      "deactivationUrl": "https://example.com/off", "isActive": true});
    let first = api.post("TicketWebhooks", &body).await;
    assert_eq!(first.status, 200);
    let second = api.post("TicketWebhooks", &body).await;
    assert_eq!(second.status, 500);
    assert!(
        second.error().contains("maximum number of webhooks"),
        "{:?}",
        second.body
    );
    let id = first.body["itemId"].as_i64().unwrap();
    let r = api.delete(&format!("TicketWebhooks/{id}")).await;
    assert_eq!(r.body, json!({"itemId": id}));
    assert_eq!(api.post("TicketWebhooks", &body).await.status, 200);
    let bad = json!({"name": "w", "webhookUrl": "not a url", "deactivationUrl": "https://example.com/off", "isActive": true});
    sim.stop().await;
    let sim = AutotaskSim::builder().start().await.unwrap();
    let r = Api::new(&sim).post("TicketWebhooks", &bad).await;
    assert_eq!(r.status, 500);
    sim.stop().await;
}
