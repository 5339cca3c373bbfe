//! `psa_core::BusinessConnector` on the Autotask simulator: the testkit's staff, ticket-kind
//! and opportunity checks. (The simulator seeds no contracts or time entries yet, so
//! `assert_contracts_and_time` runs on the wire tests' fixtures instead.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_autotask::AutotaskClient;
use psa_core::testkit::business::{
    BusinessFixture, assert_opportunities, assert_resources, assert_ticket_kinds,
};
use psa_core::{
    BusinessConnector, ClientOptions, CompanyId, NewOpportunity, OpportunityId, OpportunityQuery,
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
    let owner = assert_resources(&client).await;
    assert_ticket_kinds(&client).await;
    assert_opportunities(&client, &fixture, owner).await;
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
