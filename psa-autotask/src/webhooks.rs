//! Receiving Autotask webhook deliveries: signature verification and the typed payload.
//!
//! Autotask signs each delivery with the webhook's secret key:
//! `X-Hook-Signature: sha1=<base64(HMAC-SHA1(key = secretKey, message = raw body))>`. Verify the
//! raw bytes as received, before parsing. `Deactivated` deliveries are not signed.
//!
//! ```
//! use psa_autotask::webhooks::{WebhookPayload, verify_signature};
//! use secrecy::SecretString;
//!
//! // Vector computed independently:
//! // python3 -c 'import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b"s3cr3t",b"{\"Action\":\"Update\",\"Id\":1}",hashlib.sha1).digest()).decode())'
//! let body = br#"{"Action":"Update","Id":1}"#;
//! let mut headers = http::HeaderMap::new();
//! headers.insert("X-Hook-Signature", "sha1=WlHSZBy/eVJXFrBYNV26W1y/TBY=".parse().unwrap());
//! verify_signature(&SecretString::from("s3cr3t"), &headers, body)?;
//! let payload = WebhookPayload::parse(body)?;
//! assert_eq!(payload.id, 1);
//! # Ok::<(), psa_core::Error>(())
//! ```

use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use psa_core::{Error, ErrorKind, Result, Vendor};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha1::Sha1;
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Hook-Signature";

/// How signatures are checked.
///
/// ```
/// let o = psa_autotask::webhooks::VerifyOptions::default();
/// assert!(!o.allow_reescaped_body);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Also accept a signature computed over the body re-escaped the .NET way (`& < > ' " \` +`
    /// and non-ASCII characters as `\uXXXX` inside strings). Some deliveries were reported to
    /// verify only like this; off by default because the documented signature is over the raw
    /// body.
    pub allow_reescaped_body: bool,
}

impl VerifyOptions {
    /// Enables the re-escaped fallback.
    pub fn allow_reescaped_body(mut self, v: bool) -> Self {
        self.allow_reescaped_body = v;
        self
    }
}

/// Verifies `X-Hook-Signature` over the raw body with a constant-time compare.
///
/// Fails with [`ErrorKind::Unauthenticated`] when the header is missing or malformed or the
/// signature does not match.
pub fn verify_signature(secret: &SecretString, headers: &HeaderMap, raw_body: &[u8]) -> Result<()> {
    verify_signature_with(secret, headers, raw_body, VerifyOptions::default())
}

/// [`verify_signature`] with options.
pub fn verify_signature_with(
    secret: &SecretString,
    headers: &HeaderMap,
    raw_body: &[u8],
    options: VerifyOptions,
) -> Result<()> {
    let header = headers
        .get(SIGNATURE_HEADER)
        .ok_or_else(|| reject("the X-Hook-Signature header is missing"))?
        .to_str()
        .map_err(|_| reject("the X-Hook-Signature header is not text"))?;
    let given = parse_signature(header)?;
    if matches(secret, raw_body, &given) {
        return Ok(());
    }
    if options.allow_reescaped_body
        && let Ok(text) = std::str::from_utf8(raw_body)
    {
        for upper in [true, false] {
            let escaped = reescape(text, upper);
            if escaped != text && matches(secret, escaped.as_bytes(), &given) {
                return Ok(());
            }
        }
    }
    Err(reject(
        "the X-Hook-Signature does not match the body and the webhook's secret key",
    ))
}

/// The signature header value Autotask would send for `body`: `sha1=<base64>`.
///
/// ```
/// use secrecy::SecretString;
/// let sig = psa_autotask::webhooks::sign(&SecretString::from("s3cr3t"), br#"{"Action":"Update","Id":1}"#);
/// assert_eq!(sig, "sha1=WlHSZBy/eVJXFrBYNV26W1y/TBY=");
/// ```
pub fn sign(secret: &SecretString, body: &[u8]) -> String {
    format!(
        "sha1={}",
        base64::engine::general_purpose::STANDARD.encode(digest(secret, body))
    )
}

