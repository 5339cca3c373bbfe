use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{CompanyId, ContractId, Vendor};

/// A contract: an Autotask contract, a ConnectWise agreement, a Syncro contract. Read-only in
/// the vendor-neutral API (billing tools read them; each vendor client writes them natively).
///
/// ```
/// use psa_core::{Contract, ContractId, Vendor};
/// let c = Contract::new(Vendor::ConnectWise, ContractId(3), "Managed services", Default::default());
/// assert!(c.is_active);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    /// The PSA the record came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: ContractId,
    /// Name.
    pub name: String,
    /// The company it is with.
    pub company: Option<CompanyId>,
    /// The contract type as the vendor names it (Autotask: recurring service, block hours, …;
    /// ConnectWise: agreement type name).
    pub contract_type: Option<String>,
    /// The vendor's status label or key, when it has one.
    pub status: Option<String>,
    /// Whether the contract is active.
    pub is_active: bool,
    /// When it starts (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub starts_at: Option<OffsetDateTime>,
    /// When it ends (UTC); `None` when open-ended.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub ends_at: Option<OffsetDateTime>,
    /// When it last changed (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_at: Option<OffsetDateTime>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Contract {
    /// An active contract with only the required fields set.
    pub fn new(
        vendor: Vendor,
        id: ContractId,
        name: impl Into<String>,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Contract {
            vendor,
            id,
            name: name.into(),
            company: None,
            contract_type: None,
            status: None,
            is_active: true,
            starts_at: None,
            ends_at: None,
            updated_at: None,
            vendor_record,
        }
    }
}
