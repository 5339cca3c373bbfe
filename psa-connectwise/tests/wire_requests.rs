//! The exact bytes on the wire: auth header, clientId, Accept version, conditions encoding,
//! the long-query POST form, patch, note, ticket and document bodies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_connectwise::models::{DocumentRecordType, NewServiceNote, NewServiceTicket, Reference};
use psa_connectwise::{Patch, Query, api::documents::DocumentUpload, field};

#[tokio::test]
async fn every_call_carries_basic_auth_client_id_and_accept_version() {
    let server = MockServer::start_async().await;
    let info = companyinfo(&server).await;
    let call = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("system/info"))
                .header("authorization", AUTH)
                .header("clientid", CLIENT_ID)
                .header("accept", ACCEPT);
            then.status(200).json_body(serde_json::json!({
                "version": "v2025.1.10333", "isCloud": true, "serverTimeZone": "Eastern Standard Time",
                "licenseBits": [], "cloudRegion": "NA", "maxWorkFlowRecordsAllowed": 1000
            }));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let sys = client.system().info().await.unwrap();
    assert_eq!(sys.api_version().as_deref(), Some("2025.1"));
    call.assert_calls_async(1).await;
    info.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
    assert_eq!(
        client.api_base().as_str(),
        format!("{}/{CODEBASE}apis/3.0/", server.base_url())
    );
}

