//! The Syncro client, its builder and the request plumbing every API area shares.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::Method;
use psa_core::transport::{RateLimit, RateLimiter, Redactor, Request, Response, Transport};
use psa_core::{ClientOptions, Error, ErrorKind, StageMap, Vendor};
use secrecy::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;
use url::Url;

use crate::auth::{AuthScheme, Token};
use crate::endpoint::{self, KNOWN_DOMAINS, SYNCRO_DOMAIN};
use crate::error::SyncroErrorClassifier;
use crate::idempotency::IdempotencyMarker;
use crate::models::{AccountSettings, ListPage, PageMeta, TicketSettings};
use crate::rights::{Right, TOKEN_SCREEN};

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
/// let shared = psa_syncro::default_rate_limiter();
/// let a = psa_syncro::SyncroClient::builder().subdomain("acme").api_token("t1").rate_limiter(shared.clone()).build().unwrap();
/// let b = psa_syncro::SyncroClient::builder().subdomain("acme").api_token("t2").rate_limiter(shared).build().unwrap();
/// assert_eq!(a.transport().rate_limiter().unwrap().limit().0, 180);
/// # let _ = b;
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
///     .build()?;
/// let me = syncro.me().await?;
/// println!("connected as {:?}", me.user_name);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SyncroClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) transport: Transport,
    pub(crate) base: Url,
    pub(crate) token: Token,
    pub(crate) subdomain: Option<String>,
    pub(crate) stage_map: StageMap,
    pub(crate) marker: IdempotencyMarker,
    pub(crate) idempotency_lookup: bool,
    pub(crate) settings: SettingsCache,
}

impl fmt::Debug for SyncroClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncroClient")
            .field("base_url", &self.inner.base.as_str())
            .field("subdomain", &self.inner.subdomain)
            .field("api_token", &"[redacted]")
            .field(
                "rate_limit",
                &self.inner.transport.rate_limiter().map(|r| r.limit()),
            )
            .field("idempotency_marker", &self.inner.marker)
            .finish_non_exhaustive()
    }
}

/// Builds a [`SyncroClient`]. Nothing touches the network; every mistake is a
/// [`ErrorKind::Config`] error at [`build`](Self::build) naming the setting.
///
/// ```
/// use psa_syncro::SyncroClient;
/// let client = SyncroClient::builder().subdomain("https://acme.syncromsp.com/").api_token("t0ken").build().unwrap();
/// assert_eq!(client.base_url().as_str(), "https://acme.syncromsp.com/api/v1/");
///
/// let err = SyncroClient::builder().subdomain("acme.evil.com").api_token("t0ken").build().unwrap_err();
/// assert!(err.to_string().contains("acme.evil.com"));
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
    /// `SYNCRO_BASE_DOMAIN` and `SYNCRO_BASE_URL`. Errors name the variable.
    ///
    /// Setters called afterwards override the environment:
    ///
    /// ```
    /// let client = psa_syncro::SyncroClientBuilder::from_env()
    ///     .subdomain("acme")
    ///     .api_token("t0ken")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(client.subdomain(), Some("acme"));
    /// ```
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(get: impl Fn(&str) -> Option<String>) -> Self {
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
        b
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

    /// Paces requests with this limiter instead of a private one ([`default_rate_limiter`]).
    /// Syncro counts per IP address: give clones of one limiter to every client on the same
    /// machine, or one Redis limiter (feature `redis` of psa-core) to workers on many machines.
    /// Leave a margin over the server's window (see [`PACING_MARGIN`]).
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

    /// Checks every setting and builds the client. Does not touch the network.
    pub fn build(self) -> psa_core::Result<SyncroClient> {
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
                (url, endpoint::host_policy(None, &allowed_domains))
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
        let transport = Transport::builder(Vendor::Syncro, self.options.clone())
            .host_policy(policy)
            .rate_limiter(limiter)
            .classifier(Arc::new(SyncroErrorClassifier::with_rate_limit_wait(wait)))
            .redactor(Redactor::new().secret(token.secret()))
            .build()?;
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
                transport,
                base,
                token,
                subdomain,
                stage_map: self
                    .stage_map
                    .unwrap_or_else(|| StageMap::default_for(Vendor::Syncro)),
                marker: self.marker,
                idempotency_lookup: self.idempotency_lookup,
                settings: SettingsCache::new(self.settings_ttl),
            }),
        })
    }
}

