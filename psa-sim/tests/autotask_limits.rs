//! Autotask's limits over raw HTTP: the 3-thread limit per endpoint and the rolling request
//! threshold with ThresholdInformation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use std::time::Duration;

use autotask_support::{Api, Reply, with_query};
use psa_sim::AutotaskSim;
use serde_json::json;

async fn concurrently(api: &Api, paths: &[String]) -> Vec<Reply> {
    let calls = paths.iter().map(|p| {
        let api = api.clone();
        let p = p.clone();
        tokio::spawn(async move { api.get(&p).await })
    });
    let mut out = Vec::new();
    for c in futures::future::join_all(calls).await {
        out.push(c.unwrap());
    }
    out
}

#[tokio::test]
async fn a_fourth_concurrent_request_on_an_endpoint_is_refused() {
    let sim = AutotaskSim::builder()
        .latency(Duration::from_millis(600))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let id = sim.ticket_ids()[0];
    let paths: Vec<String> = (0..4).map(|_| format!("Tickets/{id}")).collect();
    let replies = concurrently(&api, &paths).await;
    let refused: Vec<&Reply> = replies.iter().filter(|r| r.status != 200).collect();
    assert_eq!(refused.len(), 1, "{replies:?}");
    assert_eq!(refused[0].status, 429);
    let text = refused[0].error();
    assert!(text.contains("Itgenatr005"), "{text}");
    assert!(
        text.contains("thread threshold of 3 threads has been exceeded"),
        "{text}"
    );
    // Once they finish, the endpoint takes requests again.
    assert_eq!(api.get(&format!("Tickets/{id}")).await.status, 200);
    sim.stop().await;
}

#[tokio::test]
async fn the_limit_is_per_endpoint_and_its_status_is_configurable() {
    let sim = AutotaskSim::builder()
        .latency(Duration::from_millis(600))
        .thread_limit_status(http::StatusCode::INTERNAL_SERVER_ERROR)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let id = sim.ticket_ids()[0];
    let company = sim.company_ids()[0];
    let mut paths: Vec<String> = (0..3).map(|_| format!("Tickets/{id}")).collect();
    paths.push(format!("Companies/{company}"));
    let replies = concurrently(&api, &paths).await;
    assert!(replies.iter().all(|r| r.status == 200), "{replies:?}");
    let paths: Vec<String> = (0..5).map(|_| format!("Companies/{company}")).collect();
    let replies = concurrently(&api, &paths).await;
    let refused: Vec<u16> = replies
        .iter()
        .map(|r| r.status)
        .filter(|s| *s != 200)
        .collect();
    assert_eq!(refused, vec![500, 500]);
    sim.stop().await;
}

#[tokio::test]
async fn the_request_threshold_refuses_above_the_limit_and_rolls() {
    let sim = AutotaskSim::builder()
        .hourly_threshold(5)
        .threshold_window(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    // Zone discovery is not counted.
    let zone = with_query(
        &format!("{}V1.0/zoneInformation", sim.discovery_url()),
        &[("user", sim.username())],
    );
    assert_eq!(reqwest::get(&zone).await.unwrap().status(), 200);
    assert_eq!(api.get("Version").await.status, 200);
    assert_eq!(api.get("Version").await.status, 200);
    let t = api.get("ThresholdInformation").await;
    assert_eq!(
        t.body,
        json!({"externalRequestThreshold": 5, "requestThresholdTimeframe": 1, "currentTimeframeRequestCount": 3})
    );
    assert_eq!(api.get("Version").await.status, 200);
    assert_eq!(api.get("Version").await.status, 200);
    let over = api.get("Version").await;
    assert_eq!(over.status, 429);
    assert!(over.error().contains("threshold"), "{:?}", over.body);
    assert_eq!(sim.threshold_count(), 5);
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    assert_eq!(api.get("Version").await.status, 200);
    sim.stop().await;
}

#[tokio::test]
async fn the_default_threshold_is_autotasks() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let t = Api::new(&sim).get("ThresholdInformation").await;
    assert_eq!(t.body["externalRequestThreshold"], 10_000);
    assert_eq!(t.body["requestThresholdTimeframe"], 60);
    assert_eq!(t.body["currentTimeframeRequestCount"], 1);
    sim.stop().await;
}
