//! The shared shape of webhook provisioning: a tool describes the webhooks it needs in a
//! [`WebhookSpec`]; each vendor client that can provision webhooks (Autotask, ConnectWise)
//! offers `ensure_webhooks(&WebhookSpec) -> Result<EnsureReport>`, which creates what is
//! missing, fixes what differs and leaves the rest — so running it twice changes nothing the
//! second time. A connector that can do it declares
//! [`Capability::ProvisionWebhooks`](crate::Capability::ProvisionWebhooks); Syncro's API has
//! no provisioning and leaves it out.

use std::fmt;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::changes::EntityKind;
use crate::{Error, ErrorKind, Result};

/// The prefix that marks the SDK's own webhooks when a spec names none.
pub const DEFAULT_WEBHOOK_PREFIX: &str = "psa-sdk";

/// An event a webhook reports.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WebhookEvent {
    /// A record was created.
    Created,
    /// A record was changed.
    Updated,
    /// A record was deleted.
    Deleted,
}

impl WebhookEvent {
    /// All three events.
    pub const ALL: [WebhookEvent; 3] = [
        WebhookEvent::Created,
        WebhookEvent::Updated,
        WebhookEvent::Deleted,
    ];
}

/// The webhooks a tool needs: for which entities, for which events, delivered where, and
/// under which name prefix (so `ensure_webhooks` recognises the SDK's own webhooks and never
/// touches anybody else's).
///
/// The optional `secret` is the shared key a vendor signs deliveries with when the
/// subscriber chooses it (Autotask's webhook `SecretKey`); vendors that sign with a key of
/// their own ignore it. It stays a [`SecretString`]: never printed, never serialized.
///
/// ```
/// use psa_core::changes::EntityKind;
/// use psa_core::{WebhookEvent, WebhookSpec};
/// let spec = WebhookSpec::new("https://hooks.example.com/psa".parse().unwrap())
///     .entity(EntityKind::Ticket)
///     .entity(EntityKind::Company)
///     .name_prefix("msportal")
///     .secret("s3cr3t-value");
/// assert!(spec.validate().is_ok());
/// assert_eq!(spec.events, WebhookEvent::ALL);
/// assert_eq!(spec.webhook_name(EntityKind::Ticket), "msportal-ticket");
/// assert!(!format!("{spec:?}").contains("s3cr3t"));
/// ```
#[non_exhaustive]
#[derive(Clone)]
pub struct WebhookSpec {
    /// Where deliveries go.
    pub url: Url,
    /// The entities to watch, each once, in the order given.
    pub entities: Vec<EntityKind>,
    /// The events to report (default: all three).
    pub events: Vec<WebhookEvent>,
    /// The name prefix marking the SDK's own webhooks (default [`DEFAULT_WEBHOOK_PREFIX`]).
    pub name_prefix: String,
    /// The signing key, for vendors that let the subscriber choose it.
    pub secret: Option<SecretString>,
}

impl WebhookSpec {
    /// Webhooks delivered to `url`, for no entity yet, for all events.
    pub fn new(url: Url) -> Self {
        WebhookSpec {
            url,
            entities: Vec::new(),
            events: WebhookEvent::ALL.to_vec(),
            name_prefix: DEFAULT_WEBHOOK_PREFIX.to_owned(),
            secret: None,
        }
    }

    /// Adds an entity to watch (a repeated entity is kept once).
    pub fn entity(mut self, entity: EntityKind) -> Self {
        if !self.entities.contains(&entity) {
            self.entities.push(entity);
        }
        self
    }

    /// Sets the events to report.
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEvent>) -> Self {
        self.events = Vec::new();
        for e in events {
            if !self.events.contains(&e) {
                self.events.push(e);
            }
        }
        self
    }

    /// Sets the name prefix that marks the SDK's own webhooks.
    pub fn name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.name_prefix = prefix.into();
        self
    }

    /// Sets the signing key.
    pub fn secret(mut self, secret: impl Into<SecretString>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// The name of the SDK's webhook for one entity: `<prefix>-<entity>`.
    pub fn webhook_name(&self, entity: EntityKind) -> String {
        format!("{}-{}", self.name_prefix, entity.as_str())
    }

    /// Whether a vendor webhook with this name belongs to this spec's SDK webhooks.
    pub fn owns(&self, name: &str) -> bool {
        name.strip_prefix(self.name_prefix.as_str())
            .is_some_and(|rest| rest.starts_with('-'))
    }

    /// Checks the spec before anything is sent: at least one entity and one event, an
    /// `http`/`https` URL with a host and without credentials, a non-blank prefix.
    ///
    /// ```
    /// let spec = psa_core::WebhookSpec::new("https://h.example/x".parse().unwrap());
    /// assert!(spec.validate().is_err(), "no entity");
    /// ```
    pub fn validate(&self) -> Result<()> {
        let fail = |msg: String| Err(Error::new(ErrorKind::Validation, msg));
        if self.entities.is_empty() {
            return fail("the webhook spec watches no entity; add one with .entity(..)".into());
        }
        if self.events.is_empty() {
            return fail(
                "the webhook spec reports no event; pass at least one to .events(..)".into(),
            );
        }
        if !matches!(self.url.scheme(), "https" | "http") || self.url.host_str().is_none() {
            return fail(format!(
                "the webhook URL must be an http(s) URL with a host, got scheme {:?}",
                self.url.scheme()
            ));
        }
        if !self.url.username().is_empty() || self.url.password().is_some() {
            return fail("the webhook URL must not carry credentials; use .secret(..)".into());
        }
        if self.name_prefix.trim().is_empty() {
            return fail("the webhook name prefix cannot be blank".into());
        }
        Ok(())
    }
}

