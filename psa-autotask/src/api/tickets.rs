//! Tickets: `/V1.0/Tickets`, and duplicate-safe creates keyed by `externalID`.

use psa_core::idempotency::{KeyChars, KeyRules, create_idempotent};
use psa_core::{Result, Vendor};

use super::{Entity, EntityApi, TicketsApi};
use crate::models::Ticket;
use crate::{AutotaskClient, Filter, Query};

impl Entity for Ticket {
    const NAME: &'static str = "Tickets";

    fn id(&self) -> Option<i64> {
        self.id
    }
}

impl AutotaskClient {
    /// Tickets.
    pub fn tickets(&self) -> TicketsApi<'_> {
        EntityApi::new(self)
    }
}

/// Where Autotask stores idempotency keys: the ticket's queryable `externalID` field, which
/// holds up to 50 characters (any but control characters; case and spaces are kept).
pub const IDEMPOTENCY_KEY_RULES: KeyRules =
    KeyRules::new(Vendor::Autotask, "externalID", 50, KeyChars::Printable);

impl EntityApi<'_, Ticket> {
    /// Creates a ticket idempotently: the same `key` always gives the same ticket, from any
    /// client and any process, and no retry makes a second one.
    ///
    /// The key is stored in the ticket's `externalID` (it replaces `ticket.external_id`) and
    /// must fit that field ([`IDEMPOTENCY_KEY_RULES`]), otherwise the call is a `Validation`
    /// error before anything is sent. The client first queries `externalID eq <key>` and
    /// returns the id of the ticket found (unless
    /// [`idempotency_lookup(false)`](crate::AutotaskClientBuilder::idempotency_lookup)); after
    /// an ambiguous failure (timeout, lost connection, 5xx, cut-off answer) it queries again and
    /// sends again only when the first attempt did not land. Costs one query per create; the
    /// limits (two processes racing with one key) are in [`psa_core::idempotency`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(1).companies(1).tickets(0).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).discovery_url(sim.discovery_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_autotask::models::Ticket;
    /// let mut ticket = Ticket::default();
    /// ticket.title = Some("Printer offline".into());
    /// ticket.company_id = Some(sim.company_ids()[0]);
    /// ticket.status = Some(1);
    /// ticket.priority = Some(2);
    /// let first = client.tickets().create_once(&ticket, "chat-7f3a").await?;
    /// let again = client.tickets().create_once(&ticket, "chat-7f3a").await?;
    /// assert_eq!(first, again);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn create_once(&self, ticket: &Ticket, key: &str) -> Result<i64> {
        // The key is looked up exactly as it is sent: a trimmed lookup would miss a stored
        // " key " and resend the create.
        let mut ticket = ticket.clone();
        ticket.external_id = Some(key.to_string());
        let retry = self.client.transport().options().retry.clone();
        create_idempotent(
            &IDEMPOTENCY_KEY_RULES,
            key,
            &retry,
            self.client.inner.idempotency_lookup,
            || self.create(&ticket),
            || async { Ok(self.find_by_idempotency_key(key).await?.and_then(|t| t.id)) },
        )
        .await
    }

    /// The ticket whose idempotency key (its `externalID`) is exactly `key` (the lowest id if
    /// several), if any. Autotask compares case-insensitively; every hit is re-checked exactly.
    pub async fn find_by_idempotency_key(&self, key: &str) -> Result<Option<Ticket>> {
        let page = self
            .query(&Query::with(Filter::eq("externalID", key)).max_records(500))
            .await?;
        Ok(page
            .items
            .into_iter()
            .filter(|t| t.external_id.as_deref() == Some(key))
            .min_by_key(|t| t.id.unwrap_or(i64::MAX)))
    }
}
