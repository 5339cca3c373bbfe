//! Wire-level behaviour of the shared transport: retries by method semantics, Retry-After,
//! budgets, host policy and error bodies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use httpmock::prelude::*;
use psa_core::transport::{HostPolicy, Request, Transport};
use psa_core::{ClientOptions, ErrorKind, RetryConfig, Vendor};

fn fast_retry() -> RetryConfig {
    RetryConfig::default()
        .max_retries(4)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
        .total_budget(Duration::from_secs(20))
}

fn transport(retry: RetryConfig) -> Transport {
    Transport::builder(
        Vendor::Syncro,
        ClientOptions::default()
            .retry(retry)
            .allow_insecure_loopback(true),
    )
    .host_policy(HostPolicy::new().suffix("syncromsp.com"))
    .build()
    .unwrap()
}

/// Any request no other mock expects gets a loud 599 so a test can never pass by accident.
/// httpmock tries mocks in the order they were created, so this one must be created last.
async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(599)
                .body("UNEXPECTED REQUEST: no mock was set up for this");
        })
        .await
}

/// Replaces `first` by a mock answering 200 once `first` was hit once, keeping the catch-all
/// last. Returns the new mock and the new catch-all.
async fn swap_after_first_hit<'a>(
    server: &'a MockServer,
    first: httpmock::Mock<'a>,
    catch: httpmock::Mock<'a>,
    method: httpmock::Method,
    path: &str,
) -> (httpmock::Mock<'a>, httpmock::Mock<'a>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while first.calls_async().await < 1 {
        assert!(Instant::now() < deadline, "the first request never arrived");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        catch.calls_async().await,
        0,
        "an unexpected request arrived"
    );
    first.delete_async().await;
    catch.delete_async().await;
    let p = path.to_string();
    let ok = server
        .mock_async(move |when, then| {
            when.method(method).path(p);
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"ok":true}"#);
        })
        .await;
    (ok, catch_all(server).await)
}

#[tokio::test]
async fn get_503_then_200_is_retried_once() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/tickets");
            then.status(503).header("retry-after", "1").body("busy");
        })
        .await;
    let other = catch_all(&server).await;
    let t = transport(fast_retry());
    let url = server.url("/api/v1/tickets").parse().unwrap();
    let send = tokio::spawn(async move { t.send(Request::get(url)).await });
    let (ok, other) = swap_after_first_hit(&server, failing, other, GET, "/api/v1/tickets").await;
    let resp = send.await.unwrap().unwrap();
    assert_eq!(resp.attempts(), 2);
    assert_eq!(ok.calls_async().await, 1);
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn create_503_is_sent_once() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v1/tickets");
            then.status(503).body("busy");
        })
        .await;
    let other = catch_all(&server).await;
    let t = transport(fast_retry());
    let req = Request::post(server.url("/api/v1/tickets").parse().unwrap())
        .json(&serde_json::json!({"subject": "x"}))
        .unwrap();
    let err = t.send(req).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.attempts(), 1);
    assert!(err.may_have_landed());
    assert_eq!(create.calls_async().await, 1);
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn retry_after_on_429_is_honoured() {
    let server = MockServer::start_async().await;
    let limited = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v1/tickets");
            then.status(429)
                .header("retry-after", "1")
                .body("Retry later");
        })
        .await;
    let other = catch_all(&server).await;
    let t = transport(fast_retry());
    let req = Request::post(server.url("/api/v1/tickets").parse().unwrap())
        .json(&serde_json::json!({}))
        .unwrap();
    let started = Instant::now();
    let send = tokio::spawn(async move { t.send(req).await });
    let (ok, other) = swap_after_first_hit(&server, limited, other, POST, "/api/v1/tickets").await;
    let resp = send.await.unwrap().unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "did not wait for Retry-After"
    );
    assert_eq!(
        resp.attempts(),
        2,
        "a 429 is retried even for a create: nothing was done"
    );
    assert_eq!(ok.calls_async().await, 1);
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn refused_connection_on_create_is_retried() {
    // Find a free port, leave it closed for a while, then answer one request by hand.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        let (mut sock, _) = listener.accept().await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut buf = vec![0u8; 4096];
        let n = sock.read(&mut buf).await.unwrap();
        let head = String::from_utf8_lossy(&buf[..n]).to_string();
        sock.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 12\r\nconnection: close\r\n\r\n{\"itemId\":1}")
            .await
            .unwrap();
        head
    });
    let retry = RetryConfig::default()
        .max_retries(30)
        .initial_backoff(Duration::from_millis(20))
        .max_backoff(Duration::from_millis(40))
        .total_budget(Duration::from_secs(20));
    let t = transport(retry);
    let req = Request::post(
        format!("http://127.0.0.1:{port}/api/v1/tickets")
            .parse()
            .unwrap(),
    )
    .json(&serde_json::json!({"subject": "x"}))
    .unwrap();
    let resp = t.send(req).await.unwrap();
    assert!(
        resp.attempts() > 1,
        "the first attempts must have been refused"
    );
    let head = server.await.unwrap();
    assert!(head.starts_with("POST /api/v1/tickets"), "{head}");
}