fn digest(secret: &SecretString, body: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail; fall back to an empty
    // MAC rather than panic.
    match Hmac::<Sha1>::new_from_slice(secret.expose_secret().as_bytes()) {
        Ok(mut mac) => {
            mac.update(body);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn matches(secret: &SecretString, body: &[u8], given: &[u8]) -> bool {
    let expected = digest(secret, body);
    !expected.is_empty() && expected.len() == given.len() && bool::from(expected.ct_eq(given))
}

fn parse_signature(header: &str) -> Result<Vec<u8>> {
    let v = header.trim();
    let b64 = match v.split_once('=') {
        Some((alg, rest)) if alg.eq_ignore_ascii_case("sha1") => rest,
        _ => {
            return Err(reject(
                "the X-Hook-Signature header is not of the form sha1=<base64>",
            ));
        }
    };
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| reject("the X-Hook-Signature value is not valid base64"))
}

fn reject(message: &str) -> Error {
    Error::new(ErrorKind::Unauthenticated, message)
        .with_vendor(Vendor::Autotask)
        .with_hint("check that the receiver uses the webhook's secretKey and hashes the raw body exactly as received")
}

/// Re-escapes string contents of a JSON text the way .NET serializers do.
fn reescape(json: &str, upper_hex: bool) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    let hex = |out: &mut String, unit: u16| {
        if upper_hex {
            out.push_str(&format!("\\u{unit:04X}"));
        } else {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    };
    for c in json.chars() {
        if escaped {
            escaped = false;
            if c == '"' {
                // `\"` becomes `\u0022`.
                out.pop();
                hex(&mut out, 0x22);
            } else {
                out.push(c);
            }
            continue;
        }
        match c {
            '\\' if in_string => {
                escaped = true;
                out.push(c);
            }
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '&' | '<' | '>' | '\'' | '`' | '+' if in_string => hex(&mut out, c as u16),
            c if in_string && !c.is_ascii() => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    hex(&mut out, *unit);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// What happened to the record.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WebhookAction {
    /// Created.
    Create,
    /// Updated.
    Update,
    /// Deleted.
    Delete,
    /// The webhook itself was deactivated (such deliveries are not signed).
    Deactivated,
    /// An action this crate does not know.
    Unknown(String),
}

impl WebhookAction {
    fn parse(s: &str) -> Self {
        match s.trim().to_ascii_lowercase().as_str() {
            "create" => WebhookAction::Create,
            "update" => WebhookAction::Update,
            "delete" => WebhookAction::Delete,
            "deactivated" => WebhookAction::Deactivated,
            _ => WebhookAction::Unknown(s.to_string()),
        }
    }
}

impl fmt::Display for WebhookAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookAction::Create => f.write_str("Create"),
            WebhookAction::Update => f.write_str("Update"),
            WebhookAction::Delete => f.write_str("Delete"),
            WebhookAction::Deactivated => f.write_str("Deactivated"),
            WebhookAction::Unknown(s) => f.write_str(s),
        }
    }
}

impl Serialize for WebhookAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for WebhookAction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(WebhookAction::parse(&s))
    }
}

