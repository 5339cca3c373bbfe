//! `psa_core::BusinessConnector` on the Autotask simulator: the testkit's whole business suite
//! (staff, ticket kinds, opportunities, contracts and time entries, the base-data cache), and
//! how seeded contracts and time entries map to the core models.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_autotask::AutotaskClient;
use std::sync::Arc;

use futures::TryStreamExt;
use psa_core::testkit::business::{BusinessFixture, run_business_conformance};
use psa_core::{
    BusinessConnector, BusinessConnectorExt, ClientOptions, CompanyId, ContractQuery,
    NewOpportunity, OpportunityId, OpportunityQuery, TimeEntryParent, TimeEntryQuery,
};

async fn setup() -> (psa_sim::AutotaskSimHandle, AutotaskClient) {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(31)
        .companies(3)
        .start()
        .await
        .unwrap();
    let client = AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    (sim, client)
}

#[tokio::test]
async fn business_conformance_on_the_simulator() {
    let (sim, client) = setup().await;
    let fixture = BusinessFixture::new(CompanyId(sim.company_ids()[0]))
        .missing_opportunity(OpportunityId(999_999_937));
    run_business_conformance(Arc::new(client), &fixture).await;
    sim.stop().await;
}

#[tokio::test]
async fn seeded_contracts_and_time_entries_map_to_core() {
    let (sim, client) = setup().await;
    let contracts: Vec<_> = client
        .stream_contracts(&ContractQuery::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(contracts.len(), sim.company_ids().len());
    assert!(contracts.iter().any(|c| c.is_active));
    let active: Vec<_> = client
        .stream_contracts(&ContractQuery::new().active(true))
        .try_collect()
        .await
        .unwrap();
    assert!(!active.is_empty() && active.iter().all(|c| c.is_active));

    let entries: Vec<_> = client
        .stream_time_entries(&TimeEntryQuery::new())
        .try_collect()
        .await
        .unwrap();
    let on_task = entries
        .iter()
        .find_map(|t| match &t.parent {
            TimeEntryParent::Other { kind, id } => Some((kind.clone(), *id)),
            _ => None,
        })
        .expect("the simulator seeds time on project tasks");
    assert_eq!(on_task.0, "Task");
    let task = client.tasks().get(on_task.1).await.unwrap();
    assert_eq!(task.id, Some(on_task.1));
    assert!(entries.iter().any(|t| t.parent.ticket().is_some()));
    assert!(entries.iter().all(|t| t.hours.is_some_and(|h| h > 0.0)));
    sim.stop().await;
}

#[tokio::test]
async fn opportunities_map_to_core_with_picklist_keys() {
    let (sim, client) = setup().await;
    let open: Vec<_> =
        futures::TryStreamExt::try_collect(psa_core::BusinessConnectorExt::stream_opportunities(
            &client,
            &OpportunityQuery::new().open_only(true),
        ))
        .await
        .unwrap();
    assert!(open.iter().all(|o| !o.is_closed));
    let stages = client.list_opportunity_stages().await.unwrap();
    assert!(
        open.iter()
            .all(|o| stages.iter().any(|s| Some(&s.id) == o.stage.as_ref()))
    );
    // A stage given by label resolves to its value; an unknown one is a Validation error.
    let by_label = NewOpportunity::new("By label")
        .company(CompanyId(sim.company_ids()[0]))
        .owner(open[0].owner.unwrap())
        .stage("Proposal")
        .projected_close(time::OffsetDateTime::now_utc());
    let made = client.create_opportunity(&by_label).await.unwrap();
    assert_eq!(
        stages
            .iter()
            .find(|s| s.name == "Proposal")
            .map(|s| s.id.clone()),
        made.stage
    );
    let err = client
        .create_opportunity(&by_label.clone().stage("No such stage"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), psa_core::ErrorKind::Validation);
    sim.stop().await;
}
