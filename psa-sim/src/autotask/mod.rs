//! The Autotask simulator: Autotask PSA's REST API (`/ATServicesRest/V1.0/`) served on
//! `127.0.0.1` from an in-memory tenant.
//!
//! It speaks the wire format of Autotask's Swagger document and of what integrators observed
//! on live zones (`vendors/autotask.md`): unauthenticated zone discovery; the `ApiIntegrationCode`
//! / `UserName` / `Secret` headers (401 for a wrong secret, 500 texts for an unknown user or
//! tracking identifier); case-insensitive paths and keys; `POST /{Entity}/query` with the 13
//! filter ops, `and`/`or` groups, UDF filters, `IncludeFields`, `MaxRecords` ≤ 500 and a
//! `nextPageUrl` that must be POSTed with the same body (GET → 405); `{"item":null}` for a
//! missing id; creates answered 200 `{"itemId":N}`; children created only under their parent
//! (`/Tickets/{id}/Notes`, top-level → 404); PATCH on the collection with `id` in the body;
//! `entityInformation(/fields)` with string picklist values; permission refusals as HTTP 500
//! texts; Resource Impersonation; the 3-thread limit per endpoint; the rolling request
//! threshold; and signed ticket webhooks.
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

mod dates;
mod entities;
mod handlers;
mod limits;
mod paths;
mod permissions;
mod picklists;
mod query;
mod responses;
mod routes;
mod scan;
mod seed;
mod state;
mod store;
mod webhooks;
mod wire;
mod writes;

use crate::common::locks::MutexExt as _;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

use http::StatusCode;
use psa_core::Capability;
use serde_json::{Value, json};

use crate::common::rng;
use crate::common::{
    FaultResponder, Knobs, RequestLog, Server, ServerSettings, invalid_input, router_with_layers,
    shared_knobs,
};
use entities::{Kind, Verb};
use limits::{ByteBudget, Threads, Threshold};
use permissions::{Access, Profile};
use seed::SeedSpec;
use state::{Credentials, Sim};
use store::Store;
use webhooks::Notifier;

/// The entity names [`AutotaskSimBuilder::deny_access`] accepts.
pub const ENTITY_NAMES: &[&str] = &[
    "Tickets",
    "TicketNotes",
    "Companies",
    "Contacts",
    "Resources",
    "TicketAttachments",
    "TicketWebhooks",
    "TicketWebhookFields",
    "TicketWebhookExcludedResources",
];

fn parse_row(entity: &str, verb: &str) -> Result<(Kind, Verb), String> {
    let kind = Kind::from_name(entity.trim()).ok_or_else(|| {
        format!(
            "unknown Autotask entity {entity:?}: use a REST entity name such as \"Tickets\" or \"TicketNotes\" (psa_sim::autotask::ENTITY_NAMES lists them)"
        )
    })?;
    let verb = Verb::parse(verb)
        .ok_or_else(|| format!("unknown verb {verb:?}: use query, create, update or delete"))?;
    Ok((kind, verb))
}

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

/// Configures and starts an [`AutotaskSimHandle`].
///
/// Mistakes (an unknown entity or verb in [`deny_access`](Self::deny_access), tickets without
/// companies, empty credentials) surface at [`start`](Self::start) as an
/// [`InvalidInput`](std::io::ErrorKind::InvalidInput) error naming the setting.
#[derive(Clone)]
pub struct AutotaskSimBuilder {
    knobs: Knobs,
    profile: Profile,
    mistakes: Vec<String>,
    username: Option<String>,
    secret: Option<String>,
    integration_code: Option<String>,
    hourly_threshold: u32,
    threshold_window: Duration,
    threshold_delays: bool,
    thread_limit: usize,
    thread_limit_status: StatusCode,
    max_attachment_bytes: usize,
    attachment_budget: (usize, Duration),
    require_note_titles: bool,
    access_as_names: bool,
    retry_after: bool,
    webhook_retry_delay: Duration,
    webhook_attempts: u32,
}

impl std::fmt::Debug for AutotaskSimBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AutotaskSimBuilder")
            .field("knobs", &self.knobs)
            .field("username", &self.username)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field(
                "integration_code",
                &self.integration_code.as_ref().map(|_| "[redacted]"),
            )
            .field("hourly_threshold", &self.hourly_threshold)
            .field("thread_limit", &self.thread_limit)
            .finish_non_exhaustive()
    }
}

