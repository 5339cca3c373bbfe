//! The ConnectWise PSA (Manage) simulator.
//!
//! Serves, on `127.0.0.1`, what a client of ConnectWise's REST API meets: codebase discovery at
//! `GET /login/companyinfo/{company}`, the API under `/{Codebase}apis/3.0/` with Basic auth
//! `company+public:private` and the `clientId` header, `conditions` queries, `Link`-header and
//! forward-only paging, JSON-patch updates, the API member's security role (as
//! `/system/mySecurity` reports it and as every endpoint enforces it), multipart documents,
//! callbacks signed the way ConnectWise signs them, throttling and injected faults.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use psa_sim::ConnectWiseSim;
//!
//! let sim = ConnectWiseSim::builder().seed(7).tickets(30).start().await?;
//! let client = reqwest::Client::new();
//! let info: serde_json::Value = client
//!     .get(format!("{}/login/companyinfo/{}", sim.site(), sim.company_id()))
//!     .send().await?.json().await?;
//! assert_eq!(info["Codebase"], sim.codebase());
//!
//! let page = client
//!     .get(format!("{}service/tickets?pageSize=10", sim.api_base()))
//!     .header("Authorization", sim.authorization())
//!     .header("clientId", sim.client_id())
//!     .send().await?;
//! assert_eq!(page.status(), 200);
//! assert!(page.headers().contains_key("link"));
//! sim.stop().await;
//! # Ok(())
//! # }
//! ```

// Handlers answer with complete HTTP responses on both sides of their `Result`; boxing the
// error side everywhere would add noise for no gain on a test server.
#![allow(clippy::result_large_err)]

mod api;
mod auth;
mod billing;
mod builder;
mod callbacks;
mod conditions;
mod entities;
mod evaluate;
mod handle;
mod listing;
mod multipart;
mod patch;
mod permissions;
mod records;
mod routes;
mod seed;
mod seed_words;
mod state;
mod store;
mod wire;
mod work;

pub use callbacks::CallbackDelivery;

/// Entry point of the ConnectWise simulator: `ConnectWiseSim::builder()…start().await`.
///
/// ```
/// let builder = psa_sim::ConnectWiseSim::builder().seed(42).companies(3).tickets(10);
/// assert!(format!("{builder:?}").contains("ConnectWiseSimBuilder"));
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ConnectWiseSim;

impl ConnectWiseSim {
    /// A builder with the defaults: seed 1, 5 companies × 3 contacts, 50 tickets with 2 notes
    /// each, company id `training`, codebase `v2025_1/`, the recommended security role of the
    /// setup guide, no latency, no faults, no throttle.
    pub fn builder() -> ConnectWiseSimBuilder {
        ConnectWiseSimBuilder::default()
    }
}

pub use builder::ConnectWiseSimBuilder;
pub use handle::ConnectWiseSimHandle;
