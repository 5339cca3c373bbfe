//! Public conversions from Syncro records to the psa-core models.
//!
//! Every vendor crate has the same four: `to_core_ticket` (async, like Autotask's, which reads
//! picklists), `to_core_company`, `to_core_contact` and `to_core_note`, so a caller holding a
//! native record gets the common one the `Connector` calls return. `vendor_record` is the model
//! serialized again (the connector's own calls keep the JSON exactly as received instead).

use psa_core::{Company, Contact, Note, Result, Ticket, TicketId};

use crate::SyncroClient;
use crate::models::{self, Raw};

impl SyncroClient {
    /// The core [`Ticket`] for a Syncro ticket (idempotency marker stripped from the title,
    /// stages from the client's stage map).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::SyncroSim::builder().seed(1).companies(1).tickets(3).start().await?;
    /// # let client = psa_syncro::SyncroClient::builder().base_url(sim.base_url()).api_token(sim.api_token())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let native = client.tickets().list(&Default::default()).await?.items.remove(0);
    /// let core = client.to_core_ticket(&native).await?;
    /// assert_eq!(core.id.get(), native.id);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn to_core_ticket(&self, ticket: &models::Ticket) -> Result<Ticket> {
        Ok(self.map_ticket(ticket, serde_json::to_value(ticket)?))
    }

    /// The core [`Company`] for a Syncro customer.
    pub fn to_core_company(&self, customer: &models::Customer) -> Result<Company> {
        Ok(Self::core_company(&Raw {
            typed: customer.clone(),
            json: serde_json::to_value(customer)?.into(),
        }))
    }

    /// The core [`Contact`] for a Syncro contact.
    pub fn to_core_contact(&self, contact: &models::Contact) -> Result<Contact> {
        Ok(Self::core_contact(&Raw {
            typed: contact.clone(),
            json: serde_json::to_value(contact)?.into(),
        }))
    }

    /// The core [`Note`] for a Syncro ticket comment (ticket id 0 if the comment has none).
    pub fn to_core_note(&self, comment: &models::Comment) -> Result<Note> {
        let ticket = TicketId(comment.ticket_id.unwrap_or_default());
        Ok(Self::map_note(
            ticket,
            comment,
            serde_json::to_value(comment)?,
        ))
    }
}
