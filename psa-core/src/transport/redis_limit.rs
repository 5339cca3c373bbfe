//! Rate and concurrency limits kept in Redis, so that many worker processes share one vendor
//! quota (feature `redis`).
//!
//! Vendor quotas are per tenant, not per process: Autotask allows 10,000 requests an hour per
//! database and 3 concurrent requests per endpoint, Syncro 180 requests a minute. [`RedisLimits`]
//! keeps the rolling window (a sorted set of request start times) and the concurrency leases (a
//! sorted set of lease expiry times per endpoint) in one Redis, changed only by atomic Lua
//! scripts that read Redis's own clock, so workers on different machines agree.
//!
//! - Keys are `psa:{namespace}:rate` and `psa:{namespace}:conc:{endpoint}`: give each tenant
//!   its own namespace (the Autotask database / zone, the ConnectWise company id, the Syncro
//!   subdomain), and one Redis serves many customers.
//! - A concurrency lease expires after [`RedisConcurrencyLimiter::lease`] unless its holder is
//!   alive: the holder renews it every third of the lease while the request runs, so a worker
//!   killed mid-request blocks the others for at most one lease time.
//! - Redis unreachable: `acquire` fails with [`ErrorKind::Transport`] naming Redis, the request
//!   is not sent (the transport retries within its budget, then surfaces the error). There is no
//!   silent fallback that could overrun the quota.
//!
//! ```no_run
//! use std::time::Duration;
//! use psa_core::transport::RedisLimits;
//! # #[tokio::main] async fn main() -> psa_core::Result<()> {
//! // One namespace per tenant: here the Syncro subdomain "acme".
//! let limits = RedisLimits::connect("redis://127.0.0.1:6379/", "syncro:acme").await?;
//! let rate = limits.rate_limiter(180, Duration::from_secs(61));
//! // let client = psa_syncro::SyncroClient::builder().rate_limiter(rate) ...
//! # let _ = rate; Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::{ExposeSecret, SecretString};

use super::{ConcurrencyLimit, ConcurrencyPermit, RateLimit, Redactor};
use crate::{Error, ErrorKind, Result};

/// Takes a slot in the rolling window or says how long to wait (microseconds).
/// KEYS[1] window zset; ARGV: window µs, max, member, smallest gap between starts µs.
/// Returns {1, count} or {0, wait µs}.
const RATE_SCRIPT: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local gap = tonumber(ARGV[4])
if gap > 0 and n > 0 then
  local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  local next_start = tonumber(newest[2]) + gap
  if next_start > now and n < max then return {0, next_start - now} end
end
if n < max then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.floor(window / 1000) + 1000)
  return {1, n + 1}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
"#;

/// Takes a concurrency lease or says how long until the first one expires (microseconds).
/// KEYS[1] leases zset (member → expiry); ARGV: lease µs, max, member.
const LEASE_SCRIPT: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local lease = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.floor(lease / 1000) * 2 + 1000)
  return {1, 0}
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(first[2]) - now}
"#;

/// Extends a lease still held (ARGV: lease µs, unused, member); {0, 0} when it had expired.
const RENEW_SCRIPT: &str = r#"
if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then return {0, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.floor(tonumber(ARGV[1]) / 1000) * 2 + 1000)
return {1, 0}
"#;

/// The longest a waiting worker sleeps before asking Redis again for a concurrency lease
/// (a lease freed by another process is not announced).
const LEASE_POLL: Duration = Duration::from_millis(10);

/// A connection to the Redis that holds the shared limits of one tenant.
///
/// Cheap to clone; every limiter made from it shares its connection (which reconnects by
/// itself). See the [module docs](self) for keys and guarantees.
#[derive(Clone)]
pub struct RedisLimits {
    inner: Arc<Shared>,
}

struct Shared {
    conn: ConnectionManager,
    namespace: String,
    redactor: Redactor,
    /// Unique per process and connection, so members never collide between workers.
    id: String,
    seq: AtomicU64,
    rate: redis::Script,
    lease: redis::Script,
    renew: redis::Script,
}

impl fmt::Debug for RedisLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisLimits")
            .field("namespace", &self.inner.namespace)
            .finish_non_exhaustive()
    }
}

