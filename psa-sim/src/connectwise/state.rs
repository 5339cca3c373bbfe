//! The state every request handler shares, and the parsed request.

use crate::common::locks::RwLockExt as _;
use std::sync::{Mutex, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::response::Response;
use bytes::Bytes;
use http::{HeaderMap, Method};

use super::auth::{Creds, RateWindow};
use super::callbacks::{Change, Hooks};
use super::permissions::{Function, Level, Op, Profile};
use super::store::Store;
use super::wire;

/// Everything behind the simulator.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) store: RwLock<Store>,
    /// The current codebase, with its trailing slash (`v2025_1/`).
    pub(crate) codebase: RwLock<String>,
    /// `http://127.0.0.1:PORT`, set once the port is bound.
    pub(crate) origin: OnceLock<String>,
    pub(crate) creds: Creds,
    pub(crate) company_name: String,
    pub(crate) profile: Profile,
    pub(crate) callbacks_allowed: bool,
    pub(crate) my_security_readable: bool,
    pub(crate) is_cloud_as_string: bool,
    pub(crate) limiter: Option<Mutex<RateWindow>>,
    pub(crate) hooks: Hooks,
}

impl Inner {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read_safe()
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write_safe()
    }

    pub(crate) fn codebase(&self) -> String {
        self.codebase.read_safe().clone()
    }

    pub(crate) fn origin(&self) -> String {
        self.origin.get().cloned().unwrap_or_default()
    }

    /// The level the role grants, or the vendor's 403 when it is None.
    pub(crate) fn require(&self, f: Function, op: Op) -> Result<Level, Response> {
        match self.profile.level(f, op) {
            Level::None => Err(wire::forbidden()),
            other => Ok(other),
        }
    }

    /// Announces a ticket change to the registered callbacks (`entity` is null on delete).
    pub(crate) fn announce(
        &self,
        st: &Store,
        action: &'static str,
        t: &super::store::TicketRec,
        entity: Option<serde_json::Value>,
    ) {
        let site = self.origin();
        let codebase = self.codebase();
        let change = Change {
            action,
            record_type: "ticket",
            record_id: t.id,
            entity,
            board: t.board,
            status: t.status,
            company: t.company,
            owner: t.owner,
            site: &site,
            codebase: &codebase,
            company_id: &self.creds.company,
        };
        self.hooks.announce(st, &change);
    }

    /// Announces a company or contact change to the callbacks of that `type` (`entity` is
    /// null on delete); `company` is the company the record belongs to (for `company` level).
    pub(crate) fn announce_record(
        &self,
        st: &Store,
        action: &'static str,
        record_type: &'static str,
        record_id: i64,
        company: i64,
        entity: Option<serde_json::Value>,
    ) {
        let site = self.origin();
        let codebase = self.codebase();
        let change = Change {
            action,
            record_type,
            record_id,
            entity,
            board: 0,
            status: 0,
            company,
            owner: None,
            site: &site,
            codebase: &codebase,
            company_id: &self.creds.company,
        };
        self.hooks.announce(st, &change);
    }
}

/// One parsed API request.
#[derive(Debug)]
pub(crate) struct Req {
    pub(crate) method: Method,
    /// The path segments after `apis/3.0/`, lower-cased.
    pub(crate) segs: Vec<String>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The API root as the client addressed it (`{site}/{codebase}apis/3.0/`).
    pub(crate) api: String,
    /// The absolute URL of the request without its query (for `Link`).
    pub(crate) url: String,
}

impl Req {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn content_type(&self) -> String {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase()
    }
}

/// A codebase as the sim stores it: no surrounding spaces or slashes, one trailing `/`
/// (`v2025_1/`).
pub(crate) fn normalize_codebase(codebase: &str) -> String {
    let c = codebase.trim().trim_matches('/');
    format!("{c}/")
}
