//! [`AutotaskSimBuilder`]: the knobs of the autotask simulator and `start`.

use super::handle::AutotaskSimHandle;
use super::limits::{ByteBudget, Threads, Threshold};
use super::permissions::parse_row;
use super::permissions::{Access, Profile};
use super::seed::SeedSpec;
use super::state::{Credentials, Sim};
use super::store::Store;
use super::webhooks::Notifier;
use super::{responses, routes, seed};
use crate::common::{
    FaultResponder, Knobs, RequestLog, Server, ServerSettings, invalid_input, router_with_layers,
    shared_knobs,
};
use crate::common::{Tenant, rng};
use http::StatusCode;
use psa_core::Capability;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

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
            sizes: self.knobs.sizes(),
            api_username: creds.username.clone(),
        });
        let sim = Arc::new(Sim {
            origin: OnceLock::new(),
            creds,
            api_resource_id: seed::api_resource_id(),
            zone_name: "SIM01".into(),
            database_id: 100_000 + i64::try_from(self.knobs.seed % 900_000).unwrap_or(0),
            tenant: Tenant::new(store, self.profile.clone()),
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
