//! Ticket categories: `/V1.0/TicketCategories` (query, get, update; no create or delete).

use psa_core::Result;

use super::{Entity, EntityApi, TicketCategoriesApi, unsupported};
use crate::AutotaskClient;
use crate::models::TicketCategory;

impl Entity for TicketCategory {
    const NAME: &'static str = "TicketCategories";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "create"))
    }
}

impl AutotaskClient {
    /// Ticket categories. The issue and sub-issue types are ticket picklists, in
    /// [`ticket_picklists`](AutotaskClient::ticket_picklists) (`issue_type`, `sub_issue_type`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(5).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).base_url(sim.zone_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_autotask::{Filter, Query};
    /// let active = client.ticket_categories().query(&Query::with(Filter::eq("isActive", true))).await?;
    /// assert!(active.items.iter().any(|c| c.is_global_default == Some(true)));
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn ticket_categories(&self) -> TicketCategoriesApi<'_> {
        EntityApi::new(self)
    }
}
