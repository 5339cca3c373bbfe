//! A response body larger than `ClientOptions::max_response_bytes` is a typed error, is never
//! buffered whole, and is not retried.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use httpmock::prelude::*;
use psa_core::transport::{Request, Transport};
use psa_core::{ClientOptions, ErrorKind, RetryConfig, Vendor};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use url::Url;

fn transport(cap: usize) -> Transport {
    Transport::builder(
        Vendor::Syncro,
        ClientOptions::default()
            .retry(RetryConfig::default().initial_backoff(Duration::from_millis(5)))
            .allow_insecure_loopback(true)
            .max_response_bytes(cap),
    )
    .build()
    .unwrap()
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_refused_without_retry() {
    let server = MockServer::start_async().await;
    let big = server
        .mock_async(|when, then| {
            when.method(GET).path("/big");
            then.status(200).body("x".repeat(4096));
        })
        .await;
    let err = transport(1024)
        .send(Request::get(Url::parse(&server.url("/big")).unwrap()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.message().contains("larger than 1024 bytes"), "{err}");
    assert!(err.message().contains("max_response_bytes"), "{err}");
    assert!(!err.is_retryable());
    assert_eq!(
        big.calls_async().await,
        1,
        "a too-large body is not retried"
    );

    let ok = transport(4096)
        .send(Request::get(Url::parse(&server.url("/big")).unwrap()))
        .await
        .unwrap();
    assert_eq!(ok.body().len(), 4096, "a body exactly at the cap is read");
}

/// A chunked body with no length that never ends: the client stops after the cap and drops the
/// connection instead of buffering it.
#[tokio::test]
async fn an_endless_chunked_body_is_cut_at_the_cap() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let sent_by_server = sent.clone();
    let server = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).await.unwrap();
        sock.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .await
            .unwrap();
        let chunk = format!("{:x}\r\n{}\r\n", 1000, "y".repeat(1000));
        // Up to 64 MiB: far more than the cap; stops when the client hangs up.
        for _ in 0..65_536 {
            if sock.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            sent_by_server.fetch_add(1000, Ordering::SeqCst);
        }
    });
    let err = transport(64 * 1024)
        .send(Request::get(
            Url::parse(&format!("http://{addr}/stream")).unwrap(),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.message().contains("larger than 65536 bytes"), "{err}");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server saw the connection dropped")
        .unwrap();
    assert!(
        sent.load(Ordering::SeqCst) < 32 * 1024 * 1024,
        "the client stopped reading long before the end"
    );
}
