//! Autotask's real error answers become the right error kinds, with the vendor's words kept,
//! and are retried (or not) by what they mean.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::models::Ticket;
use psa_autotask::{Filter, Query};
use psa_core::ErrorKind;
use serde_json::json;

async fn query_error(status: u16, body: &str, content_type: &str) -> psa_core::Error {
    let server = MockServer::start_async().await;
    let body = body.to_string();
    let ct = content_type.to_string();
    let failing = server
        .mock_async(move |when, then| {
            when.method(POST).path(path("Tickets/query"));
            then.status(status).header("content-type", ct).body(body);
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let e = client
        .tickets()
        .query(&Query::with(Filter::eq("id", 1)))
        .await
        .unwrap_err();
    assert!(failing.calls_async().await >= 1);
    catch.assert_calls_async(0).await;
    e
}

#[tokio::test]
async fn permission_500_is_permission_denied_with_entity_and_verb() {
    let e = query_error(
        500,
        r#"{"errors":["The logged in Resource does not have the adequate permissions to query this entity type."]}"#,
        "application/json",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    assert_eq!(e.entity(), Some("Tickets"));
    assert_eq!(e.action(), Some("query"));
    assert_eq!(e.status(), Some(500));
    assert_eq!(e.attempts(), 1, "a permission error is not retried");
    assert!(e.to_string().contains("adequate permissions"));
}

#[tokio::test]
async fn auth_failures_say_which_credential_to_check() {
    let e = query_error(
        500,
        r#"{"errors":["IntegrationCode is invalid."]}"#,
        "application/json",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(e.to_string().contains("ApiIntegrationCode"), "{e}");
    assert_eq!(e.attempts(), 1);

    let e = query_error(401, "", "text/plain").await;
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(e.to_string().contains("Secret"), "{e}");

    let e = query_error(
        500,
        r#"{"errors":["Zone information could not be determined"]}"#,
        "application/json",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(e.to_string().contains("UserName"), "{e}");
}

#[tokio::test]
async fn validation_texts_are_validation_errors_with_fields() {
    let e = query_error(
        500,
        r#"{"errors":["Picklist value [3] does not exist for priority"]}"#,
        "application/json",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.fields(), ["priority"]);
    assert_eq!(e.attempts(), 1);

    let e = query_error(
        500,
        r#"{"errors":[{"message":"MaxRecords must be between 1 and 500"}]}"#,
        "application/json",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.message().contains("MaxRecords"));
}

#[tokio::test]
async fn iis_messages_and_html_pages_keep_their_words() {
    let e = query_error(
        405,
        r#"{"Message":"The requested resource does not support http method 'GET'."}"#,
        "application/json",
    )
    .await;
    assert!(
        e.message().contains("does not support http method 'GET'"),
        "{e}"
    );

    let html = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>The service is temporarily unavailable (IIS 8.5)</h2></body></html>";
    let e = query_error(503, html, "text/html").await;
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(e.message().contains("temporarily unavailable"), "{e}");
    assert_eq!(e.attempts(), 3, "a query is idempotent: 1 try + 2 retries");
}

#[tokio::test]
async fn the_thread_limit_error_is_retried_even_for_creates() {
    let server = MockServer::start_async().await;
    let busy = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets"));
            then.status(500).json_body(json!({"errors": [
                "Itgenatr005: The thread threshold of 3 threads has been exceeded for this API Integration Code on this endpoint."
            ]}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let mut t = Ticket::default();
    t.title = Some("x".into());
    t.company_id = Some(1);
    let e = client.tickets().create(&t).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::RateLimited { .. }), "{e}");
    // Refused before processing, so safe to resend: 1 try + 2 retries.
    busy.assert_calls_async(3).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn an_ambiguous_500_on_a_create_is_not_retried() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets"));
            then.status(500)
                .json_body(json!({"errors": ["An unexpected error has occurred."]}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let mut t = Ticket::default();
    t.title = Some("x".into());
    t.company_id = Some(1);
    let e = client.tickets().create(&t).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(e.may_have_landed());
    failing.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
