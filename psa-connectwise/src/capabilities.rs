//! The capabilities this connector declares, once: [`psa_core::Connector::capabilities`]
//! returns them and preflight checks the rights among them. Kept apart from `connector.rs` and
//! `preflight.rs` so neither imports the other.

use psa_core::Capabilities;

/// What the ConnectWise connector offers, declared once: [`psa_core::Connector::capabilities`] returns it
/// and preflight checks the rights among it. Not offered: URL attachments (link documents store a
/// URL, they do not fetch the file) and impersonation (member impersonation tokens exist in
/// ConnectWise but are not offered here).
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
        C::Attachments,
        C::Webhooks,
        C::SignedWebhooks,
        C::BaseData,
        C::Queues,
        C::TicketSource,
        C::ForwardOnlyPaging,
        C::IdempotentCreate,
        C::ServerSideEmailFilter,
        C::ReadOpportunities,
        C::CreateOpportunities,
        C::ReadTicketCategories,
        C::ReadContracts,
        C::ReadTimeEntries,
        C::ProvisionWebhooks,
    ])
};