#[tokio::test]
async fn companyinfo_is_fetched_without_credentials() {
    let server = MockServer::start_async().await;
    let bare = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/login/companyinfo/{COMPANY}"))
                .header_missing("authorization")
                .header_missing("clientid");
            then.status(200)
                .json_body(serde_json::json!({"Codebase": "v2024_1/", "IsCloud": true}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    assert!(client.api_base().as_str().ends_with("/v2024_1/apis/3.0/"));
    bare.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_pinned_api_version_goes_in_accept() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let call = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/priorities")).header(
                "accept",
                "application/vnd.connectwise.com+json; version=2022.1",
            );
            then.status(200).json_body(serde_json::json!([]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = psa_connectwise::ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .api_version("2022.1")
        .options(options())
        .build()
        .await
        .unwrap();
    assert!(client.priorities().all().await.unwrap().is_empty());
    call.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn conditions_are_quoted_bracketed_and_percent_encoded() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    // The exact query string: quotes escaped with a backslash, the date in brackets, unicode as
    // UTF-8 percent-encoding, spaces as %20, `&` and `"` encoded.
    let expected = "conditions=summary%20contains%20%22Caf%C3%A9%20%5C%22Ol%C3%A9%5C%22%20%26%20co%22%20and%20lastUpdated%20%3E%20%5B2016-08-20T18%3A04%3A26Z%5D%20and%20closedFlag%20%3D%20false&orderBy=id%20asc&pageSize=50&page=1";
    let list = server
        .mock_async(move |when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .is_true(move |req| req.uri().query() == Some(expected))
                // And what the server decodes:
                .query_param(
                    "conditions",
                    r#"summary contains "Café \"Olé\" & co" and lastUpdated > [2016-08-20T18:04:26Z] and closedFlag = false"#,
                );
            then.status(200)
                .json_body(serde_json::json!([ticket_json(1, "Café \"Olé\" & co")]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let q = Query::new()
        .conditions(
            field("summary")
                .contains("Café \"Olé\" & co")
                .and(field("lastUpdated").gt(time::macros::datetime!(2016-08-20 18:04:26 UTC)))
                .and(field("closedFlag").eq(false)),
        )
        .order_by("id", psa_connectwise::Direction::Asc)
        .page_size(50);
    let page = client.tickets().list(&q, None).await.unwrap();
    assert_eq!(page.items[0].summary, "Café \"Olé\" & co");
    assert!(page.next.is_none(), "one short page, no Link header");
    list.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_query_longer_than_2000_characters_is_posted_to_search() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let ids: Vec<i64> = (100_000..100_400).collect();
    let rendered = format!(
        "id in ({})",
        ids.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    let search = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("service/tickets/search"))
                .query_param("pageSize", "1000")
                .query_param("page", "1")
                .query_param_missing("conditions")
                .header("authorization", AUTH)
                .json_body(serde_json::json!({
                    "conditions": rendered,
                    "childconditions": "communicationItems/value = \"x\"",
                }));
            then.status(200)
                .json_body(serde_json::json!([ticket_json(100_000, "a")]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let q = Query::new()
        .conditions(field("id").in_(ids))
        .child_conditions(field("communicationItems/value").eq("x"));
    let page = client.tickets().list(&q, None).await.unwrap();
    assert_eq!(page.items.len(), 1);
    search.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn patch_bodies_are_lower_case_operations_on_whole_references() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let patch = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path(api("service/tickets/42"))
                .header("content-type", "application/json")
                .json_body(serde_json::json!([
                    {"op": "replace", "path": "summary", "value": "Printer fixed"},
                    {"op": "replace", "path": "status", "value": {"id": 17}},
                    {"op": "replace", "path": "priority", "value": {"name": "Priority 1 - Emergency Response"}},
                    {"op": "replace", "path": "board", "value": {"id": 3}},
                    {"op": "remove", "path": "contact"}
                ]));
            then.status(200).json_body(ticket_json(42, "Printer fixed"));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let p = Patch::new()
        .summary("Printer fixed")
        .status(Reference::id(17))
        .priority(Reference::name("Priority 1 - Emergency Response"))
        .board(Reference::id(3))
        .remove("contact");
    let t = client.tickets().patch(42, &p).await.unwrap();
    assert_eq!(t.summary, "Printer fixed");
    patch.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn creates_send_only_writable_fields_and_notes_always_show_somewhere() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("service/tickets"))
                .json_body(serde_json::json!({
                    "summary": "Email down",
                    "company": {"id": 250},
                    "board": {"name": "Help Desk"},
                    "initialDescription": "Outlook cannot connect",
                    "externalXRef": "chat-7f3a"
                }));
            then.status(201).json_body(ticket_json(77, "Email down"));
        })
        .await;
    let note = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("service/tickets/77/notes"))
                .json_body(serde_json::json!({
                    "text": "Asked the user to restart Outlook",
                    "detailDescriptionFlag": true,
                    "processNotifications": false
                }));
            then.status(201).json_body(serde_json::json!({
                "id": 5, "ticketId": 77, "text": "Asked the user to restart Outlook",
                "detailDescriptionFlag": true, "internalAnalysisFlag": false, "resolutionFlag": false,
                "dateCreated": "2024-02-01T08:00:00Z", "createdBy": "api"
            }));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let t = client
        .tickets()
        .create(
            &NewServiceTicket::new("Email down", Reference::id(250))
                .board(Reference::name("Help Desk"))
                .initial_description("Outlook cannot connect")
                .external_xref("chat-7f3a"),
        )
        .await
        .unwrap();
    assert_eq!(t.id, 77);
    let n = client
        .ticket_notes(77)
        .create(
            &NewServiceNote::discussion("Asked the user to restart Outlook")
                .process_notifications(false),
        )
        .await
        .unwrap();
    assert!(n.is_discussion());
    // A note with no flag is refused before it is sent.
    let mut hidden = NewServiceNote::internal("nowhere");
    hidden.internal_analysis_flag = None;
    let err = client.ticket_notes(77).create(&hidden).await.unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Validation);
    create.assert_calls_async(1).await;
    note.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn documents_are_multipart_with_record_type_and_id() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let upload = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("system/documents"))
                .header_includes("content-type", "multipart/form-data; boundary=")
                .body_includes("name=\"recordType\"\r\n\r\nTicket\r\n")
                .body_includes("name=\"recordId\"\r\n\r\n77\r\n")
                .body_includes("name=\"title\"\r\n\r\nBoot log\r\n")
                .body_includes("name=\"privateFlag\"\r\n\r\ntrue\r\n")
                .body_includes("name=\"file\"; filename=\"boot.log\"")
                .body_includes("boot failed at 09:12");
            then.status(201).json_body(serde_json::json!({
                "id": 31, "title": "Boot log", "fileName": "boot.log", "size": 20, "publicFlag": false
            }));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let doc = client
        .documents()
        .upload(
            &DocumentUpload::file(
                DocumentRecordType::Ticket,
                77,
                "boot.log",
                b"boot failed at 09:12".to_vec(),
            )
            .title("Boot log")
            .content_type("text/plain")
            .private(true),
        )
        .await
        .unwrap();
    assert_eq!(doc.id, 31);
    upload.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
