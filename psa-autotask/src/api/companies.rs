//! Companies: `/V1.0/Companies`.

use psa_core::Result;

use super::{CompaniesApi, Entity, EntityApi, top_level, unsupported};
use crate::AutotaskClient;
use crate::models::Company;

impl Entity for Company {
    const NAME: &'static str = "Companies";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }
    fn update_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }
    fn delete_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "delete"))
    }
}

impl AutotaskClient {
    /// Companies.
    pub fn companies(&self) -> CompaniesApi<'_> {
        EntityApi::new(self)
    }
}
