//! Callbacks: registration rules, delivery of the vendor payload, and a signature this test
//! verifies on its own (key from `Metadata.key_url`, SHA-256 of it as the HMAC key).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine;
use connectwise_support::{Cw, read};
use hmac::{Hmac, Mac};
use psa_sim::ConnectWiseSim;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

/// What the receiver got: the signature header, the raw body and the URL query.
type Received = (String, Bytes, String);

#[derive(Clone)]
struct Receiver {
    tx: mpsc::UnboundedSender<Received>,
    /// Statuses to answer with, in order (then 200).
    script: Arc<Mutex<Vec<u16>>>,
}

async fn receive(
    State(r): State<Receiver>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let sig = headers
        .get("x-content-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let _ =
        r.tx.send((sig, body, uri.query().unwrap_or("").to_string()));
    let next = {
        let mut s = r.script.lock().unwrap();
        if s.is_empty() { 200 } else { s.remove(0) }
    };
    StatusCode::from_u16(next).unwrap()
}

/// Starts a local receiver; returns its URL and the channel of deliveries.
async fn receiver(script: Vec<u16>) -> (String, mpsc::UnboundedReceiver<Received>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let state = Receiver {
        tx,
        script: Arc::new(Mutex::new(script)),
    };
    let app = Router::new().route("/cw", post(receive)).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/cw"), rx)
}

async fn next(rx: &mut mpsc::UnboundedReceiver<Received>) -> Received {
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("a callback arrives")
        .unwrap()
}

/// The simulator's delivery log, once it holds `n` entries (the worker logs after the receiver
/// answered).
async fn logged(cw: &Cw, n: usize) -> Vec<psa_sim::connectwise::CallbackDelivery> {
    for _ in 0..250 {
        let d = cw.sim.callback_deliveries();
        if d.len() >= n {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "fewer than {n} deliveries logged: {:?}",
        cw.sim.callback_deliveries()
    );
}

/// The documented check: key = SHA256(signing_key), expected = base64(HMAC-SHA256(key, body)).
fn expected_signature(signing_key: &str, body: &[u8]) -> String {
    let key = Sha256::digest(signing_key.as_bytes());
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn ticket_changes_are_posted_signed() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(2).set_level(
        "Service Desk",
        "Service Tickets",
        "delete",
        "All",
    ))
    .await;
    let (url, mut rx) = receiver(vec![]).await;
    let reg = cw
        .post(
            "system/callbacks",
            &json!({"url": format!("{url}?recordId="), "objectId": 0, "type": "ticket", "level": "owner",
                    "description": "psa-sdk test", "payloadVersion": "3.0.0"}),
        )
        .await;
    assert_eq!(reg.status, 201, "{}", reg.text);
    assert_eq!(
        reg.body["objectId"], 1,
        "owner-level entries are stored with objectId 1"
    );
    assert_eq!(reg.body["memberId"], cw.sim.api_member_id());
    assert!(reg.body["connectWiseID"].is_string());

    let t = cw.new_ticket("Callback me").await;
    let id = t["id"].as_i64().unwrap();
    let (sig, body, query) = next(&mut rx).await;
    assert_eq!(
        query,
        format!("recordId={id}"),
        "the record id is appended to the URL"
    );
    let payload: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(payload["Action"], "added");
    assert_eq!(payload["Type"], "ticket");
    assert_eq!(payload["ID"], id);
    assert_eq!(payload["CompanyId"], "training");
    assert_eq!(payload["MemberId"], cw.sim.api_member_identifier());
    assert_eq!(payload["CallbackObjectRecId"], reg.body["id"]);
    // Entity is a JSON-encoded string, not an object.
    let entity: Value =
        serde_json::from_str(payload["Entity"].as_str().expect("Entity is a string")).unwrap();
    assert_eq!(entity["summary"], "Callback me");
    assert_eq!(entity["id"], id);

    // Verify the signature independently: fetch the key without auth, hash, HMAC the raw body.
    let key_url = payload["Metadata"]["key_url"].as_str().unwrap();
    assert!(
        key_url.starts_with(&cw.sim.site()),
        "key_url points at the sim: {key_url}"
    );
    let key = read(cw.http.get(key_url).send().await.unwrap()).await;
    assert_eq!(key.status, 200);
    let signing_key = key.body["signing_key"].as_str().unwrap();
    assert_eq!(signing_key, cw.sim.callback_signing_key());
    assert_eq!(sig, expected_signature(signing_key, &body));
    assert_ne!(sig, expected_signature("some other key", &body));

    // An update, then a delete (Entity null).
    let patched = cw
        .patch(
            &format!("service/tickets/{id}"),
            &json!([{"op": "replace", "path": "summary", "value": "Changed"}]),
        )
        .await;
    assert_eq!(patched.status, 200);
    let (sig, body, _) = next(&mut rx).await;
    let payload: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(payload["Action"], "updated");
    assert_eq!(sig, expected_signature(signing_key, &body));
    assert_eq!(
        cw.delete(&format!("service/tickets/{id}")).await.status,
        204
    );
    let (_, body, _) = next(&mut rx).await;
    let payload: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(payload["Action"], "deleted");
    assert_eq!(payload["Entity"], Value::Null);

    // skipCallback suppresses the POST.
    let quiet = cw
        .post(
            "service/tickets",
            &json!({"summary": "quiet", "company": {"id": 250}, "skipCallback": true}),
        )
        .await;
    assert_eq!(quiet.status, 201);
    let loud = cw.new_ticket("loud").await;
    let (_, body, _) = next(&mut rx).await;
    let payload: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(payload["ID"], loud["id"], "the skipped ticket sent nothing");
}

#[tokio::test]
async fn levels_select_which_changes_are_sent() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(5)).await;
    let (url, mut rx) = receiver(vec![]).await;
    let reg = cw
        .post(
            "system/callbacks",
            &json!({"url": url, "objectId": 2, "type": "ticket", "level": "board"}),
        )
        .await;
    assert_eq!(reg.status, 201, "{}", reg.text);
    let on_board_1 = cw.new_ticket("help desk ticket").await;
    assert_eq!(on_board_1["board"]["id"], 1);
    let on_board_2 = cw
        .post(
            "service/tickets",
            &json!({"summary": "noc ticket", "company": {"id": 250}, "board": {"id": 2}}),
        )
        .await;
    assert_eq!(on_board_2.status, 201);
    let (_, body, _) = next(&mut rx).await;
    let payload: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        payload["ID"], on_board_2.body["id"],
        "only the board-2 ticket was announced"
    );
    let deliveries = logged(&cw, 1).await;
    assert_eq!(deliveries[0].status, Some(200));
    assert_eq!(deliveries[0].attempts, 1);
}

