//! [`SyncroClientBuilder`]: settings, the environment and their checks.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use psa_core::transport::{ConcurrencyLimiter, RateLimit, Redactor, Requester, Transport};
use psa_core::{ClientOptions, DEV_LOOPBACK_ENV, Error, StageMap, Vendor};
use secrecy::SecretString;

use super::{
    DEFAULT_SETTINGS_TTL, Inner, SettingsCache, SyncroClient, SyncroHooks, default_rate_limiter,
};
use crate::auth::{AuthScheme, Token};
use crate::endpoint::{self, KNOWN_DOMAINS, SYNCRO_DOMAIN};
use crate::error::SyncroErrorClassifier;
use crate::idempotency::IdempotencyMarker;

/// The largest `per_page` asked for (Syncro documents no maximum; 100 is what clients report).
pub(crate) const MAX_PER_PAGE: u32 = 100;

/// Builds a [`SyncroClient`]. Nothing touches the network; every mistake is a
/// [`ErrorKind::Config`](psa_core::ErrorKind::Config) error at [`build`](Self::build) naming the setting.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use psa_syncro::SyncroClient;
/// let client = SyncroClient::builder().subdomain("https://acme.syncromsp.com/").api_token("t0ken").build().await.unwrap();
/// assert_eq!(client.base_url().as_str(), "https://acme.syncromsp.com/api/v1/");
///
/// let err = SyncroClient::builder().subdomain("acme.evil.com").api_token("t0ken").build().await.unwrap_err();
/// assert!(err.to_string().contains("acme.evil.com"));
/// # }
/// ```
#[derive(Clone)]
pub struct SyncroClientBuilder {
    subdomain: Option<Setting<String>>,
    api_token: Option<Setting<SecretString>>,
    base_domain: Option<Setting<String>>,
    base_url: Option<Setting<String>>,
    allow_custom_base_domain: bool,
    options: ClientOptions,
    rate_limiter: Option<Arc<dyn RateLimit>>,
    max_concurrency: Option<usize>,
    page_size: Option<u32>,
    rate_limit_wait: Option<Duration>,
    auth_scheme: AuthScheme,
    settings_ttl: Duration,
    stage_map: Option<StageMap>,
    marker: IdempotencyMarker,
    idempotency_lookup: bool,
    from_env: bool,
}

/// A setting's value and the name to quote in errors (the method or the env var).
#[derive(Clone)]
struct Setting<T> {
    value: T,
    name: &'static str,
}

impl<T> Setting<T> {
    fn new(value: T, name: &'static str) -> Self {
        Setting { value, name }
    }
}

impl fmt::Debug for SyncroClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncroClientBuilder")
            .field("subdomain", &self.subdomain.as_ref().map(|s| &s.value))
            .field("api_token", &self.api_token.as_ref().map(|_| "[redacted]"))
            .field("base_domain", &self.base_domain.as_ref().map(|s| &s.value))
            .field("base_url", &self.base_url.as_ref().map(|s| &s.value))
            .field("allow_custom_base_domain", &self.allow_custom_base_domain)
            .field("options", &self.options)
            .field("auth_scheme", &self.auth_scheme)
            .field("settings_ttl", &self.settings_ttl)
            .field("idempotency_marker", &self.marker)
            .finish_non_exhaustive()
    }
}

impl Default for SyncroClientBuilder {
    fn default() -> Self {
        SyncroClientBuilder {
            subdomain: None,
            api_token: None,
            base_domain: None,
            base_url: None,
            allow_custom_base_domain: false,
            options: ClientOptions::default(),
            rate_limiter: None,
            max_concurrency: None,
            page_size: None,
            rate_limit_wait: None,
            auth_scheme: AuthScheme::default(),
            settings_ttl: DEFAULT_SETTINGS_TTL,
            stage_map: None,
            marker: IdempotencyMarker::default(),
            idempotency_lookup: true,
            from_env: false,
        }
    }
}

