//! Conformance of the [`BusinessConnector`] promises, run by each vendor's simulator test.
//!
//! Cases follow the connector's [`Capabilities`](crate::Capabilities): a declared capability
//! must work (and answer a non-empty list where the simulator seeds records), an absent one
//! must answer [`ErrorKind::Unsupported`] — never an empty list.
//!
//! ```no_run
//! # async fn demo(connector: std::sync::Arc<dyn psa_core::BusinessConnector>) {
//! use psa_core::testkit::business::{BusinessFixture, run_business_conformance};
//! run_business_conformance(connector, &BusinessFixture::new(psa_core::CompanyId(1))).await;
//! # }
//! ```

use std::fmt::Debug;
use std::sync::Arc;

use futures::TryStreamExt;
use time::{Duration, OffsetDateTime};

use crate::{
    BaseDataCache, BusinessConnector, BusinessConnectorExt, Capability, CompanyId, ContractQuery,
    ErrorKind, NewOpportunity, OpportunityDefaults, OpportunityId, OpportunityQuery,
    OpportunityUpdate, ResourceId, ResourceQuery, Result, TimeEntryQuery,
};

/// What the business suite may rely on in the PSA under test.
#[non_exhaustive]
#[derive(Debug, Clone)]
pub struct BusinessFixture {
    /// A company that exists; opportunities are created for it.
    pub company: CompanyId,
    /// An opportunity id that does not exist.
    pub missing_opportunity: OpportunityId,
    /// A marker put in the titles of the opportunities the suite creates.
    pub marker: String,
}

impl BusinessFixture {
    /// A fixture around an existing company.
    pub fn new(company: CompanyId) -> Self {
        BusinessFixture {
            company,
            missing_opportunity: OpportunityId(999_999_937),
            marker: format!("conformance-{}", fastrand::u32(..)),
        }
    }

    /// Sets an id that no opportunity has.
    pub fn missing_opportunity(mut self, id: OpportunityId) -> Self {
        self.missing_opportunity = id;
        self
    }
}

/// Runs every business case. Panics on the first failure.
pub async fn run_business_conformance(c: Arc<dyn BusinessConnector>, f: &BusinessFixture) {
    let owner = assert_resources(c.as_ref()).await;
    assert_ticket_kinds(c.as_ref()).await;
    assert_opportunities(c.as_ref(), f, owner).await;
    assert_contracts_and_time(c.as_ref()).await;
    assert_base_data_cache(c).await;
}

/// Checks an answer against a capability: `Ok` only when declared, `Unsupported` when not.
/// Returns the value when the capability is declared.
fn by_capability<T: Debug>(
    c: &dyn BusinessConnector,
    cap: Capability,
    what: &str,
    r: Result<T>,
) -> Option<T> {
    let declared = c.capabilities().supports(cap);
    match r {
        Ok(v) if declared => Some(v),
        Ok(v) => panic!("{what} answered {v:?} although the connector does not declare {cap}"),
        Err(e) if declared => panic!("{what}: {e}"),
        Err(e) => {
            assert_eq!(
                e.kind(),
                ErrorKind::Unsupported,
                "{what} without {cap} must be Unsupported: {e}"
            );
            None
        }
    }
}

/// The error of a call that must fail.
fn expect_err<T: Debug>(r: Result<T>, what: &str) -> crate::Error {
    match r {
        Ok(v) => panic!("{what} must be refused, got {v:?}"),
        Err(e) => e,
    }
}

/// Staff import: the active resources stream is non-empty, every record is active, and at
/// least one has an email. Returns an active resource to own opportunities.
pub async fn assert_resources(c: &dyn BusinessConnector) -> Option<ResourceId> {
    let q = ResourceQuery::new().active(true);
    let listed = c.stream_resources(&q).try_collect::<Vec<_>>().await;
    let resources = by_capability(c, Capability::ReadResources, "stream_resources", listed)?;
    assert!(!resources.is_empty(), "no active resource listed");
    assert!(
        resources
            .iter()
            .all(|r| r.is_active && r.vendor == c.vendor()),
        "active(true) listed an inactive resource or another vendor's"
    );
    assert!(
        resources
            .iter()
            .any(|r| r.email.as_deref().is_some_and(|e| e.contains('@'))),
        "no active resource has an email: a staff import needs them"
    );
    let email = resources.iter().find_map(|r| r.email.clone());
    if let Some(email) = email {
        let by_email: Vec<_> = c
            .stream_resources(&ResourceQuery::new().email(email.to_uppercase()))
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("resources by email: {e}"));
        assert!(
            !by_email.is_empty()
                && by_email.iter().all(|r| r
                    .email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))),
            "filtering resources by {email:?} (any case) must find exactly that email"
        );
    }
    resources.first().map(|r| r.id)
}

