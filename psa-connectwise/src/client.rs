//! The client, its builder, and the request path every call goes through.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use http::Method;
use psa_core::transport::{
    ConcurrencyLimiter, MultipartPart, RateLimit, Redactor, Request, Response, Transport,
};
use psa_core::{ClientOptions, Error, ErrorKind, HostPolicy, Result, StageMap, Vendor};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;
use url::Url;

use crate::auth::Credentials;
use crate::callbacks::CallbackVerifier;
use crate::discovery::{self, CompanyInfo, normalize_codebase};
use crate::error::{ConnectWiseErrorClassifier, HTML_HINT, is_route_not_found, looks_like_html};
use crate::models::Reference;
use crate::paging::{Cursor, next_from_link};
use crate::query::{DEFAULT_PAGE_SIZE, ListQuery, MAX_PAGE_SIZE, encode_query};
use crate::site::Site;

/// The API version sent in `Accept: application/vnd.connectwise.com+json; version=…` unless
/// [`ConnectWiseClientBuilder::api_version`] says otherwise. Pinning it keeps the models stable
/// when ConnectWise ships new ones (old versions stay supported for 12 months).
pub const DEFAULT_API_VERSION: &str = "2025.1";

/// URLs longer than this are sent as `POST …/search` instead (ConnectWise documents 2,000).
pub const MAX_URL_LEN: usize = 2000;

/// How long after a `companyinfo` check a record-level 404 does not trigger another one.
const REFETCH_QUIET: Duration = Duration::from_secs(30);

const ENV_SITE: &str = "CONNECTWISE_SITE";
const ENV_COMPANY: &str = "CONNECTWISE_COMPANY_ID";
const ENV_PUBLIC: &str = "CONNECTWISE_PUBLIC_KEY";
const ENV_PRIVATE: &str = "CONNECTWISE_PRIVATE_KEY";
const ENV_CLIENT_ID: &str = "CONNECTWISE_CLIENT_ID";
const ENV_API_VERSION: &str = "CONNECTWISE_API_VERSION";
const ENV_CODEBASE: &str = "CONNECTWISE_CODEBASE";

/// The ConnectWise PSA (Manage) REST client.
///
/// Cheap to clone (clones share everything). Build it with [`ConnectWiseClient::builder`] or
/// [`ConnectWiseClient::from_env`]. At `build` it discovers the company's codebase (no
/// credentials sent), then sends `Authorization: Basic base64("{company}+{public}:{private}")`,
/// `clientId` and `Accept: application/vnd.connectwise.com+json; version=2025.1` on every call.
/// When a call answers 404 because a cloud upgrade moved the codebase, it asks `companyinfo`
/// again and repeats the call once on the new codebase.
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
    pub(crate) transport: Transport,
    discovery: Transport,
    pub(crate) site: Site,
    pub(crate) credentials: Credentials,
    accept: String,
    api_version: String,
    state: RwLock<ApiState>,
    /// Whether the codebase came from `companyinfo` (and may be refetched).
    discovered: bool,
    refetch: tokio::sync::Mutex<Option<Instant>>,
    pub(crate) stage_map: StageMap,
    pub(crate) source_name: Option<String>,
    pub(crate) default_board: Option<Reference>,
    pub(crate) page_size: u32,
    pub(crate) callbacks: CallbackVerifier,
    limit_key: Option<String>,
    pub(crate) idempotency_lookup: bool,
}

#[derive(Clone)]
struct ApiState {
    base: Url,
    info: Option<CompanyInfo>,
}

impl fmt::Debug for ConnectWiseClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectWiseClient")
            .field("api_base", &self.api_base().as_str())
            .field("credentials", &self.inner.credentials)
            .field("api_version", &self.inner.api_version)
            .finish()
    }
}

