//! [`ConnectWiseSimBuilder`]: the knobs of the connectwise simulator and `start`.

use super::auth::{Creds, RateWindow};
use super::callbacks::Hooks;
use super::handle::ConnectWiseSimHandle;
use super::permissions::Profile;
use super::state::{Inner, normalize_codebase};
use super::store::Store;
use super::{routes, wire};
use crate::common::rng;
use crate::common::{
    FaultResponder, Knobs, RequestLog, Server, ServerSettings, invalid_input, router_with_layers,
    shared_knobs,
};
use psa_core::Capability;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

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
    /// Setup add None; ReadTicketCategories (board types, subtypes, items) → Table Setup inquire
    /// None (the same row as BaseData); ReadOpportunities → Sales > Opportunity inquire None;
    /// CreateOpportunities → its add and edit None; Webhooks → `/system/callbacks` writes refused (403). Connect and
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
        let store = Store::seeded(self.knobs.sizes());
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
