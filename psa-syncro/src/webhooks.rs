//! Syncro's notification-set webhooks.
//!
//! Webhooks are set up in Syncro's web UI (Admin > Notification Center > Notification Sets, with
//! a webhook URL per event). The POSTed JSON has top-level `text` (its first line names the
//! event), `link` and `attributes` (the record, shaped like the API's objects).
//!
//! **Syncro does not sign webhooks.** Anyone who learns the URL can post to it. So:
//! 1. put a long random secret in the URL path (`https://hooks.example.com/syncro/<secret>`) and
//!    check it with [`secret_path_matches`] (constant-time);
//! 2. never trust the body: take the ticket id from it ([`WebhookPayload::ticket_id`]) and fetch
//!    the ticket through the API ([`SyncroClient::ticket_from_webhook`]).
//!
//! ```
//! use psa_syncro::webhooks::{WebhookEvent, WebhookPayload, secret_path_matches};
//! let body = br#"{"text":"A Ticket status was changed to Resolved\nTicket #1042","link":"https://acme.syncromsp.com/tickets/77","attributes":{"id":77,"number":1042,"status":"Resolved"}}"#;
//! assert!(secret_path_matches("/syncro/Zq8-long-secret", "/syncro/", "Zq8-long-secret"));
//! let hook = WebhookPayload::from_slice(body).unwrap();
//! assert_eq!(hook.event(), WebhookEvent::TicketStatusChanged("Resolved".into()));
//! assert_eq!(hook.ticket_id(), Some(77));
//! ```

use psa_core::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use subtle::ConstantTimeEq;

use crate::SyncroClient;
use crate::models::{Ticket, flex};

/// Largest webhook body accepted by [`WebhookPayload::from_slice`] (1 MiB).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// A webhook delivery.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WebhookPayload {
    /// Human-readable text; the first line names the event.
    #[serde(default)]
    pub text: String,
    /// Link to the record in Syncro's web UI.
    #[serde(default)]
    pub link: Option<String>,
    /// The record the event is about (untrusted: re-fetch it).
    #[serde(default)]
    pub attributes: Value,
    /// Anything else in the body.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What happened, from the first line of `text`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookEvent {
    /// "A Ticket was created".
    TicketCreated,
    /// "A Ticket status was changed to {status}".
    TicketStatusChanged(String),
    /// "A Ticket was resolved".
    TicketResolved,
    /// Another ticket event ("A Ticket …").
    TicketOther(String),
    /// "New Customer Created!".
    CustomerCreated,
    /// "New Contact Created!".
    ContactCreated,
    /// Anything else: the first line as sent.
    Unknown(String),
}

impl WebhookPayload {
    /// Decodes a raw body (at most [`MAX_BODY_BYTES`]).
    pub fn from_slice(body: &[u8]) -> psa_core::Result<WebhookPayload> {
        if body.len() > MAX_BODY_BYTES {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "webhook body of {} bytes is larger than {MAX_BODY_BYTES}",
                    body.len()
                ),
            ));
        }
        serde_json::from_slice(body).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!(
                    "not a Syncro webhook body: {e}; first bytes: {}",
                    psa_core::error::truncate_body(&body[..body.len().min(200)])
                ),
            )
        })
    }

    /// The event named by the first line of `text`.
    pub fn event(&self) -> WebhookEvent {
        let first = self.text.lines().next().unwrap_or("").trim();
        let lower = first.to_ascii_lowercase();
        if lower == "a ticket was created" {
            WebhookEvent::TicketCreated
        } else if lower == "a ticket was resolved" {
            WebhookEvent::TicketResolved
        } else if let Some(rest) = lower.strip_prefix("a ticket status was changed to ") {
            let status = first[first.len() - rest.len()..]
                .trim()
                .trim_end_matches('.')
                .to_string();
            WebhookEvent::TicketStatusChanged(status)
        } else if lower.starts_with("a ticket ") {
            WebhookEvent::TicketOther(first.to_string())
        } else if lower.starts_with("new customer created") {
            WebhookEvent::CustomerCreated
        } else if lower.starts_with("new contact created") {
            WebhookEvent::ContactCreated
        } else {
            WebhookEvent::Unknown(first.to_string())
        }
    }

    /// Whether the event is about a ticket.
    pub fn is_ticket_event(&self) -> bool {
        matches!(
            self.event(),
            WebhookEvent::TicketCreated
                | WebhookEvent::TicketStatusChanged(_)
                | WebhookEvent::TicketResolved
                | WebhookEvent::TicketOther(_)
        )
    }

    /// The ticket the event is about: `attributes.id` for ticket events, `attributes.ticket_id`
    /// for events about a ticket's parts (comments, timers).
    pub fn ticket_id(&self) -> Option<i64> {
        let attrs = self.attributes.as_object()?;
        if self.is_ticket_event()
            && let Some(id) = attrs.get("id").and_then(flex::to_i64)
        {
            return Some(id);
        }
        attrs.get("ticket_id").and_then(flex::to_i64)
    }
}

