//! What goes on the wire: headers, paths, bodies and paging, exactly as Autotask documents them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_autotask::models::{Contact, Ticket, TicketNote};
use psa_autotask::{Filter, Query};
use psa_core::{Attachment, Connector, ErrorKind, TicketId};
use serde_json::json;

#[tokio::test]
async fn queries_carry_the_three_auth_headers_and_never_impersonation() {
    let server = MockServer::start_async().await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets/query"))
                .header("ApiIntegrationCode", CODE)
                .header("UserName", USERNAME)
                .header("Secret", SECRET)
                .header("content-type", "application/json")
                .header_missing("ImpersonationResourceId")
                .json_body(json!({"filter": [{"op": "eq", "field": "companyID", "value": 500}], "MaxRecords": 50}));
            then.status(200).json_body(json!({
                "items": [ticket_json(1, "Printer offline")],
                "pageDetails": {"count": 1, "requestCount": 50, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await.impersonating(29_682_885);
    let page = client
        .tickets()
        .query(&Query::with(Filter::eq("companyID", 500)).max_records(50))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].title.as_deref(), Some("Printer offline"));
    assert!(page.next.is_none());
    query.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn writes_carry_impersonation_and_omit_unset_fields() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets"))
                .header("ImpersonationResourceId", "29682885")
                .header("Secret", SECRET)
                // Exactly these members: no nulls, nothing unset.
                .json_body(json!({"companyID": 500, "title": "Test", "status": 1, "priority": 2, "queueID": 29683482}));
            then.status(200).json_body(json!({"itemId": 128926}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await.impersonating(29_682_885);
    let mut t = Ticket::default();
    t.company_id = Some(500);
    t.title = Some("Test".into());
    t.status = Some(1);
    t.priority = Some(2);
    t.queue_id = Some(29_683_482);
    assert_eq!(client.tickets().create(&t).await.unwrap(), 128_926);
    create.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn children_are_created_under_their_parent_path() {
    let server = MockServer::start_async().await;
    let note = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets/128926/Notes"))
                .json_body(json!({"ticketID": 128926, "title": "Call", "description": "Called the customer", "noteType": 1, "publish": 1}));
            then.status(200).json_body(json!({"itemId": 30777658}));
        })
        .await;
    let contact = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Companies/500/Contacts"))
                .json_body(json!({"companyID": 500, "firstName": "Ada", "lastName": "Lovelace", "emailAddress": "ada@example.com", "isActive": 1}));
            then.status(200).json_body(json!({"itemId": 9}));
        })
        .await;
    let attachment = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets/128926/Attachments"))
                .header_missing("ImpersonationResourceId")
                .json_body(json!({
                    "attachmentType": "FILE_ATTACHMENT", "fullPath": "log.txt", "title": "log.txt",
                    "parentID": 128926, "ticketID": 128926, "publish": 2, "contentType": "text/plain",
                    "data": "Ym9vdCBmYWlsZWQ="
                }));
            then.status(200).json_body(json!({"itemId": 77}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let mut n = TicketNote::default();
    n.ticket_id = Some(128_926);
    n.title = Some("Call".into());
    n.description = Some("Called the customer".into());
    n.note_type = Some(1);
    n.publish = Some(1);
    assert_eq!(client.ticket_notes().create(&n).await.unwrap(), 30_777_658);

    let mut c = Contact::default();
    c.company_id = Some(500);
    c.first_name = Some("Ada".into());
    c.last_name = Some("Lovelace".into());
    c.email_address = Some("ada@example.com".into());
    c.is_active = Some(1);
    assert_eq!(client.contacts().create(&c).await.unwrap(), 9);

    let receipt = client
        .attach_file(
            TicketId(128_926),
            Attachment::from_bytes("log.txt", b"boot failed".to_vec()).content_type("text/plain"),
        )
        .await
        .unwrap();
    assert_eq!(receipt.id, Some(77));

    // A child without its parent id never reaches the network.
    let mut orphan = TicketNote::default();
    orphan.description = Some("x".into());
    let e = client.ticket_notes().create(&orphan).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.fields(), ["ticketID"]);

    note.assert_calls_async(1).await;
    contact.assert_calls_async(1).await;
    attachment.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn updates_patch_the_collection_with_the_id_in_the_body() {
    let server = MockServer::start_async().await;
    let patch = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(path("Tickets"))
                .json_body(json!({"id": 128926, "status": 5}));
            then.status(200).json_body(json!({"itemId": 128926}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let mut t = Ticket::default();
    t.id = Some(128_926);
    t.status = Some(5);
    assert_eq!(client.tickets().update(&t).await.unwrap(), 128_926);
    let mut no_id = Ticket::default();
    no_id.status = Some(5);
    assert_eq!(
        client.tickets().update(&no_id).await.unwrap_err().kind(),
        ErrorKind::Validation
    );
    patch.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_null_item_is_not_found_and_a_record_decodes_with_unknown_fields_kept() {
    let server = MockServer::start_async().await;
    let missing = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Tickets/42"));
            then.status(200).json_body(json!({"item": null}));
        })
        .await;
    let found = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Tickets/7"));
            let mut t = ticket_json(7, "VPN down");
            t["brandNewField"] = json!({"nested": true});
            t["userDefinedFields"] = json!([{"name": "CustomerRanking", "value": "Golden"}]);
            then.status(200).json_body(json!({ "item": t }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let e = client.tickets().get(42).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.entity(), Some("Tickets"));
    let t = client.tickets().get(7).await.unwrap();
    assert_eq!(t.extra["brandNewField"], json!({"nested": true}));
    assert_eq!(t.udf("customerranking"), Some("Golden"));
    assert_eq!(
        t.create_date,
        Some(time::macros::datetime!(2024-01-31 15:04:05.307 UTC))
    );
    missing.assert_calls_async(1).await;
    found.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn the_next_page_is_posted_with_the_same_body() {
    let server = MockServer::start_async().await;
    let body = json!({"filter": [{"op": "gte", "field": "id", "value": 0}], "MaxRecords": 2});
    let next_url = server.url(format!("{API}/Tickets/query/next?paging=abc%3D%3D"));
    let first = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query")).json_body(body.clone());
            then.status(200).json_body(json!({
                "items": [ticket_json(1, "a"), ticket_json(2, "b")],
                "pageDetails": {"count": 2, "requestCount": 2, "prevPageUrl": null, "nextPageUrl": next_url}
            }));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets/query/next"))
                .query_param("paging", "abc==")
                .header("Secret", SECRET)
                .json_body(body.clone());
            then.status(200).json_body(json!({
                "items": [ticket_json(3, "c")],
                "pageDetails": {"count": 1, "requestCount": 2, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let all: Vec<Ticket> = client
        .tickets()
        .stream(Query::new().max_records(2))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = all.iter().map(|t| t.id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_next_page_url_on_a_foreign_host_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let first = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query"));
            then.status(200).json_body(json!({
                "items": [ticket_json(1, "a")],
                "pageDetails": {"count": 1, "requestCount": 1, "nextPageUrl":
                    "https://webservices14.autotask.net.evil.example/ATServicesRest/V1.0/Tickets/query/next?paging=x"}
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let result: Result<Vec<Ticket>, _> = client.tickets().stream(Query::new()).try_collect().await;
    let e = result.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(
        e.to_string()
            .contains("webservices14.autotask.net.evil.example"),
        "{e}"
    );
    assert!(!e.to_string().contains(SECRET));
    first.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn count_posts_only_the_filter() {
    let server = MockServer::start_async().await;
    let count = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tickets/query/count"))
                .json_body(json!({"filter": [{"op": "noteq", "field": "status", "value": 5}]}));
            then.status(200).json_body(json!({"queryCount": 123}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let q = Query::with(Filter::not_eq("status", 5))
        .include_fields(["title"])
        .max_records(10);
    assert_eq!(client.tickets().count(&q).await.unwrap(), 123);
    count.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn oversize_attachments_fail_before_anything_is_sent() {
    let server = MockServer::start_async().await;
    let catch = catch_all(&server).await;
    let client = psa_autotask::AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options())
        .max_attachment_bytes(1_000)
        .build()
        .await
        .unwrap();
    let e = client
        .attach_file(
            TicketId(1),
            Attachment::from_bytes("big.bin", vec![0u8; 1_001]),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.message().contains("1001 bytes"), "{e}");
    let e = client
        .attach_file(
            TicketId(1),
            Attachment::from_url("x.png", "https://files.example.com/x.png"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    catch.assert_calls_async(0).await;
}
