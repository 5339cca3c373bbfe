//! `ensure_webhooks` on the wire: the create requests of a missing webhook and its fields, and
//! the repair requests of a drifted one (PATCH in place, duplicate deleted, missing field
//! added, lacking flag raised), with nothing sent for webhooks of other names.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::changes::EntityKind;
use psa_core::{ErrorKind, WebhookEvent, WebhookSpec};
use serde_json::{Value, json};

const URL: &str = "https://hooks.example.com/autotask";

/// `CompanyWebhookFields/entityInformation/fields`: the `fieldID` picklist of a tenant that
/// offers three of the fields a sync wants (the others are skipped).
fn company_webhook_fields() -> Value {
    json!({"fields": [
        {"name": "id", "dataType": "long", "isPickList": false},
        {"name": "fieldID", "dataType": "integer", "isPickList": true, "picklistValues": [
            {"value": "5", "label": "Company Name", "isActive": true},
            {"value": "9", "label": "Active", "isActive": true},
            {"value": "12", "label": "isActive", "isActive": true},
            {"value": "40", "label": "Last Tracked Modified Date Time", "isActive": true}
        ]},
        {"name": "webhookID", "dataType": "integer", "isPickList": false}
    ]})
}

fn page(items: Value) -> Value {
    json!({"items": items, "pageDetails": {"count": 0, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}})
}

fn spec() -> WebhookSpec {
    WebhookSpec::new(URL.parse().unwrap())
        .entity(EntityKind::Company)
        .events([WebhookEvent::Created, WebhookEvent::Updated])
        .secret("k-sentinel-64")
}

async fn mock_fields(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("CompanyWebhookFields/entityInformation/fields"));
            then.status(200).json_body(company_webhook_fields());
        })
        .await
}

