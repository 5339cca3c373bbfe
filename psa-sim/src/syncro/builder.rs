//! [`SyncroSimBuilder`]: the knobs of the syncro simulator and `start`.

use super::handle::SyncroSimHandle;
use super::limit::RateLimit;
use super::permissions::Profile;
use super::permissions::unknown_permission;
use super::state::{PageSizes, Sim};
use super::webhooks::Notifier;
use super::wire::Account;
use super::{permissions, responses, routes, seed, state, store};
use crate::common::{
    FaultResponder, Knobs, RequestLog, Server, ServerSettings, invalid_input, router_with_layers,
    shared_knobs,
};
use crate::common::{Tenant, rng};
use psa_core::Capability;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use time::UtcOffset;

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
    /// UpdateTickets, CloseTickets, AddNotes, Attachments, AttachmentUrls → "Tickets - Edit";
    /// ReadNotes → "Tickets - View Details"; ReadCompanies → "Customers - List/Search"; ReadContacts →
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
            for also in permissions::also_for_capability(cap) {
                self.profile.revoke(also);
            }
        }
        self
    }

    /// Removes one permission by its Syncro name (e.g. `"Tickets - Edit"`, see
    /// [`PERMISSION_NAMES`](super::PERMISSION_NAMES)). An unknown name makes [`start`](Self::start) fail.
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
        let store = seed::build(self.knobs.sizes());
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
            tenant: Tenant::new(store, self.profile.clone()),
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