/// Builds a [`ConnectWiseClient`]. Every missing or malformed setting is an
/// [`ErrorKind::Config`] error at [`build`](Self::build) naming the setting.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let err = psa_connectwise::ConnectWiseClient::builder()
///     .site("na")
///     .company_id("training")
///     .public_key("pub")
///     .client_id("0f1e2d3c-aaaa-bbbb-cccc-1234567890ab")
///     .build()
///     .await
///     .unwrap_err();
/// assert_eq!(err.kind(), psa_core::ErrorKind::Config);
/// assert!(err.to_string().contains("private_key"));
/// # }
/// ```
#[derive(Default)]
pub struct ConnectWiseClientBuilder {
    site: Option<String>,
    company_id: Option<String>,
    public_key: Option<String>,
    private_key: Option<SecretString>,
    client_id: Option<SecretString>,
    api_version: Option<String>,
    codebase: Option<String>,
    options: Option<ClientOptions>,
    stage_map: Option<StageMap>,
    source_name: Option<String>,
    default_board: Option<Reference>,
    page_size: Option<u32>,
    rate_limiter: Option<Arc<dyn RateLimit>>,
    max_concurrency: Option<usize>,
    callback_key_hosts: Vec<String>,
    idempotency_lookup: Option<bool>,
    env_names: bool,
}

impl fmt::Debug for ConnectWiseClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectWiseClientBuilder")
            .field("site", &self.site)
            .field("company_id", &self.company_id)
            .field("public_key", &self.public_key)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "[redacted]"),
            )
            .field("client_id", &self.client_id.as_ref().map(|_| "[redacted]"))
            .field("api_version", &self.api_version)
            .field("codebase", &self.codebase)
            .finish_non_exhaustive()
    }
}

