//! Every ConnectWise error shape from the facts file, mapped to the right kind with the
//! server's own words, and retried only where that is safe.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use httpmock::prelude::*;
use psa_connectwise::models::{NewServiceTicket, Reference};
use psa_core::ErrorKind;

async fn one_error(status: u16, body: &str) -> (psa_core::Error, usize) {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let body = body.to_string();
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path(api("company/contacts/57919"));
            then.status(status)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let err = client.contacts().get(57919).await.unwrap_err();
    other.assert_calls_async(0).await;
    (err, m.calls_async().await)
}

#[tokio::test]
async fn not_found_keeps_the_servers_message() {
    let (e, calls) = one_error(
        404,
        r#"{"code":"NotFound","message":"Contact 57919 not found"}"#,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.message(), "Contact 57919 not found");
    assert_eq!(e.status(), Some(404));
    assert_eq!(calls, 1, "a 404 is not retried");
    assert!(e.to_string().contains("GET http://127.0.0.1"), "{e}");
}

#[tokio::test]
async fn missing_required_field_is_validation_naming_the_field() {
    let (e, calls) = one_error(
        400,
        r#"{"code":"InvalidObject","message":"contact object is invalid","errors":[{"code":"MissingRequiredField","message":"The firstName field is required.","resource":"contact","field":"firstName"}]}"#,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.fields(), ["firstName"]);
    assert_eq!(e.entity(), Some("contact"));
    assert!(e.message().contains("contact object is invalid"));
    assert!(e.message().contains("The firstName field is required."));
    assert_eq!(calls, 1);
}

#[tokio::test]
async fn unauthorized_and_forbidden() {
    let (e, calls) = one_error(
        401,
        r#"{"code":"Unauthorized","message":"The supplied authentication is incorrect"}"#,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert_eq!(calls, 1);
    let (e, calls) = one_error(
        403,
        r#"{"code":"Unauthorized","message":"Improper security role settings for the supplied authentication.","errors":null}"#,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    assert!(e.message().contains("Improper security role settings"));
    assert!(e.to_string().contains("System > Security Roles"), "{e}");
    assert_eq!(calls, 1);
    let (e, _) = one_error(
        400,
        r#"{"code":"ConnectWiseApi","message":"UserNotAuthenticated"}"#,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
}

#[tokio::test]
async fn ssl_required_and_html_pages() {
    let (e, _) = one_error(
        400,
        r#"{"code":"Security","message":"SSL is required.","errors":null}"#,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.message().contains("SSL is required."));
    let (e, calls) = one_error(
        500,
        "<!DOCTYPE html><html><body><h1>Server Error in '/' Application.</h1></body></html>",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(
        e.message().contains("Server Error in '/' Application."),
        "{e}"
    );
    assert!(e.to_string().contains("api-"), "{e}");
    assert_eq!(calls, 4, "a GET answered 500 is retried (1 + 3 retries)");
}

#[tokio::test]
async fn a_200_html_page_is_an_error_that_names_the_api_host() {
    let (e, _) = one_error(
        200,
        "<html><head><title>ConnectWise Manage</title></head></html>",
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.message().contains("ConnectWise Manage"), "{e}");
    assert!(e.hint().unwrap().contains("api-"));
}

#[tokio::test]
async fn rate_limit_429_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let limited = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/priorities"))
                .header_missing("x-second-try");
            then.status(429)
                .header("retry-after", "1")
                .json_body(serde_json::json!({"error": "ConnectWiseAPI", "message": "Too many requests. Please try again in 1 seconds."}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let started = Instant::now();
    let task = tokio::spawn({
        let client = client.clone();
        async move { client.priorities().all().await }
    });
    // After the first 429 arrives, replace it by a success.
    let deadline = Instant::now() + Duration::from_secs(10);
    while limited.calls_async().await < 1 {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    limited.delete_async().await;
    other.delete_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/priorities"));
            then.status(200)
                .json_body(serde_json::json!([{"id": 1, "name": "P1", "sortOrder": 1}]));
        })
        .await;
    let other = catch_all(&server).await;
    let got = task.await.unwrap().unwrap();
    assert_eq!(got.len(), 1);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured"
    );
    ok.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn rate_limit_body_is_kept_when_retries_run_out() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let limited = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/priorities"));
            then.status(429)
                .header("retry-after", "0")
                .json_body(serde_json::json!({"error": "ConnectWiseAPI", "message": "Too many requests. Please try again in 30 seconds."}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let e = client.priorities().all().await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::RateLimited { .. }));
    assert!(e.message().contains("Too many requests"));
    assert_eq!(e.attempts(), 4);
    limited.assert_calls_async(4).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_create_answered_500_is_sent_once() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(api("service/tickets"));
            then.status(500).json_body(
                serde_json::json!({"code": "ConnectWiseApi", "message": "An error has occurred."}),
            );
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let e = client
        .tickets()
        .create(&NewServiceTicket::new("x", Reference::id(1)))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(e.may_have_landed());
    assert_eq!(e.message(), "An error has occurred.");
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn duplicate_callback_is_a_conflict() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(api("system/callbacks"));
            then.status(400).json_body(serde_json::json!({
                "code": "InvalidObject", "message": "callbackEntry object is invalid",
                "errors": [{"code": "ObjectExists", "message": "A matching callback entry already exists", "resource": "callbackEntry", "field": "objectId"}]
            }));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
    let e = client
        .callbacks()
        .create(&NewCallback::new(
            "https://hooks.example.com/cw?recordId=",
            CallbackType::Ticket,
            CallbackLevel::Owner,
        ))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert!(
        e.message()
            .contains("A matching callback entry already exists")
    );
    assert_eq!(e.fields(), ["objectId"]);
    create.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
