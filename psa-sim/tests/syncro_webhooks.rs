//! Notification-set webhooks: `{"text","link","attributes"}` POSTed to the configured URL,
//! unsigned as Syncro's are (no signing header is documented or observed).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use http::HeaderMap;
use psa_sim::SyncroSim;
use serde_json::{Value, json};
use syncro_support::{Api, first_customer};

type Seen = Arc<Mutex<Vec<(HeaderMap, Value)>>>;

async fn receiver() -> (String, Seen) {
    async fn hook(
        State(seen): State<Seen>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> &'static str {
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        seen.lock().unwrap().push((headers, v));
        "ok"
    }
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route("/hooks/s3cret-path", post(hook))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}/hooks/s3cret-path"), seen)
}

async fn wait_for(seen: &Seen, n: usize) -> Vec<(HeaderMap, Value)> {
    for _ in 0..200 {
        if seen.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    seen.lock().unwrap().clone()
}

#[tokio::test]
async fn ticket_events_are_delivered_with_the_documented_payload() {
    let (url, seen) = receiver().await;
    let sim = SyncroSim::builder()
        .webhook_url(&url)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let created = api
        .post(
            "tickets",
            &json!({"customer_id": first_customer(&sim), "subject": "Hooked"}),
        )
        .await;
    let id = created.body["ticket"]["id"].as_i64().unwrap();

    let got = wait_for(&seen, 1).await;
    assert_eq!(got.len(), 1);
    let (headers, payload) = &got[0];
    assert_eq!(
        payload["text"].as_str().unwrap().lines().next(),
        Some("A Ticket was created")
    );
    assert_eq!(
        payload["link"],
        format!("https://acme.syncromsp.com/tickets/{id}")
    );
    assert_eq!(payload["attributes"]["id"], id);
    assert_eq!(payload["attributes"]["status"], "New");
    assert!(payload["attributes"]["customer_business_then_name"].is_string());
    assert!(payload["attributes"]["number"].is_i64());
    for h in headers.keys() {
        assert!(
            !h.as_str().contains("signature"),
            "Syncro signs nothing: {h}"
        );
    }
    assert_eq!(headers["content-type"], "application/json");

    api.put(&format!("tickets/{id}"), &json!({"status": "Resolved"}))
        .await;
    let got = wait_for(&seen, 3).await;
    let firsts: Vec<String> = got
        .iter()
        .map(|(_, p)| {
            p["text"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        firsts.contains(&"A Ticket status was changed to Resolved".to_string()),
        "{firsts:?}"
    );
    assert!(
        firsts.contains(&"A Ticket was resolved".to_string()),
        "{firsts:?}"
    );
    assert_eq!(sim.webhooks_delivered(), 3);

    // A subject-only change is no status event.
    api.put(
        &format!("tickets/{id}"),
        &json!({"subject": "Hooked again"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(seen.lock().unwrap().len(), 3);
    sim.stop().await;
}

#[tokio::test]
async fn customer_and_contact_creation_are_announced() {
    let (url, seen) = receiver().await;
    let sim = SyncroSim::builder()
        .grant_permission("Customers - Create")
        .grant_permission("Customers - Edit")
        .webhook_url(&url)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let c = api
        .post(
            "customers",
            &json!({"business_name": "Fresh Co", "email": "ap@fresh.example"}),
        )
        .await;
    assert_eq!(c.status, 200, "{}", c.body);
    let cid = c.body["customer"]["id"].as_i64().unwrap();
    let ct = api
        .post(
            "contacts",
            &json!({"customer_id": cid, "name": "Ola", "email": "ola@fresh.example"}),
        )
        .await;
    assert_eq!(ct.status, 200, "{}", ct.body);
    let got = wait_for(&seen, 2).await;
    let firsts: Vec<&str> = got
        .iter()
        .map(|(_, p)| p["text"].as_str().unwrap().lines().next().unwrap())
        .collect();
    assert!(firsts.contains(&"New Customer Created!"), "{firsts:?}");
    assert!(firsts.contains(&"New Contact Created!"), "{firsts:?}");
    sim.stop().await;
}

#[tokio::test]
async fn an_unreachable_receiver_is_counted_as_failed() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let sim = SyncroSim::builder()
        .webhook_url(&format!("http://127.0.0.1:{port}/gone"))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let r = api
        .post(
            "tickets",
            &json!({"customer_id": first_customer(&sim), "subject": "Nobody listens"}),
        )
        .await;
    assert_eq!(r.status, 200, "delivery failures never fail the API call");
    for _ in 0..200 {
        if sim.webhooks_failed() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!((sim.webhooks_failed(), sim.webhooks_delivered()), (1, 0));
    sim.stop().await;
}
