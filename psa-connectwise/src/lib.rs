//! # psa-connectwise
//!
//! A client for the ConnectWise PSA (formerly ConnectWise Manage) REST API 3.0, part of
//! **psa-sdk**. It finds the company's codebase, authenticates as an API member, speaks the
//! vendor's `conditions` language, pages with the `Link` header (or forward-only), updates with
//! JSON patch, registers the integration as a ticket source, uploads documents, verifies
//! callbacks, and tells an admin exactly which security-role right is missing.
//!
//! This example runs offline against the bundled simulator:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use psa_connectwise::{ConnectWiseClient, Query, field, models::{NewServiceTicket, NewServiceNote, Reference}};
//!
//! let sim = psa_sim::ConnectWiseSim::builder().seed(7).companies(3).tickets(10).start().await?;
//! let client = ConnectWiseClient::builder()
//!     .site(sim.site())                 // "na", "api-eu.myconnectwise.net", "https://psa.example.com", …
//!     .company_id(sim.company_id())
//!     .public_key(sim.public_key())
//!     .private_key(sim.private_key())
//!     .client_id(sim.client_id())
//!     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)) // simulator only
//!     .build()
//!     .await?;
//!
//! // Vendor-native: conditions escaped for you, every page with the full query.
//! let company = client.companies().list(&Query::new().page_size(1), None).await?.items.remove(0);
//! let ticket = client
//!     .tickets()
//!     .create_once(
//!         &NewServiceTicket::new("Printer offline", Reference::id(company.id))
//!             .initial_description("Paper jam on floor 2"),
//!         "chat-1234", // the idempotency key, stored in externalXRef
//!     )
//!     .await?;
//! client.ticket_notes(ticket.id).create(&NewServiceNote::internal("Sent a technician")).await?;
//! let open = client
//!     .tickets()
//!     .count(Some(field("company/id").eq(company.id).and(field("closedFlag").eq(false))))
//!     .await?;
//! assert!(open >= 1);
//!
//! // Vendor-neutral: the same client through psa_core::Connector.
//! use psa_core::{Connector, TicketId};
//! let same = client.ticket(TicketId(ticket.id)).await?;
//! assert_eq!(same.external_ref.as_deref(), Some("chat-1234"));
//! sim.stop().await;
//! # Ok(()) }
//! ```
//!
//! ## Two levels
//! - **Vendor-native**: [`ConnectWiseClient`] with handlers per area (`tickets()`,
//!   `ticket_notes(id)`, `companies()`, `contacts()`, `members()`, `boards()`, `priorities()`,
//!   `sources()`, `documents()`, `callbacks()`, `system()`), typed [`models`] with every
//!   documented field, [`Query`]/[`Condition`] for queries, [`Patch`] for updates, and
//!   [`ConnectWiseClient::raw`]/[`ConnectWiseClient::list_raw`] for anything else.
//! - **Vendor-neutral**: `impl psa_core::Connector for ConnectWiseClient`, mapping to core
//!   models that keep the raw record in `vendor_record`. The native `tickets()`,
//!   `companies()` and `contacts()` handlers and the `ConnectorExt` streams
//!   (`stream_tickets(&query)`, `stream_companies(&query)`, …) have different names, so both
//!   are called directly on a concrete client.
//!
//! ## Configuration
//! [`ConnectWiseClient::builder`] or [`ConnectWiseClient::from_env`] (`CONNECTWISE_SITE`,
//! `CONNECTWISE_COMPANY_ID`, `CONNECTWISE_PUBLIC_KEY`, `CONNECTWISE_PRIVATE_KEY`,
//! `CONNECTWISE_CLIENT_ID`). Every missing or malformed setting is a `Config` error naming it.
//! The private key and clientId are kept in `SecretString`s and never printed.
//!
//! ## Idempotency
//! A ticket created with an idempotency key ([`api::tickets::TicketsApi::create_once`], or
//! `NewTicket::idempotency_key` through the trait) stores the key in `externalXRef`. The key is
//! looked up first, so the same key gives the same ticket from any client (opt out with
//! `idempotency_lookup(false)`), and again after an ambiguous failure before anything is sent
//! again; [`psa_core::idempotency`] says what it costs and what it cannot promise. Without a key a create is sent once. Notes have no field for a key, so a note create is
//! always sent once.

pub mod api;
mod auth;
mod business;
mod callbacks;
mod capabilities;
mod client;
mod connector;
mod convert;
mod discovery;
mod error;
pub mod models;
mod paging;
mod patch;
mod preflight;
pub mod query;
mod site;
mod webhooks;

// The client, its builder and the raw escape hatch (same order in every vendor crate).
pub use client::{
    ConnectWiseClient, ConnectWiseClientBuilder, DEFAULT_API_VERSION, MAX_URL_LEN, RawApi,
};

// Area handlers (`client.<area>()` → `<Area>Api`).
pub use api::agreements::{AgreementAdditionsApi, AgreementsApi};
pub use api::boards::{BoardItemsApi, BoardSubTypesApi, BoardTypesApi, BoardsApi, PrioritiesApi};
pub use api::callbacks::CallbacksApi;
pub use api::companies::CompaniesApi;
pub use api::contacts::ContactsApi;
pub use api::documents::DocumentsApi;
pub use api::members::MembersApi;
pub use api::notes::TicketNotesApi;
pub use api::opportunities::OpportunitiesApi;
pub use api::sources::SourcesApi;
pub use api::system::SystemApi;
pub use api::tickets::TicketsApi;
pub use api::time_entries::TimeEntriesApi;

// Native query builders.
pub use query::{CondValue, Condition, Direction, Field, Op, Query, field};

// Finding the API host.
pub use discovery::{CodebaseInfo, CompanyInfo, discover_codebase};
pub use site::{Site, SiteKind};

// Error classification.
pub use error::ConnectWiseErrorClassifier;

// Idempotent creates.
pub use api::tickets::IDEMPOTENCY_KEY_RULES;

// Webhooks / callbacks.
pub use callbacks::{CallbackVerifier, SIGNATURE_HEADER, sign_callback, verify_callback_signature};

// Vendor-only features.
pub use auth::Credentials;
pub use patch::{Patch, PatchOp, PatchOpKind};
pub use preflight::{CLOUDRADIAL_ROLE, RECOMMENDED_ROLE, RecommendedRight, RoleOp};
