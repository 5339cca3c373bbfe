//! Resources: `/V1.0/Resources` (query, get, update; no create or delete).

use psa_core::Result;

use super::{Entity, EntityApi, ResourcesApi, top_level, unsupported};
use crate::models::Resource;
use crate::{AutotaskClient, Filter, Query};

impl Entity for Resource {
    const NAME: &'static str = "Resources";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "create"))
    }
    fn update_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }
    fn delete_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "delete"))
    }
}

impl AutotaskClient {
    /// Resources (technicians and API users).
    pub fn resources(&self) -> ResourcesApi<'_> {
        EntityApi::new(self)
    }

    /// The API user's own resource: `userName` equal to the username (or the part before
    /// `@`), then `email` equal to the username.
    pub async fn whoami(&self) -> Result<Option<Resource>> {
        let username = self.username().to_string();
        let short = username.split('@').next().unwrap_or(&username).to_string();
        let mut names = vec![username.clone()];
        if short != username {
            names.push(short);
        }
        let by_name = Query::with(Filter::is_in("userName", names.clone())).max_records(10);
        let page = self.resources().query(&by_name).await?;
        let found = page.items.into_iter().find(|r| {
            r.user_name
                .as_deref()
                .is_some_and(|u| names.iter().any(|n| n.eq_ignore_ascii_case(u)))
        });
        if found.is_some() {
            return Ok(found);
        }
        let by_email = Query::with(Filter::eq("email", username.as_str())).max_records(10);
        Ok(self
            .resources()
            .query(&by_email)
            .await?
            .items
            .into_iter()
            .next())
    }
}
