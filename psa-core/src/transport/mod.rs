//! The shared HTTP transport every vendor crate sends through.
//!
//! One reqwest client (rustls) with timeouts, retries by method semantics, exponential backoff
//! with full jitter, `Retry-After`, a retry budget, optional rate and concurrency limits, a
//! [`HostPolicy`] that keeps credentials on the vendor's hosts, redaction of secrets, and a
//! `tracing` span per request.
//!
//! ```
//! use psa_core::transport::{HostPolicy, Request, Transport};
//! use psa_core::{ClientOptions, Vendor};
//!
//! # fn main() -> psa_core::Result<()> {
//! let transport = Transport::builder(Vendor::Syncro, ClientOptions::default())
//!     .host_policy(HostPolicy::new().suffix("syncromsp.com"))
//!     .build()?;
//! let req = Request::get("https://acme.syncromsp.com/api/v1/me".parse().unwrap())
//!     .sensitive_header("Authorization", "Bearer t0ken")?;
//! assert!(transport.check_host(req.url()).is_ok());
//! # Ok(()) }
//! ```

mod body;
mod call;
mod classify;
mod client;
mod host;
mod limit;
mod options;
mod redact;
#[cfg(feature = "redis")]
pub mod redis_limit;
mod request;
mod retry;

pub use call::{
    ApiCall, CallBody, CallTarget, Location, RequestHooks, Requester, encode_component,
};
pub use classify::{ErrorClassifier, StatusClassifier, kind_for_status, vendor_message};
pub use client::{Transport, TransportBuilder};
pub use host::HostPolicy;
pub use limit::{ConcurrencyLimit, ConcurrencyLimiter, ConcurrencyPermit, RateLimit, RateLimiter};
pub use options::{ClientOptions, DEV_LOOPBACK_ENV, RetryConfig};
pub use redact::{Redactor, redact_url};
#[cfg(feature = "redis")]
pub use redis_limit::{RedisConcurrencyLimiter, RedisLimits, RedisRateLimiter};
pub use request::{Body, MultipartPart, Request, Response};
pub use retry::{backoff_delay, parse_retry_after};
