//! The Syncro simulator: Syncro's REST API v1 (`https://{subdomain}.syncromsp.com/api/v1/`)
//! served on `127.0.0.1` from an in-memory account.
//!
//! It speaks the vendor's wire format as documented in its OpenAPI document and as observed on
//! live tenants (`vendors/syncro.md`): token auth in the `Authorization` header (bare or
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

mod clock;
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

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use psa_core::Capability;
use serde_json::Value;
use time::UtcOffset;

pub use permissions::{PERMISSION_NAMES, RECOMMENDED_PERMISSIONS};

use crate::common::rng;
use crate::common::{
    FaultResponder, Knobs, RequestLog, Server, ServerSettings, invalid_input, router_with_layers,
    shared_knobs,
};
use limit::RateLimit;
use permissions::Profile;
use seed::SeedSpec;
use state::{PageSizes, Sim};
use webhooks::Notifier;
use wire::{Account, ListComments};

fn unknown_permission(name: &str) -> std::io::Error {
    invalid_input(format!(
        "unknown Syncro permission {name:?}: use a name from the token screen, e.g. \"Tickets - Create\" \
         (psa_sim::syncro::PERMISSION_NAMES lists every name the simulator knows)"
    ))
}

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

/// Configures and starts a [`SyncroSimHandle`].
///
/// Mistakes (an unknown permission name, a subdomain that is not one DNS label, a page size of
/// zero, tickets without companies) surface at [`start`](Self::start) as an
/// [`InvalidInput`](std::io::ErrorKind::InvalidInput) error naming the setting.
#[derive(Clone)]
pub struct SyncroSimBuilder {
    knobs: Knobs,
    subdomain: String,
    api_token: Option<String>,
    profile: Profile,
    unknown: Vec<String>,
    deny_connect: bool,
    rate: (u32, Duration),
    retry_after: bool,
    offset: UtcOffset,
    pages: PageSizes,
    coarse_since: bool,
    attachment_delay: Duration,
    webhook_url: Option<String>,
}

impl std::fmt::Debug for SyncroSimBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncroSimBuilder")
            .field("knobs", &self.knobs)
            .field("subdomain", &self.subdomain)
            .field("api_token", &self.api_token.as_ref().map(|_| "[redacted]"))
            .field("permissions", &self.profile.names())
            .field("rate", &self.rate)
            .finish_non_exhaustive()
    }
}

impl Default for SyncroSimBuilder {
    fn default() -> Self {
        SyncroSimBuilder {
            knobs: Knobs::default(),
            subdomain: "acme".into(),
            api_token: None,
            profile: Profile::default(),
            unknown: Vec::new(),
            deny_connect: false,
            rate: (180, Duration::from_secs(60)),
            retry_after: false,
            offset: UtcOffset::from_hms(-5, 0, 0).unwrap_or(UtcOffset::UTC),
            pages: PageSizes::default(),
            coarse_since: false,
            attachment_delay: Duration::ZERO,
            webhook_url: None,
        }
    }
}

impl SyncroSimBuilder {
    shared_knobs!();

    /// The account's subdomain (default `acme`), as `/me` and web links report it.
    pub fn subdomain(mut self, subdomain: &str) -> Self {
        self.subdomain = subdomain.trim().to_ascii_lowercase();
        self
    }

    /// A fixed API token instead of the one derived from the seed.
    pub fn api_token(mut self, token: &str) -> Self {
        self.api_token = Some(token.to_string());
        self
    }

    /// Removes the Syncro permission standing for a vendor-neutral capability:
    /// ReadTickets → "Tickets - List/Search"; CreateTickets → "Tickets - Create";
    /// UpdateTickets, CloseTickets, AddNotes, Attachments → "Tickets - Edit"; ReadNotes →
    /// "Tickets - View Details"; ReadCompanies → "Customers - List/Search"; ReadContacts →
    /// "Customers - View Detail"; Connect → the token is refused outright. Capabilities Syncro
    /// has no token permission for (resources, webhooks, impersonation, base data, ticket
    /// source) change nothing.
    ///
    /// ```
    /// let b = psa_sim::SyncroSim::builder().deny(psa_core::Capability::CreateTickets);
    /// # let _ = b;
    /// ```
    pub fn deny(mut self, cap: Capability) -> Self {
        if cap == Capability::Connect {
            self.deny_connect = true;
        } else if let Some(name) = permissions::for_capability(cap) {
            self.profile.revoke(name);
        }
        self
    }

