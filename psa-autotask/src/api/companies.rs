//! Companies: `/V1.0/Companies`.

use super::{CompaniesApi, Entity, EntityApi};
use crate::AutotaskClient;
use crate::models::Company;

impl Entity for Company {
    const NAME: &'static str = "Companies";

    fn id(&self) -> Option<i64> {
        self.id
    }
}

impl AutotaskClient {
    /// Companies.
    pub fn companies(&self) -> CompaniesApi<'_> {
        EntityApi::new(self)
    }
}
