//! The client, its builder and the request path every call goes through.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use http::Method;
use psa_core::transport::{
    ConcurrencyLimit, ConcurrencyLimiter, RateLimit, Redactor, Request, Response, Transport,
};
use psa_core::{ClientOptions, Error, ErrorKind, Result, StageMap, Vendor};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::time::Instant;
use url::Url;

use crate::AutotaskErrorClassifier;
use crate::api::metadata::FieldCache;
use crate::discovery::{self, DEFAULT_DISCOVERY_URL, ZoneInfo};
use crate::pacing::{Pacer, Pacing};

/// Autotask's thread limit: concurrent requests per integration and endpoint.
pub const MAX_CONCURRENT_PER_ENDPOINT: usize = 3;
/// The default largest attachment sent (Autotask documents 6–7 MB per file).
pub const DEFAULT_MAX_ATTACHMENT_BYTES: usize = 6_000_000;
/// Autotask blocks attachment uploads for 5 minutes after 10,000,000 bytes in 5 minutes.
pub(crate) const ATTACHMENT_WINDOW_BYTES: usize = 10_000_000;
pub(crate) const ATTACHMENT_WINDOW: Duration = Duration::from_secs(300);
/// How long picklists and field information are cached by default.
pub const DEFAULT_PICKLIST_TTL: Duration = Duration::from_secs(15 * 60);

const ENV_USERNAME: &str = "AUTOTASK_USERNAME";
const ENV_SECRET: &str = "AUTOTASK_SECRET";
const ENV_CODE: &str = "AUTOTASK_INTEGRATION_CODE";
const ENV_ZONE: &str = "AUTOTASK_ZONE_URL";
const ENV_DISCOVERY: &str = "AUTOTASK_DISCOVERY_URL";
const ENV_IMPERSONATE: &str = "AUTOTASK_IMPERSONATION_RESOURCE_ID";

/// The Autotask REST client.
///
/// Cheap to clone (clones share the zone, caches and limits). Build it with
/// [`AutotaskClient::builder`], [`AutotaskClient::from_env`] or
/// [`AutotaskClient::builder_from_env`]. It finds its zone at `build`,
/// sends `ApiIntegrationCode`, `UserName` and `Secret` on every call and
/// `ImpersonationResourceId` on writes only, keeps at most 3 requests per endpoint in flight,
/// retries the thread-limit error, and re-discovers its zone once when a 401 follows a zone
/// move.
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
    pub(crate) transport: Transport,
    pub(crate) username: String,
    secret: SecretString,
    integration_code: SecretString,
    zone: RwLock<ZoneInfo>,
    /// Set when the zone was discovered, so it can be re-discovered.
    discovery_base: Option<Url>,
    rediscover: tokio::sync::Mutex<()>,
    pub(crate) fields: FieldCache,
    pub(crate) stage_map: Option<StageMap>,
    pub(crate) pacer: Option<Pacer>,
    pub(crate) max_attachment_bytes: usize,
    pub(crate) attachment_log: Mutex<VecDeque<(Instant, usize)>>,
    max_concurrent: usize,
    pub(crate) idempotency_lookup: bool,
}

impl fmt::Debug for AutotaskClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AutotaskClient")
            .field("username", &self.inner.username)
            .field("secret", &"[redacted]")
            .field("integration_code", &"[redacted]")
            .field("zone", &self.zone().api_url.as_str())
            .field("impersonate", &self.impersonate)
            .field("max_concurrent_per_endpoint", &self.inner.max_concurrent)
            .finish()
    }
}

impl AutotaskClient {
    /// Starts a builder.
    pub fn builder() -> AutotaskClientBuilder {
        AutotaskClientBuilder::new()
    }

