//! The records beyond tickets: [`BusinessConnector`] (opportunities, staff, contracts, time
//! entries, ticket types and categories), its stream helpers [`BusinessConnectorExt`], and
//! [`BaseDataCache`], the shared TTL cache of base data.

mod cache;
#[cfg(test)]
pub(crate) mod fake;
mod query;

use async_trait::async_trait;
use futures::stream::BoxStream;

use crate::{
    Connector, Contract, NewOpportunity, Opportunity, OpportunityId, OpportunityStage,
    OpportunityUpdate, Page, PageToken, Resource, Result, TicketCategory, TicketType, TimeEntry,
    paged,
};

pub use cache::{BaseDataCache, DEFAULT_BASE_DATA_TTL};
pub use query::{ContractQuery, OpportunityQuery, ResourceQuery, TimeEntryQuery};

/// The vendor-neutral calls for the records MSP tools sync beyond tickets: sales
/// opportunities, staff (resources), contracts, time entries, and ticket types and
/// categories as base data.
///
/// # Why a second trait
///
/// [`Connector`] is what every ticketing integration needs, and every vendor implements all
/// of it. These records are what CRM, billing and staff-import tools need, and not every PSA
/// has them (Syncro has no opportunities). Keeping them apart keeps `Connector` focused: a
/// wrapper or test double of `Connector` does not grow ten methods it never uses, and a
/// function that needs opportunities says so in its signature (`&dyn BusinessConnector`).
/// `BusinessConnector: Connector`, so one object serves both (an
/// `Arc<dyn BusinessConnector>` coerces to `Arc<dyn Connector>`).
///
/// # Unsupported records
///
/// Every method is required (no default bodies that a wrapper would inherit silently). A
/// vendor that lacks a concept returns [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported)
/// (see [`Error::unsupported`](crate::Error::unsupported)) and leaves the matching
/// [`Capability`](crate::Capability) out of [`Connector::capabilities`] — never an empty list.
///
/// | Method | Capability |
/// |---|---|
/// | `list_opportunities`, `opportunity`, `list_opportunity_stages` | `ReadOpportunities` |
/// | `create_opportunity`, `update_opportunity` | `CreateOpportunities` |
/// | `list_resources` | `ReadResources` |
/// | `list_contracts` | `ReadContracts` |
/// | `list_time_entries` | `ReadTimeEntries` |
/// | `list_ticket_types`, `list_ticket_categories` | `ReadTicketCategories` |
///
/// ```
/// use futures::TryStreamExt;
/// use psa_core::{BusinessConnector, BusinessConnectorExt, Capability, ResourceQuery};
///
/// /// The emails of the active staff, for a staff import.
/// async fn staff_emails(psa: &dyn BusinessConnector) -> psa_core::Result<Vec<String>> {
///     if !psa.capabilities().supports(Capability::ReadResources) {
///         return Ok(Vec::new());
///     }
///     let query = ResourceQuery::new().active(true);
///     psa.stream_resources(&query).try_filter_map(|r| async move { Ok(r.email) }).try_collect().await
/// }
/// ```
#[async_trait]
pub trait BusinessConnector: Connector {
    /// One page of opportunities. Pass the previous page's `next` to continue.
    async fn list_opportunities(
        &self,
        query: &OpportunityQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Opportunity>>;

    /// One opportunity; [`ErrorKind::NotFound`](crate::ErrorKind::NotFound) when it does not
    /// exist.
    async fn opportunity(&self, id: OpportunityId) -> Result<Opportunity>;

    /// Creates an opportunity (validate it with [`NewOpportunity::validate`], fill its blanks
    /// with [`OpportunityDefaults`](crate::OpportunityDefaults)) and returns it as stored.
    async fn create_opportunity(&self, opportunity: &NewOpportunity) -> Result<Opportunity>;

    /// Changes an opportunity and returns it as stored.
    async fn update_opportunity(
        &self,
        id: OpportunityId,
        update: &OpportunityUpdate,
    ) -> Result<Opportunity>;

    /// The stages of the sales pipeline.
    async fn list_opportunity_stages(&self) -> Result<Vec<OpportunityStage>>;

    /// One page of resources (staff): active flag, email, name.
    async fn list_resources(
        &self,
        query: &ResourceQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Resource>>;

    /// One page of contracts (ConnectWise: agreements).
    async fn list_contracts(
        &self,
        query: &ContractQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contract>>;

    /// One page of time entries (Syncro: ticket timers).
    async fn list_time_entries(
        &self,
        query: &TimeEntryQuery,
        page: Option<PageToken>,
    ) -> Result<Page<TimeEntry>>;

    /// The ticket types, sub-types included (Autotask issue/sub-issue types, ConnectWise
    /// board types/subtypes, Syncro problem types).
    async fn list_ticket_types(&self) -> Result<Vec<TicketType>>;

    /// The ticket categories (Autotask ticket categories, ConnectWise board items).
    async fn list_ticket_categories(&self) -> Result<Vec<TicketCategory>>;
}

/// Streams over every page of the [`BusinessConnector`] listings, for every connector
/// including `dyn BusinessConnector`. Same shape as
/// [`ConnectorExt::stream_tickets`](crate::ConnectorExt::stream_tickets): one page ahead,
/// stops on a repeated token.
pub trait BusinessConnectorExt: BusinessConnector {
    /// All opportunities matching a query, as a stream.
    ///
    /// ```
    /// use futures::TryStreamExt;
    /// use psa_core::{BusinessConnector, BusinessConnectorExt, OpportunityQuery};
    /// async fn open_titles(psa: &dyn BusinessConnector) -> psa_core::Result<Vec<String>> {
    ///     let q = OpportunityQuery::new().open_only(true);
    ///     psa.stream_opportunities(&q).map_ok(|o| o.title).try_collect().await
    /// }
    /// ```
    fn stream_opportunities<'a>(
        &'a self,
        query: &'a OpportunityQuery,
    ) -> BoxStream<'a, Result<Opportunity>> {
        paged(None, move |token| self.list_opportunities(query, token))
    }

    /// All resources matching a query, as a stream.
    fn stream_resources<'a>(&'a self, query: &'a ResourceQuery) -> BoxStream<'a, Result<Resource>> {
        paged(None, move |token| self.list_resources(query, token))
    }

    /// All contracts matching a query, as a stream.
    fn stream_contracts<'a>(&'a self, query: &'a ContractQuery) -> BoxStream<'a, Result<Contract>> {
        paged(None, move |token| self.list_contracts(query, token))
    }

    /// All time entries matching a query, as a stream.
    fn stream_time_entries<'a>(
        &'a self,
        query: &'a TimeEntryQuery,
    ) -> BoxStream<'a, Result<TimeEntry>> {
        paged(None, move |token| self.list_time_entries(query, token))
    }
}

impl<C: BusinessConnector + ?Sized> BusinessConnectorExt for C {}
