//! Preflight against the simulator: the default profile (the seed's recommended role) is ready
//! for everything; removing one right makes exactly that check Missing, with its remedy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use psa_core::testkit::{assert_preflight_names_denied, assert_preflight_ready};
use psa_core::{Capability, CheckOutcome, CheckSet, PreflightOptions, Readiness};
use psa_sim::ConnectWiseSim;

/// The rights the simulator's `.deny(..)` removes, and the role row it removes.
const DENIALS: &[(Capability, &str)] = &[
    (
        Capability::ReadTickets,
        "Service Desk / Service Tickets: Inquire",
    ),
    (
        Capability::CreateTickets,
        "Service Desk / Service Tickets: Add",
    ),
    (
        Capability::UpdateTickets,
        "Service Desk / Service Tickets: Edit",
    ),
    (
        Capability::CloseTickets,
        "Service Desk / Close Service Tickets: Add",
    ),
    (Capability::ReadNotes, "Companies / Notes: Inquire"),
    (Capability::AddNotes, "Companies / Notes: Add"),
    (
        Capability::ReadCompanies,
        "Companies / Company Maintenance: Inquire",
    ),
    (Capability::ReadContacts, "Companies / Contacts: Inquire"),
    (
        Capability::ReadResources,
        "System / Member Maintenance: Inquire",
    ),
    (
        Capability::Attachments,
        "Companies / Manage Attachments: Add",
    ),
    (Capability::BaseData, "System / Table Setup: Inquire"),
    (Capability::TicketSource, "System / Table Setup: Add"),
    (Capability::ReadContracts, "Finance / Agreements: Inquire"),
    (
        Capability::ReadTimeEntries,
        "Time & Expense / Time Entry: Inquire",
    ),
];

const ALL: &[Capability] = &[
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
    Capability::BaseData,
    Capability::TicketSource,
    Capability::ReadContracts,
    Capability::ReadTimeEntries,
];

#[tokio::test]
async fn the_default_profile_is_granted_everything_and_preflight_never_writes() {
    let sim = ConnectWiseSim::builder().seed(2).start().await.unwrap();
    let client = sim::client(&sim).await;
    let report = assert_preflight_ready(&client).await;
    for cap in ALL {
        assert_eq!(
            report.outcome(*cap),
            Some(CheckOutcome::Granted),
            "{cap}\n{report}"
        );
    }
    assert_eq!(report.readiness(ALL), Readiness::Ready);
    // Registering a callback is only proven by doing it (one probe serves both rights).
    assert_eq!(
        report.readiness_all(),
        Readiness::Unverified(vec![Capability::Webhooks, Capability::ProvisionWebhooks])
    );
    assert!(report.checks.iter().all(|c| c.set.is_none()), "{report}");
    // The CloudRadial rows, on request, are granted by the seed's role too.
    let extra = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::CloudRadial))
        .await
        .unwrap();
    let cloudradial: Vec<_> = extra
        .checks
        .iter()
        .filter(|c| c.set == Some(CheckSet::CloudRadial))
        .collect();
    assert_eq!(
        cloudradial.len(),
        psa_connectwise::CLOUDRADIAL_ROLE.len(),
        "{extra}"
    );
    assert!(
        cloudradial
            .iter()
            .all(|c| c.outcome == CheckOutcome::Granted),
        "{extra}"
    );
    assert!(report.api_user.is_some(), "{report}");
    let writes: Vec<_> = sim
        .log()
        .entries()
        .into_iter()
        .filter(|e| e.method != "GET")
        .map(|e| format!("{} {}", e.method, e.path))
        .collect();
    assert!(writes.is_empty(), "preflight wrote: {writes:?}");
    // The JSON form carries the same outcomes.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["vendor"], "connectwise");
    sim.stop().await;
}

