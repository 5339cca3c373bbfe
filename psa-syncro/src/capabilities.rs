//! The capabilities this connector declares, once: [`psa_core::Connector::capabilities`]
//! returns them and preflight checks the rights among them. Kept apart from `connector.rs` and
//! `preflight.rs` so neither imports the other.

use psa_core::Capabilities;

/// What the Syncro connector offers, declared once: [`psa_core::Connector::capabilities`] returns it and
/// preflight checks the rights among it. Not offered: byte attachments (Syncro attaches from a
/// URL it downloads), queues, impersonation, signed webhooks (Syncro does not sign them), ticket
/// sources, forward-only paging, a server-side email filter for contacts, opportunities (Syncro
/// has leads instead: `client.leads()`) and webhook provisioning (Syncro's API has no webhook
/// endpoint: webhooks are set up in Notification Sets in the web UI). Ticket categories are the
/// account's problem types (`/settings`).
pub(crate) const CAPABILITIES: Capabilities = {
    use psa_core::Capability as C;
    Capabilities::new(&[
        C::Connect,
        C::ReadTickets,
        C::CreateTickets,
        C::UpdateTickets,
        C::CloseTickets,
        C::ReadNotes,
        C::AddNotes,
        C::InternalNotes,
        C::ReadCompanies,
        C::ReadContacts,
        C::ReadResources,
        C::AttachmentUrls,
        C::Webhooks,
        C::BaseData,
        C::IdempotentCreate,
        C::ReadContracts,
        C::ReadTimeEntries,
        C::ReadTicketCategories,
    ])
};
