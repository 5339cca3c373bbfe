//! The Syncro simulator: Syncro's REST API v1 (`https://{subdomain}.syncromsp.com/api/v1/`)
//! served on `127.0.0.1` from an in-memory account.
//!
//! It speaks the vendor's wire format as documented in its OpenAPI document and as observed on
//! live tenants (Syncro's documentation and observed traffic): token auth in the `Authorization` header (bare or
//! `Bearer`) or the `api_key` query parameter; flat request bodies; `{"ticket": …}` wrappers
//! but an unwrapped contact detail; page-numbered lists with a `meta` object (tickets without
//! `total_entries`); 401 for a bad token *and* for a missing permission (told apart only by the
//! body text); 422 bodies in the endpoint's own shape; timestamps in the account's local offset
//! (`2025-01-29T13:31:46.716-05:00`); the `"admin?"` key on nested users; ids above 2^32; and a
//! per-minute request limit answered with 429 `Retry later`.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sim = psa_sim::SyncroSim::builder().seed(42).companies(3).tickets(40).start().await?;
//! let me: serde_json::Value = reqwest::Client::new()
//!     .get(format!("{}me", sim.base_url()))
//!     .header("Authorization", format!("Bearer {}", sim.api_token()))
//!     .send()
//!     .await
//!     .and_then(|r| r.error_for_status())
//!     .map_err(std::io::Error::other)?
//!     .json()
//!     .await
//!     .map_err(std::io::Error::other)?;
//! assert_eq!(me["subdomain"], "acme");
//! assert_eq!(sim.ticket_count(), 40);
//! sim.stop().await;
//! # Ok(())
//! # }
//! ```

mod billing;
mod builder;
mod clock;
mod extract;
mod handle;
mod leads;
mod limit;
mod params;
mod permissions;
mod responses;
mod routes;
mod seed;
mod state;
mod store;
mod webhooks;
mod wire;

pub use permissions::{PERMISSION_NAMES, RECOMMENDED_PERMISSIONS};

/// Entry point: `SyncroSim::builder()`.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SyncroSim;

impl SyncroSim {
    /// A builder with the defaults: seed 1, 5 companies with 3 contacts each, 50 tickets with 2
    /// notes each, subdomain `acme`, the setup guide's recommended token permissions, 180
    /// requests per 60 s, no `Retry-After`, offset `-05:00`, no latency, no faults.
    ///
    /// ```
    /// let b = psa_sim::SyncroSim::builder().seed(7).tickets(1_234).subdomain("northwind");
    /// # let _ = b;
    /// ```
    pub fn builder() -> SyncroSimBuilder {
        SyncroSimBuilder::default()
    }
}

pub use builder::SyncroSimBuilder;
pub use handle::SyncroSimHandle;
