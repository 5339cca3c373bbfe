//! Customers, contacts, users and settings on the wire.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use httpmock::prelude::*;
use psa_core::{CompanyId, CompanyQuery, Connector, ContactId, ContactQuery, Stage};
use psa_syncro::CustomerFilter;
use serde_json::json;

fn customer(id: i64, business: &str, disabled: bool) -> serde_json::Value {
    json!({"id": id, "firstname": "Pat", "lastname": "Lee", "fullname": "Pat Lee", "business_name": business,
           "business_then_name": business, "email": "pat@example.com", "phone": 5551234, "disabled": disabled,
           "properties": {}, "contacts": [], "created_at": "2019-10-21T08:33:21.053Z"})
}

fn contact(id: i64, customer: i64, email: &str) -> serde_json::Value {
    json!({"id": id, "name": format!("Contact {id}"), "email": email, "customer_id": customer, "properties": {"title": "CFO"},
           "zip": "02293", "opt_out": false, "created_at": "2019-10-22T08:47:09.723Z"})
}

#[tokio::test]
async fn customers_by_name_and_active_flag() {
    let server = MockServer::start_async().await;
    let all = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/customers")), "query=Contoso%20%26%20Co&include_disabled=true&page=1");
            then.status(200).json_body(json!({"customers": [customer(1, "Contoso & Co", false), customer(2, "Contoso & Co old", true)],
                                              "meta": {"total_pages": 1, "total_entries": 2, "per_page": 100, "page": 1}}));
        })
        .await;
    let active = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/customers")), "page=1");
            then.status(200).json_body(json!({"customers": [customer(1, "Contoso & Co", false)], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let native = server
        .mock_async(|when, then| {
            exact_query(
                authed(when.method(GET).path("/api/v1/customers")),
                "business_name=Contoso&email=pat%40example.com&id%5B%5D=1&id%5B%5D=2",
            );
            then.status(200)
                .json_body(json!({"customers": [], "meta": {"total_pages": 0, "page": 1}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let page = c
        .list_companies(&CompanyQuery::new().name("Contoso & Co"), None)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
    assert!(!page.items[1].is_active);
    assert_eq!(page.items[0].phone.as_deref(), Some("5551234"));
    let page = c
        .list_companies(&CompanyQuery::new().active(true), None)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let none = c
        .customers()
        .list(
            &CustomerFilter::new()
                .business_name("Contoso")
                .email("pat@example.com")
                .ids([1, 2]),
        )
        .await
        .unwrap();
    assert!(none.items.is_empty() && !none.has_next());
    all.assert_calls_async(1).await;
    active.assert_calls_async(1).await;
    native.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn customer_detail_is_wrapped_and_contact_detail_is_not() {
    let server = MockServer::start_async().await;
    let cust = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/customers/1"));
            then.status(200)
                .json_body(json!({"customer": customer(1, "Contoso", false)}));
        })
        .await;
    let ct = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/contacts/5"));
            then.status(200).json_body(contact(5, 1, "ada@example.com"));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let company = c.company(CompanyId(1)).await.unwrap();
    assert_eq!(company.name, "Contoso");
    let person = c.contact(ContactId(5)).await.unwrap();
    assert_eq!(person.company, Some(CompanyId(1)));
    assert_eq!(person.email.as_deref(), Some("ada@example.com"));
    assert_eq!(c.contacts().get(5).await.unwrap().title(), Some("CFO"));
    cust.assert_calls_async(1).await;
    ct.assert_calls_async(2).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn contacts_are_matched_by_email_in_the_client() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/contacts")), "customer_id=1&page=1");
            then.status(200).json_body(json!({"contacts": [contact(5, 1, "bob@example.com")], "meta": {"total_pages": 2, "total_entries": 2, "per_page": 1, "page": 1}}));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/contacts")), "customer_id=1&page=2");
            then.status(200).json_body(json!({"contacts": [contact(6, 1, "Ada@Example.com ")], "meta": {"total_pages": 2, "total_entries": 2, "per_page": 1, "page": 2}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let found = c
        .contacts()
        .find_by_email("ada@example.com", Some(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, 6);
    let page = c
        .list_contacts(
            &ContactQuery::new()
                .company(CompanyId(1))
                .email("ADA@example.com"),
            None,
        )
        .await
        .unwrap();
    assert!(page.items.is_empty(), "page 1 has no match");
    assert!(page.next.is_some(), "but the listing goes on");
    let none = c
        .contacts()
        .find_by_email("nobody@example.com", Some(1))
        .await
        .unwrap();
    assert!(none.is_none());
    p1.assert_calls_async(3).await;
    p2.assert_calls_async(2).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn settings_are_cached_and_mapped() {
    let server = MockServer::start_async().await;
    let tickets = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/tickets/settings"));
            then.status(200).json_body(json!({"ticket_status_list": ["New", "In Progress", "Resolved", "Invoiced", "Waiting on Customer"],
                "users": [{"id": 1, "name": "Bat Man"}], "ticket_types": [], "require_ticket_type": null}));
        })
        .await;
    let account = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/settings"));
            then.status(200).json_body(json!({"ticket": {"problem_types": ["Virus", "Other"], "priorities": ["", "0 Urgent", "2 Normal"]},
                "locale": {"time_offset": "-08:00"}, "business_hours": null}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .settings_ttl(Duration::from_secs(600))
        .build()
        .await
        .unwrap();
    let statuses = c.statuses().await.unwrap();
    assert_eq!(statuses.len(), 5);
    let resolved = statuses.iter().find(|s| s.name == "Resolved").unwrap();
    assert!(resolved.is_closed);
    assert_eq!(resolved.stage, Some(Stage::Resolved));
    assert_eq!(
        statuses
            .iter()
            .find(|s| s.name == "Waiting on Customer")
            .unwrap()
            .stage,
        Some(Stage::Waiting)
    );
    assert!(!statuses[0].is_closed);
    let _ = c.statuses().await.unwrap();
    let priorities = c.priorities().await.unwrap();
    assert_eq!(
        priorities
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["0 Urgent", "2 Normal"]
    );
    let _ = c.priorities().await.unwrap();
    assert_eq!(
        c.settings().account().await.unwrap().ticket.problem_types,
        ["Virus", "Other"]
    );
    tickets.assert_calls_async(1).await;
    account.assert_calls_async(1).await;
    c.settings().refresh();
    let _ = c.statuses().await.unwrap();
    tickets.assert_calls_async(2).await;
    assert_eq!(
        c.queues().await.unwrap_err().kind(),
        psa_core::ErrorKind::Unsupported
    );
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn users_are_id_name_pairs() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/users"));
            then.status(200)
                .json_body(json!({"users": [[1, "Joe Doe"], [2, "Ann Tech"]]}));
        })
        .await;
    let one = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/users/2"));
            then.status(200).json_body(json!({"user": {"id": 2, "email": "ann@msp.example", "full_name": "Ann Tech", "group": "Admins", "admin": true, "color": "55b932"}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let users = c.users().list().await.unwrap();
    assert_eq!((users[1].id, users[1].name.as_str()), (2, "Ann Tech"));
    assert_eq!(c.users().get(2).await.unwrap().is_admin(), Some(true));
    list.assert_calls_async(1).await;
    one.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
