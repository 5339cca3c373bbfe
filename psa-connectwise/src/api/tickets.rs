//! `/service/tickets`: get, list, count, create (once), patch, delete.

use futures::stream::BoxStream;
use http::Method;
use psa_core::idempotency::{KeyChars, KeyRules, create_idempotent};
use psa_core::{Error, ErrorKind, Page, PageToken, Result, Vendor};
use serde_json::Value;

use super::{get_typed, list_typed, stream_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{NewServiceTicket, Reference, ServiceTicket};
use crate::{Condition, ConnectWiseClient, Patch, Query, field};

const PATH: &str = "service/tickets";

/// Where ConnectWise stores idempotency keys: the ticket's `externalXRef`, which holds up to 100
/// characters; text fields come back padded or trimmed, so keys have no surrounding spaces.
pub const IDEMPOTENCY_KEY_RULES: KeyRules = KeyRules::new(
    Vendor::ConnectWise,
    "externalXRef",
    100,
    KeyChars::PrintableTrimmed,
);

/// Service tickets; see [`ConnectWiseClient::tickets`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(2).tickets(5).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{field, Query, Patch, models::{NewServiceTicket, Reference}};
/// let company = client.companies().list(&Query::new(), None).await?.items[0].id;
/// let t = client.tickets()
///     .create(&NewServiceTicket::new("Printer offline", Reference::id(company)).initial_description("Paper jam"))
///     .await?;
/// let open = client.tickets().count(Some(field("closedFlag").eq(false))).await?;
/// assert!(open >= 1);
/// let t = client.tickets().patch(t.id, &Patch::new().summary("Printer offline (floor 2)")).await?;
/// assert_eq!(t.summary, "Printer offline (floor 2)");
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TicketsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> TicketsApi<'a> {
    /// One ticket; [`ErrorKind::NotFound`] when it does not exist.
    pub async fn get(&self, id: i64) -> Result<ServiceTicket> {
        Ok(self.get_with_raw(id).await?.0)
    }

    pub(crate) async fn get_with_raw(&self, id: i64) -> Result<(ServiceTicket, Value)> {
        get_typed(self.client, &format!("{PATH}/{id}"), "ticket").await
    }

    /// One page of tickets; pass the previous page's `next` to continue.
    pub async fn list(
        &self,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<ServiceTicket>> {
        list_typed(self.client, PATH, "ticket", query, page).await
    }

    /// Every ticket matching the query, page by page.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<ServiceTicket>> {
        stream_typed(self.client, PATH.to_string(), "ticket", query)
    }

    /// `GET /service/tickets/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// Creates a ticket, sent once (a create is never retried after an ambiguous failure; use
    /// [`create_once`](Self::create_once) with an idempotency key for that).
    pub async fn create(&self, ticket: &NewServiceTicket) -> Result<ServiceTicket> {
        Ok(self.create_with_raw(ticket).await?.0)
    }

    pub(crate) async fn create_with_raw(
        &self,
        ticket: &NewServiceTicket,
    ) -> Result<(ServiceTicket, Value)> {
        ticket.validate()?;
        let body = serde_json::to_value(ticket)?;
        let resp = self.client.execute(&Call::post(PATH).json(body)).await?;
        let v: Value = decode(&resp)?;
        Ok((typed_one("ticket", &v)?, v))
    }

    /// Creates a ticket idempotently: the same `key` always gives the same ticket, from any
    /// client and any process, and no retry makes a second one.
    ///
    /// The key is stored in the ticket's `externalXRef` (it replaces `ticket.external_xref`)
    /// and must fit that field ([`IDEMPOTENCY_KEY_RULES`]: up to 100 characters, no control
    /// characters, no leading or trailing spaces since ConnectWise pads and trims text fields),
    /// otherwise the call is a `Validation` error before anything is sent. The client first
    /// lists `externalXRef = "<key>"` and returns the ticket found (unless
    /// [`idempotency_lookup(false)`](crate::ConnectWiseClientBuilder::idempotency_lookup));
    /// after an ambiguous failure (timeout, lost connection, 5xx) it looks again and sends
    /// again only when the first attempt did not land. Costs one GET per create; the limits
    /// (two processes racing with one key) are in [`psa_core::idempotency`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(2).tickets(0).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_connectwise::models::{NewServiceTicket, Reference};
    /// let ticket = NewServiceTicket::new("Printer offline", Reference::id(sim.company_ids()[0]));
    /// let first = client.tickets().create_once(&ticket, "chat-7f3a").await?;
    /// let again = client.tickets().create_once(&ticket, "chat-7f3a").await?;
    /// assert_eq!(first.id, again.id);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn create_once(&self, ticket: &NewServiceTicket, key: &str) -> Result<ServiceTicket> {
        Ok(self.create_once_with_raw(ticket, key).await?.0)
    }

    pub(crate) async fn create_once_with_raw(
        &self,
        ticket: &NewServiceTicket,
        key: &str,
    ) -> Result<(ServiceTicket, Value)> {
        ticket.validate()?;
        let mut ticket = ticket.clone();
        ticket.external_xref = Some(key.to_string());
        let retry = self.client.transport().options().retry.clone();
        create_idempotent(
            &IDEMPOTENCY_KEY_RULES,
            key,
            &retry,
            self.client.inner.idempotency_lookup,
            || self.create_with_raw(&ticket),
            || self.find_by_idempotency_key_raw(key),
        )
        .await
    }

    /// The ticket whose idempotency key (its `externalXRef`) is exactly `key`, if any (the lowest
    /// id when several).
    /// ConnectWise compares case-insensitively; every hit is re-checked exactly.
    pub async fn find_by_idempotency_key(&self, key: &str) -> Result<Option<ServiceTicket>> {
        Ok(self.find_by_idempotency_key_raw(key).await?.map(|(t, _)| t))
    }

    pub(crate) async fn find_by_idempotency_key_raw(
        &self,
        key: &str,
    ) -> Result<Option<(ServiceTicket, Value)>> {
        let q = Query::new()
            .conditions(field("externalXRef").eq(key))
            .order_by("id", crate::Direction::Asc)
            .page_size(1000);
        let page = self.client.list_raw(PATH, &q, None).await?;
        for v in page.items {
            let t: ServiceTicket = typed_one("ticket", &v)?;
            if t.external_xref.as_deref() == Some(key) {
                return Ok(Some((t, v)));
            }
        }
        Ok(None)
    }

    /// Applies a JSON patch (`PATCH /service/tickets/{id}`) and returns the ticket as stored.
    pub async fn patch(&self, id: i64, patch: &Patch) -> Result<ServiceTicket> {
        Ok(self.patch_with_raw(id, patch).await?.0)
    }

    pub(crate) async fn patch_with_raw(
        &self,
        id: i64,
        patch: &Patch,
    ) -> Result<(ServiceTicket, Value)> {
        patch.validate()?;
        let body = serde_json::to_value(patch)?;
        let call = Call::at(Method::PATCH, format!("{PATH}/{id}")).json(body);
        let v: Value = self.client.call_json(&call).await?;
        Ok((typed_one("ticket", &v)?, v))
    }

    /// Sets the status (it must belong to the ticket's board).
    pub async fn set_status(&self, id: i64, status: Reference) -> Result<ServiceTicket> {
        self.patch(id, &Patch::new().status(status)).await
    }

    /// Sets the priority.
    pub async fn set_priority(&self, id: i64, priority: Reference) -> Result<ServiceTicket> {
        self.patch(id, &Patch::new().priority(priority)).await
    }

    /// Moves the ticket to another board.
    pub async fn set_board(&self, id: i64, board: Reference) -> Result<ServiceTicket> {
        self.patch(id, &Patch::new().board(board)).await
    }

    /// Sets the summary (at most 100 characters).
    pub async fn set_summary(&self, id: i64, summary: &str) -> Result<ServiceTicket> {
        if summary.trim().is_empty() || summary.chars().count() > crate::models::MAX_SUMMARY {
            return Err(
                Error::new(ErrorKind::Validation, "a summary has 1 to 100 characters")
                    .with_fields(["summary"]),
            );
        }
        self.patch(id, &Patch::new().summary(summary)).await
    }

    /// Deletes a ticket (ConnectWise answers 204).
    pub async fn delete(&self, id: i64) -> Result<()> {
        self.client
            .execute(&Call::at(Method::DELETE, format!("{PATH}/{id}")))
            .await?;
        Ok(())
    }
}
