//! `/finance/agreements`: get, list, stream, count; and each agreement's additions
//! (`/finance/agreements/{id}/additions`).

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};

use super::{get_typed, list_typed, stream_typed};
use crate::models::{Agreement, AgreementAddition};
use crate::{Condition, ConnectWiseClient, Query};

const PATH: &str = "finance/agreements";

/// Agreements and their additions; see [`ConnectWiseClient::agreements`]. Needs the role's
/// Finance > Agreements Inquire right. Conditions, `orderBy`, `fields` and both paging modes
/// work as on every ConnectWise list.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use futures::TryStreamExt;
/// use psa_connectwise::{Query, field};
/// let since = time::macros::datetime!(2020-01-01 0:00 UTC);
/// let q = Query::new().conditions(field("lastUpdated").gt(since));
/// let agreements: Vec<_> = client.agreements().stream(q).try_collect().await?;
/// let first = &agreements[0];
/// assert_eq!(client.agreements().get(first.id).await?.name, first.name);
/// let additions = client.agreements().additions(first.id).list(&Query::new(), None).await?;
/// assert!(additions.items.iter().all(|a| a.agreement_id == Some(first.id)));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct AgreementsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> AgreementsApi<'a> {
    /// One agreement.
    pub async fn get(&self, id: i64) -> Result<Agreement> {
        Ok(get_typed(self.client, &format!("{PATH}/{id}"), "agreement")
            .await?
            .0)
    }

    /// One page of agreements.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<Agreement>> {
        list_typed(self.client, PATH, "agreement", query, page).await
    }

    /// Every agreement matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<Agreement>> {
        stream_typed(self.client, PATH.to_string(), "agreement", query)
    }

    /// `GET /finance/agreements/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// The additions of one agreement (`/finance/agreements/{id}/additions`).
    pub fn additions(&self, agreement_id: i64) -> AgreementAdditionsApi<'a> {
        AgreementAdditionsApi {
            client: self.client,
            agreement_id,
        }
    }
}

/// The additions of one agreement; see [`AgreementsApi::additions`].
#[derive(Debug, Clone, Copy)]
pub struct AgreementAdditionsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
    pub(crate) agreement_id: i64,
}

impl<'a> AgreementAdditionsApi<'a> {
    fn path(&self) -> String {
        format!("{PATH}/{}/additions", self.agreement_id)
    }

    /// One addition.
    pub async fn get(&self, id: i64) -> Result<AgreementAddition> {
        let path = format!("{}/{id}", self.path());
        Ok(get_typed(self.client, &path, "agreement addition").await?.0)
    }

    /// One page of the agreement's additions.
    pub async fn list(
        &self,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<AgreementAddition>> {
        list_typed(self.client, &self.path(), "agreement addition", query, page).await
    }

    /// Every addition of the agreement matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<AgreementAddition>> {
        stream_typed(self.client, self.path(), "agreement addition", query)
    }

    /// `GET /finance/agreements/{id}/additions/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(&self.path(), &q).await
    }
}