    /// Builds a client from the environment: `AUTOTASK_USERNAME`, `AUTOTASK_SECRET`,
    /// `AUTOTASK_INTEGRATION_CODE`, and optionally `AUTOTASK_ZONE_URL`,
    /// `AUTOTASK_DISCOVERY_URL` and `AUTOTASK_IMPERSONATION_RESOURCE_ID`. A missing or
    /// malformed variable is a [`ErrorKind::Config`] error naming it.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_autotask::AutotaskClient::from_env().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub async fn from_env() -> Result<AutotaskClient> {
        AutotaskClientBuilder::from_env()?.build().await
    }

    /// A builder filled from the environment (see [`from_env`](Self::from_env)), to add
    /// options before building.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_autotask::AutotaskClient::builder_from_env()?
    ///     .max_concurrent_per_endpoint(2)
    ///     .build()
    ///     .await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn builder_from_env() -> Result<AutotaskClientBuilder> {
        AutotaskClientBuilder::from_env()
    }

    /// The zone in use.
    pub fn zone(&self) -> ZoneInfo {
        self.inner
            .zone
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The versioned API base in use (`https://webservices14.autotask.net/ATServicesRest/V1.0/`).
    pub fn api_base(&self) -> Url {
        self.zone().api_base()
    }

    /// The API user's name.
    pub fn username(&self) -> &str {
        &self.inner.username
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
        &self.inner.transport
    }

    /// Sends a call: pacing, headers, the transport (retries, limits, redaction), error
    /// annotation, and one re-discovery of the zone after a 401.
    pub(crate) async fn execute(&self, call: Call) -> Result<Response> {
        if call.paced
            && let Some(p) = &self.inner.pacer
        {
            p.before_request(self).await;
        }
        let mut rediscovered = false;
        loop {
            let base_used = self.api_base();
            let url = match &call.target {
                Target::Path(p) => base_used.join(p).map_err(|e| {
                    Error::new(
                        ErrorKind::Validation,
                        format!("bad request path {p:?}: {e}"),
                    )
                    .with_vendor(Vendor::Autotask)
                })?,
                Target::Absolute(u) => u.clone(),
            };
            let req = self.build_request(&call, url)?;
            match self.inner.transport.send(req).await {
                Ok(resp) => return Ok(resp),
                Err(e) => {
                    let e = annotate(e, &call);
                    let may_rediscover = !rediscovered
                        && e.status() == Some(401)
                        && matches!(call.target, Target::Path(_))
                        && self.inner.discovery_base.is_some();
                    if may_rediscover {
                        rediscovered = true;
                        if self.rediscover(&base_used).await {
                            continue;
                        }
                    }
                    return Err(e);
                }
            }
        }
    }

    fn build_request(&self, call: &Call, url: Url) -> Result<Request> {
        let inner = &self.inner;
        let mut req = Request::new(call.method.clone(), url)
            .sensitive_header("ApiIntegrationCode", inner.integration_code.expose_secret())?
            .header("UserName", &inner.username)?
            .sensitive_header("Secret", inner.secret.expose_secret())?
            .header("Accept", "application/json")?;
        if call.write
            && let Some(id) = self.impersonate
        {
            req = req.header("ImpersonationResourceId", &id.to_string())?;
        }
        if let Some(body) = &call.body {
            req = req.json(body)?;
        }
        let idempotent = !(call.write && call.method == Method::POST);
        Ok(req.idempotent(idempotent).limit_key(call.entity.clone()))
    }

    /// Re-discovers the zone; true when it changed (or another call already changed it).
    async fn rediscover(&self, base_used: &Url) -> bool {
        let Some(discovery_base) = &self.inner.discovery_base else {
            return false;
        };
        let _guard = self.inner.rediscover.lock().await;
        if &self.api_base() != base_used {
            return true;
        }
        match discovery::discover_with(&self.inner.transport, discovery_base, &self.inner.username)
            .await
        {
            Ok(zone) if zone.api_base() != *base_used => {
                tracing::info!(zone = %zone.zone_name, "Autotask zone moved; using the new zone");
                *self.inner.zone.write().unwrap_or_else(|e| e.into_inner()) = zone;
                true
            }
            Ok(_) => false,
            Err(e) => {
                tracing::debug!(error = %e, "zone re-discovery after a 401 failed");
                false
            }
        }
    }

    /// Checks that a URL the server handed back may receive credentials.
    pub(crate) fn check_server_url(&self, url: &Url, what: &str) -> Result<()> {
        self.inner.transport.check_host(url).map_err(|refusal| {
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

    // ---- raw JSON access: every entity Autotask has, without a typed model ----

    /// `GET {api_base}{path}` as JSON, e.g. `get_json("Projects/12")`.
    pub async fn get_json(&self, path: &str) -> Result<Value> {
        let entity = entity_of(path)?;
        self.execute(Call::read(Method::GET, path, None, entity))
            .await?
            .json()
    }

    /// `POST {api_base}{path}` (a create; sent once) as JSON, e.g.
    /// `post_json("Projects/12/Tasks", &body)`. Unset (`null`) members are removed first.
    pub async fn post_json(&self, path: &str, body: &Value) -> Result<Value> {
        let entity = entity_of(path)?;
        self.execute(Call::write(Method::POST, path, Some(clean(body)), entity))
            .await?
            .json()
    }

    /// `PATCH {api_base}{path}` as JSON (an update; the body carries `id`).
    pub async fn patch_json(&self, path: &str, body: &Value) -> Result<Value> {
        let entity = entity_of(path)?;
        self.execute(Call::write(Method::PATCH, path, Some(clean(body)), entity))
            .await?
            .json()
    }

    /// `DELETE {api_base}{path}`.
    pub async fn delete_path(&self, path: &str) -> Result<()> {
        let entity = entity_of(path)?;
        self.execute(Call::write(Method::DELETE, path, None, entity))
            .await
            .map(|_| ())
    }
}

fn clean(body: &Value) -> Value {
    let mut b = body.clone();
    crate::models::wire::strip_nulls(&mut b);
    b
}

/// Validates a relative API path and returns its first segment (the limit key).
pub(crate) fn entity_of(path: &str) -> Result<String> {
    let bad = || {
        Error::new(
            ErrorKind::Validation,
            format!(
                "API path {path:?} must be relative to the API base and made of letters, digits and '/', e.g. \"Tickets/12/Notes\""
            ),
        )
        .with_vendor(Vendor::Autotask)
    };
    if path.is_empty() || path.starts_with('/') {
        return Err(bad());
    }
    for seg in path.split('/') {
        if seg.is_empty() || !seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad());
        }
    }
    Ok(path.split('/').next().unwrap_or(path).to_string())
}

fn annotate(e: Error, call: &Call) -> Error {
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::Validation | ErrorKind::NotFound => {
            let mut e = if e.entity().is_none() {
                e.with_entity(call.entity.clone())
            } else {
                e
            };
            if e.action().is_none() {
                e = e.with_action(call.action());
            }
            e
        }
        _ => e,
    }
}

