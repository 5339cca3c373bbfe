//! [`ConnectWiseSimHandle`]: a running connectwise simulator, its URLs, credentials and store views.

use super::callbacks::CallbackDelivery;
use super::entities::{Cx, ticket_json};
use super::state::Inner;
use super::state::normalize_codebase;
use crate::common::locks::RwLockExt as _;
use crate::common::{RequestLog, Server};
use serde_json::Value;
use std::sync::Arc;
use tokio::task::JoinHandle;

/// A running ConnectWise simulator: its URLs, working credentials, the store for assertions
/// and the request log. [`stop`](Self::stop) (or dropping it) frees the port.
pub struct ConnectWiseSimHandle {
    pub(super) addr: std::net::SocketAddr,
    pub(super) server: Option<Server>,
    pub(super) inner: Arc<Inner>,
    pub(super) log: RequestLog,
    pub(super) worker: JoinHandle<()>,
    pub(super) origin: String,
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
