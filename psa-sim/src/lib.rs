//! # psa-sim
//!
//! Offline simulators of the Autotask, ConnectWise PSA and Syncro HTTP APIs, serving each
//! vendor's wire format on `127.0.0.1` from an in-memory store. Test an integration without a
//! PSA account: discovery, auth, CRUD, paging, permission profiles, rate limits, faults.
//!
//! The simulators build their JSON themselves from the vendors' documented wire format; they
//! do not depend on the psa-sdk client crates, so a mistake in a client is never mirrored here.

mod common;

pub use common::{
    EndpointKey, FaultResponder, Faults, InFlightGuard, LogEntry, RequestClassifier, RequestLog,
    Server, ServerSettings,
};

pub mod autotask;
pub mod connectwise;
pub mod syncro;

pub use autotask::{AutotaskSim, AutotaskSimBuilder, AutotaskSimHandle};
pub use connectwise::{ConnectWiseSim, ConnectWiseSimBuilder, ConnectWiseSimHandle};
pub use syncro::{SyncroSim, SyncroSimBuilder, SyncroSimHandle};