/// Where a call goes.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// Relative to the zone's API base.
    Path(String),
    /// A URL the server handed back (next page), already host-checked.
    Absolute(Url),
}

/// One API call.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) target: Target,
    pub(crate) body: Option<Value>,
    /// Writes carry `ImpersonationResourceId`; queries and reads never do.
    pub(crate) write: bool,
    /// The endpoint: the concurrency key and the entity named in errors.
    pub(crate) entity: String,
    pub(crate) paced: bool,
}

impl Call {
    pub(crate) fn read(method: Method, path: &str, body: Option<Value>, entity: String) -> Self {
        Call {
            method,
            target: Target::Path(path.to_string()),
            body,
            write: false,
            entity,
            paced: true,
        }
    }

    pub(crate) fn write(method: Method, path: &str, body: Option<Value>, entity: String) -> Self {
        Call {
            write: true,
            ..Call::read(method, path, body, entity)
        }
    }

    pub(crate) fn unpaced(mut self) -> Self {
        self.paced = false;
        self
    }

    fn action(&self) -> &'static str {
        match (&self.method, self.write) {
            (&Method::POST, true) => "create",
            (&Method::PATCH | &Method::PUT, _) => "update",
            (&Method::DELETE, _) => "delete",
            _ => "query",
        }
    }
}

