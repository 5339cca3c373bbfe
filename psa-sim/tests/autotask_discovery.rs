//! Autotask zone discovery, version calls and the server's lifecycle, over raw HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::{Api, reply, with_query};
use psa_sim::AutotaskSim;

#[tokio::test]
async fn zone_information_answers_without_credentials_and_points_back_at_the_sim() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let url = format!("{}V1.0/zoneInformation", sim.discovery_url());
    let r = reply(
        c.get(with_query(&url, &[("user", sim.username())]))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["url"], sim.zone_url());
    assert!(sim.zone_url().ends_with("/ATServicesRest/"));
    assert!(r.body["zoneName"].is_string());
    assert!(r.body["webUrl"].is_string());
    assert!(r.body["ci"].is_i64());
    // The user name is compared without case, the path too.
    let lower = format!("{}/atservicesrest/v1.0/zoneinformation", sim.origin());
    let r = reply(
        c.get(with_query(
            &lower,
            &[("user", &sim.username().to_lowercase())],
        ))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["url"], sim.zone_url());
    sim.stop().await;
}

#[tokio::test]
async fn an_unknown_user_has_no_zone() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let url = format!("{}V1.0/zoneInformation", sim.discovery_url());
    for query in [vec![("user", "nobody@example.com")], vec![]] {
        let r = reply(c.get(with_query(&url, &query)).send().await.unwrap()).await;
        assert_eq!(r.status, 500);
        assert_eq!(
            r.body,
            serde_json::json!({"errors": ["Zone information could not be determined"]})
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn version_calls_answer_with_their_documented_shapes() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let r = reply(
        c.get(format!("{}versioninformation", sim.discovery_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.body, serde_json::json!({"apiVersions": ["1.0"]}));
    let api = Api::new(&sim);
    let v = api.get("Version").await;
    assert_eq!(v.status, 200);
    for k in ["majorVersion", "minorVersion", "build", "customerType"] {
        assert!(v.body[k].is_string(), "{k}: {:?}", v.body);
    }
    sim.stop().await;
}

#[tokio::test]
async fn unknown_routes_get_the_web_api_404() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let r = api.get("Widgets/query").await;
    assert_eq!(r.status, 404);
    assert!(
        r.body["Message"]
            .as_str()
            .unwrap()
            .starts_with("No HTTP resource was found")
    );
    sim.stop().await;
}

#[tokio::test]
async fn stopping_the_handle_frees_the_port() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let addr = sim.addr();
    sim.stop().await;
    let again = AutotaskSim::builder().port(addr.port()).start().await;
    let again = again.expect("the port is free after stop");
    assert_eq!(again.addr().port(), addr.port());
    again.stop().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_credentials_and_tickets() {
    let a = AutotaskSim::builder()
        .seed(9)
        .tickets(5)
        .start()
        .await
        .unwrap();
    let b = AutotaskSim::builder()
        .seed(9)
        .tickets(5)
        .start()
        .await
        .unwrap();
    assert_eq!(a.username(), b.username());
    assert_eq!(a.secret(), b.secret());
    assert_eq!(a.integration_code(), b.integration_code());
    assert_eq!(a.integration_code().len(), 27);
    let ra = Api::new(&a)
        .query(
            "Tickets",
            serde_json::json!([{"op": "exist", "field": "id"}]),
        )
        .await;
    let rb = Api::new(&b)
        .query(
            "Tickets",
            serde_json::json!([{"op": "exist", "field": "id"}]),
        )
        .await;
    assert_eq!(ra.body["items"], rb.body["items"]);
    a.stop().await;
    b.stop().await;
}
