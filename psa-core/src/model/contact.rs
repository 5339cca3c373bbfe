use serde::{Deserialize, Serialize};

use crate::{CompanyId, ContactId, Vendor};

/// A person at a customer company.
///
/// ```
/// let mut c = psa_core::Contact::new(psa_core::Vendor::Syncro, psa_core::ContactId(5), "Ada Lovelace", Default::default());
/// c.email = Some("ada@example.com".into());
/// assert!(c.has_email("ADA@example.com"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// The PSA the record came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: ContactId,
    /// The company the contact belongs to.
    pub company: Option<CompanyId>,
    /// Full display name.
    pub name: String,
    /// First name, where the vendor splits names.
    pub first_name: Option<String>,
    /// Last name, where the vendor splits names.
    pub last_name: Option<String>,
    /// Primary email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Whether the contact is active.
    pub is_active: bool,
    /// When it last changed (UTC), when the vendor reports it.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_at: Option<time::OffsetDateTime>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Contact {
    /// An active contact.
    pub fn new(
        vendor: Vendor,
        id: ContactId,
        name: impl Into<String>,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Contact {
            vendor,
            id,
            company: None,
            name: name.into(),
            first_name: None,
            last_name: None,
            email: None,
            phone: None,
            is_active: true,
            updated_at: None,
            vendor_record,
        }
    }

    /// Whether the contact's email equals `email`, ignoring case and surrounding spaces.
    pub fn has_email(&self, email: &str) -> bool {
        self.email
            .as_deref()
            .is_some_and(|e| e.trim().eq_ignore_ascii_case(email.trim()))
    }
}
