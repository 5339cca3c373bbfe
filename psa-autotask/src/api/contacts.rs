//! Contacts: queried at `/V1.0/Contacts`, written under `/V1.0/Companies/{id}/Contacts`.

use psa_core::Result;

use super::{ContactsApi, Entity, EntityApi, child_path, with_id};
use crate::AutotaskClient;
use crate::models::Contact;

impl Entity for Contact {
    const NAME: &'static str = "Contacts";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "Companies",
            self.company_id,
            "Contacts",
            "companyID",
        )
    }
    fn update_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "Companies",
            self.company_id,
            "Contacts",
            "companyID",
        )
    }
    fn delete_path(&self) -> Result<String> {
        with_id(self.create_path(), self.id, Self::NAME)
    }
}

impl AutotaskClient {
    /// Contacts. Writes go to `Companies/{companyID}/Contacts`, so `company_id` must be set.
    pub fn contacts(&self) -> ContactsApi<'_> {
        EntityApi::new(self)
    }
}
