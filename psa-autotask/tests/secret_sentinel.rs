//! A secret set in config and carried by a failing request never shows in `{:?}` or
//! `to_string()` of the builder, the client or the error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::{AutotaskClient, NewTicketWebhook, Query};
use serde_json::json;

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "{what} shows the secret: {text}");
    assert!(
        !text.contains(CODE),
        "{what} shows the integration code: {text}"
    );
}

#[tokio::test]
async fn no_secret_in_builder_client_or_errors() {
    let server = MockServer::start_async().await;
    // A server that echoes the credentials it received in its error text.
    let echo = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query"));
            then.status(500).json_body(json!({"errors": [
                format!("IntegrationCode is invalid. Received code {CODE} with secret {SECRET}")
            ]}));
        })
        .await;
    let catch = catch_all(&server).await;

    let builder = AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options());
    assert_clean("builder Debug", &format!("{builder:?}"));
    let client = builder.build().await.unwrap();
    assert_clean("client Debug", &format!("{client:?}"));
    assert_clean(
        "impersonating client Debug",
        &format!("{:?}", client.impersonating(5)),
    );

    let e = client.tickets().query(&Query::new()).await.unwrap_err();
    assert_clean("error Display", &e.to_string());
    assert_clean("error Debug", &format!("{e:?}"));
    assert_clean("error message", e.message());
    assert!(e.message().contains("[redacted]"), "{e}");
    echo.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;

    let hook = NewTicketWebhook::new(
        "n",
        "https://h.example.com/a",
        "https://h.example.com/b",
        SECRET,
    );
    assert_clean("webhook Debug", &format!("{hook:?}"));
}

#[tokio::test]
async fn config_errors_name_the_setting_without_the_secret() {
    let e = AutotaskClient::builder()
        .username(USERNAME)
        .secret(format!("{SECRET}\n"))
        .integration_code(CODE)
        .base_url("https://webservices14.autotask.net/ATServicesRest/")
        .build()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("secret"), "{e}");
    assert_clean("config error", &e.to_string());
    for blank in ["", "   ", "\t"] {
        let e = AutotaskClient::builder()
            .username(USERNAME)
            .secret(blank)
            .integration_code(CODE)
            .base_url("https://webservices14.autotask.net/ATServicesRest/")
            .build()
            .await
            .unwrap_err();
        assert_eq!(e.kind(), psa_core::ErrorKind::Config, "{blank:?}: {e}");
        assert!(e.to_string().contains("secret"), "{blank:?}: {e}");
        let e = AutotaskClient::builder()
            .username(USERNAME)
            .secret(SECRET)
            .integration_code(blank)
            .base_url("https://webservices14.autotask.net/ATServicesRest/")
            .build()
            .await
            .unwrap_err();
        assert!(e.to_string().contains("integration_code"), "{blank:?}: {e}");
    }
    for (b, setting) in [
        (
            AutotaskClient::builder()
                .secret(SECRET)
                .integration_code(CODE),
            "username",
        ),
        (
            AutotaskClient::builder()
                .username(USERNAME)
                .integration_code(CODE),
            "secret",
        ),
        (
            AutotaskClient::builder().username(USERNAME).secret(SECRET),
            "integration_code",
        ),
        (
            AutotaskClient::builder()
                .username(USERNAME)
                .secret(SECRET)
                .integration_code(CODE)
                .max_concurrency(4),
            "max_concurrency",
        ),
        (
            AutotaskClient::builder()
                .username(USERNAME)
                .secret(SECRET)
                .integration_code(CODE)
                .impersonate(0),
            "impersonate",
        ),
        (
            AutotaskClient::builder()
                .username(USERNAME)
                .secret(SECRET)
                .integration_code(CODE)
                .base_url("webservices14.autotask.net"),
            "base_url",
        ),
    ] {
        let e = b.build().await.unwrap_err();
        assert_eq!(e.kind(), psa_core::ErrorKind::Config, "{setting}: {e}");
        assert!(e.to_string().contains(setting), "{setting}: {e}");
        assert_clean(setting, &e.to_string());
    }
}
