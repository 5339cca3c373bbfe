//! The psa-core conformance suite against the Autotask simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use psa_autotask::{AutotaskClient, Filter, Query};
use psa_core::testkit::{
    ConformanceFixture, IdempotencyFixture, run_conformance, run_idempotency_conformance,
    run_idempotency_under_faults,
};
use psa_core::{ClientOptions, CompanyId, Connector, RetryConfig};
use psa_sim::Faults;

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

#[tokio::test]
async fn the_autotask_client_passes_the_conformance_suite() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(42)
        .companies(5)
        .contacts_per_company(3)
        .tickets(120)
        .notes_per_ticket(2)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;

    // A company with a contact that has an email address, found through the native API.
    let contacts = client
        .contacts()
        .query(&Query::with(Filter::exist("emailAddress")).max_records(50))
        .await
        .unwrap();
    let contact = contacts
        .items
        .iter()
        .find(|c| c.company_id.is_some() && c.email_address.is_some())
        .expect("the simulator seeds contacts with email addresses");
    let fixture = ConformanceFixture::new(CompanyId(contact.company_id.unwrap()))
        .contact_email(contact.email_address.clone().unwrap());
    run_conformance(&client, &fixture).await;
    sim.stop().await;
}

#[tokio::test]
async fn the_autotask_client_passes_the_idempotency_suite() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(43)
        .companies(2)
        .tickets(5)
        .start()
        .await
        .unwrap();
    let fixture = IdempotencyFixture::new(CompanyId(sim.company_ids()[0]));
    let fresh = || async { Box::new(client_for(&sim).await) as Box<dyn Connector> };
    run_idempotency_conformance(fresh, |title| sim.tickets_with_title(title), &fixture).await;
    sim.stop().await;
}

#[tokio::test]
async fn five_keyed_creates_under_30_percent_failures_make_one_autotask_ticket() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(44)
        .companies(2)
        .tickets(5)
        .faults(
            Faults::none()
                .server_errors(0.3)
                .after_write_share(0.5)
                .seed(7),
        )
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let fixture = IdempotencyFixture::new(CompanyId(sim.company_ids()[0]));
    run_idempotency_under_faults(&client, |title| sim.tickets_with_title(title), &fixture).await;
    assert!(
        sim.log().entries().iter().any(|e| e.fault.is_some()),
        "faults were injected"
    );
    sim.stop().await;
}
