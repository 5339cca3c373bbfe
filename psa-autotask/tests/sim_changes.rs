//! The change feed against the Autotask simulator: crash and resume, and a webhook delivery
//! plus the poll of the same change yielding one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use psa_autotask::AutotaskClient;
use psa_core::testkit::ConformanceFixture;
use psa_core::testkit::changes::run_change_feed_conformance;
use psa_core::{ClientOptions, Connector, RetryConfig};

async fn client_for(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
    AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .discovery_url(sim.discovery_url())
        .options(
            ClientOptions::default()
                .allow_insecure_loopback(true)
                .retry(
                    RetryConfig::default()
                        .initial_backoff(Duration::from_millis(5))
                        .max_backoff(Duration::from_millis(50)),
                ),
        )
        .build()
        .await
        .unwrap()
}

async fn start() -> psa_sim::AutotaskSimHandle {
    psa_sim::AutotaskSim::builder()
        .seed(7)
        .companies(4)
        .contacts_per_company(2)
        .tickets(30)
        .notes_per_ticket(1)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_change_feed_survives_a_crash_with_nothing_lost_or_repeated() {
    let sim = start().await;
    let client = client_for(&sim).await;
    let company = client.list_companies(&Default::default(), None).await.unwrap().items[0].id;
    let connector: &dyn Connector = &client;
    run_change_feed_conformance(connector, &ConformanceFixture::new(company)).await;
    sim.stop().await;
}
