use std::time::Duration;

/// How failed requests are retried.
///
/// A request that never reached the server, and a 429, are always retried; a timeout, a
/// connection lost after sending, and a 5xx are retried only for idempotent requests (GET, query
/// POSTs, PUT/PATCH). Creates are sent once. Waits grow exponentially with full jitter, honour
/// `Retry-After`, and stop when `total_budget` would be passed.
///
/// ```
/// use std::time::Duration;
/// let r = psa_core::RetryConfig::default().max_retries(5).total_budget(Duration::from_secs(30));
/// assert_eq!(r.max_retries, 5);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff ceiling.
    pub initial_backoff: Duration,
    /// The largest backoff ceiling.
    pub max_backoff: Duration,
    /// The most time spent on one call, waits included.
    pub total_budget: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_retries: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(15),
            total_budget: Duration::from_secs(120),
        }
    }
}

impl RetryConfig {
    /// No retries at all.
    pub fn none() -> Self {
        RetryConfig {
            max_retries: 0,
            ..Default::default()
        }
    }
    /// Sets the number of retries.
    pub fn max_retries(mut self, v: u32) -> Self {
        self.max_retries = v;
        self
    }
    /// Sets the first backoff ceiling.
    pub fn initial_backoff(mut self, v: Duration) -> Self {
        self.initial_backoff = v;
        self
    }
    /// Sets the largest backoff ceiling.
    pub fn max_backoff(mut self, v: Duration) -> Self {
        self.max_backoff = v;
        self
    }
    /// Sets the total time budget.
    pub fn total_budget(mut self, v: Duration) -> Self {
        self.total_budget = v;
        self
    }
}

/// The environment variable naming the one loopback `host:port` a client may use over plain
/// HTTP (the simulator's), e.g. `PSA_DEV_LOOPBACK=127.0.0.1:8090`.
pub const DEV_LOOPBACK_ENV: &str = "PSA_DEV_LOOPBACK";

