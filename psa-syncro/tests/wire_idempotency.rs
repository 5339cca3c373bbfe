//! Creates with an idempotency key: the key is stored on the ticket, found again with
//! `GET /tickets?query=`, verified exactly, and no retry ever sends a second create blindly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;
use httpmock::prelude::*;
use psa_core::{CompanyId, Connector, ErrorKind, NewTicket};
use psa_syncro::IdempotencyMarker;
use serde_json::json;

fn keyed(id: i64, subject: &str, key: &str) -> serde_json::Value {
    let mut t = ticket_json(id, subject);
    t["properties"] = json!({"psa_idempotency_key": key});
    t
}

fn new_ticket(key: &str) -> NewTicket {
    NewTicket::new("Printer offline")
        .company(CompanyId(7))
        .idempotency_key(key)
}

#[tokio::test]
async fn an_existing_key_returns_the_stored_ticket_without_sending() {
    let server = MockServer::start_async().await;
    let lookup = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets")), "query=chat-1&page=1");
            // Fuzzy search hits: only the exact key counts, and the oldest exact match wins.
            then.status(200).json_body(json!({"tickets": [keyed(12, "Printer offline", "chat-10"), keyed(11, "Printer offline", "chat-1"),
                keyed(13, "Printer offline", "chat-1"), ticket_json(10, "chat-1 mentioned in subject")], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let t = c.create_ticket(&new_ticket("chat-1")).await.unwrap();
    assert_eq!(t.id.get(), 11);
    assert_eq!(t.external_ref.as_deref(), Some("chat-1"));
    lookup.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_new_key_is_stored_in_the_property_and_sent_once() {
    let server = MockServer::start_async().await;
    let lookup = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets")), "query=chat-2&page=1");
            then.status(200).json_body(json!({"tickets": [keyed(12, "x", "chat-20")], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets"))
                .json_body(json!({"customer_id": 7, "subject": "Printer offline", "properties": {"psa_idempotency_key": "chat-2"}}));
            then.status(200).json_body(json!({"ticket": keyed(14, "Printer offline", "chat-2")}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let t = c.create_ticket(&new_ticket("chat-2")).await.unwrap();
    assert_eq!(t.id.get(), 14);
    lookup.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn after_an_ambiguous_failure_the_key_is_looked_up_before_any_resend() {
    let server = MockServer::start_async().await;
    // The server stored the ticket, then answered 500.
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets"));
            then.status(500)
                .json_body(json!({"error": "Internal Server Error"}));
        })
        .await;
    let lookup = server
        .mock_async(|when, then| {
            exact_query(authed(when.method(GET).path("/api/v1/tickets")), "query=chat-3&page=1");
            then.status(200).json_body(json!({"tickets": [keyed(15, "Printer offline", "chat-3")], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .idempotency_lookup(false)
        .build()
        .await
        .unwrap();
    let t = c.create_ticket(&new_ticket("chat-3")).await.unwrap();
    assert_eq!(t.id.get(), 15);
    create.assert_calls_async(1).await;
    lookup.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn when_the_lookup_proves_absence_the_create_is_sent_again() {
    let server = MockServer::start_async().await;
    // The first create fails without storing; once the lookup has run, creates succeed.
    let looked_up = Arc::new(AtomicBool::new(false));
    let (before, after, mark) = (looked_up.clone(), looked_up.clone(), looked_up.clone());
    let failing = server
        .mock_async(move |when, then| {
            authed(when.method(POST).path("/api/v1/tickets"))
                .is_true(move |_| !before.load(Ordering::SeqCst));
            then.status(503).body("Service Unavailable");
        })
        .await;
    let ok = server
        .mock_async(move |when, then| {
            authed(when.method(POST).path("/api/v1/tickets"))
                .is_true(move |_| after.load(Ordering::SeqCst));
            then.status(200)
                .json_body(json!({"ticket": keyed(16, "Printer offline", "chat-4")}));
        })
        .await;
    let lookup = server
        .mock_async(move |when, then| {
            exact_query(
                authed(when.method(GET).path("/api/v1/tickets")),
                "query=chat-4&page=1",
            )
            .is_true(move |req| {
                if req.method_str() == "GET" && req.uri().path() == "/api/v1/tickets" {
                    mark.store(true, Ordering::SeqCst);
                }
                true
            });
            then.status(200)
                .json_body(json!({"tickets": [], "meta": {"total_pages": 0, "page": 1}}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .idempotency_lookup(false)
        .build()
        .await
        .unwrap();
    let t = c.create_ticket(&new_ticket("chat-4")).await.unwrap();
    assert_eq!(t.id.get(), 16);
    failing.assert_calls_async(1).await;
    lookup.assert_calls_async(1).await;
    ok.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_failed_lookup_never_resends() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v1/tickets");
            then.status(500).body("oops");
        })
        .await;
    let lookup = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/tickets");
            then.status(401).json_body(json!({"error": "Not authorized. Please ask account admin to update your group permissions."}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .idempotency_lookup(false)
        .build()
        .await
        .unwrap();
    let err = c.create_ticket(&new_ticket("chat-5")).await.unwrap_err();
    assert!(err.message().contains("not sent again"), "{err}");
    create.assert_calls_async(1).await;
    lookup.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn the_subject_marker_is_sent_and_stripped_from_titles() {
    let server = MockServer::start_async().await;
    let lookup = server
        .mock_async(|when, then| {
            exact_query(
                authed(when.method(GET).path("/api/v1/tickets")),
                "query=chat-6&page=1",
            );
            then.status(200)
                .json_body(json!({"tickets": [], "meta": {"total_pages": 1, "page": 1}}));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets"))
                .json_body(json!({"customer_id": 7, "subject": "Printer offline [psa:chat-6]"}));
            then.status(200)
                .json_body(json!({"ticket": ticket_json(17, "Printer offline [psa:chat-6]")}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .idempotency_marker(IdempotencyMarker::Subject)
        .build()
        .await
        .unwrap();
    let t = c.create_ticket(&new_ticket("chat-6")).await.unwrap();
    assert_eq!(t.title, "Printer offline");
    assert_eq!(t.external_ref.as_deref(), Some("chat-6"));
    lookup.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn bad_keys_and_missing_customers_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let err = c.create_ticket(&new_ticket("has space")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.fields(), ["idempotency_key"]);
    let err = c.create_ticket(&NewTicket::new("x")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.fields(), ["company"]);
    let err = c
        .create_ticket(&NewTicket::new("  ").company(CompanyId(7)))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_token_that_cannot_search_still_creates() {
    let server = MockServer::start_async().await;
    let lookup = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/tickets");
            then.status(401).json_body(json!({"error": "Not authorized. Please ask account admin to update your group permissions."}));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets"));
            then.status(200)
                .json_body(json!({"ticket": keyed(18, "Printer offline", "chat-8")}));
        })
        .await;
    let other = catch_all(&server).await;
    let t = client(&server)
        .await
        .create_ticket(&new_ticket("chat-8"))
        .await
        .unwrap();
    assert_eq!(t.id.get(), 18);
    lookup.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
