//! Codebase discovery: unknown companies, HTML answers, hostile codebases, the refetch after a
//! cloud upgrade, and configuration errors that name the setting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_connectwise::{ConnectWiseClient, discover_codebase};
use psa_core::{ClientOptions, ErrorKind};

#[tokio::test]
async fn an_unknown_company_is_a_discovery_error_naming_it() {
    let server = MockServer::start_async().await;
    let info = server
        .mock_async(|when, then| {
            when.method(GET).path("/login/companyinfo/nosuchco");
            then.status(200)
                .header("content-type", "application/json")
                .body("null");
        })
        .await;
    let other = catch_all(&server).await;
    let err = discover_codebase(&server.base_url(), "nosuchco", &options())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Discovery);
    assert_eq!(
        err.message(),
        format!("company id nosuchco not found on {}", server.base_url())
    );
    info.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn an_html_answer_says_the_api_prefix_is_probably_missing() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/login/companyinfo/{COMPANY}"));
            then.status(200)
                .header("content-type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html><html><head><title>ConnectWise Manage Login</title></head></html>");
        })
        .await;
    let other = catch_all(&server).await;
    let err = ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .options(options())
        .build()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Discovery);
    let text = err.to_string();
    assert!(text.contains("HTML"), "{text}");
    assert!(text.contains("api-"), "{text}");
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_codebase_that_would_leave_the_path_is_refused() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/login/companyinfo/{COMPANY}"));
            then.status(200).json_body(
                serde_json::json!({"Codebase": "https://evil.example/", "IsCloud": true}),
            );
        })
        .await;
    let other = catch_all(&server).await;
    let err = discover_codebase(&server.base_url(), COMPANY, &options())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Discovery);
    assert!(err.message().contains("evil.example"));
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_cloud_upgrade_is_followed_once() {
    let server = MockServer::start_async().await;
    let old_info = companyinfo_with(&server, "v2024_1/").await;
    let old_route = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2024_1/apis/3.0/service/tickets/5");
            then.status(404)
                .json_body(serde_json::json!({"code": "ConnectWiseApi", "message": "The endpoint does not exist."}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    assert!(client.api_base().as_str().ends_with("/v2024_1/apis/3.0/"));
    // The upgrade happens: companyinfo now names v2025_1.
    old_info.delete_async().await;
    other.delete_async().await;
    let new_info = companyinfo_with(&server, "v2025_1/").await;
    let new_route = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2025_1/apis/3.0/service/tickets/5")
                .header("authorization", AUTH);
            then.status(200)
                .json_body(ticket_json(5, "after the upgrade"));
        })
        .await;
    let other = catch_all(&server).await;
    let t = client.tickets().get(5).await.unwrap();
    assert_eq!(t.summary, "after the upgrade");
    assert!(client.api_base().as_str().ends_with("/v2025_1/apis/3.0/"));
    // Later calls go straight to the new codebase.
    client.tickets().get(5).await.unwrap();
    old_route.assert_calls_async(1).await;
    new_info.assert_calls_async(1).await;
    new_route.assert_calls_async(2).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_404_with_the_same_codebase_is_returned_as_is() {
    let server = MockServer::start_async().await;
    let info = companyinfo(&server).await;
    let missing = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/tickets/999"));
            then.status(404).json_body(
                serde_json::json!({"code": "NotFound", "message": "Ticket 999 not found"}),
            );
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    for _ in 0..3 {
        let e = client.tickets().get(999).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.message(), "Ticket 999 not found");
    }
    missing.assert_calls_async(3).await;
    // Build + one re-check; record-level 404s do not re-check again within 30 s.
    info.assert_calls_async(2).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn every_missing_setting_is_named() {
    let full = || {
        // Every case fails validation before any request, so "na" is never contacted.
        ConnectWiseClient::builder()
            .site("na")
            .company_id("acme")
            .public_key("pub")
            .private_key("priv")
            .client_id("cid")
    };
    let cases: Vec<(&str, psa_connectwise::ConnectWiseClientBuilder)> = vec![
        (
            "site",
            ConnectWiseClient::builder()
                .company_id("a")
                .public_key("p")
                .private_key("s")
                .client_id("c"),
        ),
        (
            "company_id",
            ConnectWiseClient::builder()
                .site("na")
                .public_key("p")
                .private_key("s")
                .client_id("c"),
        ),
        (
            "public_key",
            ConnectWiseClient::builder()
                .site("na")
                .company_id("a")
                .private_key("s")
                .client_id("c"),
        ),
        (
            "private_key",
            ConnectWiseClient::builder()
                .site("na")
                .company_id("a")
                .public_key("p")
                .client_id("c"),
        ),
        (
            "client_id",
            ConnectWiseClient::builder()
                .site("na")
                .company_id("a")
                .public_key("p")
                .private_key("s"),
        ),
        ("api_version", full().api_version("3.0")),
        ("site", full().site("http://psa.example.com")),
        ("site", full().site("https://127.0.0.1:1")),
        ("codebase", full().codebase("../../x")),
        ("page_size", full().page_size(5000)),
        ("company_id", full().company_id("acme corp")),
    ];
    for (setting, builder) in cases {
        let e = builder.build().await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{setting}: {e}");
        assert!(e.to_string().contains(setting), "{setting}: {e}");
    }
}

#[tokio::test]
async fn a_configured_codebase_skips_discovery() {
    let server = MockServer::start_async().await;
    let call = server
        .mock_async(|when, then| {
            when.method(GET).path("/v4_6_release/apis/3.0/system/info");
            then.status(200)
                .json_body(serde_json::json!({"version": "v2025.1.1", "isCloud": false}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .codebase("v4_6_release")
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    assert!(client.company_info().is_none());
    client.system().info().await.unwrap();
    call.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn from_env_names_the_missing_variable() {
    // Tests cannot set variables (unsafe in edition 2024 and forbidden here); on a machine with
    // live credentials in the environment the builder must at least read them.
    let vars = [
        "CONNECTWISE_SITE",
        "CONNECTWISE_COMPANY_ID",
        "CONNECTWISE_PUBLIC_KEY",
        "CONNECTWISE_PRIVATE_KEY",
        "CONNECTWISE_CLIENT_ID",
    ];
    match vars.iter().find(|v| std::env::var_os(v).is_none()) {
        Some(missing) => {
            let e = ConnectWiseClient::from_env().await.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Config);
            assert!(e.to_string().contains(missing), "{e}");
        }
        None => assert!(psa_connectwise::ConnectWiseClientBuilder::from_env().is_ok()),
    }
}

#[tokio::test]
async fn companyinfo_errors_are_scrubbed_of_credentials() {
    let server = MockServer::start_async().await;
    for (status, body) in [
        (
            500,
            format!(r#"{{"message":"bad key {PRIVATE} for {CLIENT_ID}"}}"#),
        ),
        (200, format!(r#""{PRIVATE} {CLIENT_ID}""#)),
    ] {
        let info = server
            .mock_async(|when, then| {
                when.method(GET)
                    .path(format!("/login/companyinfo/{COMPANY}"));
                then.status(status)
                    .header("content-type", "application/json")
                    .body(body.clone());
            })
            .await;
        let err = ConnectWiseClient::builder()
            .site(server.base_url())
            .company_id(COMPANY)
            .public_key(PUBLIC)
            .private_key(PRIVATE)
            .client_id(CLIENT_ID)
            .options(options().retry(psa_core::RetryConfig::none()))
            .build()
            .await
            .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains(PRIVATE), "{status}: {text}");
        assert!(!text.contains(CLIENT_ID), "{status}: {text}");
        info.delete_async().await;
    }
}

#[tokio::test]
async fn a_loopback_site_trusts_only_its_own_port() {
    let server = MockServer::start_async().await;
    let client = ConnectWiseClient::builder()
        .base_url(format!("{}/v4_6_release/apis/3.0/", server.base_url()))
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .options(options())
        .build()
        .await
        .unwrap();
    assert_eq!(
        client.api_base().as_str(),
        format!("{}/v4_6_release/apis/3.0/", server.base_url())
    );
    let here = format!("{}/x", server.base_url()).parse().unwrap();
    assert!(client.transport().check_host(&here).is_ok());
    let port = server.address().port();
    let elsewhere = format!("http://127.0.0.1:{}/x", port.wrapping_add(1))
        .parse()
        .unwrap();
    let e = client.transport().check_host(&elsewhere).unwrap_err();
    assert!(e.to_string().contains(&port.to_string()), "{e}");
}
