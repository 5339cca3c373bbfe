//! Agreements (`/finance/agreements`) and their additions
//! (`/finance/agreements/{id}/additions`): read models.
//!
//! Field names follow the vendor's `Agreement` and `Addition` models (checked against public
//! generated clients of the Manage REST API); `agreementStatus` exists on newer releases only.

use psa_core::wire::Field;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{CustomField, Info, Reference, cw_enum};
use super::de;

cw_enum! {
    /// An agreement's status (`agreementStatus`, newer releases).
    AgreementStatus {
        /// `Active`.
        Active => "Active",
        /// `Cancelled`.
        Cancelled => "Cancelled",
        /// `Expired`.
        Expired => "Expired",
        /// `Inactive`.
        Inactive => "Inactive",
    }
}

/// An agreement, the documented fields, unknown fields kept.
///
/// ```
/// let a: psa_connectwise::models::Agreement = serde_json::from_value(serde_json::json!({
///     "id": 12, "name": "Managed Services  ", "type": {"id": 3, "name": "Managed"},
///     "company": {"id": 250, "identifier": "Contoso"}, "startDate": "2025-01-01T00:00:00Z",
///     "agreementStatus": "Active", "billAmount": 1200.5,
///     "_info": {"lastUpdated": "2025-06-01T08:00:00Z"}
/// })).unwrap();
/// assert_eq!(a.name.as_deref(), Some("Managed Services"));
/// assert!(a.is_active());
/// assert_eq!(a.company.and_then(|c| c.id), Some(250));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Agreement {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Agreement type (a reference): `type`.
    #[serde(rename = "type", default)]
    pub agreement_type: Option<Reference>,
    /// Company (a reference): `company`.
    #[serde(rename = "company", default)]
    pub company: Option<Reference>,
    /// Contact (a reference): `contact`.
    #[serde(rename = "contact", default)]
    pub contact: Option<Reference>,
    /// Company site (a reference): `site`.
    #[serde(rename = "site", default)]
    pub site: Option<Reference>,
    /// Subcontract company (a reference): `subContractCompany`.
    #[serde(rename = "subContractCompany", default)]
    pub sub_contract_company: Option<Reference>,
    /// Subcontract contact (a reference): `subContractContact`.
    #[serde(rename = "subContractContact", default)]
    pub sub_contract_contact: Option<Reference>,
    /// Parent agreement (a reference): `parentAgreement`.
    #[serde(rename = "parentAgreement", default)]
    pub parent_agreement: Option<Reference>,
    /// Customer PO: `customerPO`.
    #[serde(rename = "customerPO", default, deserialize_with = "de::opt_string")]
    pub customer_po: Option<String>,
    /// Location (a reference): `location`.
    #[serde(rename = "location", default)]
    pub location: Option<Reference>,
    /// Department (a reference): `department`.
    #[serde(rename = "department", default)]
    pub department: Option<Reference>,
    /// Start date: `startDate`.
    #[serde(rename = "startDate", default, deserialize_with = "de::opt_datetime")]
    pub start_date: Option<Field<OffsetDateTime>>,
    /// End date: `endDate`.
    #[serde(rename = "endDate", default, deserialize_with = "de::opt_datetime")]
    pub end_date: Option<Field<OffsetDateTime>>,
    /// No ending date: `noEndingDateFlag`.
    #[serde(
        rename = "noEndingDateFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub no_ending_date_flag: Option<bool>,
    /// Opportunity (a reference): `opportunity`.
    #[serde(rename = "opportunity", default)]
    pub opportunity: Option<Reference>,
    /// Cancelled: `cancelledFlag`.
    #[serde(rename = "cancelledFlag", default, deserialize_with = "de::opt_bool")]
    pub cancelled_flag: Option<bool>,
    /// Cancellation date: `dateCancelled`.
    #[serde(
        rename = "dateCancelled",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub date_cancelled: Option<Field<OffsetDateTime>>,
    /// Cancellation reason: `reasonCancelled`.
    #[serde(rename = "reasonCancelled", default, deserialize_with = "de::opt_text")]
    pub reason_cancelled: Option<String>,
    /// SLA (a reference): `sla`.
    #[serde(rename = "sla", default)]
    pub sla: Option<Reference>,
    /// Work order: `workOrder`.
    #[serde(rename = "workOrder", default, deserialize_with = "de::opt_string")]
    pub work_order: Option<String>,
    /// Internal notes: `internalNotes`.
    #[serde(rename = "internalNotes", default, deserialize_with = "de::opt_text")]
    pub internal_notes: Option<String>,
    /// Application units (`Amount`, `Hours`, `Incidents`): `applicationUnits`.
    #[serde(
        rename = "applicationUnits",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub application_units: Option<String>,
    /// Application limit: `applicationLimit`.
    #[serde(rename = "applicationLimit", default, deserialize_with = "de::opt_f64")]
    pub application_limit: Option<f64>,
    /// Application cycle: `applicationCycle`.
    #[serde(
        rename = "applicationCycle",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub application_cycle: Option<String>,
    /// Unlimited application: `applicationUnlimitedFlag`.
    #[serde(
        rename = "applicationUnlimitedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub application_unlimited_flag: Option<bool>,
    /// One-time agreement: `oneTimeFlag`.
    #[serde(rename = "oneTimeFlag", default, deserialize_with = "de::opt_bool")]
    pub one_time_flag: Option<bool>,
    /// Covers time: `coverAgreementTime`.
    #[serde(
        rename = "coverAgreementTime",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub cover_agreement_time: Option<bool>,
    /// Covers products: `coverAgreementProduct`.
    #[serde(
        rename = "coverAgreementProduct",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub cover_agreement_product: Option<bool>,
    /// Covers expenses: `coverAgreementExpense`.
    #[serde(
        rename = "coverAgreementExpense",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub cover_agreement_expense: Option<bool>,
    /// Covers sales tax: `coverSalesTax`.
    #[serde(rename = "coverSalesTax", default, deserialize_with = "de::opt_bool")]
    pub cover_sales_tax: Option<bool>,
    /// Carries over unused: `carryOverUnused`.
    #[serde(rename = "carryOverUnused", default, deserialize_with = "de::opt_bool")]
    pub carry_over_unused: Option<bool>,
    /// Allows overruns: `allowOverruns`.
    #[serde(rename = "allowOverruns", default, deserialize_with = "de::opt_bool")]
    pub allow_overruns: Option<bool>,
    /// Days until carried-over amounts expire: `expiredDays`.
    #[serde(rename = "expiredDays", default, deserialize_with = "de::opt_i64")]
    pub expired_days: Option<i64>,
    /// Limit: `limit`.
    #[serde(rename = "limit", default, deserialize_with = "de::opt_i64")]
    pub limit: Option<i64>,
    /// Expires when zero: `expireWhenZero`.
    #[serde(rename = "expireWhenZero", default, deserialize_with = "de::opt_bool")]
    pub expire_when_zero: Option<bool>,
    /// Charged to the firm: `chargeToFirm`.
    #[serde(rename = "chargeToFirm", default, deserialize_with = "de::opt_bool")]
    pub charge_to_firm: Option<bool>,
    /// Billing cycle (a reference): `billingCycle`.
    #[serde(rename = "billingCycle", default)]
    pub billing_cycle: Option<Reference>,
    /// Billed once: `billOneTimeFlag`.
    #[serde(rename = "billOneTimeFlag", default, deserialize_with = "de::opt_bool")]
    pub bill_one_time_flag: Option<bool>,
    /// Billing terms (a reference): `billingTerms`.
    #[serde(rename = "billingTerms", default)]
    pub billing_terms: Option<Reference>,
    /// Invoicing cycle (`ContractYear`, `CalendarYear`): `invoicingCycle`.
    #[serde(
        rename = "invoicingCycle",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub invoicing_cycle: Option<String>,
    /// Bill-to company (a reference): `billToCompany`.
    #[serde(rename = "billToCompany", default)]
    pub bill_to_company: Option<Reference>,
    /// Bill-to contact (a reference): `billToContact`.
    #[serde(rename = "billToContact", default)]
    pub bill_to_contact: Option<Reference>,
    /// Bill-to site (a reference): `billToSite`.
    #[serde(rename = "billToSite", default)]
    pub bill_to_site: Option<Reference>,
    /// Amount billed per cycle: `billAmount`.
    #[serde(rename = "billAmount", default, deserialize_with = "de::opt_f64")]
    pub bill_amount: Option<f64>,
    /// Taxable: `taxable`.
    #[serde(rename = "taxable", default, deserialize_with = "de::opt_bool")]
    pub taxable: Option<bool>,
    /// First billing date: `billStartDate`.
    #[serde(
        rename = "billStartDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub bill_start_date: Option<Field<OffsetDateTime>>,
    /// Tax code (a reference): `taxCode`.
    #[serde(rename = "taxCode", default)]
    pub tax_code: Option<Reference>,
    /// Invoice description: `invoiceDescription`.
    #[serde(
        rename = "invoiceDescription",
        default,
        deserialize_with = "de::opt_text"
    )]
    pub invoice_description: Option<String>,
    /// Default work role (a reference): `workRole`.
    #[serde(rename = "workRole", default)]
    pub work_role: Option<Reference>,
    /// Default work type (a reference): `workType`.
    #[serde(rename = "workType", default)]
    pub work_type: Option<Reference>,
    /// Project type (a reference): `projectType`.
    #[serde(rename = "projectType", default)]
    pub project_type: Option<Reference>,
    /// Invoice template (a reference): `invoiceTemplate`.
    #[serde(rename = "invoiceTemplate", default)]
    pub invoice_template: Option<Reference>,
    /// How time is billed (`Billable`, `DoNotBill`, `NoCharge`, `NoDefault`): `billTime`.
    #[serde(rename = "billTime", default, deserialize_with = "de::opt_string")]
    pub bill_time: Option<String>,
    /// How expenses are billed: `billExpenses`.
    #[serde(rename = "billExpenses", default, deserialize_with = "de::opt_string")]
    pub bill_expenses: Option<String>,
    /// How products are billed: `billProducts`.
    #[serde(rename = "billProducts", default, deserialize_with = "de::opt_string")]
    pub bill_products: Option<String>,
    /// Currency (a reference): `currency`.
    #[serde(rename = "currency", default)]
    pub currency: Option<Reference>,
    /// Period type: `periodType`.
    #[serde(rename = "periodType", default, deserialize_with = "de::opt_string")]
    pub period_type: Option<String>,
    /// Invoiced automatically: `autoInvoiceFlag`.
    #[serde(rename = "autoInvoiceFlag", default, deserialize_with = "de::opt_bool")]
    pub auto_invoice_flag: Option<bool>,
    /// Next invoice date (a date string): `nextInvoiceDate`.
    #[serde(
        rename = "nextInvoiceDate",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub next_invoice_date: Option<String>,
    /// Status: `agreementStatus` (newer releases).
    #[serde(rename = "agreementStatus", default, deserialize_with = "de::opt_enum")]
    pub agreement_status: Option<AgreementStatus>,
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

