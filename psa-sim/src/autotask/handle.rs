//! [`AutotaskSimHandle`]: a running autotask simulator, its URLs, credentials and store views.

use super::entities::Kind;
use super::permissions::Access;
use super::permissions::parse_row;
use super::state::Sim;
use super::{seed, store, wire};
use crate::common::locks::MutexExt as _;
use crate::common::{RequestLog, Server, invalid_input};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

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
    pub(super) server: Server,
    pub(super) sim: Arc<Sim>,
    pub(super) log: RequestLog,
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
            .tenant
            .read()
            .ids_after(Kind::Companies, i64::MIN)
            .collect()
    }

    /// The ticket ids, ascending.
    pub fn ticket_ids(&self) -> Vec<i64> {
        self.sim
            .tenant
            .read()
            .ids_after(Kind::Tickets, i64::MIN)
            .collect()
    }

    /// The request log.
    pub fn log(&self) -> &RequestLog {
        &self.log
    }

    /// Number of tickets in the store.
    pub fn ticket_count(&self) -> usize {
        self.sim.tenant.read().count(Kind::Tickets)
    }

    /// Number of tickets for which `pred` holds, given each ticket as `GET /Tickets/{id}`
    /// sends it (every field, `null` when empty), with `userDefinedFields` always present.
    pub fn count_tickets_where(&self, pred: impl Fn(&Value) -> bool) -> usize {
        let s = self.sim.tenant.read();
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
        let s = self.sim.tenant.read();
        s.iter(Kind::Tickets)
            .filter(|t| store::text(t, "title") == Some(title))
            .count()
    }

    /// A ticket as `GET /Tickets/{id}` would send it (the `item`), without a request, with
    /// `userDefinedFields` always present.
    pub fn ticket(&self, id: i64) -> Option<Value> {
        let s = self.sim.tenant.read();
        s.get(Kind::Tickets, id)
            .map(|t| wire::render(Kind::Tickets, &t, None, true, wire::Data::Omit))
    }

    /// The notes of a ticket as the API sends them, oldest first.
    pub fn ticket_notes(&self, ticket_id: i64) -> Vec<Value> {
        let s = self.sim.tenant.read();
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
        self.sim.tenant.profile_mut().set(k, v, Access::None);
        Ok(())
    }

    /// Changes one security-level row to Restricted while running.
    pub fn restrict_access(&self, entity: &str, verb: &str) -> std::io::Result<()> {
        let (k, v) = parse_row(entity, verb).map_err(invalid_input)?;
        self.sim.tenant.profile_mut().set(k, v, Access::Restricted);
        Ok(())
    }

    /// Changes one security-level row to All while running.
    pub fn grant_access(&self, entity: &str, verb: &str) -> std::io::Result<()> {
        let (k, v) = parse_row(entity, verb).map_err(invalid_input)?;
        self.sim.tenant.profile_mut().set(k, v, Access::All);
        Ok(())
    }

    /// Turns Resource Impersonation on or off while running.
    pub fn set_impersonation(&self, on: bool) {
        self.sim.tenant.profile_mut().set_impersonation(on);
    }

    /// Webhook calls answered with a 2xx so far.
    pub fn webhooks_delivered(&self) -> usize {
        self.sim.hooks.delivered.load(Ordering::SeqCst)
    }

    /// Webhook calls that failed every attempt so far.
    pub fn webhooks_failed(&self) -> usize {
        self.sim.hooks.failed.load(Ordering::SeqCst)
    }

    /// Every webhook delivery attempt so far: `{"webhookId","url","body","signature","status"}`
    /// (`signature` is the `X-Hook-Signature` header sent or null; `status`
    /// null when the connection failed), in order.
    pub fn webhook_attempts(&self) -> Vec<Value> {
        self.sim
            .hooks
            .attempts
            .lock_safe()
            .iter()
            .map(|a| json!({"webhookId": a.webhook_id, "url": a.url, "body": a.body, "signature": a.signature, "status": a.status}))
            .collect()
    }

    /// Stops serving and waits until the port is free.
    pub async fn stop(self) {
        self.server.stop().await;
    }
}
