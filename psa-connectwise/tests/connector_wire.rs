//! The `Connector` mapping on the wire: statuses resolved on the ticket's board, notes mapped
//! from their flags, calls outside the capabilities refused before any request.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::{
    Attachment, CompanyId, CompanyQuery, Connector, ContactQuery, ErrorKind, NewNote,
    NoteVisibility, Stage, TicketId, TicketUpdate,
};
use serde_json::json;

#[tokio::test]
async fn a_status_from_another_board_is_mapped_by_name_onto_the_tickets_board() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/tickets/42"));
            then.status(200)
                .json_body(ticket_json(42, "Printer offline"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/boards/1/statuses"));
            then.status(200).json_body(json!([
                {"id": 16, "name": "New", "sortOrder": 0, "closedStatus": false},
                {"id": 18, "name": ">Closed", "sortOrder": 9, "closedStatus": true}
            ]));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/boards"));
            then.status(200).json_body(json!([
                {"id": 1, "name": "Help Desk"}, {"id": 2, "name": "Projects"}
            ]));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/boards/2/statuses"));
            then.status(200).json_body(json!([
                {"id": 28, "name": ">Closed", "sortOrder": 9, "closedStatus": true}
            ]));
        })
        .await;
    let mut closed = ticket_json(42, "Printer offline");
    closed["status"] = json!({"id": 18, "name": ">Closed"});
    closed["closedFlag"] = json!(true);
    closed["closedDate"] = json!("2024-02-02T09:00:00Z");
    let patch = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path(api("service/tickets/42"))
                .json_body(json!([{"op": "replace", "path": "status", "value": {"id": 18}}]));
            then.status(200).json_body(closed);
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    // Status 28 is ">Closed" on board 2; the ticket is on board 1, whose ">Closed" is 18.
    let t = client
        .update_ticket(TicketId(42), &TicketUpdate::new().status("28"))
        .await
        .unwrap();
    assert!(t.is_closed());
    assert_eq!(t.stage, Some(Stage::Resolved));
    assert!(t.closed_at.is_some());
    patch.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn calls_outside_the_capabilities_send_nothing() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let e = client
        .update_ticket(TicketId(1), &TicketUpdate::new().description("new text"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    let e = client
        .attach_file(
            TicketId(1),
            Attachment::from_url("shot.png", "https://files.example.com/shot.png"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    assert!(
        !client
            .capabilities()
            .supports(psa_core::Capability::AttachmentUrls)
    );
    assert!(
        !client
            .capabilities()
            .supports(psa_core::Capability::Impersonation)
    );
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn notes_map_their_flags_to_visibility_both_ways() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let add = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("service/tickets/42/notes"))
                .json_body(json!({"text": "Call\n\nCalled the customer", "internalAnalysisFlag": true, "processNotifications": false}));
            then.status(201).json_body(json!({
                "id": 3, "ticketId": 42, "text": "Call\n\nCalled the customer", "internalAnalysisFlag": true,
                "detailDescriptionFlag": false, "resolutionFlag": false, "member": {"id": 3, "identifier": "sam", "name": "Sam Tech"}
            }));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets/42/notes"))
                .query_param("orderBy", "id asc");
            then.status(200).json_body(json!([
                {"id": 1, "ticketId": 42, "text": "Visible", "detailDescriptionFlag": true, "internalAnalysisFlag": false, "resolutionFlag": false, "dateCreated": "2024-02-01T08:00:00Z"},
                {"id": 2, "ticketId": 42, "text": "Fixed", "detailDescriptionFlag": false, "internalAnalysisFlag": false, "resolutionFlag": true},
                {"id": 3, "ticketId": 42, "text": "Tech only", "detailDescriptionFlag": false, "internalAnalysisFlag": true, "resolutionFlag": false}
            ]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let n = client
        .add_note(
            TicketId(42),
            &NewNote::new("Called the customer").title("Call"),
        )
        .await
        .unwrap();
    assert_eq!(n.visibility, NoteVisibility::Internal);
    assert_eq!(n.author.as_deref(), Some("Sam Tech"));
    let page = client.list_notes(TicketId(42), None).await.unwrap();
    let vis: Vec<_> = page.items.iter().map(|n| n.visibility).collect();
    assert_eq!(
        vis,
        [
            NoteVisibility::Public,
            NoteVisibility::Public,
            NoteVisibility::Internal
        ]
    );
    assert!(page.items[0].created_at.is_some());
    add.assert_calls_async(1).await;
    list.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn contacts_by_email_use_child_conditions_and_companies_by_name_contain() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let contacts = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("company/contacts"))
                .query_param("childConditions", r#"communicationItems/value = "Ada@Contoso.example" and communicationItems/communicationType = "Email""#);
            then.status(200).json_body(json!([{
                "id": 7, "firstName": "Ada", "lastName": "Lovelace", "company": {"id": 250},
                "communicationItems": [{"type": {"id": 1, "name": "Email"}, "value": "ada@contoso.example", "defaultFlag": true, "communicationType": "Email"}]
            }]));
        })
        .await;
    let companies = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("company/companies"))
                .query_param("conditions", r#"name contains "Contoso" and deletedFlag = false"#);
            then.status(200).json_body(json!([{"id": 250, "identifier": "Contoso", "name": "Contoso Ltd", "phoneNumber": "555-0100"}]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let found = client
        .list_contacts(&ContactQuery::new().email("Ada@Contoso.example"), None)
        .await
        .unwrap();
    assert_eq!(found.items[0].email.as_deref(), Some("ada@contoso.example"));
    assert_eq!(found.items[0].company, Some(CompanyId(250)));
    let cos = client
        .list_companies(&CompanyQuery::new().name("Contoso").active(true), None)
        .await
        .unwrap();
    assert_eq!(cos.items[0].identifier.as_deref(), Some("Contoso"));
    assert_eq!(
        serde_json::to_value(&cos.items[0].vendor_record).unwrap()["phoneNumber"],
        "555-0100"
    );
    contacts.assert_calls_async(1).await;
    companies.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
