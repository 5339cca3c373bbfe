//! Wire format of the ticket, comment and attachment calls: exact paths, query strings, flat
//! bodies and the per-endpoint response wrappers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_core::{
    Attachment, Connector, ConnectorExt, ErrorKind, NewNote, NoteVisibility, TicketId, TicketQuery,
    TicketUpdate,
};
use psa_syncro::models::{CommentInput, FileUrl, TicketInput};
use psa_syncro::{CommentFilter, TicketFilter};
use serde_json::json;

#[tokio::test]
async fn list_sends_the_filters_and_decodes_the_live_shape() {
    let server = MockServer::start_async().await;
    let fixture = include_str!("fixtures/tickets_page_live_shape.json");
    let list = server
        .mock_async(|when, then| {
            let when = authed(when.method(GET).path("/api/v1/tickets"));
            exact_query(
                when,
                "customer_id=4294967301&status=In%20Progress&query=scanner%20%26%20email&page=1",
            );
            then.status(200)
                .header("content-type", "application/json")
                .body(fixture);
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let page = c
        .tickets()
        .list(
            &TicketFilter::new()
                .customer_id(4_294_967_301)
                .status("In Progress")
                .query("scanner & email")
                .page(1),
        )
        .await
        .unwrap();
    let t = &page.items[0];
    assert_eq!(t.customer_id, Some(4_294_967_301));
    assert_eq!(t.created_at.unwrap().offset().whole_hours(), -5);
    assert_eq!(t.user.as_ref().unwrap().is_admin(), Some(false));
    assert_eq!(t.comments.len(), 2);
    assert_eq!(t.extra["total_formatted_billable_time"], "00:15:00");
    assert!(!page.has_next());
    // The core mapping takes the oldest comment as the description, whatever the order.
    let core = c.to_core_ticket(t).await.unwrap();
    assert_eq!(
        core.description.as_deref(),
        Some("The scanner shows 'SMTP error 535' when sending.")
    );
    assert_eq!(core.priority.unwrap().name, "1 High");
    list.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn paging_follows_total_pages_without_assuming_a_page_size() {
    let server = MockServer::start_async().await;
    // Pages of 3, 1 and 2 records: nothing may depend on a page size.
    let mut mocks = Vec::new();
    for (page, ids) in [(1, vec![1, 2, 3]), (2, vec![4]), (3, vec![5, 6])] {
        let body = json!({"tickets": ids.iter().map(|i| ticket_json(*i, "t")).collect::<Vec<_>>(), "meta": {"total_pages": 3, "page": page}});
        mocks.push(
            server
                .mock_async(move |when, then| {
                    exact_query(
                        authed(when.method(GET).path("/api/v1/tickets")),
                        ["page=1", "page=2", "page=3"][page - 1],
                    );
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let ids: Vec<i64> = c
        .tickets()
        .stream(TicketFilter::new())
        .map_ok(|t| t.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, vec![1, 2, 3, 4, 5, 6]);
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
    // The same through the connector, with a page token that survives serialization.
    let first = c.list_tickets(&TicketQuery::new(), None).await.unwrap();
    let token: psa_core::PageToken =
        serde_json::from_str(&serde_json::to_string(&first.next.unwrap()).unwrap()).unwrap();
    let second = c
        .list_tickets(&TicketQuery::new(), Some(token))
        .await
        .unwrap();
    assert_eq!(
        second.items.iter().map(|t| t.id.get()).collect::<Vec<_>>(),
        vec![4]
    );
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn paging_without_meta_page_counts_the_pages_itself() {
    let server = MockServer::start_async().await;
    // `meta` carries only `total_pages`: the client must not read every page as page 1.
    let mut mocks = Vec::new();
    for (page, ids) in [(1, vec![1, 2]), (2, vec![3]), (3, vec![4, 5])] {
        let body = json!({"tickets": ids.iter().map(|i| ticket_json(*i, "t")).collect::<Vec<_>>(), "meta": {"total_pages": 3}});
        mocks.push(
            server
                .mock_async(move |when, then| {
                    exact_query(
                        authed(when.method(GET).path("/api/v1/tickets")),
                        ["page=1", "page=2", "page=3"][page - 1],
                    );
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let ids: Vec<i64> = c
        .tickets()
        .stream(TicketFilter::new())
        .map_ok(|t| t.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    let q = TicketQuery::new();
    let core: Vec<_> = c.stream_tickets(&q).try_collect().await.unwrap();
    assert_eq!(core.len(), 5);
    for m in &mocks {
        m.assert_calls_async(2).await;
    }
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn get_unwraps_the_ticket_and_404_is_not_found() {
    let server = MockServer::start_async().await;
    let found = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/tickets/42"));
            then.status(200)
                .json_body(json!({"ticket": ticket_json(42, "Printer offline")}));
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/tickets/43"));
            then.status(404).json_body(json!({"message": "Not found"}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    assert_eq!(
        c.tickets().get(42).await.unwrap().subject.as_deref(),
        Some("Printer offline")
    );
    let err = c.ticket(TicketId(43)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains("Not found"), "{err}");
    assert_eq!(err.attempts(), 1, "a 404 is not retried");
    found.assert_calls_async(1).await;
    missing.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn create_sends_a_flat_body_once() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets"))
                .header("content-type", "application/json")
                .json_body(json!({
                    "customer_id": 7, "subject": "Email down", "contact_id": 8, "priority": "1 High",
                    "comments_attributes": [{"subject": "Initial Issue", "body": "Outlook fails", "hidden": false, "do_not_email": true}]
                }));
            then.status(200).json_body(json!({"ticket": ticket_json(500, "Email down")}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let t = c
        .create_ticket(
            &psa_core::NewTicket::new("Email down")
                .company(psa_core::CompanyId(7))
                .contact(psa_core::ContactId(8))
                .priority("1 High")
                .description("Outlook fails"),
        )
        .await
        .unwrap();
    assert_eq!(t.id, TicketId(500));
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_create_answered_with_5xx_is_not_resent_without_a_key() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v1/tickets");
            then.status(502)
                .body("<html><body>502 Bad Gateway</body></html>");
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let err = c
        .tickets()
        .create(&TicketInput::new().customer_id(7).subject("x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(err.may_have_landed());
    assert!(
        err.to_string().contains("502 Bad Gateway"),
        "the HTML body is kept: {err}"
    );
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn update_is_a_partial_put_of_the_set_fields() {
    let server = MockServer::start_async().await;
    let put = server
        .mock_async(|when, then| {
            authed(when.method(PUT).path("/api/v1/tickets/42"))
                .json_body(json!({"status": "Resolved"}));
            then.status(200)
                .json_body(json!({"ticket": {"id": 42, "subject": "x", "status": "Resolved"}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let t = c
        .update_ticket(TicketId(42), &TicketUpdate::new().status("Resolved"))
        .await
        .unwrap();
    assert!(t.is_closed());
    let err = c
        .update_ticket(TicketId(42), &TicketUpdate::new().queue("5"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    let err = c
        .update_ticket(TicketId(42), &TicketUpdate::new().description("new text"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    put.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn notes_map_visibility_to_hidden_and_do_not_email() {
    let server = MockServer::start_async().await;
    let reply = |hidden: bool| json!({"comment": {"id": 9, "ticket_id": 42, "subject": "Update", "body": "b", "hidden": hidden, "tech": "Sam"}});
    let internal = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/42/comment"))
                .json_body(json!({"subject": "Rebooted the printer", "body": "Rebooted the printer", "hidden": true, "do_not_email": true}));
            then.status(200).json_body(reply(true));
        })
        .await;
    let public_quiet = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/42/comment"))
                .json_body(json!({"subject": "Call", "body": "We will call you", "hidden": false, "do_not_email": true}));
            then.status(200).json_body(reply(false));
        })
        .await;
    let public_email = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/42/comment"))
                .json_body(json!({"subject": "Fixed", "body": "Fixed, please test", "hidden": false, "do_not_email": false}));
            then.status(200).json_body(reply(false));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let n = c
        .add_note(TicketId(42), &NewNote::new("Rebooted the printer"))
        .await
        .unwrap();
    assert_eq!(n.visibility, NoteVisibility::Internal);
    let n = c
        .add_note(
            TicketId(42),
            &NewNote::new("We will call you")
                .title("Call")
                .visibility(NoteVisibility::Public),
        )
        .await
        .unwrap();
    assert_eq!(n.visibility, NoteVisibility::Public);
    c.add_note(
        TicketId(42),
        &NewNote::new("Fixed, please test")
            .title("Fixed")
            .visibility(NoteVisibility::Public)
            .notify_customer(true),
    )
    .await
    .unwrap();
    // Subject and body are both required by Syncro: refused before sending.
    let err = c
        .comments(42)
        .add(&CommentInput::new("", "body"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.fields(), ["subject"]);
    internal.assert_calls_async(1).await;
    public_quiet.assert_calls_async(1).await;
    public_email.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn comments_list_pages_by_total_pages() {
    let server = MockServer::start_async().await;
    let comment = |id: i64, hidden: bool| json!({"id": id, "ticket_id": 42, "subject": "s", "body": format!("c{id}"), "hidden": hidden, "is_rich_text": false, "user": {}});
    let p1 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets/42/comments")), "sort_by=created_at&sort_direction=ASC&per_page=100&page=1");
            then.status(200).json_body(json!({"comments": [comment(1, false), comment(2, true)], "meta": {"total_pages": 2, "page": 1, "per_page": 2}}));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets/42/comments")), "sort_by=created_at&sort_direction=ASC&per_page=100&page=2");
            then.status(200).json_body(json!({"comments": [comment(3, false)], "meta": {"total_pages": 2, "page": 2, "per_page": 2}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let notes: Vec<_> = c.stream_notes(TicketId(42)).try_collect().await.unwrap();
    assert_eq!(
        notes.iter().map(|n| n.body.as_str()).collect::<Vec<_>>(),
        ["c1", "c2", "c3"]
    );
    assert_eq!(notes[1].visibility, NoteVisibility::Internal);
    let native: Vec<_> = c
        .comments(42)
        .stream(CommentFilter::new().sort("created_at", "ASC").per_page(100))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(native.len(), 3);
    p1.assert_calls_async(2).await;
    p2.assert_calls_async(2).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn the_note_listing_asks_for_the_builders_page_size() {
    let server = MockServer::start_async().await;
    let page = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets/42/comments")), "sort_by=created_at&sort_direction=ASC&per_page=25&page=1");
            then.status(200).json_body(json!({"comments": [{"id": 1, "ticket_id": 42, "subject": "s", "body": "c1", "hidden": false, "is_rich_text": false, "user": {}}], "meta": {"total_pages": 1, "page": 1, "per_page": 25}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server).page_size(25).build().await.unwrap();
    let notes = c.list_notes(TicketId(42), None).await.unwrap();
    assert_eq!(notes.items[0].body, "c1");
    page.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn attachments_go_by_url_and_are_pending() {
    let server = MockServer::start_async().await;
    let attach = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/42/attach_file_url"))
                .json_body(json!({"files": [{"url": "https://files.example.com/shot.png", "filename": "shot.png"}]}));
            then.status(200).json_body(json!({"message": "Processing - refresh ticket in a moment to see if it worked."}));
        })
        .await;
    let bad = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/43/attach_file_url"));
            then.status(422)
                .json_body(json!({"error": "Missing files param - or not an array like [{'url':'http://foo','filename': 'test'}]"}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let r = c
        .attach_file(
            TicketId(42),
            Attachment::from_url("shot.png", "https://files.example.com/shot.png"),
        )
        .await
        .unwrap();
    assert!(r.pending);
    assert!(r.message.unwrap().starts_with("Processing"));
    let err = c
        .attach_file(TicketId(42), Attachment::from_bytes("x.txt", b"x".to_vec()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    let err = c
        .tickets()
        .attach_file_url(43, &[FileUrl::new("https://files.example.com/a", "a")])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.message().starts_with("Missing files param"), "{err}");
    let err = c
        .tickets()
        .attach_file_url(42, &[FileUrl::new("not a url", "a")])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    attach.assert_calls_async(1).await;
    bad.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn open_only_asks_for_not_closed_and_filters_again() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets")), "status=Not%20Closed&page=1");
            let mut invoiced = ticket_json(2, "b");
            invoiced["status"] = json!("Invoiced");
            then.status(200).json_body(json!({"tickets": [ticket_json(1, "a"), invoiced], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let open = c
        .collect_tickets(&TicketQuery::new().open_only(true), 10)
        .await
        .unwrap();
    assert_eq!(open.iter().map(|t| t.id.get()).collect::<Vec<_>>(), vec![1]);
    list.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn vendor_record_is_the_json_as_received() {
    let server = MockServer::start_async().await;
    // Numbers as strings, an unknown key, a timestamp with 7 fractional digits: all kept as sent.
    let record = json!({"id": "42", "number": "1042", "subject": "x", "status": "New", "customer_id": 7,
                        "updated_at": "2025-01-29T13:31:46.7160000-05:00", "brand_new": {"a": [1, 2]}});
    let sent = record.clone();
    let get = server
        .mock_async(move |when, then| {
            authed(when.method(GET).path("/api/v1/tickets/42"));
            then.status(200).json_body(json!({ "ticket": sent }));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let t = c.ticket(TicketId(42)).await.unwrap();
    assert_eq!(t.vendor_record, record);
    assert_eq!(t.number.as_deref(), Some("1042"));
    get.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
