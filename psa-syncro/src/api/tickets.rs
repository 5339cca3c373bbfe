use futures::stream::BoxStream;
use http::Method;
use psa_core::idempotency::create_idempotent;
use psa_core::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::all_pages;
use crate::SyncroClient;
use crate::idempotency::IDEMPOTENCY_KEY_RULES;
use crate::models::ticket_head::TicketHead;
use crate::models::{FileUrl, ListPage, Raw, Ticket, TicketInput};
use crate::query::TicketFilter;
use crate::rights::{TICKETS_CREATE, TICKETS_DELETE, TICKETS_EDIT, TICKETS_LIST, TICKETS_VIEW};

/// Tickets: `client.tickets()`.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// use psa_syncro::{TicketFilter, models::TicketInput};
/// let open = syncro.tickets().list(&TicketFilter::new().status("Not Closed")).await?;
/// let t = syncro.tickets().create(&TicketInput::new().customer_id(42).subject("Printer offline")).await?;
/// syncro.tickets().update(t.id, &TicketInput::new().status("In Progress")).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TicketsApi<'a> {
    client: &'a SyncroClient,
}

/// Syncro's answer to `attach_file_url`: the files are fetched later.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachReceipt {
    /// The vendor's message ("Processing - refresh ticket in a moment to see if it worked.").
    #[serde(default)]
    pub message: Option<String>,
}

impl SyncroClient {
    /// The tickets API.
    pub fn tickets(&self) -> TicketsApi<'_> {
        TicketsApi { client: self }
    }
}

impl<'a> TicketsApi<'a> {
    /// One page of tickets (`GET /tickets`; right: Tickets - List/Search).
    pub async fn list(&self, filter: &TicketFilter) -> psa_core::Result<ListPage<Ticket>> {
        Ok(self.list_raw(filter).await?.map(|r| r.typed))
    }

    pub(crate) async fn list_raw(
        &self,
        filter: &TicketFilter,
    ) -> psa_core::Result<ListPage<Raw<Ticket>>> {
        self.client
            .get_raw_page(
                &["tickets"],
                &filter.to_pairs(),
                "tickets",
                Some(TICKETS_LIST),
            )
            .await
    }

    /// [`list_raw`](Self::list_raw) reading only the fields the core ticket needs.
    pub(crate) async fn list_heads(
        &self,
        filter: &TicketFilter,
    ) -> psa_core::Result<ListPage<Raw<TicketHead>>> {
        self.client
            .get_raw_page(
                &["tickets"],
                &filter.to_pairs(),
                "tickets",
                Some(TICKETS_LIST),
            )
            .await
    }

