//! [`ConnectWiseClientBuilder`]: settings, the environment, checks, codebase discovery.

use std::fmt;
use std::sync::{Arc, Mutex};

use psa_core::transport::{ConcurrencyLimiter, RateLimit, Redactor, Requester, Transport};
use psa_core::{
    ClientOptions, DEV_LOOPBACK_ENV, Error, ErrorKind, HostPolicy, Result, StageMap, Vendor,
};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::{ApiState, ConnectWiseClient, ConnectWiseHooks, Inner};
use crate::auth::Credentials;
use crate::callbacks::CallbackVerifier;
use crate::discovery::{self, normalize_codebase};
use crate::error::ConnectWiseErrorClassifier;
use crate::models::{MAX_SOURCE_NAME, Reference};
use crate::query::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use crate::site::Site;

/// The API version sent in `Accept: application/vnd.connectwise.com+json; version=…` unless
/// [`ConnectWiseClientBuilder::api_version`] says otherwise. Pinning it keeps the models stable
/// when ConnectWise ships new ones (old versions stay supported for 12 months).
pub const DEFAULT_API_VERSION: &str = "2025.1";

const ENV_SITE: &str = "CONNECTWISE_SITE";
const ENV_COMPANY: &str = "CONNECTWISE_COMPANY_ID";
const ENV_PUBLIC: &str = "CONNECTWISE_PUBLIC_KEY";
const ENV_PRIVATE: &str = "CONNECTWISE_PRIVATE_KEY";
const ENV_CLIENT_ID: &str = "CONNECTWISE_CLIENT_ID";
const ENV_API_VERSION: &str = "CONNECTWISE_API_VERSION";
const ENV_CODEBASE: &str = "CONNECTWISE_CODEBASE";

/// Checks a ticket source name (1 to 50 characters once trimmed); returns it trimmed.
pub(crate) fn check_source_name(name: &str) -> Result<&str> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > MAX_SOURCE_NAME {
        return Err(Error::new(
            ErrorKind::Validation,
            format!("a source name has 1 to {MAX_SOURCE_NAME} characters, got {name:?}"),
        )
        .with_fields(["name"]));
    }
    Ok(n)
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
pub struct ConnectWiseClientBuilder {
    site: Option<String>,
    company_id: Option<String>,
    public_key: Option<String>,
    private_key: Option<SecretString>,
    client_id: Option<SecretString>,
    api_version: Option<String>,
    codebase: Option<String>,
    base_url: Option<String>,
    options: Option<ClientOptions>,
    env_dev_loopback: Option<String>,
    idempotency_lookup: bool,
    stage_map: Option<StageMap>,
    source_name: Option<String>,
    default_board: Option<Reference>,
    page_size: Option<u32>,
    rate_limiter: Option<Arc<dyn RateLimit>>,
    max_concurrency: Option<usize>,
    callback_key_hosts: Vec<String>,
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
            .field("base_url", &self.base_url)
            .field("idempotency_lookup", &self.idempotency_lookup)
            .finish_non_exhaustive()
    }
}

impl Default for ConnectWiseClientBuilder {
    fn default() -> Self {
        ConnectWiseClientBuilder {
            site: None,
            company_id: None,
            public_key: None,
            private_key: None,
            client_id: None,
            api_version: None,
            codebase: None,
            base_url: None,
            options: None,
            env_dev_loopback: None,
            idempotency_lookup: true,
            stage_map: None,
            source_name: None,
            default_board: None,
            page_size: None,
            rate_limiter: None,
            max_concurrency: None,
            callback_key_hosts: Vec::new(),
            env_names: false,
        }
    }
}

