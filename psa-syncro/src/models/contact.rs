use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::flex;

/// A contact of a customer, as `GET /contacts` lists it and `GET /contacts/{id}` returns it
/// (the detail is *not* wrapped in `{"contact":…}`).
///
/// ```
/// let c: psa_syncro::models::Contact = serde_json::from_str(
///     r#"{"id":1,"name":"Boba Fett","email":"jarviscorwin@hanefeeney.io","customer_id":1,"properties":{"title":"Hunter"}}"#,
/// ).unwrap();
/// assert_eq!(c.title(), Some("Hunter"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Contact id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub phone: Option<String>,
    /// Mobile.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub mobile: Option<String>,
    /// Phone extension.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub extension: Option<String>,
    /// Address line 1.
    #[serde(default)]
    pub address1: Option<String>,
    /// Address line 2.
    #[serde(default)]
    pub address2: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub zip: Option<String>,
    /// Latitude.
    #[serde(default)]
    pub latitude: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub longitude: Option<f64>,
    /// The customer the contact belongs to.
    #[serde(default, with = "flex::opt_i64")]
    pub customer_id: Option<i64>,
    /// Account.
    #[serde(default, with = "flex::opt_i64")]
    pub account_id: Option<i64>,
    /// Vendor (for vendor contacts).
    #[serde(default, with = "flex::opt_i64")]
    pub vendor_id: Option<i64>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Custom fields; the contact's title is stored as `properties.title`.
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub properties: Map<String, Value>,
    /// Opted out.
    #[serde(default, with = "flex::opt_bool")]
    pub opt_out: Option<bool>,
    /// Normalised phone.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub processed_phone: Option<String>,
    /// Normalised mobile.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub processed_mobile: Option<String>,
    /// Extra addresses whose emails are matched to this contact's tickets.
    #[serde(default)]
    pub ticket_matching_emails: Option<Value>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Contact {
    /// The contact's title (`properties.title`).
    pub fn title(&self) -> Option<&str> {
        self.properties.get("title").and_then(Value::as_str)
    }

    /// Whether the contact's email (or one of its ticket-matching emails) equals `email`,
    /// ignoring case and surrounding spaces.
    pub fn has_email(&self, email: &str) -> bool {
        let want = email.trim();
        if want.is_empty() {
            return false;
        }
        let eq = |s: &str| s.trim().eq_ignore_ascii_case(want);
        if self.email.as_deref().is_some_and(eq) {
            return true;
        }
        match &self.ticket_matching_emails {
            Some(Value::String(s)) => s.split([',', ';', ' ', '\n']).any(eq),
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(eq),
            _ => false,
        }
    }
}
