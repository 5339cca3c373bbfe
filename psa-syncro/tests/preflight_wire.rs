//! Preflight on the wire: read-only probes, outcomes per right, remedies naming the token screen
//! and the exact box, and `/me`'s `user_token` never kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use httpmock::{Mock, MockServer};
use psa_core::{Capability, CheckOutcome, PreflightOptions, Readiness};
use serde_json::json;

const PERMISSION: &str =
    "Not authorized. Please ask account admin to update your group permissions.";

fn me_body(write: bool) -> serde_json::Value {
    json!({"user_token": "ut-9f8e7d-secret", "user_email": "joe@msp.example", "user_name": "Joe Doe", "user_id": 1, "admin": false,
           "permissions": {"ticket": {"read": true, "write": write, "delete": false}, "customer": {"read": true, "write": false, "delete": false}}})
}

/// Mocks every read the preflight makes; `deny` lists paths answered with the permission 401.
async fn mock_reads<'a>(server: &'a MockServer, write: bool, deny: &[&str]) -> Vec<Mock<'a>> {
    let routes: Vec<(&str, serde_json::Value)> = vec![
        ("/api/v1/me", me_body(write)),
        (
            "/api/v1/tickets",
            json!({"tickets": [ticket_json(1, "a")], "meta": {"total_pages": 1, "page": 1}}),
        ),
        ("/api/v1/tickets/1", json!({"ticket": ticket_json(1, "a")})),
        (
            "/api/v1/customers",
            json!({"customers": [{"id": 7, "business_then_name": "Contoso"}], "meta": {"total_pages": 1, "page": 1}}),
        ),
        (
            "/api/v1/customers/7",
            json!({"customer": {"id": 7, "business_then_name": "Contoso"}}),
        ),
        (
            "/api/v1/contacts",
            json!({"contacts": [], "meta": {"total_pages": 0, "page": 1}}),
        ),
        (
            "/api/v1/tickets/settings",
            json!({"ticket_status_list": ["New", "Resolved"]}),
        ),
        (
            "/api/v1/settings",
            json!({"ticket": {"priorities": ["", "2 Normal"]}}),
        ),
        ("/api/v1/users", json!({"users": [[1, "Joe Doe"]]})),
        (
            "/api/v1/contracts",
            json!({"contracts": [], "meta": {"total_pages": 0, "total_entries": 0, "per_page": 50, "page": 1}}),
        ),
        (
            "/api/v1/ticket_timers",
            json!({"ticket_timers": [], "meta": {"total_pages": 0, "page": 1}}),
        ),
        (
            "/api/v1/invoices",
            json!({"invoices": [], "meta": {"total_pages": 0, "page": 1}}),
        ),
    ];
    let mut mocks = Vec::new();
    for (path, body) in routes {
        let denied = deny.contains(&path);
        mocks.push(
            server
                .mock_async(move |when, then| {
                    authed(when.method(GET).path(path));
                    if denied {
                        then.status(401).json_body(json!({"error": PERMISSION}));
                    } else {
                        then.status(200).json_body(body);
                    }
                })
                .await,
        );
    }
    mocks
}