impl ConnectWiseClientBuilder {
    /// Reads the settings from `CONNECTWISE_SITE`, `CONNECTWISE_COMPANY_ID`,
    /// `CONNECTWISE_PUBLIC_KEY`, `CONNECTWISE_PRIVATE_KEY` and `CONNECTWISE_CLIENT_ID` (optional:
    /// `CONNECTWISE_API_VERSION`, `CONNECTWISE_CODEBASE`, and `PSA_DEV_LOOPBACK=host:port` for
    /// plain HTTP to exactly that loopback address). A missing or malformed variable is a
    /// `Config` error naming it (at `build` for missing ones).
    ///
    /// ```no_run
    /// # async fn demo() -> psa_core::Result<()> {
    /// let client = psa_connectwise::ConnectWiseClientBuilder::from_env()?
    ///     .max_concurrency(4)
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
            match lookup(name)? {
                Some(v) if v.trim().is_empty() => Err(Error::config(name, "is set but empty")),
                other => Ok(other),
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
        if let Some(hp) = var(DEV_LOOPBACK_ENV)? {
            ClientOptions::default().with_dev_loopback_var(&hp)?;
            b.env_dev_loopback = Some(hp.trim().to_string());
        }
        Ok(b)
    }

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
    /// The API member's private key (`&str`, `String` or a [`SecretString`]; kept secret).
    pub fn private_key(mut self, v: impl Into<SecretString>) -> Self {
        self.private_key = Some(v.into());
        self
    }
    /// The integration's `clientId` (from developer.connectwise.com/ClientID), kept secret.
    pub fn client_id(mut self, v: impl Into<SecretString>) -> Self {
        self.client_id = Some(v.into());
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
    /// Skips discovery and uses this API base
    /// (`https://api-na.myconnectwise.net/v2025_1/apis/3.0/`): it sets the site (unless given)
    /// and the codebase. No codebase re-check happens with a fixed base.
    pub fn base_url(mut self, v: impl Into<String>) -> Self {
        self.base_url = Some(v.into());
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
    /// The page size of the trait's listings and streams (1–1000, default 1000, the largest
    /// ConnectWise serves, so a full sync needs the fewest requests; see
    /// [`DEFAULT_PAGE_SIZE`](crate::query::DEFAULT_PAGE_SIZE)).
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
        let mut options = self.options.clone().unwrap_or_default();
        if let Some(hp) = &self.env_dev_loopback {
            options = options.dev_loopback(hp.clone());
        }
        let fixed = match &self.base_url {
            Some(text) => Some(split_base_url(text)?),
            None => None,
        };
        let site_in = match (&self.site, &fixed) {
            (Some(s), _) => s.clone(),
            (None, Some((origin, _))) => origin.clone(),
            (None, None) => return Err(self.missing("site", ENV_SITE)),
        };
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
            check_source_name(name).map_err(|e| Error::config("source_name", e.message()))?;
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
            .host_policy(
                HostPolicy::new()
                    .host(site.host())
                    .pin_loopback(site.origin_url()),
            )
            .classifier(Arc::new(ConnectWiseErrorClassifier))
            .redactor(redactor.clone());
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
        let discovery = discovery::discovery_transport(&site, &options, redactor)?;

        let codebase = fixed.map(|(_, cb)| cb).or_else(|| self.codebase.clone());
        let (state, discovered) = match &codebase {
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
        let mut key_hosts = HostPolicy::new()
            .with_options(&options)?
            .pin_loopback(site.origin_url());
        for h in site.hosts() {
            key_hosts = key_hosts.host(h);
        }
        for h in &self.callback_key_hosts {
            key_hosts = key_hosts.host(h.clone());
        }
        let callbacks = CallbackVerifier::with_policy(key_hosts, options.clone())?;
        Ok(ConnectWiseClient {
            inner: Arc::new(Inner {
                api: Requester::new(
                    transport,
                    ConnectWiseHooks {
                        site,
                        credentials,
                        authorization,
                        accept: format!(
                            "application/vnd.connectwise.com+json; version={api_version}"
                        ),
                        limit_key,
                        discovery,
                        discovered,
                        last_refetch: Mutex::new(None),
                    },
                    state,
                ),
                api_version,
                stage_map: self
                    .stage_map
                    .clone()
                    .unwrap_or_else(|| StageMap::default_for(Vendor::ConnectWise)),
                source_name: self.source_name.clone(),
                default_board: self.default_board.clone(),
                page_size,
                callbacks,
                idempotency_lookup: self.idempotency_lookup,
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

/// Splits an explicit API base (`https://host/v2025_1/apis/3.0/`) into its origin and codebase.
fn split_base_url(text: &str) -> Result<(String, String)> {
    let bad = |why: &str| {
        Error::config(
            "base_url",
            format!(
                "{text:?} {why}; give the API base like https://api-na.myconnectwise.net/v2025_1/apis/3.0/"
            ),
        )
    };
    let url = Url::parse(text.trim()).map_err(|_| bad("is not a URL"))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("has a query or fragment"));
    }
    let path = url.path().trim_matches('/');
    let codebase = path
        .strip_suffix("apis/3.0")
        .map(|cb| cb.trim_end_matches('/'))
        .and_then(normalize_codebase)
        .ok_or_else(|| bad("does not end in {codebase}/apis/3.0/"))?;
    let mut origin = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(p) = url.port() {
        origin.push_str(&format!(":{p}"));
    }
    Ok((origin, codebase))
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
    fn base_urls_split_into_origin_and_codebase() {
        let (o, cb) = split_base_url("https://api-na.myconnectwise.net/v2025_1/apis/3.0/").unwrap();
        assert_eq!(o, "https://api-na.myconnectwise.net");
        assert_eq!(cb, "v2025_1/");
        let (o, _) = split_base_url("http://127.0.0.1:8090/v4_6_release/apis/3.0").unwrap();
        assert_eq!(o, "http://127.0.0.1:8090");
        for bad in [
            "https://h.example/",
            "nope",
            "https://h.example/../apis/3.0/",
            "https://h.example/v1/apis/3.0/?x=1",
        ] {
            let e = split_base_url(bad).unwrap_err();
            assert!(e.to_string().contains("base_url"), "{bad}: {e}");
        }
    }

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Result<Option<String>> {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| Ok(map.get(name).cloned())
    }

    #[test]
    fn from_env_reads_the_dev_loopback() {
        let b = ConnectWiseClientBuilder::from_lookup(env(&[(DEV_LOOPBACK_ENV, "localhost:8090")]))
            .unwrap();
        assert_eq!(b.env_dev_loopback.as_deref(), Some("localhost:8090"));
        let e = ConnectWiseClientBuilder::from_lookup(env(&[(DEV_LOOPBACK_ENV, "10.0.0.1:80")]))
            .unwrap_err();
        assert!(e.to_string().contains(DEV_LOOPBACK_ENV), "{e}");
        let e = ConnectWiseClientBuilder::from_lookup(env(&[(ENV_PRIVATE, "  ")])).unwrap_err();
        assert!(e.to_string().contains(ENV_PRIVATE), "{e}");
    }

    #[tokio::test]
    async fn whitespace_only_secrets_are_refused() {
        for (private, client_id, setting) in
            [("   ", "cid", "private_key"), ("priv", "\t ", "client_id")]
        {
            let e = ConnectWiseClient::builder()
                .site("na")
                .company_id("training")
                .public_key("pub")
                .private_key(private)
                .client_id(client_id)
                .codebase("v2025_1/")
                .build()
                .await
                .unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Config, "{e}");
            assert!(e.to_string().contains(setting), "{setting}: {e}");
        }
    }
}
