//! [`BaseDataCache`]: base data fetched once, kept for a TTL, shared across tasks.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::{
    BusinessConnector, Connector, Error, OpportunityStage, Priority, Queue, Result, Status,
    TicketCategory, TicketType,
};

/// How long [`BaseDataCache`] keeps a list unless told otherwise: 15 minutes.
pub const DEFAULT_BASE_DATA_TTL: Duration = Duration::from_secs(15 * 60);

/// Base data — statuses, priorities, queues/boards, ticket types, ticket categories and
/// opportunity stages — fetched once and kept for a TTL, the same way on every vendor.
///
/// Cheap to clone and safe to share across tasks: clones share one cache. Each list is fetched
/// on first use and again once it is older than the TTL; concurrent callers of the same list
/// wait for one fetch instead of each sending their own. A failed fetch is not cached (the
/// next call tries again). [`refresh`](Self::refresh) forgets everything now — a tool's
/// "refresh boards, statuses, types" button.
///
/// Built on a [`Connector`] alone it serves the ticket base data and answers the business
/// lists (types, categories, stages) with [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported);
/// built on a [`BusinessConnector`] it serves all six.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use psa_core::{BaseDataCache, BusinessConnector};
///
/// async fn board_names(psa: Arc<dyn BusinessConnector>) -> psa_core::Result<Vec<String>> {
///     let cache = BaseDataCache::for_business(psa).ttl(Duration::from_secs(300));
///     let queues = cache.queues().await?; // fetched
///     let again = cache.queues().await?; // served from the cache
///     assert!(Arc::ptr_eq(&queues, &again));
///     Ok(queues.iter().map(|q| q.name.clone()).collect())
/// }
/// ```
#[derive(Clone)]
pub struct BaseDataCache {
    inner: Arc<Inner>,
}

struct Inner {
    tickets: Arc<dyn Connector>,
    business: Option<Arc<dyn BusinessConnector>>,
    ttl: Duration,
    statuses: Slot<Status>,
    priorities: Slot<Priority>,
    queues: Slot<Queue>,
    ticket_types: Slot<TicketType>,
    ticket_categories: Slot<TicketCategory>,
    opportunity_stages: Slot<OpportunityStage>,
}

/// One cached list: the lock is held during a fetch, so concurrent callers share it.
struct Slot<T> {
    state: Mutex<Option<(Instant, Arc<Vec<T>>)>>,
}

impl<T> Slot<T> {
    fn new() -> Self {
        Slot {
            state: Mutex::new(None),
        }
    }

    async fn get<F, Fut>(&self, ttl: Duration, fetch: F) -> Result<Arc<Vec<T>>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<T>>>,
    {
        let mut state = self.state.lock().await;
        if let Some((at, items)) = state.as_ref()
            && at.elapsed() < ttl
        {
            return Ok(items.clone());
        }
        let items = Arc::new(fetch().await?);
        *state = Some((Instant::now(), items.clone()));
        Ok(items)
    }

    async fn clear(&self) {
        *self.state.lock().await = None;
    }
}

impl BaseDataCache {
    /// A cache of a connector's ticket base data (statuses, priorities, queues). The
    /// business lists answer `Unsupported`; use [`for_business`](Self::for_business) for them.
    pub fn new(connector: Arc<dyn Connector>) -> Self {
        Self::build(connector, None)
    }

    /// A cache of all six lists of a [`BusinessConnector`].
    pub fn for_business(connector: Arc<dyn BusinessConnector>) -> Self {
        let tickets: Arc<dyn Connector> = connector.clone();
        Self::build(tickets, Some(connector))
    }

    fn build(tickets: Arc<dyn Connector>, business: Option<Arc<dyn BusinessConnector>>) -> Self {
        BaseDataCache {
            inner: Arc::new(Inner {
                tickets,
                business,
                ttl: DEFAULT_BASE_DATA_TTL,
                statuses: Slot::new(),
                priorities: Slot::new(),
                queues: Slot::new(),
                ticket_types: Slot::new(),
                ticket_categories: Slot::new(),
                opportunity_stages: Slot::new(),
            }),
        }
    }

    /// Sets how long a fetched list is served (default [`DEFAULT_BASE_DATA_TTL`]). Call it
    /// before cloning or sharing the cache: it returns a fresh, empty cache.
    pub fn ttl(self, ttl: Duration) -> Self {
        let mut fresh = Self::build(self.inner.tickets.clone(), self.inner.business.clone());
        if let Some(inner) = Arc::get_mut(&mut fresh.inner) {
            inner.ttl = ttl;
        }
        fresh
    }

    /// The TTL in force.
    pub fn ttl_in_force(&self) -> Duration {
        self.inner.ttl
    }

    /// Forgets every cached list: the next call of each fetches anew.
    pub async fn refresh(&self) {
        let i = &self.inner;
        i.statuses.clear().await;
        i.priorities.clear().await;
        i.queues.clear().await;
        i.ticket_types.clear().await;
        i.ticket_categories.clear().await;
        i.opportunity_stages.clear().await;
    }

