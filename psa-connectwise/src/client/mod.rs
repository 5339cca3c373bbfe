//! The client: its handle, its builder, the request path every call goes through and the raw
//! escape hatch.

mod builder;
mod raw;
pub(crate) mod request;

use std::fmt;
use std::sync::Arc;

use psa_core::transport::{Requester, Transport};
use psa_core::{Result, StageMap};
use url::Url;

pub(crate) use builder::check_source_name;
pub use builder::{ConnectWiseClientBuilder, DEFAULT_API_VERSION};
pub use raw::RawApi;
pub(crate) use request::{ApiState, Call, ConnectWiseHooks, decode, typed, typed_one, typed_row};

use crate::callbacks::CallbackVerifier;
use crate::discovery::CompanyInfo;
use crate::models::Reference;
use crate::site::Site;

/// URLs longer than this are sent as `POST …/search` instead (ConnectWise documents 2,000).
pub const MAX_URL_LEN: usize = 2000;

/// The ConnectWise PSA (Manage) REST client.
///
/// Cheap to clone (clones share everything). Build it with [`ConnectWiseClient::builder`] or
/// [`ConnectWiseClient::from_env`]. At `build` it discovers the company's codebase (no
/// credentials sent), then sends `Authorization: Basic base64("{company}+{public}:{private}")`,
/// `clientId` and `Accept: application/vnd.connectwise.com+json; version=2025.1` on every call.
/// When a call answers 404 because a cloud upgrade moved the codebase, it asks `companyinfo`
/// again and repeats the call once on the new codebase (psa-core's request layer does the
/// relocation, once for all concurrent calls).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let sim = psa_sim::ConnectWiseSim::builder().seed(1).companies(2).tickets(3).start().await?;
/// let client = psa_connectwise::ConnectWiseClient::builder()
///     .site(sim.site())
///     .company_id(sim.company_id())
///     .public_key(sim.public_key())
///     .private_key(sim.private_key())
///     .client_id(sim.client_id())
///     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true))
///     .build()
///     .await?;
/// assert_eq!(client.api_base().as_str(), sim.api_base());
/// assert_eq!(client.tickets().count(None).await?, 3);
/// sim.stop().await;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ConnectWiseClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) api: Requester<ConnectWiseHooks>,
    pub(crate) api_version: String,
    pub(crate) stage_map: StageMap,
    pub(crate) source_name: Option<String>,
    pub(crate) default_board: Option<Reference>,
    pub(crate) page_size: u32,
    pub(crate) callbacks: CallbackVerifier,
    /// Whether `create_ticket` with an idempotency key looks the key up before creating
    /// (`false`: the caller guarantees unique keys).
    pub(crate) idempotency_lookup: bool,
}

impl fmt::Debug for ConnectWiseClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectWiseClient")
            .field("api_base", &self.api_base().as_str())
            .field("credentials", self.inner.api.hooks().credentials())
            .field("api_version", &self.inner.api_version)
            .field("idempotency_lookup", &self.inner.idempotency_lookup)
            .finish()
    }
}

impl ConnectWiseClient {
    /// A builder.
    pub fn builder() -> ConnectWiseClientBuilder {
        ConnectWiseClientBuilder::default()
    }

    /// Builds a client from the environment (see [`ConnectWiseClientBuilder::from_env`]); the
    /// shortcut for `ConnectWiseClientBuilder::from_env()?.build().await`.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_connectwise::ConnectWiseClient::from_env().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub async fn from_env() -> Result<ConnectWiseClient> {
        ConnectWiseClientBuilder::from_env()?.build().await
    }

    /// The API base URL in use (`https://api-na.myconnectwise.net/v2025_1/apis/3.0/`).
    pub fn api_base(&self) -> Url {
        self.inner.api.api_base()
    }

    /// What `companyinfo` said at the last discovery (`None` when a codebase was configured).
    pub fn company_info(&self) -> Option<CompanyInfo> {
        self.inner.api.location().info
    }

    /// The site.
    pub fn site(&self) -> &Site {
        self.inner.api.hooks().site()
    }

    /// The company id.
    pub fn company_id(&self) -> &str {
        self.inner.api.hooks().credentials().company_id()
    }

    /// The API version sent in `Accept`.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }

    /// The shared transport (for its options and rate limiter).
    pub fn transport(&self) -> &Transport {
        self.inner.api.transport()
    }

    /// Raw JSON calls to any endpoint the typed API does not cover, through the same request
    /// path (credentials, `Accept` version, limits, retries, codebase moves).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(1).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let info = client.raw().get("system/info", &[]).await?;
    /// assert!(info["version"].is_string());
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn raw(&self) -> RawApi<'_> {
        RawApi::new(self)
    }

    /// The status → stage map.
    pub fn stage_map(&self) -> &StageMap {
        &self.inner.stage_map
    }
}