/// Builds an [`AutotaskClient`]. Every missing or malformed setting fails `build` with an
/// [`ErrorKind::Config`] error naming it.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let err = psa_autotask::AutotaskClient::builder().username("api@example.com").build().await.unwrap_err();
/// assert_eq!(err.kind(), psa_core::ErrorKind::Config);
/// assert!(err.to_string().contains("secret"));
/// # }
/// ```
pub struct AutotaskClientBuilder {
    username: Option<String>,
    secret: Option<SecretString>,
    integration_code: Option<SecretString>,
    zone_url: Option<String>,
    discovery_url: Option<String>,
    impersonate: Option<i64>,
    options: ClientOptions,
    max_concurrent: usize,
    limiter: Option<Arc<dyn ConcurrencyLimit>>,
    rate_limiter: Option<Arc<dyn RateLimit>>,
    picklist_ttl: Duration,
    stage_map: Option<StageMap>,
    pacing: Option<Pacing>,
    max_attachment_bytes: usize,
    idempotency_lookup: bool,
    from_env: bool,
}

impl fmt::Debug for AutotaskClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AutotaskClientBuilder")
            .field("username", &self.username)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field(
                "integration_code",
                &self.integration_code.as_ref().map(|_| "[redacted]"),
            )
            .field("zone_url", &self.zone_url)
            .field("discovery_url", &self.discovery_url)
            .field("impersonate", &self.impersonate)
            .field("options", &self.options)
            .field("max_concurrent_per_endpoint", &self.max_concurrent)
            .field("pacing", &self.pacing)
            .finish_non_exhaustive()
    }
}

