//! # psa-autotask
//!
//! The Autotask PSA REST client of psa-sdk: zone discovery, typed entities with every
//! documented field, a query filter builder, paging that follows Autotask's rules, duplicate-safe
//! ticket creates, thresholds and the 3-thread limit, webhooks, and a permission preflight that
//! tells an admin which right is missing and where to grant it.
//!
//! This example runs offline, against the Autotask simulator of `psa-sim`:
//!
//! ```
//! use psa_autotask::{AutotaskClient, Filter, Query};
//! use psa_core::{Capability, ClientOptions, CompanyId, Connector, NewTicket, PreflightOptions};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = psa_sim::AutotaskSim::builder().seed(42).companies(3).tickets(20).start().await?;
//!
//! // In production: `AutotaskClient::from_env().await?`, or the builder without the last two
//! // settings; the zone is then discovered on webservices.autotask.net.
//! let client = AutotaskClient::builder()
//!     .username(sim.username())                 // the API user's Username (Key)
//!     .secret(sim.secret())                     // its Secret
//!     .integration_code(sim.integration_code()) // the vendor's API Tracking Identifier
//!     .discovery_url(sim.discovery_url())
//!     .options(ClientOptions::default().allow_insecure_loopback(true))
//!     .build()
//!     .await?;
//!
//! // Can this API user do what the integration needs?
//! let report = client.preflight(&PreflightOptions::all()).await?;
//! assert!(report.readiness(&[Capability::ReadTickets, Capability::CreateTickets, Capability::AddNotes]).is_ready());
//!
//! // Vendor-native: typed filters, every Autotask field.
//! let open = client.tickets().query(&Query::with(Filter::not_eq("status", 5)).max_records(10)).await?;
//! assert!(open.items.iter().all(|t| t.status != Some(5)));
//!
//! // Vendor-neutral: a create that no retry can duplicate.
//! let company = CompanyId(sim.company_ids()[0]);
//! let ticket = client
//!     .create_ticket(&NewTicket::new("Printer offline").company(company).idempotency_key("chat-7f3a"))
//!     .await?;
//! assert_eq!(ticket.external_ref.as_deref(), Some("chat-7f3a"));
//! sim.stop().await;
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
mod business;
mod capabilities;
mod client;
mod connector;
mod convert;
mod discovery;
mod ensure;
mod error;
mod mapping;
pub mod models;
mod pacing;
pub mod preflight;
mod query;
pub mod webhooks;

// The client, its builder and the raw escape hatch (same order in every vendor crate).
pub use client::{
    AutotaskClient, AutotaskClientBuilder, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_PICKLIST_TTL,
    MAX_CONCURRENT_PER_ENDPOINT, RawApi,
};

// Area handlers (`client.<area>()` → `<Area>Api`).
pub use api::contracts::{ContractServicesApi, ContractsApi, ServicesApi, TimeEntriesApi};
pub use api::entity_webhooks::{
    CompanyWebhookExcludedResourcesApi, CompanyWebhookFieldsApi, CompanyWebhooksApi,
    ContactWebhookExcludedResourcesApi, ContactWebhookFieldsApi, ContactWebhooksApi,
};
pub use api::projects::{ProjectNotesApi, ProjectsApi, TaskNotesApi, TasksApi};
pub use api::{
    CompaniesApi, ContactsApi, Entity, EntityApi, OpportunitiesApi, ResourcesApi,
    TicketAttachmentsApi, TicketCategoriesApi, TicketNotesApi, TicketWebhooksApi, TicketsApi,
};

// Native query builders.
pub use query::{Filter, FilterValue, MAX_RECORDS_LIMIT, Op, Query};

// Finding the API host.
pub use discovery::{DEFAULT_DISCOVERY_URL, ZoneInfo, discover_zone, discover_zone_at};

// Error classification.
pub use error::AutotaskErrorClassifier;

// Idempotent creates.
pub use api::tickets::IDEMPOTENCY_KEY_RULES;

// Webhooks / callbacks.
pub use api::webhooks::{NewTicketWebhook, TicketWebhookSetup, WebhookFieldRef};
pub use ensure::SyncFields;
pub use webhooks::{WebhookAction, WebhookPayload, verify_signature};

// Vendor-only features.
pub use api::metadata::{Picklist, TicketPicklists, stage_map_from_statuses};
pub use api::opportunities::OpportunityPicklists;
pub use pacing::Pacing;
