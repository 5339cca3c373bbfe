//! A 200 whose body is not the envelope Autotask documents is `Decode`, and one odd optional
//! field never fails a query page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::Query;
use psa_core::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn a_single_read_that_is_not_an_item_is_decode() {
    let server = MockServer::start_async().await;
    let bodies = [
        ("1", "null"),
        ("2", "[1,2,3]"),
        ("3", "42"),
        ("4", r#"{"item": 5}"#),
        ("5", r#"{"something": "else"}"#),
        ("6", r#"{"item": {"id": "not a number"}}"#),
    ];
    let mut mocks = Vec::new();
    for (id, body) in bodies {
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(GET).path(path(&format!("Tickets/{id}")));
                    then.status(200)
                        .header("content-type", "application/json")
                        .body(body);
                })
                .await,
        );
    }
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    for (id, body) in bodies {
        let err = client.tickets().get(id.parse().unwrap()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{body}: {err}");
    }
    for m in mocks {
        m.assert_calls_async(1).await;
    }
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_query_page_without_items_is_decode_and_odd_optional_fields_are_kept() {
    let server = MockServer::start_async().await;
    let no_items = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Tickets/query"));
            then.status(200)
                .json_body(json!({"pageDetails": {"count": 0, "nextPageUrl": null}}));
        })
        .await;
    let odd = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Contacts/query"));
            then.status(200).json_body(json!({
                "items": [
                    {"id": 1, "firstName": "Ann", "userDefinedFields": {}},
                    {"id": 2, "firstName": "Bob", "isActive": 1, "userDefinedFields": []}
                ],
                "pageDetails": {"count": 2, "nextPageUrl": null}
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;
    let err = client.tickets().query(&Query::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.message().contains("no \"items\""), "{err}");
    let page = client.contacts().query(&Query::new()).await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert!(page.items[0].user_defined_fields.is_none());
    assert_eq!(page.items[0].extra["userDefinedFields"], json!({}));
    assert_eq!(page.items[1].is_active, Some(1));
    no_items.assert_calls_async(1).await;
    odd.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