impl fmt::Debug for WebhookSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookSpec")
            .field("url", &crate::transport::redact_url(&self.url))
            .field("entities", &self.entities)
            .field("events", &self.events)
            .field("name_prefix", &self.name_prefix)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// One of the SDK's webhooks, as `ensure_webhooks` found or left it.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookRef {
    /// The entity it watches.
    pub entity: EntityKind,
    /// The vendor's id of the webhook or callback, as text.
    pub id: String,
    /// Its name ([`WebhookSpec::webhook_name`]).
    pub name: String,
}

impl WebhookRef {
    /// A reference.
    pub fn new(entity: EntityKind, id: impl Into<String>, name: impl Into<String>) -> Self {
        WebhookRef {
            entity,
            id: id.into(),
            name: name.into(),
        }
    }
}

/// What `ensure_webhooks` did: each of the spec's webhooks is in exactly one list.
///
/// ```
/// use psa_core::changes::EntityKind;
/// use psa_core::{EnsureReport, WebhookRef};
/// let mut r = EnsureReport::new();
/// r.unchanged.push(WebhookRef::new(EntityKind::Ticket, "12", "psa-sdk-ticket"));
/// assert!(!r.changed_anything());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnsureReport {
    /// Webhooks that were missing and were created.
    pub created: Vec<WebhookRef>,
    /// Webhooks that existed but differed (URL, events, fields, inactive) and were fixed.
    pub updated: Vec<WebhookRef>,
    /// Webhooks that already matched the spec.
    pub unchanged: Vec<WebhookRef>,
}

impl EnsureReport {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether anything was created or fixed.
    pub fn changed_anything(&self) -> bool {
        !self.created.is_empty() || !self.updated.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> WebhookSpec {
        WebhookSpec::new(Url::parse("https://hooks.example.com/psa").unwrap())
            .entity(EntityKind::Ticket)
    }

    #[test]
    fn repeated_entities_and_events_are_kept_once() {
        let s = spec()
            .entity(EntityKind::Ticket)
            .entity(EntityKind::Company)
            .events([WebhookEvent::Updated, WebhookEvent::Updated]);
        assert_eq!(s.entities, [EntityKind::Ticket, EntityKind::Company]);
        assert_eq!(s.events, [WebhookEvent::Updated]);
    }

    #[test]
    fn invalid_specs_say_what_to_fix() {
        let no_events = spec().events([]).validate().unwrap_err();
        assert_eq!(no_events.kind(), ErrorKind::Validation);
        assert!(no_events.to_string().contains("no event"), "{no_events}");
        let ftp =
            WebhookSpec::new(Url::parse("ftp://h.example/x").unwrap()).entity(EntityKind::Ticket);
        assert!(ftp.validate().unwrap_err().to_string().contains("http(s)"));
        let creds = WebhookSpec::new(Url::parse("https://u:p@h.example/x").unwrap())
            .entity(EntityKind::Ticket);
        let err = creds.validate().unwrap_err().to_string();
        assert!(err.contains("credentials") && !err.contains("u:p"), "{err}");
        assert!(spec().name_prefix(" ").validate().is_err());
        assert!(spec().validate().is_ok());
    }

    #[test]
    fn the_prefix_tells_own_webhooks_from_others() {
        let s = spec().name_prefix("msportal");
        assert!(s.owns(&s.webhook_name(EntityKind::Company)));
        assert!(!s.owns("msportalx-ticket"));
        assert!(!s.owns("billing-ticket"));
    }

    #[test]
    fn the_report_round_trips_and_tells_changes() {
        let mut r = EnsureReport::new();
        r.created
            .push(WebhookRef::new(EntityKind::Company, "7", "psa-sdk-company"));
        assert!(r.changed_anything());
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<EnsureReport>(&json).unwrap(), r);
    }
}
