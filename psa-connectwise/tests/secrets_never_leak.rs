//! Sentinel: the private key and clientId set in config, carried by a failing request (and even
//! echoed back by the server), never appear in `{:?}`/`to_string()` of the builder, the client,
//! the credentials or the error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::Engine;
use common::*;
use httpmock::prelude::*;
use psa_connectwise::{ConnectWiseClient, Credentials};

fn assert_clean(what: &str, text: &str) {
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{COMPANY}+{PUBLIC}:{PRIVATE}").as_bytes());
    for secret in [PRIVATE, CLIENT_ID, "SENTINEL", basic.as_str()] {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_display_and_errors() {
    let server = MockServer::start_async().await;
    companyinfo(&server).await;
    // A server that echoes the credentials back in its error body.
    let echo = format!(
        r#"{{"code":"Unauthorized","message":"bad key {PRIVATE} for client {CLIENT_ID} (Basic {})"}}"#,
        base64::engine::general_purpose::STANDARD
            .encode(format!("{COMPANY}+{PUBLIC}:{PRIVATE}").as_bytes())
    );
    server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/info"));
            then.status(401).body(echo);
        })
        .await;
    let other = catch_all(&server).await;

    let builder = ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .options(options());
    assert_clean("builder", &format!("{builder:?}"));
    let client = builder.build().await.unwrap();
    assert_clean("client", &format!("{client:?}"));
    let creds = Credentials::new(COMPANY, PUBLIC, PRIVATE, CLIENT_ID).unwrap();
    assert_clean("credentials", &format!("{creds:?}"));

    let err = client.system().info().await.unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Unauthenticated);
    assert!(
        err.message().contains("bad key"),
        "the server's words stay: {err}"
    );
    assert_clean("error Display", &err.to_string());
    assert_clean("error Debug", &format!("{err:?}"));
    assert_clean("error message", err.message());
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn config_errors_do_not_echo_secrets() {
    let err = ConnectWiseClient::builder()
        .site("na")
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(format!("{PRIVATE}\n"))
        .client_id(format!("{CLIENT_ID} with spaces"))
        .build()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Config);
    assert_clean("config error", &err.to_string());
    assert_clean("config error debug", &format!("{err:?}"));
}
