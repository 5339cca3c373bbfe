//! Configuration and authentication: subdomain normalisation and refusals, base domains, the
//! token only in the `Authorization` header, and credentials only for allowed hosts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::{ClientOptions, ErrorKind};
use psa_syncro::{AuthScheme, SyncroClient};
use serde_json::json;

#[tokio::test]
async fn subdomain_forms_are_normalised() {
    for input in [
        "acme",
        "ACME",
        " acme ",
        "acme.syncromsp.com",
        "https://acme.syncromsp.com",
        "https://acme.syncromsp.com/",
        "https://Acme.SyncroMSP.com/api/v1/",
    ] {
        let c = SyncroClient::builder()
            .subdomain(input)
            .api_token("tok")
            .build()
            .await
            .unwrap();
        assert_eq!(
            c.base_url().as_str(),
            "https://acme.syncromsp.com/api/v1/",
            "{input:?}"
        );
        assert_eq!(c.subdomain(), Some("acme"));
    }
    let c = SyncroClient::builder()
        .subdomain("https://shop.repairshopr.com/")
        .api_token("tok")
        .build()
        .await
        .unwrap();
    assert_eq!(
        c.base_url().as_str(),
        "https://shop.repairshopr.com/api/v1/"
    );
}

#[tokio::test]
async fn anything_but_one_label_is_refused_with_the_value_quoted() {
    for bad in [
        "acme.other.com",
        "acme.syncromsp.com.evil.com",
        "acme/tickets",
        "https://acme.syncromsp.com/tickets/1",
        "me@acme",
        "https://user@acme.syncromsp.com",
        "acme:8443",
        "acme.syncromsp.com:443",
        "ac me",
        "àcme",
        "-acme",
        "",
    ] {
        let err = SyncroClient::builder()
            .subdomain(bad)
            .api_token("tok")
            .build()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{bad:?}");
        let text = err.to_string();
        assert!(text.contains("subdomain"), "{bad:?}: {text}");
        if !bad.trim().is_empty() {
            assert!(
                text.contains(&format!("{bad:?}")),
                "the value is quoted: {text}"
            );
        }
    }
}

#[tokio::test]
async fn other_base_domains_need_an_opt_in() {
    let err = SyncroClient::builder()
        .subdomain("acme")
        .base_domain("syncro.example.net")
        .api_token("tok")
        .build()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("allow_custom_base_domain"),
        "{err}"
    );
    let c = SyncroClient::builder()
        .subdomain("acme")
        .base_domain("syncro.example.net")
        .allow_custom_base_domain(true)
        .api_token("tok")
        .build()
        .await
        .unwrap();
    assert_eq!(
        c.base_url().as_str(),
        "https://acme.syncro.example.net/api/v1/"
    );
}

#[tokio::test]
async fn the_token_goes_only_in_the_authorization_header() {
    let server = MockServer::start_async().await;
    let me = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/me"))
                .query_param_missing("api_key")
                .is_true(|req| req.uri().query().is_none());
            then.status(200)
                .json_body(json!({"user_token": "ut-secret-1", "user_name": "Joe", "user_id": 1}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let who = c.me().await.unwrap();
    assert_eq!(who.user_name.as_deref(), Some("Joe"));
    assert!(
        !format!("{who:?}").contains("ut-secret-1"),
        "user_token is dropped"
    );
    me.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn bare_scheme_sends_the_token_alone() {
    let server = MockServer::start_async().await;
    let me = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/v1/me")
                .header("authorization", TOKEN);
            then.status(200).json_body(json!({"user_id": 1}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = builder(&server)
        .auth_scheme(AuthScheme::Bare)
        .build()
        .await
        .unwrap();
    c.me().await.unwrap();
    me.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn loopback_and_foreign_hosts_are_refused_before_any_request() {
    let server = MockServer::start_async().await;
    let other = catch_all(&server).await;
    // Loopback without the opt-in.
    let err = SyncroClient::builder()
        .base_url(server.url("/api/v1/"))
        .api_token(TOKEN)
        .build()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("allow_insecure_loopback"), "{err}");
    // A host outside syncromsp.com / repairshopr.com.
    let err = SyncroClient::builder()
        .base_url("https://syncromsp.com.evil.example/api/v1/")
        .api_token(TOKEN)
        .build()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("syncromsp.com.evil.example"),
        "{err}"
    );
    // Plain http to a vendor host.
    let err = SyncroClient::builder()
        .base_url("http://acme.syncromsp.com/api/v1/")
        .api_token(TOKEN)
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("https"), "{err}");
    // An explicit extra host is allowed.
    assert!(
        SyncroClient::builder()
            .base_url("https://syncro-proxy.example.com/api/v1/")
            .api_token(TOKEN)
            .options(ClientOptions::default().allow_host("syncro-proxy.example.com"))
            .build()
            .await
            .is_ok()
    );
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn malformed_tokens_are_config_errors_that_do_not_quote_the_token() {
    for bad in ["", "two words", "line\nbreak"] {
        let err = SyncroClient::builder()
            .subdomain("acme")
            .api_token(bad)
            .build()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(err.to_string().contains("api_token"), "{err}");
        if !bad.is_empty() {
            assert!(!err.to_string().contains(bad), "{err}");
        }
    }
}
