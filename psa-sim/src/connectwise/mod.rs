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
mod callbacks;
mod conditions;
mod entities;
mod listing;
mod multipart;
mod patch;
mod permissions;
mod routes;
mod state;
mod store;
mod wire;

use crate::common::locks::RwLockExt as _;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

use psa_core::Capability;
use serde_json::Value;
use tokio::task::JoinHandle;

use crate::common::rng;
use crate::common::{
    FaultResponder, Knobs, RequestLog, Server, ServerSettings, invalid_input, router_with_layers,
    shared_knobs,
};

pub use callbacks::CallbackDelivery;

use auth::{Creds, RateWindow};
use callbacks::Hooks;
use entities::{Cx, ticket_json};
use permissions::Profile;
use state::Inner;
use store::{SeedSpec, Store};

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

/// Configures a ConnectWise simulator. Every setter is chainable; mistakes (an unknown module
/// or function in [`set_level`](Self::set_level)) surface at [`start`](Self::start).
#[derive(Clone)]
pub struct ConnectWiseSimBuilder {
    knobs: Knobs,
    company_id: String,
    company_name: String,
    codebase: String,
    profile: Profile,
    problems: Vec<String>,
    callbacks_allowed: bool,
    my_security_readable: bool,
    is_cloud_as_string: bool,
    rate_limit: Option<(u32, Duration)>,
    public_key: Option<String>,
    private_key: Option<String>,
    client_id: Option<String>,
    callback_retry_delay: Duration,
}

impl Default for ConnectWiseSimBuilder {
    fn default() -> Self {
        ConnectWiseSimBuilder {
            knobs: Knobs::default(),
            company_id: "training".to_string(),
            company_name: "Training Company".to_string(),
            codebase: "v2025_1/".to_string(),
            profile: Profile::recommended(),
            problems: Vec::new(),
            callbacks_allowed: true,
            my_security_readable: true,
            is_cloud_as_string: true,
            rate_limit: None,
            public_key: None,
            private_key: None,
            client_id: None,
            callback_retry_delay: Duration::from_secs(2),
        }
    }
}

impl std::fmt::Debug for ConnectWiseSimBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectWiseSimBuilder")
            .field("knobs", &self.knobs)
            .field("company_id", &self.company_id)
            .field("codebase", &self.codebase)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

impl ConnectWiseSimBuilder {
    shared_knobs!();

    /// The company id of the login (default `training`); matched case-insensitively.
    pub fn company_id(mut self, company: &str) -> Self {
        self.company_id = company.to_string();
        self
    }

    /// The codebase companyinfo reports (default `v2025_1/`; a trailing slash is added).
    /// `v4_6_release/` makes the tenant look on-premise (`IsCloud` false).
    pub fn codebase(mut self, codebase: &str) -> Self {
        self.codebase = normalize_codebase(codebase);
        self
    }

    /// Sets one level of the API member's security role. `module`/`function` are the names of
    /// the recommended role table (e.g. `("Service Desk", "Service Tickets")`), `op` is one of
    /// add/edit/delete/inquire and `level` one of None/My/All.
    pub fn set_level(mut self, module: &str, function: &str, op: &str, level: &str) -> Self {
        if let Err(e) = self.profile.set(module, function, op, level) {
            self.problems.push(e);
        }
        self
    }

    /// Removes the right behind one capability from the recommended role.
    ///
    /// ReadTickets/CreateTickets/UpdateTickets → Service Tickets inquire/add/edit None;
    /// CloseTickets → Close Service Tickets add and edit None; ReadNotes/AddNotes → Companies >
    /// Notes inquire/add None; ReadCompanies → Company Maintenance inquire None; ReadContacts →
    /// Contacts inquire None; ReadResources → Member Maintenance inquire None; Attachments →
    /// Manage Attachments add None; BaseData → Table Setup inquire None; TicketSource → Table
    /// Setup add None; Webhooks → `/system/callbacks` writes refused (403). Connect and
    /// Impersonation have no role row and change nothing.
    pub fn deny(mut self, cap: Capability) -> Self {
        if !self.profile.deny(cap) && cap == Capability::Webhooks {
            self.callbacks_allowed = false;
        }
        self
    }

    /// Whether `/system/mySecurity` answers (default true); false makes it a 403, as for a role
    /// that may not inspect itself.
    pub fn my_security_readable(mut self, readable: bool) -> Self {
        self.my_security_readable = readable;
        self
    }

    /// Throttle: at most `per_window` API requests in any `window`; above it the vendor's 429
    /// with `Retry-After`. Off by default (ConnectWise throttles dynamically; its guide warns
    /// above 1,000 requests a minute).
    pub fn rate_limit(mut self, per_window: u32, window: Duration) -> Self {
        self.rate_limit = Some((per_window, window));
        self
    }

