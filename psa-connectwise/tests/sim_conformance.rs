//! The psa-core conformance suite against the ConnectWise simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use psa_core::testkit::{
    ConformanceFixture, IdempotencyFixture, run_conformance, run_idempotency_conformance,
    run_idempotency_under_faults,
};
use psa_core::{CompanyId, Connector};
use psa_sim::{ConnectWiseSim, Faults};

#[tokio::test]
async fn the_connector_passes_the_conformance_suite() {
    let sim = ConnectWiseSim::builder()
        .seed(11)
        .companies(4)
        .contacts_per_company(3)
        .tickets(60)
        .notes_per_ticket(2)
        .start()
        .await
        .unwrap();
    // A small page size so paging, tokens and their restore are exercised.
    let client = sim::builder(&sim).page_size(7).build().await.unwrap();
    let company = sim.company_ids()[0];
    let email = sim.contact_emails(company)[0].clone();
    let fixture = ConformanceFixture::new(CompanyId(company)).contact_email(email);
    run_conformance(&client, &fixture).await;
    // Nothing the suite did was a denied or malformed request.
    assert_eq!(sim.log().count_status(400), 0, "{:#?}", bad(&sim, 400));
    assert_eq!(sim.log().count_status(403), 0);
    sim.stop().await;
}

fn bad(sim: &psa_sim::ConnectWiseSimHandle, status: u16) -> Vec<String> {
    sim.log()
        .entries()
        .into_iter()
        .filter(|e| e.status == status)
        .map(|e| format!("{} {}", e.method, e.path))
        .collect()
}

#[tokio::test]
async fn the_connector_passes_the_idempotency_suite() {
    let sim = ConnectWiseSim::builder()
        .seed(12)
        .companies(2)
        .tickets(5)
        .start()
        .await
        .unwrap();
    let fixture = IdempotencyFixture::new(CompanyId(sim.company_ids()[0]));
    let fresh = || async { Box::new(sim::client(&sim).await) as Box<dyn Connector> };
    run_idempotency_conformance(fresh, |title| sim.tickets_with_summary(title), &fixture).await;
    sim.stop().await;
}

#[tokio::test]
async fn five_keyed_creates_under_30_percent_failures_make_one_connectwise_ticket() {
    let sim = ConnectWiseSim::builder()
        .seed(13)
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
    let client = sim::client(&sim).await;
    let fixture = IdempotencyFixture::new(CompanyId(sim.company_ids()[0]));
    run_idempotency_under_faults(&client, |title| sim.tickets_with_summary(title), &fixture).await;
    assert!(
        sim.log().entries().iter().any(|e| e.fault.is_some()),
        "faults were injected"
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_connector_passes_the_business_suite() {
    // The recommended role has no Sales rights; grant Sales > Opportunity as a CRM tool would.
    let mut b = ConnectWiseSim::builder()
        .seed(13)
        .companies(3)
        .contacts_per_company(2);
    for op in ["inquire", "add", "edit"] {
        b = b.set_level("Sales", "Opportunity", op, "All");
    }
    let sim = b.start().await.unwrap();
    let client = sim::builder(&sim).page_size(3).build().await.unwrap();
    let fixture =
        psa_core::testkit::business::BusinessFixture::new(CompanyId(sim.company_ids()[0]));
    psa_core::testkit::business::run_business_conformance(std::sync::Arc::new(client), &fixture)
        .await;
    assert_eq!(sim.log().count_status(403), 0, "{:#?}", bad(&sim, 403));
    sim.stop().await;
}
