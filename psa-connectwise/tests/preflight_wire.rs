//! Preflight over the wire: companyinfo → /system/info → /system/mySecurity compared with the
//! recommended role, the `/count` fallback, and the ticket-source exception. Only GETs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_connectwise::{ConnectWiseClient, RECOMMENDED_ROLE, RoleOp};
use psa_core::{Capability, CheckOutcome, CheckSet, PreflightOptions, Readiness};
use serde_json::{Value, json};

/// mySecurity rows for the recommended role, with `tweak` changing single levels.
fn rows(tweak: &[(&str, &str, &str, &str)]) -> Value {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for r in RECOMMENDED_ROLE {
        if seen.contains(&(r.module, r.function)) {
            continue;
        }
        seen.push((r.module, r.function));
        let level = |op: RoleOp| {
            let wanted = RECOMMENDED_ROLE
                .iter()
                .any(|x| x.module == r.module && x.function == r.function && x.op == op);
            let mut l = if wanted { "All" } else { "None" }.to_string();
            for (m, f, o, v) in tweak {
                if *m == r.module && *f == r.function && *o == op.label() {
                    l = v.to_string();
                }
            }
            l
        };
        out.push(json!({
            "id": out.len() + 1,
            "moduleName": r.module, "moduleFunctionName": r.function,
            "addLevel": level(RoleOp::Add), "editLevel": level(RoleOp::Edit),
            "deleteLevel": level(RoleOp::Delete), "inquireLevel": level(RoleOp::Inquire),
            "member": {"id": 243, "identifier": "chatapi", "name": "Acme Chat"}
        }));
    }
    Value::Array(out)
}

async fn common_mocks(server: &MockServer) {
    companyinfo(server).await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/info"));
            then.status(200).json_body(
                json!({"version": "v2025.1.10333", "isCloud": true, "cloudRegion": "NA"}),
            );
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/members/243"));
            then.status(200).json_body(json!({
                "id": 243, "identifier": "chatapi", "firstName": "Acme", "lastName": "Chat",
                "securityRole": {"id": 62, "name": "CloudRadial Chat"}
            }));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/callbacks/count"));
            then.status(200).json_body(json!({"count": 0}));
        })
        .await;
}

async fn security(server: &MockServer, body: Value) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/mySecurity"));
            then.status(200).json_body(body);
        })
        .await
}

/// Nothing but GETs reach the server.
async fn no_writes(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method_not(GET);
            then.status(599).body("preflight must not write");
        })
        .await
}

