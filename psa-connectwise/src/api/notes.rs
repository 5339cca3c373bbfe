//! `/service/tickets/{id}/notes`: list and create.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};
use serde_json::Value;

use super::{get_typed, list_typed, stream_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{NewServiceNote, ServiceNote};
use crate::{ConnectWiseClient, Query};

/// The notes of one ticket; see [`ConnectWiseClient::ticket_notes`].
///
/// A note create is sent once: ConnectWise notes have no field to hold an idempotency key, so
/// after an ambiguous failure (timeout, lost connection, 5xx) the note may or may not exist —
/// the error's [`may_have_landed`](psa_core::Error::may_have_landed) says so.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(1).tickets(1).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{Query, models::NewServiceNote};
/// let ticket = client.tickets().list(&Query::new(), None).await?.items[0].id;
/// let note = client.ticket_notes(ticket).create(&NewServiceNote::internal("Rebooted the spooler")).await?;
/// assert!(note.is_internal());
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TicketNotesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
    pub(crate) ticket_id: i64,
}

impl<'a> TicketNotesApi<'a> {
    fn path(&self) -> String {
        format!("service/tickets/{}/notes", self.ticket_id)
    }

    /// One page of notes.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<ServiceNote>> {
        list_typed(self.client, &self.path(), "note", query, page).await
    }

    /// Every note, page by page.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<ServiceNote>> {
        stream_typed(self.client, self.path(), "note", query)
    }

    /// One note.
    pub async fn get(&self, note_id: i64) -> Result<ServiceNote> {
        Ok(
            get_typed(self.client, &format!("{}/{note_id}", self.path()), "note")
                .await?
                .0,
        )
    }

    /// Adds a note (sent once; see above). A note that shows nowhere is refused before sending.
    pub async fn create(&self, note: &NewServiceNote) -> Result<ServiceNote> {
        Ok(self.create_with_raw(note).await?.0)
    }

    pub(crate) async fn create_with_raw(
        &self,
        note: &NewServiceNote,
    ) -> Result<(ServiceNote, Value)> {
        note.validate()?;
        let body = serde_json::to_value(note)?;
        let resp = self
            .client
            .execute(&Call::post(self.path()).json(body))
            .await?;
        let v: Value = decode(&resp)?;
        Ok((typed_one("note", &v)?, v))
    }
}
