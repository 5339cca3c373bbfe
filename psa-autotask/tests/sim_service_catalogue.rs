//! The service catalogue against the simulator: `Services` and `ContractServices` are seeded,
//! queried with filters and streamed; with the contract rights denied, the vendor refuses them and
//! preflight names the rows under `read-contracts`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures::TryStreamExt;
use psa_autotask::models::{ContractService, Service};
use psa_autotask::{AutotaskClient, Filter, Query};
use psa_core::{Capability, CheckOutcome, ClientOptions, Connector, ErrorKind, PreflightOptions};

async fn sim_client(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
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
async fn services_and_contract_services_are_served_and_filtered() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(21)
        .companies(2)
        .start()
        .await
        .unwrap();
    let client = sim_client(&sim).await;

    let services: Vec<Service> = client
        .services()
        .stream(Query::with(Filter::exist("id")).max_records(1))
        .try_collect()
        .await
        .unwrap();
    assert!(!services.is_empty(), "the catalogue is seeded");
    assert!(services.iter().all(|s| s.name.is_some()), "{services:?}");
    let one = client
        .services()
        .get(services[0].id.unwrap())
        .await
        .unwrap();
    assert_eq!(one.name, services[0].name);

    let all: Vec<ContractService> = client
        .contract_services()
        .stream(Query::with(Filter::exist("id")))
        .try_collect()
        .await
        .unwrap();
    assert!(!all.is_empty(), "each seeded contract has a service");
    let contract = all[0].contract_id.unwrap();
    let on_contract: Vec<ContractService> = client
        .contract_services()
        .stream(Query::with(Filter::eq("contractID", contract)))
        .try_collect()
        .await
        .unwrap();
    assert!(!on_contract.is_empty());
    assert!(
        on_contract.iter().all(|s| s.contract_id == Some(contract)),
        "the filter holds: {on_contract:?}"
    );
    let known: Vec<i64> = services.iter().filter_map(|s| s.id).collect();
    assert!(
        all.iter()
            .all(|cs| cs.service_id.is_some_and(|id| known.contains(&id))),
        "contract services point at catalogue services"
    );
    sim.stop().await;
}

#[tokio::test]
async fn without_the_contract_rights_the_catalogue_is_refused_and_preflight_names_it() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(22)
        .companies(1)
        .deny(Capability::ReadContracts)
        .start()
        .await
        .unwrap();
    let client = sim_client(&sim).await;
    for err in [
        client
            .services()
            .query(&Query::with(Filter::exist("id")))
            .await
            .unwrap_err(),
        client
            .contract_services()
            .query(&Query::with(Filter::exist("id")))
            .await
            .unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    }
    let report = client
        .preflight(&PreflightOptions::for_capabilities([
            Capability::ReadContracts,
        ]))
        .await
        .unwrap();
    assert_eq!(
        report.outcome(Capability::ReadContracts),
        Some(CheckOutcome::Missing),
        "{report}"
    );
    let text = report.to_string();
    assert!(text.contains("ContractServices"), "{text}");
    assert!(text.contains("Services"), "{text}");
    sim.stop().await;
}
