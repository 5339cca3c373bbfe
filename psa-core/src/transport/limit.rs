//! Rate and concurrency limits: the pluggable traits and the in-process defaults.
//!
//! A [`Transport`](super::Transport) paces every attempt through an optional [`RateLimit`]
//! ("at most N requests in any window") and an optional [`ConcurrencyLimit`] ("at most N in
//! flight per endpoint"). [`RateLimiter`] and [`ConcurrencyLimiter`] keep that state in this
//! process; with the `redis` feature, `RedisRateLimiter` and `RedisConcurrencyLimiter` keep it
//! in Redis so that many worker processes share one vendor quota (see `docs/scaling.md`).

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use crate::Result;

/// "At most N requests in any window", shared by everything that holds the same limiter.
///
/// Implement it to keep the window somewhere else (a database, a coordinator); the transport
/// calls [`acquire`](Self::acquire) before every attempt, retries included. An implementation
/// that cannot reach its state returns an error (the request is then not sent), never `Ok` on a
/// guess, so a broken backend cannot overrun the vendor's quota.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use psa_core::transport::{RateLimit, RateLimiter};
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> psa_core::Result<()> {
/// let limiter: Arc<dyn RateLimit> = RateLimiter::new(180, Duration::from_secs(60)).into();
/// limiter.acquire().await?;
/// assert_eq!(limiter.limit(), (180, Duration::from_secs(60)));
/// assert_eq!(limiter.in_window(), 1);
/// # Ok(()) }
/// ```
#[async_trait]
pub trait RateLimit: fmt::Debug + Send + Sync {
    /// Waits until a request may start and counts it in the window.
    async fn acquire(&self) -> Result<()>;
    /// The configured limit: at most `.0` requests per `.1`.
    fn limit(&self) -> (u32, Duration);
    /// Requests started in the current window, as last seen by this process (a shared limiter
    /// reports the count it observed at its last `acquire`).
    fn in_window(&self) -> usize;
}

/// "At most N requests in flight per key (an endpoint)", shared by everything holding it.
///
/// The returned [`ConcurrencyPermit`] frees the slot when dropped. An implementation that cannot
/// reach its state returns an error instead of a permit.
///
/// ```
/// use std::sync::Arc;
/// use psa_core::transport::{ConcurrencyLimit, ConcurrencyLimiter};
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> psa_core::Result<()> {
/// let limiter: Arc<dyn ConcurrencyLimit> = ConcurrencyLimiter::new(3).into();
/// let permit = limiter.acquire("Tickets").await?;
/// assert_eq!(limiter.per_key(), 3);
/// drop(permit);
/// # Ok(()) }
/// ```
#[async_trait]
pub trait ConcurrencyLimit: fmt::Debug + Send + Sync {
    /// Waits for a free slot for `key` and takes it until the permit drops.
    async fn acquire(&self, key: &str) -> Result<ConcurrencyPermit>;
    /// The configured limit per key.
    fn per_key(&self) -> usize;
}

/// A slot taken from a [`ConcurrencyLimit`]; dropping it frees the slot.
pub struct ConcurrencyPermit {
    _held: Box<dyn Send + Sync>,
}

impl ConcurrencyPermit {
    /// Wraps whatever frees the slot when dropped (a semaphore permit, a lease guard, …).
    pub fn new(held: impl Send + Sync + 'static) -> Self {
        ConcurrencyPermit {
            _held: Box::new(held),
        }
    }
}

impl fmt::Debug for ConcurrencyPermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConcurrencyPermit")
    }
}

