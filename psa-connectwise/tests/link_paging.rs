//! Paging: `Link: <…>; rel="next"` followed with the whole query on every page, forward-only
//! paging with `pageId`, and resumable tokens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_connectwise::{Query, field};
use psa_core::{Connector, ConnectorExt, PageToken, TicketQuery};

#[tokio::test]
async fn link_paging_keeps_the_conditions_on_every_page() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let base = server.base_url();
    let cond = r#"board/name = "Help Desk""#;
    let link = |page: u32| {
        // The server's Link carries the query in its own (form) encoding.
        format!(
            "<{base}{}?conditions=board%2Fname+%3D+%22Help+Desk%22&pageSize=2&page={page}>; rel=\"next\", <{base}{}?pageSize=2&page=3>; rel=\"last\"",
            api("service/tickets"),
            api("service/tickets")
        )
    };
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .query_param("conditions", cond)
                .query_param("pageSize", "2")
                .query_param("page", "1");
            then.status(200)
                .header("link", link(2))
                .json_body(serde_json::json!([
                    ticket_json(1, "a"),
                    ticket_json(2, "b")
                ]));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .query_param("conditions", cond)
                .query_param("pageSize", "2")
                .query_param("page", "2");
            then.status(200)
                .header("link", link(3))
                .json_body(serde_json::json!([
                    ticket_json(3, "c"),
                    ticket_json(4, "d")
                ]));
        })
        .await;
    let p3 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .query_param("conditions", cond)
                .query_param("pageSize", "2")
                .query_param("page", "3");
            // The last page: only `first` (and `prev`).
            then.status(200)
                .header(
                    "link",
                    format!(
                        "<{base}{}?pageSize=2&page=1>; rel=\"first\"",
                        api("service/tickets")
                    ),
                )
                .json_body(serde_json::json!([ticket_json(5, "e")]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let q = Query::new()
        .conditions(field("board/name").eq("Help Desk"))
        .page_size(2);
    let all: Vec<_> = client
        .tickets()
        .stream(q.clone())
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<i64> = all.iter().map(|t| t.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);

    // A token saved after page 1 resumes at page 2 in a "new process".
    let first = client.tickets().list(&q, None).await.unwrap();
    let json = serde_json::to_string(&first.next).unwrap();
    let token: Option<PageToken> = serde_json::from_str(&json).unwrap();
    let second = client.tickets().list(&q, token).await.unwrap();
    assert_eq!(second.items[0].id, 3);

    p1.assert_calls_async(2).await;
    p2.assert_calls_async(2).await;
    p3.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn without_a_link_header_a_full_page_asks_for_the_next() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("company/companies"))
                .query_param("page", "1");
            then.status(200).json_body(serde_json::json!([
                {"id": 1, "identifier": "A", "name": "A"}, {"id": 2, "identifier": "B", "name": "B"}
            ]));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("company/companies"))
                .query_param("page", "2");
            then.status(200).json_body(serde_json::json!([]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let all: Vec<_> = client
        .companies()
        .stream(Query::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn forward_only_paging_sends_the_header_and_follows_page_id() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let base = server.base_url();
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .header("pagination-type", "forward-only")
                .query_param("conditions", "closedFlag = false")
                .query_param("pageSize", "2")
                .query_param_missing("pageId")
                .query_param_missing("page")
                .query_param_missing("orderBy");
            then.status(200)
                .header(
                    "link",
                    format!(
                        "<{base}{}?conditions=closedFlag%20%3D%20false&pageSize=2&pageId=20>; rel=\"next\"",
                        api("service/tickets")
                    ),
                )
                .json_body(serde_json::json!([ticket_json(10, "a"), ticket_json(20, "b")]));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .header("pagination-type", "forward-only")
                .query_param("conditions", "closedFlag = false")
                .query_param("pageId", "20");
            // A short page ends the sync even though forward-only always sends a Link.
            then.status(200)
                .header(
                    "link",
                    format!(
                        "<{base}{}?pageSize=2&pageId=30>; rel=\"next\"",
                        api("service/tickets")
                    ),
                )
                .json_body(serde_json::json!([ticket_json(30, "c")]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = psa_connectwise::ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .page_size(2)
        .options(options())
        .build()
        .await
        .unwrap();
    // Through the trait: open tickets, forward-only under the hood.
    let all: Vec<_> = client
        .stream_tickets(&TicketQuery::new().open_only(true))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<i64> = all.iter().map(|t| t.id.get()).collect();
    assert_eq!(ids, [10, 20, 30]);
    // The trait's token is a pageId and resumes there.
    let first = client
        .list_tickets(&TicketQuery::new().open_only(true), None)
        .await
        .unwrap();
    assert_eq!(first.next.as_ref().map(|t| t.as_str()), Some("pageId=20"));
    p1.assert_calls_async(2).await;
    p2.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_token_from_the_other_paging_mode_is_refused_without_a_request() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let err = client
        .tickets()
        .list(&Query::new(), Some(PageToken::new("pageId=5")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Validation);
    let err = client
        .tickets()
        .list(
            &Query::new(),
            Some(PageToken::new("https://evil.example/next")),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Validation);
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn forward_only_stops_on_a_full_page_without_a_next_link() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    // A full page (2 of 2) with no `rel="next"`: the sync is over, no request for an empty page.
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .header("pagination-type", "forward-only")
                .query_param("pageSize", "2")
                .query_param_missing("pageId");
            then.status(200).json_body(serde_json::json!([
                ticket_json(10, "a"),
                ticket_json(20, "b")
            ]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = psa_connectwise::ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .page_size(2)
        .options(options())
        .build()
        .await
        .unwrap();
    let all: Vec<_> = client
        .stream_tickets(&TicketQuery::new())
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<i64> = all.iter().map(|t| t.id.get()).collect();
    assert_eq!(ids, [10, 20]);
    p1.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
