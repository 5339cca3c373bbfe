//! Autotask header auth: every refusal, over raw HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::{Api, reply};
use psa_core::Capability;
use psa_sim::AutotaskSim;
use serde_json::json;

#[tokio::test]
async fn valid_headers_are_accepted_in_any_case() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let r = reply(
        c.get(format!("{}V1.0/Version", sim.zone_url()))
            .header("APIIntegrationcode", sim.integration_code())
            .header("Username", sim.username())
            .header("secret", sim.secret())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    sim.stop().await;
}

#[tokio::test]
async fn a_wrong_secret_is_a_401() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let mut api = Api::new(&sim);
    api.secret = "not-the-secret".into();
    let r = api.get("Version").await;
    assert_eq!(r.status, 401);
    assert!(r.body.is_null(), "empty body: {:?}", r.body);
    sim.stop().await;
}

#[tokio::test]
async fn an_unknown_user_is_a_500_with_the_zone_text() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let mut api = Api::new(&sim);
    api.username = "someone-else@EXAMPLE.COM".into();
    let r = api.get("Tickets/query?search=%7B%7D").await;
    assert_eq!(r.status, 500);
    assert_eq!(
        r.body,
        json!({"errors": ["Zone information could not be determined"]})
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_bad_integration_code_is_a_500() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let mut api = Api::new(&sim);
    api.code = "WRONGCODEWRONGCODEWRONGCOD".into();
    let r = api.get("Version").await;
    assert_eq!(r.status, 500);
    assert_eq!(r.body, json!({"errors": ["IntegrationCode is invalid."]}));
    sim.stop().await;
}

#[tokio::test]
async fn missing_headers_are_a_401() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let r = reply(
        c.get(format!("{}V1.0/Version", sim.zone_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 401);
    sim.stop().await;
}

#[tokio::test]
async fn an_inactive_api_user_is_refused_everywhere() {
    let sim = AutotaskSim::builder()
        .deny(Capability::Connect)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    assert_eq!(api.get("Version").await.status, 401);
    assert_eq!(
        api.query("Tickets", json!([{"op": "exist", "field": "id"}]))
            .await
            .status,
        401
    );
    sim.stop().await;
}

#[tokio::test]
async fn fixed_credentials_can_be_chosen() {
    let sim = AutotaskSim::builder()
        .username("abc123@EXAMPLE.COM")
        .secret("s3cr3t*")
        .integration_code("ABCDEFGHIJKLMNOPQRSTUVWXYZ0")
        .start()
        .await
        .unwrap();
    assert_eq!(sim.username(), "abc123@EXAMPLE.COM");
    assert_eq!(Api::new(&sim).get("Version").await.status, 200);
    let dbg = format!("{sim:?}");
    assert!(!dbg.contains("s3cr3t*"), "{dbg}");
    assert!(!dbg.contains("ABCDEFGHIJKLMNOPQRSTUVWXYZ0"), "{dbg}");
    sim.stop().await;
    let bad = AutotaskSim::builder().secret("has space").start().await;
    assert_eq!(bad.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
}
