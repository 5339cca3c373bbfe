//! # psa-core
//!
//! The vendor-neutral core of **psa-sdk**: typed PSA models, the [`Connector`] trait that every
//! vendor crate implements, one [`Error`] type, permission-preflight reports and the shared HTTP
//! [`transport`] (timeouts, retries, rate limits, host policy, redaction, tracing).
//! The records beyond tickets (opportunities, staff, contracts, time entries, ticket types and
//! categories) live in the second trait [`BusinessConnector`]; [`BaseDataCache`] caches base
//! data, and [`WebhookSpec`] describes the webhooks a tool provisions with `ensure_webhooks`.
//!
//! Most applications use a vendor crate (`psa-autotask`, `psa-connectwise`, `psa-syncro`) and
//! either its native client or the common [`Connector`] trait:
//!
//! ```
//! use psa_core::{ConnectorExt, TicketQuery, Connector};
//!
//! async fn open_tickets(psa: &dyn Connector) -> psa_core::Result<usize> {
//!     let tickets = psa.collect_tickets(&TicketQuery::new().open_only(true), 100).await?;
//!     Ok(tickets.len())
//! }
//! ```

mod business;
mod capabilities;
pub mod changes;
mod connector;
pub mod error;
pub mod idempotency;
pub mod model;
mod page;
pub mod preflight;
mod query;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod transport;
mod vendor;
pub mod webhooks;
pub mod wire;

pub use business::{
    BaseDataCache, BusinessConnector, BusinessConnectorExt, ContractQuery, DEFAULT_BASE_DATA_TTL,
    OpportunityQuery, ResourceQuery, TimeEntryQuery,
};
pub use capabilities::Capabilities;
pub use connector::{Connector, ConnectorExt, paged};
pub use error::{Error, ErrorKind, Result};
pub use model::*;
pub use page::{Page, PageToken};
pub use preflight::{
    ApiUsage, Capability, Check, CheckOutcome, CheckSet, PreflightOptions, PreflightReport,
    Readiness, Remedy,
};
pub use query::{CompanyQuery, ContactQuery, TicketQuery};
pub use transport::{ClientOptions, DEV_LOOPBACK_ENV, HostPolicy, RetryConfig};
pub use vendor::Vendor;
pub use webhooks::{EnsureReport, WebhookEvent, WebhookRef, WebhookSpec};
