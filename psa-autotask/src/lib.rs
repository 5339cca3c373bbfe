//! # psa-autotask
//!
//! The Autotask PSA REST client of psa-sdk: zone discovery, typed entities with every
//! documented field, a query filter builder, paging that follows Autotask's rules, duplicate-safe
//! ticket creates, thresholds and the 3-thread limit, webhooks, and a permission preflight that
//! tells an admin which right is missing and where to grant it.
//!
//! Connect with the API user's credentials (or `AutotaskClient::from_env().await`), check the rights,
//! then use either the vendor-native API or the vendor-neutral [`psa_core::Connector`]:
//!
//! ```no_run
//! use psa_autotask::{AutotaskClient, Filter, Query};
//! use psa_core::{Capability, CompanyId, Connector, NewTicket, PreflightOptions};
//!
//! # async fn demo() -> psa_core::Result<()> {
//! let client = AutotaskClient::builder()
//!     .username("abc123@example.com")          // the API user's Username (Key)
//!     .secret("…")                              // its Secret
//!     .integration_code("…")                    // the vendor's API Tracking Identifier
//!     .build()                                  // finds the zone on webservices.autotask.net
//!     .await?;
//!
//! // Can this API user do what the integration needs?
//! let report = client.preflight(&PreflightOptions::all()).await?;
//! println!("{report}");
//! assert!(report.ready_for(&[Capability::CreateTickets]));
//!
//! // Vendor-native: typed filters, every Autotask field.
//! let open = client.tickets().query(&Query::with(Filter::not_eq("status", 5)).max_records(10)).await?;
//! for t in &open.items {
//!     println!("{} {}", t.ticket_number.as_deref().unwrap_or("?"), t.title.as_deref().unwrap_or(""));
//! }
//!
//! // Vendor-neutral: a create that retries never duplicate.
//! let ticket = client
//!     .create_ticket(&NewTicket::new("Printer offline").company(CompanyId(500)).idempotency_key("chat-7f3a"))
//!     .await?;
//! println!("created {}", ticket.number.unwrap_or_default());
//! # Ok(()) }
//! ```
//!
//! Queries are plain data, so they can be built and checked offline:
//!
//! ```
//! use psa_autotask::{Filter, Query};
//! let q = Query::with(Filter::not_eq("status", 5)).filter(Filter::eq("companyID", 500)).max_records(10);
//! q.validate()?;
//! assert_eq!(
//!     q.to_body(),
//!     serde_json::json!({"filter": [{"op": "and", "items": [
//!         {"op": "noteq", "field": "status", "value": 5},
//!         {"op": "eq", "field": "companyID", "value": 500}
//!     ]}], "MaxRecords": 10})
//! );
//! # Ok::<(), psa_core::Error>(())
//! ```
//!
//! ## What it does for you
//! - **Zone discovery** without credentials; the discovered host must be https on
//!   `autotask.net` before any credential goes there. A 401 after a zone move triggers one
//!   re-discovery.
//! - **Headers**: `ApiIntegrationCode`, `UserName`, `Secret` on every call;
//!   `ImpersonationResourceId` only on writes (Autotask refuses it on queries and paging).
//! - **Paging**: the next page is POSTed to `nextPageUrl` with the same body (a GET returns 405
//!   and silently truncates), after the URL's host is checked.
//! - **Writes**: children under their parent (`Tickets/{id}/Notes`, `Companies/{id}/Contacts`,
//!   `Tickets/{id}/Attachments`), updates by PATCH on the collection, unset fields omitted
//!   (Autotask answers `null`s with a 500), attachment sizes checked before sending.
//! - **Limits**: at most 3 requests per endpoint in flight; the thread-limit error is retried
//!   with backoff; optional [`Pacing`] as the hourly threshold fills.
//! - **Errors**: Autotask's HTTP 500 texts become `PermissionDenied` (with entity and verb),
//!   `Unauthenticated` (saying which credential to check) or `Validation` (with the fields).
//!
//! See `docs/autotask.md` for the admin setup, the environment variables, the error mapping and
//! how to read the preflight report.

mod api;
mod client;
mod connector;
mod discovery;
mod error;
pub mod models;
mod pacing;
pub mod preflight;
mod query;
pub mod webhooks;

pub use api::metadata::{Picklist, TicketPicklists, stage_map_from_statuses};
pub use api::webhooks::{NewTicketWebhook, TicketWebhookSetup, WebhookFieldRef};
pub use api::{Entity, EntityApi};
pub use client::{
    AutotaskClient, AutotaskClientBuilder, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_PICKLIST_TTL,
    MAX_CONCURRENT_PER_ENDPOINT,
};
pub use discovery::{DEFAULT_DISCOVERY_URL, ZoneInfo, discover_zone, discover_zone_at};
pub use error::AutotaskErrorClassifier;
pub use pacing::Pacing;
pub use query::{Filter, FilterValue, MAX_RECORDS_LIMIT, Op, Query};
pub use webhooks::{WebhookAction, WebhookPayload, verify_signature};
