//! Contacts (`/company/contacts`).

use serde::Deserialize;
use serde_json::{Map, Value};

use super::common::{CustomField, Info, Reference, Sensitive};
use super::de;

/// A contact at a company, every documented field, unknown fields kept.
///
/// Email addresses live in [`communication_items`](Self::communication_items) (entries with
/// `communicationType: "Email"`); [`email`](Self::email) picks the default one.
///
/// ```
/// let c: psa_connectwise::models::Contact = serde_json::from_value(serde_json::json!({
///     "id": 7, "firstName": "Ada", "lastName": "Lovelace", "company": {"id": 2, "identifier": "Contoso"},
///     "communicationItems": [
///         {"id": 1, "type": {"id": 2, "name": "Direct"}, "value": "555-0100", "defaultFlag": true, "communicationType": "Phone"},
///         {"id": 2, "type": {"id": 1, "name": "Email"}, "value": "ada@old.example", "defaultFlag": false, "communicationType": "Email"},
///         {"id": 3, "type": {"id": 1, "name": "Email"}, "value": "ada@contoso.example", "defaultFlag": true, "communicationType": "Email"}
///     ]
/// })).unwrap();
/// assert_eq!(c.email(), Some("ada@contoso.example"));
/// assert_eq!(c.emails(), ["ada@contoso.example", "ada@old.example"]);
/// assert_eq!(c.phone(), Some("555-0100"));
/// assert_eq!(c.full_name(), "Ada Lovelace");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Contact {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// First name: `firstName`.
    #[serde(rename = "firstName", default, deserialize_with = "de::opt_string")]
    pub first_name: Option<String>,
    /// Last name: `lastName`.
    #[serde(rename = "lastName", default, deserialize_with = "de::opt_string")]
    pub last_name: Option<String>,
    /// Company (a reference): `company`.
    #[serde(rename = "company", default)]
    pub company: Option<Reference>,
    /// Site (a reference): `site`.
    #[serde(rename = "site", default)]
    pub site: Option<Reference>,
    /// Address line1: `addressLine1`.
    #[serde(rename = "addressLine1", default, deserialize_with = "de::opt_string")]
    pub address_line1: Option<String>,
    /// Address line2: `addressLine2`.
    #[serde(rename = "addressLine2", default, deserialize_with = "de::opt_string")]
    pub address_line2: Option<String>,
    /// City: `city`.
    #[serde(rename = "city", default, deserialize_with = "de::opt_string")]
    pub city: Option<String>,
    /// State: `state`.
    #[serde(rename = "state", default, deserialize_with = "de::opt_string")]
    pub state: Option<String>,
    /// Zip: `zip`.
    #[serde(rename = "zip", default, deserialize_with = "de::opt_string")]
    pub zip: Option<String>,
    /// Country (a reference): `country`.
    #[serde(rename = "country", default)]
    pub country: Option<Reference>,
    /// Relationship (a reference): `relationship`.
    #[serde(rename = "relationship", default)]
    pub relationship: Option<Reference>,
    /// Relationship override: `relationshipOverride`.
    #[serde(
        rename = "relationshipOverride",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub relationship_override: Option<String>,
    /// Department (a reference): `department`.
    #[serde(rename = "department", default)]
    pub department: Option<Reference>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Default merge contact id: `defaultMergeContactId`.
    #[serde(
        rename = "defaultMergeContactId",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub default_merge_contact_id: Option<i64>,
    /// Security identifier: `securityIdentifier`.
    #[serde(
        rename = "securityIdentifier",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub security_identifier: Option<String>,
    /// Manager contact (a reference): `managerContact`.
    #[serde(rename = "managerContact", default)]
    pub manager_contact: Option<Reference>,
    /// Assistant contact (a reference): `assistantContact`.
    #[serde(rename = "assistantContact", default)]
    pub assistant_contact: Option<Reference>,
    /// Title: `title`.
    #[serde(rename = "title", default, deserialize_with = "de::opt_string")]
    pub title: Option<String>,
    /// School: `school`.
    #[serde(rename = "school", default, deserialize_with = "de::opt_string")]
    pub school: Option<String>,
    /// Nick name: `nickName`.
    #[serde(rename = "nickName", default, deserialize_with = "de::opt_string")]
    pub nick_name: Option<String>,
    /// Married flag: `marriedFlag`.
    #[serde(rename = "marriedFlag", default, deserialize_with = "de::opt_bool")]
    pub married_flag: Option<bool>,
    /// Children flag: `childrenFlag`.
    #[serde(rename = "childrenFlag", default, deserialize_with = "de::opt_bool")]
    pub children_flag: Option<bool>,
    /// Children: `children`.
    #[serde(rename = "children", default, deserialize_with = "de::opt_string")]
    pub children: Option<String>,
    /// Significant other: `significantOther`.
    #[serde(
        rename = "significantOther",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub significant_other: Option<String>,
    /// Portal password: `portalPassword` (normally write-only; never printed by `Debug`).
    #[serde(rename = "portalPassword", default)]
    pub portal_password: Option<Sensitive>,
    /// Portal security level: `portalSecurityLevel`.
    #[serde(
        rename = "portalSecurityLevel",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub portal_security_level: Option<i64>,
    /// Disable portal login flag: `disablePortalLoginFlag`.
    #[serde(
        rename = "disablePortalLoginFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub disable_portal_login_flag: Option<bool>,
    /// Unsubscribe flag: `unsubscribeFlag`.
    #[serde(rename = "unsubscribeFlag", default, deserialize_with = "de::opt_bool")]
    pub unsubscribe_flag: Option<bool>,
    /// Gender: `gender`.
    #[serde(rename = "gender", default, deserialize_with = "de::opt_string")]
    pub gender: Option<String>,
    /// Birth day: `birthDay`.
    #[serde(rename = "birthDay", default, deserialize_with = "de::opt_string")]
    pub birth_day: Option<String>,
    /// Anniversary: `anniversary`.
    #[serde(rename = "anniversary", default, deserialize_with = "de::opt_string")]
    pub anniversary: Option<String>,
    /// Presence: `presence`.
    #[serde(rename = "presence", default, deserialize_with = "de::opt_string")]
    pub presence: Option<String>,
    /// Mobile guid: `mobileGuid`.
    #[serde(rename = "mobileGuid", default, deserialize_with = "de::opt_string")]
    pub mobile_guid: Option<String>,
    /// Facebook url: `facebookUrl`.
    #[serde(rename = "facebookUrl", default, deserialize_with = "de::opt_string")]
    pub facebook_url: Option<String>,
    /// Twitter url: `twitterUrl`.
    #[serde(rename = "twitterUrl", default, deserialize_with = "de::opt_string")]
    pub twitter_url: Option<String>,
    /// Linked in url: `linkedInUrl`.
    #[serde(rename = "linkedInUrl", default, deserialize_with = "de::opt_string")]
    pub linked_in_url: Option<String>,
    /// Default phone type: `defaultPhoneType`.
    #[serde(
        rename = "defaultPhoneType",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub default_phone_type: Option<String>,
    /// Default phone nbr: `defaultPhoneNbr`.
    #[serde(
        rename = "defaultPhoneNbr",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub default_phone_nbr: Option<String>,
    /// Default phone extension: `defaultPhoneExtension`.
    #[serde(
        rename = "defaultPhoneExtension",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub default_phone_extension: Option<String>,
    /// Default billing flag: `defaultBillingFlag`.
    #[serde(
        rename = "defaultBillingFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub default_billing_flag: Option<bool>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// User defined field1: `userDefinedField1`.
    #[serde(
        rename = "userDefinedField1",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field1: Option<String>,
    /// User defined field2: `userDefinedField2`.
    #[serde(
        rename = "userDefinedField2",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field2: Option<String>,
    /// User defined field3: `userDefinedField3`.
    #[serde(
        rename = "userDefinedField3",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field3: Option<String>,
    /// User defined field4: `userDefinedField4`.
    #[serde(
        rename = "userDefinedField4",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field4: Option<String>,
    /// User defined field5: `userDefinedField5`.
    #[serde(
        rename = "userDefinedField5",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field5: Option<String>,
    /// User defined field6: `userDefinedField6`.
    #[serde(
        rename = "userDefinedField6",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field6: Option<String>,
    /// User defined field7: `userDefinedField7`.
    #[serde(
        rename = "userDefinedField7",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field7: Option<String>,
    /// User defined field8: `userDefinedField8`.
    #[serde(
        rename = "userDefinedField8",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field8: Option<String>,
    /// User defined field9: `userDefinedField9`.
    #[serde(
        rename = "userDefinedField9",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field9: Option<String>,
    /// User defined field10: `userDefinedField10`.
    #[serde(
        rename = "userDefinedField10",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub user_defined_field10: Option<String>,
    /// Company location (a reference): `companyLocation`.
    #[serde(rename = "companyLocation", default)]
    pub company_location: Option<Reference>,
    /// Communication items: `communicationItems`.
    #[serde(rename = "communicationItems", default, deserialize_with = "de::vec")]
    pub communication_items: Vec<CommunicationItem>,
    /// Types (a reference): `types`.
    #[serde(rename = "types", default, deserialize_with = "de::vec")]
    pub types: Vec<Reference>,
    /// Integrator tags: `integratorTags`.
    #[serde(rename = "integratorTags", default, deserialize_with = "de::vec")]
    pub integrator_tags: Vec<String>,
    /// Custom fields: `customFields`.
    #[serde(rename = "customFields", default, deserialize_with = "de::vec")]
    pub custom_fields: Vec<CustomField>,
    /// Photo (a reference): `photo`.
    #[serde(rename = "photo", default)]
    pub photo: Option<Reference>,
    /// Ignore duplicates: `ignoreDuplicates`.
    #[serde(
        rename = "ignoreDuplicates",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub ignore_duplicates: Option<bool>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Type ids: `typeIds`.
    #[serde(rename = "typeIds", default, deserialize_with = "de::vec")]
    pub type_ids: Vec<i64>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Contact {
    /// The default email address: the default `Email` communication item, else the first one,
    /// else a `defaultEmail`/`defaultEmailAddress` field if the server sent one.
    pub fn email(&self) -> Option<&str> {
        self.communication(CommunicationItem::is_email).or_else(|| {
            ["defaultEmail", "defaultEmailAddress"]
                .iter()
                .find_map(|k| self.extra.get(*k).and_then(Value::as_str))
                .filter(|s| !s.trim().is_empty())
        })
    }

    /// Every email address, default first.
    pub fn emails(&self) -> Vec<&str> {
        let mut items: Vec<&CommunicationItem> = self
            .communication_items
            .iter()
            .filter(|i| i.is_email())
            .collect();
        items.sort_by_key(|i| !i.default_flag.unwrap_or(false));
        items
            .into_iter()
            .filter_map(|i| i.value.as_deref())
            .collect()
    }

    /// The default phone number (`Phone` items, else `defaultPhoneNbr`).
    pub fn phone(&self) -> Option<&str> {
        self.communication(CommunicationItem::is_phone)
            .or(self.default_phone_nbr.as_deref())
    }

    /// First and last name joined.
    pub fn full_name(&self) -> String {
        [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn communication(&self, pick: fn(&CommunicationItem) -> bool) -> Option<&str> {
        let all: Vec<&CommunicationItem> = self
            .communication_items
            .iter()
            .filter(|i| pick(i))
            .collect();
        all.iter()
            .find(|i| i.default_flag.unwrap_or(false))
            .or(all.first())
            .and_then(|i| i.value.as_deref())
            .filter(|s| !s.trim().is_empty())
    }
}

/// One phone number, email address or other way to reach a contact.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CommunicationItem {
    /// The item's id: `id` (absent on items not yet saved).
    #[serde(rename = "id", default, deserialize_with = "de::opt_i64")]
    pub id: Option<i64>,
    /// Type (a reference): `type`.
    #[serde(rename = "type", default)]
    pub item_type: Option<Reference>,
    /// Value: `value`.
    #[serde(rename = "value", default, deserialize_with = "de::opt_string")]
    pub value: Option<String>,
    /// Extension: `extension`.
    #[serde(rename = "extension", default, deserialize_with = "de::opt_string")]
    pub extension: Option<String>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// Domain: `domain`.
    #[serde(rename = "domain", default, deserialize_with = "de::opt_string")]
    pub domain: Option<String>,
    /// Communication type: `communicationType`.
    #[serde(
        rename = "communicationType",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub communication_type: Option<String>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CommunicationItem {
    /// An email address (`communicationType` `Email`, or, without one, a type named "Email").
    pub fn is_email(&self) -> bool {
        match self.communication_type.as_deref() {
            Some(t) => t.eq_ignore_ascii_case("email"),
            None => self
                .item_type
                .as_ref()
                .and_then(|t| t.name.as_deref())
                .is_some_and(|n| n.to_ascii_lowercase().contains("email")),
        }
    }
    /// A phone number (`communicationType` `Phone`).
    pub fn is_phone(&self) -> bool {
        self.communication_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("phone"))
    }
}
