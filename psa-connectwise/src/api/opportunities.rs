//! `/sales/opportunities`: get, list, stream, count, create; the stages, statuses and types.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};
use serde_json::Value;

use super::{all_typed, get_typed, list_typed, stream_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{
    NewOpportunity, Opportunity, OpportunityStage, OpportunityStatus, OpportunityType,
};
use crate::{Condition, ConnectWiseClient, Patch, Query};

const PATH: &str = "sales/opportunities";

/// Sales opportunities; see [`ConnectWiseClient::opportunities`]. Needs the role's Sales >
/// Opportunity rights (Inquire to read, Add to create).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).set_level("Sales", "Opportunity", "inquire", "All")
/// #     .set_level("Sales", "Opportunity", "add", "All").start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{Query, models::NewOpportunity};
/// let stages = client.opportunities().stages().await?;
/// let contact = client.contacts().list(&Query::new().page_size(1), None).await?.items.remove(0);
/// let company = contact.company.as_ref().and_then(|c| c.id).unwrap_or_default();
/// let me = client.members().list(&Query::new().page_size(1), None).await?.items.remove(0);
/// let new = NewOpportunity::new("Firewall refresh", company, contact.id, me.id).stage(stages[0].id);
/// let created = client.opportunities().create(&new).await?;
/// assert_eq!(client.opportunities().get(created.id).await?.name.as_deref(), Some("Firewall refresh"));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct OpportunitiesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> OpportunitiesApi<'a> {
    /// One opportunity.
    pub async fn get(&self, id: i64) -> Result<Opportunity> {
        Ok(
            get_typed(self.client, &format!("{PATH}/{id}"), "opportunity")
                .await?
                .0,
        )
    }

    /// One page of opportunities.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<Opportunity>> {
        list_typed(self.client, PATH, "opportunity", query, page).await
    }

    /// Every opportunity matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<Opportunity>> {
        stream_typed(self.client, PATH.to_string(), "opportunity", query)
    }

    /// `GET /sales/opportunities/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// Creates an opportunity (sent once; checked with [`NewOpportunity::validate`] first).
    pub async fn create(&self, opportunity: &NewOpportunity) -> Result<Opportunity> {
        opportunity.validate()?;
        let body = serde_json::to_value(opportunity)?;
        let resp = self.client.execute(&Call::post(PATH).json(body)).await?;
        let v: Value = decode(&resp)?;
        typed_one("opportunity", &v)
    }

    /// Changes an opportunity with a JSON-patch document (`PATCH /sales/opportunities/{id}`).
    pub async fn update(&self, id: i64, patch: &Patch) -> Result<Opportunity> {
        let body = serde_json::to_value(patch)?;
        let resp = self
            .client
            .execute(&Call::at(http::Method::PATCH, format!("{PATH}/{id}")).json(body))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("opportunity", &v)
    }

    /// Every sales stage (`/sales/stages`), in pipeline order (`sequenceNumber`).
    pub async fn stages(&self) -> Result<Vec<OpportunityStage>> {
        let mut all: Vec<OpportunityStage> = all_typed(
            self.client,
            "sales/stages",
            "sales stage",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await?;
        all.sort_by_key(|s| (s.sequence_number.unwrap_or(i64::MAX), s.id));
        Ok(all)
    }

    /// Every opportunity status (`/sales/opportunities/statuses`).
    pub async fn statuses(&self) -> Result<Vec<OpportunityStatus>> {
        all_typed(
            self.client,
            "sales/opportunities/statuses",
            "opportunity status",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await
    }

    /// Every opportunity type (`/sales/opportunities/types`).
    pub async fn types(&self) -> Result<Vec<OpportunityType>> {
        all_typed(
            self.client,
            "sales/opportunities/types",
            "opportunity type",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await
    }
}
