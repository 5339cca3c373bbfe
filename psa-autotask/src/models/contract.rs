//! Contracts (`ContractModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A contract: `/V1.0/Contracts` (query, get, create, update; no delete).
    ///
    /// ```
    /// let r: psa_autotask::models::Contract = serde_json::from_str(r#"{"id":9,"contractName":"Managed Services","companyID":174,"status":1}"#).unwrap();
    /// assert_eq!(r.contract_name.as_deref(), Some("Managed Services"));
    /// ```
    pub struct Contract {
        /// The record's id.
        id: i64 => "id",
        /// Billing preference.
        billing_preference: i64 => "billingPreference",
        /// Bill to company contact id.
        bill_to_company_contact_id: i64 => "billToCompanyContactID",
        /// Bill to company id.
        bill_to_company_id: i64 => "billToCompanyID",
        /// Company id.
        company_id: i64 => "companyID",
        /// Contact id.
        contact_id: i64 => "contactID",
        /// Contact name.
        contact_name: String => "contactName",
        /// Contract category.
        contract_category: i64 => "contractCategory",
        /// Contract exclusion set id.
        contract_exclusion_set_id: i64 => "contractExclusionSetID",
        /// Contract name.
        contract_name: String => "contractName",
        /// Contract number.
        contract_number: String => "contractNumber",
        /// Contract period type.
        contract_period_type: i64 => "contractPeriodType",
        /// Contract type.
        contract_type: i64 => "contractType",
        /// Description.
        description: String => "description",
        /// End date (UTC).
        end_date: OffsetDateTime => "endDate",
        /// Estimated cost.
        estimated_cost: f64 => "estimatedCost",
        /// Estimated hours.
        estimated_hours: f64 => "estimatedHours",
        /// Estimated revenue.
        estimated_revenue: f64 => "estimatedRevenue",
        /// Exclusion contract id.
        exclusion_contract_id: i64 => "exclusionContractID",
        /// Internal currency overage billing rate.
        internal_currency_overage_billing_rate: f64 => "internalCurrencyOverageBillingRate",
        /// Internal currency setup fee.
        internal_currency_setup_fee: f64 => "internalCurrencySetupFee",
        /// Is compliant.
        is_compliant: bool => "isCompliant",
        /// Is default contract.
        is_default_contract: bool => "isDefaultContract",
        /// Last modified date time (UTC).
        last_modified_date_time: OffsetDateTime => "lastModifiedDateTime",
        /// Opportunity id.
        opportunity_id: i64 => "opportunityID",
        /// Organizational level association id.
        organizational_level_association_id: i64 => "organizationalLevelAssociationID",
        /// Overage billing rate.
        overage_billing_rate: f64 => "overageBillingRate",
        /// Purchase order number.
        purchase_order_number: String => "purchaseOrderNumber",
        /// Renewed contract id.
        renewed_contract_id: i64 => "renewedContractID",
        /// Service level agreement id.
        service_level_agreement_id: i64 => "serviceLevelAgreementID",
        /// Setup fee.
        setup_fee: f64 => "setupFee",
        /// Setup fee billing code id.
        setup_fee_billing_code_id: i64 => "setupFeeBillingCodeID",
        /// Start date (UTC).
        start_date: OffsetDateTime => "startDate",
        /// Status.
        status: i64 => "status",
        /// Time reporting requires start and stop times.
        time_reporting_requires_start_and_stop_times: i64 => "timeReportingRequiresStartAndStopTimes",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",
    }
}

impl_udfs!(Contract);