impl Default for AutotaskSimBuilder {
    fn default() -> Self {
        AutotaskSimBuilder {
            knobs: Knobs::default(),
            profile: Profile::default(),
            mistakes: Vec::new(),
            username: None,
            secret: None,
            integration_code: None,
            hourly_threshold: 10_000,
            threshold_window: Duration::from_secs(3600),
            threshold_delays: false,
            thread_limit: 3,
            thread_limit_status: StatusCode::TOO_MANY_REQUESTS,
            max_attachment_bytes: 6 * 1024 * 1024,
            attachment_budget: (10_000_000, Duration::from_secs(300)),
            require_note_titles: true,
            access_as_names: false,
            retry_after: false,
            webhook_retry_delay: Duration::from_secs(30),
            webhook_attempts: 5,
        }
    }
}

impl AutotaskSimBuilder {
    shared_knobs!();

    /// Removes the right standing for a vendor-neutral capability: ReadTickets → Tickets query;
    /// CreateTickets → Tickets create; UpdateTickets, CloseTickets → Tickets update; ReadNotes →
    /// TicketNotes query; AddNotes → TicketNotes create; ReadCompanies → Companies query;
    /// ReadContacts → Contacts query; ReadResources → Resources query; Attachments →
    /// TicketAttachments create; Impersonation → Resource Impersonation off; Webhooks → no
    /// webhooks allowed and TicketWebhooks create denied; BaseData → picklists
    /// (`entityInformation/fields`) refused; Connect → the API user is inactive (every call 401).
    ///
    /// ```
    /// let b = psa_sim::AutotaskSim::builder().deny(psa_core::Capability::CreateTickets);
    /// # let _ = b;
    /// ```
    pub fn deny(mut self, cap: Capability) -> Self {
        self.profile.deny(cap);
        self
    }

    fn set_row(mut self, entity: &str, verb: &str, access: Access) -> Self {
        match parse_row(entity, verb) {
            Ok((k, v)) => self.profile.set(k, v, access),
            Err(e) => self.mistakes.push(e),
        }
        self
    }

    /// Sets one row of the security level to None (`userAccessFor<Verb> = 0`): the verb then
    /// fails with the 500 permission text. `verb` is query, create, update or delete.
    ///
    /// ```
    /// let b = psa_sim::AutotaskSim::builder().deny_access("TicketNotes", "create");
    /// # let _ = b;
    /// ```
    pub fn deny_access(self, entity: &str, verb: &str) -> Self {
        self.set_row(entity, verb, Access::None)
    }

    /// Sets one row to Restricted (`userAccessFor<Verb> = 2`): the API user then sees and
    /// changes only its own records (tickets it created or is assigned to, notes it wrote,
    /// companies it owns and their contacts, its own resource row).
    pub fn restrict_access(self, entity: &str, verb: &str) -> Self {
        self.set_row(entity, verb, Access::Restricted)
    }

    /// Sets one row back to All.
    pub fn grant_access(self, entity: &str, verb: &str) -> Self {
        self.set_row(entity, verb, Access::All)
    }

    /// Resource Impersonation rows for Tickets, Ticket Notes and Attachments (default on).
    pub fn impersonation(mut self, on: bool) -> Self {
        self.profile.set_impersonation(on);
        self
    }

    /// "Maximum number of Webhooks" of the security level (default 25; 0 = webhooks off).
    pub fn webhooks_allowed(mut self, max: u32) -> Self {
        self.profile.webhooks_allowed = max;
        self
    }

    /// Requests allowed per rolling hour (default 10,000, Autotask's; 0 = unlimited). Above it
    /// every request gets 429 until usage falls. Scale it down for tests, with
    /// [`threshold_window`](Self::threshold_window) if an hour is too long.
    pub fn hourly_threshold(mut self, n: u32) -> Self {
        self.hourly_threshold = n;
        self
    }

    /// The rolling window of the request threshold (default one hour).
    pub fn threshold_window(mut self, window: Duration) -> Self {
        self.threshold_window = window;
        self
    }

    /// Add Autotask's latency near the threshold: 0.5 s per call at 50–75% usage, 1 s above
    /// (default off, to keep tests fast).
    pub fn threshold_delays(mut self, on: bool) -> Self {
        self.threshold_delays = on;
        self
    }

    /// Requests in flight per tracking identifier and endpoint (default 3; 0 = no limit). One
    /// more fails at once with the "Itgenatr005" thread-threshold text.
    pub fn thread_limit(mut self, n: usize) -> Self {
        self.thread_limit = n;
        self
    }

