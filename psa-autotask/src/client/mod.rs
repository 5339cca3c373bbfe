//! The client: its handle, its builder, the request path every call goes through and the raw
//! escape hatch.

mod builder;
mod fields;
mod raw;
pub(crate) mod request;

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use psa_core::transport::{Requester, Transport};
use psa_core::{Error, ErrorKind, Result, StageMap, Vendor};
use tokio::time::Instant;
use url::Url;

pub use builder::AutotaskClientBuilder;
pub(crate) use fields::FieldCache;
pub use raw::RawApi;
pub(crate) use request::{AutotaskHooks, Call, Target, entity_of};

use crate::discovery::ZoneInfo;
use crate::pacing::Pacer;

/// Autotask's thread limit: concurrent requests per integration and endpoint.
pub const MAX_CONCURRENT_PER_ENDPOINT: usize = 3;
/// The default largest attachment sent (Autotask documents 6–7 MB per file).
pub const DEFAULT_MAX_ATTACHMENT_BYTES: usize = 6_000_000;
/// Autotask blocks attachment uploads for 5 minutes after 10,000,000 bytes in 5 minutes.
pub(crate) const ATTACHMENT_WINDOW_BYTES: usize = 10_000_000;
pub(crate) const ATTACHMENT_WINDOW: Duration = Duration::from_secs(300);
/// How long picklists and field information are cached by default.
pub const DEFAULT_PICKLIST_TTL: Duration = Duration::from_secs(15 * 60);

/// The Autotask REST client.
///
/// Cheap to clone (clones share the zone, caches and limits). Build it with
/// [`AutotaskClient::builder`] or [`AutotaskClient::from_env`]. It finds its zone at `build`,
/// sends `ApiIntegrationCode`, `UserName` and `Secret` on every call and
/// `ImpersonationResourceId` on writes only, keeps at most 3 requests per endpoint in flight,
/// retries the thread-limit error, and re-discovers its zone once when a 401 follows a zone
/// move (psa-core's request layer does the relocation, once for all concurrent calls).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let sim = psa_sim::AutotaskSim::builder().seed(1).companies(2).tickets(3).start().await?;
/// let client = psa_autotask::AutotaskClient::builder()
///     .username(sim.username())
///     .secret(sim.secret())
///     .integration_code(sim.integration_code())
///     .discovery_url(sim.discovery_url())
///     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true))
///     .build()
///     .await?;
/// assert_eq!(client.zone().api_url.as_str(), sim.zone_url());
/// assert_eq!(client.tickets().count(&psa_autotask::Query::new()).await?, 3);
/// sim.stop().await;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AutotaskClient {
    pub(crate) inner: Arc<Inner>,
    pub(crate) impersonate: Option<i64>,
}

pub(crate) struct Inner {
    pub(crate) api: Requester<AutotaskHooks>,
    pub(crate) fields: FieldCache,
    pub(crate) stage_map: Option<StageMap>,
    pub(crate) pacer: Option<Pacer>,
    pub(crate) max_attachment_bytes: usize,
    pub(crate) attachment_log: Mutex<VecDeque<(Instant, usize)>>,
    pub(crate) max_concurrent: usize,
    /// The page size of the trait's listings (`MaxRecords`), when set.
    pub(crate) page_size: Option<u32>,
    /// Whether `create_ticket` with an idempotency key looks the key up before creating
    /// (`false`: the caller guarantees unique keys).
    pub(crate) idempotency_lookup: bool,
}

impl fmt::Debug for AutotaskClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AutotaskClient")
            .field("username", &self.username())
            .field("secret", &"[redacted]")
            .field("integration_code", &"[redacted]")
            .field("zone", &self.zone().api_url.as_str())
            .field("impersonate", &self.impersonate)
            .field("max_concurrency", &self.inner.max_concurrent)
            .field("page_size", &self.inner.page_size)
            .field("idempotency_lookup", &self.inner.idempotency_lookup)
            .finish()
    }
}

impl AutotaskClient {
    /// Starts a builder.
    pub fn builder() -> AutotaskClientBuilder {
        AutotaskClientBuilder::new()
    }

    /// Builds a client from the environment (see [`AutotaskClientBuilder::from_env`]); the
    /// shortcut for `AutotaskClientBuilder::from_env()?.build().await`.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_autotask::AutotaskClient::from_env().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub async fn from_env() -> Result<AutotaskClient> {
        AutotaskClientBuilder::from_env()?.build().await
    }

    /// The zone in use.
    pub fn zone(&self) -> ZoneInfo {
        self.inner.api.location()
    }

    /// The versioned API base in use (`https://webservices14.autotask.net/ATServicesRest/V1.0/`).
    pub fn api_base(&self) -> Url {
        self.inner.api.api_base()
    }

    /// The API user's name.
    pub fn username(&self) -> &str {
        self.inner.api.hooks().username()
    }

    /// The resource writes are attributed to, if any.
    pub fn impersonated_resource(&self) -> Option<i64> {
        self.impersonate
    }

    /// A handle whose writes are made on behalf of `resource_id` (`ImpersonationResourceId`);
    /// it shares everything else with `self`. Queries never carry the header.
    ///
    /// The API user's security level must allow impersonation for the entity (Web Services API
    /// → Resource Impersonation), and the target resource's level must allow being impersonated.
    pub fn impersonating(&self, resource_id: i64) -> Self {
        AutotaskClient {
            inner: self.inner.clone(),
            impersonate: Some(resource_id),
        }
    }

    /// A handle that writes as the API user itself.
    pub fn without_impersonation(&self) -> Self {
        AutotaskClient {
            inner: self.inner.clone(),
            impersonate: None,
        }
    }

    /// The shared transport (for its options and host policy).
    pub fn transport(&self) -> &Transport {
        self.inner.api.transport()
    }

    /// Raw JSON access to every entity Autotask has, without a typed model, through the same
    /// request path (credentials, limits, retries, zone moves) as the typed API.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(1).tickets(1).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).discovery_url(sim.discovery_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let version = client.raw().get("Version", &[]).await?;
    /// assert!(version.is_object());
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn raw(&self) -> RawApi<'_> {
        RawApi::new(self)
    }

    /// Checks that a URL the server handed back may receive credentials.
    pub(crate) fn check_server_url(&self, url: &Url, what: &str) -> Result<()> {
        self.transport().check_host(url).map_err(|refusal| {
            let host = url.host_str().unwrap_or("<none>");
            Error::new(
                ErrorKind::Decode,
                format!(
                    "the server's {what} points to {}://{host}, which is not an Autotask host; refusing to send credentials there",
                    url.scheme()
                ),
            )
            .with_vendor(Vendor::Autotask)
            .with_source(refusal)
        })
    }
}
