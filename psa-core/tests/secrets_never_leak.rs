//! A secret carried by a failing request never appears in Debug/Display of the options, the
//! transport, the request or the error, nor in tracing output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use httpmock::prelude::*;
use psa_core::transport::{HostPolicy, Redactor, Request, Transport};
use psa_core::{ClientOptions, RetryConfig, Vendor};
use secrecy::SecretString;

const SENTINEL: &str = "S3NTINEL-secret-value-9f2c";

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

#[tokio::test(flavor = "current_thread")]
async fn sentinel_secret_never_leaks() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start_async().await;
    // The server echoes the secret back in its error body, as some do.
    let _m = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/v1/me");
            then.status(401)
                .body(format!(r#"{{"error":"Invalid token {SENTINEL}"}}"#));
        })
        .await;

    let secret = SecretString::from(SENTINEL.to_string());
    let options = ClientOptions::default()
        .retry(RetryConfig::none())
        .allow_insecure_loopback(true);
    let transport = Transport::builder(Vendor::Syncro, options.clone())
        .host_policy(HostPolicy::new().suffix("syncromsp.com"))
        .redactor(Redactor::new().secret(&secret))
        .build()
        .unwrap();
    let url = format!("{}?api_key={SENTINEL}&page=1", server.url("/api/v1/me"));
    let req = Request::get(url.parse().unwrap())
        .sensitive_header("Authorization", &format!("Bearer {SENTINEL}"))
        .unwrap();
    let req_debug = format!("{req:?}");
    let err = transport.send(req).await.unwrap_err();

    let texts = [
        format!("{options:?}"),
        format!("{transport:?}"),
        req_debug,
        format!("{err:?}"),
        err.to_string(),
        err.url().unwrap_or_default().to_string(),
        String::from_utf8(captured.0.lock().unwrap().clone()).unwrap(),
    ];
    for (i, t) in texts.iter().enumerate() {
        assert!(!t.contains(SENTINEL), "text {i} leaks the secret: {t}");
    }
    assert!(
        err.message().contains("Invalid token [redacted]"),
        "{}",
        err.message()
    );
    assert!(
        !texts[6].is_empty(),
        "tracing captured nothing, so the check proves nothing"
    );
}

#[test]
fn a_webhook_spec_never_shows_its_signing_key_or_url_credentials() {
    let url = format!("https://user:{SENTINEL}@hooks.example.com/psa?x=1");
    let spec = psa_core::WebhookSpec::new(url.parse().unwrap())
        .entity(psa_core::changes::EntityKind::Ticket)
        .secret(SENTINEL);
    let shown = format!("{spec:?}");
    assert!(!shown.contains(SENTINEL), "{shown}");
    assert!(shown.contains("hooks.example.com"), "{shown}");
    let refused = spec.validate().unwrap_err();
    assert!(!refused.to_string().contains(SENTINEL), "{refused}");
    assert!(!format!("{refused:?}").contains(SENTINEL));
}
