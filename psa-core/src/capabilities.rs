use serde::{Deserialize, Serialize};

/// What a connector supports. A call outside these returns [`crate::ErrorKind::Unsupported`].
///
/// ```
/// let mut caps = psa_core::Capabilities::default();
/// caps.attachments = true;
/// assert!(caps.attachments && !caps.impersonation);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Tickets can be created.
    pub create_tickets: bool,
    /// Tickets can be updated.
    pub update_tickets: bool,
    /// Notes can be listed and added.
    pub notes: bool,
    /// Internal (technician-only) notes are supported.
    pub internal_notes: bool,
    /// Files can be attached from bytes.
    pub attachments: bool,
    /// Files can be attached from a URL the PSA downloads.
    pub attachment_urls: bool,
    /// Queues / boards exist.
    pub queues: bool,
    /// Writes can be attributed to another resource (Autotask impersonation).
    pub impersonation: bool,
    /// The PSA can call us back on changes.
    pub webhooks: bool,
    /// Webhook deliveries are signed and verifiable.
    pub signed_webhooks: bool,
    /// The integration can register itself as a ticket source.
    pub ticket_source: bool,
    /// Forward-only (keyset) paging for large syncs.
    pub forward_only_paging: bool,
    /// Creates accept an idempotency key and are never duplicated by retries.
    pub idempotent_create: bool,
    /// The server can filter contacts by email (otherwise the connector filters).
    pub server_side_email_filter: bool,
}
