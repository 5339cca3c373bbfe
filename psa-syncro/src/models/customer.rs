use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Contact, flex};

/// A Syncro customer (a company or a person) as `GET /customers` and `GET /customers/{id}`
/// return it.
///
/// ```
/// let c: psa_syncro::models::Customer = serde_json::from_str(
///     r#"{"id":1,"firstname":"Walkin","lastname":"Customer","business_name":null,"business_then_name":"Walkin Customer","disabled":false,"zip":2293}"#,
/// ).unwrap();
/// assert_eq!(c.display_name(), "Walkin Customer");
/// assert_eq!(c.zip.as_deref(), Some("2293"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Customer id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// First name.
    #[serde(default)]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default)]
    pub lastname: Option<String>,
    /// First and last name.
    #[serde(default)]
    pub fullname: Option<String>,
    /// Business name (`null` for a person).
    #[serde(default)]
    pub business_name: Option<String>,
    /// Business name, or the person's name when there is none.
    #[serde(default)]
    pub business_then_name: Option<String>,
    /// Business and person name together.
    #[serde(default)]
    pub business_and_full_name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub phone: Option<String>,
    /// Mobile.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub mobile: Option<String>,
    /// Address line 1.
    #[serde(default)]
    pub address: Option<String>,
    /// Address line 2.
    #[serde(default)]
    pub address_2: Option<String>,
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
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Disabled (inactive) customer.
    #[serde(default, with = "flex::opt_bool")]
    pub disabled: Option<bool>,
    /// Never email this customer.
    #[serde(default, with = "flex::opt_bool")]
    pub no_email: Option<bool>,
    /// Opted out of marketing.
    #[serde(default, with = "flex::opt_bool")]
    pub opt_out: Option<bool>,
    /// Receives SMS.
    #[serde(default, with = "flex::opt_bool")]
    pub get_sms: Option<bool>,
    /// Custom fields by name.
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub properties: Map<String, Value>,
    /// Customer portal link.
    #[serde(default)]
    pub online_profile_url: Option<String>,
    /// Tax rate.
    #[serde(default, with = "flex::opt_i64")]
    pub tax_rate_id: Option<i64>,
    /// Invoice term.
    #[serde(default, with = "flex::opt_i64")]
    pub invoice_term_id: Option<i64>,
    /// Referring customer.
    #[serde(default, with = "flex::opt_i64")]
    pub ref_customer_id: Option<i64>,
    /// Referral text.
    #[serde(default)]
    pub referred_by: Option<String>,
    /// Location id.
    #[serde(default, with = "flex::opt_i64")]
    pub location_id: Option<i64>,
    /// Location name.
    #[serde(default)]
    pub location_name: Option<String>,
    /// Address for notifications.
    #[serde(default)]
    pub notification_email: Option<String>,
    /// CC addresses for invoices.
    #[serde(default)]
    pub invoice_cc_emails: Option<String>,
    /// PDF link.
    #[serde(default)]
    pub pdf_url: Option<String>,
    /// The customer's contacts.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub contacts: Vec<Contact>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else (the detail adds phones, addresses, contracts, links…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Customer {
    /// The name Syncro shows: business name, else full name, else first + last, else `#id`.
    pub fn display_name(&self) -> String {
        let non_empty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        non_empty(&self.business_then_name)
            .or_else(|| non_empty(&self.business_name))
            .or_else(|| non_empty(&self.fullname))
            .or_else(|| {
                let joined = format!(
                    "{} {}",
                    self.firstname.as_deref().unwrap_or(""),
                    self.lastname.as_deref().unwrap_or("")
                );
                let t = joined.trim();
                (!t.is_empty()).then(|| t.to_string())
            })
            .unwrap_or_else(|| format!("#{}", self.id))
    }
}
