//! Resources: `/V1.0/Resources` (query, get, update; no create or delete).

use psa_core::Result;

use super::{Entity, EntityApi, ResourcesApi, unsupported};
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
}

impl AutotaskClient {
    /// Resources (technicians and API users).
    pub fn resources(&self) -> ResourcesApi<'_> {
        EntityApi::new(self)
    }

    /// The active staff with an email address, for importing an MSP's technicians: every
    /// resource with `isActive = true` and `email` set, page by page. API-only users (a
    /// `licenseType` whose label names "API") are left out when `include_api_users` is false.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(5).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).base_url(sim.zone_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use futures::TryStreamExt;
    /// let staff: Vec<_> = client.active_staff(false).try_collect().await?;
    /// assert!(staff.iter().all(|r| r.is_active == Some(true) && r.email.is_some()));
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn active_staff(
        &self,
        include_api_users: bool,
    ) -> futures::stream::BoxStream<'_, Result<Resource>> {
        use futures::{StreamExt, TryStreamExt};
        let client = self;
        let staff = futures::stream::once(async move {
            let api_licenses = if include_api_users {
                Vec::new()
            } else {
                client.api_user_licenses().await?
            };
            let q = Query::with(Filter::eq("isActive", true)).filter(Filter::exist("email"));
            Ok::<_, psa_core::Error>(client.resources().stream(q).try_filter(move |r| {
                let has_email = r.email.as_deref().is_some_and(|e| !e.trim().is_empty());
                let api_only = r.license_type.is_some_and(|l| api_licenses.contains(&l));
                futures::future::ready(has_email && !api_only)
            }))
        })
        .try_flatten();
        staff.boxed()
    }

    /// The `licenseType` values whose label names an API-only license ("API User").
    async fn api_user_licenses(&self) -> Result<Vec<i64>> {
        let licenses = self.picklist(Resource::NAME, "licenseType").await?;
        Ok(licenses
            .values()
            .iter()
            .filter(|v| {
                v.label
                    .as_deref()
                    .is_some_and(|l| l.to_ascii_lowercase().contains("api"))
            })
            .filter_map(|v| v.value.as_deref().and_then(|x| x.trim().parse().ok()))
            .collect())
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