#[tokio::test]
async fn default_profile_reads_are_granted_and_writes_unverified() {
    let server = MockServer::start_async().await;
    let mocks = mock_reads(&server, true, &[]).await;
    let other = catch_all(&server).await;
    let report = client(&server)
        .await
        .preflight(&PreflightOptions::all())
        .await
        .unwrap();
    let text = report.to_string();
    assert_eq!(
        report.api_user.as_deref(),
        Some("Joe Doe <joe@msp.example>")
    );
    for cap in [
        Capability::Connect,
        Capability::ReadTickets,
        Capability::ReadNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::BaseData,
        Capability::ReadResources,
        Capability::ReadContracts,
        Capability::ReadTimeEntries,
        Capability::ReadTicketCategories,
    ] {
        assert_eq!(
            report.outcome(cap),
            Some(CheckOutcome::Granted),
            "{cap}: {text}"
        );
    }
    for cap in [
        Capability::CreateTickets,
        Capability::UpdateTickets,
        Capability::CloseTickets,
        Capability::AddNotes,
        Capability::AttachmentUrls,
    ] {
        assert_eq!(
            report.outcome(cap),
            Some(CheckOutcome::Unverified),
            "{cap}: {text}"
        );
        for c in report.checks_for(cap) {
            let r = c
                .remedy
                .as_ref()
                .expect("unverified checks say what to make sure of");
            assert!(r.screen.contains("Profile/Password > API Tokens"), "{r}");
            assert!(r.setting.starts_with("tick '"), "{r}");
        }
    }
    let notes = report.checks_for(Capability::AddNotes).next().unwrap();
    let r = notes.remedy.as_ref().unwrap();
    assert!(
        r.setting.contains("'Tickets - Edit'") && r.setting.contains("'Ticket Comments - New'"),
        "{r}"
    );
    // Every right of the setup guide is in the report.
    for right in [
        "Tickets - List/Search",
        "Tickets - View Details",
        "Tickets - Create",
        "Tickets - Edit",
        "Ticket Comments - New",
        "Customers - List/Search",
        "Customers - View Detail",
    ] {
        assert!(
            report.checks.iter().any(|c| c.right.contains(right)),
            "{right} missing from:\n{text}"
        );
    }
    assert_eq!(
        report.readiness(&[
            Capability::ReadTickets,
            Capability::CreateTickets,
            Capability::AddNotes
        ]),
        Readiness::Unverified(vec![Capability::CreateTickets, Capability::AddNotes])
    );
    assert!(
        report.checks_for(Capability::Attachments).next().is_none(),
        "Syncro attaches from URLs only"
    );
    let usage = report.usage.as_ref().unwrap();
    assert_eq!(
        (usage.limit, usage.window_secs),
        (Some(180), Some(61)),
        "the pacing window: a minute plus the margin"
    );
    // The /me token is never kept.
    let json = serde_json::to_string(&report).unwrap();
    assert!(!text.contains("ut-9f8e7d") && !json.contains("ut-9f8e7d"));
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn each_refused_probe_is_missing_with_its_box() {
    for (path, cap, right) in [
        (
            "/api/v1/tickets",
            Capability::ReadTickets,
            "Tickets - List/Search",
        ),
        (
            "/api/v1/tickets/1",
            Capability::ReadNotes,
            "Tickets - View Details",
        ),
        (
            "/api/v1/customers",
            Capability::ReadCompanies,
            "Customers - List/Search",
        ),
        (
            "/api/v1/customers/7",
            Capability::ReadCompanies,
            "Customers - View Detail",
        ),
        (
            "/api/v1/contacts",
            Capability::ReadContacts,
            "Customers - View Detail",
        ),
        (
            "/api/v1/contracts",
            Capability::ReadContracts,
            "Contracts - List/Search",
        ),
        (
            "/api/v1/ticket_timers",
            Capability::ReadTimeEntries,
            "Ticket Timers - Overview",
        ),
        (
            "/api/v1/invoices",
            Capability::ReadContracts,
            "Invoices - List/Search",
        ),
    ] {
        let server = MockServer::start_async().await;
        let _mocks = mock_reads(&server, true, &[path]).await;
        let other = catch_all(&server).await;
        let report = client(&server)
            .await
            .preflight(&PreflightOptions::all())
            .await
            .unwrap();
        let check = report
            .checks
            .iter()
            .find(|c| c.capability == cap && c.right == right)
            .unwrap();
        assert_eq!(check.outcome, CheckOutcome::Missing, "{path}");
        assert!(check.evidence.contains(PERMISSION), "{}", check.evidence);
        assert_eq!(
            check.remedy.as_ref().unwrap().setting,
            format!("tick '{right}'")
        );
        assert_eq!(report.readiness(&[cap]), Readiness::Missing(vec![cap]));
        let missing: Vec<_> = report
            .problems()
            .map(|c| (c.capability, c.right.clone()))
            .collect();
        // Exactly that right is a problem; what depends on it is reported Unverified, not Missing.
        assert!(
            missing.iter().all(|(_, r)| r == right),
            "{path}: {missing:?}"
        );
        assert!(
            missing.iter().any(|(c, _)| *c == cap),
            "{path}: {missing:?}"
        );
        other.assert_calls_async(0).await;
    }
}

#[tokio::test]
async fn me_saying_no_ticket_write_marks_edit_rights_missing() {
    let server = MockServer::start_async().await;
    let _mocks = mock_reads(&server, false, &[]).await;
    let other = catch_all(&server).await;
    let report = client(&server)
        .await
        .preflight(&PreflightOptions::for_capabilities([
            Capability::UpdateTickets,
            Capability::CreateTickets,
        ]))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::UpdateTickets),
        Some(CheckOutcome::Missing)
    );
    assert_eq!(
        report.outcome(Capability::CreateTickets),
        Some(CheckOutcome::Unverified)
    );
    assert!(
        report.checks_for(Capability::ReadTickets).next().is_none(),
        "only the wanted capabilities are checked"
    );
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_rejected_token_stops_at_me() {
    let server = MockServer::start_async().await;
    let me = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/me");
            then.status(401).body("HTTP Token: Access denied.");
        })
        .await;
    let other = catch_all(&server).await;
    let report = client(&server)
        .await
        .preflight(&PreflightOptions::all())
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::Connect),
        Some(CheckOutcome::Missing)
    );
    let connect = report.checks_for(Capability::Connect).next().unwrap();
    assert!(
        connect
            .remedy
            .as_ref()
            .unwrap()
            .screen
            .contains("API Tokens")
    );
    assert_eq!(
        report.readiness_all(),
        Readiness::Missing(vec![Capability::Connect])
    );
    me.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