#[tokio::test]
async fn exhausted_budget_reports_attempts() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method(GET).path("/v");
            then.status(500)
                .body(r#"{"errors":["Object reference not set"]}"#);
        })
        .await;
    let other = catch_all(&server).await;
    let retry = RetryConfig::default()
        .max_retries(50)
        .initial_backoff(Duration::from_millis(40))
        .max_backoff(Duration::from_millis(40))
        .total_budget(Duration::from_millis(300));
    let err = transport(retry)
        .send(Request::get(server.url("/v").parse().unwrap()))
        .await
        .unwrap_err();
    let hits = failing.calls_async().await as u32;
    assert!(
        err.attempts() >= 2 && err.attempts() < 50,
        "attempts {}",
        err.attempts()
    );
    assert_eq!(err.attempts(), hits);
    assert_eq!(err.message(), "Object reference not set");
    assert!(
        err.to_string()
            .contains(&format!("{} attempts", err.attempts()))
    );
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn html_502_keeps_its_first_bytes() {
    let server = MockServer::start_async().await;
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(5000)
    );
    let _m = server
        .mock_async(move |when, then| {
            when.method(GET).path("/v");
            then.status(502)
                .header("content-type", "text/html")
                .body(page);
        })
        .await;
    let err = transport(RetryConfig::none())
        .send(Request::get(server.url("/v").parse().unwrap()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(502));
    assert!(
        err.message()
            .starts_with("<html><head><title>502 Bad Gateway</title>"),
        "{}",
        err.message()
    );
    assert!(err.message().len() < 2200, "the body must be truncated");
}

#[tokio::test]
async fn html_on_success_is_a_decode_error_quoting_the_page() {
    let server = MockServer::start_async().await;
    let _m = server
        .mock_async(|when, then| {
            when.method(GET).path("/v");
            then.status(200)
                .header("content-type", "text/html")
                .body("<html>Sign in to ConnectWise</html>");
        })
        .await;
    let resp = transport(RetryConfig::none())
        .send(Request::get(server.url("/v").parse().unwrap()))
        .await
        .unwrap();
    let err = resp.json::<serde_json::Value>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(
        err.message().contains("Sign in to ConnectWise"),
        "{}",
        err.message()
    );
}

#[tokio::test]
async fn host_policy_refuses_before_sending() {
    let server = MockServer::start_async().await;
    let any = catch_all(&server).await;
    // Loopback without the explicit opt-in.
    let strict = Transport::builder(Vendor::Autotask, ClientOptions::default())
        .host_policy(HostPolicy::new().suffix("autotask.net"))
        .build()
        .unwrap();
    let err = strict
        .send(Request::get(server.url("/x").parse().unwrap()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("127.0.0.1"), "{err}");
    // A foreign host and plain http are refused even with loopback allowed.
    let loose = Transport::builder(
        Vendor::Autotask,
        ClientOptions::default().allow_insecure_loopback(true),
    )
    .host_policy(HostPolicy::new().suffix("autotask.net"))
    .build()
    .unwrap();
    let err = loose
        .send(Request::get(
            "https://evil.example.com/steal".parse().unwrap(),
        ))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("evil.example.com"), "{err}");
    let err = loose
        .send(Request::get(
            "http://webservices5.autotask.net/x".parse().unwrap(),
        ))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("only https"), "{err}");
    assert_eq!(
        any.calls_async().await,
        0,
        "no request may reach a refused host"
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start_async().await;
    let _m = server
        .mock_async(|when, then| {
            when.method(GET).path("/v");
            then.status(302)
                .header("location", "https://evil.example.com/collect");
        })
        .await;
    let err = transport(RetryConfig::none())
        .send(Request::get(server.url("/v").parse().unwrap()))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(302));
}