/// One webhook delivery, as Autotask POSTs it.
///
/// `entity_type` uses Autotask's legacy names (`Ticket`, `TicketNote`, `Account` for
/// companies, `Contact`, `InstalledProduct` for configuration items). `fields` holds the
/// changed and always-sent fields with their raw values. `sequence_number` can have gaps.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookPayload {
    /// Create, Update, Delete or Deactivated.
    #[serde(rename = "Action")]
    pub action: WebhookAction,
    /// The webhook's GUID (or the event's id, depending on the source).
    #[serde(rename = "Guid", default)]
    pub guid: Option<String>,
    /// The entity type (`Ticket`).
    #[serde(rename = "EntityType", default)]
    pub entity_type: String,
    /// The record's id.
    #[serde(rename = "Id", default, with = "crate::models::wire::int_or_zero")]
    pub id: i64,
    /// The fields sent.
    #[serde(rename = "Fields", default)]
    pub fields: Map<String, Value>,
    /// When the event happened (UTC).
    #[serde(rename = "EventTime", default, with = "crate::models::wire::opt")]
    pub event_time: Option<OffsetDateTime>,
    /// The delivery's sequence number.
    #[serde(rename = "SequenceNumber", default, with = "crate::models::wire::opt")]
    pub sequence_number: Option<i64>,
    /// The resource or contact who made the change.
    #[serde(rename = "PersonID", default, with = "crate::models::wire::opt")]
    pub person_id: Option<i64>,
    /// Anything else in the delivery.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl WebhookPayload {
    /// Parses a delivery body. Verify the signature on the same bytes first.
    pub fn parse(raw_body: &[u8]) -> Result<Self> {
        serde_json::from_slice(raw_body).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!(
                    "not an Autotask webhook delivery ({e}): {}",
                    psa_core::error::truncate_body(raw_body)
                ),
            )
            .with_vendor(Vendor::Autotask)
        })
    }

    /// A field's value as a whole number (Autotask sends picklist values as numbers or text).
    pub fn field_i64(&self, name: &str) -> Option<i64> {
        use crate::models::wire::WireValue;
        let v = self
            .fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())?;
        i64::from_wire(v).ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reescaping_follows_the_dotnet_rules() {
        let raw = r#"{"Fields":{"title":"A & B <x> 'y' `z` 1+1 \"q\" é 😀"},"n":1+2}"#;
        let up = reescape(raw, true);
        assert_eq!(
            up,
            r#"{"Fields":{"title":"A \u0026 B \u003Cx\u003E \u0027y\u0027 \u0060z\u0060 1\u002B1 \u0022q\u0022 \u00E9 \uD83D\uDE00"},"n":1+2}"#
        );
        assert!(reescape(raw, false).contains(r"\u003cx\u003e"));
        let plain = r#"{"a":"plain","b":[1,2]}"#;
        assert_eq!(reescape(plain, true), plain);
    }

    #[test]
    fn malformed_headers_are_rejected_not_panicking() {
        let s = SecretString::from("k");
        for v in ["", "sha256=abc", "sha1=***", "nonsense"] {
            let mut h = HeaderMap::new();
            h.insert(SIGNATURE_HEADER, v.parse().unwrap());
            let e = verify_signature(&s, &h, b"{}").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Unauthenticated, "{v}");
        }
        let e = verify_signature(&s, &HeaderMap::new(), b"{}").unwrap_err();
        assert!(e.message().contains("missing"));
    }
}

