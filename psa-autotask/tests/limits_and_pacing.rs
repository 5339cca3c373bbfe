//! The thread limit (3 per endpoint), thresholds and adaptive pacing. Only lower bounds on time
//! are asserted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use httpmock::prelude::*;
use psa_autotask::{AutotaskClient, Pacing, Query};
use serde_json::json;

#[tokio::test]
async fn at_most_three_requests_per_endpoint_are_in_flight() {
    let server = MockServer::start_async().await;
    let slow = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query/count"));
            then.status(200)
                .delay(Duration::from_millis(150))
                .json_body(json!({"queryCount": 1}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let started = Instant::now();
    let calls = (0..10).map(|_| {
        let c = client.clone();
        async move { c.tickets().count(&Query::new()).await }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(|r| r.is_ok()));
    // 10 requests, 3 at a time, 150 ms each: at least 4 rounds.
    assert!(
        started.elapsed() >= Duration::from_millis(550),
        "{:?}",
        started.elapsed()
    );
    slow.assert_calls_async(10).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn the_limit_can_be_set_lower() {
    let server = MockServer::start_async().await;
    let slow = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Companies/query/count"));
            then.status(200)
                .delay(Duration::from_millis(100))
                .json_body(json!({"queryCount": 1}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options())
        .max_concurrency(1)
        .build()
        .await
        .unwrap();
    let started = Instant::now();
    let calls = (0..4).map(|_| {
        let c = client.clone();
        async move { c.companies().count(&Query::new()).await }
    });
    futures::future::join_all(calls).await;
    assert!(
        started.elapsed() >= Duration::from_millis(380),
        "{:?}",
        started.elapsed()
    );
    slow.assert_calls_async(4).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn threshold_information_is_typed() {
    let server = MockServer::start_async().await;
    let t = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("ThresholdInformation"))
                .header("Secret", SECRET);
            then.status(200).json_body(json!({
                "externalRequestThreshold": 10000, "requestThresholdTimeframe": 60,
                "currentTimeframeRequestCount": 124
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let info = client.threshold().await.unwrap();
    assert_eq!(info.external_request_threshold, Some(10_000));
    let usage = info.to_api_usage();
    assert_eq!(
        (usage.used, usage.limit, usage.window_secs),
        (124, Some(10_000), Some(3600))
    );
    t.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn pacing_waits_when_the_database_is_busy_and_reads_usage_once_per_interval() {
    let server = MockServer::start_async().await;
    let t = server
        .mock_async(|when, then| {
            when.method(GET).path(path("ThresholdInformation"));
            then.status(200).json_body(json!({
                "externalRequestThreshold": 10000, "requestThresholdTimeframe": 60,
                "currentTimeframeRequestCount": 8000
            }));
        })
        .await;
    let count = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query/count"));
            then.status(200).json_body(json!({"queryCount": 1}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options())
        .adaptive_pacing(
            Pacing::new()
                .delay_above_50(Duration::from_millis(100))
                .delay_above_75(Duration::from_millis(250)),
        )
        .build()
        .await
        .unwrap();
    let started = Instant::now();
    client.tickets().count(&Query::new()).await.unwrap();
    client.tickets().count(&Query::new()).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    t.assert_calls_async(1).await;
    count.assert_calls_async(2).await;
    catch.assert_calls_async(0).await;
}
