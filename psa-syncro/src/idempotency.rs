//! Where a ticket's idempotency key is stored, so `GET /tickets?query=` finds it again.
//!
//! Syncro has no idempotency header and no external-id field. The key is stored with the ticket
//! (by default in a ticket property, optionally as a marker at the end of the subject), looked up
//! with the `query` search after an ambiguous failure, and every search hit is checked *exactly*
//! in the client before it is trusted, because `query` is a fuzzy free-text search.

use psa_core::Vendor;
use psa_core::idempotency::{KeyChars, KeyRules};
use serde_json::Value;

use crate::models::{Ticket, TicketInput};

/// The default ticket property that holds the key.
pub const DEFAULT_PROPERTY: &str = "psa_idempotency_key";

const SUBJECT_PREFIX: &str = " [psa:";

/// Where the idempotency key goes on the ticket.
///
/// ```
/// use psa_syncro::IdempotencyMarker;
/// let m = IdempotencyMarker::Subject;
/// assert_eq!(m.subject_with_marker("Printer offline", "chat-7f3a"), "Printer offline [psa:chat-7f3a]");
/// assert_eq!(IdempotencyMarker::strip_subject("Printer offline [psa:chat-7f3a]"), "Printer offline");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyMarker {
    /// A ticket property (custom field) of this name (default [`DEFAULT_PROPERTY`]). Invisible in
    /// ticket emails; relies on the account keeping and searching the property.
    Property(String),
    /// ` [psa:KEY]` at the end of the subject. Visible to technicians and in customer emails,
    /// but the subject is always stored and searched. The connector strips it from titles.
    Subject,
}

impl Default for IdempotencyMarker {
    fn default() -> Self {
        IdempotencyMarker::Property(DEFAULT_PROPERTY.to_string())
    }
}

impl IdempotencyMarker {
    /// Stores `key` in `input`.
    pub fn apply(&self, input: &mut TicketInput, key: &str) {
        match self {
            IdempotencyMarker::Property(name) => {
                input
                    .properties
                    .get_or_insert_with(Default::default)
                    .insert(name.clone(), Value::String(key.to_string()));
            }
            IdempotencyMarker::Subject => {
                let subject = input.subject.clone().unwrap_or_default();
                input.subject = Some(self.subject_with_marker(&subject, key));
            }
        }
    }

    /// The subject with the marker appended.
    pub fn subject_with_marker(&self, subject: &str, key: &str) -> String {
        format!("{subject}{SUBJECT_PREFIX}{key}]")
    }

    /// The subject without a trailing ` [psa:KEY]` marker.
    pub fn strip_subject(subject: &str) -> &str {
        match subject_marker(subject) {
            Some((rest, _)) => rest,
            None => subject,
        }
    }

    /// The key stored on a ticket, in the configured property or in a subject marker.
    pub fn key_of<'t>(&self, ticket: &'t Ticket) -> Option<&'t str> {
        self.key_in(&ticket.properties, ticket.subject.as_deref())
    }

    /// [`key_of`](Self::key_of) from a ticket's properties and subject.
    pub(crate) fn key_in<'t>(
        &self,
        properties: &'t serde_json::Map<String, Value>,
        subject: Option<&'t str>,
    ) -> Option<&'t str> {
        if let IdempotencyMarker::Property(name) = self
            && let Some(k) = properties
                .get(name)
                .and_then(Value::as_str)
                .filter(|k| !k.is_empty())
        {
            return Some(k);
        }
        subject.and_then(subject_marker).map(|(_, k)| k)
    }

    /// Whether `ticket` carries exactly `key` (in the property or the subject marker).
    pub fn matches(&self, ticket: &Ticket, key: &str) -> bool {
        self.key_of(ticket) == Some(key)
    }
}

fn subject_marker(subject: &str) -> Option<(&str, &str)> {
    let body = subject.strip_suffix(']')?;
    let at = body.rfind(SUBJECT_PREFIX)?;
    let key = &body[at + SUBJECT_PREFIX.len()..];
    if key.is_empty() || key.contains(']') {
        return None;
    }
    Some((&subject[..at], key))
}

/// Where Syncro idempotency keys must fit: one term of the free-text ticket search, 1 to 64
/// characters of `A-Z a-z 0-9 - _ .` (case is kept and significant).
///
/// ```
/// use psa_syncro::IDEMPOTENCY_KEY_RULES;
/// assert!(IDEMPOTENCY_KEY_RULES.check("chat-7f3a_1.2").is_ok());
/// assert!(IDEMPOTENCY_KEY_RULES.check("has space").is_err());
/// ```
pub const IDEMPOTENCY_KEY_RULES: KeyRules =
    KeyRules::new(Vendor::Syncro, "idempotency_key", 64, KeyChars::SearchTerm);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_marker_round_trip() {
        let m = IdempotencyMarker::default();
        let mut input = TicketInput::new().subject("x");
        m.apply(&mut input, "k-1");
        let ticket: Ticket = serde_json::from_value(
            serde_json::json!({"id": 1, "subject": "x", "properties": input.properties}),
        )
        .unwrap();
        assert!(m.matches(&ticket, "k-1"));
        assert!(!m.matches(&ticket, "k-10"));
        assert!(!m.matches(&ticket, "k"));
    }

    #[test]
    fn subject_marker_round_trip() {
        let m = IdempotencyMarker::Subject;
        let mut input = TicketInput::new().subject("Printer [HP] offline");
        m.apply(&mut input, "k-1");
        let subject = input.subject.unwrap();
        let ticket: Ticket =
            serde_json::from_value(serde_json::json!({"id": 1, "subject": subject})).unwrap();
        assert!(m.matches(&ticket, "k-1"));
        assert!(
            IdempotencyMarker::default().matches(&ticket, "k-1"),
            "subject markers are recognised in any mode"
        );
        assert_eq!(
            IdempotencyMarker::strip_subject(ticket.subject.as_deref().unwrap()),
            "Printer [HP] offline"
        );
        assert_eq!(
            IdempotencyMarker::strip_subject("Printer [HP] offline"),
            "Printer [HP] offline"
        );
    }
}
