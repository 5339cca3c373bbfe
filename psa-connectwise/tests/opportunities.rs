//! Sales opportunities: the exact wire requests (httpmock) and the behaviour against psa-sim,
//! including the vendor's 403 when the role lacks Sales > Opportunity.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod sim;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_connectwise::models::NewOpportunity;
use psa_connectwise::{Query, field};
use psa_core::ErrorKind;
use psa_sim::ConnectWiseSim;

#[tokio::test]
async fn create_posts_the_required_references_and_decodes_the_vendor_reply() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let post = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("sales/opportunities"))
                .header("authorization", AUTH)
                .json_body(serde_json::json!({
                    "name": "Firewall refresh", "company": {"id": 250}, "contact": {"id": 500},
                    "primarySalesRep": {"id": 243}, "stage": {"id": 2}, "type": {"id": 1}
                }));
            then.status(201).json_body(serde_json::json!({
                "id": 31, "name": "Firewall refresh", "expectedCloseDate": "2026-03-31T00:00:00Z",
                "type": {"id": 1, "name": "Managed Services", "_info": {"type_href": "x"}},
                "stage": {"id": 2, "name": "Qualified"}, "status": {"id": 1, "name": "Open"},
                "probability": {"id": 2, "name": "25"},
                "primarySalesRep": {"id": 243, "identifier": "PsaSdkApi", "name": "PSA SDK API"},
                "locationId": 2, "businessUnitId": 10,
                "company": {"id": 250, "identifier": "Contoso", "name": "Contoso"},
                "contact": {"id": 500, "name": "Ada Lovelace"}, "customFields": [],
                "someNewField": {"kept": true},
                "_info": {"lastUpdated": "2026-01-05T10:00:00Z", "updatedBy": "PsaSdkApi"}
            }));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let new = NewOpportunity::new("Firewall refresh", 250, 500, 243)
        .stage(2)
        .opportunity_type(1);
    let o = client.opportunities().create(&new).await.unwrap();
    post.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
    assert_eq!(o.id, 31);
    assert_eq!(o.stage.and_then(|s| s.name).as_deref(), Some("Qualified"));
    assert_eq!(o.opportunity_type.and_then(|t| t.id), Some(1));
    assert!(o.expected_close_date.is_some());
    assert!(o.extra.contains_key("someNewField"));
}

#[tokio::test]
async fn list_sends_conditions_and_stages_come_in_pipeline_order() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/opportunities"))
                .query_param("conditions", "company/id = 250")
                .query_param("pageSize", "25")
                .query_param("page", "1");
            then.status(200).json_body(serde_json::json!([
                {"id": 1, "name": "A", "company": {"id": 250}},
                {"id": 2, "name": "B", "company": {"id": 250}}
            ]));
        })
        .await;
    let stages = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("sales/stages"))
                .query_param("pageSize", "1000");
            then.status(200).json_body(serde_json::json!([
                {"id": 9, "name": "Won", "sequenceNumber": 3},
                {"id": 4, "name": "Prospect", "sequenceNumber": 1, "probability": {"id": 1, "name": "10"}}
            ]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let q = Query::new()
        .conditions(field("company/id").eq(250))
        .page_size(25);
    let page = client.opportunities().list(&q, None).await.unwrap();
    assert_eq!(page.items.len(), 2);
    let s = client.opportunities().stages().await.unwrap();
    assert_eq!(s.iter().map(|s| s.id).collect::<Vec<_>>(), vec![4, 9]);
    list.assert_calls_async(1).await;
    stages.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn invalid_opportunity_is_rejected_before_sending() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let err = client
        .opportunities()
        .create(&NewOpportunity::new(" ", 1, 2, 3))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn sim_opportunities_round_trip_with_the_sales_right() {
    let sim = ConnectWiseSim::builder()
        .seed(4)
        .companies(3)
        .set_level("Sales", "Opportunity", "inquire", "All")
        .set_level("Sales", "Opportunity", "add", "All")
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let api = client.opportunities();
    let seeded: Vec<_> = api
        .stream(Query::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert!(!seeded.is_empty());
    assert_eq!(api.count(None).await.unwrap(), seeded.len() as u64);
    let stages = api.stages().await.unwrap();
    assert!(
        stages
            .windows(2)
            .all(|w| w[0].sequence_number <= w[1].sequence_number)
    );
    let statuses = api.statuses().await.unwrap();
    assert!(statuses.iter().any(|s| s.is_closed()) && statuses.iter().any(|s| !s.is_closed()));
    let types = api.types().await.unwrap();
    assert!(types.iter().all(|t| t.description.is_some()));

    let contact = client
        .contacts()
        .list(&Query::new().page_size(1), None)
        .await
        .unwrap()
        .items
        .remove(0);
    let company = contact.company.as_ref().and_then(|c| c.id).unwrap();
    let members = client.members().list(&Query::new(), None).await.unwrap();
    let rep = members.items[0].id;
    let new = NewOpportunity::new("Backup upsell", company, contact.id, rep)
        .stage(stages[1].id)
        .opportunity_type(types[0].id);
    let created = api.create(&new).await.unwrap();
    let got = api.get(created.id).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Backup upsell"));
    assert_eq!(got.stage.and_then(|s| s.id), Some(stages[1].id));
    assert_eq!(got.company.and_then(|c| c.id), Some(company));
    let found = api
        .list(
            &Query::new().conditions(field("name").eq("Backup upsell")),
            None,
        )
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);

    // An unknown company is the vendor's 400, a typed error.
    let bad = NewOpportunity::new("Ghost", 999_999, contact.id, rep);
    assert_eq!(
        api.create(&bad).await.unwrap_err().kind(),
        ErrorKind::Validation
    );
    sim.stop().await;
}

#[tokio::test]
async fn sim_denies_opportunities_without_the_sales_right() {
    let sim = ConnectWiseSim::builder()
        .seed(4)
        .deny(psa_core::Capability::ReadOpportunities)
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let err = client
        .opportunities()
        .list(&Query::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    // Preflight names the missing row and its screen.
    let report = client
        .preflight(&psa_core::PreflightOptions::for_capabilities([
            psa_core::Capability::ReadOpportunities,
        ]))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(psa_core::Capability::ReadOpportunities),
        Some(psa_core::CheckOutcome::Missing)
    );
    assert!(report.to_string().contains("Sales / Opportunity"));
    sim.stop().await;
}

#[tokio::test]
async fn sim_preflight_reports_create_opportunities_missing_when_denied() {
    let sim = ConnectWiseSim::builder()
        .seed(4)
        .deny(psa_core::Capability::CreateOpportunities)
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let report = client
        .preflight(&psa_core::PreflightOptions::all())
        .await
        .unwrap();
    assert_eq!(
        report.outcome(psa_core::Capability::CreateOpportunities),
        Some(psa_core::CheckOutcome::Missing)
    );
    assert_eq!(
        report.outcome(psa_core::Capability::ReadOpportunities),
        Some(psa_core::CheckOutcome::Granted)
    );
    assert_eq!(
        report.outcome(psa_core::Capability::ReadTicketCategories),
        Some(psa_core::CheckOutcome::Granted)
    );
    let denied = NewOpportunity::new("Denied", 250, 500, 243);
    let err = client.opportunities().create(&denied).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    sim.stop().await;
}