    /// Every ticket matching `filter`, page after page until `meta.total_pages` (the filter's
    /// own `page` is ignored).
    pub fn stream(&self, filter: TicketFilter) -> BoxStream<'a, psa_core::Result<Ticket>> {
        let client = self.client;
        all_pages(move |page| {
            let f = filter.clone().page(page);
            async move { client.tickets().list(&f).await }
        })
    }

    /// One ticket (`GET /tickets/{id}`; right: Tickets - View Details). A missing id is
    /// [`ErrorKind::NotFound`].
    pub async fn get(&self, id: i64) -> psa_core::Result<Ticket> {
        Ok(self.get_raw(id).await?.typed)
    }

    pub(crate) async fn get_raw(&self, id: i64) -> psa_core::Result<Raw<Ticket>> {
        self.client
            .get_one(
                &["tickets", &id.to_string()],
                Some("ticket"),
                Some(TICKETS_VIEW),
            )
            .await
    }

    /// Creates a ticket (`POST /tickets` with the flat body; right: Tickets - Create).
    ///
    /// Sent exactly once: after a timeout or a 5xx the ticket may or may not exist. Use
    /// [`create_once`](Self::create_once) to make retries safe.
    pub async fn create(&self, input: &TicketInput) -> psa_core::Result<Ticket> {
        Ok(self.create_raw(input).await?.typed)
    }

    pub(crate) async fn create_raw(&self, input: &TicketInput) -> psa_core::Result<Raw<Ticket>> {
        self.client
            .write_one(
                Method::POST,
                &["tickets"],
                input,
                Some("ticket"),
                Some(TICKETS_CREATE),
            )
            .await
    }

    /// Creates a ticket idempotently: the same `key` always gives the same ticket, from any
    /// client and any process, and no retry makes a second one.
    ///
    /// The key is stored with the ticket (see [`crate::IdempotencyMarker`]) and must be a
    /// single search term ([`crate::IDEMPOTENCY_KEY_RULES`]: 1 to 64 of `A-Z a-z 0-9 - _ .`),
    /// otherwise the call is a `Validation` error before anything is sent. The client first
    /// searches `GET /tickets?query=KEY`, checks every hit exactly and returns the oldest match
    /// (unless [`idempotency_lookup(false)`](crate::SyncroClientBuilder::idempotency_lookup));
    /// after an ambiguous failure (timeout, dropped connection, 5xx, cut-off body) it searches
    /// again and sends again only when the first attempt did not land. Both lookups need the
    /// token's `Tickets - List/Search` permission; without it the create is only protected
    /// against its own retries. Costs one search per create; the limits (two processes racing
    /// with one key) are in [`psa_core::idempotency`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::SyncroSim::builder().seed(1).companies(1).tickets(0).start().await?;
    /// # let client = psa_syncro::SyncroClient::builder().base_url(sim.base_url()).api_token(sim.api_token())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_syncro::models::TicketInput;
    /// let input = TicketInput::new().customer_id(sim.customer_ids()[0]).subject("Printer offline");
    /// let first = client.tickets().create_once(&input, "chat-7f3a").await?;
    /// let again = client.tickets().create_once(&input, "chat-7f3a").await?;
    /// assert_eq!(first.id, again.id);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn create_once(&self, input: &TicketInput, key: &str) -> psa_core::Result<Ticket> {
        Ok(self.create_once_raw(input, key).await?.typed)
    }

    pub(crate) async fn create_once_raw(
        &self,
        input: &TicketInput,
        key: &str,
    ) -> psa_core::Result<Raw<Ticket>> {
        IDEMPOTENCY_KEY_RULES.check(key)?;
        let mut body = input.clone();
        self.client.inner.marker.apply(&mut body, key);
        let retry = self.client.transport().options().retry.clone();
        create_idempotent(
            &IDEMPOTENCY_KEY_RULES,
            key,
            &retry,
            self.client.inner.idempotency_lookup,
            || self.create_raw(&body),
            || self.find_by_idempotency_key_raw(key),
        )
        .await
    }

    /// The ticket carrying exactly idempotency key `key`, if any: `GET /tickets?query=KEY`, every
    /// hit checked exactly (the search is fuzzy); the oldest match wins.
    pub async fn find_by_idempotency_key(&self, key: &str) -> psa_core::Result<Option<Ticket>> {
        Ok(self
            .find_by_idempotency_key_raw(key)
            .await?
            .map(|r| r.typed))
    }

    pub(crate) async fn find_by_idempotency_key_raw(
        &self,
        key: &str,
    ) -> psa_core::Result<Option<Raw<Ticket>>> {
        let filter = TicketFilter::new().query(key);
        let marker = &self.client.inner.marker;
        let mut best: Option<Raw<Ticket>> = None;
        let mut page = 1;
        loop {
            let list = self.list_raw(&filter.clone().page(page)).await?;
            for t in list.items {
                if marker.matches(&t.typed, key)
                    && best.as_ref().is_none_or(|b| t.typed.id < b.typed.id)
                {
                    best = Some(t);
                }
            }
            match list.meta.next_page() {
                Some(n) if n > page => page = n,
                _ => break,
            }
        }
        Ok(best)
    }

    /// Changes a ticket (`PUT /tickets/{id}`; right: Tickets - Edit). Only the fields set in
    /// `changes` are sent, so the rest stay as they are.
    pub async fn update(&self, id: i64, changes: &TicketInput) -> psa_core::Result<Ticket> {
        Ok(self.update_raw(id, changes).await?.typed)
    }

    pub(crate) async fn update_raw(
        &self,
        id: i64,
        changes: &TicketInput,
    ) -> psa_core::Result<Raw<Ticket>> {
        if changes.comments_attributes.is_some() {
            return Err(Error::new(
                ErrorKind::Validation,
                "comments cannot be added by updating a ticket; use client.comments(id).add(..)",
            )
            .with_fields(["comments_attributes"]));
        }
        self.client
            .write_one(
                Method::PUT,
                &["tickets", &id.to_string()],
                changes,
                Some("ticket"),
                Some(TICKETS_EDIT),
            )
            .await
    }

    /// Deletes a ticket (`DELETE /tickets/{id}`; right: Tickets - Delete). Returns the vendor's
    /// message.
    pub async fn delete(&self, id: i64) -> psa_core::Result<Option<String>> {
        let resp = self
            .client
            .send(
                Method::DELETE,
                &["tickets", &id.to_string()],
                &[],
                None,
                Some(TICKETS_DELETE),
            )
            .await?;
        let receipt: AttachReceipt = if resp.body().is_empty() {
            AttachReceipt { message: None }
        } else {
            resp.json()?
        };
        Ok(receipt.message)
    }

    /// Asks Syncro to download files onto a ticket (`POST /tickets/{id}/attach_file_url`;
    /// right: Tickets - Edit).
    ///
    /// **Asynchronous:** Syncro answers "Processing - refresh ticket in a moment to see if it
    /// worked." before fetching. The URLs must be reachable by Syncro's servers; check the
    /// ticket's `attachments` later to confirm.
    pub async fn attach_file_url(
        &self,
        id: i64,
        files: &[FileUrl],
    ) -> psa_core::Result<AttachReceipt> {
        if files.is_empty() {
            return Err(Error::new(
                ErrorKind::Validation,
                "attach_file_url needs at least one file",
            )
            .with_fields(["files"]));
        }
        for f in files {
            let ok = url::Url::parse(&f.url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
            if !ok {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "file URL {:?} must be an absolute http(s) URL Syncro can download",
                        f.url
                    ),
                )
                .with_fields(["files.url"]));
            }
            if f.filename.trim().is_empty() {
                return Err(
                    Error::new(ErrorKind::Validation, "each file needs a file name")
                        .with_fields(["files.filename"]),
                );
            }
        }
        let body = json!({ "files": files });
        self.client
            .write_one(
                Method::POST,
                &["tickets", &id.to_string(), "attach_file_url"],
                &body,
                None,
                Some(TICKETS_EDIT),
            )
            .await
    }

    /// Removes an attachment (`POST /tickets/{id}/delete_attachment`; right: Tickets - Edit).
    pub async fn delete_attachment(
        &self,
        id: i64,
        attachment_id: i64,
    ) -> psa_core::Result<serde_json::Value> {
        let body = json!({ "attachment_id": attachment_id });
        self.client
            .write_one(
                Method::POST,
                &["tickets", &id.to_string(), "delete_attachment"],
                &body,
                None,
                Some(TICKETS_EDIT),
            )
            .await
    }
}
