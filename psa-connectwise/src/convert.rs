//! Public conversions from ConnectWise records to the psa-core models.
//!
//! Every vendor crate has the same four: `to_core_ticket` (async, like the other vendors'),
//! `to_core_company`, `to_core_contact` and `to_core_note`, so a caller holding a native record
//! gets the common one the `Connector` calls return. The typed ConnectWise records are read-only
//! views of the server's JSON, so the results' `vendor_record` is `null` here (the `Connector`
//! calls, which still hold the JSON, fill it).

use psa_core::{Company, Contact, Note, Result, Ticket, TicketId};
use serde_json::Value;

use crate::ConnectWiseClient;
use crate::models;

impl ConnectWiseClient {
    /// The core [`Ticket`] for a ConnectWise service ticket, mapped as
    /// [`psa_core::Connector::ticket`] maps it (stages from the client's stage map).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(2).tickets(5).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_connectwise::Query;
    /// let native = client.tickets().list(&Query::new(), None).await?.items.remove(0);
    /// let core = client.to_core_ticket(&native).await?;
    /// assert_eq!(core.id.get(), native.id);
    /// assert_eq!(core.title, native.summary);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn to_core_ticket(&self, ticket: &models::ServiceTicket) -> Result<Ticket> {
        Ok(self.core_ticket(ticket, Value::Null))
    }

    /// The core [`Company`] for a ConnectWise company.
    pub fn to_core_company(&self, company: &models::Company) -> Result<Company> {
        Ok(Self::core_company(company, Value::Null))
    }

    /// The core [`Contact`] for a ConnectWise contact.
    pub fn to_core_contact(&self, contact: &models::Contact) -> Result<Contact> {
        Ok(Self::core_contact(contact, Value::Null))
    }

    /// The core [`Note`] for a ConnectWise service note (ticket id 0 if the note has none).
    pub fn to_core_note(&self, note: &models::ServiceNote) -> Result<Note> {
        let ticket = TicketId(note.ticket_id.unwrap_or_default());
        Ok(self.core_note(ticket, note, Value::Null))
    }
}
