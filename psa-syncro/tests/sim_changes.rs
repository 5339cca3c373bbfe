//! The change feed against the Syncro simulator: crash and resume, and a webhook delivery plus
//! the poll of the same change yielding one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::time::Duration;

use psa_core::testkit::ConformanceFixture;
use psa_core::testkit::changes::run_change_feed_conformance;
use psa_core::Connector;

async fn start() -> psa_sim::SyncroSimHandle {
    psa_sim::SyncroSim::builder()
        .seed(7)
        .companies(4)
        .contacts_per_company(2)
        .tickets(30)
        .notes_per_ticket(1)
        .rate_limit(100_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_change_feed_survives_a_crash_with_nothing_lost_or_repeated() {
    let handle = start().await;
    let client = sim::fast_client(&handle);
    let company = client.list_companies(&Default::default(), None).await.unwrap().items[0].id;
    let connector: &dyn Connector = &client;
    run_change_feed_conformance(connector, &ConformanceFixture::new(company)).await;
    handle.stop().await;
}
