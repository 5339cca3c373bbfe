//! [`AutotaskClientBuilder`]: settings, the environment, checks, zone discovery.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use psa_core::transport::{
    ConcurrencyLimit, ConcurrencyLimiter, RateLimit, Redactor, Requester, Transport,
};
use psa_core::{ClientOptions, DEV_LOOPBACK_ENV, Error, Result, StageMap, Vendor};
use secrecy::{ExposeSecret, SecretString};

use super::{
    AutotaskClient, AutotaskHooks, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_PICKLIST_TTL, FieldCache,
    Inner, MAX_CONCURRENT_PER_ENDPOINT,
};
use crate::AutotaskErrorClassifier;
use crate::discovery::{self, DEFAULT_DISCOVERY_URL, ZoneInfo};
use crate::pacing::{Pacer, Pacing};
use crate::query::MAX_RECORDS_LIMIT;

const ENV_USERNAME: &str = "AUTOTASK_USERNAME";
const ENV_SECRET: &str = "AUTOTASK_SECRET";
const ENV_CODE: &str = "AUTOTASK_INTEGRATION_CODE";
const ENV_ZONE: &str = "AUTOTASK_ZONE_URL";
const ENV_DISCOVERY: &str = "AUTOTASK_DISCOVERY_URL";
const ENV_IMPERSONATE: &str = "AUTOTASK_IMPERSONATION_RESOURCE_ID";

