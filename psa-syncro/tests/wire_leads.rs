//! Leads (`/leads`) on the wire: exact paths, queries and bodies, the spec's own JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_core::ErrorKind;
use psa_syncro::LeadFilter;
use psa_syncro::models::LeadInput;
use serde_json::json;

/// The spec's example lead, with the given id and status.
fn lead(id: i64, status: &str) -> serde_json::Value {
    json!({"id": id, "first_name": "Susy", "last_name": "Ratke", "email": "walkin@somedomain.com", "phone": "",
           "mobile": "", "created_at": "2019-10-23T06:49:14.560Z", "updated_at": "2019-10-23T06:49:14.560Z",
           "address": "", "city": "", "state": "", "zip": "", "ticket_subject": null, "ticket_description": null,
           "ticket_problem_type": null, "ticket_id": null, "customer_id": 1, "contact_id": null, "mailbox_id": null,
           "mailbox_name": null, "business_then_name": "Klocko-Stracke", "has_attachments": false,
           "message_read": false, "status": status, "user_id": null, "location_id": null})
}

#[tokio::test]
async fn leads_list_with_filters_and_stream_every_page() {
    let server = MockServer::start_async().await;
    let filtered = server
        .mock_async(|when, then| {
            exact_query(
                authed(when.method(GET).path("/api/v1/leads")),
                "query=Klocko&has_ticket=false&statuses%5B%5D=Opportunity&statuses%5B%5D=Won&users%5B%5D=3",
            );
            then.status(200).json_body(json!({"leads": [lead(1, "Opportunity")],
                "meta": {"total_pages": 1, "total_entries": 1, "per_page": 25, "page": 1}}));
        })
        .await;
    let p1 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/leads")), "page=1");
            then.status(200)
                .json_body(json!({"leads": [lead(1, "New"), lead(2, "Won")],
                "meta": {"total_pages": 2, "total_entries": 3, "per_page": 2, "page": 1}}));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/leads")), "page=2");
            then.status(200)
                .json_body(json!({"leads": [lead(3, "Lost")],
                "meta": {"total_pages": 2, "total_entries": 3, "per_page": 2, "page": 2}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;

    let f = LeadFilter::new()
        .query("Klocko")
        .has_ticket(false)
        .statuses(["Opportunity", "Won"])
        .users([3]);
    let page = c.leads().list(&f).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].status.as_deref(), Some("Opportunity"));
    assert_eq!(page.items[0].display_name(), "Klocko-Stracke");

    let all: Vec<_> = c
        .leads()
        .stream(LeadFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.iter().map(|l| l.id).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(filtered.calls_async().await, 1);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn lead_get_create_and_update_send_the_flat_body() {
    let server = MockServer::start_async().await;
    let get = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/leads/5"));
            then.status(200).json_body(json!({"lead": lead(5, "New")}));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/leads")).json_body(json!({
                "first_name": "Ann", "business_name": "Acme", "status": "Opportunity",
                "customer_id": 1, "opportunity_amount_dollars": 1200.5, "likelihood": 60}));
            then.status(200)
                .json_body(json!({"lead": lead(9, "Opportunity")}));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            authed(when.method(PUT).path("/api/v1/leads/9")).json_body(json!({"status": "Won"}));
            then.status(200).json_body(json!({"lead": lead(9, "Won")}));
        })
        .await;
    let invalid = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/leads")).json_body(json!({}));
            then.status(422).json_body(json!({"success": false,
                "message": ["Ticket description can't be blank"], "params": {"from_check_in": true}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;

    assert_eq!(c.leads().get(5).await.unwrap().customer_id, Some(1));
    let input = LeadInput::new()
        .first_name("Ann")
        .business_name("Acme")
        .status("Opportunity")
        .customer_id(1)
        .opportunity_amount_dollars(1200.5)
        .likelihood(60);
    assert_eq!(c.leads().create(&input).await.unwrap().id, 9);
    let won = c
        .leads()
        .update(9, &LeadInput::new().status("Won"))
        .await
        .unwrap();
    assert_eq!(won.status.as_deref(), Some("Won"));
    let err = c.leads().create(&LeadInput::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(
        err.to_string()
            .contains("Ticket description can't be blank"),
        "{err}"
    );
    assert_eq!(get.calls_async().await, 1);
    assert_eq!(create.calls_async().await, 1);
    assert_eq!(update.calls_async().await, 1);
    assert_eq!(invalid.calls_async().await, 1);
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn a_denied_lead_list_names_the_right() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/leads"));
            then.status(401).json_body(json!({"error": "Not authorized. Please ask account admin to update your group permissions."}));
        })
        .await;
    let c = client(&server).await;
    let err = c.leads().list(&LeadFilter::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(
        format!("{err:?}{err}").contains("Leads - List/Search"),
        "{err:?}"
    );
}