    /// The status of the thread-limit refusal (default 429: integrators' logs quote the real
    /// error as "429 - thread threshold of 3 threads has been exceeded"; the vendor notes say it
    /// may also arrive with another status, so clients must match the text — set 500 to test
    /// that case).
    pub fn thread_limit_status(mut self, status: StatusCode) -> Self {
        self.thread_limit_status = status;
        self
    }

    /// The largest attachment accepted, in bytes (default 6 MiB; Autotask documents 6–7 MB).
    pub fn max_attachment_bytes(mut self, n: usize) -> Self {
        self.max_attachment_bytes = n;
        self
    }

    /// The attachment upload budget: at most `bytes` of attachments per rolling `window`
    /// (default 10,000,000 bytes per 5 minutes, as documented; 0 = unlimited). Above it,
    /// attachment creates fail until the window has room again.
    pub fn attachment_budget(mut self, bytes: usize, window: Duration) -> Self {
        self.attachment_budget = (bytes, window);
        self
    }

    /// Whether ticket notes need a `title` (the ticket category setting "Require titles on
    /// ticket notes"; default on).
    pub fn require_note_titles(mut self, on: bool) -> Self {
        self.require_note_titles = on;
        self
    }

    /// Send `userAccessFor*` of `entityInformation` as names (`"All"`, `"None"`,
    /// `"Restricted"`) instead of the documented codes (1, 0, 2). Some client libraries model
    /// the names; a robust client accepts both (default off).
    pub fn user_access_as_names(mut self, on: bool) -> Self {
        self.access_as_names = on;
        self
    }

    /// Whether 429 answers carry `Retry-After` (default off: not documented for Autotask).
    pub fn rate_limit_retry_after(mut self, on: bool) -> Self {
        self.retry_after = on;
        self
    }

    /// Delay between webhook delivery attempts (default 30 s, as documented) and the number of
    /// attempts (default 5).
    pub fn webhook_retries(mut self, delay: Duration, attempts: u32) -> Self {
        self.webhook_retry_delay = delay;
        self.webhook_attempts = attempts;
        self
    }

    /// A fixed API user name instead of the one derived from the seed.
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.trim().to_string());
        self
    }

    /// A fixed secret instead of the one derived from the seed.
    pub fn secret(mut self, secret: &str) -> Self {
        self.secret = Some(secret.to_string());
        self
    }

    /// A fixed API tracking identifier instead of the one derived from the seed.
    pub fn integration_code(mut self, code: &str) -> Self {
        self.integration_code = Some(code.trim().to_string());
        self
    }

    fn check(&self) -> std::io::Result<()> {
        if let Some(m) = self.mistakes.first() {
            return Err(invalid_input(m.clone()));
        }
        self.knobs.check()?;
        let header_safe = |s: &str| !s.is_empty() && s.bytes().all(|b| (0x21..0x7f).contains(&b));
        for (name, v) in [
            ("username", &self.username),
            ("secret", &self.secret),
            ("integration_code", &self.integration_code),
        ] {
            if let Some(v) = v
                && !header_safe(v)
            {
                return Err(invalid_input(format!(
                    "{name} must be non-empty printable ASCII without spaces (it travels in a header)"
                )));
            }
        }
        Ok(())
    }

    fn credentials(&self) -> Credentials {
        let mut rng = rng::seeded(self.knobs.seed, 0xA070_7A5C);
        let pick = rng::chars;
        let lower = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let upper = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let secret_set = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789*$#@~!_";
        let username = self
            .username
            .clone()
            .unwrap_or_else(|| format!("{}@SIMMSP.EXAMPLE", pick(&mut rng, lower, 15)));
        let secret = self
            .secret
            .clone()
            .unwrap_or_else(|| pick(&mut rng, secret_set, 20));
        let integration_code = self
            .integration_code
            .clone()
            .unwrap_or_else(|| pick(&mut rng, upper, 27));
        Credentials {
            username,
            secret,
            integration_code,
        }
    }

    /// Seeds the tenant and serves it on `127.0.0.1`.
    pub async fn start(self) -> std::io::Result<AutotaskSimHandle> {
        self.check()?;
        let creds = self.credentials();
        let store = Store::new(SeedSpec {
            seed: self.knobs.seed,
            companies: self.knobs.companies,
            contacts_per_company: self.knobs.contacts_per_company,
            tickets: self.knobs.tickets,
            notes_per_ticket: self.knobs.notes_per_ticket,
            api_username: creds.username.clone(),
        });
        let sim = Arc::new(Sim {
            origin: OnceLock::new(),
            creds,
            api_resource_id: seed::api_resource_id(),
            zone_name: "SIM01".into(),
            database_id: 100_000 + i64::try_from(self.knobs.seed % 900_000).unwrap_or(0),
            store: RwLock::new(store),
            profile: RwLock::new(self.profile.clone()),
            threads: Threads::new(self.thread_limit),
            thread_status: self.thread_limit_status,
            threshold: Threshold::new(self.hourly_threshold, self.threshold_window),
            threshold_delays: self.threshold_delays,
            retry_after: self.retry_after,
            latency: self.knobs.latency,
            require_note_titles: self.require_note_titles,
            access_as_names: self.access_as_names,
            max_attachment_bytes: self.max_attachment_bytes,
            attachment_budget: ByteBudget::new(self.attachment_budget.0, self.attachment_budget.1),
            hooks: Notifier::new(self.webhook_retry_delay, self.webhook_attempts),
        });
        let log = RequestLog::default();
        let retry_after = self.retry_after;
        let settings = ServerSettings {
            faults: self.knobs.faults.clone(),
            responder: FaultResponder::new(responses::server_error, move || {
                responses::rate_limited(retry_after)
            }),
            // Latency is applied inside the thread limit (see `routes::entry`).
            latency: Duration::ZERO,
            log: log.clone(),
            classify: Arc::new(routes::classify),
        };
        let router = router_with_layers(routes::router(sim.clone()), settings);
        let server = Server::start(router, self.knobs.port).await?;
        let _ = sim.origin.set(server.origin());
        Ok(AutotaskSimHandle { server, sim, log })
    }
}

