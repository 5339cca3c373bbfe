//! Ticket notes: queried at `/V1.0/TicketNotes`, written under `/V1.0/Tickets/{id}/Notes`.

use psa_core::Result;

use super::{Entity, EntityApi, TicketNotesApi, child_path};
use crate::AutotaskClient;
use crate::models::TicketNote;

impl Entity for TicketNote {
    const NAME: &'static str = "TicketNotes";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(Self::NAME, "Tickets", self.ticket_id, "Notes", "ticketID")
    }
    fn update_path(&self) -> Result<String> {
        child_path(Self::NAME, "Tickets", self.ticket_id, "Notes", "ticketID")
    }
}

impl AutotaskClient {
    /// Ticket notes. Creates go to `Tickets/{ticketID}/Notes`, so `ticket_id` must be set.
    /// Notes have no field for an idempotency key: a note create is sent once.
    pub fn ticket_notes(&self) -> TicketNotesApi<'_> {
        EntityApi::new(self)
    }
}
