//! Preflight against the simulator: the recommended profile, then one missing right at a time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::time::Duration;

use psa_core::{Capability, CheckOutcome, PreflightOptions};

async fn report_for(deny: Option<Capability>) -> psa_core::PreflightReport {
    let mut b = psa_sim::SyncroSim::builder()
        .seed(7)
        .companies(2)
        .contacts_per_company(2)
        .tickets(5)
        .rate_limit(100_000, Duration::from_secs(60));
    if let Some(cap) = deny {
        b = b.deny(cap);
    }
    let handle = b.start().await.unwrap();
    let client = sim::fast_client(&handle).await;
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    // Preflight never writes.
    let writes = handle
        .log()
        .entries()
        .iter()
        .filter(|e| e.method != "GET")
        .count();
    assert_eq!(writes, 0, "preflight sent a write");
    handle.stop().await;
    report
}

#[tokio::test]
async fn the_recommended_profile_is_ready() {
    let report = report_for(None).await;
    let text = report.to_string();
    for cap in [
        Capability::Connect,
        Capability::ReadTickets,
        Capability::ReadNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::BaseData,
    ] {
        assert_eq!(
            report.outcome(cap),
            Some(CheckOutcome::Granted),
            "{cap}:\n{text}"
        );
    }
    assert!(report.problems().next().is_none(), "{text}");
    assert!(
        report.ready_for(&[
            Capability::ReadTickets,
            Capability::CreateTickets,
            Capability::UpdateTickets,
            Capability::AddNotes
        ]),
        "{text}"
    );
    assert!(report.api_user.is_some());
}

#[tokio::test]
async fn each_missing_read_right_is_reported_with_its_box() {
    for (cap, right) in [
        (Capability::ReadTickets, "Tickets - List/Search"),
        (Capability::ReadNotes, "Tickets - View Details"),
        (Capability::ReadCompanies, "Customers - List/Search"),
        (Capability::ReadContacts, "Customers - View Detail"),
    ] {
        let report = report_for(Some(cap)).await;
        let text = report.to_string();
        let check = report
            .checks
            .iter()
            .find(|c| c.capability == cap && c.right == right)
            .unwrap_or_else(|| panic!("{right}:\n{text}"));
        assert_eq!(check.outcome, CheckOutcome::Missing, "{right}:\n{text}");
        let remedy = check.remedy.as_ref().unwrap();
        assert!(
            remedy.screen.contains("Profile/Password > API Tokens"),
            "{remedy}"
        );
        assert_eq!(remedy.setting, format!("tick '{right}'"));
        assert!(!report.ready_for(&[cap]));
        assert!(
            report.problems().all(|c| c.right == right),
            "only {right} is a problem:\n{text}"
        );
    }
}

#[tokio::test]
async fn missing_write_rights_are_never_reported_granted() {
    for cap in [
        Capability::CreateTickets,
        Capability::UpdateTickets,
        Capability::AddNotes,
    ] {
        let report = report_for(Some(cap)).await;
        let text = report.to_string();
        assert_ne!(
            report.outcome(cap),
            Some(CheckOutcome::Granted),
            "{cap}:\n{text}"
        );
        for c in report.checks_for(cap) {
            assert!(c.remedy.is_some(), "{cap}: {text}");
        }
    }
}

#[tokio::test]
async fn a_refused_token_is_a_missing_connect_with_the_token_screen() {
    let report = report_for(Some(Capability::Connect)).await;
    let text = report.to_string();
    assert_eq!(
        report.outcome(Capability::Connect),
        Some(CheckOutcome::Missing),
        "{text}"
    );
    let remedy = report
        .checks_for(Capability::Connect)
        .next()
        .unwrap()
        .remedy
        .clone()
        .unwrap();
    assert!(remedy.screen.contains("API Tokens"), "{remedy}");
    assert!(!report.ready_for(&[Capability::Connect, Capability::ReadTickets]));
}
