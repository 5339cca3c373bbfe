//! Opportunities, ticket categories and staff on the wire: exact paths, bodies and Autotask's
//! JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_autotask::models::Opportunity;
use psa_autotask::{Filter, Query};
use psa_core::ErrorKind;
use serde_json::json;

fn opportunity_json(id: i64) -> serde_json::Value {
    json!({
        "id": id, "title": "Firewall refresh", "companyID": 174, "ownerResourceID": 29682886,
        "stage": 3, "status": 1, "opportunityCategoryID": 2, "probability": 60,
        "amount": 4500.0, "projectedCloseDate": "2024-03-01T00:00:00Z",
        "createDate": "2024-01-04T08:00:00.000Z", "lastActivity": "2024-01-06T08:00:00",
        "userDefinedFields": [{"name": "Source", "value": "MSPortal"}]
    })
}

#[tokio::test]
async fn opportunities_are_queried_created_and_updated_on_their_collection() {
    let server = MockServer::start_async().await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Opportunities/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "status", "value": 1}], "MaxRecords": 10}));
            then.status(200).json_body(json!({
                "items": [opportunity_json(1101)],
                "pageDetails": {"count": 1, "requestCount": 10, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Opportunities"))
                .json_body(json!({
                    "title": "New deal", "companyID": 174, "ownerResourceID": 29682886,
                    "stage": 1, "status": 1, "projectedCloseDate": "2024-03-01T00:00:00.000Z"
                }));
            then.status(200).json_body(json!({"itemId": 1200}));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(path("Opportunities"))
                .json_body(json!({"id": 1200, "stage": 4}));
            then.status(200).json_body(json!({"itemId": 1200}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let page = client
        .opportunities()
        .query(&Query::with(Filter::eq("status", 1)).max_records(10))
        .await
        .unwrap();
    let o = &page.items[0];
    assert_eq!(o.id, Some(1101));
    assert_eq!(o.stage, Some(3));
    assert_eq!(o.amount, Some(4500.0));
    assert_eq!(o.udf("source"), Some("MSPortal"));
    assert_eq!(
        o.last_activity,
        Some(time::macros::datetime!(2024-01-06 08:00:00 UTC))
    );

    let mut new = Opportunity::default();
    new.title = Some("New deal".into());
    new.company_id = Some(174);
    new.owner_resource_id = Some(29_682_886);
    new.stage = Some(1);
    new.status = Some(1);
    new.projected_close_date = Some(time::macros::datetime!(2024-03-01 00:00:00 UTC));
    assert_eq!(client.opportunities().create(&new).await.unwrap(), 1200);

    let mut change = Opportunity::default();
    change.id = Some(1200);
    change.stage = Some(4);
    assert_eq!(client.opportunities().update(&change).await.unwrap(), 1200);

    let err = client.opportunities().delete(&change).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);

    query.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    update.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn opportunity_picklists_come_from_entity_information_fields() {
    let server = MockServer::start_async().await;
    let fields = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(path("Opportunities/entityInformation/fields"));
            then.status(200).json_body(json!({"fields": [
                {"name": "stage", "dataType": "integer", "isPickList": true, "picklistValues": [
                    {"value": "1", "label": "Qualification", "isDefaultValue": true, "sortOrder": 0, "isActive": true},
                    {"value": "3", "label": "Proposal", "isDefaultValue": false, "sortOrder": 2, "isActive": true}
                ]},
                {"name": "status", "dataType": "integer", "isPickList": true, "picklistValues": [
                    {"value": "1", "label": "Active", "isDefaultValue": true, "sortOrder": 0, "isActive": true}
                ]},
                {"name": "opportunityCategoryID", "dataType": "integer", "isPickList": true, "picklistValues": [
                    {"value": "2", "label": "Managed Services", "isDefaultValue": true, "sortOrder": 0, "isActive": true}
                ]},
                {"name": "title", "dataType": "string", "isPickList": false}
            ]}));
        })
        .await;
    let client = common::client(&server).await;
    let picks = client.opportunity_picklists().await.unwrap();
    assert_eq!(picks.stage.resolve("proposal"), Some("3"));
    assert_eq!(picks.stage.default_value(), Some("1"));
    assert_eq!(picks.status.label_of("1"), Some("Active"));
    assert_eq!(picks.category.default_value(), Some("2"));
    assert!(picks.win_reason.values().is_empty());
    // Cached: a second read makes no call.
    client.opportunity_picklists().await.unwrap();
    fields.assert_calls_async(1).await;
}

#[tokio::test]
async fn ticket_categories_are_queried_and_never_created() {
    let server = MockServer::start_async().await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("TicketCategories/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "isActive", "value": true}]}));
            then.status(200).json_body(json!({
                "items": [{"id": 3, "name": "Standard", "nickname": "Std", "isActive": true,
                           "isApiOnly": false, "isGlobalDefault": true, "displayColorRGB": 4886754}],
                "pageDetails": {"count": 1, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let page = client
        .ticket_categories()
        .query(&Query::with(Filter::eq("isActive", true)))
        .await
        .unwrap();
    assert_eq!(page.items[0].name.as_deref(), Some("Standard"));
    assert_eq!(page.items[0].is_global_default, Some(true));
    let err = client
        .ticket_categories()
        .create(&page.items[0])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    query.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn active_staff_asks_for_active_resources_with_email_and_drops_api_users() {
    let server = MockServer::start_async().await;
    let licenses = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Resources/entityInformation/fields"));
            then.status(200).json_body(json!({"fields": [
                {"name": "licenseType", "dataType": "integer", "isPickList": true, "picklistValues": [
                    {"value": "2", "label": "Professional", "isActive": true},
                    {"value": "7", "label": "API User", "isActive": true}
                ]}
            ]}));
        })
        .await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Resources/query")).json_body(json!({
                "filter": [{"op": "and", "items": [
                    {"op": "eq", "field": "isActive", "value": true},
                    {"op": "exist", "field": "email"}
                ]}]
            }));
            then.status(200).json_body(json!({
                "items": [
                    {"id": 1, "userName": "avery", "email": "avery@msp.example", "isActive": true, "licenseType": 2},
                    {"id": 2, "userName": "api", "email": "api@msp.example", "isActive": true, "licenseType": 7},
                    {"id": 3, "userName": "blank", "email": " ", "isActive": true, "licenseType": 2}
                ],
                "pageDetails": {"count": 3, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let client = common::client(&server).await;
    let staff: Vec<_> = client.active_staff(false).try_collect().await.unwrap();
    assert_eq!(
        staff.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![Some(1)]
    );
    licenses.assert_calls_async(1).await;
    query.assert_calls_async(1).await;
}
