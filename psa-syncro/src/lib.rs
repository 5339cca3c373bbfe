//! # psa-syncro
//!
//! The Syncro client of **psa-sdk**: subdomain validation, token auth in the `Authorization`
//! header, pacing under Syncro's 180-requests-a-minute limit, typed models of every documented
//! field, a read-only permission preflight, webhook helpers, and the vendor-neutral
//! [`psa_core::Connector`].
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> psa_core::Result<()> {
//! # let server = httpmock::MockServer::start_async().await;
//! # server.mock_async(|when, then| {
//! #     when.method("GET").path("/api/v1/tickets").query_param("status", "Not Closed");
//! #     then.status(200).header("content-type", "application/json").body(r#"{"tickets":[{"id":1,"number":1001,"subject":"Printer offline","status":"New","customer_id":7}],"meta":{"total_pages":1,"page":1}}"#);
//! # }).await;
//! # let base_url = server.url("/api/v1/");
//! use psa_core::{ClientOptions, Connector, ConnectorExt, TicketQuery};
//! use psa_syncro::SyncroClient;
//!
//! // Production: SyncroClient::builder().subdomain("acme").api_token(token).build()?
//! // Here: a local test server (the simulator works the same way).
//! let syncro = SyncroClient::builder()
//!     .base_url(base_url)
//!     .api_token("my-api-token")
//!     .options(ClientOptions::default().allow_insecure_loopback(true))
//!     .build()?;
//!
//! // Vendor-native: Syncro's own records and filters.
//! let page = syncro.tickets().list(&psa_syncro::TicketFilter::new().status("Not Closed")).await?;
//! assert_eq!(page.items[0].subject.as_deref(), Some("Printer offline"));
//!
//! // Vendor-neutral: the same calls for every PSA.
//! let open = syncro.collect_tickets(&TicketQuery::new().open_only(true), 100).await?;
//! assert_eq!(open[0].title, "Printer offline");
//! # Ok(()) }
//! ```
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
//! sliding-window [`RateLimiter`](psa_core::transport::RateLimiter) (180 per 60 s by default); give
//! one limiter to every client on the same machine with [`SyncroClientBuilder::rate_limiter`]. A
//! 429 is retried after `Retry-After`, or after a quarter of the window when Syncro sends none.
//!
//! ## Idempotent creates
//! A ticket created with an idempotency key stores it in a ticket property (or a subject marker,
//! see [`IdempotencyMarker`]), is looked up with `GET /tickets?query=` after an ambiguous failure,
//! and every hit is checked exactly before it is trusted. Without a key a create is sent once.
//! Comments have no place for a key: a note is always sent once.

mod api;
mod auth;
mod client;
mod connector;
pub mod endpoint;
pub mod error;
pub mod idempotency;
pub mod models;
mod preflight;
mod query;
pub mod rights;
pub mod webhooks;

pub use api::{
    AttachReceipt, CommentsApi, ContactsApi, CustomersApi, SettingsApi, TicketsApi, UsersApi,
};
pub use auth::AuthScheme;
pub use client::{DEFAULT_RATE_LIMIT, DEFAULT_SETTINGS_TTL, SyncroClient, SyncroClientBuilder};
pub use connector::INITIAL_ISSUE_SUBJECT;
pub use error::SyncroClassifier;
pub use idempotency::IdempotencyMarker;
pub use query::{CommentFilter, CustomerFilter, NOT_CLOSED, TicketFilter};
