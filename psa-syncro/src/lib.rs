//! # psa-syncro
//!
//! The Syncro client of **psa-sdk**: subdomain validation, token auth in the `Authorization`
//! header, pacing under Syncro's 180-requests-a-minute limit, typed models of every documented
//! field, a read-only permission preflight, webhook helpers, and the vendor-neutral
//! [`psa_core::Connector`].
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use psa_core::{ClientOptions, CompanyId, Connector, ConnectorExt, NewTicket, TicketQuery};
//! use psa_syncro::{SyncroClient, TicketFilter};
//!
//! // Offline: the Syncro simulator. In production:
//! // SyncroClient::builder().subdomain("acme").api_token(token).build().await?
//! let sim = psa_sim::SyncroSim::builder().seed(42).tickets(30).start().await?;
//! let syncro = SyncroClient::builder()
//!     .base_url(sim.base_url())
//!     .api_token(sim.api_token())
//!     .options(ClientOptions::default().allow_insecure_loopback(true))
//!     .build().await?;
//!
//! // Vendor-native: Syncro's own records and filters.
//! let open = syncro.tickets().list(&TicketFilter::new().status("Not Closed")).await?;
//! println!("{} open tickets on page 1", open.items.len());
//!
//! // Vendor-neutral: the same calls for every PSA.
//! let customer = syncro.customers().list(&Default::default()).await?.items[0].id;
//! let ticket = syncro
//!     .create_ticket(&NewTicket::new("Printer offline").company(CompanyId(customer)).idempotency_key("chat-7f3a"))
//!     .await?;
//! let mine = syncro.collect_tickets(&TicketQuery::new().text("Printer offline"), 10).await?;
//! assert!(mine.iter().any(|t| t.id == ticket.id));
//! sim.stop().await;
//! # Ok(()) }
//! ```
//!
//! The native handlers (`tickets()`, `contacts()`, …) and
//! [`ConnectorExt`](psa_core::ConnectorExt)'s streams (`stream_tickets(&query)`,
//! `stream_contacts(&query)`, …) have different names, so both are called directly on a
//! concrete client.
//!
//! ## Configuration
//! [`SyncroClient::builder`] takes the subdomain (`acme`, `acme.syncromsp.com` or
//! `https://acme.syncromsp.com/`) and the API token; [`SyncroClient::from_env`] reads
//! `SYNCRO_SUBDOMAIN` and `SYNCRO_API_TOKEN`. `repairshopr.com` (the same API) is accepted as a
//! base domain; others need [`SyncroClientBuilder::allow_custom_base_domain`]. The token is a
//! [`secrecy::SecretString`] and only ever travels in the `Authorization` header to the account's
//! own host.
//!
//! ## Pacing
//! Syncro allows 180 requests a minute **per IP address**. Every client paces itself with a
//! sliding-window [`RateLimiter`](psa_core::transport::RateLimiter): 180 per 61 s by default
//! (the minute plus [`PACING_MARGIN`] for network delay, see [`default_rate_limiter`]); give one
//! limiter to every client on the same machine with [`SyncroClientBuilder::rate_limiter`]. A 429
//! is retried after `Retry-After`, or after a quarter of the window when Syncro sends none.
//!
//! ## Idempotent creates
//! A ticket created with an idempotency key stores it in a ticket property (or a subject marker,
//! see [`IdempotencyMarker`]), is looked up with `GET /tickets?query=` after an ambiguous failure,
//! and every hit is checked exactly before it is trusted. Without a key a create is sent once.
//! Comments have no place for a key: a note is always sent once.

mod api;
mod auth;
mod business;
mod capabilities;
mod client;
mod connector;
mod convert;
pub mod endpoint;
pub mod error;
pub mod idempotency;
pub mod models;
mod preflight;
mod query;
pub mod rights;
pub mod webhooks;

// The client, its builder and the raw escape hatch (same order in every vendor crate).
pub use client::{
    DEFAULT_RATE_LIMIT, DEFAULT_SETTINGS_TTL, PACING_MARGIN, RawApi, SyncroClient,
    SyncroClientBuilder, default_rate_limiter,
};

// Area handlers (`client.<area>()` → `<Area>Api`).
pub use api::{
    AttachReceipt, CommentsApi, ContactsApi, ContractsApi, CustomersApi, InvoicesApi, LeadsApi,
    SettingsApi, TicketTimersApi, TicketsApi, UsersApi,
};

// Native query builders.
pub use api::InvoiceFilter;
pub use query::{CommentFilter, CustomerFilter, LeadFilter, NOT_CLOSED, TicketFilter, TimerFilter};

// Finding the API host.
// (Syncro has no discovery call: the host follows from the subdomain, see [`endpoint`].)

// Error classification.
pub use error::SyncroErrorClassifier;

// Idempotent creates.
pub use idempotency::{IDEMPOTENCY_KEY_RULES, IdempotencyMarker};

// Webhooks / callbacks.
// (Syncro's webhook payloads are in [`webhooks`]; Syncro has no provisioning API.)

// Vendor-only features.
pub use auth::AuthScheme;
pub use connector::INITIAL_ISSUE_SUBJECT;