impl Default for AutotaskClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl AutotaskClientBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        AutotaskClientBuilder {
            username: None,
            secret: None,
            integration_code: None,
            zone_url: None,
            discovery_url: None,
            impersonate: None,
            options: ClientOptions::default(),
            max_concurrent: MAX_CONCURRENT_PER_ENDPOINT,
            limiter: None,
            rate_limiter: None,
            picklist_ttl: DEFAULT_PICKLIST_TTL,
            stage_map: None,
            pacing: None,
            max_attachment_bytes: DEFAULT_MAX_ATTACHMENT_BYTES,
            idempotency_lookup: true,
            from_env: false,
        }
    }

    /// Reads the settings from the environment (see [`AutotaskClient::from_env`]).
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| match std::env::var(name) {
            Ok(v) => Ok(Some(v)),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(Error::config(name, "is not valid UTF-8"))
            }
        })
    }

    fn from_lookup(lookup: impl Fn(&str) -> Result<Option<String>>) -> Result<Self> {
        let var = |name: &str| -> Result<Option<String>> {
            Ok(lookup(name)?.filter(|v| !v.trim().is_empty()))
        };
        let required = |name: &str| -> Result<String> {
            var(name)?.ok_or_else(|| Error::config(name, "is not set"))
        };
        let mut b = AutotaskClientBuilder::new();
        b.from_env = true;
        b.username = Some(required(ENV_USERNAME)?);
        b.secret = Some(SecretString::from(required(ENV_SECRET)?));
        b.integration_code = Some(SecretString::from(required(ENV_CODE)?));
        b.zone_url = var(ENV_ZONE)?;
        b.discovery_url = var(ENV_DISCOVERY)?;
        if let Some(text) = var(ENV_IMPERSONATE)? {
            let id = text.trim().parse::<i64>().map_err(|_| {
                Error::config(
                    ENV_IMPERSONATE,
                    format!("must be a resource id (a whole number), got {text:?}"),
                )
            })?;
            b.impersonate = Some(id);
        }
        Ok(b)
    }

    /// The API user's name (its Username (Key)).
    pub fn username(mut self, v: impl Into<String>) -> Self {
        self.username = Some(v.into());
        self
    }

    /// The API user's secret.
    pub fn secret(mut self, v: impl Into<String>) -> Self {
        self.secret = Some(SecretString::from(v.into()));
        self
    }

    /// The API user's secret, already a [`SecretString`].
    pub fn secret_string(mut self, v: SecretString) -> Self {
        self.secret = Some(v);
        self
    }

    /// The API tracking identifier (`ApiIntegrationCode`) of the integration vendor.
    pub fn integration_code(mut self, v: impl Into<String>) -> Self {
        self.integration_code = Some(SecretString::from(v.into()));
        self
    }

    /// Skips discovery and uses this zone root (`https://webservices14.autotask.net/ATServicesRest/`).
    /// It must be https on `autotask.net` (loopback only with
    /// [`ClientOptions::allow_insecure_loopback`]). No re-discovery happens with a fixed zone.
    pub fn zone_url(mut self, v: impl Into<String>) -> Self {
        self.zone_url = Some(v.into());
        self
    }

    /// Where zone discovery starts (default `https://webservices.autotask.net/ATServicesRest/`).
    pub fn discovery_url(mut self, v: impl Into<String>) -> Self {
        self.discovery_url = Some(v.into());
        self
    }

    /// Makes writes on behalf of this resource (`ImpersonationResourceId`). See
    /// [`AutotaskClient::impersonating`] for per-call impersonation.
    pub fn impersonate(mut self, resource_id: i64) -> Self {
        self.impersonate = Some(resource_id);
        self
    }

    /// Whether a create with an idempotency key first looks the key up (default `true`), so
    /// the same key returns the same ticket from any client. `false` saves that request per
    /// create for callers that guarantee unique keys themselves; a create is still looked up
    /// after an ambiguous failure. See [`psa_core::idempotency`].
    pub fn idempotency_lookup(mut self, on: bool) -> Self {
        self.idempotency_lookup = on;
        self
    }

    /// Timeouts, retries, user agent, loopback for the simulator.
    pub fn options(mut self, options: ClientOptions) -> Self {
        self.options = options;
        self
    }

    /// Concurrent requests per endpoint (1–3; default 3, Autotask's thread limit). Lower it when
    /// other programs use the same integration code on the same database.
    pub fn max_concurrent_per_endpoint(mut self, n: usize) -> Self {
        self.max_concurrent = n;
        self
    }

    /// Shares a concurrency limiter with other clients using the same integration code, so
    /// together they stay under the thread limit. Overrides
    /// [`max_concurrent_per_endpoint`](Self::max_concurrent_per_endpoint); `build()` refuses a
    /// limiter allowing more than 3 requests per endpoint. Workers in several processes share one
    /// with psa-core's Redis limiter (feature `redis`).
    pub fn concurrency_limiter(mut self, limiter: impl Into<Arc<dyn ConcurrencyLimit>>) -> Self {
        self.limiter = Some(limiter.into());
        self
    }

    /// Paces requests under a shared request budget, e.g. Autotask's 10,000 requests an hour per
    /// database split between several workers (none by default: Autotask's
    /// `ThresholdInformation` pacing still applies on top of it).
    pub fn rate_limiter(mut self, limiter: impl Into<Arc<dyn RateLimit>>) -> Self {
        self.rate_limiter = Some(limiter.into());
        self
    }

    /// How long picklists and field information are cached (default 15 minutes).
    pub fn picklist_ttl(mut self, ttl: Duration) -> Self {
        self.picklist_ttl = ttl;
        self
    }

    /// Replaces the status → stage map built from the tenant's status labels.
    pub fn stage_map(mut self, map: StageMap) -> Self {
        self.stage_map = Some(map);
        self
    }

    /// Slows requests down as the database's hourly usage passes 50% and 75%, so this
    /// integration does not starve others on the same database. Off by default.
    pub fn adaptive_pacing(mut self, pacing: Pacing) -> Self {
        self.pacing = Some(pacing);
        self
    }

    /// The largest attachment sent, in bytes (default 6,000,000); larger ones fail before
    /// anything is sent.
    pub fn max_attachment_bytes(mut self, n: usize) -> Self {
        self.max_attachment_bytes = n;
        self
    }

    fn name(&self, setting: &'static str, env: &'static str) -> String {
        if self.from_env {
            env.to_string()
        } else {
            format!("{setting} (or {env})")
        }
    }

    /// Checks the settings, finds the zone (unless [`zone_url`](Self::zone_url) is set) and
    /// returns the client.
    pub async fn build(self) -> Result<AutotaskClient> {
        let username = match self.username.as_deref().map(str::trim) {
            Some(u) if !u.is_empty() => u.to_string(),
            _ => {
                return Err(Error::config(
                    &self.name("username", ENV_USERNAME),
                    "is not set; it is the API user's Username (Key)",
                ));
            }
        };
        if username
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::config(
                &self.name("username", ENV_USERNAME),
                "must not contain spaces or control characters",
            ));
        }
        let secret = match &self.secret {
            Some(s) if !s.expose_secret().is_empty() => s.clone(),
            _ => {
                return Err(Error::config(
                    &self.name("secret", ENV_SECRET),
                    "is not set; it is the API user's Secret (Password)",
                ));
            }
        };
        if secret.expose_secret().chars().any(char::is_control) {
            return Err(Error::config(
                &self.name("secret", ENV_SECRET),
                "contains control characters (a stray line break?)",
            ));
        }
        let code = match &self.integration_code {
            Some(s) if !s.expose_secret().trim().is_empty() => {
                SecretString::from(s.expose_secret().trim().to_string())
            }
            _ => {
                return Err(Error::config(
                    &self.name("integration_code", ENV_CODE),
                    "is not set; it is the API Tracking Identifier of the integration vendor",
                ));
            }
        };
        if code
            .expose_secret()
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::config(
                &self.name("integration_code", ENV_CODE),
                "must not contain spaces or control characters",
            ));
        }
        if let Some(id) = self.impersonate
            && id <= 0
        {
            return Err(Error::config(
                &self.name("impersonate", ENV_IMPERSONATE),
                format!("must be a positive resource id, got {id}"),
            ));
        }
        if !(1..=MAX_CONCURRENT_PER_ENDPOINT).contains(&self.max_concurrent) {
            return Err(Error::config(
                "max_concurrent_per_endpoint",
                format!(
                    "must be between 1 and {MAX_CONCURRENT_PER_ENDPOINT} (Autotask's thread limit), got {}",
                    self.max_concurrent
                ),
            ));
        }
        if self.max_attachment_bytes == 0 {
            return Err(Error::config("max_attachment_bytes", "must be above zero"));
        }
        if let Some(p) = &self.pacing {
            p.validate()?;
        }

        let limiter = self
            .limiter
            .clone()
            .unwrap_or_else(|| Arc::new(ConcurrencyLimiter::new(self.max_concurrent)));
        let max_concurrent = limiter.per_key();
        if !(1..=MAX_CONCURRENT_PER_ENDPOINT).contains(&max_concurrent) {
            return Err(Error::config(
                "concurrency_limiter",
                format!(
                    "must allow between 1 and {MAX_CONCURRENT_PER_ENDPOINT} requests per endpoint (Autotask's thread limit), got {max_concurrent}"
                ),
            ));
        }
        let mut transport = Transport::builder(Vendor::Autotask, self.options.clone());
        if let Some(rate) = self.rate_limiter.clone() {
            transport = transport.rate_limiter(rate);
        }
        let transport = transport
            .host_policy(discovery::host_policy())
            .classifier(Arc::new(AutotaskErrorClassifier))
            .redactor(Redactor::new().secret(&secret).secret(&code))
            .concurrency_limiter(limiter)
            .build()?;

        let (zone, discovery_base) = match &self.zone_url {
            Some(text) => {
                let setting = self.name("zone_url", ENV_ZONE);
                let root = discovery::parse_root(text, &setting)?;
                transport.check_host(&root).map_err(|e| {
                    let msg = format!("{setting}: {}", e.message());
                    e.with_message(msg)
                })?;
                (ZoneInfo::new("(configured)", root), None)
            }
            None => {
                let setting = self.name("discovery_url", ENV_DISCOVERY);
                let text = self
                    .discovery_url
                    .as_deref()
                    .unwrap_or(DEFAULT_DISCOVERY_URL);
                let base = discovery::parse_root(text, &setting)?;
                let zone = discovery::discover_with(&transport, &base, &username).await?;
                (zone, Some(base))
            }
        };

        Ok(AutotaskClient {
            inner: Arc::new(Inner {
                transport,
                username,
                secret,
                integration_code: code,
                zone: RwLock::new(zone),
                discovery_base,
                rediscover: tokio::sync::Mutex::new(()),
                fields: FieldCache::new(self.picklist_ttl),
                stage_map: self.stage_map,
                pacer: self.pacing.map(Pacer::new),
                max_attachment_bytes: self.max_attachment_bytes,
                attachment_log: Mutex::new(VecDeque::new()),
                max_concurrent,
                idempotency_lookup: self.idempotency_lookup,
            }),
            impersonate: self.impersonate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Result<Option<String>> {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| Ok(map.get(name).cloned())
    }

    #[test]
    fn from_env_names_the_missing_or_malformed_variable() {
        let full = [
            (ENV_USERNAME, "api@example.com"),
            (ENV_SECRET, "s3cret-value"),
            (ENV_CODE, "CODE123"),
        ];
        for missing in [ENV_USERNAME, ENV_SECRET, ENV_CODE] {
            let pairs: Vec<_> = full
                .iter()
                .copied()
                .filter(|(k, _)| *k != missing)
                .collect();
            let e = AutotaskClientBuilder::from_lookup(env(&pairs)).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Config);
            assert!(e.to_string().contains(missing), "{e}");
        }
        let mut pairs = full.to_vec();
        pairs.push((ENV_IMPERSONATE, "abc"));
        let e = AutotaskClientBuilder::from_lookup(env(&pairs)).unwrap_err();
        assert!(e.to_string().contains(ENV_IMPERSONATE), "{e}");
        let mut pairs = full.to_vec();
        pairs.push((
            ENV_ZONE,
            "https://webservices14.autotask.net/ATServicesRest/",
        ));
        pairs.push((ENV_IMPERSONATE, "29682885"));
        let b = AutotaskClientBuilder::from_lookup(env(&pairs)).unwrap();
        assert_eq!(b.impersonate, Some(29_682_885));
        assert!(b.zone_url.is_some());
        assert!(!format!("{b:?}").contains("s3cret-value"));
    }

    #[test]
    fn api_paths_are_checked() {
        assert_eq!(entity_of("Tickets/12/Notes").unwrap(), "Tickets");
        for bad in [
            "",
            "/Tickets",
            "Tickets/../x",
            "https://evil.example/",
            "Tickets//1",
            "a b",
        ] {
            assert!(entity_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn calls_know_their_action_and_idempotency() {
        let c = Call::write(Method::POST, "Tickets", None, "Tickets".into());
        assert_eq!(c.action(), "create");
        let c = Call::read(Method::POST, "Tickets/query", None, "Tickets".into());
        assert_eq!(c.action(), "query");
        let c = Call::write(Method::PATCH, "Tickets", None, "Tickets".into());
        assert_eq!(c.action(), "update");
    }

    #[tokio::test]
    async fn a_shared_limiter_above_the_thread_limit_is_refused() {
        let e = AutotaskClient::builder()
            .username("api@example.com")
            .secret("s3cret-value")
            .integration_code("CODE123")
            .zone_url("https://webservices14.autotask.net/ATServicesRest/")
            .concurrency_limiter(ConcurrencyLimiter::new(10))
            .build()
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("concurrency_limiter"), "{e}");
        let ok = AutotaskClient::builder()
            .username("api@example.com")
            .secret("s3cret-value")
            .integration_code("CODE123")
            .zone_url("https://webservices14.autotask.net/ATServicesRest/")
            .concurrency_limiter(ConcurrencyLimiter::new(2))
            .build()
            .await;
        assert!(ok.is_ok());
    }
}
