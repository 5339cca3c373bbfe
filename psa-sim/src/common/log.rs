use super::locks::MutexExt as _;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The endpoint a request counts against for concurrency (e.g. an Autotask entity name).
pub type EndpointKey = String;

/// One request the simulator served.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// HTTP method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Status sent (0 when the connection was dropped before a status).
    pub status: u16,
    /// The endpoint key.
    pub endpoint: EndpointKey,
    /// Requests in flight on this endpoint when this one started (itself included).
    pub concurrency: usize,
    /// Time spent serving it.
    pub elapsed: Duration,
    /// The fault injected, if any (`server-error`, `rate-limit`, `drop`, `truncate`).
    pub fault: Option<&'static str>,
}

#[derive(Debug, Default)]
struct LogState {
    entries: Vec<LogEntry>,
    in_flight: HashMap<EndpointKey, usize>,
    max_in_flight: HashMap<EndpointKey, usize>,
}

/// The requests a simulator served, for assertions in tests.
///
/// ```
/// let log = psa_sim::RequestLog::default();
/// assert!(log.entries().is_empty());
/// assert_eq!(log.max_concurrency("Tickets"), 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct RequestLog {
    state: Arc<Mutex<LogState>>,
}

/// Marks one request in flight; dropping it ends the request.
#[derive(Debug)]
pub struct InFlightGuard {
    log: RequestLog,
    key: EndpointKey,
    /// Requests in flight on the endpoint when this one entered, itself included.
    pub concurrency: usize,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let mut s = self.log.lock();
        if let Some(n) = s.in_flight.get_mut(&self.key) {
            *n = n.saturating_sub(1);
        }
    }
}

impl RequestLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, LogState> {
        self.state.lock_safe()
    }

    /// Enters a request on an endpoint.
    pub fn enter(&self, key: &str) -> InFlightGuard {
        let mut s = self.lock();
        let n = s.in_flight.entry(key.to_string()).or_insert(0);
        *n += 1;
        let now = *n;
        let max = s.max_in_flight.entry(key.to_string()).or_insert(0);
        *max = (*max).max(now);
        InFlightGuard {
            log: self.clone(),
            key: key.to_string(),
            concurrency: now,
        }
    }

    /// Records a served request.
    pub fn record(&self, entry: LogEntry) {
        self.lock().entries.push(entry);
    }

    /// Every request so far.
    pub fn entries(&self) -> Vec<LogEntry> {
        self.lock().entries.clone()
    }

    /// Number of requests so far.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether no request was served.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most requests ever in flight at once on an endpoint.
    pub fn max_concurrency(&self, key: &str) -> usize {
        self.lock().max_in_flight.get(key).copied().unwrap_or(0)
    }

    /// Requests currently in flight on an endpoint.
    pub fn in_flight(&self, key: &str) -> usize {
        self.lock().in_flight.get(key).copied().unwrap_or(0)
    }

    /// Number of requests answered with a status.
    pub fn count_status(&self, status: u16) -> usize {
        self.lock()
            .entries
            .iter()
            .filter(|e| e.status == status)
            .count()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        let mut s = self.lock();
        s.entries.clear();
        s.max_in_flight.clear();
    }
}
