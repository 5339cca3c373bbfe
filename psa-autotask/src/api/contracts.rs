//! Contracts, contract services, the service catalogue and time entries:
//! `/V1.0/Contracts`, `/V1.0/ContractServices` (written under `Contracts/{id}/Services`),
//! `/V1.0/Services`, `/V1.0/TimeEntries`.

use psa_core::Result;

use super::{Entity, EntityApi, child_path, top_level, with_id};
use crate::AutotaskClient;
use crate::models::{Contract, ContractService, Service, TimeEntry};

/// The `Contract` handler: [`AutotaskClient::contracts`].
pub type ContractsApi<'c> = EntityApi<'c, Contract>;
/// The `ContractService` handler: [`AutotaskClient::contract_services`].
pub type ContractServicesApi<'c> = EntityApi<'c, ContractService>;
/// The `Service` handler: [`AutotaskClient::services`].
pub type ServicesApi<'c> = EntityApi<'c, Service>;
/// The `TimeEntry` handler: [`AutotaskClient::time_entries`].
pub type TimeEntriesApi<'c> = EntityApi<'c, TimeEntry>;

impl Entity for Contract {
    const NAME: &'static str = "Contracts";

    fn id(&self) -> Option<i64> {
        self.id
    }
}

impl Entity for ContractService {
    const NAME: &'static str = "ContractServices";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "Contracts",
            self.contract_id,
            "Services",
            "contractID",
        )
    }
    fn update_path(&self) -> Result<String> {
        self.create_path()
    }
}

impl Entity for Service {
    const NAME: &'static str = "Services";

    fn id(&self) -> Option<i64> {
        self.id
    }
}

impl Entity for TimeEntry {
    const NAME: &'static str = "TimeEntries";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn delete_path(&self) -> Result<String> {
        with_id(top_level(Self::NAME), self.id, Self::NAME)
    }
}

impl AutotaskClient {
    /// Contracts.
    ///
    /// ```
    /// let mut c = psa_autotask::models::Contract::default();
    /// c.contract_name = Some("Managed Services".into());
    /// c.company_id = Some(174);
    /// assert_eq!(serde_json::to_value(&c).unwrap()["contractName"], "Managed Services");
    /// ```
    pub fn contracts(&self) -> ContractsApi<'_> {
        EntityApi::new(self)
    }
    /// The services on contracts. Writes go to `Contracts/{contractID}/Services`, so
    /// `contract_id` must be set.
    pub fn contract_services(&self) -> ContractServicesApi<'_> {
        EntityApi::new(self)
    }
    /// The service catalogue.
    pub fn services(&self) -> ServicesApi<'_> {
        EntityApi::new(self)
    }
    /// Time entries (on tickets and tasks).
    pub fn time_entries(&self) -> TimeEntriesApi<'_> {
        EntityApi::new(self)
    }
}