/// Whether `request_path` is `prefix` followed by exactly `secret`, compared in constant time.
/// Use a secret of at least 32 random characters.
pub fn secret_path_matches(request_path: &str, prefix: &str, secret: &str) -> bool {
    let path = request_path.split(['?', '#']).next().unwrap_or("");
    let Some(given) = path.strip_prefix(prefix) else {
        return false;
    };
    let given = given.trim_end_matches('/');
    !secret.is_empty() && bool::from(given.as_bytes().ct_eq(secret.as_bytes()))
}

impl SyncroClient {
    /// Always `Unsupported`: Syncro's API has no webhook endpoint (the OpenAPI document lists
    /// none), so webhooks are set up by an admin in the web UI (Admin, Notification Center,
    /// Notification Sets), and [`Capability::ProvisionWebhooks`](psa_core::Capability) is not
    /// declared. Kept under the shared name so code written for Autotask and ConnectWise
    /// compiles and gets a clear answer.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = psa_syncro::SyncroClient::builder()
    ///     .base_url("https://acme.syncromsp.com/api/v1/").api_token("t").build().await?;
    /// let spec = psa_core::WebhookSpec::new("https://hooks.example.com/psa".parse()?);
    /// let err = client.ensure_webhooks(&spec).await.unwrap_err();
    /// assert_eq!(err.kind(), psa_core::ErrorKind::Unsupported);
    /// # Ok(()) }
    /// ```
    pub async fn ensure_webhooks(
        &self,
        _spec: &psa_core::WebhookSpec,
    ) -> psa_core::Result<psa_core::EnsureReport> {
        Err(Error::unsupported(
            psa_core::Vendor::Syncro,
            "webhook provisioning (the API has no webhook endpoint): add the URL in Admin > Notification Center > Notification Sets",
        ))
    }

