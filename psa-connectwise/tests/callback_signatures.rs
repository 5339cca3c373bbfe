//! Callback verification: signature vectors computed independently, the key fetched only from
//! allowed hosts (refused with no request otherwise), cached, and re-fetched once on rotation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::Engine;
use common::*;
use hmac::{Hmac, Mac};
use httpmock::prelude::*;
use psa_connectwise::models::{CallbackAction, CallbackType, ServiceTicket};
use psa_connectwise::{CallbackVerifier, sign_callback, verify_callback_signature};
use psa_core::{ClientOptions, ErrorKind};
use sha2::{Digest, Sha256};

const SIGNING_KEY: &str = "Zm9vYmFyLXNpZ25pbmcta2V5LTEyMw";

/// The signature computed here from the documented recipe, not with the crate's code:
/// base64(HMAC-SHA256(key = SHA256(utf8(signing_key)), raw body)).
fn independent_signature(signing_key: &str, body: &[u8]) -> String {
    let key = Sha256::digest(signing_key.as_bytes());
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn payload(key_url: &str, entity: Option<&str>, action: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "MessageId": "6dd8a1", "FromUrl": "na.myconnectwise.net", "CompanyId": "acme",
        "MemberId": "admin1", "Action": action, "Type": "ticket", "ID": 57961,
        "ProductInstanceId": "639c", "PartnerId": "61dd",
        "Entity": entity,
        "Metadata": {"key_url": key_url},
        "CallbackObjectRecId": 26604
    }))
    .unwrap()
}

fn headers(sig: &str) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    h.insert("x-content-signature", sig.parse().unwrap());
    h
}

#[test]
fn vectors_computed_with_python_match() {
    // python3 -c 'import hmac,hashlib,base64; k=hashlib.sha256(b"Zm9vYmFyLXNpZ25pbmcta2V5LTEyMw").digest(); print(base64.b64encode(hmac.new(k, b"{\"ID\":57961,\"Action\":\"updated\"}", hashlib.sha256).digest()).decode())'
    let body = br#"{"ID":57961,"Action":"updated"}"#;
    let python = "jBef0Q294hVBVFPejWpv4k1WYZ5h4EBo8b9/ZAGy5XA=";
    assert_eq!(sign_callback(SIGNING_KEY, body), python);
    assert!(verify_callback_signature(SIGNING_KEY, body, python));
    assert_eq!(independent_signature(SIGNING_KEY, body), python);
    // One byte more and it no longer matches.
    assert!(!verify_callback_signature(
        SIGNING_KEY,
        br#"{"ID":57961,"Action":"updated"} "#,
        python
    ));
}

#[tokio::test]
async fn a_signed_callback_verifies_and_the_key_is_fetched_once() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let key = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2025_1//system/callbackkey/index.rails")
                .query_param("id", "e17e")
                .header_missing("authorization")
                .header_missing("clientid");
            then.status(200)
                .json_body(serde_json::json!({"signing_key": SIGNING_KEY}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let key_url = format!(
        "{}/v2025_1//system/callbackkey/index.rails?companyName=acme&id=e17e",
        server.base_url()
    );
    let body = payload(
        &key_url,
        Some(r#"{"id":57961,"summary":"Printer offline","status":{"id":16,"name":"New"}}"#),
        "updated",
    );
    let sig = independent_signature(SIGNING_KEY, &body);
    let p = client.verify_callback(&body, &headers(&sig)).await.unwrap();
    assert_eq!(p.action, Some(CallbackAction::Updated));
    assert_eq!(p.record_type, Some(CallbackType::Ticket));
    assert_eq!(p.id, Some(57961));
    let t: ServiceTicket = p.entity_as().unwrap().unwrap();
    assert_eq!(t.summary, "Printer offline");
    // A second delivery uses the cached key.
    let body2 = payload(&key_url, None, "deleted");
    let sig2 = independent_signature(SIGNING_KEY, &body2);
    let p2 = client
        .verify_callback(&body2, &headers(&sig2))
        .await
        .unwrap();
    assert_eq!(p2.action, Some(CallbackAction::Deleted));
    assert!(p2.entity.is_none());
    key.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_tampered_body_is_refused_after_one_refetch() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let key = server
        .mock_async(|when, then| {
            when.method(GET).path("/callbackkey");
            then.status(200)
                .json_body(serde_json::json!({"signing_key": SIGNING_KEY}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let key_url = format!("{}/callbackkey", server.base_url());
    let body = payload(&key_url, Some(r#"{"id":1}"#), "added");
    let sig = independent_signature(SIGNING_KEY, &body);
    client.verify_callback(&body, &headers(&sig)).await.unwrap();
    let mut tampered = body.clone();
    let pos = tampered.iter().position(|b| *b == b'1').unwrap();
    tampered[pos] = b'2';
    let e = client
        .verify_callback(&tampered, &headers(&sig))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(e.message().contains("does not match"), "{e}");
    // One fetch for the first delivery, one re-fetch (key rotation) for the tampered one.
    key.assert_calls_async(2).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn key_urls_off_the_site_are_refused_without_a_request() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    for key_url in [
        "https://evil.example/system/callbackkey/index.rails?id=1".to_string(),
        "http://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1".to_string(),
        "https://na.myconnectwise.net.evil.example/key".to_string(),
        "https://169.254.169.254/latest/meta-data/".to_string(),
        "file:///etc/passwd".to_string(),
    ] {
        let body = payload(&key_url, None, "deleted");
        let sig = independent_signature(SIGNING_KEY, &body);
        let e = client
            .verify_callback(&body, &headers(&sig))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unauthenticated, "{key_url}: {e}");
        assert!(
            e.message().contains("refusing") || e.message().contains("not a URL"),
            "{key_url}: {e}"
        );
    }
    // No signature: refused before anything else.
    let body = payload(
        &format!("{}/callbackkey", server.base_url()),
        None,
        "deleted",
    );
    let e = client
        .verify_callback(&body, &http::HeaderMap::new())
        .await
        .unwrap_err();
    assert!(e.message().contains("x-content-signature"));
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn loopback_key_urls_need_the_explicit_option() {
    let server = MockServer::start_async().await;
    let key = server
        .mock_async(|when, then| {
            when.method(GET).path("/callbackkey");
            then.status(200)
                .json_body(serde_json::json!({"signing_key": SIGNING_KEY}));
        })
        .await;
    let strict = CallbackVerifier::new(["na.myconnectwise.net"], ClientOptions::default()).unwrap();
    let body = payload(
        &format!("{}/callbackkey", server.base_url()),
        None,
        "deleted",
    );
    let sig = independent_signature(SIGNING_KEY, &body);
    let e = strict.verify(&body, &headers(&sig)).await.unwrap_err();
    assert!(e.message().contains("loopback"), "{e}");
    key.assert_calls_async(0).await;
    let sim = CallbackVerifier::new(
        Vec::<String>::new(),
        ClientOptions::default().allow_insecure_loopback(true),
    )
    .unwrap();
    sim.verify(&body, &headers(&sig)).await.unwrap();
    key.assert_calls_async(1).await;
}