impl RedisLimits {
    /// Connects to Redis at `url` (`redis://[:password@]host:port/db`, kept secret) for the
    /// tenant `namespace`: a name unique per vendor tenant, e.g. `autotask:<database>`,
    /// `connectwise:<company id>` or `syncro:<subdomain>` (letters, digits and `:._-`).
    ///
    /// Fails with [`ErrorKind::Config`] for a malformed URL or namespace and with
    /// [`ErrorKind::Transport`] when Redis cannot be reached.
    pub async fn connect(url: impl Into<SecretString>, namespace: &str) -> Result<Self> {
        let url: SecretString = url.into();
        let redactor = Redactor::new().secret(&url);
        if namespace.is_empty()
            || !namespace
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ":._-".contains(c))
        {
            return Err(Error::config(
                "redis namespace",
                format!(
                    "{namespace:?} must be non-empty and use only letters, digits and ':._-' (e.g. \"syncro:acme\")"
                ),
            ));
        }
        let client = redis::Client::open(url.expose_secret()).map_err(|e| {
            Error::config(
                "redis url",
                format!(
                    "is not a valid Redis URL (redis://host:port/db): {}",
                    redactor.scrub(&e.to_string())
                ),
            )
        })?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_secs(2)))
            .set_number_of_retries(2);
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| unavailable(&redactor, &e))?;
        Ok(RedisLimits {
            inner: Arc::new(Shared {
                conn,
                namespace: namespace.to_string(),
                redactor,
                id: format!("{}-{:016x}", std::process::id(), fastrand::u64(..)),
                seq: AtomicU64::new(0),
                rate: redis::Script::new(RATE_SCRIPT),
                lease: redis::Script::new(LEASE_SCRIPT),
                renew: redis::Script::new(RENEW_SCRIPT),
            }),
        })
    }

    /// The tenant namespace of the keys.
    pub fn namespace(&self) -> &str {
        &self.inner.namespace
    }

    /// A rolling-window limiter: at most `max_requests` started per `per` by all processes using
    /// this namespace (a zero limit is treated as one). Keep a margin over the vendor's window
    /// for network delay, as the in-process [`RateLimiter`](super::RateLimiter) does.
    pub fn rate_limiter(&self, max_requests: u32, per: Duration) -> RedisRateLimiter {
        RedisRateLimiter {
            limits: self.clone(),
            key: format!("psa:{}:rate", self.inner.namespace),
            max: max_requests.max(1),
            per,
            smooth: false,
            seen: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A per-endpoint concurrency limiter: at most `per_key` requests in flight per endpoint
    /// across all processes using this namespace (at least one). Leases last 30 s by default
    /// and are renewed while held; see [`RedisConcurrencyLimiter::lease`].
    pub fn concurrency_limiter(&self, per_key: usize) -> RedisConcurrencyLimiter {
        RedisConcurrencyLimiter {
            limits: self.clone(),
            per_key: per_key.max(1),
            lease: Duration::from_secs(30),
        }
    }

    fn member(&self) -> String {
        let n = self.inner.seq.fetch_add(1, Ordering::Relaxed);
        format!("{}-{n}", self.inner.id)
    }

    async fn run(
        &self,
        script: &redis::Script,
        key: &str,
        args: (u64, u64, &str, u64),
    ) -> Result<(i64, i64)> {
        let mut conn = self.inner.conn.clone();
        script
            .key(key)
            .arg(args.0)
            .arg(args.1)
            .arg(args.2)
            .arg(args.3)
            .invoke_async(&mut conn)
            .await
            .map_err(|e| unavailable(&self.inner.redactor, &e))
    }
}

fn unavailable(redactor: &Redactor, e: &redis::RedisError) -> Error {
    Error::new(
        ErrorKind::Transport,
        format!(
            "the shared limiter's Redis is unavailable, request not sent: {}",
            redactor.scrub(&e.to_string())
        ),
    )
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX).max(1)
}

/// The rolling-window [`RateLimit`] kept in Redis; made by [`RedisLimits::rate_limiter`].
#[derive(Debug, Clone)]
pub struct RedisRateLimiter {
    limits: RedisLimits,
    key: String,
    max: u32,
    per: Duration,
    smooth: bool,
    seen: Arc<AtomicUsize>,
}

impl RedisRateLimiter {
    /// Also spaces request starts at least `per / max_requests` apart (default off: a full
    /// window may start at once). A burst granted at once reaches the vendor spread out by its
    /// queueing, and the vendor counts arrivals: smoothing keeps that spread from pushing a
    /// window over the quota, at the cost of never bursting.
    pub fn smooth(mut self, on: bool) -> Self {
        self.smooth = on;
        self
    }
}

