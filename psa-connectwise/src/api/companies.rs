//! `/company/companies`: get, list, count.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};

use super::{get_typed, list_typed, stream_typed};
use crate::models::Company;
use crate::{Condition, ConnectWiseClient, Query};

const PATH: &str = "company/companies";

/// Companies; see [`ConnectWiseClient::companies`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(3).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{field, Query};
/// let first = client.companies().list(&Query::new().page_size(1), None).await?;
/// let name = first.items[0].name.clone().unwrap_or_default();
/// let found = client.companies().list(&Query::new().conditions(field("name").eq(name.as_str())), None).await?;
/// assert_eq!(found.items[0].id, first.items[0].id);
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CompaniesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> CompaniesApi<'a> {
    /// One company.
    pub async fn get(&self, id: i64) -> Result<Company> {
        Ok(get_typed(self.client, &format!("{PATH}/{id}"), "company")
            .await?
            .0)
    }

    /// One page of companies.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<Company>> {
        list_typed(self.client, PATH, "company", query, page).await
    }

    /// Every company matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<Company>> {
        stream_typed(self.client, PATH.to_string(), "company", query)
    }

    /// `GET /company/companies/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }
}
