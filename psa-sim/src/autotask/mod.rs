//! The Autotask simulator: Autotask PSA's REST API (`/ATServicesRest/V1.0/`) served on
//! `127.0.0.1` from an in-memory tenant.
//!
//! It speaks the wire format of Autotask's Swagger document and of what integrators observed
//! on live zones (Autotask's documentation and observed traffic): unauthenticated zone discovery; the `ApiIntegrationCode`
//! / `UserName` / `Secret` headers (401 for a wrong secret, 500 texts for an unknown user or
//! tracking identifier); case-insensitive paths and keys; `POST /{Entity}/query` with the 13
//! filter ops, `and`/`or` groups, UDF filters, `IncludeFields`, `MaxRecords` ≤ 500 and a
//! `nextPageUrl` that must be POSTed with the same body (GET → 405); `{"item":null}` for a
//! missing id; creates answered 200 `{"itemId":N}`; children created only under their parent
//! (`/Tickets/{id}/Notes`, top-level → 404); PATCH on the collection with `id` in the body;
//! `entityInformation(/fields)` with string picklist values; permission refusals as HTTP 500
//! texts; Resource Impersonation; the 3-thread limit per endpoint; the rolling request
//! threshold; and signed ticket, company and contact webhooks.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = psa_sim::AutotaskSim::builder().seed(42).tickets(40).start().await?;
//! let http = reqwest::Client::new();
//! // 1. zone discovery, without credentials
//! let user: String = url::form_urlencoded::byte_serialize(sim.username().as_bytes()).collect();
//! let zone: serde_json::Value = http
//!     .get(format!("{}V1.0/zoneInformation?user={user}", sim.discovery_url()))
//!     .send().await?.error_for_status()?.json().await?;
//! assert_eq!(zone["url"], sim.zone_url());
//! // 2. a query with the three headers
//! let page: serde_json::Value = http
//!     .post(format!("{}V1.0/Tickets/query", sim.zone_url()))
//!     .header("ApiIntegrationCode", sim.integration_code())
//!     .header("UserName", sim.username())
//!     .header("Secret", sim.secret())
//!     .json(&serde_json::json!({"filter": [{"op": "exist", "field": "id"}]}))
//!     .send().await?.error_for_status()?.json().await?;
//! assert_eq!(page["items"].as_array().map(Vec::len), Some(40));
//! sim.stop().await;
//! # Ok(())
//! # }
//! ```

mod billing;
mod builder;
mod dates;
mod entities;
mod field_picks;
mod fields;
mod handle;
mod handlers;
mod ids;
mod input;
mod kind;
mod limits;
mod models;
mod paths;
mod permissions;
mod picklists;
mod projects;
mod query;
mod responses;
mod routes;
mod sales;
mod scan;
mod seed;
mod state;
mod store;
mod webhook_kinds;
mod webhooks;
mod wire;
mod writes;

pub use permissions::ENTITY_NAMES;

/// Entry point: `AutotaskSim::builder()`.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct AutotaskSim;

impl AutotaskSim {
    /// A builder with the defaults: seed 1; 5 companies with 3 contacts each; 50 tickets with 2
    /// notes each; the setup guides' security level (a copy of "API User (system)", Resource
    /// Impersonation on, up to 25 webhooks); a 10,000-request hourly threshold; 3 threads per
    /// endpoint; 6 MiB attachments; no latency, no faults; any free port.
    ///
    /// ```
    /// let b = psa_sim::AutotaskSim::builder().seed(7).tickets(1_234).thread_limit(3);
    /// # let _ = b;
    /// ```
    pub fn builder() -> AutotaskSimBuilder {
        AutotaskSimBuilder::default()
    }
}

pub use builder::AutotaskSimBuilder;
pub use handle::AutotaskSimHandle;
