//! [`SyncroSimHandle`]: a running syncro simulator, its URLs, credentials and store views.

use super::permissions::unknown_permission;
use super::state::Sim;
use super::wire::ListComments;
use super::{permissions, wire};
use crate::common::{RequestLog, Server};
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

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
    pub(super) server: Server,
    pub(super) sim: Arc<Sim>,
    pub(super) log: RequestLog,
    pub(super) base_url: String,
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
        self.sim.tenant.read().tickets.len()
    }

    /// Number of tickets whose subject is exactly `subject`.
    pub fn tickets_with_subject(&self, subject: &str) -> usize {
        self.sim
            .tenant
            .read()
            .tickets
            .values()
            .filter(|t| t.subject == subject)
            .count()
    }

    /// Number of tickets for which `pred` holds, given each ticket as
    /// `GET /tickets?all_comments=true` lists it.
    pub fn count_tickets_where(&self, pred: impl Fn(&Value) -> bool) -> usize {
        let s = self.sim.tenant.read();
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
        let s = self.sim.tenant.read();
        s.tickets
            .get(&id)
            .map(|t| wire::ticket_detail(&self.sim.account, &s, t))
    }

    /// Number of comments on a ticket (0 when it does not exist).
    pub fn comment_count(&self, ticket_id: i64) -> usize {
        self.sim
            .tenant
            .read()
            .tickets
            .get(&ticket_id)
            .map_or(0, |t| t.comments.len())
    }

    /// The comments stored on a ticket, oldest first, as the sim keeps them: `id`, `subject`,
    /// `body`, `hidden`, `do_not_email` (write-only on the wire, so only visible here), `tech`,
    /// `user_id`, `destination_emails`. Empty when the ticket does not exist.
    pub fn stored_comments(&self, ticket_id: i64) -> Vec<Value> {
        let s = self.sim.tenant.read();
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
        self.sim.tenant.read().customers.keys().copied().collect()
    }

    /// The email addresses of a customer's contacts, in id order.
    pub fn contact_emails(&self, customer_id: i64) -> Vec<String> {
        self.sim
            .tenant
            .read()
            .contacts_of(customer_id)
            .into_iter()
            .filter_map(|c| c.email.clone())
            .collect()
    }

    /// The token's current permission names.
    pub fn permissions(&self) -> Vec<String> {
        self.sim.tenant.profile().names()
    }

    /// Removes a permission while running (an admin unticking a box).
    pub fn deny_permission(&self, name: &str) -> std::io::Result<()> {
        let n = permissions::canonical(name).ok_or_else(|| unknown_permission(name))?;
        self.sim.tenant.profile_mut().revoke(n);
        Ok(())
    }

    /// Adds a permission while running.
    pub fn grant_permission(&self, name: &str) -> std::io::Result<()> {
        let n = permissions::canonical(name).ok_or_else(|| unknown_permission(name))?;
        self.sim.tenant.profile_mut().grant(n);
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
