//! The running simulator's shared state, token check and permission gate.

use crate::common::Tenant;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderMap, header};

use super::limit::RateLimit;
use super::params::Query;
use super::permissions::{Profile, TICKETS_VIEW, TICKETS_VIEW_THEIRS};
use super::responses;
use super::store::{Store, Ticket};
use super::webhooks::Notifier;
use super::wire::Account;

/// Page sizes per list (the spec says 25 for tickets and customers; the contacts example and
/// the live tenant show 50).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageSizes {
    pub(crate) tickets: usize,
    pub(crate) customers: usize,
    pub(crate) contacts: usize,
    /// `GET /leads` (the spec says 25 per page).
    pub(crate) leads: usize,
}

impl Default for PageSizes {
    fn default() -> Self {
        PageSizes {
            tickets: 25,
            customers: 25,
            contacts: 50,
            leads: 25,
        }
    }
}

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct Sim {
    pub(crate) account: Account,
    pub(crate) token: String,
    /// The `user_token` of `GET /me` (the user's own token, not the API key).
    pub(crate) user_token: String,
    pub(crate) me: i64,
    pub(crate) pages: PageSizes,
    pub(crate) coarse_since: bool,
    pub(crate) attachment_delay: Duration,
    pub(crate) tenant: Tenant<Store, Profile>,
    pub(crate) token_valid: AtomicBool,
    pub(crate) limit: RateLimit,
    pub(crate) hooks: Notifier,
}

/// Shorthand for handler state.
pub(crate) type Shared = Arc<Sim>;

pub(crate) use super::responses::Refusal;

impl Sim {
    /// Checks the token: the `Authorization` header (bare, `Bearer` or `bearer`), else the
    /// `api_key` query parameter. When the header is present it decides, even if the query
    /// also carries a key (which one the live API prefers is undocumented).
    pub(crate) fn authenticate(&self, headers: &HeaderMap, query: &Query) -> Result<(), Refusal> {
        let presented = match headers.get(header::AUTHORIZATION) {
            Some(v) => {
                let v = v.to_str().unwrap_or("").trim();
                let token = match v.split_once(' ') {
                    Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
                    _ => v,
                };
                Some(token.to_string())
            }
            None => query.get("api_key").map(|k| k.trim().to_string()),
        };
        match presented {
            Some(t)
                if !t.is_empty() && t == self.token && self.token_valid.load(Ordering::SeqCst) =>
            {
                Ok(())
            }
            _ => Err(Box::new(responses::bad_token())),
        }
    }

    /// Token check, then the permission `name` (the live API checks the token before rights).
    pub(crate) fn require(
        &self,
        headers: &HeaderMap,
        query: &Query,
        name: &str,
    ) -> Result<(), Refusal> {
        self.authenticate(headers, query)?;
        if self.tenant.profile().has(name) {
            Ok(())
        } else {
            Err(Box::new(responses::not_authorized()))
        }
    }

    /// Token check, then the right to see ticket details: "Tickets - View Details", or "View
    /// 'Their Ticket' Details" for a ticket assigned to the token's user. Returns whether the
    /// narrower right is all the token has (the handler then checks the ticket's assignee).
    pub(crate) fn require_ticket_view(
        &self,
        headers: &HeaderMap,
        query: &Query,
    ) -> Result<bool, Refusal> {
        self.authenticate(headers, query)?;
        let p = self.tenant.profile();
        if p.has(TICKETS_VIEW) {
            Ok(false)
        } else if p.has(TICKETS_VIEW_THEIRS) {
            Ok(true)
        } else {
            Err(Box::new(responses::not_authorized()))
        }
    }

    /// Whether a token with only the narrower right may see `t`.
    pub(crate) fn may_view(&self, only_theirs: bool, t: &Ticket) -> bool {
        !only_theirs || t.user_id == Some(self.me)
    }
}

/// The throttle, in front of every route (unknown paths included).
pub(crate) async fn throttle(State(sim): State<Shared>, req: Request, next: Next) -> Response {
    match sim.limit.admit() {
        Ok(()) => next.run(req).await,
        Err(retry_after) => responses::rate_limited(retry_after),
    }
}

/// The request log's endpoint key and write flag: the path under `/api/v1` with ids replaced
/// by `{id}` (`/tickets/{id}/comment`); every method but GET/HEAD is a write.
pub(crate) fn classify(method: &http::Method, path: &str) -> (String, bool) {
    let rest = path.strip_prefix("/api/v1").unwrap_or(path);
    let key: Vec<&str> = rest
        .split('/')
        .map(|seg| {
            if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                "{id}"
            } else {
                seg
            }
        })
        .collect();
    let key = key.join("/");
    let key = if key.is_empty() { "/".to_string() } else { key };
    let is_write = !(method == http::Method::GET || method == http::Method::HEAD);
    (key, is_write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_keys_hide_ids() {
        assert_eq!(
            classify(&http::Method::POST, "/api/v1/tickets/4294967300/comment"),
            ("/tickets/{id}/comment".into(), true)
        );
        assert_eq!(
            classify(&http::Method::GET, "/api/v1/tickets"),
            ("/tickets".into(), false)
        );
        assert_eq!(
            classify(&http::Method::GET, "/api/v1/tickets/settings"),
            ("/tickets/settings".into(), false)
        );
        assert_eq!(
            classify(&http::Method::PUT, "/elsewhere"),
            ("/elsewhere".into(), true)
        );
    }
}