/// Builds an [`AutotaskClient`]. Every missing or malformed setting fails `build` with an
/// [`ErrorKind::Config`](psa_core::ErrorKind::Config) error naming it.
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
    base_url: Option<String>,
    discovery_url: Option<String>,
    impersonate: Option<i64>,
    options: ClientOptions,
    env_dev_loopback: Option<String>,
    max_concurrent: usize,
    limiter: Option<Arc<dyn ConcurrencyLimit>>,
    rate_limiter: Option<Arc<dyn RateLimit>>,
    page_size: Option<u32>,
    idempotency_lookup: bool,
    picklist_ttl: Duration,
    stage_map: Option<StageMap>,
    pacing: Option<Pacing>,
    max_attachment_bytes: usize,
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
            .field("base_url", &self.base_url)
            .field("discovery_url", &self.discovery_url)
            .field("impersonate", &self.impersonate)
            .field("options", &self.options)
            .field("max_concurrency", &self.max_concurrent)
            .field("page_size", &self.page_size)
            .field("idempotency_lookup", &self.idempotency_lookup)
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
            base_url: None,
            discovery_url: None,
            impersonate: None,
            options: ClientOptions::default(),
            env_dev_loopback: None,
            max_concurrent: MAX_CONCURRENT_PER_ENDPOINT,
            limiter: None,
            rate_limiter: None,
            page_size: None,
            idempotency_lookup: true,
            picklist_ttl: DEFAULT_PICKLIST_TTL,
            stage_map: None,
            pacing: None,
            max_attachment_bytes: DEFAULT_MAX_ATTACHMENT_BYTES,
            from_env: false,
        }
    }

    /// Reads the settings from the environment: `AUTOTASK_USERNAME`, `AUTOTASK_SECRET`,
    /// `AUTOTASK_INTEGRATION_CODE`, and optionally `AUTOTASK_ZONE_URL` (skips discovery),
    /// `AUTOTASK_DISCOVERY_URL`, `AUTOTASK_IMPERSONATION_RESOURCE_ID` and
    /// `PSA_DEV_LOOPBACK=host:port` (plain HTTP to exactly that loopback address, for the
    /// simulator). A missing or malformed variable is an [`ErrorKind::Config`](psa_core::ErrorKind::Config) error naming it.
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_autotask::AutotaskClientBuilder::from_env()?
    ///     .max_concurrency(2)
    ///     .build()
    ///     .await?;
    /// # let _ = client; Ok(()) }
    /// ```
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
        b.base_url = var(ENV_ZONE)?;
        if let Some(hp) = var(DEV_LOOPBACK_ENV)? {
            ClientOptions::default().with_dev_loopback_var(&hp)?;
            b.env_dev_loopback = Some(hp.trim().to_string());
        }
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

    /// The API user's secret (`&str`, `String` or a [`SecretString`]).
    pub fn secret(mut self, v: impl Into<SecretString>) -> Self {
        self.secret = Some(v.into());
        self
    }

    /// The API tracking identifier (`ApiIntegrationCode`) of the integration vendor, kept
    /// secret.
    pub fn integration_code(mut self, v: impl Into<SecretString>) -> Self {
        self.integration_code = Some(v.into());
        self
    }

    /// Skips discovery and uses this zone root (`https://webservices14.autotask.net/ATServicesRest/`;
    /// the versioned API base `…/ATServicesRest/V1.0/` is accepted too). It must be https on
    /// `autotask.net` (loopback only with [`ClientOptions::allow_insecure_loopback`] or
    /// [`ClientOptions::dev_loopback`]). No re-discovery happens with a fixed zone.
    pub fn base_url(mut self, v: impl Into<String>) -> Self {
        self.base_url = Some(v.into());
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

    /// Timeouts, retries, user agent, loopback for the simulator.
    pub fn options(mut self, options: ClientOptions) -> Self {
        self.options = options;
        self
    }

    /// Concurrent requests per endpoint (1–3; default 3, Autotask's thread limit). Lower it when
    /// other programs use the same integration code on the same database.
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrent = n;
        self
    }

    /// Paces requests under a shared request budget, e.g. Autotask's 10,000 requests an hour per
    /// database split between several workers (none by default: Autotask's
    /// `ThresholdInformation` pacing still applies on top of it).
    pub fn rate_limiter(mut self, limiter: impl Into<Arc<dyn RateLimit>>) -> Self {
        self.rate_limiter = Some(limiter.into());
        self
    }

    /// The page size (`MaxRecords`, 1–500) of the [`psa_core::Connector`] listings and so of
    /// the `ConnectorExt` streams. Default: 500, Autotask's maximum, which spends the fewest
    /// requests of the hourly budget; a smaller page trades requests for smaller answers.
    /// Native [`crate::Query`]s keep their own `max_records`.
    pub fn page_size(mut self, n: u32) -> Self {
        self.page_size = Some(n);
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

    /// Shares a concurrency limiter with other clients using the same integration code, so
    /// together they stay under the thread limit. Overrides
    /// [`max_concurrency`](Self::max_concurrency); `build()` refuses a
    /// limiter allowing more than 3 requests per endpoint. Workers in several processes share one
    /// with psa-core's Redis limiter (feature `redis`).
    pub fn concurrency_limiter(mut self, limiter: impl Into<Arc<dyn ConcurrencyLimit>>) -> Self {
        self.limiter = Some(limiter.into());
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

    /// Checks the settings, finds the zone (unless [`base_url`](Self::base_url) is set) and
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
            Some(s) if !s.expose_secret().trim().is_empty() => s.clone(),
            Some(_) => {
                return Err(Error::config(
                    &self.name("secret", ENV_SECRET),
                    "is empty or only whitespace; it is the API user's Secret (Password)",
                ));
            }
            None => {
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
                "max_concurrency",
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
        if let Some(n) = self.page_size
            && !(1..=MAX_RECORDS_LIMIT).contains(&n)
        {
            return Err(Error::config(
                "page_size",
                format!("{n} is outside 1..={MAX_RECORDS_LIMIT}"),
            ));
        }
        let mut options = self.options.clone();
        if let Some(hp) = &self.env_dev_loopback {
            options = options.dev_loopback(hp.clone());
        }
        let configured = match &self.base_url {
            Some(text) => discovery::parse_root(text, &self.name("base_url", ENV_ZONE))?,
            None => discovery::parse_root(
                self.discovery_url
                    .as_deref()
                    .unwrap_or(DEFAULT_DISCOVERY_URL),
                &self.name("discovery_url", ENV_DISCOVERY),
            )?,
        };

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
        let mut builder = Transport::builder(Vendor::Autotask, options)
            .host_policy(discovery::host_policy().pin_loopback(&configured))
            .classifier(Arc::new(AutotaskErrorClassifier))
            .redactor(Redactor::new().secret(&secret).secret(&code))
            .concurrency_limiter(limiter);
        if let Some(r) = self.rate_limiter.clone() {
            builder = builder.rate_limiter(r);
        }
        let transport = builder.build()?;

        let (zone, discovery_base) = if self.base_url.is_some() {
            let setting = self.name("base_url", ENV_ZONE);
            transport.check_host(&configured).map_err(|e| {
                let msg = format!("{setting}: {}", e.message());
                e.with_message(msg)
            })?;
            (ZoneInfo::new("(configured)", configured), None)
        } else {
            let zone = discovery::discover_with(&transport, &configured, &username).await?;
            (zone, Some(configured))
        };

        Ok(AutotaskClient {
            inner: Arc::new(Inner {
                api: Requester::new(
                    transport,
                    AutotaskHooks {
                        username,
                        secret,
                        integration_code: code,
                        discovery_base,
                    },
                    zone,
                ),
                fields: FieldCache::new(self.picklist_ttl),
                stage_map: self.stage_map,
                pacer: self.pacing.map(Pacer::new),
                max_attachment_bytes: self.max_attachment_bytes,
                attachment_log: Mutex::new(VecDeque::new()),
                max_concurrent,
                page_size: self.page_size,
                idempotency_lookup: self.idempotency_lookup,
            }),
            impersonate: self.impersonate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psa_core::ErrorKind;

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
        assert!(b.base_url.is_some());
        assert!(!format!("{b:?}").contains("s3cret-value"));
    }

    #[test]
    fn from_env_reads_the_dev_loopback() {
        let full = [
            (ENV_USERNAME, "api@example.com"),
            (ENV_SECRET, "s3cret-value"),
            (ENV_CODE, "CODE123"),
        ];
        let mut pairs = full.to_vec();
        pairs.push((DEV_LOOPBACK_ENV, "127.0.0.1:8090"));
        let b = AutotaskClientBuilder::from_lookup(env(&pairs)).unwrap();
        assert_eq!(b.env_dev_loopback.as_deref(), Some("127.0.0.1:8090"));
        let mut pairs = full.to_vec();
        pairs.push((DEV_LOOPBACK_ENV, "example.com:80"));
        let e = AutotaskClientBuilder::from_lookup(env(&pairs)).unwrap_err();
        assert!(e.to_string().contains(DEV_LOOPBACK_ENV), "{e}");
    }

    #[tokio::test]
    async fn the_dev_loopback_trusts_only_its_port() {
        let b = || {
            let mut b = AutotaskClient::builder()
                .username("api@example.com")
                .secret("s3cret-value")
                .integration_code("CODE123");
            b.env_dev_loopback = Some("127.0.0.1:8090".into());
            b
        };
        let ok = b()
            .base_url("http://127.0.0.1:8090/ATServicesRest/")
            .build()
            .await
            .unwrap();
        assert!(
            ok.transport()
                .check_host(&"http://127.0.0.1:8090/x".parse().unwrap())
                .is_ok()
        );
        assert!(
            ok.transport()
                .check_host(&"http://127.0.0.1:8091/x".parse().unwrap())
                .is_err()
        );
        let e = b()
            .base_url("http://127.0.0.1:8091/ATServicesRest/")
            .build()
            .await
            .unwrap_err();
        assert!(e.to_string().contains("127.0.0.1:8090"), "{e}");
    }

    #[tokio::test]
    async fn a_shared_limiter_above_the_thread_limit_is_refused() {
        let e = AutotaskClient::builder()
            .username("api@example.com")
            .secret("s3cret-value")
            .integration_code("CODE123")
            .base_url("https://webservices14.autotask.net/ATServicesRest/")
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
            .base_url("https://webservices14.autotask.net/ATServicesRest/")
            .concurrency_limiter(ConcurrencyLimiter::new(2))
            .build()
            .await;
        assert!(ok.is_ok());
    }
}
