//! The capabilities this connector declares, once: [`psa_core::Connector::capabilities`]
//! returns them and preflight checks the rights among them. Kept apart from `connector.rs` and
//! `preflight.rs` so neither imports the other.

use psa_core::Capabilities;

/// What the Autotask connector offers, declared once: [`psa_core::Connector::capabilities`] returns it and
/// preflight checks the rights among it. Not offered: URL attachments (Autotask stores bytes),
/// ticket sources (Autotask's is the integration's tracking identifier), forward-only paging.
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
        C::Impersonation,
        C::Webhooks,
        C::SignedWebhooks,
        C::BaseData,
        C::Queues,
        C::IdempotentCreate,
        C::ServerSideEmailFilter,
        C::ReadOpportunities,
        C::CreateOpportunities,
        C::ReadContracts,
        C::ReadTimeEntries,
        C::ReadTicketCategories,
        C::ProvisionWebhooks,
    ])
};