impl ConnectWiseClientBuilder {
    /// The site: a region (`na`, `eu`, `au`, `aus`, `za`), a cloud host
    /// (`na.myconnectwise.net` or `api-na.myconnectwise.net`), `staging`, an on-premise host
    /// or origin (`https://psa.example.com`), or the simulator's `site()`. See [`Site::parse`].
    pub fn site(mut self, site: impl Into<String>) -> Self {
        self.site = Some(site.into());
        self
    }
    /// The company id you log in with (`training`).
    pub fn company_id(mut self, v: impl Into<String>) -> Self {
        self.company_id = Some(v.into());
        self
    }
    /// The API member's public key.
    pub fn public_key(mut self, v: impl Into<String>) -> Self {
        self.public_key = Some(v.into());
        self
    }
    /// The API member's private key (kept in a `SecretString`).
    pub fn private_key(mut self, v: impl Into<String>) -> Self {
        self.private_key = Some(SecretString::from(v.into()));
        self
    }
    /// The integration's `clientId` (from developer.connectwise.com/ClientID), kept secret.
    pub fn client_id(mut self, v: impl Into<String>) -> Self {
        self.client_id = Some(SecretString::from(v.into()));
        self
    }
    /// The API version for the `Accept` header (`2025.1`); default [`DEFAULT_API_VERSION`].
    pub fn api_version(mut self, v: impl Into<String>) -> Self {
        self.api_version = Some(v.into());
        self
    }
    /// Skips discovery and uses this codebase (`v4_6_release/`, `v2025_1/`).
    pub fn codebase(mut self, v: impl Into<String>) -> Self {
        self.codebase = Some(v.into());
        self
    }
    /// Timeouts, retries, extra allowed hosts, loopback for the simulator.
    pub fn options(mut self, v: ClientOptions) -> Self {
        self.options = Some(v);
        self
    }
    /// The status → stage map (default: [`StageMap::default_for`] ConnectWise).
    pub fn stage_map(mut self, v: StageMap) -> Self {
        self.stage_map = Some(v);
        self
    }
    /// The ticket source this integration registers as (see
    /// [`ConnectWiseClient::register_source`]); tickets created through the
    /// [`psa_core::Connector`] trait carry it, and preflight checks it exists.
    pub fn source_name(mut self, v: impl Into<String>) -> Self {
        self.source_name = Some(v.into());
        self
    }
    /// The board used for tickets created through the trait without a queue.
    pub fn default_board(mut self, v: Reference) -> Self {
        self.default_board = Some(v);
        self
    }
    /// Whether a create with an idempotency key first looks the key up (default `true`), so
    /// the same key returns the same ticket from any client. `false` saves that request per
    /// create for callers that guarantee unique keys themselves; a create is still looked up
    /// after an ambiguous failure. See [`psa_core::idempotency`].
    pub fn idempotency_lookup(mut self, on: bool) -> Self {
        self.idempotency_lookup = Some(on);
        self
    }
    /// The page size of the trait's listings (1–1000, default 100).
    pub fn page_size(mut self, n: u32) -> Self {
        self.page_size = Some(n);
        self
    }
    /// Paces requests under a shared limit (ConnectWise throttles cloud tenants dynamically and
    /// suggests staying well under 1,000 requests a minute). Clones of the limiter share it.
    pub fn rate_limiter(mut self, v: impl Into<Arc<dyn RateLimit>>) -> Self {
        self.rate_limiter = Some(v.into());
        self
    }
    /// Caps requests in flight from this client (ConnectWise advises limiting parallel calls).
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrency = Some(n);
        self
    }
    /// Another https host callback signing keys may be fetched from (an on-premise web host).
    pub fn callback_key_host(mut self, host: impl Into<String>) -> Self {
        self.callback_key_hosts.push(host.into());
        self
    }

    fn missing(&self, setting: &str, env: &str) -> Error {
        if self.env_names {
            Error::config(env, "is not set")
        } else {
            Error::config(setting, format!("is not set (builder .{setting}(..))"))
        }
    }

    fn named(&self, e: Error, env: &str) -> Error {
        if self.env_names && e.kind() == ErrorKind::Config {
            let msg = format!("{env}: {}", e.message());
            e.with_message(msg)
        } else {
            e
        }
    }

    /// Checks the settings, discovers the codebase (unless one was given) and builds the client.
    pub async fn build(self) -> Result<ConnectWiseClient> {
        let options = self.options.clone().unwrap_or_default();
        let site_in = self
            .site
            .clone()
            .ok_or_else(|| self.missing("site", ENV_SITE))?;
        let company = self
            .company_id
            .clone()
            .ok_or_else(|| self.missing("company_id", ENV_COMPANY))?;
        let public = self
            .public_key
            .clone()
            .ok_or_else(|| self.missing("public_key", ENV_PUBLIC))?;
        let private = self
            .private_key
            .clone()
            .ok_or_else(|| self.missing("private_key", ENV_PRIVATE))?;
        let client_id = self
            .client_id
            .clone()
            .ok_or_else(|| self.missing("client_id", ENV_CLIENT_ID))?;
        let site = Site::parse(&site_in, &options).map_err(|e| self.named(e, ENV_SITE))?;
        let credentials = Credentials::from_secrets(&company, &public, private, client_id)
            .map_err(|e| {
                let env = [
                    ("company_id", ENV_COMPANY),
                    ("public_key", ENV_PUBLIC),
                    ("private_key", ENV_PRIVATE),
                    ("client_id", ENV_CLIENT_ID),
                ]
                .iter()
                .find(|(s, _)| e.message().starts_with(s))
                .map(|(_, env)| *env)
                .unwrap_or(ENV_COMPANY);
                self.named(e, env)
            })?;
        let api_version = match &self.api_version {
            Some(v) => check_api_version(v).map_err(|e| self.named(e, ENV_API_VERSION))?,
            None => DEFAULT_API_VERSION.to_string(),
        };
        let page_size = self.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if page_size == 0 || page_size > MAX_PAGE_SIZE {
            return Err(Error::config(
                "page_size",
                format!("{page_size} is outside 1..={MAX_PAGE_SIZE}"),
            ));
        }
        if let Some(name) = &self.source_name {
            crate::api::sources::check_source_name(name)
                .map_err(|e| Error::config("source_name", e.message()))?;
        }

        let authorization = credentials.authorization();
        let redactor = Redactor::new()
            .secret(credentials.private_key())
            .secret(credentials.client_id())
            .secret(&authorization)
            .secret_str(
                authorization
                    .expose_secret()
                    .trim_start_matches("Basic ")
                    .trim(),
            );
        let mut builder = Transport::builder(Vendor::ConnectWise, options.clone())
            .host_policy(HostPolicy::new().host(site.host()))
            .classifier(Arc::new(ConnectWiseErrorClassifier))
            .redactor(redactor);
        if let Some(r) = self.rate_limiter.clone() {
            builder = builder.rate_limiter(r);
        }
        let mut limit_key = None;
        if let Some(n) = self.max_concurrency {
            if n == 0 {
                return Err(Error::config("max_concurrency", "must be at least 1"));
            }
            builder = builder.concurrency_limiter(ConcurrencyLimiter::new(n));
            limit_key = Some("connectwise".to_string());
        }
        let transport = builder.build()?;
        let discovery = discovery::discovery_transport(&site, &options)?;

        let (state, discovered) = match &self.codebase {
            Some(cb) => {
                let cb = normalize_codebase(cb).ok_or_else(|| {
                    self.named(
                        Error::config(
                            "codebase",
                            format!("{cb:?} is not a codebase (like v2025_1/ or v4_6_release/)"),
                        ),
                        ENV_CODEBASE,
                    )
                })?;
                (
                    ApiState {
                        base: site.api_base(&cb)?,
                        info: None,
                    },
                    false,
                )
            }
            None => {
                let info =
                    discovery::fetch_company_info(&discovery, &site, credentials.company_id())
                        .await?;
                (
                    ApiState {
                        base: site.api_base(&info.codebase)?,
                        info: Some(info),
                    },
                    true,
                )
            }
        };
        let mut key_hosts = HostPolicy::new().with_options(&options);
        for h in site.hosts() {
            key_hosts = key_hosts.host(h);
        }
        for h in &self.callback_key_hosts {
            key_hosts = key_hosts.host(h.clone());
        }
        let callbacks = CallbackVerifier::with_policy(key_hosts, options.clone())?;
        Ok(ConnectWiseClient {
            inner: Arc::new(Inner {
                transport,
                discovery,
                accept: format!("application/vnd.connectwise.com+json; version={api_version}"),
                api_version,
                site,
                credentials,
                state: RwLock::new(state),
                discovered,
                refetch: tokio::sync::Mutex::new(None),
                stage_map: self
                    .stage_map
                    .clone()
                    .unwrap_or_else(|| StageMap::default_for(Vendor::ConnectWise)),
                source_name: self.source_name.clone(),
                default_board: self.default_board.clone(),
                page_size,
                callbacks,
                limit_key,
                idempotency_lookup: self.idempotency_lookup.unwrap_or(true),
            }),
        })
    }
}

