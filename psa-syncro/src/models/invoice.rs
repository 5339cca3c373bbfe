use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::flex;

/// A Syncro invoice as `GET /invoices` lists it (read-only here).
///
/// Money fields arrive as decimal strings (`"0.0"`) and are kept as text, so no amount is
/// rounded by a float.
///
/// ```
/// let i: psa_syncro::models::Invoice = serde_json::from_str(
///     r#"{"id":6,"customer_id":2,"number":"4444","total":"12.5","is_paid":false,"ticket_id":1}"#,
/// ).unwrap();
/// assert_eq!(i.total.as_deref(), Some("12.5"));
/// assert_eq!(i.is_paid, Some(false));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    /// Invoice id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// Customer.
    #[serde(default, with = "flex::opt_i64")]
    pub customer_id: Option<i64>,
    /// Customer name.
    #[serde(default)]
    pub customer_business_then_name: Option<String>,
    /// Invoice number (text).
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub number: Option<String>,
    /// Invoice date.
    #[serde(default, with = "flex::opt_timestamp")]
    pub date: Option<OffsetDateTime>,
    /// Subtotal, as the decimal text the API sends.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub subtotal: Option<String>,
    /// Total, as decimal text.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub total: Option<String>,
    /// Tax, as decimal text.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub tax: Option<String>,
    /// Paid (verified).
    #[serde(default, with = "flex::opt_bool")]
    pub verified_paid: Option<bool>,
    /// Marked paid by a technician.
    #[serde(default, with = "flex::opt_bool")]
    pub tech_marked_paid: Option<bool>,
    /// Paid.
    #[serde(default, with = "flex::opt_bool")]
    pub is_paid: Option<bool>,
    /// The ticket invoiced.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_id: Option<i64>,
    /// Contact.
    #[serde(default, with = "flex::opt_i64")]
    pub contact_id: Option<i64>,
    /// Technician.
    #[serde(default, with = "flex::opt_i64")]
    pub user_id: Option<i64>,
    /// Location.
    #[serde(default, with = "flex::opt_i64")]
    pub location_id: Option<i64>,
    /// Purchase order number.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub po_number: Option<String>,
    /// Note.
    #[serde(default)]
    pub note: Option<String>,
    /// PDF link.
    #[serde(default)]
    pub pdf_url: Option<String>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else (`due_date`, `hardwarecost`, line items of the detail…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
