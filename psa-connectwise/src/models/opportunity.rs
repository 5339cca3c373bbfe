//! Sales opportunities (`/sales/opportunities`) and their setup tables: stages (`/sales/stages`),
//! statuses (`/sales/opportunities/statuses`) and types (`/sales/opportunities/types`).
//!
//! Field names follow the vendor's `Opportunity`, `OpportunityStage`, `OpportunityStatus` and
//! `OpportunityType` models.

use psa_core::wire::Field;
use psa_core::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference};
use super::de;

/// A sales opportunity, the documented fields, unknown fields kept.
///
/// ```
/// let o: psa_connectwise::models::Opportunity = serde_json::from_value(serde_json::json!({
///     "id": 7, "name": "Firewall refresh  ", "stage": {"id": 2, "name": "Qualified"},
///     "status": {"id": 1, "name": "Open"}, "company": {"id": 250, "identifier": "Contoso"},
///     "expectedCloseDate": "2026-03-31T00:00:00Z", "probability": {"id": 5, "name": "50"}
/// })).unwrap();
/// assert_eq!(o.name.as_deref(), Some("Firewall refresh"));
/// assert_eq!(o.stage.and_then(|s| s.id), Some(2));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Opportunity {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Expected close date: `expectedCloseDate`.
    #[serde(
        rename = "expectedCloseDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub expected_close_date: Option<Field<OffsetDateTime>>,
    /// Type (a reference): `type`.
    #[serde(rename = "type", default)]
    pub opportunity_type: Option<Reference>,
    /// Sales stage (a reference): `stage`.
    #[serde(rename = "stage", default)]
    pub stage: Option<Reference>,
    /// Status (a reference): `status`.
    #[serde(rename = "status", default)]
    pub status: Option<Reference>,
    /// Priority (a reference): `priority`.
    #[serde(rename = "priority", default)]
    pub priority: Option<Reference>,
    /// Notes: `notes`.
    #[serde(rename = "notes", default, deserialize_with = "de::opt_text")]
    pub notes: Option<String>,
    /// Probability (a reference whose name is the percentage): `probability`.
    #[serde(rename = "probability", default)]
    pub probability: Option<Reference>,
    /// Source: `source`.
    #[serde(rename = "source", default, deserialize_with = "de::opt_string")]
    pub source: Option<String>,
    /// Rating (a reference): `rating`.
    #[serde(rename = "rating", default)]
    pub rating: Option<Reference>,
    /// Campaign (a reference): `campaign`.
    #[serde(rename = "campaign", default)]
    pub campaign: Option<Reference>,
    /// Primary sales rep (a member reference): `primarySalesRep`.
    #[serde(rename = "primarySalesRep", default)]
    pub primary_sales_rep: Option<Reference>,
    /// Secondary sales rep (a member reference): `secondarySalesRep`.
    #[serde(rename = "secondarySalesRep", default)]
    pub secondary_sales_rep: Option<Reference>,
    /// Location id: `locationId`.
    #[serde(rename = "locationId", default, deserialize_with = "de::opt_i64")]
    pub location_id: Option<i64>,
    /// Business unit id: `businessUnitId`.
    #[serde(rename = "businessUnitId", default, deserialize_with = "de::opt_i64")]
    pub business_unit_id: Option<i64>,
    /// Company (a reference): `company`.
    #[serde(rename = "company", default)]
    pub company: Option<Reference>,
    /// Contact (a reference): `contact`.
    #[serde(rename = "contact", default)]
    pub contact: Option<Reference>,
    /// Company site (a reference): `site`.
    #[serde(rename = "site", default)]
    pub site: Option<Reference>,
    /// Customer PO: `customerPO`.
    #[serde(rename = "customerPO", default, deserialize_with = "de::opt_string")]
    pub customer_po: Option<String>,
    /// Pipeline change date: `pipelineChangeDate`.
    #[serde(
        rename = "pipelineChangeDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub pipeline_change_date: Option<Field<OffsetDateTime>>,
    /// Date it became a lead: `dateBecameLead`.
    #[serde(
        rename = "dateBecameLead",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub date_became_lead: Option<Field<OffsetDateTime>>,
    /// Closed date: `closedDate`.
    #[serde(rename = "closedDate", default, deserialize_with = "de::opt_datetime")]
    pub closed_date: Option<Field<OffsetDateTime>>,
    /// Closed by (a member reference): `closedBy`.
    #[serde(rename = "closedBy", default)]
    pub closed_by: Option<Reference>,
    /// Total sales tax: `totalSalesTax`.
    #[serde(rename = "totalSalesTax", default, deserialize_with = "de::opt_f64")]
    pub total_sales_tax: Option<f64>,
    /// Custom fields: `customFields`.
    #[serde(rename = "customFields", default, deserialize_with = "de::vec")]
    pub custom_fields: Vec<CustomField>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An opportunity to create (`POST /sales/opportunities`): only writable fields, `None` omitted.
///
/// ConnectWise requires `name`, `company`, `contact` and `primarySalesRep`.
///
/// ```
/// use psa_connectwise::models::{NewOpportunity, Reference};
/// let o = NewOpportunity::new("Firewall refresh", 250, 500, 243).stage(2);
/// assert_eq!(serde_json::to_value(&o).unwrap(), serde_json::json!({
///     "name": "Firewall refresh", "company": {"id": 250}, "contact": {"id": 500},
///     "primarySalesRep": {"id": 243}, "stage": {"id": 2}
/// }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewOpportunity {
    /// The name (required, at most 100 characters).
    pub name: String,
    /// The company (required).
    pub company: Reference,
    /// The contact (required).
    pub contact: Reference,
    /// The primary sales rep, a member (required).
    pub primary_sales_rep: Reference,
    /// The sales stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Reference>,
    /// The status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Reference>,
    /// The type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub opportunity_type: Option<Reference>,
    /// The expected close date.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "de::ser_opt_datetime"
    )]
    pub expected_close_date: Option<OffsetDateTime>,
    /// Notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The longest opportunity name ConnectWise accepts.