impl SyncroClientBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder from the environment: `SYNCRO_SUBDOMAIN`, `SYNCRO_API_TOKEN`, and optionally
    /// `SYNCRO_BASE_DOMAIN`, `SYNCRO_BASE_URL` and `PSA_DEV_LOOPBACK=host:port` (plain HTTP to
    /// exactly that loopback address, for the simulator). Errors name the variable: a
    /// malformed `PSA_DEV_LOOPBACK` here, a missing setting at `build`.
    ///
    /// Setters called afterwards override the environment:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> psa_core::Result<()> {
    /// let client = psa_syncro::SyncroClientBuilder::from_env()?
    ///     .subdomain("acme")
    ///     .api_token("t0ken")
    ///     .build()
    ///     .await?;
    /// assert_eq!(client.subdomain(), Some("acme"));
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> psa_core::Result<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(get: impl Fn(&str) -> Option<String>) -> psa_core::Result<Self> {
        let var = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let mut b = SyncroClientBuilder {
            from_env: true,
            ..Self::default()
        };
        if let Some(v) = var("SYNCRO_SUBDOMAIN") {
            b.subdomain = Some(Setting::new(v, "SYNCRO_SUBDOMAIN"));
        }
        if let Some(v) = var("SYNCRO_API_TOKEN") {
            b.api_token = Some(Setting::new(SecretString::from(v), "SYNCRO_API_TOKEN"));
        }
        if let Some(v) = var("SYNCRO_BASE_DOMAIN") {
            b.base_domain = Some(Setting::new(v, "SYNCRO_BASE_DOMAIN"));
        }
        if let Some(v) = var("SYNCRO_BASE_URL") {
            b.base_url = Some(Setting::new(v, "SYNCRO_BASE_URL"));
        }
        if let Some(v) = var(DEV_LOOPBACK_ENV) {
            b.options = b.options.with_dev_loopback_var(&v)?;
        }
        Ok(b)
    }

    /// The account's subdomain: `acme`, `acme.syncromsp.com` or `https://acme.syncromsp.com/`.
    pub fn subdomain(mut self, subdomain: impl Into<String>) -> Self {
        self.subdomain = Some(Setting::new(subdomain.into(), "subdomain"));
        self
    }

    /// The API token (Profile/Password > API Tokens). Sent only in the `Authorization` header.
    pub fn api_token(mut self, token: impl Into<SecretString>) -> Self {
        self.api_token = Some(Setting::new(token.into(), "api_token"));
        self
    }

    /// The base domain: `syncromsp.com` (default) or `repairshopr.com`; any other needs
    /// [`allow_custom_base_domain`](Self::allow_custom_base_domain).
    pub fn base_domain(mut self, domain: impl Into<String>) -> Self {
        self.base_domain = Some(Setting::new(domain.into(), "base_domain"));
        self
    }

    /// Allows a base domain other than `syncromsp.com` and `repairshopr.com`.
    pub fn allow_custom_base_domain(mut self, allow: bool) -> Self {
        self.allow_custom_base_domain = allow;
        self
    }

    /// An explicit API root instead of the subdomain, such as the simulator's
    /// `http://127.0.0.1:PORT/api/v1/`. Loopback and plain http also need
    /// [`ClientOptions::allow_insecure_loopback`]; other hosts must be under an allowed base
    /// domain or added with [`ClientOptions::allow_host`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(Setting::new(url.into(), "base_url"));
        self
    }

    /// Timeouts, retries, user agent and host allowances.
    pub fn options(mut self, options: ClientOptions) -> Self {
        self.options = options;
        self
    }

    /// Caps requests in flight from this client (default: no cap beyond the rate limiter).
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrency = Some(n);
        self
    }

    /// Paces requests with this limiter instead of a private one ([`default_rate_limiter`]).
    /// Syncro counts per IP address: give clones of one limiter to every client on the same
    /// machine, or one Redis limiter (feature `redis` of psa-core) to workers on many machines.
    /// Leave a margin over the server's window (see [`PACING_MARGIN`](crate::PACING_MARGIN)).
    pub fn rate_limiter(mut self, limiter: impl Into<Arc<dyn RateLimit>>) -> Self {
        self.rate_limiter = Some(limiter.into());
        self
    }

    /// How long to wait after a 429 that carries no `Retry-After` (default: a quarter of the
    /// rate limiter's window, 15 s for Syncro's minute).
    pub fn rate_limit_wait(mut self, wait: Duration) -> Self {
        self.rate_limit_wait = Some(wait);
        self
    }

    /// How the token is written in the `Authorization` header (default `Bearer <token>`).
    pub fn auth_scheme(mut self, scheme: AuthScheme) -> Self {
        self.auth_scheme = scheme;
        self
    }

    /// How long statuses, priorities and problem types are cached (default 5 minutes).
    pub fn settings_ttl(mut self, ttl: Duration) -> Self {
        self.settings_ttl = ttl;
        self
    }

    /// The status → stage map used by the connector (default: Syncro's stock statuses).
    pub fn stage_map(mut self, map: StageMap) -> Self {
        self.stage_map = Some(map);
        self
    }

    /// Where idempotency keys are stored on tickets (default: the ticket property
    /// `psa_idempotency_key`).
    pub fn idempotency_marker(mut self, marker: IdempotencyMarker) -> Self {
        self.marker = marker;
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

    /// The page size (1–100) asked for as `per_page` where Syncro accepts one: comment lists,
    /// hence the [`psa_core::Connector`] note listing and the `ConnectorExt` note streams.
    /// Default: 100, the largest page reported for Syncro (its documentation gives no maximum
    /// and a default of 10), so a stream spends the fewest requests of the 180-a-minute budget.
    /// Syncro's ticket, customer and contact lists take no page-size parameter: the server
    /// picks it (50 on the accounts observed), whatever is set here.
    pub fn page_size(mut self, n: u32) -> Self {
        self.page_size = Some(n);
        self
    }

    fn missing(&self, setting: &str, env: &str) -> Error {
        if self.from_env {
            Error::config(env, "is not set")
        } else {
            Error::config(
                setting,
                format!("is not set (call .{setting}(..) or use from_env() with {env})"),
            )
        }
    }

    /// Checks every setting and builds the client. Does not touch the network (it is `async`
    /// like every vendor's `build`).
    pub async fn build(self) -> psa_core::Result<SyncroClient> {
        let token_setting = self
            .api_token
            .as_ref()
            .ok_or_else(|| self.missing("api_token", "SYNCRO_API_TOKEN"))?;
        let token = Token::new(&token_setting.value, token_setting.name, self.auth_scheme)?;

        let (base_domain, domain_named) = match &self.base_domain {
            Some(s) => (endpoint::normalize_domain(&s.value, s.name)?, Some(s.name)),
            None => (SYNCRO_DOMAIN.to_string(), None),
        };
        let custom_domain = !KNOWN_DOMAINS.contains(&base_domain.as_str());
        if custom_domain && !self.allow_custom_base_domain {
            let name = domain_named.unwrap_or("base_domain");
            return Err(Error::config(
                name,
                format!(
                    "{base_domain:?} is neither syncromsp.com nor repairshopr.com; call .allow_custom_base_domain(true) if this is really your Syncro host"
                ),
            ));
        }

        let mut subdomain = None;
        let mut domain = base_domain.clone();
        if let Some(s) = &self.subdomain {
            let (label, named) = endpoint::normalize_subdomain(&s.value, s.name, &base_domain)?;
            if let Some(named) = named
                && named != base_domain
            {
                if domain_named.is_some() {
                    return Err(Error::config(
                        s.name,
                        format!(
                            "{:?} names {named}, but the base domain is set to {base_domain}",
                            s.value
                        ),
                    ));
                }
                domain = named;
            }
            subdomain = Some(label);
        }

        let mut allowed_domains: Vec<String> =
            KNOWN_DOMAINS.iter().map(|d| d.to_string()).collect();
        if custom_domain {
            allowed_domains.push(base_domain.clone());
        }

        let (base, policy) = match &self.base_url {
            Some(s) => {
                let url = endpoint::parse_base_url(&s.value, s.name)?;
                let policy = endpoint::host_policy(None, &allowed_domains).pin_loopback(&url);
                (url, policy)
            }
            None => {
                let Some(label) = &subdomain else {
                    return Err(self.missing("subdomain", "SYNCRO_SUBDOMAIN"));
                };
                let url = endpoint::api_root(label, &domain)?;
                let host = format!("{label}.{domain}");
                (url, endpoint::host_policy(Some(&host), &allowed_domains))
            }
        };

        let limiter = self
            .rate_limiter
            .clone()
            .unwrap_or_else(|| Arc::new(default_rate_limiter()));
        let wait = self
            .rate_limit_wait
            .unwrap_or_else(|| (limiter.limit().1 / 4).max(Duration::from_millis(50)));
        if let Some(n) = self.page_size
            && !(1..=MAX_PER_PAGE).contains(&n)
        {
            return Err(Error::config(
                "page_size",
                format!("{n} is outside 1..={MAX_PER_PAGE}"),
            ));
        }
        let mut transport = Transport::builder(Vendor::Syncro, self.options.clone())
            .host_policy(policy)
            .rate_limiter(limiter)
            .classifier(Arc::new(SyncroErrorClassifier::with_rate_limit_wait(wait)))
            .redactor(Redactor::new().secret(token.secret()));
        if let Some(n) = self.max_concurrency {
            if n == 0 {
                return Err(Error::config("max_concurrency", "must be at least 1"));
            }
            transport = transport.concurrency_limiter(ConcurrencyLimiter::new(n));
        }
        let transport = transport.build()?;
        transport.check_host(&base).map_err(|e| {
            let name = self
                .base_url
                .as_ref()
                .map(|s| s.name)
                .unwrap_or("subdomain");
            Error::config(name, e.message())
        })?;

        Ok(SyncroClient {
            inner: Arc::new(Inner {
                api: Requester::new(transport, SyncroHooks { token }, base),
                subdomain,
                stage_map: self
                    .stage_map
                    .unwrap_or_else(|| StageMap::default_for(Vendor::Syncro)),
                marker: self.marker,
                idempotency_lookup: self.idempotency_lookup,
                page_size: self.page_size,
                settings: SettingsCache::new(self.settings_ttl),
            }),
        })
    }
}
#[cfg(test)]
#[path = "builder_tests.rs"]
mod tests;
