//! Helpers for the simulator tests.
#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use psa_core::transport::RateLimiter;
use psa_core::{ClientOptions, RetryConfig};
use psa_sim::SyncroSimHandle;
use psa_syncro::{SyncroClient, SyncroClientBuilder};

pub fn retry() -> RetryConfig {
    RetryConfig::default()
        .max_retries(6)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(50))
        .total_budget(Duration::from_secs(60))
}

/// A client for the simulator, the documented way: its base URL and token plus the loopback opt-in.
pub fn builder(sim: &SyncroSimHandle) -> SyncroClientBuilder {
    SyncroClient::builder()
        .base_url(sim.base_url())
        .api_token(sim.api_token())
        .options(
            ClientOptions::default()
                .allow_insecure_loopback(true)
                .retry(retry()),
        )
        .rate_limit_wait(Duration::from_millis(100))
}

/// A client whose pacing does not get in the way (for simulators started with a high limit).
pub async fn fast_client(sim: &SyncroSimHandle) -> SyncroClient {
    builder(sim)
        .rate_limiter(RateLimiter::new(1_000_000, Duration::from_secs(60)))
        .build()
        .await
        .unwrap()
}
