//! The psa-core business suite (`BusinessConnector`) against the Syncro simulator, and the
//! Syncro-specific answers: no opportunities, no categories, problem types as ticket types.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::sync::Arc;
use std::time::Duration;

use psa_core::testkit::business::{BusinessFixture, run_business_conformance};
use psa_core::{
    BusinessConnector, Capability, CompanyId, ErrorKind, OpportunityQuery, PreflightOptions,
    TimeEntryQuery,
};

async fn start(grant: bool) -> psa_sim::SyncroSimHandle {
    let mut b = psa_sim::SyncroSim::builder()
        .seed(21)
        .companies(6)
        .tickets(12)
        .rate_limit(100_000, Duration::from_secs(60));
    if grant {
        b = b
            .grant_permission("Contracts - List/Search")
            .grant_permission("Ticket Timers - Overview");
    }
    b.start().await.unwrap()
}

#[tokio::test]
async fn the_syncro_connector_passes_the_business_suite() {
    let handle = start(true).await;
    let client = sim::fast_client(&handle).await;
    let company = CompanyId(handle.customer_ids()[0]);
    let c: Arc<dyn BusinessConnector> = Arc::new(client);
    run_business_conformance(c.clone(), &BusinessFixture::new(company)).await;

    let caps = c.capabilities();
    assert!(!caps.supports(Capability::ReadOpportunities));
    assert!(!caps.supports(Capability::CreateOpportunities));
    let err = c
        .list_opportunities(&OpportunityQuery::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(err.to_string().contains("leads"), "{err}");
    let types = c.list_ticket_types().await.unwrap();
    assert!(types.iter().any(|t| t.name == "Remote Support"));
    assert_eq!(
        c.list_ticket_categories().await.unwrap_err().kind(),
        ErrorKind::Unsupported
    );
    let by_contract = c
        .list_time_entries(
            &TimeEntryQuery::new().contract(psa_core::ContractId(1)),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(by_contract.kind(), ErrorKind::Unsupported);
    handle.stop().await;
}

#[tokio::test]
async fn preflight_reports_the_contract_and_timer_rights() {
    let handle = start(false).await;
    let client = sim::fast_client(&handle).await;
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    let text = report.to_string();
    for right in [
        "Contracts - List/Search",
        "Invoices - List/Search",
        "Ticket Timers - Overview",
    ] {
        assert!(text.contains(right), "{right} not in:\n{text}");
    }
    let missing = |cap: Capability| {
        report
            .checks
            .iter()
            .filter(|c| c.capability == cap)
            .any(|c| c.outcome == psa_core::CheckOutcome::Missing)
    };
    assert!(missing(Capability::ReadContracts));
    assert!(missing(Capability::ReadTimeEntries));
    assert!(!missing(Capability::ReadTicketCategories));

    handle.grant_permission("Contracts - List/Search").unwrap();
    handle.grant_permission("Invoices - List/Search").unwrap();
    handle.grant_permission("Ticket Timers - Overview").unwrap();
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    for cap in [Capability::ReadContracts, Capability::ReadTimeEntries] {
        assert!(
            report
                .checks
                .iter()
                .filter(|c| c.capability == cap)
                .all(|c| c.outcome == psa_core::CheckOutcome::Granted),
            "{cap}: {report}"
        );
    }
    handle.stop().await;
}

#[tokio::test]
async fn native_contracts_timers_and_invoices_on_the_simulator() {
    use futures::TryStreamExt;
    let handle = start(true).await;
    let client = sim::fast_client(&handle).await;
    // Invoices need their own rights, as on the vendor.
    let denied = client
        .invoices()
        .list(&psa_syncro::InvoiceFilter::new())
        .await
        .unwrap_err();
    assert_eq!(denied.kind(), ErrorKind::PermissionDenied);
    handle.grant_permission("Invoices - List/Search").unwrap();
    handle.grant_permission("Invoices - View Details").unwrap();
    handle.grant_permission("Contracts - Edit").unwrap();

    let invoices: Vec<_> = client
        .invoices()
        .stream(psa_syncro::InvoiceFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert!(!invoices.is_empty());
    let first = &invoices[0];
    let by_number = client
        .invoices()
        .get(first.number.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(by_number.id, first.id);
    let unpaid = client
        .invoices()
        .list(&psa_syncro::InvoiceFilter::new().unpaid(true))
        .await
        .unwrap();
    assert!(unpaid.items.iter().all(|i| i.is_paid == Some(false)));

    let contracts: Vec<_> = client.contracts().stream().try_collect().await.unwrap();
    assert_eq!(
        contracts.len(),
        3,
        "one contract for every second of 6 customers"
    );
    let one = client.contracts().get(contracts[0].id).await.unwrap();
    assert_eq!(one, contracts[0]);
    assert_eq!(
        client.contracts().get(1).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );

    let timers: Vec<_> = client
        .ticket_timers()
        .stream(psa_syncro::TimerFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(timers.len(), 4, "one timer for every third of 12 tickets");
    assert!(timers.iter().all(|t| t.minutes().is_some_and(|m| m > 0)));
    let later = client
        .ticket_timers()
        .list(&psa_syncro::TimerFilter::new().created_after(time::OffsetDateTime::now_utc()))
        .await
        .unwrap();
    assert!(later.items.is_empty());
    handle.stop().await;
}