    /// Removes one permission by its Syncro name (e.g. `"Tickets - Edit"`, see
    /// [`PERMISSION_NAMES`]). An unknown name makes [`start`](Self::start) fail.
    pub fn deny_permission(mut self, name: &str) -> Self {
        match permissions::canonical(name) {
            Some(n) => self.profile.revoke(n),
            None => self.unknown.push(name.to_string()),
        }
        self
    }

    /// Adds one permission by its Syncro name (e.g. `"Customers - Create"`, which the
    /// recommended token lacks). An unknown name makes [`start`](Self::start) fail.
    pub fn grant_permission(mut self, name: &str) -> Self {
        match permissions::canonical(name) {
            Some(n) => self.profile.grant(n),
            None => self.unknown.push(name.to_string()),
        }
        self
    }

    /// Replaces the whole profile with exactly these permission names.
    ///
    /// ```
    /// let b = psa_sim::SyncroSim::builder().permissions(["Tickets - List/Search", "Global Admin"]);
    /// # let _ = b;
    /// ```
    pub fn permissions<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut known = Vec::new();
        for n in names {
            match permissions::canonical(n.as_ref()) {
                Some(c) => known.push(c),
                None => self.unknown.push(n.as_ref().to_string()),
            }
        }
        self.profile = Profile::of(known);
        self
    }

    /// The request limit: `per_window` requests per `window` (default 180 per 60 s, counted for
    /// every request as Syncro counts per IP). `per_window = 0` turns it off.
    pub fn rate_limit(mut self, per_window: u32, window: Duration) -> Self {
        self.rate = (per_window, window);
        self
    }

    /// Whether 429s carry `Retry-After` (default off: Syncro documents none).
    pub fn rate_limit_retry_after(mut self, on: bool) -> Self {
        self.retry_after = on;
        self
    }

    /// The account's UTC offset, used for every timestamp written (default `-05:00`).
    pub fn utc_offset(mut self, offset: UtcOffset) -> Self {
        self.offset = offset;
        self
    }

    /// Tickets per page of `GET /tickets` (default 25). Clients must not assume a size.
    pub fn ticket_page_size(mut self, n: usize) -> Self {
        self.pages.tickets = n;
        self
    }

    /// Customers per page of `GET /customers` (default 25).
    pub fn customer_page_size(mut self, n: usize) -> Self {
        self.pages.customers = n;
        self
    }

    /// Contacts per page of `GET /contacts` (default 50).
    pub fn contact_page_size(mut self, n: usize) -> Self {
        self.pages.contacts = n;
        self
    }

    /// Honour only the date part of `since_updated_at`, as one export script reports of the
    /// live API (default off: the full time is honoured). Either way the filter is inclusive.
    pub fn coarse_since_updated_at(mut self, on: bool) -> Self {
        self.coarse_since = on;
        self
    }

    /// How long `attach_file_url` takes before the attachment shows on the ticket (default 0).
    pub fn attachment_delay(mut self, delay: Duration) -> Self {
        self.attachment_delay = delay;
        self
    }

    /// A Notification Set webhook URL: the sim POSTs `{"text","link","attributes"}` there when a
    /// ticket is created, changes status or is resolved, and when a customer or contact is
    /// created. Unsigned, as Syncro's are.
    pub fn webhook_url(mut self, url: &str) -> Self {
        self.webhook_url = Some(url.to_string());
        self
    }

    fn check(&self) -> std::io::Result<()> {
        if let Some(name) = self.unknown.first() {
            return Err(unknown_permission(name));
        }
        let label = &self.subdomain;
        let label_ok = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !label_ok {
            return Err(invalid_input(format!(
                "subdomain {label:?} is not one DNS label (letters, digits and '-', e.g. \"acme\" for acme.syncromsp.com)"
            )));
        }
        if self.pages.tickets == 0 || self.pages.customers == 0 || self.pages.contacts == 0 {
            return Err(invalid_input(
                "page sizes (ticket_page_size, customer_page_size, contact_page_size) must be at least 1",
            ));
        }
        self.knobs.check()?;
        if let Some(t) = &self.api_token
            && (t.trim().is_empty() || t.chars().any(char::is_whitespace))
        {
            return Err(invalid_input(
                "api_token must be non-empty and contain no spaces",
            ));
        }
        Ok(())
    }

    /// Seeds the account and serves it on `127.0.0.1`.
    pub async fn start(self) -> std::io::Result<SyncroSimHandle> {
        self.check()?;
        let mut rng = rng::seeded(self.knobs.seed, 0x5EED_5EC0);
        let token = self
            .api_token
            .clone()
            .unwrap_or_else(|| format!("T{}", rng::hex(&mut rng, 40)));
        let hex = rng::hex;
        let user_token = format!(
            "{}-{}-{}-{}-{}",
            hex(&mut rng, 8),
            hex(&mut rng, 4),
            hex(&mut rng, 4),
            hex(&mut rng, 4),
            hex(&mut rng, 12)
        );
        let store = seed::build(SeedSpec {
            seed: self.knobs.seed,
            companies: self.knobs.companies,
            contacts_per_company: self.knobs.contacts_per_company,
            tickets: self.knobs.tickets,
            notes_per_ticket: self.knobs.notes_per_ticket,
        });
        let me = store
            .users
            .keys()
            .next()
            .copied()
            .unwrap_or(store::ids::USER);
        let limit = RateLimit::new(self.rate.0, self.rate.1, self.retry_after);
        let sim = Arc::new(Sim {
            account: Account {
                subdomain: self.subdomain.clone(),
                account_id: 60_000 + (self.knobs.seed % 10_000) as i64,
                offset: self.offset,
            },
            token,
            user_token,
            me,
            pages: self.pages,
            coarse_since: self.coarse_since,
            attachment_delay: self.attachment_delay,
            store: RwLock::new(store),
            profile: RwLock::new(self.profile.clone()),
            token_valid: AtomicBool::new(!self.deny_connect),
            limit,
            hooks: Notifier::new(self.webhook_url.clone())?,
        });
        let for_429 = sim.clone();
        let log = RequestLog::default();
        let settings = ServerSettings {
            faults: self.knobs.faults.clone(),
            responder: FaultResponder::new(responses::server_error, move || {
                responses::rate_limited(for_429.limit.retry_after_now())
            }),
            latency: self.knobs.latency,
            log: log.clone(),
            classify: Arc::new(state::classify),
        };
        let router = router_with_layers(routes::router(sim.clone()), settings);
        let server = Server::start(router, self.knobs.port).await?;
        let base_url = format!("{}/api/v1/", server.origin());
        Ok(SyncroSimHandle {
            server,
            sim,
            log,
            base_url,
        })
    }
}

