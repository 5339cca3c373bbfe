use serde::{Deserialize, Serialize};

use crate::{CompanyId, Vendor};

/// A company (Autotask company, ConnectWise company, Syncro customer).
///
/// ```
/// let c = psa_core::Company::new(psa_core::Vendor::Autotask, psa_core::CompanyId(1), "Contoso", Default::default());
/// assert!(c.is_active);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    /// The PSA the record came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: CompanyId,
    /// Display name.
    pub name: String,
    /// Short identifier, where the vendor has one (ConnectWise `identifier`).
    pub identifier: Option<String>,
    /// Main phone number.
    pub phone: Option<String>,
    /// Whether the company is active.
    pub is_active: bool,
    /// When it last changed (UTC), when the vendor reports it.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_at: Option<time::OffsetDateTime>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Company {
    /// An active company.
    pub fn new(
        vendor: Vendor,
        id: CompanyId,
        name: impl Into<String>,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Company {
            vendor,
            id,
            name: name.into(),
            identifier: None,
            phone: None,
            is_active: true,
            updated_at: None,
            vendor_record,
        }
    }
}