#[tokio::test]
async fn each_missing_right_is_reported_with_its_screen() {
    for (cap, right) in DENIALS {
        let sim = ConnectWiseSim::builder()
            .seed(3)
            .deny(*cap)
            .start()
            .await
            .unwrap();
        let client = sim::client(&sim).await;
        let report = assert_preflight_names_denied(&client, *cap).await;
        assert_eq!(
            report.outcome(*cap),
            Some(CheckOutcome::Missing),
            "{cap}\n{report}"
        );
        let check = report
            .checks
            .iter()
            .find(|c| c.right == *right)
            .unwrap_or_else(|| panic!("no check {right}\n{report}"));
        assert_eq!(check.outcome, CheckOutcome::Missing, "{right}\n{report}");
        let remedy = check.remedy.as_ref().expect("a remedy");
        let (module, rest) = right.split_once(" / ").unwrap();
        let function = rest.split(':').next().unwrap();
        assert!(
            remedy.screen.starts_with("System > Security Roles > "),
            "{remedy}"
        );
        assert!(
            remedy.screen.ends_with(&format!("> {module} > {function}")),
            "{remedy}"
        );
        assert!(remedy.setting.ends_with("to All"), "{remedy}");
        // Nothing else is reported missing.
        for other in ALL.iter().filter(|c| *c != cap) {
            assert_ne!(
                report.outcome(*other),
                Some(CheckOutcome::Missing),
                "denying {cap} also made {other} missing\n{report}"
            );
        }
        sim.stop().await;
    }
}

#[tokio::test]
async fn a_my_level_is_partial() {
    let sim = ConnectWiseSim::builder()
        .seed(4)
        .set_level("Service Desk", "Service Tickets", "edit", "My")
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let report = client
        .preflight(&PreflightOptions::for_capabilities([
            Capability::UpdateTickets,
        ]))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::UpdateTickets),
        Some(CheckOutcome::Partial),
        "{report}"
    );
    assert!(
        report
            .checks
            .iter()
            .all(|c| c.capability == Capability::UpdateTickets
                || c.capability == Capability::Connect)
    );
    sim.stop().await;
}

#[tokio::test]
async fn an_unreadable_my_security_falls_back_to_probes() {
    let sim = ConnectWiseSim::builder()
        .seed(5)
        .my_security_readable(false)
        .deny(Capability::ReadContacts)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert_eq!(
        report.outcome(Capability::ReadContacts),
        Some(CheckOutcome::Missing),
        "{report}"
    );
    let tickets = report
        .checks
        .iter()
        .find(|c| c.right == "Service Desk / Service Tickets: Inquire")
        .unwrap();
    assert_eq!(tickets.outcome, CheckOutcome::Granted, "{report}");
    assert_eq!(
        report.outcome(Capability::CreateTickets),
        Some(CheckOutcome::Unverified)
    );
    assert_eq!(
        report.readiness(&[Capability::CreateTickets, Capability::ReadTickets]),
        Readiness::Unverified(vec![Capability::CreateTickets])
    );
    assert_eq!(
        report.readiness(&[Capability::CreateTickets, Capability::ReadContacts]),
        Readiness::Missing(vec![Capability::ReadContacts])
    );
    assert!(
        report
            .checks
            .iter()
            .all(|c| !c.right.starts_with("Project")),
        "the project probes belong to the CloudRadial set\n{report}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn table_setup_add_stops_mattering_once_the_source_is_registered() {
    let sim = ConnectWiseSim::builder().seed(6).start().await.unwrap();
    let client = sim::builder(&sim)
        .source_name("Acme Chat")
        .build()
        .await
        .unwrap();
    let a = client.register_source("Acme Chat").await.unwrap();
    let b = client.register_source("acme chat").await.unwrap();
    assert_eq!(a.id, b.id, "registering twice leaves one record");
    sim.stop().await;

    let sim = ConnectWiseSim::builder()
        .seed(6)
        .deny(Capability::TicketSource)
        .start()
        .await
        .unwrap();
    let admin = sim::builder(&sim)
        .source_name("Acme Chat")
        .build()
        .await
        .unwrap();
    let report = admin
        .preflight(&PreflightOptions::for_capabilities([
            Capability::TicketSource,
        ]))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::TicketSource),
        Some(CheckOutcome::Missing),
        "{report}"
    );
    // Creating the source needs the right the role lacks.
    let e = admin.register_source("Acme Chat").await.unwrap_err();
    assert_eq!(e.kind(), psa_core::ErrorKind::PermissionDenied, "{e}");
    sim.stop().await;
}