/// Ticket types and categories: each is a non-empty list or `Unsupported`; types come with
/// the capability; a sub-entry's parent exists.
pub async fn assert_ticket_kinds(c: &dyn BusinessConnector) {
    let Some(types) = by_capability(
        c,
        Capability::ReadTicketCategories,
        "ticket_types",
        c.list_ticket_types().await,
    ) else {
        let cats = c.list_ticket_categories().await;
        assert!(
            matches!(
                cats.as_ref().map_err(|e| e.kind()),
                Err(ErrorKind::Unsupported)
            ),
            "ticket_categories without ReadTicketCategories must be Unsupported: {cats:?}"
        );
        return;
    };
    assert!(!types.is_empty(), "ticket_types() returned nothing");
    for t in types
        .iter()
        .filter_map(|t| t.parent.as_ref().map(|p| (t, p)))
    {
        assert!(
            types.iter().any(|p| &p.id == t.1),
            "ticket type {:?} names a parent {:?} that is not listed",
            t.0.name,
            t.1
        );
    }
    match c.list_ticket_categories().await {
        Ok(cats) => assert!(
            !cats.is_empty(),
            "ticket_categories() returned nothing: answer Unsupported when the vendor has none"
        ),
        Err(e) => assert_eq!(e.kind(), ErrorKind::Unsupported, "ticket_categories: {e}"),
    }
}

/// Opportunities: with the rights, create with [`OpportunityDefaults`] → read → stream finds
/// it → update; a blank title is a validation error; a missing id is `NotFound`. Without
/// them, every call is `Unsupported`.
pub async fn assert_opportunities(
    c: &dyn BusinessConnector,
    f: &BusinessFixture,
    owner_fallback: Option<ResourceId>,
) {
    let stages = by_capability(
        c,
        Capability::ReadOpportunities,
        "opportunity_stages",
        c.list_opportunity_stages().await,
    );
    let Some(stages) = stages else {
        let listed = c.list_opportunities(&OpportunityQuery::new(), None).await;
        by_capability(
            c,
            Capability::ReadOpportunities,
            "list_opportunities",
            listed,
        );
        let one = c.opportunity(f.missing_opportunity).await;
        by_capability(c, Capability::ReadOpportunities, "opportunity", one);
        let created = c.create_opportunity(&NewOpportunity::new(&f.marker)).await;
        by_capability(
            c,
            Capability::CreateOpportunities,
            "create_opportunity",
            created,
        );
        return;
    };
    let stage = stages
        .iter()
        .find(|s| s.is_active)
        .unwrap_or_else(|| panic!("no active opportunity stage among {stages:?}"));
    let missing = expect_err(
        c.opportunity(f.missing_opportunity).await,
        "missing opportunity",
    );
    assert_eq!(
        missing.kind(),
        ErrorKind::NotFound,
        "missing opportunity: {missing}"
    );
    if !c.capabilities().supports(Capability::CreateOpportunities) {
        return;
    }
    let blank = expect_err(
        c.create_opportunity(&NewOpportunity::new(" ").company(f.company))
            .await,
        "a blank title",
    );
    assert_eq!(blank.kind(), ErrorKind::Validation, "blank title: {blank}");

    let mut defaults = OpportunityDefaults::new()
        .stage(&stage.id)
        .close_in_days(30);
    if let Some(owner) = owner_fallback {
        defaults = defaults.owner_fallback(owner);
    }
    let start = OffsetDateTime::now_utc();
    let title = format!("{} opportunity", f.marker);
    let new = defaults.apply(NewOpportunity::new(&title).company(f.company), None, start);
    let created = c
        .create_opportunity(&new)
        .await
        .unwrap_or_else(|e| panic!("create_opportunity: {e}"));
    let read = c
        .opportunity(created.id)
        .await
        .unwrap_or_else(|e| panic!("opportunity({}): {e}", created.id));
    assert_eq!(read.title, title);
    assert_eq!(read.company, Some(f.company));
    assert_eq!(
        read.stage.as_deref(),
        Some(stage.id.as_str()),
        "default stage"
    );
    assert_eq!(read.owner, new.owner, "owner fallback");
    let Some(close) = read.projected_close else {
        panic!(
            "the projected close of opportunity {} is not stored",
            read.id
        )
    };
    assert!(
        (close - (start + Duration::days(30))).abs() <= Duration::days(1),
        "projected close {close} is not start + 30 days"
    );
    let q = OpportunityQuery::new().company(f.company);
    let found: Vec<_> = c
        .stream_opportunities(&q)
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("opportunities stream: {e}"));
    assert!(
        found.iter().any(|o| o.id == created.id),
        "the opportunities stream misses the created one"
    );
    let renamed = format!("{title} (renamed)");
    let updated = c
        .update_opportunity(created.id, &OpportunityUpdate::new().title(&renamed))
        .await
        .unwrap_or_else(|e| panic!("update_opportunity: {e}"));
    assert_eq!(updated.title, renamed);
    let empty = expect_err(
        c.update_opportunity(created.id, &OpportunityUpdate::new())
            .await,
        "an empty update",
    );
    assert_eq!(empty.kind(), ErrorKind::Validation, "empty update: {empty}");
}