#[async_trait]
impl RateLimit for RedisRateLimiter {
    async fn acquire(&self) -> Result<()> {
        let script = &self.limits.inner.rate;
        let member = self.limits.member();
        let gap = if self.smooth {
            micros(self.per) / u64::from(self.max)
        } else {
            0
        };
        loop {
            let (granted, value) = self
                .limits
                .run(
                    script,
                    &self.key,
                    (micros(self.per), u64::from(self.max), &member, gap),
                )
                .await?;
            if granted == 1 {
                self.seen
                    .store(usize::try_from(value).unwrap_or(0), Ordering::Relaxed);
                return Ok(());
            }
            self.seen.store(self.max as usize, Ordering::Relaxed);
            let wait = Duration::from_micros(u64::try_from(value).unwrap_or(0));
            // A little jitter so waiting workers do not all ask at the same microsecond.
            let jitter = Duration::from_micros(fastrand::u64(0..500));
            tokio::time::sleep(wait.max(Duration::from_millis(1)) + jitter).await;
        }
    }

    fn limit(&self) -> (u32, Duration) {
        (self.max, self.per)
    }

    fn in_window(&self) -> usize {
        self.seen.load(Ordering::Relaxed)
    }
}

impl From<RedisRateLimiter> for Arc<dyn RateLimit> {
    fn from(limiter: RedisRateLimiter) -> Self {
        Arc::new(limiter)
    }
}

/// The per-endpoint [`ConcurrencyLimit`] kept in Redis as expiring leases; made by
/// [`RedisLimits::concurrency_limiter`].
#[derive(Debug, Clone)]
pub struct RedisConcurrencyLimiter {
    limits: RedisLimits,
    per_key: usize,
    lease: Duration,
}

impl RedisConcurrencyLimiter {
    /// How long a lease outlives a holder that stopped renewing it (killed, frozen, cut off
    /// from Redis); default 30 s, at least 100 ms. Live holders renew every third of it.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease.max(Duration::from_millis(100));
        self
    }

    fn key(&self, endpoint: &str) -> String {
        format!(
            "psa:{}:conc:{}",
            self.limits.inner.namespace,
            endpoint.to_ascii_lowercase()
        )
    }
}

#[async_trait]
impl ConcurrencyLimit for RedisConcurrencyLimiter {
    async fn acquire(&self, endpoint: &str) -> Result<ConcurrencyPermit> {
        let script = &self.limits.inner.lease;
        let key = self.key(endpoint);
        let member = self.limits.member();
        let lease = micros(self.lease);
        loop {
            let (granted, wait) = self
                .limits
                .run(script, &key, (lease, self.per_key as u64, &member, 0))
                .await?;
            if granted == 1 {
                return Ok(ConcurrencyPermit::new(Lease::hold(
                    self.limits.clone(),
                    key,
                    member,
                    self.lease,
                )));
            }
            let until_expiry = Duration::from_micros(u64::try_from(wait).unwrap_or(0));
            let jitter = Duration::from_micros(fastrand::u64(0..2_000));
            tokio::time::sleep(until_expiry.min(LEASE_POLL) + jitter).await;
        }
    }

    fn per_key(&self) -> usize {
        self.per_key
    }
}

impl From<RedisConcurrencyLimiter> for Arc<dyn ConcurrencyLimit> {
    fn from(limiter: RedisConcurrencyLimiter) -> Self {
        Arc::new(limiter)
    }
}

/// A held lease: renewed in the background, released (ZREM) when dropped.
struct Lease {
    limits: RedisLimits,
    key: String,
    member: String,
    renew: tokio::task::JoinHandle<()>,
}

