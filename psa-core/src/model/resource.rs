use serde::{Deserialize, Serialize};

use crate::{ResourceId, Vendor};

/// A technician or API user: an Autotask resource, a ConnectWise member, a Syncro user.
///
/// ```
/// let r = psa_core::Resource::new(psa_core::Vendor::ConnectWise, psa_core::ResourceId(3), "Sam Tech", Default::default());
/// assert_eq!(r.name, "Sam Tech");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// The PSA the record came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: ResourceId,
    /// Display name.
    pub name: String,
    /// Login name or identifier.
    pub username: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Whether the resource is active.
    pub is_active: bool,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Resource {
    /// An active resource.
    pub fn new(
        vendor: Vendor,
        id: ResourceId,
        name: impl Into<String>,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Resource {
            vendor,
            id,
            name: name.into(),
            username: None,
            email: None,
            is_active: true,
            vendor_record,
        }
    }
}
