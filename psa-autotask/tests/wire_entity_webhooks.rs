//! Company and contact webhooks on the wire: registrations on their collection, fields and
//! excluded resources under the webhook, deletes by id.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::models::{
    CompanyWebhook, CompanyWebhookExcludedResource, CompanyWebhookField, ContactWebhookField,
};
use psa_autotask::{Filter, Query};
use psa_core::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn company_webhooks_are_written_on_their_own_paths() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks"))
                .json_body(json!({
                    "name": "psa-sdk companies", "webhookUrl": "https://hooks.example/at",
                    "deactivationUrl": "https://hooks.example/at/off", "secretKey": "k-123",
                    "isActive": true, "isSubscribedToCreateEvents": true,
                    "isSubscribedToUpdateEvents": true, "isSubscribedToDeleteEvents": false
                }));
            then.status(200).json_body(json!({"itemId": 21}));
        })
        .await;
    let field = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks/21/Fields"))
                .json_body(json!({"fieldID": 6, "isSubscribedField": true, "webhookID": 21}));
            then.status(200).json_body(json!({"itemId": 301}));
        })
        .await;
    let excluded = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks/21/ExcludedResources"))
                .json_body(json!({"resourceID": 29682891, "webhookID": 21}));
            then.status(200).json_body(json!({"itemId": 61}));
        })
        .await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("CompanyWebhooks/query"))
                .json_body(json!({"filter": [{"op": "beginsWith", "field": "name", "value": "psa-sdk"}]}));
            then.status(200).json_body(json!({
                "items": [{"id": 21, "name": "psa-sdk companies", "webhookUrl": "https://hooks.example/at",
                           "isActive": true, "isReady": true, "secretKey": null,
                           "webhookGUID": "0b6f7c9e-5a0e-4c1b-9a55-3f1d3c1e2a11"}],
                "pageDetails": {"count": 1, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(path("CompanyWebhooks/21"));
            then.status(200).json_body(json!({"itemId": 21}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let mut hook = CompanyWebhook::default();
    hook.name = Some("psa-sdk companies".into());
    hook.webhook_url = Some("https://hooks.example/at".into());
    hook.deactivation_url = Some("https://hooks.example/at/off".into());
    hook.secret_key = Some("k-123".to_string().into());
    hook.is_active = Some(true);
    hook.is_subscribed_to_create_events = Some(true);
    hook.is_subscribed_to_update_events = Some(true);
    hook.is_subscribed_to_delete_events = Some(false);
    let id = client.company_webhooks().create(&hook).await.unwrap();
    assert_eq!(id, 21);

    let mut f = CompanyWebhookField::default();
    f.webhook_id = Some(id);
    f.field_id = Some(6);
    f.is_subscribed_field = Some(true);
    assert_eq!(
        client.company_webhook_fields().create(&f).await.unwrap(),
        301
    );

    let mut x = CompanyWebhookExcludedResource::default();
    x.webhook_id = Some(id);
    x.resource_id = Some(29_682_891);
    assert_eq!(
        client
            .company_webhook_excluded_resources()
            .create(&x)
            .await
            .unwrap(),
        61
    );
    x.id = Some(61);
    let err = client
        .company_webhook_excluded_resources()
        .update(&x)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);

    let mine = client
        .company_webhooks()
        .query(&Query::with(Filter::begins_with("name", "psa-sdk")))
        .await
        .unwrap();
    assert_eq!(mine.items[0].is_ready, Some(true));
    assert!(mine.items[0].secret_key.is_none());

    let mut gone = CompanyWebhook::default();
    gone.id = Some(21);
    client.company_webhooks().delete(&gone).await.unwrap();

    create.assert_calls_async(1).await;
    field.assert_calls_async(1).await;
    excluded.assert_calls_async(1).await;
    query.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_contact_webhook_field_needs_its_webhook_id() {
    let server = MockServer::start_async().await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let mut f = ContactWebhookField::default();
    f.field_id = Some(3);
    let err = client
        .contact_webhook_fields()
        .create(&f)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(
        err.to_string()
            .contains("ContactWebhooks/{webhookID}/Fields")
    );
    catch.assert_calls_async(0).await;
}
