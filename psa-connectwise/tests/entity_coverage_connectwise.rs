//! Issue 14 coverage gaps, ConnectWise: opportunity get/count/patch/stream and its statuses and
//! types on the wire, members by id/identifier/count on the wire, and board types/subtypes/items
//! refused with their right named when the role lacks System > Table Setup in the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod sim;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_connectwise::models::Opportunity;
use psa_connectwise::{Patch, Query, field};
use psa_core::{Capability, CheckOutcome, ErrorKind, PreflightOptions};
use psa_sim::ConnectWiseSim;
use serde_json::json;

#[tokio::test]
async fn opportunity_reads_patch_and_reference_tables_use_the_sales_paths() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let base = server.base_url();
    let one = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities/31"))
                .header("authorization", AUTH);
            then.status(200).json_body(json!({
                "id": 31, "name": "Firewall refresh", "company": {"id": 250},
                "stage": {"id": 2, "name": "Qualified"}, "status": {"id": 1, "name": "Open"}
            }));
        })
        .await;
    let count = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities/count"))
                .query_param("conditions", "status/id = 1");
            then.status(200).json_body(json!({"count": 7}));
        })
        .await;
    let patch = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(api("sales/opportunities/31"))
                .json_body(json!([{"op": "replace", "path": "stage", "value": {"id": 4}}]));
            then.status(200).json_body(json!({
                "id": 31, "name": "Firewall refresh", "stage": {"id": 4, "name": "Proposal"}
            }));
        })
        .await;
    let statuses = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities/statuses"))
                .query_param("pageSize", "1000");
            then.status(200).json_body(json!([
                {"id": 1, "name": "Open", "defaultFlag": true, "wonFlag": false, "lostFlag": false,
                 "closedFlag": false, "inactiveFlag": false},
                {"id": 2, "name": "Won", "wonFlag": true, "closedFlag": true}
            ]));
        })
        .await;
    let types = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities/types"))
                .query_param("pageSize", "1000");
            then.status(200).json_body(json!([
                {"id": 1, "description": "Managed Services", "inactiveFlag": false}
            ]));
        })
        .await;
    let path = api("sales/opportunities");
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities"))
                .query_param("conditions", "company/id = 250")
                .query_param("pageSize", "1")
                .query_param("page", "1");
            then.status(200)
                .header(
                    "link",
                    format!("<{base}{path}?conditions=company%2Fid+%3D+250&pageSize=1&page=2>; rel=\"next\""),
                )
                .json_body(json!([{"id": 31, "name": "A", "company": {"id": 250}}]));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities"))
                .query_param("conditions", "company/id = 250")
                .query_param("pageSize", "1")
                .query_param("page", "2");
            // The last page: its Link has no `next`.
            then.status(200)
                .header(
                    "link",
                    format!("<{base}{path}?pageSize=1&page=1>; rel=\"first\""),
                )
                .json_body(json!([{"id": 32, "name": "B", "company": {"id": 250}}]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let api = client.opportunities();

    let o = api.get(31).await.unwrap();
    assert_eq!(o.stage.and_then(|s| s.name).as_deref(), Some("Qualified"));
    assert_eq!(api.count(Some(field("status/id").eq(1))).await.unwrap(), 7);
    let changed = api
        .update(31, &Patch::new().replace("stage", json!({"id": 4})))
        .await
        .unwrap();
    assert_eq!(changed.stage.and_then(|s| s.id), Some(4));
    let s = api.statuses().await.unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].name.as_deref(), Some("Open"));
    let t = api.types().await.unwrap();
    assert_eq!(t[0].id, 1);
    let all: Vec<Opportunity> = api
        .stream(
            Query::new()
                .conditions(field("company/id").eq(250))
                .page_size(1),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.iter().map(|o| o.id).collect::<Vec<_>>(), [31, 32]);

    one.assert_calls_async(1).await;
    count.assert_calls_async(1).await;
    patch.assert_calls_async(1).await;
    statuses.assert_calls_async(1).await;
    types.assert_calls_async(1).await;
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn members_by_id_identifier_and_count() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let one = server
        .mock_async(|when, then| {
            when.method(GET).path(api("system/members/243"));
            then.status(200).json_body(json!({
                "id": 243, "identifier": "ada", "firstName": "Ada", "lastName": "Lovelace",
                "primaryEmail": "ada@example.com", "inactiveFlag": false
            }));
        })
        .await;
    let by_identifier = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("system/members"))
                .query_param("conditions", r#"identifier = "ada""#)
                .query_param("pageSize", "5");
            then.status(200).json_body(json!([
                {"id": 243, "identifier": "ada", "primaryEmail": "ada@example.com"}
            ]));
        })
        .await;
    let count = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("system/members/count"))
                .query_param("conditions", "inactiveFlag = false");
            then.status(200).json_body(json!({"count": 12}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let m = client.members().get(243).await.unwrap();
    assert_eq!(m.full_name(), "Ada Lovelace");
    assert_eq!(m.email(), Some("ada@example.com"));
    assert!(m.is_active());
    let found = client.members().by_identifier("ada").await.unwrap();
    assert_eq!(found.map(|m| m.id), Some(243));
    assert_eq!(
        client
            .members()
            .count(Some(field("inactiveFlag").eq(false)))
            .await
            .unwrap(),
        12
    );
    one.assert_calls_async(1).await;
    by_identifier.assert_calls_async(1).await;
    count.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn board_types_without_table_setup_are_refused_and_preflight_names_the_row() {
    let sim = ConnectWiseSim::builder()
        .seed(14)
        .deny(Capability::ReadTicketCategories)
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    for table in ["types", "subtypes", "items"] {
        let err = match table {
            "types" => client.boards().types(1).all().await.map(|_| ()),
            "subtypes" => client.boards().subtypes(1).all().await.map(|_| ()),
            _ => client.boards().items(1).all().await.map(|_| ()),
        }
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{table}: {err}");
    }
    let report = client
        .preflight(&PreflightOptions::for_capabilities([
            Capability::ReadTicketCategories,
        ]))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::ReadTicketCategories),
        Some(CheckOutcome::Missing),
        "{report}"
    );
    let check = report
        .checks_for(Capability::ReadTicketCategories)
        .find(|c| c.outcome == CheckOutcome::Missing)
        .unwrap();
    assert_eq!(check.right, "System / Table Setup: Inquire", "{report}");
    let remedy = check.remedy.as_ref().unwrap();
    assert!(
        remedy.screen.ends_with("> System > Table Setup"),
        "{remedy}"
    );
    sim.stop().await;
}
