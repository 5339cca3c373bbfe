//! The records beyond tickets: [`BusinessConnector`] (opportunities, staff, contracts, time
//! entries, ticket types and categories), its stream helpers [`BusinessConnectorExt`], and
//! [`BaseDataCache`], the shared TTL cache of base data.

mod cache;
#[cfg(test)]
pub(crate) mod fake;
mod query;

use async_trait::async_trait;
use futures::TryStreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;

use crate::{
    Capability, Connector, Contract, NewOpportunity, Opportunity, OpportunityDefaults,
    OpportunityId, OpportunityStage, OpportunityUpdate, Page, PageToken, Resource, Result,
    TicketCategory, TicketType, TimeEntry, paged,
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

    /// The active resource (staff member) whose email is `email`, compared case-insensitively
    /// and without surrounding spaces; `None` when nobody active has it.
    ///
    /// Lists the active resources and matches on this side, so the answer does not depend on
    /// how the vendor compares emails. A connector without
    /// [`Capability::ReadResources`](crate::Capability::ReadResources) answers `Unsupported`.
    fn resource_by_email<'a>(&'a self, email: &'a str) -> BoxFuture<'a, Result<Option<Resource>>> {
        Box::pin(async move {
            let want = email.trim();
            if want.is_empty() {
                return Ok(None);
            }
            let query = ResourceQuery::new().active(true);
            let mut staff = self.stream_resources(&query);
            while let Some(r) = staff.try_next().await? {
                if r.is_active
                    && r.email
                        .as_deref()
                        .is_some_and(|e| e.trim().eq_ignore_ascii_case(want))
                {
                    return Ok(Some(r));
                }
            }
            Ok(None)
        })
    }

    /// Creates an opportunity the way MSPortal does, in one call: finds the requesting user's
    /// PSA account (an active resource with `requester_email`, see
    /// [`resource_by_email`](Self::resource_by_email)), fills the blanks of `opportunity` with
    /// `defaults` ([`OpportunityDefaults::apply`]: the caller's owner, else the requester's
    /// account, else the owner fallback; projected close = now + N days; default stage and
    /// category), validates it and creates it.
    ///
    /// The requester is looked up only when the caller set no owner and gave an email. A
    /// connector that cannot list resources (no
    /// [`Capability::ReadResources`](crate::Capability::ReadResources)) uses the fallback
    /// owner. A connector without
    /// [`Capability::CreateOpportunities`](crate::Capability::CreateOpportunities) answers
    /// `Unsupported` before anything is looked up.
    ///
    /// ```no_run
    /// use psa_core::{BusinessConnector, BusinessConnectorExt, NewOpportunity};
    /// use psa_core::{OpportunityDefaults, ResourceId};
    /// async fn request(psa: &dyn BusinessConnector) -> psa_core::Result<()> {
    ///     let defaults = OpportunityDefaults::new()
    ///         .stage("1")
    ///         .category("3")
    ///         .owner_fallback(ResourceId(29682885))
    ///         .close_in_days(30);
    ///     let o = psa
    ///         .create_opportunity_with(&defaults, NewOpportunity::new("Laptop refresh"), Some("ana@client.example"))
    ///         .await?;
    ///     println!("opportunity {} owned by {:?}", o.id, o.owner);
    ///     Ok(())
    /// }
    /// ```
    fn create_opportunity_with<'a>(
        &'a self,
        defaults: &'a OpportunityDefaults,
        opportunity: NewOpportunity,
        requester_email: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Opportunity>> {
        Box::pin(async move {
            let caps = self.capabilities();
            if !caps.supports(Capability::CreateOpportunities) {
                return Err(crate::Error::unsupported(
                    self.vendor(),
                    "creating opportunities (the create-opportunities capability is absent)",
                ));
            }
            let requester = match requester_email {
                Some(email)
                    if opportunity.owner.is_none() && caps.supports(Capability::ReadResources) =>
                {
                    self.resource_by_email(email).await?.map(|r| r.id)
                }
                _ => None,
            };
            let new = defaults.apply(opportunity, requester, time::OffsetDateTime::now_utc());
            new.validate()?;
            self.create_opportunity(&new).await
        })
    }
}

impl<C: BusinessConnector + ?Sized> BusinessConnectorExt for C {}

#[cfg(test)]
mod tests {
    use super::fake::Counting;
    use super::*;
    use crate::{CompanyId, ErrorKind, ResourceId};

    fn defaults() -> OpportunityDefaults {
        OpportunityDefaults::new()
            .stage("1")
            .category("3")
            .owner_fallback(ResourceId(100))
            .close_in_days(30)
    }

    #[tokio::test(start_paused = true)]
    async fn the_requester_is_found_by_email_whatever_its_case() {
        let psa = Counting::full();
        let new = NewOpportunity::new("Laptops").company(CompanyId(1));
        let o = psa
            .create_opportunity_with(&defaults(), new, Some("  SAM@Example.com "))
            .await
            .unwrap();
        assert_eq!(o.owner, Some(ResourceId(4)), "Sam's account owns it");
        assert_eq!(o.stage.as_deref(), Some("1"));
        assert_eq!(o.category.as_deref(), Some("3"));
        let start = o.created_at.unwrap();
        let close = o.projected_close.unwrap();
        assert!(close > start, "projected close is in the future");
    }

    #[tokio::test(start_paused = true)]
    async fn a_requester_without_an_account_gets_the_fallback_owner() {
        let psa = Counting::full();
        let o = psa
            .create_opportunity_with(
                &defaults(),
                NewOpportunity::new("x"),
                Some("nobody@x.example"),
            )
            .await
            .unwrap();
        assert_eq!(o.owner, Some(ResourceId(100)));
        let o = psa
            .create_opportunity_with(&defaults(), NewOpportunity::new("y"), None)
            .await
            .unwrap();
        assert_eq!(o.owner, Some(ResourceId(100)));
        let mine = NewOpportunity::new("z").owner(ResourceId(9));
        let o = psa
            .create_opportunity_with(&defaults(), mine, Some("sam@example.com"))
            .await
            .unwrap();
        assert_eq!(o.owner, Some(ResourceId(9)), "the caller's owner wins");
    }

    #[tokio::test(start_paused = true)]
    async fn without_the_capability_nothing_is_looked_up_or_created() {
        let psa = Counting::new();
        let e = psa
            .create_opportunity_with(
                &defaults(),
                NewOpportunity::new("x"),
                Some("sam@example.com"),
            )
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        assert!(e.message().contains("create-opportunities"), "{e}");
    }

    #[tokio::test(start_paused = true)]
    async fn an_invalid_opportunity_is_refused_before_the_call() {
        let psa = Counting::full();
        let e = psa
            .create_opportunity_with(&defaults(), NewOpportunity::new("  "), None)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
        assert!(
            psa.list_opportunities(&OpportunityQuery::new(), None)
                .await
                .unwrap()
                .items
                .is_empty()
        );
    }
}
