//! Preflight over the wire: read-only calls only, each right named with its outcome and remedy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::{Capability, CheckOutcome, Connector, PreflightOptions, Readiness};
use serde_json::json;

fn info(
    name: &str,
    query: serde_json::Value,
    create: serde_json::Value,
    update: serde_json::Value,
) -> serde_json::Value {
    json!({"info": {
        "name": name, "canCreate": true, "canDelete": false, "canQuery": true, "canUpdate": true,
        "userAccessForCreate": create, "userAccessForDelete": 0, "userAccessForQuery": query,
        "userAccessForUpdate": update, "hasUserDefinedFields": true, "supportsWebhookCallouts": true
    }})
}

#[tokio::test]
async fn preflight_reads_rights_and_names_the_missing_ones() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    mocks.push(
        server
            .mock_async(|when, then| {
                when.method(GET).path(path("Version"));
                then.status(200).json_body(json!({"majorVersion": "2024", "minorVersion": "1", "build": "77", "customerType": "Production"}));
            })
            .await,
    );
    mocks.push(
        server
            .mock_async(|when, then| {
                when.method(GET).path(path("ThresholdInformation"));
                then.status(200).json_body(json!({"externalRequestThreshold": 10000, "requestThresholdTimeframe": 60, "currentTimeframeRequestCount": 2500}));
            })
            .await,
    );
    for (entity, q, c, u) in [
        ("Tickets", json!(1), json!(0), json!(1)),
        ("TicketNotes", json!(1), json!(1), json!(1)),
        ("Companies", json!("All"), json!(1), json!(1)),
        ("Contacts", json!("Restricted"), json!(1), json!(1)),
        ("Resources", json!(1), json!(0), json!(1)),
        ("TicketAttachments", json!(1), json!(1), json!(0)),
        ("TicketWebhooks", json!(1), json!("None"), json!(0)),
        ("Opportunities", json!(1), json!(1), json!(1)),
        ("Contracts", json!(1), json!(0), json!(0)),
        ("TimeEntries", json!(1), json!(1), json!(1)),
        ("TicketCategories", json!(1), json!(0), json!(0)),
        ("ContractServices", json!(1), json!(0), json!(0)),
        ("Services", json!(1), json!(0), json!(0)),
        ("CompanyWebhooks", json!(1), json!(1), json!(1)),
        ("ContactWebhooks", json!(1), json!(1), json!(1)),
        ("Projects", json!(1), json!(1), json!(1)),
        ("Tasks", json!(1), json!(1), json!(1)),
        ("ProjectNotes", json!(1), json!(1), json!(1)),
        ("TaskNotes", json!(1), json!(1), json!(1)),
    ] {
        let body = info(entity, q, c, u);
        mocks.push(
            server
                .mock_async(move |when, then| {
                    when.method(GET)
                        .path(path(&format!("{entity}/entityInformation")));
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    mocks.push(mock_ticket_fields(&server).await);
    let whoami = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Resources/query"))
                .json_body_includes(r#"{"filter":[{"op":"in","field":"userName"}]}"#);
            then.status(200).json_body(json!({"items": [{
                "id": 29682885, "userName": "abc123", "firstName": "Chat", "lastName": "Client", "isActive": true
            }], "pageDetails": {"count": 1, "nextPageUrl": null}}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let report = client.preflight(&PreflightOptions::all()).await.unwrap();
    let outcome = |c| report.outcome(c).unwrap();
    assert_eq!(outcome(Capability::Connect), CheckOutcome::Granted);
    assert_eq!(outcome(Capability::ReadTickets), CheckOutcome::Granted);
    assert_eq!(outcome(Capability::CreateTickets), CheckOutcome::Missing);
    assert_eq!(outcome(Capability::UpdateTickets), CheckOutcome::Granted);
    assert_eq!(outcome(Capability::ReadContacts), CheckOutcome::Partial);
    assert_eq!(outcome(Capability::Webhooks), CheckOutcome::Missing);
    assert_eq!(outcome(Capability::BaseData), CheckOutcome::Granted);
    assert_eq!(outcome(Capability::Impersonation), CheckOutcome::Unverified);
    assert_eq!(outcome(Capability::ReadProjects), CheckOutcome::Granted);
    assert_eq!(outcome(Capability::UpdateProjects), CheckOutcome::Granted);
    assert_eq!(
        outcome(Capability::ProvisionWebhooks),
        CheckOutcome::Missing
    );
    assert!(
        report
            .readiness(&[Capability::ReadTickets, Capability::AddNotes])
            .is_ready()
    );
    assert_eq!(
        report.readiness(&[Capability::CreateTickets, Capability::Impersonation]),
        Readiness::Missing(vec![Capability::CreateTickets])
    );
    assert_eq!(
        report.readiness(&[Capability::ReadTickets, Capability::Impersonation]),
        Readiness::Unverified(vec![Capability::Impersonation])
    );

    let create = report.checks_for(Capability::CreateTickets).next().unwrap();
    assert!(
        create.evidence.contains("userAccessForCreate = None"),
        "{}",
        create.evidence
    );
    let remedy = create.remedy.as_ref().unwrap();
    assert!(
        remedy
            .screen
            .contains("Admin > Account Settings & Users > Resources/Users (HR) > Security Levels")
    );
    assert!(remedy.setting.contains("Tickets: Add"));
    assert!(
        remedy
            .detail
            .as_deref()
            .unwrap()
            .contains("API User (system) (API-only)")
    );
    let webhooks = report.checks_for(Capability::Webhooks).next().unwrap();
    assert!(
        webhooks
            .remedy
            .as_ref()
            .unwrap()
            .setting
            .contains("Maximum number of Webhooks")
    );
    let imp = report.checks_for(Capability::Impersonation).next().unwrap();
    let imp_remedy = imp.remedy.as_ref().unwrap();
    assert!(imp_remedy.screen.contains("Web Services API"));
    assert!(
        imp_remedy
            .setting
            .contains("Tickets, Ticket Notes and Attachments")
    );

    let usage = report.usage.as_ref().unwrap();
    assert_eq!(usage.percent(), Some(25.0));
    assert!(report.api_user.as_deref().unwrap().contains("29682885"));
    let table = report.to_string();
    assert!(table.contains("25.0%"), "{table}");
    assert!(table.contains("MISSING"), "{table}");
    assert!(
        table.contains("Verdict: not ready, missing: create-tickets, read-contacts, webhooks"),
        "{table}"
    );

    for m in &mocks {
        assert!(m.calls_async().await <= 1, "each read is made once");
    }
    whoami.assert_calls_async(1).await;
    catch.assert_calls_async(0).await; // nothing else: no writes
}

#[tokio::test]
async fn a_rejected_integration_code_points_to_the_tracking_identifier() {
    let server = MockServer::start_async().await;
    let version = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Version"));
            then.status(500)
                .json_body(json!({"errors": ["IntegrationCode is invalid."]}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let report = client
        .preflight(&PreflightOptions::for_capabilities([
            Capability::ReadTickets,
        ]))
        .await
        .unwrap();
    let connect = report.checks_for(Capability::Connect).next().unwrap();
    assert_eq!(connect.outcome, CheckOutcome::Missing);
    assert!(connect.evidence.contains("IntegrationCode is invalid"));
    let r = connect.remedy.as_ref().unwrap();
    assert!(r.screen.contains("API Tracking Identifier"), "{r}");
    assert!(r.setting.contains("Integration Vendor"), "{r}");
    assert_eq!(
        report.readiness(&[Capability::ReadTickets]),
        Readiness::Missing(vec![Capability::Connect])
    );
    let tickets = report.checks_for(Capability::ReadTickets).next().unwrap();
    assert_eq!(tickets.outcome, CheckOutcome::Unverified);
    assert_eq!(report.checks.len(), 2, "only the asked right is listed");
    version.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