/// A running Autotask simulator. [`stop`](Self::stop) (or dropping it) frees the port.
///
/// Besides the URLs and credentials a client needs, it reads the store directly for
/// assertions and changes the security level while running:
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let sim = psa_sim::AutotaskSim::builder().tickets(10).start().await?;
/// assert!(sim.discovery_url().ends_with("/ATServicesRest/"));
/// assert_eq!(sim.ticket_count(), 10);
/// let complete = sim.count_tickets_where(|t| t["status"] == 5);
/// assert!(complete <= 10);
/// sim.deny_access("Tickets", "create")?;
/// sim.stop().await;
/// # Ok(())
/// # }
/// ```
pub struct AutotaskSimHandle {
    server: Server,
    sim: Arc<Sim>,
    log: RequestLog,
}

impl std::fmt::Debug for AutotaskSimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AutotaskSimHandle")
            .field("zone_url", &self.zone_url())
            .field("username", &self.sim.creds.username)
            .field("secret", &"[redacted]")
            .field("integration_code", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl AutotaskSimHandle {
    /// The discovery root, `http://127.0.0.1:PORT/ATServicesRest/` (stands in for
    /// `https://webservices.autotask.net/ATServicesRest/`): it serves
    /// `GET {discovery_url}V1.0/zoneInformation?user=<username>` without credentials.
    pub fn discovery_url(&self) -> String {
        self.sim.zone_url()
    }

    /// The zone root, `http://127.0.0.1:PORT/ATServicesRest/` (what `zoneInformation` returns
    /// as `url`); the API is under `{zone_url}V1.0/`.
    pub fn zone_url(&self) -> String {
        self.sim.zone_url()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        self.server.origin()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The API user's name (the `UserName` header and the `user` of zone discovery).
    pub fn username(&self) -> &str {
        &self.sim.creds.username
    }

    /// The API user's secret (the `Secret` header).
    pub fn secret(&self) -> &str {
        &self.sim.creds.secret
    }

    /// The API tracking identifier (the `ApiIntegrationCode` header).
    pub fn integration_code(&self) -> &str {
        &self.sim.creds.integration_code
    }

    /// The API user's Resource id (what writes record as creator without impersonation).
    pub fn api_resource_id(&self) -> i64 {
        self.sim.api_resource_id
    }

    /// Active technicians' Resource ids: valid `ImpersonationResourceId` values.
    pub fn technician_ids(&self) -> Vec<i64> {
        seed::technician_ids()
    }

    /// An inactive resource's id (impersonating it fails).
    pub fn inactive_resource_id(&self) -> i64 {
        seed::inactive_resource_id()
    }

    /// Every seeded resource id (administrator, technicians, the API users).
    pub fn resource_ids(&self) -> Vec<i64> {
        seed::resource_ids()
    }

    /// The company ids, ascending.
    pub fn company_ids(&self) -> Vec<i64> {
        self.sim
            .read()
            .ids_after(Kind::Companies, i64::MIN)
            .collect()
    }

    /// The ticket ids, ascending.
    pub fn ticket_ids(&self) -> Vec<i64> {
        self.sim.read().ids_after(Kind::Tickets, i64::MIN).collect()
    }

    /// The request log.
    pub fn log(&self) -> &RequestLog {
        &self.log
    }

    /// Number of tickets in the store.
    pub fn ticket_count(&self) -> usize {
        self.sim.read().count(Kind::Tickets)
    }

    /// Number of tickets for which `pred` holds, given each ticket as `GET /Tickets/{id}`
    /// sends it (every field, `null` when empty), with `userDefinedFields` always present.
    pub fn count_tickets_where(&self, pred: impl Fn(&Value) -> bool) -> usize {
        let s = self.sim.read();
        s.iter(Kind::Tickets)
            .filter(|t| {
                pred(&wire::render(
                    Kind::Tickets,
                    t,
                    None,
                    true,
                    wire::Data::Omit,
                ))
            })
            .count()
    }

    /// Number of tickets whose title is exactly `title`.
    pub fn tickets_with_title(&self, title: &str) -> usize {
        let s = self.sim.read();
        s.iter(Kind::Tickets)
            .filter(|t| store::text(t, "title") == Some(title))
            .count()
    }

    /// A ticket as `GET /Tickets/{id}` would send it (the `item`), without a request, with
    /// `userDefinedFields` always present.
    pub fn ticket(&self, id: i64) -> Option<Value> {
        let s = self.sim.read();
        s.get(Kind::Tickets, id)
            .map(|t| wire::render(Kind::Tickets, &t, None, true, wire::Data::Omit))
    }

    /// The notes of a ticket as the API sends them, oldest first.
    pub fn ticket_notes(&self, ticket_id: i64) -> Vec<Value> {
        let s = self.sim.read();
        s.child_candidates(Kind::TicketNotes, ticket_id)
            .into_iter()
            .filter_map(|id| s.get(Kind::TicketNotes, id))
            .filter(|n| store::int(n, "ticketID") == Some(ticket_id))
            .map(|n| wire::render(Kind::TicketNotes, &n, None, false, wire::Data::Omit))
            .collect()
    }

    /// Number of requests counted in the threshold window (what `ThresholdInformation`
    /// reports as `currentTimeframeRequestCount`).
    pub fn threshold_count(&self) -> usize {
        self.sim.threshold.current()
    }

    /// Changes one security-level row to None while running.
    pub fn deny_access(&self, entity: &str, verb: &str) -> std::io::Result<()> {
        let (k, v) = parse_row(entity, verb).map_err(invalid_input)?;
        self.sim.profile_mut().set(k, v, Access::None);
        Ok(())
    }

    /// Changes one security-level row to Restricted while running.
    pub fn restrict_access(&self, entity: &str, verb: &str) -> std::io::Result<()> {
        let (k, v) = parse_row(entity, verb).map_err(invalid_input)?;
        self.sim.profile_mut().set(k, v, Access::Restricted);
        Ok(())
    }

    /// Changes one security-level row to All while running.
    pub fn grant_access(&self, entity: &str, verb: &str) -> std::io::Result<()> {
        let (k, v) = parse_row(entity, verb).map_err(invalid_input)?;
        self.sim.profile_mut().set(k, v, Access::All);
        Ok(())
    }

    /// Turns Resource Impersonation on or off while running.
    pub fn set_impersonation(&self, on: bool) {
        self.sim.profile_mut().set_impersonation(on);
    }

    /// Webhook calls answered with a 2xx so far.
    pub fn webhooks_delivered(&self) -> usize {
        self.sim.hooks.delivered.load(Ordering::SeqCst)
    }

    /// Webhook calls that failed every attempt so far.
    pub fn webhooks_failed(&self) -> usize {
        self.sim.hooks.failed.load(Ordering::SeqCst)
    }

    /// Every webhook delivery attempt so far: `{"webhookId","url","body","status"}` (`status`
    /// null when the connection failed), in order.
    pub fn webhook_attempts(&self) -> Vec<Value> {
        self.sim
            .hooks
            .attempts
            .lock_safe()
            .iter()
            .map(|a| json!({"webhookId": a.webhook_id, "url": a.url, "body": a.body, "status": a.status}))
            .collect()
    }

    /// Stops serving and waits until the port is free.
    pub async fn stop(self) {
        self.server.stop().await;
    }
}
