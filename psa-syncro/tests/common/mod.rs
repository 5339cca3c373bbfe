//! Shared helpers for the wire tests.
#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use httpmock::prelude::*;
use httpmock::{Mock, When};
use psa_core::{ClientOptions, RetryConfig};
use psa_syncro::{SyncroClient, SyncroClientBuilder};

/// The token every wire test uses; tests assert it never leaks.
pub const TOKEN: &str = "sentinel-token-5f1c9a";

pub fn fast_retry() -> RetryConfig {
    RetryConfig::default()
        .max_retries(3)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .total_budget(Duration::from_secs(20))
}

/// A builder pointed at the mock server's `/api/v1/`.
pub fn builder(server: &MockServer) -> SyncroClientBuilder {
    SyncroClient::builder()
        .base_url(server.url("/api/v1/"))
        .api_token(TOKEN)
        .options(
            ClientOptions::default()
                .allow_insecure_loopback(true)
                .retry(fast_retry()),
        )
        .rate_limit_wait(Duration::from_millis(50))
}

pub async fn client(server: &MockServer) -> SyncroClient {
    builder(server).build().await.unwrap()
}

/// Any request no other mock expects gets a loud 599, so a test never passes by accident.
/// httpmock tries mocks in creation order: create this one last.
pub async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(599)
                .body("UNEXPECTED REQUEST: no mock was set up for this");
        })
        .await
}

/// Requires the request's whole query string to equal `expected` (in order).
pub fn exact_query(when: When, expected: &'static str) -> When {
    when.is_true(move |req| req.uri().query().unwrap_or("") == expected)
}

/// Requires the Bearer token and no `api_key` in the URL.
pub fn authed(when: When) -> When {
    when.header("authorization", format!("Bearer {TOKEN}"))
        .query_param_missing("api_key")
        .is_true(|req| !req.uri_str().contains(TOKEN))
}

pub fn ticket_json(id: i64, subject: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "number": 1000 + id, "subject": subject, "status": "New", "customer_id": 7,
        "customer_business_then_name": "Contoso", "created_at": "2025-01-29T13:31:46.716-05:00",
        "updated_at": "2025-01-29T13:31:46.716-05:00", "properties": {}, "comments": [], "user": null
    })
}

/// Waits until `mock` was called `n` times (at most 10 s).
pub async fn wait_for_calls(mock: &Mock<'_>, n: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while mock.calls_async().await < n {
        assert!(
            std::time::Instant::now() < deadline,
            "the expected request never arrived"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
