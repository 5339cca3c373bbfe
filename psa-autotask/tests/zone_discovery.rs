//! Zone discovery: unauthenticated, host-checked, cached, and re-done once after a 401.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::{AutotaskClient, Query, discover_zone_at};
use psa_core::ErrorKind;
use serde_json::json;

fn discovery_url(server: &MockServer) -> String {
    server.url("/discovery/ATServicesRest/")
}

async fn build(server: &MockServer) -> psa_core::Result<AutotaskClient> {
    AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .discovery_url(discovery_url(server))
        .options(options())
        .build()
        .await
}

async fn zone_mock<'a>(server: &'a MockServer, url: &str) -> httpmock::Mock<'a> {
    let url = url.to_string();
    server
        .mock_async(move |when, then| {
            when.method(GET)
                .path("/discovery/ATServicesRest/V1.0/zoneInformation")
                .query_param("user", USERNAME)
                .header_missing("Secret")
                .header_missing("ApiIntegrationCode")
                .header_missing("UserName");
            then.status(200).json_body(json!({
                "zoneName": "AE02", "url": url, "webUrl": "https://ww14.autotask.net/", "ci": 123456
            }));
        })
        .await
}

#[tokio::test]
async fn discovery_sends_no_credentials_and_the_client_uses_the_zone() {
    let server = MockServer::start_async().await;
    let zone = zone_mock(&server, &server.url("/zone14/ATServicesRest/")).await;
    let count = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/zone14/ATServicesRest/V1.0/Tickets/query/count")
                .header("Secret", SECRET);
            then.status(200).json_body(json!({"queryCount": 4}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = build(&server).await.unwrap();
    let info = client.zone();
    assert_eq!(info.zone_name, "AE02");
    assert_eq!(info.database_id, Some(123_456));
    assert_eq!(info.web_url.as_deref(), Some("https://ww14.autotask.net/"));
    assert_eq!(client.tickets().count(&Query::new()).await.unwrap(), 4);
    assert_eq!(client.tickets().count(&Query::new()).await.unwrap(), 4);
    zone.assert_calls_async(1).await; // cached for the client's life
    count.assert_calls_async(2).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_zone_outside_autotask_net_is_refused_and_named() {
    for bad in [
        "https://webservices14.autotask.net.evil.example/ATServicesRest/",
        "http://webservices14.autotask.net/ATServicesRest/",
        "https://evil.example/ATServicesRest/",
    ] {
        let server = MockServer::start_async().await;
        let zone = zone_mock(&server, bad).await;
        let catch = catch_all(&server).await;
        let e = build(&server).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Discovery, "{bad}: {e}");
        let host = url::Url::parse(bad)
            .unwrap()
            .host_str()
            .unwrap()
            .to_string();
        assert!(e.to_string().contains(&host), "{e}");
        assert!(e.to_string().contains("no credentials were sent"), "{e}");
        zone.assert_calls_async(1).await;
        catch.assert_calls_async(0).await;
    }
}

#[tokio::test]
async fn an_unknown_user_is_a_discovery_error_saying_so() {
    let server = MockServer::start_async().await;
    let zone = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/discovery/ATServicesRest/V1.0/zoneInformation");
            then.status(500)
                .json_body(json!({"errors": ["Zone information could not be determined"]}));
        })
        .await;
    let catch = catch_all(&server).await;
    let e = discover_zone_at(&discovery_url(&server), "nobody@example.com", &options())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Discovery);
    assert!(
        e.to_string().contains("not found in any Autotask zone"),
        "{e}"
    );
    assert!(e.to_string().contains("nobody@example.com"), "{e}");
    zone.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_401_after_a_zone_move_rediscovers_once_and_retries() {
    let server = MockServer::start_async().await;
    let old_zone = zone_mock(&server, &server.url("/old/ATServicesRest/")).await;
    let old = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/old/ATServicesRest/V1.0/Tickets/query/count");
            then.status(401);
        })
        .await;
    let new = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/new/ATServicesRest/V1.0/Tickets/query/count")
                .header("Secret", SECRET);
            then.status(200).json_body(json!({"queryCount": 9}));
        })
        .await;
    let client = build(&server).await.unwrap();
    old_zone.assert_calls_async(1).await;
    // The database moves: discovery now names another zone.
    old_zone.delete_async().await;
    let new_zone = zone_mock(&server, &server.url("/new/ATServicesRest/")).await;
    let catch = catch_all(&server).await;

    assert_eq!(client.tickets().count(&Query::new()).await.unwrap(), 9);
    assert!(client.api_base().as_str().contains("/new/"));
    old.assert_calls_async(1).await;
    new_zone.assert_calls_async(1).await;
    new.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_401_without_a_zone_move_is_returned_after_one_check() {
    let server = MockServer::start_async().await;
    let zone = zone_mock(&server, &server.url("/z/ATServicesRest/")).await;
    let denied = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/z/ATServicesRest/V1.0/Tickets/query/count");
            then.status(401);
        })
        .await;
    let catch = catch_all(&server).await;
    let client = build(&server).await.unwrap();
    let e = client.tickets().count(&Query::new()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(e.to_string().contains("Secret"), "{e}");
    zone.assert_calls_async(2).await; // build + one re-discovery
    denied.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_configured_zone_outside_autotask_is_a_config_error() {
    let e = AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url("https://api.evil.example/ATServicesRest/")
        .build()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("base_url"), "{e}");
    assert!(e.to_string().contains("api.evil.example"), "{e}");

    let e = AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url("http://127.0.0.1:9/ATServicesRest/")
        .build()
        .await
        .unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::Config,
        "loopback needs the explicit option: {e}"
    );
}

#[tokio::test]
async fn a_discovered_zone_on_another_loopback_port_is_refused() {
    let server = MockServer::start_async().await;
    let other = MockServer::start_async().await;
    zone_mock(&server, &other.url("/zone14/ATServicesRest/")).await;
    let catch = catch_all(&other).await;
    let e = build(&server).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Discovery, "{e}");
    assert!(e.to_string().contains("127.0.0.1"), "{e}");
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_discovery_error_carries_no_secret() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/discovery/ATServicesRest/V1.0/zoneInformation");
            then.status(500)
                .json_body(json!({"errors": [format!("bad secret {SECRET} and code {CODE}")]}));
        })
        .await;
    let e = build(&server).await.unwrap_err();
    assert!(!e.to_string().contains(SECRET), "{e}");
    assert!(!format!("{e:?}").contains(SECRET), "{e:?}");
}
