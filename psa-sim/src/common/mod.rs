//! Pieces every vendor simulator shares: the server loop, fault injection, latency, the request
//! log with per-endpoint concurrency, the shared builder knobs, poison-safe locks and the
//! seeded random source.

pub(crate) mod clock;
mod faults;
mod knobs;
pub(crate) mod locks;
mod log;
pub(crate) mod responses;
pub(crate) mod rng;
mod server;
mod tenant;

pub use faults::{FaultResponder, Faults};
pub(crate) use knobs::{Knobs, SeedSizes, invalid_input, shared_knobs};
pub use log::{EndpointKey, InFlightGuard, LogEntry, RequestLog};
pub(crate) use server::router_with_layers;
pub use server::{RequestClassifier, Server, ServerSettings};
pub(crate) use tenant::Tenant;