#[tokio::test]
async fn a_missing_webhook_is_created_with_its_fields_one_request_at_a_time() {
    let server = MockServer::start_async().await;
    let fields = mock_fields(&server).await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks/query"))
                .json_body(json!({"filter": [{"op": "beginsWith", "field": "name", "value": "psa-sdk"}]}));
            then.status(200).json_body(page(json!([
                {"id": 3, "name": "psa-sdk-ticket", "webhookUrl": "https://elsewhere.example/x", "isActive": false}
            ])));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks"))
                .json_body(json!({
                    "name": "psa-sdk-company", "webhookUrl": URL, "deactivationUrl": URL,
                    "secretKey": "k-sentinel-64", "isActive": true,
                    "isSubscribedToCreateEvents": true, "isSubscribedToUpdateEvents": true,
                    "isSubscribedToDeleteEvents": false
                }));
            then.status(200).json_body(json!({"itemId": 21}));
        })
        .await;
    let mut field_mocks = Vec::new();
    for (id, sub, always) in [(5, true, false), (12, true, false), (40, false, true)] {
        field_mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(POST)
                        .path(path("CompanyWebhooks/21/Fields"))
                        .json_body(json!({"fieldID": id, "isSubscribedField": sub,
                                          "isDisplayAlwaysField": always, "webhookID": 21}));
                    then.status(200).json_body(json!({"itemId": 300 + id}));
                })
                .await,
        );
    }
    let catch = catch_all(&server).await;
    let client = client(&server).await;

    let report = client.ensure_webhooks(&spec()).await.unwrap();
    assert_eq!(report.created.len(), 1, "{report:?}");
    assert_eq!(report.created[0].id, "21");
    assert_eq!(report.created[0].name, "psa-sdk-company");
    assert!(report.updated.is_empty() && report.unchanged.is_empty());
    fields.assert_calls_async(1).await;
    query.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    for m in &field_mocks {
        m.assert_calls_async(1).await;
    }
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_drifted_webhook_is_repaired_in_place_and_others_are_left_alone() {
    let server = MockServer::start_async().await;
    mock_fields(&server).await;
    server
        .mock_async(|when, then| {
            when.method(POST).path(path("CompanyWebhooks/query"));
            then.status(200).json_body(page(json!([
                {"id": 21, "name": "psa-sdk-company", "webhookUrl": "https://stale.example/old",
                 "deactivationUrl": URL, "isActive": false, "isSubscribedToCreateEvents": true,
                 "isSubscribedToUpdateEvents": true, "isSubscribedToDeleteEvents": false,
                 "secretKey": null},
                {"id": 22, "name": "psa-sdk-company ", "webhookUrl": URL, "isActive": true},
                {"id": 23, "name": "psa-sdk-companyx", "webhookUrl": "https://other.example/", "isActive": true}
            ])));
        })
        .await;
    let delete_dup = server
        .mock_async(|when, then| {
            when.method(DELETE).path(path("CompanyWebhooks/22"));
            then.status(200).json_body(json!({"itemId": 22}));
        })
        .await;
    let patch =
        server
            .mock_async(|when, then| {
                when.method(PATCH).path(path("CompanyWebhooks")).json_body(json!({
                "id": 21, "name": "psa-sdk-company", "webhookUrl": URL, "deactivationUrl": URL,
                "secretKey": "k-sentinel-64", "isActive": true,
                "isSubscribedToCreateEvents": true, "isSubscribedToUpdateEvents": true,
                "isSubscribedToDeleteEvents": false
            }));
                then.status(200).json_body(json!({"itemId": 21}));
            })
            .await;
    let field_query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhookFields/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "webhookID", "value": 21}]}));
            then.status(200).json_body(page(json!([
                {"id": 305, "fieldID": 5, "isSubscribedField": true, "isDisplayAlwaysField": true, "webhookID": 21},
                {"id": 340, "fieldID": 40, "isSubscribedField": false, "isDisplayAlwaysField": false, "webhookID": 21},
                {"id": 377, "fieldID": 77, "isSubscribedField": true, "isDisplayAlwaysField": false, "webhookID": 21}
            ])));
        })
        .await;
    let add_missing = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks/21/Fields"))
                .json_body(json!({"fieldID": 12, "isSubscribedField": true,
                                  "isDisplayAlwaysField": false, "webhookID": 21}));
            then.status(200).json_body(json!({"itemId": 312}));
        })
        .await;
    let raise_flag = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(path("CompanyWebhooks/21/Fields"))
                .json_body(json!({"id": 340, "fieldID": 40, "isSubscribedField": false,
                                  "isDisplayAlwaysField": true, "webhookID": 21}));
            then.status(200).json_body(json!({"itemId": 340}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = client(&server).await;

    let report = client.ensure_webhooks(&spec()).await.unwrap();
    assert_eq!(report.updated.len(), 1, "{report:?}");
    assert_eq!(report.updated[0].id, "21");
    assert!(report.created.is_empty() && report.unchanged.is_empty());
    delete_dup.assert_calls_async(1).await;
    patch.assert_calls_async(1).await;
    field_query.assert_calls_async(1).await;
    add_missing.assert_calls_async(1).await;
    raise_flag.assert_calls_async(1).await;
    // No request for webhook 23 (another name) nor for the extra field 77.
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn opportunities_and_a_missing_secret_fail_before_any_request() {
    let server = MockServer::start_async().await;
    let catch = catch_all(&server).await;
    let client = client(&server).await;
    let e = client
        .ensure_webhooks(&spec().entity(EntityKind::Opportunity))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    assert!(e.to_string().contains("opportunit"), "{e}");
    let no_secret = WebhookSpec::new(URL.parse().unwrap()).entity(EntityKind::Ticket);
    let e = client.ensure_webhooks(&no_secret).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_tenant_offering_none_of_the_sync_fields_is_told_before_any_write() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("ContactWebhookFields/entityInformation/fields"));
            then.status(200).json_body(json!({"fields": [
                {"name": "fieldID", "dataType": "integer", "isPickList": true, "picklistValues": [
                    {"value": "3", "label": "Room Number", "isActive": true}
                ]}
            ]}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = client(&server).await;
    let spec = WebhookSpec::new(URL.parse().unwrap())
        .entity(EntityKind::Contact)
        .secret("k");
    let e = client.ensure_webhooks(&spec).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let text = e.to_string();
    assert!(
        text.contains("none of the fields") && text.contains("Room Number"),
        "{text}"
    );
    catch.assert_calls_async(0).await;
}
