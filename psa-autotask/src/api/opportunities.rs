//! Opportunities: `/V1.0/Opportunities` (query, get, create, update; no delete), and their
//! picklists from `Opportunities/entityInformation/fields`.

use psa_core::Result;

use super::metadata::Picklist;
use super::{Entity, EntityApi, OpportunitiesApi};
use crate::AutotaskClient;
use crate::models::Opportunity;

impl Entity for Opportunity {
    const NAME: &'static str = "Opportunities";

    fn id(&self) -> Option<i64> {
        self.id
    }
}

/// The opportunity picklists of the tenant, labels resolved.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpportunityPicklists {
    /// `stage` (the sales stages: Qualification, Proposal, …).
    pub stage: Picklist,
    /// `status` (Active, Lost, Closed, Implemented, …).
    pub status: Picklist,
    /// `opportunityCategoryID`.
    pub category: Picklist,
    /// `leadSource`.
    pub lead_source: Picklist,
    /// `rating`.
    pub rating: Picklist,
    /// `lossReason`.
    pub loss_reason: Picklist,
    /// `winReason`.
    pub win_reason: Picklist,
}

impl AutotaskClient {
    /// Opportunities.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(5).companies(3).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).base_url(sim.zone_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_autotask::{Filter, Query};
    /// let picks = client.opportunity_picklists().await?;
    /// let active = picks.status.resolve("Active").unwrap_or("1").to_string();
    /// let open = client.opportunities().query(&Query::with(Filter::eq("status", active.as_str()))).await?;
    /// assert!(open.items.iter().all(|o| o.status.map(|s| s.to_string()) == Some(active.clone())));
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn opportunities(&self) -> OpportunitiesApi<'_> {
        EntityApi::new(self)
    }

    /// The opportunity picklists (stage, status, category, lead source, rating, loss and win
    /// reasons), from one cached `Opportunities/entityInformation/fields` call.
    pub async fn opportunity_picklists(&self) -> Result<OpportunityPicklists> {
        let fields = self.fields(Opportunity::NAME).await?;
        let pick = |name: &str| {
            let values = fields
                .iter()
                .find(|f| {
                    f.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
                .map(|f| f.picklist().to_vec())
                .unwrap_or_default();
            Picklist::new(name, values)
        };
        Ok(OpportunityPicklists {
            stage: pick("stage"),
            status: pick("status"),
            category: pick("opportunityCategoryID"),
            lead_source: pick("leadSource"),
            rating: pick("rating"),
            loss_reason: pick("lossReason"),
            win_reason: pick("winReason"),
        })
    }
}
