//! Preflight against the simulator: the recommended profile, then one missing right at a time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::time::Duration;

use psa_core::testkit::{assert_preflight_names_denied, assert_preflight_ready};
use psa_core::{Capability, CheckOutcome, CheckSet, PreflightOptions, Readiness};

/// The promises of `psa_core::testkit` on the simulator: with every right granted nothing is
/// missing; with one readable right denied the verdict names it.
#[tokio::test]
async fn the_shared_preflight_promises_hold() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(7)
        .tickets(3)
        .rate_limit(100_000, Duration::from_secs(60))
        // The business rights come on top of the setup guide's list.
        .grant_permission("Contracts - List/Search")
        .grant_permission("Invoices - List/Search")
        .grant_permission("Ticket Timers - Overview")
        .start()
        .await
        .unwrap();
    let report = assert_preflight_ready(&sim::fast_client(&handle).await).await;
    handle.stop().await;
    // Write rights and webhooks cannot be seen without writing.
    assert_eq!(
        report.readiness_all(),
        Readiness::Unverified(vec![
            Capability::CreateTickets,
            Capability::UpdateTickets,
            Capability::CloseTickets,
            Capability::AddNotes,
            Capability::AttachmentUrls,
            Capability::Webhooks,
        ]),
        "{report}"
    );
    for cap in [
        Capability::ReadTickets,
        Capability::ReadNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::ReadContracts,
        Capability::ReadTimeEntries,
    ] {
        let handle = psa_sim::SyncroSim::builder()
            .seed(7)
            .tickets(3)
            .rate_limit(100_000, Duration::from_secs(60))
            .grant_permission("Contracts - List/Search")
            .grant_permission("Invoices - List/Search")
            .grant_permission("Invoices - List/Search")
            .grant_permission("Ticket Timers - Overview")
            .deny(cap)
            .start()
            .await
            .unwrap();
        assert_preflight_names_denied(&sim::fast_client(&handle).await, cap).await;
        handle.stop().await;
    }
}

async fn report_for(deny: Option<Capability>) -> psa_core::PreflightReport {
    let mut b = psa_sim::SyncroSim::builder()
        .seed(7)
        .companies(2)
        .contacts_per_company(2)
        .tickets(5)
        .rate_limit(100_000, Duration::from_secs(60))
        .grant_permission("Contracts - List/Search")
        .grant_permission("Invoices - List/Search")
        .grant_permission("Ticket Timers - Overview");
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
    assert_eq!(
        report.readiness(&[
            Capability::ReadTickets,
            Capability::CreateTickets,
            Capability::UpdateTickets,
            Capability::AddNotes
        ]),
        Readiness::Unverified(vec![
            Capability::CreateTickets,
            Capability::UpdateTickets,
            Capability::AddNotes
        ]),
        "{text}"
    );
    // 'Tickets - Edit' stands for three capabilities; its remedy is listed once.
    assert_eq!(
        text.matches("→ tick 'Tickets - Edit' (").count(),
        1,
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
        (Capability::ReadContracts, "Contracts - List/Search"),
        (Capability::ReadTimeEntries, "Ticket Timers - Overview"),
        (Capability::ReadContracts, "Invoices - List/Search"),
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
        assert_eq!(report.readiness(&[cap]), Readiness::Missing(vec![cap]));
        // Only the denied capability's boxes are problems (read-contracts has two: contracts
        // and invoices).
        assert!(
            report
                .problems()
                .all(|c| c.right == right || c.capability == cap),
            "only {cap} is a problem:\n{text}"
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
    assert_eq!(
        report.readiness(&[Capability::ReadTickets]),
        Readiness::Missing(vec![Capability::Connect])
    );
    assert_eq!(
        text.matches("Profile/Password > API Tokens → make sure")
            .count(),
        1,
        "the token remedy is listed once:\n{text}"
    );
}

#[tokio::test]
async fn the_leads_set_adds_an_optional_leads_row_named_when_denied() {
    let start = |grant: bool| async move {
        let mut b = psa_sim::SyncroSim::builder()
            .seed(7)
            .rate_limit(100_000, Duration::from_secs(60));
        if grant {
            b = b.grant_permission("Leads - List/Search");
        }
        b.start().await.unwrap()
    };
    let leads = |r: &psa_core::PreflightReport| {
        r.checks
            .iter()
            .filter(|c| c.set == Some(CheckSet::Leads))
            .cloned()
            .collect::<Vec<_>>()
    };
    let handle = start(true).await;
    let client = sim::fast_client(&handle).await;
    let plain = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert!(
        leads(&plain).is_empty(),
        "leads are checked only when asked"
    );
    let asked = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::Leads))
        .await
        .unwrap();
    let rows = leads(&asked);
    assert_eq!(rows.len(), 1, "{asked}");
    assert_eq!(rows[0].right, "Leads - List/Search");
    assert_eq!(rows[0].capability, Capability::ReadCompanies);
    assert_eq!(rows[0].outcome, CheckOutcome::Granted, "{asked}");
    handle.stop().await;

    let handle = start(false).await;
    let client = sim::fast_client(&handle).await;
    let denied = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::Leads))
        .await
        .unwrap();
    let rows = leads(&denied);
    assert_eq!(rows.len(), 1, "{denied}");
    assert_eq!(rows[0].outcome, CheckOutcome::Missing, "{denied}");
    assert_eq!(
        rows[0].remedy.as_ref().map(|r| r.setting.as_str()),
        Some("tick 'Leads - List/Search'")
    );
    assert!(
        denied.to_string().contains("Leads - List/Search"),
        "{denied}"
    );
    handle.stop().await;
}
