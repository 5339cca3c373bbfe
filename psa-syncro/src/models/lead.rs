use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::flex;

/// A Syncro lead (the CRM pipeline entry: `New`, `Opportunity`, `Won`, `Lost`…) as
/// `GET /leads` and `GET /leads/{id}` return it.
///
/// Syncro has no opportunity entity; a lead with a pipeline status is the closest concept and is
/// offered natively only (see `docs/syncro.md`).
///
/// ```
/// let l: psa_syncro::models::Lead = serde_json::from_str(
///     r#"{"id":1,"first_name":"Susy","last_name":"Ratke","business_then_name":"Klocko-Stracke","customer_id":1,"status":"New","zip":"","ticket_id":null}"#,
/// ).unwrap();
/// assert_eq!(l.status.as_deref(), Some("New"));
/// assert_eq!(l.display_name(), "Klocko-Stracke");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    /// Lead id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Business name, or the person's name when there is none.
    #[serde(default)]
    pub business_then_name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub phone: Option<String>,
    /// Mobile.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub mobile: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub zip: Option<String>,
    /// Pipeline status: `New`, `Lead`, `First Contact`, `Opportunity`, `Prospect`,
    /// `Waiting on Client`, `In Negotiation`, `Pending`, `Won` or `Lost` (spec).
    #[serde(default)]
    pub status: Option<String>,
    /// Subject of the ticket the lead becomes.
    #[serde(default)]
    pub ticket_subject: Option<String>,
    /// Description of the ticket the lead becomes.
    #[serde(default)]
    pub ticket_description: Option<String>,
    /// Problem type of the ticket the lead becomes.
    #[serde(default)]
    pub ticket_problem_type: Option<String>,
    /// The ticket made from this lead.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_id: Option<i64>,
    /// The customer.
    #[serde(default, with = "flex::opt_i64")]
    pub customer_id: Option<i64>,
    /// The contact.
    #[serde(default, with = "flex::opt_i64")]
    pub contact_id: Option<i64>,
    /// The mailbox the lead came from.
    #[serde(default, with = "flex::opt_i64")]
    pub mailbox_id: Option<i64>,
    /// Mailbox name.
    #[serde(default)]
    pub mailbox_name: Option<String>,
    /// Has attachments.
    #[serde(default, with = "flex::opt_bool")]
    pub has_attachments: Option<bool>,
    /// Read.
    #[serde(default, with = "flex::opt_bool")]
    pub message_read: Option<bool>,
    /// Assigned user.
    #[serde(default, with = "flex::opt_i64")]
    pub user_id: Option<i64>,
    /// Location.
    #[serde(default, with = "flex::opt_i64")]
    pub location_id: Option<i64>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else (opportunity amount, likelihood, properties…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Lead {
    /// Business name, else first + last name, else `#id`.
    pub fn display_name(&self) -> String {
        if let Some(b) = self
            .business_then_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            return b.to_string();
        }
        let joined = format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or(""),
            self.last_name.as_deref().unwrap_or("")
        );
        let t = joined.trim();
        if t.is_empty() {
            format!("#{}", self.id)
        } else {
            t.to_string()
        }
    }
}

/// The body of `POST /leads` and `PUT /leads/{id}` (flat, as the spec's request schema).
/// Fields left `None` are not sent.
///
/// ```
/// use psa_syncro::models::LeadInput;
/// let body = LeadInput::new().first_name("Ann").business_name("Acme").status("Opportunity").opportunity_amount_dollars(1200.0);
/// let json = serde_json::to_value(&body).unwrap();
/// assert_eq!(json["business_name"], "Acme");
/// assert_eq!(json["opportunity_amount_dollars"], 1200.0);
/// assert!(json.get("email").is_none());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LeadInput {
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Business name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Mobile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    /// Pipeline status (see [`Lead::status`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Existing customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    /// Existing contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<i64>,
    /// Assigned user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Subject of the ticket the lead becomes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_subject: Option<String>,
    /// Description of the ticket the lead becomes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_description: Option<String>,
    /// Problem type of the ticket the lead becomes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_problem_type: Option<String>,
    /// Opportunity amount, in dollars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunity_amount_dollars: Option<f64>,
    /// Likelihood to close, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<i64>,
    /// Opportunity start.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub opportunity_start_date: Option<OffsetDateTime>,
}

macro_rules! setters {
    ($($name:ident: $t:ty => $conv:expr),* $(,)?) => {
        $(
            #[doc = concat!("Sets `", stringify!($name), "`.")]
            pub fn $name(mut self, v: $t) -> Self {
                self.$name = Some($conv(v));
                self
            }
        )*
    };
}

impl LeadInput {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        first_name: impl Into<String> => Into::into,
        last_name: impl Into<String> => Into::into,
        business_name: impl Into<String> => Into::into,
        email: impl Into<String> => Into::into,
        phone: impl Into<String> => Into::into,
        mobile: impl Into<String> => Into::into,
        status: impl Into<String> => Into::into,
        customer_id: i64 => std::convert::identity,
        contact_id: i64 => std::convert::identity,
        user_id: i64 => std::convert::identity,
        ticket_subject: impl Into<String> => Into::into,
        ticket_description: impl Into<String> => Into::into,
        ticket_problem_type: impl Into<String> => Into::into,
        opportunity_amount_dollars: f64 => std::convert::identity,
        likelihood: i64 => std::convert::identity,
        opportunity_start_date: OffsetDateTime => std::convert::identity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_spec_example_and_keeps_extras() {
        let l: Lead = serde_json::from_value(serde_json::json!({
            "id": 1, "first_name": "Susy", "last_name": "Ratke", "email": "walkin@somedomain.com",
            "phone": "", "mobile": "", "created_at": "2019-10-23T06:49:14.560Z",
            "updated_at": "2019-10-23T06:49:14.560Z", "address": "", "city": "", "state": "",
            "zip": "", "ticket_subject": null, "ticket_description": null,
            "ticket_problem_type": null, "ticket_id": null, "customer_id": 1, "contact_id": null,
            "mailbox_id": null, "mailbox_name": null, "business_then_name": "Klocko-Stracke",
            "has_attachments": false, "message_read": false, "status": "New", "user_id": null,
            "location_id": null, "likelihood": 40
        }))
        .unwrap();
        assert_eq!(l.customer_id, Some(1));
        assert_eq!(l.ticket_id, None);
        assert_eq!(l.created_at.map(|t| t.year()), Some(2019));
        assert_eq!(l.extra["likelihood"], 40);
    }

    #[test]
    fn an_id_of_the_wrong_shape_fails_the_record() {
        assert!(serde_json::from_str::<Lead>(r#"{"id":{"x":1}}"#).is_err());
    }

    #[test]
    fn display_name_falls_back_to_the_person_then_the_id() {
        let l: Lead =
            serde_json::from_str(r#"{"id":7,"first_name":"Ann","last_name":null}"#).unwrap();
        assert_eq!(l.display_name(), "Ann");
        let l: Lead = serde_json::from_str(r#"{"id":7}"#).unwrap();
        assert_eq!(l.display_name(), "#7");
    }
}
