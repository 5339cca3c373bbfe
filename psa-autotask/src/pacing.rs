//! Adaptive pacing: slowing down as the database's hourly quota fills up.
//!
//! Autotask allows 10,000 requests per rolling hour per database, shared by every integration
//! on it, and refuses everything above. With pacing on, the client reads
//! `ThresholdInformation` every `refresh_every` (one request at a time; that call counts against
//! the thread limit too) and waits before each request: nothing below 50% usage,
//! `delay_above_50` from 50%, `delay_above_75` from 75%. One busy integration then leaves
//! room for the others.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use psa_core::{Error, Result};
use tokio::time::Instant;

/// Reads the database's current usage ratio (`ThresholdInformation`).
pub(crate) type UsageRead<'a> = Pin<Box<dyn Future<Output = Result<Option<f64>>> + Send + 'a>>;

/// How adaptive pacing behaves.
///
/// ```
/// use std::time::Duration;
/// let p = psa_autotask::Pacing::default().refresh_every(Duration::from_secs(30));
/// assert_eq!(p.delay_for(0.40), Duration::ZERO);
/// assert_eq!(p.delay_for(0.60), Duration::from_millis(500));
/// assert_eq!(p.delay_for(0.90), Duration::from_secs(1));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pacing {
    /// How often usage is read (default 60 s).
    pub refresh_every: Duration,
    /// The wait before each request from 50% usage (default 0.5 s).
    pub delay_above_50: Duration,
    /// The wait before each request from 75% usage (default 1 s).
    pub delay_above_75: Duration,
}

impl Default for Pacing {
    fn default() -> Self {
        Pacing {
            refresh_every: Duration::from_secs(60),
            delay_above_50: Duration::from_millis(500),
            delay_above_75: Duration::from_secs(1),
        }
    }
}

impl Pacing {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how often usage is read.
    pub fn refresh_every(mut self, v: Duration) -> Self {
        self.refresh_every = v;
        self
    }

    /// Sets the wait from 50% usage.
    pub fn delay_above_50(mut self, v: Duration) -> Self {
        self.delay_above_50 = v;
        self
    }

    /// Sets the wait from 75% usage.
    pub fn delay_above_75(mut self, v: Duration) -> Self {
        self.delay_above_75 = v;
        self
    }

    /// The wait before a request at this usage (0.0–1.0).
    pub fn delay_for(&self, usage: f64) -> Duration {
        if usage >= 0.75 {
            self.delay_above_75
        } else if usage >= 0.50 {
            self.delay_above_50
        } else {
            Duration::ZERO
        }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.refresh_every.is_zero() {
            return Err(Error::config(
                "adaptive_pacing.refresh_every",
                "must be above zero",
            ));
        }
        if self.delay_above_75 < self.delay_above_50 {
            return Err(Error::config(
                "adaptive_pacing.delay_above_75",
                "must not be shorter than delay_above_50",
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
struct State {
    usage: Option<f64>,
    refreshed_at: Option<Instant>,
}

/// The pacing state of one client.
#[derive(Debug)]
pub(crate) struct Pacer {
    cfg: Pacing,
    state: Mutex<State>,
    refreshing: tokio::sync::Mutex<()>,
}

impl Pacer {
    pub(crate) fn new(cfg: Pacing) -> Self {
        Pacer {
            cfg,
            state: Mutex::new(State::default()),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Records a usage figure (from any `threshold()` call).
    pub(crate) fn record(&self, usage: Option<f64>) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if usage.is_some() {
            s.usage = usage;
        }
        s.refreshed_at = Some(Instant::now());
    }

    fn due(&self) -> bool {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.refreshed_at
            .is_none_or(|t| t.elapsed() >= self.cfg.refresh_every)
    }

    fn usage(&self) -> Option<f64> {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).usage
    }

    /// Refreshes usage when due (one caller at a time; the others go on with the last figure),
    /// then waits as the usage demands.
    pub(crate) async fn before_request<'a>(&self, read_usage: impl FnOnce() -> UsageRead<'a>) {
        if self.due()
            && let Ok(_guard) = self.refreshing.try_lock()
            && self.due()
        {
            match read_usage().await {
                Ok(usage) => self.record(usage),
                Err(e) => {
                    tracing::debug!(error = %e, "pacing: reading ThresholdInformation failed");
                    self.record(None);
                }
            }
        }
        if let Some(u) = self.usage() {
            let wait = self.cfg.delay_for(u);
            if !wait.is_zero() {
                tracing::debug!(usage = u, ?wait, "pacing: database usage is high, waiting");
                tokio::time::sleep(wait).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_inclusive_and_config_is_checked() {
        let p = Pacing::default();
        assert_eq!(p.delay_for(0.4999), Duration::ZERO);
        assert_eq!(p.delay_for(0.5), p.delay_above_50);
        assert_eq!(p.delay_for(0.75), p.delay_above_75);
        assert_eq!(p.delay_for(3.0), p.delay_above_75);
        assert!(
            Pacing::default()
                .refresh_every(Duration::ZERO)
                .validate()
                .is_err()
        );
        assert!(
            Pacing::default()
                .delay_above_50(Duration::from_secs(2))
                .validate()
                .is_err()
        );
    }

    #[tokio::test]
    async fn recorded_usage_is_kept_until_the_next_figure() {
        let p = Pacer::new(Pacing::default());
        assert!(p.due());
        p.record(Some(0.8));
        assert!(!p.due());
        p.record(None);
        assert_eq!(p.usage(), Some(0.8));
    }
}