    /// The ticket statuses ([`Connector::statuses`]).
    pub async fn statuses(&self) -> Result<Arc<Vec<Status>>> {
        let i = &self.inner;
        i.statuses.get(i.ttl, || i.tickets.statuses()).await
    }

    /// The ticket priorities ([`Connector::priorities`]).
    pub async fn priorities(&self) -> Result<Arc<Vec<Priority>>> {
        let i = &self.inner;
        i.priorities.get(i.ttl, || i.tickets.priorities()).await
    }

    /// The queues or boards ([`Connector::queues`]).
    pub async fn queues(&self) -> Result<Arc<Vec<Queue>>> {
        let i = &self.inner;
        i.queues.get(i.ttl, || i.tickets.queues()).await
    }

    /// The ticket types ([`BusinessConnector::list_ticket_types`]).
    pub async fn ticket_types(&self) -> Result<Arc<Vec<TicketType>>> {
        let i = &self.inner;
        let b = self.business("ticket types")?;
        i.ticket_types.get(i.ttl, || b.list_ticket_types()).await
    }

    /// The ticket categories ([`BusinessConnector::list_ticket_categories`]).
    pub async fn ticket_categories(&self) -> Result<Arc<Vec<TicketCategory>>> {
        let i = &self.inner;
        let b = self.business("ticket categories")?;
        i.ticket_categories
            .get(i.ttl, || b.list_ticket_categories())
            .await
    }

    /// The opportunity stages ([`BusinessConnector::list_opportunity_stages`]).
    pub async fn opportunity_stages(&self) -> Result<Arc<Vec<OpportunityStage>>> {
        let i = &self.inner;
        let b = self.business("opportunity stages")?;
        i.opportunity_stages
            .get(i.ttl, || b.list_opportunity_stages())
            .await
    }

    fn business(&self, what: &str) -> Result<&Arc<dyn BusinessConnector>> {
        self.inner.business.as_ref().ok_or_else(|| {
            Error::unsupported(
                self.inner.tickets.vendor(),
                &format!(
                    "{what} in a BaseDataCache built on a Connector; build it with \
                     BaseDataCache::for_business"
                ),
            )
        })
    }
}

impl fmt::Debug for BaseDataCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BaseDataCache")
            .field("vendor", &self.inner.tickets.vendor())
            .field("business", &self.inner.business.is_some())
            .field("ttl", &self.inner.ttl)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fake::Counting;
    use super::*;
    use crate::ErrorKind;

    #[tokio::test(start_paused = true)]
    async fn a_list_is_fetched_once_per_ttl() {
        let fake = Counting::new();
        let cache = BaseDataCache::for_business(fake.clone()).ttl(Duration::from_secs(60));
        let first = cache.statuses().await.unwrap();
        let second = cache.statuses().await.unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(fake.count(), 1);
        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(cache.statuses().await.unwrap()[0].name, "New");
        assert_eq!(fake.count(), 2, "an expired list is fetched again");
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_one_fetch_and_clones_share_the_cache() {
        let fake = Counting::new();
        let cache = BaseDataCache::for_business(fake.clone());
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { cache.queues().await.map(|q| q.len()) })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), 1);
        }
        assert_eq!(fake.count(), 1, "eight callers, one fetch");
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_fetch_is_not_cached() {
        let fake = Counting::new();
        let cache = BaseDataCache::for_business(fake.clone());
        fake.fail_next
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let err = cache.ticket_types().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Server);
        assert_eq!(cache.ticket_types().await.unwrap()[0].name, "Incident");
        assert_eq!(fake.count(), 2);
        let unsupported = cache.opportunity_stages().await.unwrap_err();
        assert_eq!(unsupported.kind(), ErrorKind::Unsupported);
    }

    #[tokio::test(start_paused = true)]
    async fn refresh_forgets_every_list() {
        let fake = Counting::new();
        let cache = BaseDataCache::for_business(fake.clone());
        cache.priorities().await.unwrap();
        cache.ticket_categories().await.unwrap();
        assert_eq!(fake.count(), 2);
        cache.refresh().await;
        cache.priorities().await.unwrap();
        cache.ticket_categories().await.unwrap();
        assert_eq!(fake.count(), 4);
        assert_eq!(cache.ttl_in_force(), DEFAULT_BASE_DATA_TTL);
    }

    #[tokio::test(start_paused = true)]
    async fn a_ticket_only_cache_says_how_to_get_business_lists() {
        let fake = Counting::new();
        let cache = BaseDataCache::new(fake.clone());
        assert_eq!(cache.statuses().await.unwrap().len(), 1);
        let err = cache.ticket_types().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert!(err.to_string().contains("for_business"), "{err}");
        assert_eq!(fake.count(), 1, "no fetch for an unsupported list");
        assert!(format!("{cache:?}").contains("business: false"));
    }
}
