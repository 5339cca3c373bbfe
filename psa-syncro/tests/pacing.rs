//! Client-side pacing under Syncro's per-IP request limit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use futures::future::join_all;
use httpmock::prelude::*;
use psa_core::transport::RateLimiter;
use psa_syncro::SyncroClient;
use serde_json::json;

#[tokio::test]
async fn the_default_is_180_a_minute_plus_the_margin() {
    let c = SyncroClient::builder()
        .subdomain("acme")
        .api_token("tok")
        .build()
        .await
        .unwrap();
    assert_eq!(
        c.transport().rate_limiter().unwrap().limit(),
        (180, Duration::from_secs(60) + psa_syncro::PACING_MARGIN)
    );
}

#[tokio::test]
async fn clients_sharing_a_limiter_share_the_quota() {
    let server = MockServer::start_async().await;
    let users = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/users"));
            then.status(200).json_body(json!({"users": []}));
        })
        .await;
    let other = catch_all(&server).await;
    let limiter = RateLimiter::new(4, Duration::from_millis(500));
    let a = builder(&server)
        .rate_limiter(limiter.clone())
        .build()
        .await
        .unwrap();
    let b = builder(&server)
        .rate_limiter(limiter.clone())
        .build()
        .await
        .unwrap();
    let started = Instant::now();
    let calls = (0..10).map(|i| {
        let c = if i % 2 == 0 { a.clone() } else { b.clone() };
        async move { c.users().list().await }
    });
    for r in join_all(calls).await {
        r.unwrap();
    }
    // 10 requests at 4 per 500 ms: the last two wait for two windows to pass.
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "only {:?}",
        started.elapsed()
    );
    users.assert_calls_async(10).await;
    other.assert_calls_async(0).await;
}