impl WebhookPayload {
    /// The delivery as a vendor-neutral [`ChangeEvent`](psa_core::changes::ChangeEvent)
    /// (source `Push`), so webhooks and the [`ChangeFeed`](psa_core::changes::ChangeFeed) poll
    /// produce the same events. Verify the signature first.
    ///
    /// `Ticket`, `Account`/`Company` and `Contact` deliveries are supported. The change time is
    /// the record's last-modified field when the webhook sends it (`lastActivityDate` for
    /// tickets, `lastTrackedModifiedDateTime` for companies, `lastModifiedDate` for contacts —
    /// the fields the poll uses); otherwise it is `None` and
    /// [`ChangeFeed::confirm`](psa_core::changes::ChangeFeed::confirm) fills it from the API.
    /// A deactivation notice, another entity type or a delivery without an id is a
    /// [`ErrorKind::Validation`] error.
    ///
    /// ```
    /// use psa_autotask::WebhookPayload;
    /// use psa_core::changes::{ChangeKind, EntityKind};
    /// let body = br#"{"Action":"Update","Guid":"g","EntityType":"Ticket","Id":7,
    ///   "Fields":{"status":5,"lastActivityDate":"2024-05-01T10:00:00.123Z"},
    ///   "EventTime":"2024-05-01T10:00:01Z","SequenceNumber":3,"PersonID":29682885}"#;
    /// let e = WebhookPayload::parse(body).unwrap().to_change_event().unwrap();
    /// assert_eq!((e.entity, e.id, e.kind), (EntityKind::Ticket, 7, ChangeKind::Updated));
    /// assert!(e.changed_at.is_some());
    /// ```
    pub fn to_change_event(&self) -> Result<psa_core::changes::ChangeEvent> {
        use crate::models::wire::WireValue;
        use psa_core::changes::{ChangeEvent, ChangeKind, ChangeSource, EntityKind};
        let (entity, time_field) = match self.entity_type.trim().to_ascii_lowercase().as_str() {
            "ticket" | "tickets" => (EntityKind::Ticket, "lastActivityDate"),
            "account" | "company" | "companies" => {
                (EntityKind::Company, "lastTrackedModifiedDateTime")
            }
            "contact" | "contacts" => (EntityKind::Contact, "lastModifiedDate"),
            other => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "an Autotask {other:?} webhook has no change event; tickets, \
                         companies (Account) and contacts do"
                    ),
                )
                .with_vendor(Vendor::Autotask));
            }
        };
        let kind = match &self.action {
            WebhookAction::Create => ChangeKind::Created,
            WebhookAction::Update => ChangeKind::Updated,
            WebhookAction::Delete => ChangeKind::Deleted,
            WebhookAction::Deactivated => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    "an Autotask webhook deactivation notice is about the webhook, not a \
                     record; re-activate the webhook and poll to catch up",
                )
                .with_vendor(Vendor::Autotask));
            }
            _ => ChangeKind::Unknown,
        };
        if self.id <= 0 {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "the Autotask {} webhook delivery has no record id",
                    self.entity_type
                ),
            )
            .with_vendor(Vendor::Autotask));
        }
        let mut event =
            ChangeEvent::new(Vendor::Autotask, entity, self.id, kind, ChangeSource::Push);
        let at = self
            .fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(time_field))
            .and_then(|(_, v)| OffsetDateTime::from_wire(v.clone()).ok().flatten());
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

    #[test]
    fn companies_and_contacts_map_with_their_modified_fields() {
        let body = br#"{"Action":"Create","EntityType":"Account","Id":30,
            "Fields":{"lastTrackedModifiedDateTime":"2024-05-01T10:00:00Z"}}"#;
        let e = WebhookPayload::parse(body)
            .unwrap()
            .to_change_event()
            .unwrap();
        assert_eq!(
            (e.entity, e.id, e.kind),
            (EntityKind::Company, 30, ChangeKind::Created)
        );
        assert_eq!(
            e.changed_at,
            Some(time::macros::datetime!(2024-05-01 10:00 UTC))
        );
        let body = br#"{"Action":"Delete","EntityType":"Contact","Id":31,"Fields":{}}"#;
        let e = WebhookPayload::parse(body)
            .unwrap()
            .to_change_event()
            .unwrap();
        assert_eq!(
            (e.entity, e.kind, e.changed_at),
            (EntityKind::Contact, ChangeKind::Deleted, None)
        );
    }

    #[test]
    fn other_entities_deactivations_and_missing_ids_are_refused() {
        for body in [
            &br#"{"Action":"Update","EntityType":"InstalledProduct","Id":1}"#[..],
            br#"{"Action":"Deactivated","EntityType":"Ticket","Id":1}"#,
            br#"{"Action":"Update","EntityType":"Ticket","Id":0}"#,
        ] {
            let e = WebhookPayload::parse(body)
                .unwrap()
                .to_change_event()
                .unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
        }
    }
}