pub const MAX_OPPORTUNITY_NAME: usize = 100;

impl NewOpportunity {
    /// An opportunity with its required fields (company, contact and member ids).
    pub fn new(name: impl Into<String>, company: i64, contact: i64, sales_rep: i64) -> Self {
        NewOpportunity {
            name: name.into(),
            company: Reference::id(company),
            contact: Reference::id(contact),
            primary_sales_rep: Reference::id(sales_rep),
            ..Default::default()
        }
    }

    /// Sets the sales stage by id.
    pub fn stage(mut self, id: i64) -> Self {
        self.stage = Some(Reference::id(id));
        self
    }

    /// Sets the status by id.
    pub fn status(mut self, id: i64) -> Self {
        self.status = Some(Reference::id(id));
        self
    }

    /// Sets the type by id.
    pub fn opportunity_type(mut self, id: i64) -> Self {
        self.opportunity_type = Some(Reference::id(id));
        self
    }

    /// Checks what ConnectWise would reject, before anything is sent.
    pub fn validate(&self) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::new(
                ErrorKind::Validation,
                "opportunity name is empty: set a name",
            ));
        }
        if name.chars().count() > MAX_OPPORTUNITY_NAME {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "opportunity name is longer than {MAX_OPPORTUNITY_NAME} characters: shorten it"
                ),
            ));
        }
        for (what, r) in [
            ("company", &self.company),
            ("contact", &self.contact),
            ("primarySalesRep", &self.primary_sales_rep),
        ] {
            if r.id.is_none() && r.identifier.is_none() {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!("opportunity {what} is required: give its id"),
                ));
            }
        }
        Ok(())
    }
}

/// A sales stage (`/sales/stages`).
///
/// ```
/// let s: psa_connectwise::models::OpportunityStage = serde_json::from_value(serde_json::json!({
///     "id": 1, "name": "Prospect", "probability": {"id": 2, "name": "10"}, "sequenceNumber": 1
/// })).unwrap();
/// assert_eq!(s.sequence_number, Some(1));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OpportunityStage {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Probability (a reference whose name is the percentage): `probability`.
    #[serde(rename = "probability", default)]
    pub probability: Option<Reference>,
    /// Color: `color`.
    #[serde(rename = "color", default, deserialize_with = "de::opt_string")]
    pub color: Option<String>,
    /// Sequence number (pipeline order): `sequenceNumber`.
    #[serde(rename = "sequenceNumber", default, deserialize_with = "de::opt_i64")]
    pub sequence_number: Option<i64>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An opportunity status (`/sales/opportunities/statuses`).
///
/// ```
/// let s: psa_connectwise::models::OpportunityStatus = serde_json::from_value(serde_json::json!({
///     "id": 3, "name": "Won", "wonFlag": true, "closedFlag": true
/// })).unwrap();
/// assert!(s.is_closed());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OpportunityStatus {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Won flag: `wonFlag`.
    #[serde(rename = "wonFlag", default, deserialize_with = "de::opt_bool")]
    pub won_flag: Option<bool>,
    /// Lost flag: `lostFlag`.
    #[serde(rename = "lostFlag", default, deserialize_with = "de::opt_bool")]
    pub lost_flag: Option<bool>,
    /// Closed flag: `closedFlag`.
    #[serde(rename = "closedFlag", default, deserialize_with = "de::opt_bool")]
    pub closed_flag: Option<bool>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// Entered by: `enteredBy`.
    #[serde(rename = "enteredBy", default, deserialize_with = "de::opt_string")]
    pub entered_by: Option<String>,
    /// Date entered: `dateEntered`.
    #[serde(rename = "dateEntered", default, deserialize_with = "de::opt_datetime")]
    pub date_entered: Option<Field<OffsetDateTime>>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OpportunityStatus {
    /// Whether the status closes the opportunity (closed, won or lost).
    pub fn is_closed(&self) -> bool {
        self.closed_flag == Some(true)
            || self.won_flag == Some(true)
            || self.lost_flag == Some(true)
    }
}

/// An opportunity type (`/sales/opportunities/types`); its label is `description`.
///
/// ```
/// let t: psa_connectwise::models::OpportunityType = serde_json::from_value(serde_json::json!({
///     "id": 1, "description": "Managed Services", "inactiveFlag": false
/// })).unwrap();
/// assert_eq!(t.description.as_deref(), Some("Managed Services"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OpportunityType {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Description (the type's label): `description`.
    #[serde(rename = "description", default, deserialize_with = "de::opt_string")]
    pub description: Option<String>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_names_what_to_fix() {
        let ok = NewOpportunity::new("Deal", 1, 2, 3);
        assert!(ok.validate().is_ok());
        let empty = NewOpportunity::new("  ", 1, 2, 3);
        assert_eq!(empty.validate().unwrap_err().kind(), ErrorKind::Validation);
        let long = NewOpportunity::new("x".repeat(101), 1, 2, 3);
        assert!(long.validate().unwrap_err().to_string().contains("100"));
        let mut no_company = NewOpportunity::new("Deal", 1, 2, 3);
        no_company.company = Reference::default();
        assert!(
            no_company
                .validate()
                .unwrap_err()
                .to_string()
                .contains("company")
        );
    }
}
