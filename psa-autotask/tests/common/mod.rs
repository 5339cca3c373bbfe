//! Shared pieces of the httpmock wire tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use httpmock::prelude::*;
use psa_autotask::AutotaskClient;
use psa_core::{ClientOptions, RetryConfig};

pub(crate) const USERNAME: &str = "abc123@example.com";
pub(crate) const SECRET: &str = "S3cret-Sentinel-9f2b7c";
pub(crate) const CODE: &str = "INTEGRATIONCODE7XK2Q9ZT4LMA";
pub(crate) const ROOT: &str = "/ATServicesRest/";
pub(crate) const API: &str = "/ATServicesRest/V1.0";

pub(crate) fn fast_retry() -> RetryConfig {
    RetryConfig::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .total_budget(Duration::from_secs(20))
}

pub(crate) fn options() -> ClientOptions {
    ClientOptions::default()
        .allow_insecure_loopback(true)
        .retry(fast_retry())
}

/// A client with its zone fixed to the mock server.
pub(crate) async fn client(server: &MockServer) -> AutotaskClient {
    AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options())
        .build()
        .await
        .unwrap()
}

/// Like [`client`], without the lookup before an idempotent create (to see the one after a
/// failure).
pub(crate) async fn client_without_lookup(server: &MockServer) -> AutotaskClient {
    AutotaskClient::builder()
        .username(USERNAME)
        .secret(SECRET)
        .integration_code(CODE)
        .base_url(server.url(ROOT))
        .options(options())
        .idempotency_lookup(false)
        .build()
        .await
        .unwrap()
}

/// Any request no other mock expects gets a loud 599, so a test never passes by accident.
/// httpmock tries mocks in creation order: create this one last.
pub(crate) async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(599)
                .body("UNEXPECTED REQUEST: no mock was set up for this");
        })
        .await
}

pub(crate) fn path(rest: &str) -> String {
    format!("{API}/{rest}")
}

/// `Tickets/entityInformation/fields` with a realistic set of picklists.
pub(crate) fn ticket_fields() -> serde_json::Value {
    serde_json::json!({"fields": [
        {"name": "id", "dataType": "long", "isPickList": false, "isQueryable": true},
        {"name": "status", "dataType": "integer", "isRequired": true, "isPickList": true, "picklistValues": [
            {"value": "1", "label": "New", "isDefaultValue": true, "sortOrder": 0, "isActive": true, "isSystem": true},
            {"value": "5", "label": "Complete", "isDefaultValue": false, "sortOrder": 1, "isActive": true, "isSystem": true},
            {"value": "7", "label": "Waiting Customer", "isDefaultValue": false, "sortOrder": 2, "isActive": true, "isSystem": true},
            {"value": "8", "label": "In Progress", "isDefaultValue": false, "sortOrder": 3, "isActive": true, "isSystem": true}
        ]},
        {"name": "priority", "dataType": "integer", "isRequired": true, "isPickList": true, "picklistValues": [
            {"value": "1", "label": "High", "isDefaultValue": false, "sortOrder": 1, "isActive": true},
            {"value": "2", "label": "Medium", "isDefaultValue": true, "sortOrder": 2, "isActive": true},
            {"value": "3", "label": "Low", "isDefaultValue": false, "sortOrder": 3, "isActive": true}
        ]},
        {"name": "queueID", "dataType": "integer", "isPickList": true, "picklistValues": [
            {"value": "29683482", "label": "Level I Support", "isDefaultValue": false, "isActive": true}
        ]},
        {"name": "source", "dataType": "integer", "isPickList": true, "picklistValues": [
            {"value": "4", "label": "Phone", "isActive": true}
        ]},
        {"name": "issueType", "dataType": "integer", "isPickList": true, "picklistValues": []}
    ]})
}

pub(crate) async fn mock_ticket_fields(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("Tickets/entityInformation/fields"));
            then.status(200).json_body(ticket_fields());
        })
        .await
}

pub(crate) fn ticket_json(id: i64, title: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "ticketNumber": format!("T20240131.{id:04}"), "title": title, "status": 1,
        "priority": 2, "queueID": 29683482, "companyID": 500, "contactID": null,
        "createDate": "2024-01-31T15:04:05.307", "lastActivityDate": "2024-02-01T08:00:00Z",
        "externalID": null, "userDefinedFields": []
    })
}
