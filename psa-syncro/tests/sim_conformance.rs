//! The psa-core conformance suite against the Syncro simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::time::Duration;

use futures::TryStreamExt;
use psa_core::testkit::{
    ConformanceFixture, IdempotencyFixture, run_conformance, run_idempotency_conformance,
    run_idempotency_under_faults,
};
use psa_core::{CompanyId, Connector};
use psa_sim::Faults;

#[tokio::test]
async fn the_syncro_connector_passes_the_conformance_suite() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(42)
        .companies(4)
        .contacts_per_company(3)
        .tickets(60)
        .notes_per_ticket(2)
        .rate_limit(100_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let client = sim::fast_client(&handle).await;
    // A customer that has contacts, and one of their emails.
    let customers: Vec<_> = client
        .customers()
        .stream(Default::default())
        .try_collect()
        .await
        .unwrap();
    let mut fixture = None;
    for c in &customers {
        let contacts = client.contacts().list(Some(c.id), 1).await.unwrap();
        if let Some(email) = contacts.items.iter().find_map(|ct| ct.email.clone()) {
            fixture = Some(ConformanceFixture::new(CompanyId(c.id)).contact_email(email));
            break;
        }
    }
    let fixture = fixture.expect("the simulator seeds customers with contacts");
    let connector: &dyn Connector = &client;
    run_conformance(connector, &fixture).await;
    handle.stop().await;
}

#[tokio::test]
async fn the_syncro_connector_passes_the_idempotency_suite() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(43)
        .companies(2)
        .tickets(5)
        .rate_limit(100_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let fixture = IdempotencyFixture::new(CompanyId(handle.customer_ids()[0]));
    let fresh = || async { Box::new(sim::fast_client(&handle).await) as Box<dyn Connector> };
    run_idempotency_conformance(fresh, |title| handle.tickets_with_subject(title), &fixture).await;
    handle.stop().await;
}

#[tokio::test]
async fn five_keyed_creates_under_30_percent_failures_make_one_syncro_ticket() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(44)
        .companies(2)
        .tickets(5)
        .rate_limit(100_000, Duration::from_secs(60))
        .faults(
            Faults::none()
                .server_errors(0.3)
                .after_write_share(0.5)
                .seed(7),
        )
        .start()
        .await
        .unwrap();
    let client = sim::fast_client(&handle).await;
    let fixture = IdempotencyFixture::new(CompanyId(handle.customer_ids()[0]));
    run_idempotency_under_faults(
        &client,
        |title| handle.tickets_with_subject(title),
        &fixture,
    )
    .await;
    assert!(
        handle.log().entries().iter().any(|e| e.fault.is_some()),
        "faults were injected"
    );
    handle.stop().await;
}
