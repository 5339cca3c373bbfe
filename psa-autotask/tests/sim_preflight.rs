//! Preflight against the simulator: the recommended profile, and profiles missing one right each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_autotask::AutotaskClient;
use psa_core::testkit::{assert_preflight_names_denied, assert_preflight_ready};
use psa_core::{
    Capability, CheckOutcome, ClientOptions, Connector, PreflightOptions, PreflightReport,
    Readiness,
};

async fn start(
    builder: psa_sim::AutotaskSimBuilder,
) -> (psa_sim::AutotaskSimHandle, AutotaskClient) {
    let sim = builder
        .seed(7)
        .companies(2)
        .tickets(5)
        .start()
        .await
        .unwrap();
    let client = AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .discovery_url(sim.discovery_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    (sim, client)
}

async fn preflight(builder: psa_sim::AutotaskSimBuilder) -> PreflightReport {
    let (sim, client) = start(builder).await;
    let before = sim.ticket_count();
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert_eq!(sim.ticket_count(), before, "preflight never writes");
    sim.stop().await;
    report
}

/// Capabilities that rest on the same Autotask right: closing is a ticket update, and the
/// ticket picklists (`Tickets/entityInformation/fields`) are read with the Tickets query right.
fn same_right(checked: Capability, denied: Capability) -> bool {
    let close = [Capability::UpdateTickets, Capability::CloseTickets];
    let hooks = [Capability::Webhooks, Capability::ProvisionWebhooks];
    checked == denied
        || (close.contains(&checked) && close.contains(&denied))
        || (hooks.contains(&checked) && hooks.contains(&denied))
        || (checked == Capability::BaseData && denied == Capability::ReadTickets)
}

#[tokio::test]
async fn the_recommended_profile_is_granted_everywhere_it_can_be_read() {
    let (sim, client) = start(psa_sim::AutotaskSim::builder()).await;
    let report = assert_preflight_ready(&client).await;
    sim.stop().await;
    for check in &report.checks {
        let expected = if check.capability == Capability::Impersonation {
            // Autotask has no read-only call for the Resource Impersonation rows.
            CheckOutcome::Unverified
        } else {
            CheckOutcome::Granted
        };
        assert_eq!(check.outcome, expected, "{check:?}\n{report}");
    }
    for cap in [
        Capability::Connect,
        Capability::ReadTickets,
        Capability::CreateTickets,
        Capability::UpdateTickets,
        Capability::CloseTickets,
        Capability::ReadNotes,
        Capability::AddNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::ReadResources,
        Capability::Attachments,
        Capability::Webhooks,
        Capability::BaseData,
    ] {
        assert!(
            report.readiness(&[cap]).is_ready(),
            "{cap} not verified\n{report}"
        );
    }
    assert_eq!(
        report.readiness_all(),
        Readiness::Unverified(vec![Capability::Impersonation])
    );
    assert!(
        !report.to_string().contains("MISSING"),
        "all rights granted: nothing missing\n{report}"
    );
    assert!(
        report.usage.is_some(),
        "usage against the threshold is shown"
    );
    assert!(report.api_user.as_deref().is_some_and(|u| !u.is_empty()));
}

#[tokio::test]
async fn each_missing_right_is_reported_alone_with_its_remedy() {
    for cap in [
        Capability::ReadTickets,
        Capability::CreateTickets,
        Capability::UpdateTickets,
        Capability::CloseTickets,
        Capability::ReadNotes,
        Capability::AddNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::ReadResources,
        Capability::Attachments,
        Capability::Webhooks,
        Capability::BaseData,
        Capability::ReadOpportunities,
        Capability::CreateOpportunities,
        Capability::ReadContracts,
        Capability::ReadTimeEntries,
        Capability::ReadTicketCategories,
        Capability::ProvisionWebhooks,
    ] {
        let (sim, client) = start(psa_sim::AutotaskSim::builder().deny(cap)).await;
        let report = assert_preflight_names_denied(&client, cap).await;
        sim.stop().await;
        for check in &report.checks {
            if same_right(check.capability, cap) {
                assert_eq!(
                    check.outcome,
                    CheckOutcome::Missing,
                    "deny({cap}): {check:?}\n{report}"
                );
                let remedy = check.remedy.as_ref().expect("a missing right has a remedy");
                assert!(
                    remedy.screen.contains("Security Levels"),
                    "deny({cap}): {remedy}"
                );
                assert!(
                    remedy
                        .detail
                        .as_deref()
                        .unwrap_or("")
                        .contains("API User (system) (API-only)"),
                    "deny({cap}): {remedy}"
                );
            } else if check.capability == Capability::Impersonation {
                assert_eq!(check.outcome, CheckOutcome::Unverified);
            } else {
                assert_eq!(
                    check.outcome,
                    CheckOutcome::Granted,
                    "deny({cap}) also failed {check:?}\n{report}"
                );
            }
        }
        if cap == Capability::Webhooks {
            let w = report.checks_for(cap).next().unwrap();
            assert!(
                w.remedy
                    .as_ref()
                    .unwrap()
                    .setting
                    .contains("Maximum number of Webhooks")
            );
        }
    }
}

#[tokio::test]
async fn an_inactive_api_user_fails_connect_and_leaves_the_rest_unverified() {
    let report = preflight(psa_sim::AutotaskSim::builder().deny(Capability::Connect)).await;
    let connect = report.checks_for(Capability::Connect).next().unwrap();
    assert_eq!(connect.outcome, CheckOutcome::Missing);
    let remedy = connect.remedy.as_ref().unwrap();
    assert!(remedy.screen.contains("Credentials"), "{remedy}");
    for check in report.checks.iter().skip(1) {
        assert_eq!(check.outcome, CheckOutcome::Unverified, "{check:?}");
        assert_eq!(check.remedy.as_ref(), Some(remedy), "{check:?}");
    }
    assert!(report.checks.len() > 10, "{report}");
    assert_eq!(
        report.readiness(&[Capability::ReadTickets]),
        Readiness::Missing(vec![Capability::Connect])
    );
    let text = report.to_string();
    assert_eq!(
        text.matches(remedy.setting.as_str()).count(),
        1,
        "the credentials remedy is listed once\n{text}"
    );
    assert!(
        text.contains("Verdict: not ready, missing: connect"),
        "{text}"
    );
}

#[tokio::test]
async fn impersonation_off_is_unverified_with_the_resource_impersonation_remedy() {
    let report = preflight(psa_sim::AutotaskSim::builder().deny(Capability::Impersonation)).await;
    let check = report.checks_for(Capability::Impersonation).next().unwrap();
    assert_eq!(check.outcome, CheckOutcome::Unverified);
    let remedy = check.remedy.as_ref().unwrap();
    assert!(remedy.screen.contains("Web Services API"), "{remedy}");
    assert!(
        remedy.setting.contains("Resource Impersonation"),
        "{remedy}"
    );
}