fn check_api_version(v: &str) -> Result<String> {
    let v = v.trim();
    let mut parts = v.split('.');
    let ok = matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None)
            if a.len() == 4 && a.chars().all(|c| c.is_ascii_digit())
                && !b.is_empty() && b.len() <= 2 && b.chars().all(|c| c.is_ascii_digit())
    );
    if ok {
        Ok(v.to_string())
    } else {
        Err(Error::config(
            "api_version",
            format!(
                "{v:?} is not a ConnectWise API version; use the release as YEAR.N, e.g. {DEFAULT_API_VERSION} (\"3.0\" is the URL version, not this one)"
            ),
        ))
    }
}

/// One API call, rebuilt against the current base URL each time it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: CallBody,
    idempotent: bool,
    headers: Vec<(&'static str, &'static str)>,
}

#[derive(Debug, Clone)]
enum CallBody {
    Empty,
    Json(Value),
    Multipart(Vec<MultipartPart>),
}

impl Call {
    pub(crate) fn new(method: Method, path: impl Into<String>) -> Self {
        let idempotent = method != Method::POST;
        Call {
            method,
            path: path.into(),
            query: Vec::new(),
            body: CallBody::Empty,
            idempotent,
            headers: Vec::new(),
        }
    }
    pub(crate) fn get(path: impl Into<String>) -> Self {
        Call::new(Method::GET, path)
    }
    pub(crate) fn post(path: impl Into<String>) -> Self {
        Call::new(Method::POST, path)
    }
    pub(crate) fn query(mut self, k: &str, v: impl Into<String>) -> Self {
        self.query.push((k.to_string(), v.into()));
        self
    }
    pub(crate) fn json(mut self, body: Value) -> Self {
        self.body = CallBody::Json(body);
        self
    }
    pub(crate) fn multipart(mut self, parts: Vec<MultipartPart>) -> Self {
        self.body = CallBody::Multipart(parts);
        self
    }
    pub(crate) fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }
    pub(crate) fn header(mut self, k: &'static str, v: &'static str) -> Self {
        self.headers.push((k, v));
        self
    }

    fn url(&self, base: &Url) -> Result<Url> {
        let mut url = base.join(self.path.trim_start_matches('/')).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("bad path {:?}: {e}", self.path),
            )
        })?;
        if !self.query.is_empty() {
            let pairs: Vec<(&str, String)> = self
                .query
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            url.set_query(Some(&encode_query(&pairs)));
        }
        Ok(url)
    }
}