impl SyncroClient {
    /// A builder.
    pub fn builder() -> SyncroClientBuilder {
        SyncroClientBuilder::new()
    }

    /// A client from `SYNCRO_SUBDOMAIN` and `SYNCRO_API_TOKEN` (and optionally
    /// `SYNCRO_BASE_DOMAIN`, `SYNCRO_BASE_URL`); errors name the variable.
    pub fn from_env() -> psa_core::Result<SyncroClient> {
        SyncroClientBuilder::from_env().build()
    }

    /// The API root (`https://acme.syncromsp.com/api/v1/`).
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// The normalised subdomain, when one was configured.
    pub fn subdomain(&self) -> Option<&str> {
        self.inner.subdomain.as_deref()
    }

    /// The transport (rate limiter, options, host policy).
    pub fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// The status → stage map.
    pub fn stage_map(&self) -> &StageMap {
        &self.inner.stage_map
    }

    /// Where idempotency keys are stored.
    pub fn idempotency_marker(&self) -> &IdempotencyMarker {
        &self.inner.marker
    }

    /// The URL of an API path given as segments (each percent-encoded) and query pairs.
    pub(crate) fn url(&self, segments: &[&str], query: &[(String, String)]) -> Url {
        let mut url = self.inner.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        url
    }

    /// Sends one request with the token; errors carry the right the call needs.
    pub(crate) async fn send(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(String, String)],
        body: Option<&Value>,
        right: Option<Right>,
    ) -> psa_core::Result<Response> {
        let url = self.url(segments, query);
        let mut req = Request::new(method, url);
        if let Some(b) = body {
            req = req.json(b)?;
        }
        let req = self.inner.token.authorize(req)?;
        self.inner
            .transport
            .send(req)
            .await
            .map_err(|e| explain(e, right))
    }

    pub(crate) async fn get_value(
        &self,
        segments: &[&str],
        query: &[(String, String)],
        right: Option<Right>,
    ) -> psa_core::Result<(Response, Value)> {
        let resp = self.send(Method::GET, segments, query, None, right).await?;
        let v = resp.json::<Value>()?;
        Ok((resp, v))
    }

    /// GET and decode the object under `key` (`{"ticket": {...}}`), or the whole body when
    /// `key` is `None` (unwrapped endpoints such as `/contacts/{id}`).
    pub(crate) async fn get_one<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        key: Option<&str>,
        right: Option<Right>,
    ) -> psa_core::Result<T> {
        let (resp, v) = self.get_value(segments, &[], right).await?;
        decode_wrapped(&resp, v, key)
    }

    /// GET one page of a list wrapped as `{"<key>": [...], "meta": {...}}`.
    pub(crate) async fn get_page<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(String, String)],
        key: &str,
        right: Option<Right>,
    ) -> psa_core::Result<ListPage<T>> {
        let (resp, v) = self.get_value(segments, query, right).await?;
        let mut page: ListPage<T> = decode_page(&resp, v, key)?;
        // A `meta` without `page` would make every page look like page 1, so the stream would
        // re-request page 2 and stop there: the page asked for is the page received.
        if page.meta.page.is_none() {
            page.meta.page = Some(
                query
                    .iter()
                    .rev()
                    .find(|(k, _)| k == "page")
                    .and_then(|(_, v)| v.trim().parse::<i64>().ok())
                    .filter(|n| *n >= 1)
                    .unwrap_or(1),
            );
        }
        Ok(page)
    }

    /// Sends a JSON body and decodes the object under `key`.
    pub(crate) async fn write_one<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        segments: &[&str],
        body: &B,
        key: Option<&str>,
        right: Option<Right>,
    ) -> psa_core::Result<T> {
        let body = serde_json::to_value(body).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("cannot encode the request body: {e}"),
            )
        })?;
        let resp = self.send(method, segments, &[], Some(&body), right).await?;
        let v = resp.json::<Value>()?;
        decode_wrapped(&resp, v, key)
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