/// Options shared by every vendor client.
///
/// Defaults: connect timeout 10 s, request timeout 60 s, user agent `psa-sdk/<version>`, HTTPS
/// to the vendor's own hosts only.
///
/// ```
/// use std::time::Duration;
/// let opts = psa_core::ClientOptions::default()
///     .request_timeout(Duration::from_secs(30))
///     .user_agent("my-portal/2.1");
/// assert_eq!(opts.request_timeout, Duration::from_secs(30));
/// assert!(opts.user_agent.starts_with("my-portal/2.1"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for one attempt, from sending to the end of the body.
    pub request_timeout: Duration,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Retry policy.
    pub retry: RetryConfig,
    /// Allow plain `http` and loopback hosts (`127.0.0.1`, `localhost`, `[::1]`). Only for the
    /// simulator and local tests; never in production.
    pub allow_insecure_loopback: bool,
    /// Extra hosts credentials may be sent to (an on-premise server, a test host), exact names.
    pub extra_allowed_hosts: Vec<String>,
    /// The one loopback `host:port` plain HTTP may go to (`127.0.0.1:8090`), set by
    /// [`dev_loopback`](Self::dev_loopback) or `PSA_DEV_LOOPBACK`. Without it, a client that
    /// allows loopback trusts only the host and port of the URL it was configured with.
    pub dev_loopback: Option<String>,
    /// The largest response body read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](Self::DEFAULT_MAX_RESPONSE_BYTES), 32 MiB).
    /// A larger body is never buffered: the connection is dropped and the call fails with
    /// [`ErrorKind::Decode`](crate::ErrorKind::Decode), without retrying.
    pub max_response_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            user_agent: format!("psa-sdk/{}", env!("CARGO_PKG_VERSION")),
            retry: RetryConfig::default(),
            allow_insecure_loopback: false,
            extra_allowed_hosts: Vec::new(),
            dev_loopback: None,
            max_response_bytes: Self::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl ClientOptions {
    /// The default of [`max_response_bytes`](Self::max_response_bytes): 32 MiB, far above the
    /// largest page any supported vendor returns (500 Autotask records with every field).
    pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the connect timeout.
    pub fn connect_timeout(mut self, v: Duration) -> Self {
        self.connect_timeout = v;
        self
    }
    /// Sets the per-attempt timeout.
    pub fn request_timeout(mut self, v: Duration) -> Self {
        self.request_timeout = v;
        self
    }
    /// Sets the user agent; `psa-sdk/<version>` is appended so vendors can see the SDK.
    pub fn user_agent(mut self, v: impl Into<String>) -> Self {
        self.user_agent = format!("{} psa-sdk/{}", v.into(), env!("CARGO_PKG_VERSION"));
        self
    }
    /// Sets the retry policy.
    pub fn retry(mut self, v: RetryConfig) -> Self {
        self.retry = v;
        self
    }
    /// Allows plain HTTP and loopback hosts (for the simulator and tests only).
    pub fn allow_insecure_loopback(mut self, v: bool) -> Self {
        self.allow_insecure_loopback = v;
        self
    }
    /// Allows plain HTTP to exactly one loopback `host:port` (`127.0.0.1:8090`, for the
    /// simulator); every other loopback host or port stays refused. A malformed or non-loopback
    /// value is refused when the client is built.
    ///
    /// ```
    /// let opts = psa_core::ClientOptions::default().dev_loopback("127.0.0.1:8090");
    /// assert!(opts.allow_insecure_loopback);
    /// ```
    pub fn dev_loopback(mut self, host_port: impl Into<String>) -> Self {
        self.dev_loopback = Some(host_port.into());
        self.allow_insecure_loopback = true;
        self
    }

    /// Applies `PSA_DEV_LOOPBACK=host:port` from the environment, if set (every vendor's
    /// `from_env()` calls this). A value that is not a loopback `host:port` is a `Config` error
    /// naming the variable.
    pub fn with_env_dev_loopback(self) -> crate::Result<Self> {
        match std::env::var(DEV_LOOPBACK_ENV) {
            Ok(v) if v.trim().is_empty() => Ok(self),
            Ok(v) => self.with_dev_loopback_var(&v),
            Err(std::env::VarError::NotPresent) => Ok(self),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(crate::Error::config(DEV_LOOPBACK_ENV, "is not valid UTF-8"))
            }
        }
    }

    /// Applies a `PSA_DEV_LOOPBACK` value read by a vendor's `from_env()`; a value that is not
    /// a loopback `host:port` is a `Config` error naming `PSA_DEV_LOOPBACK`.
    ///
    /// ```
    /// let opts = psa_core::ClientOptions::default().with_dev_loopback_var("127.0.0.1:8090").unwrap();
    /// assert_eq!(opts.dev_loopback.as_deref(), Some("127.0.0.1:8090"));
    /// assert!(psa_core::ClientOptions::default().with_dev_loopback_var("example.com:80").is_err());
    /// ```
    pub fn with_dev_loopback_var(self, value: &str) -> crate::Result<Self> {
        super::host::parse_loopback(value.trim())
            .map_err(|why| crate::Error::config(DEV_LOOPBACK_ENV, why))?;
        Ok(self.dev_loopback(value.trim()))
    }

    /// Sets the largest response body read, in bytes (see [`max_response_bytes`](Self::max_response_bytes)).
    ///
    /// ```
    /// let opts = psa_core::ClientOptions::default().max_response_bytes(8 << 20);
    /// assert_eq!(opts.max_response_bytes, 8 << 20);
    /// assert_eq!(psa_core::ClientOptions::default().max_response_bytes, 32 << 20);
    /// ```
    pub fn max_response_bytes(mut self, v: usize) -> Self {
        self.max_response_bytes = v;
        self
    }
    /// Allows one more exact host (still HTTPS only).
    pub fn allow_host(mut self, host: impl Into<String>) -> Self {
        self.extra_allowed_hosts
            .push(host.into().to_ascii_lowercase());
        self
    }
}