impl ConnectWiseClient {
    /// A builder.
    pub fn builder() -> ConnectWiseClientBuilder {
        ConnectWiseClientBuilder::default()
    }

    /// Builds a client from `CONNECTWISE_SITE`, `CONNECTWISE_COMPANY_ID`,
    /// `CONNECTWISE_PUBLIC_KEY`, `CONNECTWISE_PRIVATE_KEY` and `CONNECTWISE_CLIENT_ID` (optional:
    /// `CONNECTWISE_API_VERSION`, `CONNECTWISE_CODEBASE`). A missing or malformed variable is a
    /// `Config` error naming it.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_connectwise::ConnectWiseClient::from_env().await?;
    /// # Ok(()) }
    /// ```
    pub async fn from_env() -> Result<ConnectWiseClient> {
        Self::builder_from_env()?.build().await
    }

    /// A builder filled from the environment (see [`from_env`](Self::from_env)), to add options
    /// before building.
    pub fn builder_from_env() -> Result<ConnectWiseClientBuilder> {
        let var = |name: &str| -> Result<Option<String>> {
            match std::env::var(name) {
                Ok(v) if v.trim().is_empty() => Err(Error::config(name, "is set but empty")),
                Ok(v) => Ok(Some(v)),
                Err(std::env::VarError::NotPresent) => Ok(None),
                Err(std::env::VarError::NotUnicode(_)) => {
                    Err(Error::config(name, "is not valid UTF-8"))
                }
            }
        };
        let mut b = ConnectWiseClientBuilder {
            env_names: true,
            ..Default::default()
        };
        b.site = var(ENV_SITE)?;
        b.company_id = var(ENV_COMPANY)?;
        b.public_key = var(ENV_PUBLIC)?;
        b.private_key = var(ENV_PRIVATE)?.map(SecretString::from);
        b.client_id = var(ENV_CLIENT_ID)?.map(SecretString::from);
        b.api_version = var(ENV_API_VERSION)?;
        b.codebase = var(ENV_CODEBASE)?;
        Ok(b)
    }

    /// The API base URL in use (`https://api-na.myconnectwise.net/v2025_1/apis/3.0/`).
    pub fn api_base(&self) -> Url {
        self.read_state().base
    }

    /// What `companyinfo` said at the last discovery (`None` when a codebase was configured).
    pub fn company_info(&self) -> Option<CompanyInfo> {
        self.read_state().info
    }

    /// The site.
    pub fn site(&self) -> &Site {
        &self.inner.site
    }

    /// The company id.
    pub fn company_id(&self) -> &str {
        self.inner.credentials.company_id()
    }

    /// The API version sent in `Accept`.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }

    /// The shared transport (for its options and rate limiter).
    pub fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// The status → stage map.
    pub fn stage_map(&self) -> &StageMap {
        &self.inner.stage_map
    }

