//! Sentinel: a token set in config and carried by a failing request never appears in the
//! `Debug`/`Display` of the builder, the client or the error, nor in tracing output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::*;
use httpmock::prelude::*;
use psa_core::{Connector, PreflightOptions, TicketId};
use serde_json::json;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_token_never_leaks() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start_async().await;
    // Servers sometimes echo the credential back.
    let echo = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/tickets/1");
            then.status(401)
                .json_body(json!({"error": format!("Invalid token {TOKEN}")}));
        })
        .await;
    let echo_5xx = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/tickets/2");
            then.status(500).body(format!("<html>token={TOKEN}</html>"));
        })
        .await;
    let me = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/me");
            then.status(401).body(format!("bad token {TOKEN}"));
        })
        .await;
    let other = catch_all(&server).await;

    let b = builder(&server);
    let builder_text = format!("{b:?}");
    let c = b.build().await.unwrap();
    let mut texts = vec![builder_text, format!("{c:?}")];
    for id in [1, 2] {
        let err = c.ticket(TicketId(id)).await.unwrap_err();
        texts.push(err.to_string());
        texts.push(format!("{err:?}"));
        let mut src = std::error::Error::source(&err);
        while let Some(s) = src {
            texts.push(s.to_string());
            src = s.source();
        }
    }
    let report = c.preflight(&PreflightOptions::all()).await.unwrap();
    texts.push(report.to_string());
    texts.push(serde_json::to_string(&report).unwrap());
    texts.push(String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned());

    for t in &texts {
        assert!(!t.contains(TOKEN), "the token leaked into: {t}");
    }
    assert!(
        texts.iter().any(|t| t.contains("Invalid token [redacted]")),
        "the echoed token is masked, the message kept"
    );
    echo.assert_calls_async(1).await;
    assert!(echo_5xx.calls_async().await >= 1);
    me.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
