//! The Syncro client: its handle, its builder, the request path every API area shares, the raw
//! escape hatch and the settings cache.

mod builder;
mod raw;
pub(crate) mod request;

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use psa_core::StageMap;
use psa_core::transport::{RateLimiter, Requester, Transport};
use tokio::time::Instant;
use url::Url;

pub(crate) use builder::MAX_PER_PAGE;
pub use builder::SyncroClientBuilder;
pub use raw::RawApi;
pub(crate) use request::SyncroHooks;

use crate::idempotency::IdempotencyMarker;
use crate::models::{AccountSettings, TicketSettings};

/// Syncro's documented limit: 180 requests per minute per IP address.
pub const DEFAULT_RATE_LIMIT: (u32, Duration) = (180, Duration::from_secs(60));

/// Added to the window when pacing: requests are counted when they leave the client but when
/// they arrive at Syncro, and a new connection can delay one burst more than the next. Without
/// a margin, the first requests of a window can reach the server inside the previous one.
pub const PACING_MARGIN: Duration = Duration::from_secs(1);

/// The limiter a client uses by default: 180 requests per 61 s (Syncro's minute plus
/// [`PACING_MARGIN`]). Give clones of one to every client on the same IP address.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let shared = psa_syncro::default_rate_limiter();
/// let a = psa_syncro::SyncroClient::builder().subdomain("acme").api_token("t1").rate_limiter(shared.clone()).build().await.unwrap();
/// let b = psa_syncro::SyncroClient::builder().subdomain("acme").api_token("t2").rate_limiter(shared).build().await.unwrap();
/// assert_eq!(a.transport().rate_limiter().unwrap().limit().0, 180);
/// # let _ = b;
/// # }
/// ```
pub fn default_rate_limiter() -> RateLimiter {
    RateLimiter::new(DEFAULT_RATE_LIMIT.0, DEFAULT_RATE_LIMIT.1 + PACING_MARGIN)
}

/// How long `/settings` and `/tickets/settings` are cached by default.
pub const DEFAULT_SETTINGS_TTL: Duration = Duration::from_secs(300);

/// A client for one Syncro account. Cheap to clone; clones share the connection pool, the
/// rate limiter and the settings cache.
///
/// ```no_run
/// # async fn demo() -> psa_core::Result<()> {
/// let syncro = psa_syncro::SyncroClient::builder()
///     .subdomain("acme")
///     .api_token(std::env::var("SYNCRO_API_TOKEN").unwrap_or_default())
///     .build()
///     .await?;
/// let me = syncro.me().await?;
/// println!("connected as {:?}", me.user_name);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SyncroClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) api: Requester<SyncroHooks>,
    pub(crate) subdomain: Option<String>,
    pub(crate) stage_map: StageMap,
    pub(crate) marker: IdempotencyMarker,
    /// Whether `create_ticket` with an idempotency key looks the key up before creating
    /// (`false`: the caller guarantees unique keys).
    pub(crate) idempotency_lookup: bool,
    /// The `per_page` asked for where Syncro accepts one, when set.
    pub(crate) page_size: Option<u32>,
    pub(crate) settings: SettingsCache,
}

impl fmt::Debug for SyncroClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncroClient")
            .field("base_url", &self.base_url().as_str())
            .field("subdomain", &self.inner.subdomain)
            .field("api_token", &"[redacted]")
            .field(
                "rate_limit",
                &self.transport().rate_limiter().map(|r| r.limit()),
            )
            .field("idempotency_marker", &self.inner.marker)
            .field("idempotency_lookup", &self.inner.idempotency_lookup)
            .field("page_size", &self.inner.page_size)
            .finish_non_exhaustive()
    }
}

impl SyncroClient {
    /// A builder.
    pub fn builder() -> SyncroClientBuilder {
        SyncroClientBuilder::new()
    }

    /// A client from the environment (see [`SyncroClientBuilder::from_env`]); the shortcut for
    /// `SyncroClientBuilder::from_env()?.build().await`.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_syncro::SyncroClient::from_env().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub async fn from_env() -> psa_core::Result<SyncroClient> {
        SyncroClientBuilder::from_env()?.build().await
    }

    /// The API root (`https://acme.syncromsp.com/api/v1/`).
    pub fn base_url(&self) -> Url {
        self.inner.api.api_base()
    }

    /// The normalised subdomain, when one was configured.
    pub fn subdomain(&self) -> Option<&str> {
        self.inner.subdomain.as_deref()
    }

    /// The transport (rate limiter, options, host policy).
    pub fn transport(&self) -> &Transport {
        self.inner.api.transport()
    }

    /// Raw JSON calls to any Syncro endpoint, through the same request path (token, rate
    /// limit, retries) as the typed API.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::SyncroSim::builder().seed(1).start().await?;
    /// # let client = psa_syncro::SyncroClient::builder().base_url(sim.base_url()).api_token(sim.api_token())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let me = client.raw().get("me", &[]).await?;
    /// assert!(me.is_object());
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn raw(&self) -> RawApi<'_> {
        RawApi::new(self)
    }

    /// The status → stage map.
    pub fn stage_map(&self) -> &StageMap {
        &self.inner.stage_map
    }

    /// Where idempotency keys are stored.
    pub fn idempotency_marker(&self) -> &IdempotencyMarker {
        &self.inner.marker
    }

    /// The account settings (`GET /settings`), cached for the configured TTL.
    pub(crate) async fn cached_account_settings(&self) -> psa_core::Result<Arc<AccountSettings>> {
        if let Some(v) = self.inner.settings.account.get(self.inner.settings.ttl) {
            return Ok(v);
        }
        let fresh: AccountSettings = self.get_one(&["settings"], None, None).await?;
        Ok(self.inner.settings.account.put(fresh))
    }

    /// The ticket settings (`GET /tickets/settings`), cached for the configured TTL.
    pub(crate) async fn cached_ticket_settings(&self) -> psa_core::Result<Arc<TicketSettings>> {
        if let Some(v) = self.inner.settings.tickets.get(self.inner.settings.ttl) {
            return Ok(v);
        }
        let fresh: TicketSettings = self.get_one(&["tickets", "settings"], None, None).await?;
        Ok(self.inner.settings.tickets.put(fresh))
    }

    /// Forgets cached settings, so the next call fetches them again.
    pub fn clear_settings_cache(&self) {
        self.inner.settings.account.clear();
        self.inner.settings.tickets.clear();
    }
}

/// A value fetched at some instant, reused until the TTL passes.
pub(crate) struct Cached<T> {
    slot: Mutex<Option<(Instant, Arc<T>)>>,
}

impl<T> Cached<T> {
    fn new() -> Self {
        Cached {
            slot: Mutex::new(None),
        }
    }

    fn get(&self, ttl: Duration) -> Option<Arc<T>> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some((at, v)) if at.elapsed() < ttl => Some(v.clone()),
            _ => None,
        }
    }

    fn put(&self, v: T) -> Arc<T> {
        let v = Arc::new(v);
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), v.clone()));
        v
    }

    fn clear(&self) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

pub(crate) struct SettingsCache {
    ttl: Duration,
    account: Cached<AccountSettings>,
    tickets: Cached<TicketSettings>,
}

impl SettingsCache {
    fn new(ttl: Duration) -> Self {
        SettingsCache {
            ttl,
            account: Cached::new(),
            tickets: Cached::new(),
        }
    }
}
