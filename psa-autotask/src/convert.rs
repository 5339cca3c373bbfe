//! Public conversions from Autotask records to the psa-core models.
//!
//! Every vendor crate has the same four: `to_core_ticket` (async: ticket labels come from the
//! tenant's picklists), `to_core_company`, `to_core_contact` and `to_core_note`, so a caller
//! holding a native record gets the common one the `Connector` calls return.

use psa_core::{Company, Contact, Note, Result, Ticket};

use crate::AutotaskClient;
use crate::connector::{map_company, map_contact, map_note};
use crate::models;

impl AutotaskClient {
    /// The core [`Ticket`] for an Autotask ticket, as [`psa_core::Connector::ticket`] returns it
    /// (status, priority and queue labelled from the cached picklists, which are read on first
    /// use). `vendor_record` is the record serialized again.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(1).companies(1).tickets(3).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).discovery_url(sim.discovery_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let native = client.tickets().get(sim.ticket_ids()[0]).await?;
    /// let core = client.to_core_ticket(&native).await?;
    /// assert_eq!(Some(core.id.get()), native.id);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn to_core_ticket(&self, ticket: &models::Ticket) -> Result<Ticket> {
        let raw = serde_json::to_value(ticket)?;
        self.mapper().await?.ticket(raw)
    }

    /// The core [`Company`] for an Autotask company.
    pub fn to_core_company(&self, company: &models::Company) -> Result<Company> {
        map_company(serde_json::to_value(company)?)
    }

    /// The core [`Contact`] for an Autotask contact.
    pub fn to_core_contact(&self, contact: &models::Contact) -> Result<Contact> {
        map_contact(serde_json::to_value(contact)?)
    }

    /// The core [`Note`] for an Autotask ticket note.
    pub fn to_core_note(&self, note: &models::TicketNote) -> Result<Note> {
        map_note(serde_json::to_value(note)?)
    }
}