    /// Whether companyinfo sends `IsCloud` as the string `"True"` (default, as in the
    /// developer guide's example) or as a JSON bool (seen in other captures).
    pub fn is_cloud_as_string(mut self, as_string: bool) -> Self {
        self.is_cloud_as_string = as_string;
        self
    }

    /// Fixes the API member's public key instead of deriving it from the seed.
    pub fn public_key(mut self, key: &str) -> Self {
        self.public_key = Some(key.to_string());
        self
    }

    /// Fixes the API member's private key instead of deriving it from the seed.
    pub fn private_key(mut self, key: &str) -> Self {
        self.private_key = Some(key.to_string());
        self
    }

    /// Fixes the accepted `clientId` instead of deriving it from the seed.
    pub fn client_id(mut self, client_id: &str) -> Self {
        self.client_id = Some(client_id.to_string());
        self
    }

    /// The first delay before a callback is retried (the second is twice as long); ConnectWise
    /// waits 2 s then 4 s more.
    pub fn callback_retry_delay(mut self, delay: Duration) -> Self {
        self.callback_retry_delay = delay;
        self
    }

    /// Seeds the tenant, binds `127.0.0.1` and starts serving.
    ///
    /// Fails with `InvalidInput` naming the setting when a [`set_level`](Self::set_level) call
    /// named something the role table does not have, or with the bind error.
    pub async fn start(self) -> std::io::Result<ConnectWiseSimHandle> {
        if let Some(p) = self.problems.first() {
            return Err(invalid_input(p.clone()));
        }
        self.knobs.check()?;
        if self.company_id.trim().is_empty() || self.company_id.contains(['+', ':', '/']) {
            return Err(invalid_input(format!(
                "company_id {:?} must be non-empty and contain no '+', ':' or '/'",
                self.company_id
            )));
        }
        let store = Store::seeded(SeedSpec {
            seed: self.knobs.seed,
            companies: self.knobs.companies,
            contacts_per_company: self.knobs.contacts_per_company,
            tickets: self.knobs.tickets,
            notes_per_ticket: self.knobs.notes_per_ticket,
        });
        let mut creds = Creds::generated(&self.company_id, self.knobs.seed);
        if let Some(k) = self.public_key {
            creds.public_key = k;
        }
        if let Some(k) = self.private_key {
            creds.private_key = k;
        }
        if let Some(k) = self.client_id {
            creds.client_id = k;
        }
        let signing_key = rng::alphanumeric(&mut rng::seeded(self.knobs.seed, 0x5167), 32);
        let key_id = wire::guid(self.knobs.seed ^ 0x004B_4559);
        let (hooks, worker) = Hooks::start(signing_key, key_id, self.callback_retry_delay);
        let inner = Arc::new(Inner {
            store: RwLock::new(store),
            codebase: RwLock::new(self.codebase),
            origin: OnceLock::new(),
            creds,
            company_name: self.company_name,
            profile: self.profile,
            callbacks_allowed: self.callbacks_allowed,
            my_security_readable: self.my_security_readable,
            is_cloud_as_string: self.is_cloud_as_string,
            limiter: self
                .rate_limit
                .map(|(n, w)| Mutex::new(RateWindow::new(n, w))),
            hooks,
        });
        let log = RequestLog::default();
        let settings = ServerSettings {
            faults: self.knobs.faults,
            responder: FaultResponder::new(wire::server_error, || wire::too_many_requests(1)),
            latency: self.knobs.latency,
            log: log.clone(),
            classify: Arc::new(routes::classify),
        };
        let router = router_with_layers(routes::router(inner.clone()), settings);
        let server = match Server::start(router, self.knobs.port).await {
            Ok(s) => s,
            Err(e) => {
                worker.abort();
                return Err(e);
            }
        };
        let origin = server.origin();
        let _ = inner.origin.set(origin.clone());
        Ok(ConnectWiseSimHandle {
            addr: server.addr(),
            server: Some(server),
            inner,
            log,
            worker,
            origin,
        })
    }
}

fn normalize_codebase(codebase: &str) -> String {
    let c = codebase.trim().trim_matches('/');
    format!("{c}/")
}

/// A running ConnectWise simulator: its URLs, working credentials, the store for assertions
/// and the request log. [`stop`](Self::stop) (or dropping it) frees the port.
pub struct ConnectWiseSimHandle {
    addr: std::net::SocketAddr,
    server: Option<Server>,
    inner: Arc<Inner>,
    log: RequestLog,
    worker: JoinHandle<()>,
    origin: String,
}

impl std::fmt::Debug for ConnectWiseSimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectWiseSimHandle")
            .field("site", &self.origin)
            .field("company_id", &self.inner.creds.company)
            .field("codebase", &self.inner.codebase())
            .finish_non_exhaustive()
    }
}

