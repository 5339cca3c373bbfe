//! The psa-core Connector over Autotask's wire format: mapping, filters, duplicate-safe creates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::{
    CompanyId, Connector, ErrorKind, NewNote, NewTicket, NoteVisibility, Stage, TicketId,
    TicketQuery, TicketUpdate,
};
use serde_json::json;

#[tokio::test]
async fn an_ambiguous_create_failure_is_looked_up_by_external_id_and_not_resent() {
    let server = MockServer::start_async().await;
    let fields = mock_ticket_fields(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets")).json_body(json!({
                "title": "Printer offline", "companyID": 500, "status": 1, "priority": 2,
                "externalID": "chat-7f3a"
            }));
            // The server stored the ticket, then failed to answer.
            then.status(500)
                .json_body(json!({"errors": ["An unexpected error has occurred."]}));
        })
        .await;
    let lookup = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query")).json_body(json!({
                "filter": [{"op": "eq", "field": "externalID", "value": "chat-7f3a"}], "MaxRecords": 500
            }));
            let mut t = ticket_json(128926, "Printer offline");
            t["externalID"] = json!("chat-7f3a");
            then.status(200).json_body(json!({"items": [t], "pageDetails": {"count": 1, "nextPageUrl": null}}));
        })
        .await;
    let read = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Tickets/128926"));
            let mut t = ticket_json(128926, "Printer offline");
            t["externalID"] = json!("chat-7f3a");
            then.status(200).json_body(json!({ "item": t }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client_without_lookup(&server).await;
    let t = client
        .create_ticket(
            &NewTicket::new("Printer offline")
                .company(CompanyId(500))
                .idempotency_key("chat-7f3a"),
        )
        .await
        .unwrap();
    assert_eq!(t.id, TicketId(128_926));
    assert_eq!(t.external_ref.as_deref(), Some("chat-7f3a"));
    assert_eq!(t.status.as_ref().unwrap().name, "New");
    assert_eq!(t.priority.as_ref().unwrap().name, "Medium");
    assert_eq!(t.queue.as_ref().unwrap().name, "Level I Support");
    assert_eq!(t.stage, Some(Stage::New));
    create.assert_calls_async(1).await;
    lookup.assert_calls_async(1).await;
    read.assert_calls_async(1).await;
    fields.assert_calls_async(1).await; // picklists cached
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_create_without_a_key_is_sent_once() {
    let server = MockServer::start_async().await;
    let _fields = mock_ticket_fields(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets"));
            then.status(502).body("<html>Bad Gateway</html>");
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let e = client
        .create_ticket(&NewTicket::new("x").company(CompanyId(1)))
        .await
        .unwrap_err();
    assert!(e.may_have_landed());
    assert!(e.message().contains("Bad Gateway"));
    create.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let _fields = mock_ticket_fields(&server).await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let e = client
        .create_ticket(&NewTicket::new("   ").company(CompanyId(1)))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let e = client
        .create_ticket(&NewTicket::new("no company"))
        .await
        .unwrap_err();
    assert_eq!(e.fields(), ["companyID"]);
    let e = client
        .create_ticket(
            &NewTicket::new("x")
                .company(CompanyId(1))
                .status("Closed Forever"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(
        e.message().contains("Waiting Customer"),
        "lists the tenant's statuses: {e}"
    );
    let e = client
        .add_note(TicketId(1), &NewNote::new(""))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn ticket_queries_become_autotask_filters() {
    let server = MockServer::start_async().await;
    let _fields = mock_ticket_fields(&server).await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query")).json_body(
                json!({"filter": [{"op": "and", "items": [
                    {"op": "eq", "field": "companyID", "value": 500},
                    {"op": "in", "field": "status", "value": [1, 7]},
                    {"op": "notIn", "field": "status", "value": [5]},
                    {"op": "gte", "field": "lastActivityDate", "value": "2024-01-01T00:00:00.000Z"},
                    {"op": "contains", "field": "title", "value": "printer"}
                ]}], "MaxRecords": 500}),
            );
            let mut waiting = ticket_json(2, "printer jam");
            waiting["status"] = json!(7);
            then.status(200).json_body(
                json!({"items": [ticket_json(1, "printer offline"), waiting],
                "pageDetails": {"count": 2, "nextPageUrl": null}}),
            );
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let q = TicketQuery::new()
        .company(CompanyId(500))
        .status("New")
        .status("7")
        .open_only(true)
        .updated_since(time::macros::datetime!(2024-01-01 0:00 UTC))
        .text("printer");
    let page = client.list_tickets(&q, None).await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(
        page.items[1].status.as_ref().unwrap().name,
        "Waiting Customer"
    );
    assert_eq!(page.items[1].stage, Some(Stage::Waiting));
    assert_eq!(
        page.items[0].updated_at,
        Some(time::macros::datetime!(2024-02-01 8:00 UTC))
    );
    assert_eq!(
        serde_json::to_value(&page.items[0].vendor_record).unwrap()["ticketNumber"],
        "T20240131.0001"
    );
    query.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn statuses_carry_labels_stages_and_closed_flags() {
    let server = MockServer::start_async().await;
    let fields = mock_ticket_fields(&server).await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let statuses = client.statuses().await.unwrap();
    let names: Vec<_> = statuses.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["New", "Complete", "Waiting Customer", "In Progress"]
    );
    let complete = statuses.iter().find(|s| s.id == "5").unwrap();
    assert!(complete.is_closed);
    assert_eq!(complete.stage, Some(Stage::Resolved));
    assert_eq!(
        statuses.iter().find(|s| s.id == "8").unwrap().stage,
        Some(Stage::Working)
    );
    assert_eq!(client.priorities().await.unwrap().len(), 3);
    assert_eq!(client.queues().await.unwrap()[0].name, "Level I Support");
    fields.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn notes_go_under_the_ticket_with_publish_and_note_type() {
    let server = MockServer::start_async().await;
    let note_fields = server
        .mock_async(|when, then| {
            when.method(GET).path(path("TicketNotes/entityInformation/fields"));
            then.status(200).json_body(json!({"fields": [{"name": "noteType", "isPickList": true, "picklistValues": [
                {"value": "1", "label": "Task Summary", "isDefaultValue": false, "isActive": true},
                {"value": "3", "label": "Task Notes", "isDefaultValue": true, "isActive": true}
            ]}]}));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/128926/Notes")).json_body(json!({
                "ticketID": 128926, "title": "Called the customer", "description": "Called the customer\nNo answer",
                "noteType": 3, "publish": 1
            }));
            then.status(200).json_body(json!({"itemId": 30777658}));
        })
        .await;
    let read = server
        .mock_async(|when, then| {
            when.method(GET).path(path("TicketNotes/30777658"));
            then.status(200).json_body(json!({"item": {
                "id": 30777658, "ticketID": 128926, "title": "Called the customer",
                "description": "Called the customer\nNo answer", "noteType": 3, "publish": 1,
                "createDateTime": "2024-03-01T10:00:00.1234567Z"
            }}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let note = client
        .add_note(
            TicketId(128_926),
            &NewNote::new("Called the customer\nNo answer").visibility(NoteVisibility::Public),
        )
        .await
        .unwrap();
    assert_eq!(note.visibility, NoteVisibility::Public);
    assert_eq!(note.ticket, TicketId(128_926));
    assert!(note.created_at.is_some());
    note_fields.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    read.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn updates_patch_then_reread() {
    let server = MockServer::start_async().await;
    let _fields = mock_ticket_fields(&server).await;
    let patch = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(path("Tickets"))
                .json_body(json!({"id": 128926, "status": 5, "title": "Fixed"}));
            then.status(200).json_body(json!({"itemId": 128926}));
        })
        .await;
    let read = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Tickets/128926"));
            let mut t = ticket_json(128926, "Fixed");
            t["status"] = json!(5);
            t["completedDate"] = json!("2024-03-01T10:00:00");
            then.status(200).json_body(json!({ "item": t }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let t = client
        .update_ticket(
            TicketId(128_926),
            &TicketUpdate::new().status("Complete").title("Fixed"),
        )
        .await
        .unwrap();
    assert!(t.is_closed());
    assert!(t.closed_at.is_some());
    patch.assert_calls_async(1).await;
    read.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn native_create_once_looks_up_the_key_exactly_as_it_was_sent() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets"))
                .json_body_includes(r#"{"externalID": "chat-7f3a "}"#);
            // The server stored the ticket, then failed to answer.
            then.status(500)
                .json_body(json!({"errors": ["An unexpected error has occurred."]}));
        })
        .await;
    let lookup = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query")).json_body(json!({
                "filter": [{"op": "eq", "field": "externalID", "value": "chat-7f3a "}], "MaxRecords": 500
            }));
            let mut t = ticket_json(128926, "Printer offline");
            t["externalID"] = json!("chat-7f3a ");
            then.status(200).json_body(json!({"items": [t], "pageDetails": {"count": 1, "nextPageUrl": null}}));
        })
        .await;
    let catch = catch_all(&server).await;
    // Without the first lookup, so the create is sent and the lookup after its failure is seen.
    let client = common::client_without_lookup(&server).await;
    let mut ticket = psa_autotask::models::Ticket::default();
    ticket.title = Some("Printer offline".into());
    ticket.company_id = Some(500);
    let id = client
        .tickets()
        .create_once(&ticket, "chat-7f3a ")
        .await
        .unwrap();
    assert_eq!(id, 128_926);
    create.assert_calls_async(1).await;
    assert!(lookup.calls_async().await >= 1);
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn native_create_once_returns_the_ticket_already_stored_under_the_key() {
    let server = MockServer::start_async().await;
    let lookup = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query")).json_body(json!({
                "filter": [{"op": "eq", "field": "externalID", "value": "chat-1"}], "MaxRecords": 500
            }));
            // The server compares case-insensitively: only the exact key counts.
            let mut other = ticket_json(7, "Other case");
            other["externalID"] = json!("CHAT-1");
            let mut t = ticket_json(9, "Printer offline");
            t["externalID"] = json!("chat-1");
            then.status(200).json_body(json!({"items": [other, t], "pageDetails": {"count": 2, "nextPageUrl": null}}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let mut ticket = psa_autotask::models::Ticket::default();
    ticket.title = Some("Printer offline".into());
    ticket.company_id = Some(500);
    assert_eq!(
        client
            .tickets()
            .create_once(&ticket, "chat-1")
            .await
            .unwrap(),
        9
    );
    let long = "k".repeat(51);
    let err = client
        .tickets()
        .create_once(&ticket, &long)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Validation);
    lookup.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

async fn companies_page_asked(server: &MockServer, max_records: u32) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Companies/query"))
                .json_body_includes(json!({ "MaxRecords": max_records }).to_string());
            then.status(200).json_body(json!({
                "items": [{"id": 500, "companyName": "Acme", "isActive": true}],
                "pageDetails": {"count": 1, "nextPageUrl": null}
            }));
        })
        .await
}

#[tokio::test]
async fn listings_ask_for_autotasks_maximum_page_by_default() {
    let server = MockServer::start_async().await;
    let asked = companies_page_asked(&server, 500).await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let page = client
        .list_companies(&psa_core::CompanyQuery::new(), None)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    asked.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn listings_ask_for_the_builders_page_size() {
    let server = MockServer::start_async().await;
    let asked = companies_page_asked(&server, 25).await;
    let catch = catch_all(&server).await;
    let client = psa_autotask::AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options())
        .page_size(25)
        .build()
        .await
        .unwrap();
    let page = client
        .list_companies(&psa_core::CompanyQuery::new(), None)
        .await
        .unwrap();
    assert_eq!(page.items[0].name, "Acme");
    asked.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
