//! Shared pieces of the httpmock wire tests.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use httpmock::prelude::*;
use psa_connectwise::ConnectWiseClient;
use psa_core::{ClientOptions, RetryConfig};

pub const COMPANY: &str = "acme";
pub const PUBLIC: &str = "pubkey123";
pub const PRIVATE: &str = "priv-SENTINEL-7c1e5a";
pub const CLIENT_ID: &str = "c1d2e3f4-0000-4abc-9def-SENTINELCID";
/// python3 -c 'import base64;print(base64.b64encode(b"acme+pubkey123:priv-SENTINEL-7c1e5a").decode())'
pub const AUTH: &str = "Basic YWNtZStwdWJrZXkxMjM6cHJpdi1TRU5USU5FTC03YzFlNWE=";
pub const ACCEPT: &str = "application/vnd.connectwise.com+json; version=2025.1";
pub const CODEBASE: &str = "v2025_1/";

/// The API path prefix for the default codebase.
pub fn api(rel: &str) -> String {
    format!("/{CODEBASE}apis/3.0/{rel}")
}

pub fn fast_retry() -> RetryConfig {
    RetryConfig::default()
        .max_retries(3)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .total_budget(Duration::from_secs(20))
}

pub fn options() -> ClientOptions {
    ClientOptions::default()
        .allow_insecure_loopback(true)
        .retry(fast_retry())
}

/// `GET /login/companyinfo/acme` answering the default codebase.
pub async fn companyinfo(server: &MockServer) -> httpmock::Mock<'_> {
    companyinfo_with(server, CODEBASE).await
}

pub async fn companyinfo_with<'a>(server: &'a MockServer, codebase: &str) -> httpmock::Mock<'a> {
    let body = serde_json::json!({
        "CompanyName": "Acme MSP", "Codebase": codebase, "VersionCode": "v2025.1",
        "VersionNumber": "v4.6.10333", "CompanyID": COMPANY, "IsCloud": "True",
        "SiteUrl": "api-na.myconnectwise.net"
    });
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/login/companyinfo/{COMPANY}"));
            then.status(200)
                .header("content-type", "application/json")
                .json_body(body);
        })
        .await
}

/// Any request no other mock expects gets a loud 599, so a test cannot pass by accident.
/// httpmock tries mocks in creation order: create this one last.
pub async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(599)
                .body("UNEXPECTED REQUEST: no mock was set up for this");
        })
        .await
}

pub async fn client(server: &MockServer) -> ConnectWiseClient {
    client_with(server, options()).await
}

pub async fn client_with(server: &MockServer, options: ClientOptions) -> ConnectWiseClient {
    ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .options(options)
        .build()
        .await
        .expect("client builds")
}

/// Like [`client`], without the lookup before an idempotent create (to see the one after a
/// failure).
pub async fn client_without_lookup(server: &MockServer) -> ConnectWiseClient {
    ConnectWiseClient::builder()
        .site(server.base_url())
        .company_id(COMPANY)
        .public_key(PUBLIC)
        .private_key(PRIVATE)
        .client_id(CLIENT_ID)
        .options(options())
        .idempotency_lookup(false)
        .build()
        .await
        .expect("client builds")
}

/// A ticket record as ConnectWise returns it (trimmed to the usual fields).
pub fn ticket_json(id: i64, summary: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "summary": summary, "recordType": "ServiceTicket",
        "board": {"id": 1, "name": "Help Desk", "_info": {"board_href": "https://x/service/boards/1"}},
        "status": {"id": 16, "name": "New", "Sort": 0},
        "company": {"id": 250, "identifier": "Contoso", "name": "Contoso Ltd"},
        "contact": {"id": 7, "name": "Ada Lovelace"},
        "priority": {"id": 8, "name": "Priority 3 - Normal Response", "sort": 6},
        "closedFlag": false,
        "externalXRef": null,
        "_info": {"lastUpdated": "2024-02-01T08:00:00Z", "updatedBy": "api        ", "dateEntered": "2024-01-31T10:00:00Z"}
    })
}
