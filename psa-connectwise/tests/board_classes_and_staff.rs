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
    let t = client.boards().types(7).all().await.unwrap();
    assert_eq!(t[0].category.as_deref(), Some("Reactive"));
    assert!(t[0].is_active());
    let s = client.boards().subtypes(7).all().await.unwrap();
    assert_eq!(s[0].type_association_ids, vec![1]);
    assert!(s[0].extra.contains_key("addAllTypesFlag"));
    let i = client.boards().items(7).all().await.unwrap();
    assert_eq!(i[0].inactive_flag, Some(true));
    types.assert_calls_async(1).await;
    subtypes.assert_calls_async(1).await;
    items.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn board_tables_get_list_count_on_the_wire() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let one = server
        .mock_async(|when, then| {
            when.method(GET).path(api("service/boards/7/subtypes/4"));
            then.status(200).json_body(serde_json::json!(
                {"id": 4, "name": "Printer", "typeAssociationIds": [1, 2], "board": {"id": 7}}
            ));
        })
        .await;
    let page = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/boards/7/items"))
                .query_param("conditions", "inactiveFlag = false")
                .query_param("pageSize", "2")
                .query_param("page", "1");
            then.status(200).json_body(serde_json::json!([
                {"id": 9, "name": "Install", "inactiveFlag": false},
                {"id": 10, "name": "Repair", "inactiveFlag": false}
            ]));
        })
        .await;
    let count = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("service/boards/7/types/count"))
                .query_param("conditions", "category = \"Reactive\"");
            then.status(200).json_body(serde_json::json!({"count": 3}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let s = client.boards().subtypes(7).get(4).await.unwrap();
    assert_eq!((s.id, s.type_association_ids.clone()), (4, vec![1, 2]));
    let q = psa_connectwise::Query::new()
        .conditions(psa_connectwise::field("inactiveFlag").eq(false))
        .page_size(2);
    let p = client.boards().items(7).list(&q, None).await.unwrap();
    assert_eq!(
        p.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![9, 10]
    );
    let n = client
        .boards()
        .types(7)
        .count(Some(psa_connectwise::field("category").eq("Reactive")))
        .await
        .unwrap();
    assert_eq!(n, 3);
    one.assert_calls_async(1).await;
    page.assert_calls_async(1).await;
    count.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn sim_board_tables_get_filter_page_count() {
    use psa_connectwise::{Query, field};
    let sim = ConnectWiseSim::builder().seed(5).start().await.unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let b = client.boards().all().await.unwrap()[0].id;
    let types = client.boards().types(b);
    let all = types.all().await.unwrap();
    let reactive = types
        .list(
            &Query::new().conditions(field("category").eq("Reactive")),
            None,
        )
        .await
        .unwrap();
    let want = all
        .iter()
        .filter(|t| t.category.as_deref() == Some("Reactive"))
        .count();
    assert!(want > 0);
    assert_eq!(reactive.items.len(), want);
    assert_eq!(
        types
            .count(Some(field("category").eq("Reactive")))
            .await
            .unwrap(),
        want as u64
    );
    let got = types.get(all[0].id).await.unwrap();
    assert_eq!((got.id, got.name.clone()), (all[0].id, all[0].name.clone()));
    let err = types.get(424_242).await.unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::NotFound);

    let subtypes = client.boards().subtypes(b);
    let streamed: Vec<_> = subtypes
        .stream(Query::new().page_size(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed.len() as u64, subtypes.count(None).await.unwrap());
    let mut ids: Vec<i64> = streamed.iter().map(|s| s.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), streamed.len());
    let one = subtypes.get(streamed[0].id).await.unwrap();
    assert_eq!(one.type_association_ids, streamed[0].type_association_ids);

    let items = client.boards().items(b);
    let first = items.list(&Query::new().page_size(1), None).await.unwrap();
    assert_eq!(first.items.len(), 1);
    assert!(first.next.is_some());
    let got = items.get(first.items[0].id).await.unwrap();
    assert_eq!(got.name, first.items[0].name);
    sim.stop().await;
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
    let types = client.boards().types(b).all().await.unwrap();
    let subtypes = client.boards().subtypes(b).all().await.unwrap();
    let items = client.boards().items(b).all().await.unwrap();
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
    let err = client.boards().types(999_999).all().await.unwrap_err();
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