impl Drop for ConnectWiseSimHandle {
    fn drop(&mut self) {
        self.worker.abort();
    }
}

impl ConnectWiseSimHandle {
    /// The origin, `http://127.0.0.1:PORT` (no trailing slash); companyinfo is at
    /// `{site}/login/companyinfo/{company}`.
    pub fn site(&self) -> String {
        self.origin.clone()
    }

    /// The bound address (`127.0.0.1:PORT`).
    pub fn addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    /// The company id of the login (`training` unless configured).
    pub fn company_id(&self) -> &str {
        &self.inner.creds.company
    }

    /// The API member's public key.
    pub fn public_key(&self) -> &str {
        &self.inner.creds.public_key
    }

    /// The API member's private key.
    pub fn private_key(&self) -> &str {
        &self.inner.creds.private_key
    }

    /// The `clientId` the simulator accepts.
    pub fn client_id(&self) -> &str {
        &self.inner.creds.client_id
    }

    /// The `Authorization` header value: `Basic base64(company+public:private)`.
    pub fn authorization(&self) -> String {
        self.inner.creds.basic()
    }

    /// The current codebase with its trailing slash, e.g. `v2025_1/`.
    pub fn codebase(&self) -> String {
        self.inner.codebase()
    }

    /// The API root: `{site}/{codebase}apis/3.0/`.
    pub fn api_base(&self) -> String {
        format!("{}/{}apis/3.0/", self.origin, self.inner.codebase())
    }

    /// Simulates a cloud upgrade: companyinfo reports the new codebase and the old one 404s
    /// (`v4_6_release/` keeps routing, as it does on cloud).
    pub fn set_codebase(&self, codebase: &str) {
        let mut c = self.inner.codebase.write_safe();
        *c = normalize_codebase(codebase);
    }

    /// The request log (method, path, status, concurrency per endpoint key such as
    /// `service/tickets` or `service/tickets/{id}/notes`).
    pub fn log(&self) -> &RequestLog {
        &self.log
    }

    /// Number of tickets in the store.
    pub fn ticket_count(&self) -> usize {
        self.inner.read().tickets.len()
    }

    /// Number of tickets whose summary is exactly `summary`.
    pub fn tickets_with_summary(&self, summary: &str) -> usize {
        self.inner
            .read()
            .tickets
            .values()
            .filter(|t| t.summary == summary)
            .count()
    }

    /// Number of tickets whose wire JSON satisfies `pred`.
    pub fn count_tickets_where(&self, pred: impl Fn(&Value) -> bool) -> usize {
        let st = self.inner.read();
        let api = self.api_base();
        let cx = Cx { st: &st, api: &api };
        st.tickets
            .values()
            .filter(|t| pred(&ticket_json(&cx, t)))
            .count()
    }

    /// A ticket's wire JSON, as `GET /service/tickets/{id}` would return it.
    pub fn ticket(&self, id: i64) -> Option<Value> {
        let st = self.inner.read();
        let api = self.api_base();
        let cx = Cx { st: &st, api: &api };
        st.tickets.get(&id).map(|t| ticket_json(&cx, t))
    }

    /// Number of notes on a ticket.
    pub fn note_count(&self, ticket: i64) -> usize {
        self.inner.read().notes_of(ticket).len()
    }

    /// Ids of the seeded companies, ascending.
    pub fn company_ids(&self) -> Vec<i64> {
        self.inner.read().companies.keys().copied().collect()
    }

    /// Every email address of the contacts of a company.
    pub fn contact_emails(&self, company: i64) -> Vec<String> {
        let st = self.inner.read();
        st.contacts
            .values()
            .filter(|c| c.company == company)
            .flat_map(|c| {
                c.items
                    .iter()
                    .filter(|i| i.kind == "Email")
                    .map(|i| i.value.clone())
            })
            .collect()
    }

    /// The API member's id (owner of "My" records, `memberId` of callbacks).
    pub fn api_member_id(&self) -> i64 {
        self.inner.read().api_member.id
    }

    /// The API member's identifier.
    pub fn api_member_identifier(&self) -> String {
        self.inner.read().api_member.identifier.clone()
    }

    /// Number of documents uploaded.
    pub fn document_count(&self) -> usize {
        self.inner.read().documents.len()
    }

    /// The key served at callback payloads' `Metadata.key_url`.
    pub fn callback_signing_key(&self) -> &str {
        &self.inner.hooks.signing_key
    }

    /// The callback POSTs made so far (after their retries).
    pub fn callback_deliveries(&self) -> Vec<CallbackDelivery> {
        self.inner.hooks.deliveries()
    }

    /// Stops serving and waits until the port is free.
    pub async fn stop(mut self) {
        self.worker.abort();
        if let Some(server) = self.server.take() {
            server.stop().await;
        }
    }
}
