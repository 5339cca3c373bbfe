//! The change feed against the ConnectWise simulator: crash and resume, and a callback plus
//! the poll of the same change yielding one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use psa_core::testkit::ConformanceFixture;
use psa_core::testkit::changes::run_change_feed_conformance;
use psa_core::{CompanyId, Connector};
use psa_sim::ConnectWiseSim;

async fn start() -> psa_sim::ConnectWiseSimHandle {
    ConnectWiseSim::builder()
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
    let handle = start().await;
    let client = sim::builder(&handle).page_size(7).build().await.unwrap();
    let company = CompanyId(handle.company_ids()[0]);
    let connector: &dyn Connector = &client;
    run_change_feed_conformance(connector, &ConformanceFixture::new(company)).await;
    handle.stop().await;
}
