//! Shared pieces of the tests against psa-sim.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use psa_connectwise::{ConnectWiseClient, ConnectWiseClientBuilder};
use psa_core::{ClientOptions, RetryConfig};
use psa_sim::ConnectWiseSimHandle;

pub fn retry() -> RetryConfig {
    RetryConfig::default()
        .max_retries(6)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(50))
        .total_budget(Duration::from_secs(60))
}

/// A builder pointed at the simulator the one documented way.
pub fn builder(sim: &ConnectWiseSimHandle) -> ConnectWiseClientBuilder {
    ConnectWiseClient::builder()
        .site(sim.site())
        .company_id(sim.company_id())
        .public_key(sim.public_key())
        .private_key(sim.private_key())
        .client_id(sim.client_id())
        .options(
            ClientOptions::default()
                .allow_insecure_loopback(true)
                .retry(retry()),
        )
}

pub async fn client(sim: &ConnectWiseSimHandle) -> ConnectWiseClient {
    builder(sim)
        .build()
        .await
        .expect("client builds against the simulator")
}
