//! Syncro's error bodies and statuses become one clear error of the right kind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use httpmock::prelude::*;
use psa_core::{Connector, ContactQuery, ErrorKind};
use psa_syncro::models::{CommentInput, TicketInput};
use serde_json::json;

const PERMISSION: &str =
    "Not authorized. Please ask account admin to update your group permissions.";

#[tokio::test]
async fn permission_401_names_the_right_and_the_screen() {
    let server = MockServer::start_async().await;
    let contacts = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/contacts"));
            then.status(401).json_body(json!({"error": PERMISSION}));
        })
        .await;
    let comment = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/5/comment"));
            then.status(401).json_body(json!({"error": PERMISSION}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let err = c
        .list_contacts(&ContactQuery::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert_eq!(err.attempts(), 1, "a refusal is not retried");
    let text = err.to_string();
    assert!(text.contains(PERMISSION), "{text}");
    assert!(text.contains("Customers - View Detail"), "{text}");
    assert!(text.contains("Profile/Password > API Tokens"), "{text}");
    let err = c
        .comments(5)
        .add(&CommentInput::new("s", "b"))
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("'Tickets - Edit'") && text.contains("Ticket Comments - New"),
        "{text}"
    );
    contacts.assert_calls_async(1).await;
    comment.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn any_other_401_is_unauthenticated() {
    let server = MockServer::start_async().await;
    let me = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/me");
            then.status(401).body("HTTP Token: Access denied.\n");
        })
        .await;
    let other = catch_all(&server).await;
    let err = client(&server).await.me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated);
    assert!(err.to_string().contains("Access denied"), "{err}");
    assert!(err.to_string().contains("API token"), "{err}");
    me.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn every_documented_body_shape_keeps_the_servers_words() {
    let cases: Vec<(u16, serde_json::Value, ErrorKind, &str)> = vec![
        (
            422,
            json!({"error": "Customer required field"}),
            ErrorKind::Validation,
            "Customer required field",
        ),
        (
            422,
            json!({"success": false, "message": ["Subject can't be blank"]}),
            ErrorKind::Validation,
            "Subject can't be blank",
        ),
        (
            422,
            json!({"success": false, "error": "a,b", "message": "a,b", "params": {}}),
            ErrorKind::Validation,
            "a,b",
        ),
        (
            422,
            json!({"record": {"id": null, "email": "xxx"}, "errors": "Email is not an email"}),
            ErrorKind::Validation,
            "Email is not an email",
        ),
        (
            422,
            json!({"errors": ["Timer already stopped"]}),
            ErrorKind::Validation,
            "Timer already stopped",
        ),
        (
            422,
            json!({"errors": {"mute_for": ["is not included in the list"]}}),
            ErrorKind::Validation,
            "mute_for is not included in the list",
        ),
        (
            422,
            json!({"start_at": ["can't be blank"]}),
            ErrorKind::Validation,
            "start_at can't be blank",
        ),
        (
            400,
            json!({"message": ["Sku is taken"]}),
            ErrorKind::Validation,
            "Sku is taken",
        ),
        (
            404,
            json!({"message": "Not found"}),
            ErrorKind::NotFound,
            "Not found",
        ),
    ];
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (i, (status, body, _, _)) in cases.iter().enumerate() {
        let (status, body) = (*status, body.clone());
        mocks.push(
            server
                .mock_async(move |when, then| {
                    when.method(PUT).path(format!("/api/v1/tickets/{i}"));
                    then.status(status).json_body(body);
                })
                .await,
        );
    }
    let other = catch_all(&server).await;
    let c = client(&server).await;
    for (i, (_, _, kind, words)) in cases.iter().enumerate() {
        let err = c
            .tickets()
            .update(i as i64, &TicketInput::new().subject("x"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), *kind, "case {i}: {err}");
        assert_eq!(err.message(), *words, "case {i}");
        assert_eq!(err.attempts(), 1);
    }
    let err = c
        .tickets()
        .update(6, &TicketInput::new().subject("x"))
        .await
        .unwrap_err();
    assert_eq!(err.fields(), ["start_at"]);
    for (i, m) in mocks.iter().enumerate() {
        m.assert_calls_async(if i == 6 { 2 } else { 1 }).await;
    }
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_login_page_with_200_is_a_decode_error_quoting_it() {
    let server = MockServer::start_async().await;
    let page = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/customers/3");
            then.status(200)
                .header("content-type", "text/html")
                .body("<html><title>Sign in to Syncro</title></html>");
        })
        .await;
    let me = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/me");
            then.status(200)
                .body(r#"{"user_token":"ut-secret-2","user_name": tru"#);
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let err = c.customers().get(3).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.to_string().contains("Sign in to Syncro"), "{err}");
    let err = c.me().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(
        !format!("{err} {err:?}").contains("ut-secret-2"),
        "a broken /me body is never quoted"
    );
    page.assert_calls_async(1).await;
    me.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_retried() {
    let server = MockServer::start_async().await;
    let limited = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/users");
            then.status(429)
                .header("retry-after", "1")
                .header("content-type", "text/plain")
                .body("Retry later\n");
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let started = Instant::now();
    let task = tokio::spawn(async move { c.users().list().await });
    wait_for_calls(&limited, 1).await;
    limited.delete_async().await;
    other.delete_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/users");
            then.status(200)
                .json_body(json!({"users": [[1, "Joe Doe"], [4294967300_i64, "Ann"]]}));
        })
        .await;
    let other = catch_all(&server).await;
    let users = task.await.unwrap().unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    assert_eq!(users[1].id, 4_294_967_300);
    ok.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_429_without_retry_after_waits_the_configured_pause() {
    let server = MockServer::start_async().await;
    let limited = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v1/tickets");
            then.status(429).body("Retry later\n");
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .rate_limit_wait(Duration::from_millis(400))
        .build()
        .await
        .unwrap();
    let started = Instant::now();
    // Even a create is retried after a 429: the server refused it without storing anything.
    let task = tokio::spawn(async move {
        c.tickets()
            .create(&TicketInput::new().customer_id(1).subject("x"))
            .await
    });
    wait_for_calls(&limited, 1).await;
    limited.delete_async().await;
    other.delete_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v1/tickets");
            then.status(200)
                .json_body(json!({"ticket": ticket_json(9, "x")}));
        })
        .await;
    let other = catch_all(&server).await;
    let t = task.await.unwrap().unwrap();
    assert_eq!(t.id, 9);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "waited {:?}",
        started.elapsed()
    );
    ok.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_429_that_never_ends_surfaces_as_rate_limited() {
    let server = MockServer::start_async().await;
    let limited = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/tickets/settings");
            then.status(429).body("Retry later\n");
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .rate_limit_wait(Duration::from_millis(10))
        .build()
        .await
        .unwrap();
    let err = c.statuses().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::RateLimited { .. }), "{err}");
    assert_eq!(err.message(), "Retry later");
    assert_eq!(err.attempts(), 4, "first try plus max_retries = 3");
    limited.assert_calls_async(4).await;
    other.assert_calls_async(0).await;
}