/// Adds the right a call needs to a permission error, with the screen that grants it.
pub(crate) fn explain(e: Error, right: Option<Right>) -> Error {
    match (e.kind(), right) {
        (ErrorKind::PermissionDenied, Some(r)) => {
            let also = r.also.map(|a| format!(" (and '{a}')")).unwrap_or_default();
            e.with_entity(r.entity).with_action(r.action).with_hint(format!(
                "the API token needs the permission '{}'{also}: {TOKEN_SCREEN} > tick '{}', then run preflight again",
                r.name, r.name
            ))
        }
        _ => e,
    }
}

pub(crate) fn decode_wrapped<T: DeserializeOwned>(
    resp: &Response,
    v: Value,
    key: Option<&str>,
) -> psa_core::Result<T> {
    let inner = match key {
        None => v,
        Some(k) => match v {
            Value::Object(mut m) => match m.remove(k) {
                Some(inner) => inner,
                None => {
                    return Err(resp.decode_error(&format!("the response has no \"{k}\" object")));
                }
            },
            _ => return Err(resp.decode_error(&format!("expected an object with \"{k}\""))),
        },
    };
    serde_json::from_value(inner)
        .map_err(|e| resp.decode_error(&format!("cannot decode the record: {e}")))
}

pub(crate) fn decode_page<T: DeserializeOwned>(
    resp: &Response,
    v: Value,
    key: &str,
) -> psa_core::Result<ListPage<T>> {
    let Value::Object(mut m) = v else {
        return Err(resp.decode_error(&format!("expected an object with \"{key}\" and \"meta\"")));
    };
    let items = match m.remove(key) {
        Some(Value::Array(items)) => items,
        Some(Value::Null) => Vec::new(),
        Some(_) => return Err(resp.decode_error(&format!("\"{key}\" is not an array"))),
        None => return Err(resp.decode_error(&format!("the response has no \"{key}\" list"))),
    };
    let meta: PageMeta = match m.remove("meta") {
        Some(meta) => serde_json::from_value(meta)
            .map_err(|e| resp.decode_error(&format!("cannot decode \"meta\": {e}")))?,
        None => PageMeta::default(),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let id = item.get("id").cloned().unwrap_or(Value::Null);
        out.push(
            serde_json::from_value(item).map_err(|e| {
                resp.decode_error(&format!("cannot decode {key}[{i}] (id {id}): {e}"))
            })?,
        );
    }
    Ok(ListPage::new(out, meta))
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

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn base() -> SyncroClientBuilder {
        SyncroClient::builder().api_token("t0ken-value")
    }

    #[test]
    fn base_domains() {
        let c = base()
            .subdomain("shop")
            .base_domain("repairshopr.com")
            .build()
            .unwrap();
        assert_eq!(
            c.base_url().as_str(),
            "https://shop.repairshopr.com/api/v1/"
        );
        let c = base().subdomain("shop.repairshopr.com").build().unwrap();
        assert_eq!(
            c.base_url().as_str(),
            "https://shop.repairshopr.com/api/v1/"
        );
        let err = base()
            .subdomain("acme")
            .base_domain("example.com")
            .build()
            .unwrap_err();
        assert!(
            err.to_string().contains("allow_custom_base_domain"),
            "{err}"
        );
        let c = base()
            .subdomain("acme")
            .base_domain("example.com")
            .allow_custom_base_domain(true)
            .build()
            .unwrap();
        assert_eq!(c.base_url().as_str(), "https://acme.example.com/api/v1/");
        let err = base()
            .subdomain("shop.repairshopr.com")
            .base_domain("syncromsp.com")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("repairshopr.com"), "{err}");
    }

    #[test]
    fn missing_settings_are_named() {
        let err = SyncroClient::builder()
            .subdomain("acme")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(err.to_string().contains("api_token is not set"), "{err}");
        let err = base().build().unwrap_err();
        assert!(err.to_string().contains("subdomain is not set"), "{err}");
    }

    #[test]
    fn env_errors_name_the_variable() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let err = SyncroClientBuilder::from_vars(vars(&[("SYNCRO_SUBDOMAIN", "acme")]))
            .build()
            .unwrap_err();
        assert_eq!(err.message(), "SYNCRO_API_TOKEN is not set");
        let err = SyncroClientBuilder::from_vars(vars(&[("SYNCRO_API_TOKEN", "tok")]))
            .build()
            .unwrap_err();
        assert_eq!(err.message(), "SYNCRO_SUBDOMAIN is not set");
        let err = SyncroClientBuilder::from_vars(vars(&[
            ("SYNCRO_API_TOKEN", "tok"),
            ("SYNCRO_SUBDOMAIN", "a/b"),
        ]))
        .build()
        .unwrap_err();
        assert!(
            err.message().starts_with("SYNCRO_SUBDOMAIN \"a/b\""),
            "{err}"
        );
        let err = SyncroClientBuilder::from_vars(vars(&[
            ("SYNCRO_API_TOKEN", "to ken"),
            ("SYNCRO_SUBDOMAIN", "acme"),
        ]))
        .build()
        .unwrap_err();
        assert!(err.message().starts_with("SYNCRO_API_TOKEN"), "{err}");
        let ok = SyncroClientBuilder::from_vars(vars(&[
            ("SYNCRO_API_TOKEN", "tok"),
            ("SYNCRO_SUBDOMAIN", "shop"),
            ("SYNCRO_BASE_DOMAIN", "repairshopr.com"),
        ]))
        .build()
        .unwrap();
        assert_eq!(
            ok.base_url().as_str(),
            "https://shop.repairshopr.com/api/v1/"
        );
    }

    #[test]
    fn base_url_needs_an_allowed_host() {
        let err = base()
            .base_url("http://127.0.0.1:9/api/v1/")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("base_url"), "{err}");
        assert!(err.to_string().contains("allow_insecure_loopback"), "{err}");
        let ok = base()
            .base_url("http://127.0.0.1:9/api/v1")
            .options(ClientOptions::default().allow_insecure_loopback(true))
            .build()
            .unwrap();
        assert_eq!(ok.base_url().as_str(), "http://127.0.0.1:9/api/v1/");
        let err = base()
            .base_url("https://syncro.evil.example/api/v1/")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("syncro.evil.example"), "{err}");
        assert!(
            base()
                .base_url("https://acme.syncromsp.com/api/v1/")
                .build()
                .is_ok()
        );
    }

    #[test]
    fn urls_encode_segments_and_queries() {
        let c = base().subdomain("acme").build().unwrap();
        let u = c.url(
            &["tickets", "42", "comments"],
            &[("query".into(), "a&b c".into())],
        );
        assert_eq!(
            u.as_str(),
            "https://acme.syncromsp.com/api/v1/tickets/42/comments?query=a%26b+c"
        );
        let u = c.url(&["we/ird"], &[]);
        assert_eq!(u.path(), "/api/v1/we%2Fird");
    }

    #[test]
    fn debug_hides_the_token() {
        let b = base().subdomain("acme");
        assert!(!format!("{b:?}").contains("t0ken-value"));
        let c = b.build().unwrap();
        assert!(!format!("{c:?}").contains("t0ken-value"));
        assert_eq!(c.inner.token.secret().expose_secret(), "t0ken-value");
    }
}