    /// The ticket a webhook is about, fetched through the API (never taken from the body).
    /// A payload without a ticket id is a [`ErrorKind::Validation`] error.
    pub async fn ticket_from_webhook(&self, payload: &WebhookPayload) -> psa_core::Result<Ticket> {
        let id = payload.ticket_id().ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                format!(
                    "the webhook ({:?}) names no ticket",
                    self::first_line(&payload.text)
                ),
            )
        })?;
        self.tickets().get(id).await
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(text: &str, attrs: Value) -> WebhookPayload {
        WebhookPayload {
            text: text.into(),
            link: None,
            attributes: attrs,
            extra: Map::new(),
        }
    }

    #[test]
    fn events_from_the_first_line() {
        assert_eq!(
            hook("A Ticket was created\nbody", Value::Null).event(),
            WebhookEvent::TicketCreated
        );
        assert_eq!(
            hook("A Ticket was resolved", Value::Null).event(),
            WebhookEvent::TicketResolved
        );
        assert_eq!(
            hook(
                "A Ticket status was changed to Waiting on Customer",
                Value::Null
            )
            .event(),
            WebhookEvent::TicketStatusChanged("Waiting on Customer".into())
        );
        assert_eq!(
            hook("New Customer Created!", Value::Null).event(),
            WebhookEvent::CustomerCreated
        );
        assert_eq!(
            hook("New Contact Created!", Value::Null).event(),
            WebhookEvent::ContactCreated
        );
        assert_eq!(
            hook("RMM alert", Value::Null).event(),
            WebhookEvent::Unknown("RMM alert".into())
        );
    }

    #[test]
    fn ticket_ids() {
        assert_eq!(
            hook("A Ticket was created", serde_json::json!({"id": "12"})).ticket_id(),
            Some(12)
        );
        assert_eq!(
            hook("New Customer Created!", serde_json::json!({"id": 5})).ticket_id(),
            None
        );
        assert_eq!(
            hook(
                "A comment was added",
                serde_json::json!({"id": 5, "ticket_id": 9})
            )
            .ticket_id(),
            Some(9)
        );
        assert_eq!(hook("A Ticket was created", Value::Null).ticket_id(), None);
    }

    #[test]
    fn secret_paths() {
        assert!(secret_path_matches(
            "/hooks/syncro/abc123?x=1",
            "/hooks/syncro/",
            "abc123"
        ));
        assert!(secret_path_matches(
            "/hooks/syncro/abc123/",
            "/hooks/syncro/",
            "abc123"
        ));
        assert!(!secret_path_matches(
            "/hooks/syncro/abc124",
            "/hooks/syncro/",
            "abc123"
        ));
        assert!(!secret_path_matches(
            "/hooks/syncro/abc1234",
            "/hooks/syncro/",
            "abc123"
        ));
        assert!(!secret_path_matches(
            "/other/abc123",
            "/hooks/syncro/",
            "abc123"
        ));
        assert!(!secret_path_matches("/hooks/syncro/", "/hooks/syncro/", ""));
    }

    #[test]
    fn oversized_and_bad_bodies() {
        assert!(WebhookPayload::from_slice(&vec![b' '; MAX_BODY_BYTES + 1]).is_err());
        let e = WebhookPayload::from_slice(b"<html>").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
    }
}