impl Lease {
    fn hold(limits: RedisLimits, key: String, member: String, lease: Duration) -> Self {
        let renew = tokio::spawn({
            let limits = limits.clone();
            let key = key.clone();
            let member = member.clone();
            async move {
                let script = &limits.inner.renew;
                loop {
                    tokio::time::sleep(lease / 3).await;
                    // A failed renewal is left to expiry: the lease can only run out early.
                    match limits
                        .run(script, &key, (micros(lease), 0, &member, 0))
                        .await
                    {
                        Ok((1, _)) => {}
                        _ => {
                            tracing::debug!(key = %key, "concurrency lease lost before release");
                            return;
                        }
                    }
                }
            }
        });
        Lease {
            limits,
            key,
            member,
            renew,
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.renew.abort();
        let limits = self.limits.clone();
        let key = std::mem::take(&mut self.key);
        let member = std::mem::take(&mut self.member);
        // Released off the request path; should it fail, the lease simply expires.
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                let mut conn = limits.inner.conn.clone();
                let released: redis::RedisResult<i64> = redis::cmd("ZREM")
                    .arg(&key)
                    .arg(&member)
                    .query_async(&mut conn)
                    .await;
                if let Err(e) = released {
                    tracing::debug!(error = %e, "concurrency lease not released; it will expire");
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    /// The Redis these tests use, or `None` (tests skip with a message) when unset.
    fn redis_url() -> Option<String> {
        let url = std::env::var("PSA_TEST_REDIS_URL").ok();
        if url.is_none() {
            eprintln!(
                "skipped: set PSA_TEST_REDIS_URL=redis://127.0.0.1:PORT/ to run the Redis limiter tests"
            );
        }
        url
    }

    fn namespace(what: &str) -> String {
        format!(
            "test:{what}:{}:{:08x}",
            std::process::id(),
            fastrand::u32(..)
        )
    }

    #[tokio::test]
    async fn two_connections_share_one_rolling_window() {
        let Some(url) = redis_url() else { return };
        let ns = namespace("rate");
        let a = RedisLimits::connect(url.clone(), &ns).await.unwrap();
        let b = RedisLimits::connect(url, &ns).await.unwrap();
        let (ra, rb) = (
            a.rate_limiter(5, Duration::from_millis(400)),
            b.rate_limiter(5, Duration::from_millis(400)),
        );
        let start = Instant::now();
        let mut stamps = Vec::new();
        for i in 0..12 {
            let limiter: &dyn RateLimit = if i % 2 == 0 { &ra } else { &rb };
            limiter.acquire().await.unwrap();
            stamps.push(start.elapsed());
        }
        for t in &stamps {
            let in_window = stamps
                .iter()
                .filter(|s| *s <= t && *t - **s < Duration::from_millis(390))
                .count();
            assert!(
                in_window <= 5,
                "{in_window} requests within one window at {t:?}"
            );
        }
        assert!(stamps[11] >= Duration::from_millis(790), "{stamps:?}");
        assert!(
            stamps[11] < Duration::from_millis(1500),
            "too slow: {stamps:?}"
        );
        assert_eq!(ra.limit(), (5, Duration::from_millis(400)));
    }

    #[tokio::test]
    async fn leases_cap_concurrency_per_endpoint_and_expire_when_not_renewed() {
        let Some(url) = redis_url() else { return };
        let ns = namespace("lease");
        let limits = RedisLimits::connect(url.clone(), &ns).await.unwrap();
        let limiter = limits
            .concurrency_limiter(2)
            .lease(Duration::from_millis(300));
        let p1 = limiter.acquire("Tickets").await.unwrap();
        let _p2 = limiter.acquire("tickets").await.unwrap();
        // Another endpoint has its own slots.
        let _other = limiter.acquire("Companies").await.unwrap();
        // Held leases are renewed: still full after several lease times.
        let third =
            tokio::time::timeout(Duration::from_millis(800), limiter.acquire("Tickets")).await;
        assert!(
            third.is_err(),
            "a third lease was granted while two were held"
        );
        drop(p1);
        let start = Instant::now();
        let _p3 = limiter.acquire("Tickets").await.unwrap();
        assert!(
            start.elapsed() < Duration::from_millis(200),
            "release took {:?}",
            start.elapsed()
        );

        // A holder that stops renewing (a killed worker) frees its slot after the lease.
        drop(_p3);
        tokio::time::sleep(Duration::from_millis(50)).await;
        // A holder that dies mid-request: its own runtime (its "process") takes a lease, leaks
        // the permit (no release) and is shut down, which stops the renewals.
        let ns2 = ns.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                let dead = RedisLimits::connect(url, &ns2).await.unwrap();
                let held = dead
                    .concurrency_limiter(2)
                    .lease(Duration::from_millis(300))
                    .acquire("Tickets")
                    .await
                    .unwrap();
                std::mem::forget(held);
            });
            rt.shutdown_background();
        })
        .join()
        .unwrap();
        let start = Instant::now();
        let _p4 = limiter.acquire("Tickets").await.unwrap();
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_millis(200),
            "a dead holder's lease was freed too early ({waited:?})"
        );
        assert!(
            waited < Duration::from_millis(900),
            "a dead holder's lease blocked for {waited:?}"
        );
    }

    #[tokio::test]
    async fn an_unreachable_redis_is_a_transport_error_without_the_password() {
        // Port 1 on loopback: nothing listens there.
        let e = RedisLimits::connect("redis://:hunter2-secret@127.0.0.1:1/", "syncro:acme")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
        assert!(e.to_string().contains("Redis"), "{e}");
        assert!(!e.to_string().contains("hunter2"), "{e}");
        assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
    }

    #[tokio::test]
    async fn a_bad_namespace_or_url_is_a_config_error() {
        let e = RedisLimits::connect("redis://127.0.0.1:1/", "has space")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        let e = RedisLimits::connect("http://127.0.0.1/", "syncro:acme")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    }
}
