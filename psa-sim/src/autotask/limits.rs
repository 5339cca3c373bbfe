//! Autotask's two request limits (Autotask's documentation and observed traffic).
//!
//! - The **thread limit**: at most N (3) requests in flight per API tracking identifier and
//!   object endpoint; one more is refused at once with the "Itgenatr005" thread-threshold text.
//! - The **request threshold**: a number of requests per rolling hour per database (10,000 on
//!   a real tenant), reported by `ThresholdInformation`; above it every request is refused
//!   with 429 until usage falls.

use crate::common::locks::MutexExt as _;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// Counts requests in flight per (integration code, endpoint).
#[derive(Debug, Default)]
pub(crate) struct Threads {
    limit: usize,
    in_flight: Arc<Mutex<HashMap<(String, String), usize>>>,
}

/// One request holding a thread; dropping it frees the thread.
#[derive(Debug)]
pub(crate) struct ThreadSlot {
    key: (String, String),
    in_flight: Arc<Mutex<HashMap<(String, String), usize>>>,
}

impl Drop for ThreadSlot {
    fn drop(&mut self) {
        let mut m = self.in_flight.lock_safe();
        if let Some(n) = m.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                m.remove(&self.key);
            }
        }
    }
}

impl Threads {
    /// A limiter allowing `limit` requests in flight per key (0 = no limit).
    pub(crate) fn new(limit: usize) -> Self {
        Threads {
            limit,
            in_flight: Arc::default(),
        }
    }

    /// The configured limit.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Takes a thread, or `None` when the endpoint already has `limit` requests in flight.
    pub(crate) fn enter(&self, code: &str, endpoint: &str) -> Option<ThreadSlot> {
        let key = (code.to_ascii_uppercase(), endpoint.to_string());
        let mut m = self.in_flight.lock_safe();
        let n = m.entry(key.clone()).or_insert(0);
        if self.limit > 0 && *n >= self.limit {
            return None;
        }
        *n += 1;
        Some(ThreadSlot {
            key,
            in_flight: self.in_flight.clone(),
        })
    }
}

/// The rolling-window request threshold.
#[derive(Debug)]
pub(crate) struct Threshold {
    limit: u32,
    window: Duration,
    seen: Mutex<VecDeque<Instant>>,
}

impl Threshold {
    /// `limit` requests per `window` (limit 0 = unlimited, still counted).
    pub(crate) fn new(limit: u32, window: Duration) -> Self {
        Threshold {
            limit,
            window,
            seen: Mutex::new(VecDeque::new()),
        }
    }

    fn prune(&self, q: &mut VecDeque<Instant>, now: Instant) {
        while let Some(first) = q.front() {
            if now.duration_since(*first) >= self.window {
                q.pop_front();
            } else {
                break;
            }
        }
    }

    /// Counts one request, or refuses it (with the seconds until a slot frees) when the
    /// window is full. Refused requests are not counted.
    pub(crate) fn admit(&self) -> Result<(), u64> {
        let now = Instant::now();
        let mut q = self.seen.lock_safe();
        self.prune(&mut q, now);
        if self.limit > 0 && q.len() >= self.limit as usize {
            let wait = q
                .front()
                .map(|t| self.window.saturating_sub(now.duration_since(*t)))
                .unwrap_or(self.window);
            return Err(wait.as_secs().max(1));
        }
        q.push_back(now);
        Ok(())
    }

    /// Requests counted in the current window.
    pub(crate) fn current(&self) -> usize {
        let now = Instant::now();
        let mut q = self.seen.lock_safe();
        self.prune(&mut q, now);
        q.len()
    }

    /// The limit (0 = unlimited).
    pub(crate) fn limit(&self) -> u32 {
        self.limit
    }

    /// The window.
    pub(crate) fn window(&self) -> Duration {
        self.window
    }
}

/// The attachment upload budget: bytes per rolling window per database
/// (`REST_Thresholds_Limits.htm`: 10,000,000 bytes per 5 minutes; above it, attachment
/// creation is blocked for the rest of the window).
#[derive(Debug)]
pub(crate) struct ByteBudget {
    limit: usize,
    window: Duration,
    seen: Mutex<VecDeque<(Instant, usize)>>,
}

impl ByteBudget {
    /// `limit` bytes per `window` (0 = unlimited).
    pub(crate) fn new(limit: usize, window: Duration) -> Self {
        ByteBudget {
            limit,
            window,
            seen: Mutex::new(VecDeque::new()),
        }
    }

    /// Takes `bytes` from the budget, or refuses (nothing taken) when it would overflow.
    pub(crate) fn take(&self, bytes: usize) -> bool {
        let now = Instant::now();
        let mut q = self.seen.lock_safe();
        while q
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        let used: usize = q.iter().map(|(_, b)| *b).sum();
        if self.limit > 0 && used.saturating_add(bytes) > self.limit {
            return false;
        }
        q.push_back((now, bytes));
        true
    }

    /// The budget in bytes.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// The window.
    pub(crate) fn window(&self) -> Duration {
        self.window
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fourth_thread_is_refused_and_freed_slots_are_reused() {
        let t = Threads::new(3);
        let a = t.enter("CODE", "Tickets").unwrap();
        let _b = t.enter("code", "Tickets").unwrap();
        let _c = t.enter("CODE", "Tickets").unwrap();
        assert!(t.enter("CODE", "Tickets").is_none());
        assert!(t.enter("CODE", "Companies").is_some());
        assert!(t.enter("OTHER", "Tickets").is_some());
        drop(a);
        assert!(t.enter("CODE", "Tickets").is_some());
    }

    #[tokio::test(start_paused = true)]
    async fn the_byte_budget_rolls() {
        let b = ByteBudget::new(10, Duration::from_secs(300));
        assert!(b.take(6));
        assert!(!b.take(5));
        assert!(b.take(4));
        tokio::time::advance(Duration::from_secs(300)).await;
        assert!(b.take(10));
    }

    #[tokio::test(start_paused = true)]
    async fn the_threshold_rolls() {
        let th = Threshold::new(2, Duration::from_secs(10));
        assert!(th.admit().is_ok());
        tokio::time::advance(Duration::from_secs(4)).await;
        assert!(th.admit().is_ok());
        assert_eq!(th.admit(), Err(6));
        assert_eq!(th.current(), 2);
        tokio::time::advance(Duration::from_secs(6)).await;
        assert!(th.admit().is_ok());
        assert_eq!(th.current(), 2);
    }
}