/// A running Syncro simulator. [`stop`](Self::stop) (or dropping it) frees the port.
///
/// Besides the URL and credentials a client needs, it reads the store directly, for
/// assertions, and changes the token's rights while running:
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let sim = psa_sim::SyncroSim::builder().tickets(10).start().await?;
/// assert!(sim.base_url().ends_with("/api/v1/"));
/// let customer = sim.customer_ids()[0];
/// assert!(!sim.contact_emails(customer).is_empty());
/// let resolved = sim.count_tickets_where(|t| t["status"] == "Resolved");
/// assert!(resolved <= sim.ticket_count());
/// sim.deny_permission("Tickets - Create")?;
/// assert!(!sim.permissions().iter().any(|p| p == "Tickets - Create"));
/// sim.stop().await;
/// # Ok(())
/// # }
/// ```
pub struct SyncroSimHandle {
    server: Server,
    sim: Arc<Sim>,
    log: RequestLog,
    base_url: String,
}

impl std::fmt::Debug for SyncroSimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncroSimHandle")
            .field("base_url", &self.base_url)
            .field("subdomain", &self.sim.account.subdomain)
            .field("api_token", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl SyncroSimHandle {
    /// The API root, `http://127.0.0.1:PORT/api/v1/` (stands in for
    /// `https://{subdomain}.syncromsp.com/api/v1/`; pass it to a client's base-URL setting).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        self.server.origin()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The account's subdomain.
    pub fn subdomain(&self) -> &str {
        &self.sim.account.subdomain
    }

    /// The valid API token (send it as `Authorization: Bearer …`, bare, or `?api_key=`).
    pub fn api_token(&self) -> &str {
        &self.sim.token
    }

    /// The id of the user the token belongs to (`/me`'s `user_id`; comments are written as them).
    pub fn user_id(&self) -> i64 {
        self.sim.me
    }

    /// The request log.
    pub fn log(&self) -> &RequestLog {
        &self.log
    }

    /// Number of tickets in the store.
    pub fn ticket_count(&self) -> usize {
        self.sim.read().tickets.len()
    }

    /// Number of tickets whose subject is exactly `subject`.
    pub fn tickets_with_subject(&self, subject: &str) -> usize {
        self.sim
            .read()
            .tickets
            .values()
            .filter(|t| t.subject == subject)
            .count()
    }

    /// Number of tickets for which `pred` holds, given each ticket as
    /// `GET /tickets?all_comments=true` lists it.
    pub fn count_tickets_where(&self, pred: impl Fn(&Value) -> bool) -> usize {
        let s = self.sim.read();
        s.tickets
            .values()
            .filter(|t| {
                pred(&wire::ticket_list_item(
                    &self.sim.account,
                    &s,
                    t,
                    ListComments::All,
                ))
            })
            .count()
    }

    /// A ticket as `GET /tickets/{id}` would send it (inside `"ticket"`), without a request.
    pub fn ticket(&self, id: i64) -> Option<Value> {
        let s = self.sim.read();
        s.tickets
            .get(&id)
            .map(|t| wire::ticket_detail(&self.sim.account, &s, t))
    }

    /// Number of comments on a ticket (0 when it does not exist).
    pub fn comment_count(&self, ticket_id: i64) -> usize {
        self.sim
            .read()
            .tickets
            .get(&ticket_id)
            .map_or(0, |t| t.comments.len())
    }

    /// The comments stored on a ticket, oldest first, as the sim keeps them: `id`, `subject`,
    /// `body`, `hidden`, `do_not_email` (write-only on the wire, so only visible here), `tech`,
    /// `user_id`, `destination_emails`. Empty when the ticket does not exist.
    pub fn stored_comments(&self, ticket_id: i64) -> Vec<Value> {
        let s = self.sim.read();
        s.tickets
            .get(&ticket_id)
            .map(|t| {
                t.comments
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "id": c.id,
                            "subject": c.subject,
                            "body": c.body,
                            "hidden": c.hidden,
                            "do_not_email": c.do_not_email,
                            "tech": c.tech,
                            "user_id": c.user_id,
                            "destination_emails": c.destination_emails,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The customer ids, in id order (seeded ones first).
    pub fn customer_ids(&self) -> Vec<i64> {
        self.sim.read().customers.keys().copied().collect()
    }

    /// The email addresses of a customer's contacts, in id order.
    pub fn contact_emails(&self, customer_id: i64) -> Vec<String> {
        self.sim
            .read()
            .contacts_of(customer_id)
            .into_iter()
            .filter_map(|c| c.email.clone())
            .collect()
    }

    /// The token's current permission names.
    pub fn permissions(&self) -> Vec<String> {
        self.sim.profile().names()
    }

    /// Removes a permission while running (an admin unticking a box).
    pub fn deny_permission(&self, name: &str) -> std::io::Result<()> {
        let n = permissions::canonical(name).ok_or_else(|| unknown_permission(name))?;
        self.sim.profile_mut().revoke(n);
        Ok(())
    }

    /// Adds a permission while running.
    pub fn grant_permission(&self, name: &str) -> std::io::Result<()> {
        let n = permissions::canonical(name).ok_or_else(|| unknown_permission(name))?;
        self.sim.profile_mut().grant(n);
        Ok(())
    }

    /// Makes the token invalid from now on (revoked or expired): every call gets the bad-token 401.
    pub fn revoke_token(&self) {
        self.sim.token_valid.store(false, Ordering::SeqCst);
    }

    /// Makes the token valid again.
    pub fn restore_token(&self) {
        self.sim.token_valid.store(true, Ordering::SeqCst);
    }

    /// Webhooks delivered with a 2xx answer so far.
    pub fn webhooks_delivered(&self) -> usize {
        self.sim.hooks.delivered.load(Ordering::SeqCst)
    }

    /// Webhooks that failed (connection error or non-2xx) so far.
    pub fn webhooks_failed(&self) -> usize {
        self.sim.hooks.failed.load(Ordering::SeqCst)
    }

    /// Stops serving and waits until the port is free.
    pub async fn stop(self) {
        self.server.stop().await;
    }
}