#[tokio::test]
async fn deliveries_are_retried_on_429() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .tickets(0)
            .callback_retry_delay(Duration::from_millis(50)),
    )
    .await;
    let (url, mut rx) = receiver(vec![429, 409]).await;
    cw.post(
        "system/callbacks",
        &json!({"url": url, "objectId": 1, "type": "ticket", "level": "owner"}),
    )
    .await;
    cw.new_ticket("retry me").await;
    for _ in 0..3 {
        next(&mut rx).await;
    }
    let deliveries = logged(&cw, 1).await;
    assert_eq!(deliveries[0].attempts, 3);
    assert_eq!(deliveries[0].status, Some(200));
}

#[tokio::test]
async fn registration_errors_match_the_vendor() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let bad_url = cw
        .post(
            "system/callbacks",
            &json!({"url": "not a url", "objectId": 1, "type": "ticket", "level": "owner"}),
        )
        .await;
    assert_eq!(bad_url.status, 400);
    assert_eq!(bad_url.body["code"], "InvalidObject");
    assert_eq!(bad_url.body["message"], "callbackEntry object is invalid");
    assert_eq!(bad_url.body["errors"][0]["code"], "InvalidField");
    assert_eq!(bad_url.body["errors"][0]["message"], "Invalid URL");

    let bad_level = cw.post("system/callbacks", &json!({"url": "https://x.example.com/cb", "objectId": 1, "type": "ticket", "level": "galaxy"})).await;
    assert_eq!(bad_level.status, 400);
    assert_eq!(
        bad_level.body["errors"][0]["message"],
        "Unrecognized level for type, see documentation for supported levels for each type"
    );
    assert_eq!(bad_level.body["errors"][0]["field"], "level");

    let missing = cw
        .post("system/callbacks", &json!({"type": "ticket"}))
        .await;
    let fields: Vec<&str> = missing.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["url", "level", "objectId"]);

    let entry = json!({"url": "https://x.example.com/cb", "objectId": 1, "type": "ticket", "level": "owner"});
    assert_eq!(cw.post("system/callbacks", &entry).await.status, 201);
    let dup = cw.post("system/callbacks", &entry).await;
    assert_eq!(dup.status, 400);
    assert_eq!(dup.body["errors"][0]["code"], "ObjectExists");
    assert_eq!(
        dup.body["errors"][0]["message"],
        "A matching callback entry already exists"
    );

    let list = cw.get("system/callbacks").await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    let id = list.body[0]["id"].as_i64().unwrap();
    assert_eq!(
        cw.delete(&format!("system/callbacks/{id}")).await.status,
        204
    );
    assert_eq!(cw.get("system/callbacks/count").await.body["count"], 0);
    assert_eq!(
        cw.delete(&format!("system/callbacks/{id}")).await.status,
        404
    );
}

#[tokio::test]
async fn self_suppressed_and_inactive_entries_stay_quiet() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(0)).await;
    let (url, mut rx) = receiver(vec![]).await;
    cw.post("system/callbacks", &json!({"url": format!("{url}?a=1"), "objectId": 1, "type": "ticket", "level": "owner", "isSelfSuppressedFlag": true})).await;
    cw.post("system/callbacks", &json!({"url": format!("{url}?a=2"), "objectId": 1, "type": "ticket", "level": "owner", "inactiveFlag": true})).await;
    cw.post(
        "system/callbacks",
        &json!({"url": format!("{url}?a=3"), "objectId": 1, "type": "ticket", "level": "owner"}),
    )
    .await;
    cw.new_ticket("who hears this").await;
    let (_, _, query) = next(&mut rx).await;
    assert_eq!(query, "a=3");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        rx.try_recv().is_err(),
        "only the active, unsuppressed entry was posted"
    );
}
