//! Pieces every vendor simulator shares: the server loop, fault injection, latency, the request
//! log with per-endpoint concurrency, and a seeded random source.

mod faults;
mod log;
mod server;

pub use faults::{FaultResponder, Faults};
pub use log::{EndpointKey, InFlightGuard, LogEntry, RequestLog};
pub(crate) use server::router_with_layers;
pub use server::{RequestClassifier, Server, ServerSettings};
