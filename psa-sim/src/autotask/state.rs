//! The running simulator's shared state and the credential check.

use crate::common::Tenant;
use std::sync::OnceLock;
use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::limits::{ByteBudget, Threads, Threshold};
use super::permissions::Profile;
use super::responses;
use super::store::Store;
use super::webhooks::Notifier;

/// The API user's credentials.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    pub(crate) username: String,
    pub(crate) secret: String,
    pub(crate) integration_code: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("secret", &"[redacted]")
            .field("integration_code", &"[redacted]")
            .finish()
    }
}

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct Sim {
    /// `http://127.0.0.1:PORT`, set once the port is bound.
    pub(crate) origin: OnceLock<String>,
    pub(crate) creds: Credentials,
    pub(crate) api_resource_id: i64,
    pub(crate) zone_name: String,
    pub(crate) database_id: i64,
    pub(crate) tenant: Tenant<Store, Profile>,
    pub(crate) threads: Threads,
    pub(crate) thread_status: StatusCode,
    pub(crate) threshold: Threshold,
    pub(crate) threshold_delays: bool,
    pub(crate) retry_after: bool,
    pub(crate) latency: Duration,
    pub(crate) require_note_titles: bool,
    /// `userAccessFor*` as names ("All") instead of the documented codes (1).
    pub(crate) access_as_names: bool,
    pub(crate) max_attachment_bytes: usize,
    pub(crate) attachment_budget: ByteBudget,
    pub(crate) hooks: Notifier,
}

pub(crate) use crate::common::responses::Refusal;

impl Sim {
    /// `http://127.0.0.1:PORT`.
    pub(crate) fn origin(&self) -> &str {
        self.origin.get().map_or("http://127.0.0.1", String::as_str)
    }

    /// The zone root, `{origin}/ATServicesRest/`.
    pub(crate) fn zone_url(&self) -> String {
        format!("{}/ATServicesRest/", self.origin())
    }

    /// Checks the three headers (names are case-insensitive in HTTP).
    ///
    /// Order and answers as observed (Autotask's documentation and observed traffic): an unknown user name → 500
    /// "Zone information could not be determined"; a wrong secret (or a locked/inactive user)
    /// → 401; a wrong tracking identifier → 500 "IntegrationCode is invalid.". A request
    /// without a user name gets the 401.
    pub(crate) fn authenticate(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let get = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .unwrap_or("")
        };
        let user = get("UserName");
        if user.is_empty() {
            return Err(Box::new(responses::unauthorized()));
        }
        if !user.eq_ignore_ascii_case(&self.creds.username) {
            return Err(Box::new(responses::zone_unknown()));
        }
        if get("Secret") != self.creds.secret || !self.tenant.profile().active {
            return Err(Box::new(responses::unauthorized()));
        }
        if !get("ApiIntegrationCode").eq_ignore_ascii_case(&self.creds.integration_code) {
            return Err(Box::new(responses::bad_integration_code()));
        }
        Ok(())
    }

    /// The delay Autotask adds near the threshold (50–75% → 0.5 s, above → 1 s), when on.
    pub(crate) fn threshold_delay(&self) -> Duration {
        let limit = self.threshold.limit();
        if !self.threshold_delays || limit == 0 {
            return Duration::ZERO;
        }
        let used = self.threshold.current() as f64 / f64::from(limit);
        if used > 0.75 {
            Duration::from_secs(1)
        } else if used >= 0.5 {
            Duration::from_millis(500)
        } else {
            Duration::ZERO
        }
    }
}