/// Keeps a client (or several sharing one quota) under "at most N requests in any window".
///
/// A sliding window: a request waits until fewer than `max_requests` were started in the last
/// `per`. Stricter than a token bucket with a full burst, because the vendors count over a
/// rolling window (Syncro: 180 a minute per IP). Clones share the same window.
///
/// ```
/// use std::time::Duration;
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let limiter = psa_core::transport::RateLimiter::new(180, Duration::from_secs(60));
/// let shared = limiter.clone(); // give this to a second client on the same IP
/// limiter.acquire().await;
/// shared.acquire().await;
/// assert_eq!(limiter.in_window(), 2);
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct RateLimiter {
    max: usize,
    per: Duration,
    sent: Arc<Mutex<VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `max_requests` per `per` (a zero limit is treated as one).
    pub fn new(max_requests: u32, per: Duration) -> Self {
        RateLimiter {
            max: max_requests.max(1) as usize,
            per,
            sent: Arc::new(Mutex::new(VecDeque::new())),
        }
    }

    /// The configured limit.
    pub fn limit(&self) -> (u32, Duration) {
        (self.max as u32, self.per)
    }

    /// Requests started in the current window.
    pub fn in_window(&self) -> usize {
        let now = Instant::now();
        let mut q = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.per)
        {
            q.pop_front();
        }
        q.len()
    }

    /// Waits for a slot and takes it.
    pub async fn acquire(&self) {
        loop {
            let wait = {
                let now = Instant::now();
                let mut q = self.sent.lock().unwrap_or_else(|e| e.into_inner());
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.per)
                {
                    q.pop_front();
                }
                if q.len() < self.max {
                    q.push_back(now);
                    return;
                }
                match q.front() {
                    Some(oldest) => (*oldest + self.per).saturating_duration_since(now),
                    None => Duration::ZERO,
                }
            };
            tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
        }
    }
}

/// At most N requests in flight per key (an endpoint), shared by clones.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let limiter = psa_core::transport::ConcurrencyLimiter::new(3);
/// let a = limiter.acquire("Tickets").await;
/// assert_eq!(limiter.available("Tickets"), 2);
/// drop(a);
/// assert_eq!(limiter.available("Tickets"), 3);
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ConcurrencyLimiter {
    per_key: usize,
    keys: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

impl ConcurrencyLimiter {
    /// At most `per_key` concurrent requests per key (at least one).
    pub fn new(per_key: usize) -> Self {
        ConcurrencyLimiter {
            per_key: per_key.max(1),
            keys: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The configured limit.
    pub fn per_key(&self) -> usize {
        self.per_key
    }

    fn semaphore(&self, key: &str) -> Arc<Semaphore> {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.entry(key.to_ascii_lowercase())
            .or_insert_with(|| Arc::new(Semaphore::new(self.per_key)))
            .clone()
    }

    /// Free slots for a key.
    pub fn available(&self, key: &str) -> usize {
        self.semaphore(key).available_permits()
    }

    /// Waits for a slot; the slot is freed when the permit drops.
    pub async fn acquire(&self, key: &str) -> OwnedSemaphorePermit {
        let sem = self.semaphore(key);
        loop {
            // The semaphore is never closed, so this only loops in theory.
            if let Ok(p) = sem.clone().acquire_owned().await {
                return p;
            }
        }
    }
}

#[async_trait]
impl RateLimit for RateLimiter {
    async fn acquire(&self) -> Result<()> {
        RateLimiter::acquire(self).await;
        Ok(())
    }

    fn limit(&self) -> (u32, Duration) {
        RateLimiter::limit(self)
    }

    fn in_window(&self) -> usize {
        RateLimiter::in_window(self)
    }
}

impl From<RateLimiter> for Arc<dyn RateLimit> {
    fn from(limiter: RateLimiter) -> Self {
        Arc::new(limiter)
    }
}

#[async_trait]
impl ConcurrencyLimit for ConcurrencyLimiter {
    async fn acquire(&self, key: &str) -> Result<ConcurrencyPermit> {
        Ok(ConcurrencyPermit::new(
            ConcurrencyLimiter::acquire(self, key).await,
        ))
    }

    fn per_key(&self) -> usize {
        self.per_key
    }
}

impl From<ConcurrencyLimiter> for Arc<dyn ConcurrencyLimit> {
    fn from(limiter: ConcurrencyLimiter) -> Self {
        Arc::new(limiter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sliding_window_never_exceeds_the_limit() {
        let limiter = RateLimiter::new(5, Duration::from_secs(1));
        let start = Instant::now();
        let mut stamps = Vec::new();
        for _ in 0..12 {
            limiter.acquire().await;
            stamps.push(Instant::now().duration_since(start));
        }
        for (i, t) in stamps.iter().enumerate() {
            let in_window = stamps
                .iter()
                .filter(|s| **s <= *t && *t - **s < Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 5,
                "request {i} at {t:?} saw {in_window} in its window"
            );
        }
        assert!(stamps[11] >= Duration::from_secs(2));
    }
}
