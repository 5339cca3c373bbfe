use super::locks::MutexExt as _;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::response::Response;
use bytes::Bytes;

/// Random faults a simulator injects, to test retries and duplicate-safety.
///
/// Each request draws once from a seeded generator: with `server_error_rate` it gets the
/// vendor's 5xx, with `rate_limit_rate` the vendor's 429 (with `Retry-After`), with
/// `drop_connection_rate` the connection is closed before any body byte, and with
/// `truncate_body_rate` the body is cut off half-way. For writes (POST/PUT/PATCH/DELETE that
/// are not queries), a fault other than 429 hits *after* the write was stored with probability
/// `after_write_share` — the case where a naive retry makes a duplicate.
///
/// ```
/// let f = psa_sim::Faults::none().server_errors(0.1).seed(7);
/// assert_eq!(f.server_error_rate, 0.1);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub struct Faults {
    /// Share of requests answered with a 5xx.
    pub server_error_rate: f64,
    /// Share of requests answered with a 429.
    pub rate_limit_rate: f64,
    /// Share of requests whose connection is dropped without a body.
    pub drop_connection_rate: f64,
    /// Share of requests whose body is cut off half-way.
    pub truncate_body_rate: f64,
    /// For writes: share of faults that strike after the write was stored.
    pub after_write_share: f64,
    /// Seed of the random source (same seed, same faults for the same request order).
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults::none()
    }
}

impl Faults {
    /// No faults.
    pub fn none() -> Self {
        Faults {
            server_error_rate: 0.0,
            rate_limit_rate: 0.0,
            drop_connection_rate: 0.0,
            truncate_body_rate: 0.0,
            after_write_share: 0.5,
            seed: 1,
        }
    }
    /// Sets the 5xx rate.
    pub fn server_errors(mut self, rate: f64) -> Self {
        self.server_error_rate = rate;
        self
    }
    /// Sets the 429 rate.
    pub fn rate_limits(mut self, rate: f64) -> Self {
        self.rate_limit_rate = rate;
        self
    }
    /// Sets the dropped-connection rate.
    pub fn dropped_connections(mut self, rate: f64) -> Self {
        self.drop_connection_rate = rate;
        self
    }
    /// Sets the truncated-body rate.
    pub fn truncated_bodies(mut self, rate: f64) -> Self {
        self.truncate_body_rate = rate;
        self
    }
    /// Sets the share of write faults that strike after storing.
    pub fn after_write_share(mut self, share: f64) -> Self {
        self.after_write_share = share;
        self
    }
    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Whether any fault is configured.
    pub fn any(&self) -> bool {
        self.server_error_rate > 0.0
            || self.rate_limit_rate > 0.0
            || self.drop_connection_rate > 0.0
            || self.truncate_body_rate > 0.0
    }
}

/// The fault drawn for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    ServerError,
    RateLimit,
    Drop,
    Truncate,
}

/// Draws faults from a seeded generator.
#[derive(Debug, Clone)]
pub(crate) struct FaultDice {
    faults: Faults,
    rng: Arc<Mutex<fastrand::Rng>>,
}

impl FaultDice {
    pub(crate) fn new(faults: Faults) -> Self {
        let rng = fastrand::Rng::with_seed(faults.seed);
        FaultDice {
            faults,
            rng: Arc::new(Mutex::new(rng)),
        }
    }

    /// The fault for the next request (if any) and whether it strikes after the handler ran.
    pub(crate) fn roll(&self, is_write: bool) -> Option<(Fault, bool)> {
        if !self.faults.any() {
            return None;
        }
        let mut rng = self.rng.lock_safe();
        let x = rng.f64();
        let after = is_write && rng.f64() < self.faults.after_write_share;
        let f = &self.faults;
        let mut edge = f.server_error_rate;
        if x < edge {
            return Some((Fault::ServerError, after));
        }
        edge += f.rate_limit_rate;
        if x < edge {
            // The vendors refuse throttled requests before doing anything.
            return Some((Fault::RateLimit, false));
        }
        edge += f.drop_connection_rate;
        if x < edge {
            return Some((Fault::Drop, after));
        }
        edge += f.truncate_body_rate;
        if x < edge {
            return Some((Fault::Truncate, after));
        }
        None
    }
}

/// How a vendor answers an injected 5xx and 429 (its own bodies and headers).
#[derive(Clone)]
pub struct FaultResponder {
    pub(crate) server_error: Arc<dyn Fn() -> Response + Send + Sync>,
    pub(crate) rate_limited: Arc<dyn Fn() -> Response + Send + Sync>,
}

impl FaultResponder {
    /// A responder from two functions building the vendor's 5xx and 429 responses.
    pub fn new(
        server_error: impl Fn() -> Response + Send + Sync + 'static,
        rate_limited: impl Fn() -> Response + Send + Sync + 'static,
    ) -> Self {
        FaultResponder {
            server_error: Arc::new(server_error),
            rate_limited: Arc::new(rate_limited),
        }
    }
}

impl std::fmt::Debug for FaultResponder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FaultResponder")
    }
}

/// A response whose headers promise `promised` bytes but whose body stops after `sent` and then
/// fails, so the connection closes mid-body.
pub(crate) fn broken_body(mut parts: http::response::Parts, body: Bytes, keep: usize) -> Response {
    let keep = keep.min(body.len());
    let promised = body.len().max(keep + 1);
    parts.headers.insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from(promised),
    );
    let first = body.slice(..keep);
    let stream = futures::stream::iter(vec![
        Ok::<Bytes, std::io::Error>(first),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "simulated connection drop",
        )),
    ]);
    Response::from_parts(parts, Body::from_stream(stream))
}
