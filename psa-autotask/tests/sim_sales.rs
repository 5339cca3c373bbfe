//! Opportunities, ticket categories and staff import against the simulator, with the vendor's
//! permission checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures::TryStreamExt;
use psa_autotask::models::Opportunity;
use psa_autotask::{AutotaskClient, Filter, Query};
use psa_core::{ClientOptions, ErrorKind};

async fn client_for(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
    AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap()
}

#[tokio::test]
async fn opportunities_list_create_update_with_picklist_values() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(8)
        .companies(4)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;

    let all: Vec<Opportunity> = client
        .opportunities()
        .stream(Query::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 4, "one seeded opportunity per company");
    let picks = client.opportunity_picklists().await.unwrap();
    for o in &all {
        let stage = o.stage.unwrap().to_string();
        assert!(
            picks.stage.label_of(&stage).is_some(),
            "stage {stage} is a picklist value"
        );
        assert!(sim.company_ids().contains(&o.company_id.unwrap()));
    }

    let stage = picks.stage.default_value().unwrap().parse::<i64>().unwrap();
    let status = picks
        .status
        .resolve("Active")
        .unwrap()
        .parse::<i64>()
        .unwrap();
    let mut new = Opportunity::default();
    new.title = Some("Microsoft 365 migration".into());
    new.company_id = Some(sim.company_ids()[1]);
    new.owner_resource_id = all[0].owner_resource_id;
    new.stage = Some(stage);
    new.status = Some(status);
    new.opportunity_category_id = picks.category.default_value().and_then(|c| c.parse().ok());
    new.projected_close_date = Some(time::OffsetDateTime::now_utc() + time::Duration::days(30));
    let id = client.opportunities().create(&new).await.unwrap();
    let back = client.opportunities().get(id).await.unwrap();
    assert_eq!(back.title, new.title);
    assert_eq!(back.stage, Some(stage));
    assert!(back.create_date.is_some(), "the server sets createDate");

    let proposal = picks
        .stage
        .resolve("Proposal")
        .unwrap()
        .parse::<i64>()
        .unwrap();
    let mut change = Opportunity::default();
    change.id = Some(id);
    change.stage = Some(proposal);
    client.opportunities().update(&change).await.unwrap();
    assert_eq!(
        client.opportunities().get(id).await.unwrap().stage,
        Some(proposal)
    );

    // A value outside the stage picklist is refused like Autotask does.
    change.stage = Some(999);
    let err = client.opportunities().update(&change).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);

    // A create without the required fields names them.
    let mut bare = Opportunity::default();
    bare.title = Some("No company".into());
    let err = client.opportunities().create(&bare).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    sim.stop().await;
}

#[tokio::test]
async fn a_denied_opportunity_right_gets_the_vendor_refusal() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(8)
        .companies(2)
        .deny_access("Opportunities", "create")
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let existing = client.opportunities().get(1101).await.unwrap();
    let mut copy = Opportunity::default();
    copy.title = Some("Copy".into());
    copy.company_id = existing.company_id;
    copy.owner_resource_id = existing.owner_resource_id;
    copy.stage = existing.stage;
    copy.status = existing.status;
    copy.projected_close_date = existing.projected_close_date;
    let err = client.opportunities().create(&copy).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    let info = client.opportunities().entity_information().await.unwrap();
    assert_eq!(info.can_create, Some(true));
    sim.stop().await;
}

#[tokio::test]
async fn ticket_categories_match_the_ticket_category_picklist() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(8)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let cats: Vec<_> = client
        .ticket_categories()
        .stream(Query::new())
        .try_collect()
        .await
        .unwrap();
    let picks = client.ticket_picklists().await.unwrap();
    assert_eq!(cats.len(), picks.ticket_category.values().len());
    for c in &cats {
        let id = c.id.unwrap().to_string();
        assert_eq!(picks.ticket_category.label_of(&id), c.name.as_deref());
    }
    assert_eq!(
        cats.iter()
            .filter(|c| c.is_global_default == Some(true))
            .count(),
        1
    );
    // Issue types and their sub-issue types are linked by parentValue.
    let issue = picks.issue_type.values()[0].value.clone().unwrap();
    assert!(
        picks
            .sub_issue_type
            .values()
            .iter()
            .any(|s| s.parent_value.as_deref() == Some(issue.as_str()))
    );
    sim.stop().await;
}

#[tokio::test]
async fn active_staff_is_active_technicians_with_email() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(8)
        .start()
        .await
        .unwrap();
    let client = client_for(&sim).await;
    let staff: Vec<_> = client.active_staff(false).try_collect().await.unwrap();
    let everyone: Vec<_> = client
        .resources()
        .stream(Query::with(Filter::exist("id")))
        .try_collect()
        .await
        .unwrap();
    let me = client.whoami().await.unwrap().unwrap();
    assert!(!staff.is_empty());
    assert!(
        staff
            .iter()
            .all(|r| r.is_active == Some(true) && r.email.is_some())
    );
    assert!(
        staff.iter().all(|r| r.id != me.id),
        "API users are left out"
    );
    assert!(staff.len() < everyone.len());
    let with_api: Vec<_> = client.active_staff(true).try_collect().await.unwrap();
    assert!(with_api.iter().any(|r| r.id == me.id));
    sim.stop().await;
}
