//! Registering, listing and deleting ticket webhooks on the wire.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::NewTicketWebhook;
use psa_core::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn a_webhook_is_created_with_its_fields_and_excluded_resources() {
    let server = MockServer::start_async().await;
    let field_ids = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("TicketWebhookFields/entityInformation/fields"));
            then.status(200).json_body(
                json!({"fields": [{"name": "fieldID", "isPickList": true, "picklistValues": [
                    {"value": "7", "label": "Status", "isActive": true},
                    {"value": "9", "label": "Priority", "isActive": true},
                    {"value": "12", "label": "Queue ID", "isActive": true}
                ]}]}),
            );
        })
        .await;
    let hook = server
        .mock_async(|when, then| {
            when.method(POST).path(path("TicketWebhooks")).json_body(json!({
                "name": "portal sync", "webhookUrl": "https://hooks.example.com/at",
                "deactivationUrl": "https://hooks.example.com/at/off", "secretKey": "wh-secret-Key-01",
                "isActive": true, "isSubscribedToCreateEvents": true, "isSubscribedToUpdateEvents": true,
                "isSubscribedToDeleteEvents": false, "sendThresholdExceededNotification": false
            }));
            then.status(200).json_body(json!({"itemId": 4}));
        })
        .await;
    let status = server
        .mock_async(|when, then| {
            when.method(POST).path(path("TicketWebhooks/4/Fields")).json_body(json!({
                "fieldID": 7, "isDisplayAlwaysField": true, "isSubscribedField": true, "webhookID": 4
            }));
            then.status(200).json_body(json!({"itemId": 101}));
        })
        .await;
    let queue = server
        .mock_async(|when, then| {
            when.method(POST).path(path("TicketWebhooks/4/Fields")).json_body(json!({
                "fieldID": 12, "isDisplayAlwaysField": false, "isSubscribedField": true, "webhookID": 4
            }));
            then.status(200).json_body(json!({"itemId": 102}));
        })
        .await;
    let excluded = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("TicketWebhooks/4/ExcludedResources"))
                .json_body(json!({"resourceID": 29682885, "webhookID": 4}));
            then.status(200).json_body(json!({"itemId": 201}));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(POST).path(path("TicketWebhooks/query"));
            then.status(200).json_body(json!({"items": [{
                "id": 4, "name": "portal sync", "webhookUrl": "https://hooks.example.com/at",
                "secretKey": "wh-secret-Key-01", "isActive": true, "isReady": true, "webhookGUID": "6a1e8f0c"
            }], "pageDetails": {"count": 1, "nextPageUrl": null}}));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(path("TicketWebhooks/4"));
            then.status(200).json_body(json!({"itemId": 4}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let new = NewTicketWebhook::new(
        "portal sync",
        "https://hooks.example.com/at",
        "https://hooks.example.com/at/off",
        "wh-secret-Key-01",
    )
    .on_create(true)
    .subscribe(["status", "queueid"])
    .always_send(["Status"])
    .exclude_resource(29_682_885);
    let setup = client.create_ticket_webhook(&new).await.unwrap();
    assert_eq!(setup.webhook_id, 4);
    assert_eq!(setup.field_ids, [101, 102]);
    assert_eq!(setup.excluded_resource_ids, [201]);

    let hooks = client.list_ticket_webhooks().await.unwrap();
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].is_ready, Some(true));
    assert!(!format!("{:?}", hooks[0]).contains("wh-secret-Key-01"));
    client.delete_ticket_webhook(4).await.unwrap();

    field_ids.assert_calls_async(1).await;
    hook.assert_calls_async(1).await;
    status.assert_calls_async(1).await;
    queue.assert_calls_async(1).await;
    excluded.assert_calls_async(1).await;
    list.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn an_unknown_field_name_fails_before_anything_is_created() {
    let server = MockServer::start_async().await;
    let field_ids = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("TicketWebhookFields/entityInformation/fields"));
            then.status(200).json_body(
                json!({"fields": [{"name": "fieldID", "isPickList": true, "picklistValues": [
                    {"value": "7", "label": "Status", "isActive": true}
                ]}]}),
            );
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let new = NewTicketWebhook::new(
        "n",
        "https://h.example.com/a",
        "https://h.example.com/b",
        "k",
    )
    .subscribe(["colour"]);
    let e = client.create_ticket_webhook(&new).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.message().contains("Status"), "lists known labels: {e}");
    let no_fields = NewTicketWebhook::new(
        "n",
        "https://h.example.com/a",
        "https://h.example.com/b",
        "k",
    );
    assert_eq!(
        client
            .create_ticket_webhook(&no_fields)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    field_ids.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
