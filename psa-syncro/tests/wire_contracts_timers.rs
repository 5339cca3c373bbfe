//! Contracts (`/contracts`) and ticket timers (`/ticket_timers`) on the wire, with the spec's
//! own JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_core::ErrorKind;
use psa_syncro::TimerFilter;
use serde_json::json;
use time::macros::datetime;

fn contract(id: i64) -> serde_json::Value {
    json!({"id": id, "account_id": 1, "customer_id": 1, "name": "Support Tier 1", "contract_amount": "30k",
           "start_date": "2019-10-23T00:00:00.000Z", "end_date": "2020-10-22T00:00:00.000Z", "primary_contact": null,
           "description": "Contract Description", "created_at": "2019-10-22T10:00:55.392Z",
           "updated_at": "2019-10-22T10:00:55.392Z", "status": "Opportunity", "likelihood": 30,
           "apply_to_all": false, "sla_id": null})
}

fn timer(id: i64) -> serde_json::Value {
    json!({"id": id, "ticket_id": 1, "user_id": 1, "start_time": "2013-08-06T13:41:15.000Z",
           "end_time": "2013-08-06T14:41:15.000Z", "recorded": false, "created_at": "2019-11-05T15:18:43.727Z",
           "updated_at": "2019-11-05T15:18:43.727Z", "billable": false, "notes": null, "toggl_id": null,
           "product_id": null, "comment_id": null, "ticket_line_item_id": null, "active_duration": null,
           "billable_time": 120, "billable_override": null})
}

#[tokio::test]
async fn contracts_pages_and_the_flat_detail() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/contracts")), "page=1");
            then.status(200)
                .json_body(json!({"contracts": [contract(1)],
                "meta": {"total_pages": 2, "total_entries": 2, "per_page": 1, "page": 1}}));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/contracts")), "page=2");
            then.status(200)
                .json_body(json!({"contracts": [contract(2)],
                "meta": {"total_pages": 2, "total_entries": 2, "per_page": 1, "page": 2}}));
        })
        .await;
    let one = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/contracts/1"));
            then.status(200).json_body(contract(1));
        })
        .await;
    let deleted = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/contracts/3"));
            then.status(200).body("null");
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;

    let all: Vec<_> = c.contracts().stream().try_collect().await.unwrap();
    assert_eq!(all.iter().map(|k| k.id).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(all[0].contract_amount.as_deref(), Some("30k"));
    let got = c.contracts().get(1).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Support Tier 1"));
    assert_eq!(got.end_date, Some(datetime!(2020-10-22 0:00 UTC)));
    assert_eq!(
        c.contracts().get(3).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    for m in [&p1, &p2, &one, &deleted] {
        assert_eq!(m.calls_async().await, 1);
    }
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn ticket_timers_by_creation_window() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            exact_query(
                authed(when.method(GET).path("/api/v1/ticket_timers")),
                "created_at_gt=2019-11-01T00%3A00%3A00Z&created_at_lt=2019-12-01T00%3A00%3A00Z&page=1",
            );
            then.status(200).json_body(json!({"ticket_timers": [timer(1), timer(2)], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let f = TimerFilter::new()
        .created_after(datetime!(2019-11-01 0:00 UTC))
        .created_before(datetime!(2019-12-01 0:00 UTC));
    let timers: Vec<_> = c.ticket_timers().stream(f).try_collect().await.unwrap();
    assert_eq!(timers.len(), 2);
    assert_eq!(timers[0].minutes(), Some(60));
    assert_eq!(timers[0].billable, Some(false));
    assert_eq!(list.calls_async().await, 1);
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn denied_timers_and_contracts_name_their_rights() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            authed(when.method(GET));
            then.status(401).json_body(json!({"error": "Not authorized. Please ask account admin to update your group permissions."}));
        })
        .await;
    let c = client(&server).await;
    let err = c
        .ticket_timers()
        .list(&TimerFilter::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(
        err.to_string().contains("Ticket Timers - Overview"),
        "{err}"
    );
    let err = c.contracts().list(1).await.unwrap_err();
    assert!(err.to_string().contains("Contracts - List/Search"), "{err}");
}