    fn read_state(&self) -> ApiState {
        match self.inner.state.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn request(&self, call: &Call, base: &Url) -> Result<Request> {
        let url = call.url(base)?;
        let mut req = Request::new(call.method.clone(), url)
            .idempotent(call.idempotent)
            .sensitive_header(
                "Authorization",
                self.inner.credentials.authorization().expose_secret(),
            )?
            .sensitive_header(
                "clientId",
                self.inner.credentials.client_id().expose_secret(),
            )?
            .header("Accept", &self.inner.accept)?;
        for (k, v) in &call.headers {
            req = req.header(k, v)?;
        }
        if let Some(k) = &self.inner.limit_key {
            req = req.limit_key(k.clone());
        }
        req = match &call.body {
            CallBody::Empty => req,
            CallBody::Json(v) => req.json(v)?,
            CallBody::Multipart(parts) => req.multipart(parts.clone()),
        };
        Ok(req)
    }

    /// Sends a call; on a 404 after a cloud upgrade moved the codebase, rediscovers it and sends
    /// the call once more.
    pub(crate) async fn execute(&self, call: &Call) -> Result<Response> {
        let base = self.api_base();
        let first = self.inner.transport.send(self.request(call, &base)?).await;
        match first {
            Err(e) if e.status() == Some(404) && self.inner.discovered => {
                match self.refresh_codebase(&base, is_route_not_found(&e)).await {
                    Some(new_base) => {
                        tracing::info!(
                            old = %base,
                            new = %new_base,
                            "ConnectWise codebase changed; repeating the call on the new one"
                        );
                        self.inner
                            .transport
                            .send(self.request(call, &new_base)?)
                            .await
                    }
                    None => Err(e),
                }
            }
            other => other,
        }
    }

    /// Asks `companyinfo` again; returns the new base when the codebase changed.
    async fn refresh_codebase(&self, seen: &Url, route_level: bool) -> Option<Url> {
        let mut last = self.inner.refetch.lock().await;
        let current = self.api_base();
        if &current != seen {
            // Another call already moved to the new codebase.
            return Some(current);
        }
        if !route_level && last.is_some_and(|t| t.elapsed() < REFETCH_QUIET) {
            return None;
        }
        *last = Some(Instant::now());
        let info = match discovery::fetch_company_info(
            &self.inner.discovery,
            &self.inner.site,
            self.company_id(),
        )
        .await
        {
            Ok(i) => i,
            Err(e) => {
                tracing::warn!(error = %e, "re-checking the ConnectWise codebase failed");
                return None;
            }
        };
        let new_base = self.inner.site.api_base(&info.codebase).ok()?;
        if new_base == current {
            return None;
        }
        match self.inner.state.write() {
            Ok(mut s) => {
                s.base = new_base.clone();
                s.info = Some(info);
            }
            Err(poisoned) => {
                let mut s = poisoned.into_inner();
                s.base = new_base.clone();
                s.info = Some(info);
            }
        }
        Some(new_base)
    }

    /// Sends a call and decodes its JSON body; an HTML page is an error that says so.
    pub(crate) async fn call_json<T: DeserializeOwned>(&self, call: &Call) -> Result<T> {
        let resp = self.execute(call).await?;
        decode(&resp)
    }

    /// `GET {path}` as raw JSON: every endpoint the typed API does not cover.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(1).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let info = client.get_raw("system/info", &[]).await?;
    /// assert!(info["version"].is_string());
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn get_raw(&self, path: &str, query: &[(&str, &str)]) -> Result<Value> {
        let mut call = Call::get(path);
        for (k, v) in query {
            call = call.query(k, *v);
        }
        self.call_json(&call).await
    }

    /// Deletes a record by path (`service/tickets/5`); ConnectWise answers 204.
    pub async fn delete_raw(&self, path: &str) -> Result<()> {
        self.execute(&Call::new(Method::DELETE, path)).await?;
        Ok(())
    }

    /// One page of a list endpoint, as raw records, with the cursor of the next page.
    ///
    /// The whole query is sent on every page; the next page's position comes from the
    /// `Link: <…>; rel="next"` header (`page` or, forward-only, `pageId`). Long queries go as
    /// `POST {path}/search`.
    pub(crate) async fn list_values(
        &self,
        path: &str,
        query: &ListQuery,
        cursor: Option<Cursor>,
    ) -> Result<(Vec<Value>, Option<Cursor>)> {
        let params = query.params()?;
        let size = query.effective_page_size();
        let mut call = Call::get(path);
        for (k, v) in &params {
            call = call.query(k, v.clone());
        }
        call = call.query("pageSize", size.to_string());
        match cursor {
            Some(c) => {
                let (k, v) = c.param();
                call = call.query(k, v);
            }
            None if !query.forward_only => call = call.query("page", "1"),
            None => {}
        }
        if query.forward_only {
            call = call.header("pagination-type", "forward-only");
        }
        let too_long = call.url(&self.api_base())?.as_str().len() > MAX_URL_LEN;
        if too_long {
            call = search_call(path, query, &params, size, cursor)?;
        }
        let resp = self.execute(&call).await?;
        let items: Vec<Value> = match decode::<Value>(&resp)? {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            other => {
                return Err(resp.decode_error(&format!(
                    "expected a JSON array of records from {path}, got {}",
                    type_name(&other)
                )));
            }
        };
        let full = items.len() as u32 >= size && !items.is_empty();
        let link = resp.header_str("link").map(str::to_string);
        let next = if query.forward_only {
            if !full {
                None
            } else {
                link.as_deref()
                    .and_then(|h| next_from_link(h, true))
                    .or_else(|| {
                        items
                            .last()
                            .and_then(|v| v.get("id"))
                            .and_then(crate::models::de::value_to_i64)
                            .map(Cursor::PageId)
                    })
            }
        } else {
            let current = match cursor {
                Some(Cursor::Page(n)) => n,
                _ => 1,
            };
            match link.as_deref().filter(|h| !h.trim().is_empty()) {
                Some(h) => next_from_link(h, false).filter(|c| *c != Cursor::Page(current)),
                None if full => Some(Cursor::Page(current + 1)),
                None => None,
            }
        };
        Ok((items, next))
    }

    /// `GET {path}/count` with the query's conditions.
    pub(crate) async fn count_at(&self, path: &str, query: &ListQuery) -> Result<u64> {
        let mut call = Call::get(format!("{path}/count"));
        for (k, v) in query.params()? {
            if matches!(
                k,
                "conditions" | "childConditions" | "customFieldConditions"
            ) {
                call = call.query(k, v);
            }
        }
        if call.url(&self.api_base())?.as_str().len() > MAX_URL_LEN {
            return Err(Error::new(
                ErrorKind::Validation,
                format!("the conditions make the {path}/count URL longer than {MAX_URL_LEN} characters; narrow them"),
            )
            .with_fields(["conditions"]));
        }
        let count: crate::models::Count = self.call_json(&call).await?;
        Ok(count.count.unwrap_or(0).max(0) as u64)
    }
}

fn search_call(
    path: &str,
    query: &ListQuery,
    params: &[(&'static str, String)],
    size: u32,
    cursor: Option<Cursor>,
) -> Result<Call> {
    let mut body = serde_json::Map::new();
    for (k, v) in params {
        let key = match *k {
            "conditions" => "conditions",
            "childConditions" => "childconditions",
            "customFieldConditions" => "customfieldconditions",
            "orderBy" => "orderBy",
            _ => continue,
        };
        body.insert(key.to_string(), Value::String(v.clone()));
    }
    let mut call = Call::post(format!("{path}/search"))
        .json(Value::Object(body))
        .idempotent(true)
        .query("pageSize", size.to_string());
    if let Some((_, fields)) = params.iter().find(|(k, _)| *k == "fields") {
        call = call.query("fields", fields.clone());
    }
    match cursor {
        Some(c) => {
            let (k, v) = c.param();
            call = call.query(k, v);
        }
        None if !query.forward_only => call = call.query("page", "1"),
        None => {}
    }
    if query.forward_only {
        call = call.header("pagination-type", "forward-only");
    }
    Ok(call)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a flag",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Decodes a JSON body, turning an HTML page into an error that names the likely cause.
pub(crate) fn decode<T: DeserializeOwned>(resp: &Response) -> Result<T> {
    if looks_like_html(resp.headers(), resp.body()) {
        return Err(resp
            .decode_error("expected JSON but got an HTML page")
            .with_hint(HTML_HINT));
    }
    resp.json()
}

/// Decodes raw records into a typed model, naming the record that did not fit.
pub(crate) fn typed<T: DeserializeOwned>(what: &str, values: &[Value]) -> Result<Vec<T>> {
    values.iter().map(|v| typed_one(what, v)).collect()
}

pub(crate) fn typed_one<T: DeserializeOwned>(what: &str, v: &Value) -> Result<T> {
    T::deserialize(v).map_err(|e| {
        let id = v
            .get("id")
            .map(|i| i.to_string())
            .unwrap_or_else(|| "?".into());
        Error::new(
            ErrorKind::Decode,
            format!("{what} record {id} does not match the documented model: {e}"),
        )
        .with_vendor(Vendor::ConnectWise)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions_are_checked() {
        assert_eq!(check_api_version("2025.1").unwrap(), "2025.1");
        assert_eq!(check_api_version(" 2022.12 ").unwrap(), "2022.12");
        for bad in ["3.0", "2025", "2025.1.3", "v2025.1", "", "2025.x"] {
            let e = check_api_version(bad).unwrap_err();
            assert!(e.to_string().contains("api_version"), "{bad}: {e}");
        }
    }

    #[test]
    fn calls_encode_their_query() {
        let base: Url = "https://api-na.myconnectwise.net/v2025_1/apis/3.0/"
            .parse()
            .unwrap();
        let url = Call::get("service/tickets")
            .query("conditions", r#"summary contains "a&b""#)
            .url(&base)
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets?conditions=summary%20contains%20%22a%26b%22"
        );
    }
}
