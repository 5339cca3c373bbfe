//! Companies (`/company/companies`).

use psa_core::wire::Field;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference};
use super::de;

/// A company (a customer, vendor or your own), every documented field, unknown fields kept.
///
/// ```
/// let c: psa_connectwise::models::Company = serde_json::from_value(serde_json::json!({
///     "id": 2, "identifier": "Contoso  ", "name": "Contoso Ltd", "status": {"id": 1, "name": "Active"},
///     "deletedFlag": false, "customFields": [{"id": 1, "caption": "Tier", "type": "Text", "entryMethod": "List", "value": "Gold"}]
/// })).unwrap();
/// assert_eq!(c.identifier.as_deref(), Some("Contoso"));
/// assert!(c.is_active());
/// assert_eq!(c.custom_fields[0].as_str(), Some("Gold"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Company {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Identifier: `identifier`.
    #[serde(rename = "identifier", default, deserialize_with = "de::opt_string")]
    pub identifier: Option<String>,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Status (a reference): `status`.
    #[serde(rename = "status", default)]
    pub status: Option<Reference>,
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
    /// Phone number: `phoneNumber`.
    #[serde(rename = "phoneNumber", default, deserialize_with = "de::opt_string")]
    pub phone_number: Option<String>,
    /// Fax number: `faxNumber`.
    #[serde(rename = "faxNumber", default, deserialize_with = "de::opt_string")]
    pub fax_number: Option<String>,
    /// Website: `website`.
    #[serde(rename = "website", default, deserialize_with = "de::opt_string")]
    pub website: Option<String>,
    /// Territory (a reference): `territory`.
    #[serde(rename = "territory", default)]
    pub territory: Option<Reference>,
    /// Market (a reference): `market`.
    #[serde(rename = "market", default)]
    pub market: Option<Reference>,
    /// Account number: `accountNumber`.
    #[serde(rename = "accountNumber", default, deserialize_with = "de::opt_string")]
    pub account_number: Option<String>,
    /// Default contact (a reference): `defaultContact`.
    #[serde(rename = "defaultContact", default)]
    pub default_contact: Option<Reference>,
    /// Date acquired: `dateAcquired`.
    #[serde(
        rename = "dateAcquired",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub date_acquired: Option<Field<OffsetDateTime>>,
    /// Sic code (a reference): `sicCode`.
    #[serde(rename = "sicCode", default)]
    pub sic_code: Option<Reference>,
    /// Parent company (a reference): `parentCompany`.
    #[serde(rename = "parentCompany", default)]
    pub parent_company: Option<Reference>,
    /// Annual revenue: `annualRevenue`.
    #[serde(rename = "annualRevenue", default, deserialize_with = "de::opt_f64")]
    pub annual_revenue: Option<f64>,
    /// Number of employees: `numberOfEmployees`.
    #[serde(
        rename = "numberOfEmployees",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub number_of_employees: Option<i64>,
    /// Year established: `yearEstablished`.
    #[serde(rename = "yearEstablished", default, deserialize_with = "de::opt_i64")]
    pub year_established: Option<i64>,
    /// Revenue year: `revenueYear`.
    #[serde(rename = "revenueYear", default, deserialize_with = "de::opt_i64")]
    pub revenue_year: Option<i64>,
    /// Ownership type (a reference): `ownershipType`.
    #[serde(rename = "ownershipType", default)]
    pub ownership_type: Option<Reference>,
    /// Time zone setup (a reference): `timeZoneSetup`.
    #[serde(rename = "timeZoneSetup", default)]
    pub time_zone_setup: Option<Reference>,
    /// Lead source: `leadSource`.
    #[serde(rename = "leadSource", default, deserialize_with = "de::opt_string")]
    pub lead_source: Option<String>,
    /// Lead flag: `leadFlag`.
    #[serde(rename = "leadFlag", default, deserialize_with = "de::opt_bool")]
    pub lead_flag: Option<bool>,
    /// Unsubscribe flag: `unsubscribeFlag`.
    #[serde(rename = "unsubscribeFlag", default, deserialize_with = "de::opt_bool")]
    pub unsubscribe_flag: Option<bool>,
    /// Calendar (a reference): `calendar`.
    #[serde(rename = "calendar", default)]
    pub calendar: Option<Reference>,
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
    /// Vendor identifier: `vendorIdentifier`.
    #[serde(
        rename = "vendorIdentifier",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub vendor_identifier: Option<String>,
    /// Tax identifier: `taxIdentifier`.
    #[serde(rename = "taxIdentifier", default, deserialize_with = "de::opt_string")]
    pub tax_identifier: Option<String>,
    /// Tax code (a reference): `taxCode`.
    #[serde(rename = "taxCode", default)]
    pub tax_code: Option<Reference>,
    /// Billing terms (a reference): `billingTerms`.
    #[serde(rename = "billingTerms", default)]
    pub billing_terms: Option<Reference>,
    /// Invoice template (a reference): `invoiceTemplate`.
    #[serde(rename = "invoiceTemplate", default)]
    pub invoice_template: Option<Reference>,
    /// Pricing schedule (a reference): `pricingSchedule`.
    #[serde(rename = "pricingSchedule", default)]
    pub pricing_schedule: Option<Reference>,
    /// Company entity type (a reference): `companyEntityType`.
    #[serde(rename = "companyEntityType", default)]
    pub company_entity_type: Option<Reference>,
    /// Bill to company (a reference): `billToCompany`.
    #[serde(rename = "billToCompany", default)]
    pub bill_to_company: Option<Reference>,
    /// Billing site (a reference): `billingSite`.
    #[serde(rename = "billingSite", default)]
    pub billing_site: Option<Reference>,
    /// Billing contact (a reference): `billingContact`.
    #[serde(rename = "billingContact", default)]
    pub billing_contact: Option<Reference>,
    /// Invoice delivery method (a reference): `invoiceDeliveryMethod`.
    #[serde(rename = "invoiceDeliveryMethod", default)]
    pub invoice_delivery_method: Option<Reference>,
    /// Invoice to email address: `invoiceToEmailAddress`.
    #[serde(
        rename = "invoiceToEmailAddress",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub invoice_to_email_address: Option<String>,
    /// Invoice cc email address: `invoiceCCEmailAddress`.
    #[serde(
        rename = "invoiceCCEmailAddress",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub invoice_cc_email_address: Option<String>,
    /// Deleted flag: `deletedFlag`.
    #[serde(rename = "deletedFlag", default, deserialize_with = "de::opt_bool")]
    pub deleted_flag: Option<bool>,
    /// Date deleted: `dateDeleted`.
    #[serde(rename = "dateDeleted", default, deserialize_with = "de::opt_datetime")]
    pub date_deleted: Option<Field<OffsetDateTime>>,
    /// Deleted by: `deletedBy`.
    #[serde(rename = "deletedBy", default, deserialize_with = "de::opt_string")]
    pub deleted_by: Option<String>,
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
    /// Currency (a reference): `currency`.
    #[serde(rename = "currency", default)]
    pub currency: Option<Reference>,
    /// Territory manager (a reference): `territoryManager`.
    #[serde(rename = "territoryManager", default)]
    pub territory_manager: Option<Reference>,
    /// Reseller identifier: `resellerIdentifier`.
    #[serde(
        rename = "resellerIdentifier",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub reseller_identifier: Option<String>,
    /// Is vendor flag: `isVendorFlag`.
    #[serde(rename = "isVendorFlag", default, deserialize_with = "de::opt_bool")]
    pub is_vendor_flag: Option<bool>,
    /// Types (a reference): `types`.
    #[serde(rename = "types", default, deserialize_with = "de::vec")]
    pub types: Vec<Reference>,
    /// Site (a reference): `site`.
    #[serde(rename = "site", default)]
    pub site: Option<Reference>,
    /// Integrator tags: `integratorTags`.
    #[serde(rename = "integratorTags", default, deserialize_with = "de::vec")]
    pub integrator_tags: Vec<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Custom fields: `customFields`.
    #[serde(rename = "customFields", default, deserialize_with = "de::vec")]
    pub custom_fields: Vec<CustomField>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Company {
    /// Not deleted (`deletedFlag` unset or false).
    pub fn is_active(&self) -> bool {
        !self.deleted_flag.unwrap_or(false)
    }
}