/// Contracts and time entries: with the right, the stream is non-empty (the simulator seeds
/// records) and each record is the vendor's; without it, `Unsupported`.
pub async fn assert_contracts_and_time(c: &dyn BusinessConnector) {
    let q = ContractQuery::new();
    let contracts = c.stream_contracts(&q).try_collect::<Vec<_>>().await;
    if let Some(contracts) = by_capability(c, Capability::ReadContracts, "contracts", contracts) {
        assert!(!contracts.is_empty(), "no contract listed");
        assert!(contracts.iter().all(|x| x.vendor == c.vendor()));
        if let Some(company) = contracts.iter().find_map(|x| x.company) {
            let of: Vec<_> = c
                .stream_contracts(&ContractQuery::new().company(company))
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("contracts of {company}: {e}"));
            assert!(
                !of.is_empty() && of.iter().all(|x| x.company == Some(company)),
                "filtering contracts by company {company} lists others"
            );
        }
    }
    let q = TimeEntryQuery::new();
    let entries = c.stream_time_entries(&q).try_collect::<Vec<_>>().await;
    if let Some(entries) = by_capability(c, Capability::ReadTimeEntries, "time entries", entries) {
        assert!(!entries.is_empty(), "no time entry listed");
        assert!(
            entries.iter().all(|t| t.hours.is_none_or(|h| h >= 0.0)),
            "a time entry has negative hours"
        );
        if let Some(ticket) = entries.iter().find_map(|t| t.parent.ticket()) {
            let on: Vec<_> = c
                .stream_time_entries(&TimeEntryQuery::new().ticket(ticket))
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("time entries of ticket {ticket}: {e}"));
            assert!(
                !on.is_empty() && on.iter().all(|t| t.parent.ticket() == Some(ticket)),
                "filtering time entries by ticket {ticket} lists others"
            );
        }
    }
}

/// The base-data cache answers what the connector answers, and a second call is a hit.
pub async fn assert_base_data_cache(c: Arc<dyn BusinessConnector>) {
    let cache = BaseDataCache::for_business(c.clone());
    let statuses = cache
        .statuses()
        .await
        .unwrap_or_else(|e| panic!("cached statuses: {e}"));
    assert_eq!(
        *statuses,
        c.statuses()
            .await
            .unwrap_or_else(|e| panic!("statuses: {e}"))
    );
    let again = cache.statuses().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        Arc::ptr_eq(&statuses, &again),
        "a second call is not served from the cache"
    );
    match (cache.ticket_types().await, c.list_ticket_types().await) {
        (Ok(cached), Ok(direct)) => assert_eq!(*cached, direct),
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
        (a, b) => panic!("cached ticket_types {a:?} differ from direct {b:?}"),
    }
    match (
        cache.opportunity_stages().await,
        c.list_opportunity_stages().await,
    ) {
        (Ok(cached), Ok(direct)) => assert_eq!(*cached, direct),
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
        (a, b) => panic!("cached opportunity_stages {a:?} differ from direct {b:?}"),
    }
    cache.refresh().await;
    let fresh = cache.statuses().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !Arc::ptr_eq(&statuses, &fresh),
        "refresh() kept the old list"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::business::fake::Counting;

    /// The fake declares base data and ticket types/categories only: the suite passes through
    /// the Unsupported paths of opportunities, resources, contracts and time entries.
    #[tokio::test(start_paused = true)]
    async fn the_suite_accepts_unsupported_answers_for_absent_capabilities() {
        let fake = Counting::new();
        run_business_conformance(fake.clone(), &BusinessFixture::new(CompanyId(1))).await;
        assert!(fake.count() >= 4, "the cache checks fetched base data");
    }

    /// The full fake supports everything: the suite's positive paths (opportunity round trip
    /// with defaults, staff, contracts, time entries, cache) pass.
    #[tokio::test(start_paused = true)]
    async fn the_suite_passes_a_connector_that_supports_everything() {
        let fake = Counting::full();
        run_business_conformance(fake.clone(), &BusinessFixture::new(CompanyId(1))).await;
        let all = fake
            .list_opportunities(&OpportunityQuery::new(), None)
            .await
            .unwrap();
        assert_eq!(all.items.len(), 1, "one opportunity created");
        assert_eq!(
            all.items[0].owner,
            Some(ResourceId(4)),
            "owner fallback used"
        );
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "must be Unsupported")]
    async fn an_answer_for_an_absent_capability_fails_the_suite() {
        let fake: Arc<dyn BusinessConnector> = Counting::new();
        let r: Result<Vec<u8>> = Err(crate::Error::new(ErrorKind::Server, "boom"));
        by_capability(fake.as_ref(), Capability::ReadContracts, "contracts", r);
    }
}
