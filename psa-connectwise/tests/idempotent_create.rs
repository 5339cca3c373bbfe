//! `create_ticket` with an idempotency key: stored in `externalXRef`, looked up after an
//! ambiguous failure before any second send.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::{CompanyId, Connector, ErrorKind, NewTicket};

#[tokio::test]
async fn a_create_that_landed_despite_a_500_is_found_not_resent() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("service/tickets"))
                .json_body_includes(r#"{"externalXRef": "chat-42"}"#);
            then.status(502).body("<html>Bad Gateway</html>");
        })
        .await;
    let mut stored = ticket_json(900, "Email down");
    stored["externalXRef"] = serde_json::json!("chat-42");
    let lookup = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .query_param("conditions", r#"externalXRef = "chat-42""#);
            then.status(200).json_body(serde_json::json!([stored]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client_without_lookup(&server).await;
    let t = client
        .create_ticket(
            &NewTicket::new("Email down")
                .company(CompanyId(250))
                .idempotency_key("chat-42"),
        )
        .await
        .unwrap();
    assert_eq!(t.id.get(), 900);
    assert_eq!(t.external_ref.as_deref(), Some("chat-42"));
    create.assert_calls_async(1).await;
    lookup.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_create_that_did_not_land_is_sent_again_after_the_lookup() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let failing = server
        .mock_async(|when, then| {
            when.method(POST).path(api("service/tickets"));
            then.status(503).json_body(
                serde_json::json!({"code": "ConnectWiseApi", "message": "Service unavailable"}),
            );
        })
        .await;
    let lookup = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .query_param("conditions", r#"externalXRef = "chat-43""#);
            // The delay leaves the test time to swap the POST mock before the resend.
            then.status(200)
                .delay(std::time::Duration::from_millis(300))
                .json_body(serde_json::json!([]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client_without_lookup(&server).await;
    let task = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .create_ticket(
                    &NewTicket::new("Email down")
                        .company(CompanyId(250))
                        .idempotency_key("chat-43"),
                )
                .await
        }
    });
    // Once the lookup has proven absence, let the next POST succeed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while lookup.calls_async().await < 1 {
        assert!(std::time::Instant::now() < deadline, "no lookup happened");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    failing.delete_async().await;
    other.delete_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(POST).path(api("service/tickets"));
            then.status(201).json_body(ticket_json(901, "Email down"));
        })
        .await;
    let other = catch_all(&server).await;
    let t = task.await.unwrap().unwrap();
    assert_eq!(t.id.get(), 901);
    ok.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_used_key_returns_its_ticket_without_sending_and_bad_keys_are_refused() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    // The server compares case-insensitively: only the exact key counts.
    let mut other_case = ticket_json(899, "Email down");
    other_case["externalXRef"] = serde_json::json!("CHAT-44");
    let mut stored = ticket_json(900, "Email down");
    stored["externalXRef"] = serde_json::json!("chat-44");
    let lookup = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/tickets"))
                .query_param("conditions", r#"externalXRef = "chat-44""#);
            then.status(200)
                .json_body(serde_json::json!([other_case, stored]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let new = NewTicket::new("Email down").company(CompanyId(250));
    let t = client
        .create_ticket(&new.clone().idempotency_key("chat-44"))
        .await
        .unwrap();
    assert_eq!(t.id.get(), 900);
    for bad in [" chat-44", "chat\n44", "", &"k".repeat(101)] {
        let e = client
            .create_ticket(&new.clone().idempotency_key(bad))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{bad:?}: {e}");
    }
    lookup.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn without_a_key_a_create_is_sent_once() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(api("service/tickets"));
            then.status(500)
                .json_body(serde_json::json!({"code": "ConnectWiseApi", "message": "boom"}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let e = client
        .create_ticket(&NewTicket::new("x").company(CompanyId(1)))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(e.may_have_landed());
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn invalid_tickets_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    for t in [
        NewTicket::new("  ").company(CompanyId(1)),
        NewTicket::new("no company"),
        NewTicket::new("x".repeat(101)).company(CompanyId(1)),
    ] {
        let e = client.create_ticket(&t).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
    }
    other.assert_calls_async(0).await;
}
