//! Board types/subtypes/items and the active-staff import: the wire requests (httpmock) and
//! the same calls against psa-sim.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod sim;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_sim::ConnectWiseSim;

#[tokio::test]
async fn board_tables_hit_their_paths_and_decode() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let types = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/boards/7/types"))
                .query_param("pageSize", "1000")
                .query_param("page", "1");
            then.status(200).json_body(serde_json::json!([
                {"id": 1, "name": "Hardware", "category": "Reactive", "defaultFlag": true,
                 "inactiveFlag": false, "board": {"id": 7, "name": "Help Desk"}}
            ]));
        })
        .await;
    let subtypes = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/boards/7/subtypes"));
            then.status(200).json_body(serde_json::json!([
                {"id": 4, "name": "Printer", "inactiveFlag": false, "typeAssociationIds": [1],
                 "addAllTypesFlag": false, "board": {"id": 7}}
            ]));
        })
        .await;
    let items = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/boards/7/items"));
            then.status(200).json_body(serde_json::json!([
                {"id": 9, "name": "Toner", "inactiveFlag": true, "board": {"id": 7}}
            ]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let t = client.boards().types(7).await.unwrap();
    assert_eq!(t[0].category.as_deref(), Some("Reactive"));
    assert!(t[0].is_active());
    let s = client.boards().subtypes(7).await.unwrap();
    assert_eq!(s[0].type_association_ids, vec![1]);
    assert!(s[0].extra.contains_key("addAllTypesFlag"));
    let i = client.boards().items(7).await.unwrap();
    assert_eq!(i[0].inactive_flag, Some(true));
    types.assert_calls_async(1).await;
    subtypes.assert_calls_async(1).await;
    items.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn active_members_filter_on_inactive_flag() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("system/members"))
                .query_param("conditions", "inactiveFlag = false")
                .query_param("orderBy", "id asc");
            then.status(200).json_body(serde_json::json!([
                {"id": 1, "identifier": "ada", "officeEmail": "ada@example.com", "defaultEmail": "Office", "inactiveFlag": false}
            ]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let staff: Vec<_> = client.members().active().try_collect().await.unwrap();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].email(), Some("ada@example.com"));
    list.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn sim_serves_board_tables_and_active_staff() {
    let sim = ConnectWiseSim::builder().seed(5).start().await.unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let boards = client.boards().all().await.unwrap();
    let b = boards[0].id;
    let types = client.boards().types(b).await.unwrap();
    let subtypes = client.boards().subtypes(b).await.unwrap();
    let items = client.boards().items(b).await.unwrap();
    assert!(!types.is_empty() && !subtypes.is_empty() && !items.is_empty());
    let type_ids: Vec<i64> = types.iter().map(|t| t.id).collect();
    assert!(subtypes.iter().all(|s| {
        !s.type_association_ids.is_empty()
            && s.type_association_ids
                .iter()
                .all(|id| type_ids.contains(id))
    }));
    assert!(
        types
            .iter()
            .all(|t| t.board.as_ref().and_then(|r| r.id) == Some(b))
    );
    let err = client.boards().types(999_999).await.unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::NotFound);

    let all: Vec<_> = client
        .members()
        .stream(psa_connectwise::Query::new())
        .try_collect()
        .await
        .unwrap();
    let active: Vec<_> = client.members().active().try_collect().await.unwrap();
    assert!(!active.is_empty());
    assert!(active.iter().all(|m| m.is_active() && m.email().is_some()));
    assert_eq!(active.len(), all.iter().filter(|m| m.is_active()).count());
    sim.stop().await;
}