impl WebhookPayload {
    /// The delivery as a vendor-neutral [`ChangeEvent`](psa_core::changes::ChangeEvent)
    /// (source `Push`), so webhooks and the [`ChangeFeed`](psa_core::changes::ChangeFeed) poll
    /// produce the same events. Check the secret path first ([`secret_path_matches`]).
    ///
    /// Ticket events (created, status changed, resolved, and events about a ticket's parts)
    /// become ticket changes; "New Customer Created!" and "New Contact Created!" become company
    /// and contact creations. The change time is `attributes.updated_at` when `attributes` is
    /// the record itself; Syncro's body is unsigned, so call
    /// [`ChangeFeed::confirm`](psa_core::changes::ChangeFeed::confirm) to take record and time
    /// from the API. Any other event, or one without an id, is a [`ErrorKind::Validation`]
    /// error.
    ///
    /// ```
    /// use psa_core::changes::{ChangeKind, EntityKind};
    /// use psa_syncro::webhooks::WebhookPayload;
    /// let body = br#"{"text":"A Ticket was resolved","attributes":{"id":88,"updated_at":"2024-05-01T06:00:00.123-04:00"}}"#;
    /// let e = WebhookPayload::from_slice(body).unwrap().to_change_event().unwrap();
    /// assert_eq!((e.entity, e.id, e.kind), (EntityKind::Ticket, 88, ChangeKind::Updated));
    /// assert!(e.changed_at.is_some());
    /// ```
    pub fn to_change_event(&self) -> psa_core::Result<psa_core::changes::ChangeEvent> {
        use psa_core::Vendor;
        use psa_core::changes::{ChangeEvent, ChangeKind, ChangeSource, EntityKind};
        let own_id = self
            .attributes
            .as_object()
            .and_then(|a| a.get("id"))
            .and_then(flex::to_i64);
        // (entity, kind, id, whether `attributes` is the record itself)
        let (entity, kind, id, own) = match self.event() {
            WebhookEvent::TicketCreated => (EntityKind::Ticket, ChangeKind::Created, own_id, true),
            WebhookEvent::TicketStatusChanged(_) | WebhookEvent::TicketResolved => {
                (EntityKind::Ticket, ChangeKind::Updated, own_id, true)
            }
            WebhookEvent::TicketOther(_) => {
                // A part of a ticket (comment, timer) names its ticket in `ticket_id`.
                let part_of = self
                    .attributes
                    .as_object()
                    .and_then(|a| a.get("ticket_id"))
                    .and_then(flex::to_i64);
                match part_of {
                    Some(t) => (EntityKind::Ticket, ChangeKind::Updated, Some(t), false),
                    None => (EntityKind::Ticket, ChangeKind::Updated, own_id, true),
                }
            }
            WebhookEvent::CustomerCreated => {
                (EntityKind::Company, ChangeKind::Created, own_id, true)
            }
            WebhookEvent::ContactCreated => {
                (EntityKind::Contact, ChangeKind::Created, own_id, true)
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "the Syncro webhook {:?} has no change event; ticket, new customer and \
                         new contact events do",
                        first_line(&self.text)
                    ),
                )
                .with_vendor(Vendor::Syncro));
            }
        };
        let id = id.filter(|id| *id > 0).ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                format!(
                    "the Syncro webhook {:?} names no {entity} id",
                    first_line(&self.text)
                ),
            )
            .with_vendor(Vendor::Syncro)
        })?;
        let mut event = ChangeEvent::new(Vendor::Syncro, entity, id, kind, ChangeSource::Push);
        let at = own
            .then(|| self.attributes.get("updated_at").and_then(|v| v.as_str()))
            .flatten()
            .and_then(psa_core::wire::parse_datetime);
        if let Some(at) = at {
            event = event.changed_at(at.to_offset(time::UtcOffset::UTC));
        }
        Ok(event)
    }
}

#[cfg(test)]
mod change_event_tests {
    use super::*;
    use psa_core::changes::{ChangeKind, EntityKind};

    fn event(body: &str) -> psa_core::Result<psa_core::changes::ChangeEvent> {
        WebhookPayload::from_slice(body.as_bytes())?.to_change_event()
    }

    #[test]
    fn customers_contacts_and_ticket_parts_map() {
        let e = event(r#"{"text":"New Customer Created!","attributes":{"id":5,"updated_at":"2024-05-01T10:00:00Z"}}"#).unwrap();
        assert_eq!(
            (e.entity, e.id, e.kind),
            (EntityKind::Company, 5, ChangeKind::Created)
        );
        assert_eq!(
            e.changed_at,
            Some(time::macros::datetime!(2024-05-01 10:00 UTC))
        );
        let e = event(r#"{"text":"New Contact Created!","attributes":{"id":6}}"#).unwrap();
        assert_eq!(
            (e.entity, e.id, e.changed_at),
            (EntityKind::Contact, 6, None)
        );
        // A comment's time is not the ticket's.
        let e = event(r#"{"text":"A Ticket comment was added","attributes":{"id":900,"ticket_id":88,"updated_at":"2024-05-01T10:00:00Z"}}"#).unwrap();
        assert_eq!(
            (e.entity, e.id, e.changed_at),
            (EntityKind::Ticket, 88, None)
        );
    }

    #[test]
    fn unknown_events_and_missing_ids_are_refused() {
        for body in [
            r#"{"text":"An Invoice was paid","attributes":{"id":1}}"#,
            r#"{"text":"A Ticket was created","attributes":{}}"#,
        ] {
            let e = event(body).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
        }
    }
}