impl Agreement {
    /// Whether the agreement is in force: `agreementStatus` is `Active` where the release sends
    /// it; otherwise it is not cancelled.
    pub fn is_active(&self) -> bool {
        match &self.agreement_status {
            Some(s) => *s == AgreementStatus::Active,
            None => self.cancelled_flag != Some(true),
        }
    }
}

/// An agreement addition (a product billed under an agreement), the documented fields, unknown
/// fields kept.
///
/// ```
/// let a: psa_connectwise::models::AgreementAddition = serde_json::from_value(serde_json::json!({
///     "id": 5, "product": {"id": 40, "identifier": "AV-SEAT"}, "quantity": 25,
///     "unitPrice": 3.5, "billCustomer": "Billable", "agreementId": 12
/// })).unwrap();
/// assert_eq!(a.quantity, Some(25.0));
/// assert_eq!(a.agreement_id, Some(12));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AgreementAddition {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Product (a catalog item reference): `product`.
    #[serde(rename = "product", default)]
    pub product: Option<Reference>,
    /// Quantity: `quantity`.
    #[serde(rename = "quantity", default, deserialize_with = "de::opt_f64")]
    pub quantity: Option<f64>,
    /// Quantity included (not billed): `lessIncluded`.
    #[serde(rename = "lessIncluded", default, deserialize_with = "de::opt_f64")]
    pub less_included: Option<f64>,
    /// Unit price: `unitPrice`.
    #[serde(rename = "unitPrice", default, deserialize_with = "de::opt_f64")]
    pub unit_price: Option<f64>,
    /// Unit cost: `unitCost`.
    #[serde(rename = "unitCost", default, deserialize_with = "de::opt_f64")]
    pub unit_cost: Option<f64>,
    /// How it is billed (`Billable`, `DoNotBill`, `NoCharge`): `billCustomer`.
    #[serde(rename = "billCustomer", default, deserialize_with = "de::opt_string")]
    pub bill_customer: Option<String>,
    /// Effective date: `effectiveDate`.
    #[serde(
        rename = "effectiveDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub effective_date: Option<Field<OffsetDateTime>>,
    /// Cancellation date: `cancelledDate`.
    #[serde(
        rename = "cancelledDate",
        default,
        deserialize_with = "de::opt_datetime"
    )]
    pub cancelled_date: Option<Field<OffsetDateTime>>,
    /// Taxable: `taxableFlag`.
    #[serde(rename = "taxableFlag", default, deserialize_with = "de::opt_bool")]
    pub taxable_flag: Option<bool>,
    /// Serial number: `serialNumber`.
    #[serde(rename = "serialNumber", default, deserialize_with = "de::opt_string")]
    pub serial_number: Option<String>,
    /// Invoice description: `invoiceDescription`.
    #[serde(
        rename = "invoiceDescription",
        default,
        deserialize_with = "de::opt_text"
    )]
    pub invoice_description: Option<String>,
    /// Purchase item: `purchaseItemFlag`.
    #[serde(
        rename = "purchaseItemFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub purchase_item_flag: Option<bool>,
    /// Special order: `specialOrderFlag`.
    #[serde(
        rename = "specialOrderFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub special_order_flag: Option<bool>,
    /// The agreement it belongs to: `agreementId`.
    #[serde(rename = "agreementId", default, deserialize_with = "de::opt_i64")]
    pub agreement_id: Option<i64>,
    /// Description: `description`.
    #[serde(rename = "description", default, deserialize_with = "de::opt_text")]
    pub description: Option<String>,
    /// Quantity billed: `billedQuantity`.
    #[serde(rename = "billedQuantity", default, deserialize_with = "de::opt_f64")]
    pub billed_quantity: Option<f64>,
    /// Unit of measure: `uom`.
    #[serde(rename = "uom", default, deserialize_with = "de::opt_string")]
    pub uom: Option<String>,
    /// Extended price: `extPrice`.
    #[serde(rename = "extPrice", default, deserialize_with = "de::opt_f64")]
    pub ext_price: Option<f64>,
    /// Extended cost: `extCost`.
    #[serde(rename = "extCost", default, deserialize_with = "de::opt_f64")]
    pub ext_cost: Option<f64>,
    /// Sequence number: `sequenceNumber`.
    #[serde(rename = "sequenceNumber", default, deserialize_with = "de::opt_f64")]
    pub sequence_number: Option<f64>,
    /// Margin: `margin`.
    #[serde(rename = "margin", default, deserialize_with = "de::opt_f64")]
    pub margin: Option<f64>,
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
    use serde_json::json;

    #[test]
    fn odd_optional_fields_stay_raw_and_status_falls_back_to_cancelled_flag() {
        let a: Agreement = serde_json::from_value(json!({
            "id": "7", "name": null, "startDate": "someday", "cancelledFlag": true,
            "billAmount": "12.50", "customFields": null, "newField": [1]
        }))
        .unwrap();
        assert_eq!(a.id, 7);
        assert_eq!(a.name, None);
        assert!(matches!(a.start_date, Some(Field::Raw(_))));
        assert_eq!(a.bill_amount, Some(12.5));
        assert!(!a.is_active());
        assert_eq!(a.extra["newField"], json!([1]));
        let b: Agreement =
            serde_json::from_value(json!({"id": 8, "agreementStatus": "Expired"})).unwrap();
        assert_eq!(b.agreement_status, Some(AgreementStatus::Expired));
        assert!(!b.is_active());
        let c: Agreement =
            serde_json::from_value(json!({"id": 9, "agreementStatus": "Dormant"})).unwrap();
        assert_eq!(
            c.agreement_status,
            Some(AgreementStatus::Unknown("Dormant".into()))
        );
    }

    #[test]
    fn a_record_without_id_is_refused() {
        assert!(serde_json::from_value::<Agreement>(json!({"name": "x"})).is_err());
        assert!(serde_json::from_value::<AgreementAddition>(json!({"quantity": 1})).is_err());
    }
}
