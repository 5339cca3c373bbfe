use std::sync::Arc;

use crate::SyncroClient;
use crate::models::{AccountSettings, TicketSettings};

/// Account and ticket settings, cached for the client's settings TTL: `client.settings()`.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// let statuses = syncro.settings().tickets().await?.ticket_status_list.clone();
/// let priorities = syncro.settings().account().await?.ticket.priorities.clone();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SettingsApi<'a> {
    client: &'a SyncroClient,
}

impl SyncroClient {
    /// The settings API.
    pub fn settings(&self) -> SettingsApi<'_> {
        SettingsApi { client: self }
    }
}

impl SettingsApi<'_> {
    /// `GET /settings` (problem types, priorities, locale, business hours), cached.
    pub async fn account(&self) -> psa_core::Result<Arc<AccountSettings>> {
        self.client.cached_account_settings().await
    }

    /// `GET /tickets/settings` (status list, ticket types, users), cached.
    pub async fn tickets(&self) -> psa_core::Result<Arc<TicketSettings>> {
        self.client.cached_ticket_settings().await
    }

    /// Forgets the cached settings.
    pub fn refresh(&self) {
        self.client.clear_settings_cache();
    }
}