#[tokio::test]
async fn the_recommended_role_is_ready_for_everything() {
    let server = MockServer::start_async().await;
    let writes = no_writes(&server).await;
    common_mocks(&server).await;
    security(&server, rows(&[])).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert_eq!(report.api_user.as_deref(), Some("Acme Chat (chatapi)"));
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
        Capability::BaseData,
        Capability::TicketSource,
    ] {
        assert_eq!(
            report.outcome(cap),
            Some(CheckOutcome::Granted),
            "{cap}\n{report}"
        );
    }
    assert_eq!(
        report.outcome(Capability::Webhooks),
        Some(CheckOutcome::Unverified)
    );
    assert!(
        report
            .checks_for(Capability::Impersonation)
            .next()
            .is_none()
    );
    writes.assert_calls_async(0).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn each_shortfall_names_the_role_screen_and_column() {
    let server = MockServer::start_async().await;
    let writes = no_writes(&server).await;
    common_mocks(&server).await;
    security(
        &server,
        rows(&[
            ("Service Desk", "Service Tickets", "Add", "None"),
            ("Service Desk", "Close Service Tickets", "Edit", "My"),
        ]),
    )
    .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    let add = report
        .checks
        .iter()
        .find(|c| c.right == "Service Desk / Service Tickets: Add")
        .unwrap();
    assert_eq!(add.capability, Capability::CreateTickets);
    assert_eq!(add.outcome, CheckOutcome::Missing);
    assert_eq!(add.evidence, "mySecurity: addLevel None");
    let remedy = add.remedy.as_ref().unwrap();
    assert_eq!(
        remedy.screen,
        "System > Security Roles > CloudRadial Chat > Service Desk > Service Tickets"
    );
    assert_eq!(remedy.setting, "set Add to All");
    assert_eq!(
        report.outcome(Capability::CloseTickets),
        Some(CheckOutcome::Partial)
    );
    assert_eq!(
        report.readiness(&[Capability::CreateTickets, Capability::CloseTickets]),
        Readiness::Missing(vec![Capability::CreateTickets, Capability::CloseTickets])
    );
    assert_eq!(
        report.readiness(&[Capability::ReadTickets, Capability::AddNotes]),
        Readiness::Ready
    );
    let text = report.to_string();
    assert!(
        text.contains("Verdict: not ready, missing: create-tickets, close-tickets"),
        "{text}"
    );
    assert!(text.contains("System > Security Roles > CloudRadial Chat > Service Desk > Service Tickets → set Add to All"), "{text}");
    writes.assert_calls_async(0).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn table_setup_add_is_only_needed_until_the_source_exists() {
    let server = MockServer::start_async().await;
    let writes = no_writes(&server).await;
    common_mocks(&server).await;
    security(&server, rows(&[("System", "Table Setup", "Add", "None")])).await;
    let source = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/sources"))
                .query_param("conditions", r#"name = "Acme Chat""#);
            then.status(200)
                .json_body(json!([{"id": 9, "name": "Acme Chat", "defaultFlag": false}]));
        })
        .await;
    let other = catch_all(&server).await;
    let registered = ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .source_name("Acme Chat")
        .options(options())
        .build()
        .await
        .unwrap();
    let report = registered
        .preflight(&PreflightOptions::for_capabilities([
            Capability::TicketSource,
        ]))
        .await
        .unwrap();
    let check = report.checks_for(Capability::TicketSource).next().unwrap();
    assert_eq!(check.outcome, CheckOutcome::Granted);
    assert!(
        check.evidence.contains("registered (id 9)"),
        "{}",
        check.evidence
    );
    // Without a registered source the same role lacks the right.
    let plain = client(&server).await;
    let report = plain
        .preflight(&PreflightOptions::for_capabilities([
            Capability::TicketSource,
        ]))
        .await
        .unwrap();
    let check = report.checks_for(Capability::TicketSource).next().unwrap();
    assert_eq!(check.outcome, CheckOutcome::Missing);
    assert!(
        check
            .remedy
            .as_ref()
            .unwrap()
            .detail
            .as_deref()
            .unwrap()
            .contains("until the ticket source is registered")
    );
    source.assert_calls_async(1).await;
    writes.assert_calls_async(0).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn unreadable_my_security_falls_back_to_count_probes() {
    let server = MockServer::start_async().await;
    let writes = no_writes(&server).await;
    common_mocks(&server).await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/mySecurity"));
            then.status(403).json_body(json!({"code": "Unauthorized", "message": "Improper security role settings for the supplied authentication."}));
        })
        .await;
    let mut probes = Vec::new();
    for (path, status) in [
        ("service/tickets/count", 200),
        ("company/companies/count", 200),
        ("company/contacts/count", 403),
        ("system/members/count", 200),
        ("service/boards/count", 200),
        ("sales/opportunities/count", 200),
        ("finance/agreements/count", 200),
        ("time/entries/count", 403),
        ("project/tickets/count", 200),
        ("project/projects/count", 200),
        ("schedule/entries/count", 200),
    ] {
        probes.push(
            server
                .mock_async(move |when, then| {
                    when.method(GET).path(api(path)).query_param("conditions", "id=0");
                    if status == 200 {
                        then.status(200).json_body(json!({"count": 0}));
                    } else {
                        then.status(403).json_body(json!({"code": "Unauthorized", "message": "Improper security role settings for the supplied authentication."}));
                    }
                })
                .await,
        );
    }
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let report = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::CloudRadial))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::ReadTickets),
        Some(CheckOutcome::Granted),
        "{report}"
    );
    let project = report
        .checks
        .iter()
        .find(|c| c.right == "Project / Project Tickets: Inquire")
        .unwrap();
    assert_eq!(project.set, Some(CheckSet::CloudRadial));
    let tickets = report
        .checks
        .iter()
        .find(|c| c.right == "Service Desk / Service Tickets: Inquire")
        .unwrap();
    assert_eq!(tickets.outcome, CheckOutcome::Granted);
    assert!(tickets.evidence.contains("not readable"));
    assert_eq!(
        report.outcome(Capability::ReadContacts),
        Some(CheckOutcome::Missing)
    );
    assert_eq!(
        report.outcome(Capability::CreateTickets),
        Some(CheckOutcome::Unverified)
    );
    assert_eq!(
        report.outcome(Capability::AddNotes),
        Some(CheckOutcome::Unverified)
    );
    assert_eq!(
        report.outcome(Capability::ReadContracts),
        Some(CheckOutcome::Granted)
    );
    let time = report
        .checks
        .iter()
        .find(|c| c.capability == Capability::ReadTimeEntries)
        .unwrap();
    assert_eq!(time.outcome, CheckOutcome::Missing, "{report}");
    assert_eq!(time.right, "Time & Expense / Time Entry: Inquire");
    for p in &probes {
        p.assert_calls_async(1).await;
    }
    writes.assert_calls_async(0).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn rejected_keys_stop_at_connect_with_the_keys_screen() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/info"));
            then.status(401).json_body(json!({"code": "Unauthorized", "message": "The supplied authentication is incorrect"}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert_eq!(
        report.outcome(Capability::Connect),
        Some(CheckOutcome::Missing)
    );
    let remedy = report.checks[0].remedy.as_ref().unwrap();
    assert!(remedy.screen.contains("API Members"));
    // Nothing else could be read: unverified, each with the same remedy, listed once.
    assert!(report.checks.len() > 10, "{report}");
    for c in &report.checks[1..] {
        assert_eq!(c.outcome, CheckOutcome::Unverified, "{c:?}");
        assert_eq!(c.remedy.as_ref(), Some(remedy));
    }
    assert_eq!(
        report.readiness_all(),
        Readiness::Missing(vec![Capability::Connect])
    );
    assert_eq!(report.to_string().matches(KEYS_HINT).count(), 1, "{report}");
    other.assert_calls_async(0).await;
}

const KEYS_HINT: &str = "create a key pair and use its public and private keys";

#[tokio::test]
async fn a_function_absent_from_my_security_is_unverified_not_missing() {
    let server = MockServer::start_async().await;
    let writes = no_writes(&server).await;
    common_mocks(&server).await;
    // The SDK's rows only: the CloudRadial rows are absent from mySecurity.
    security(&server, rows(&[])).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let report = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::CloudRadial))
        .await
        .unwrap();
    let extra: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.set == Some(CheckSet::CloudRadial))
        .collect();
    assert_eq!(
        extra.len(),
        psa_connectwise::CLOUDRADIAL_ROLE.len(),
        "{report}"
    );
    for c in &extra {
        assert_eq!(c.outcome, CheckOutcome::Unverified, "{c:?}");
        assert!(c.evidence.contains("no row"), "{}", c.evidence);
        assert!(c.remedy.is_some());
    }
    assert!(report.problems().next().is_none(), "{report}");
    // The core rights stay granted; the CloudRadial rows make the verdict unverified only.
    assert_eq!(
        report.readiness(&[Capability::ReadTickets, Capability::UpdateTickets]),
        Readiness::Unverified(vec![Capability::ReadTickets, Capability::UpdateTickets])
    );
    let core = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert_eq!(
        core.readiness(&[Capability::ReadTickets, Capability::UpdateTickets]),
        Readiness::Ready
    );
    writes.assert_calls_async(0).await;
    other.assert_calls_async(0).await;
}
