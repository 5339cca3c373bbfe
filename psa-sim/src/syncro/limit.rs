//! The per-minute request limit: "180 requests per minute per IP address" (spec `info`).
//!
//! Syncro throttles with what looks like Rack::Attack (its `Retry later` body), which counts
//! requests in fixed windows. The sim opens a window at the first request after the previous
//! one ran out, so a test that sends `n + 1` requests quickly always sees the `n + 1`-th refused
//! whatever the wall clock says. Every request counts, whatever its status or token: the
//! throttle runs in front of the application.

use crate::common::locks::MutexExt as _;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A fixed-window counter.
#[derive(Debug)]
pub(crate) struct RateLimit {
    per_window: u32,
    window: Duration,
    retry_after: bool,
    state: Mutex<Option<(Instant, u32)>>,
}

impl RateLimit {
    /// `per_window == 0` turns the limit off.
    pub(crate) fn new(per_window: u32, window: Duration, retry_after: bool) -> Self {
        RateLimit {
            per_window,
            window,
            retry_after,
            state: Mutex::new(None),
        }
    }

    /// Counts one request; `Err(retry_after)` when it is over the limit, where `retry_after`
    /// is the whole seconds until the window ends if the sim was asked to send the header.
    pub(crate) fn admit(&self) -> Result<(), Option<u64>> {
        if self.per_window == 0 || self.window.is_zero() {
            return Ok(());
        }
        let now = Instant::now();
        let mut st = self.state.lock_safe();
        let (start, count) = match *st {
            Some((start, count)) if now.duration_since(start) < self.window => (start, count + 1),
            _ => (now, 1),
        };
        *st = Some((start, count));
        if count <= self.per_window {
            Ok(())
        } else {
            Err(self
                .retry_after
                .then(|| ceil_secs(self.window.saturating_sub(now.duration_since(start)))))
        }
    }

    /// The `Retry-After` an injected 429 carries: the rest of the current window (or a whole
    /// window when none is open), when the sim was asked to send the header.
    pub(crate) fn retry_after_now(&self) -> Option<u64> {
        if !self.retry_after {
            return None;
        }
        let st = self.state.lock_safe();
        let rest = match *st {
            Some((start, _)) => self.window.saturating_sub(start.elapsed()),
            None => self.window,
        };
        Some(ceil_secs(rest))
    }
}

fn ceil_secs(d: Duration) -> u64 {
    let s = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    s.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn refuses_past_the_limit_until_the_window_ends() {
        let l = RateLimit::new(3, Duration::from_secs(2), false);
        assert!(l.admit().is_ok());
        assert!(l.admit().is_ok());
        assert!(l.admit().is_ok());
        assert_eq!(l.admit(), Err(None));
        tokio::time::advance(Duration::from_millis(2_001)).await;
        assert!(l.admit().is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_is_the_rest_of_the_window_when_asked() {
        let l = RateLimit::new(1, Duration::from_secs(60), true);
        assert!(l.admit().is_ok());
        tokio::time::advance(Duration::from_millis(20_500)).await;
        assert_eq!(l.admit(), Err(Some(40)));
        assert_eq!(l.retry_after_now(), Some(40));
        assert_eq!(
            RateLimit::new(1, Duration::from_secs(60), false).retry_after_now(),
            None
        );
    }

    #[test]
    fn zero_turns_the_limit_off() {
        let l = RateLimit::new(0, Duration::from_secs(60), false);
        for _ in 0..1_000 {
            assert!(l.admit().is_ok());
        }
    }
}
