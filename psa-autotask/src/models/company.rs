//! Companies (`CompanyModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A company (customer, lead, vendor, …): `/V1.0/Companies`. No delete.
    ///
    /// ```
    /// let c: psa_autotask::models::Company = serde_json::from_str(r#"{"id":1,"companyName":"Contoso","isActive":true}"#).unwrap();
    /// assert_eq!(c.company_name.as_deref(), Some("Contoso"));
    /// ```
    pub struct Company {
        /// The record's id.
        id: i64 => "id",
        /// Additional address information.
        additional_address_information: String => "additionalAddressInformation",
        /// Address1.
        address1: String => "address1",
        /// Address2.
        address2: String => "address2",
        /// Alternate phone1.
        alternate_phone1: String => "alternatePhone1",
        /// Alternate phone2.
        alternate_phone2: String => "alternatePhone2",
        /// The integration vendor (API tracking identifier) that created the record.
        api_vendor_id: i64 => "apiVendorID",
        /// Asset value.
        asset_value: f64 => "assetValue",
        /// Bill to company location id.
        bill_to_company_location_id: i64 => "billToCompanyLocationID",
        /// Bill to additional address information.
        bill_to_additional_address_information: String => "billToAdditionalAddressInformation",
        /// Billing address1.
        billing_address1: String => "billingAddress1",
        /// Billing address2.
        billing_address2: String => "billingAddress2",
        /// Bill to address to use.
        bill_to_address_to_use: i64 => "billToAddressToUse",
        /// Bill to attention.
        bill_to_attention: String => "billToAttention",
        /// Bill to city.
        bill_to_city: String => "billToCity",
        /// Bill to country id.
        bill_to_country_id: i64 => "billToCountryID",
        /// Bill to state.
        bill_to_state: String => "billToState",
        /// Bill to zip code.
        bill_to_zip_code: String => "billToZipCode",
        /// City.
        city: String => "city",
        /// Classification.
        classification: i64 => "classification",
        /// Company category id.
        company_category_id: i64 => "companyCategoryID",
        /// The company name.
        company_name: String => "companyName",
        /// Company number.
        company_number: String => "companyNumber",
        /// Company type picklist value (Customer, Lead, Prospect, …).
        company_type: i64 => "companyType",
        /// Competitor id.
        competitor_id: i64 => "competitorID",
        /// Country id.
        country_id: i64 => "countryID",
        /// When the record was created (UTC).
        create_date: OffsetDateTime => "createDate",
        /// Created by resource id.
        created_by_resource_id: i64 => "createdByResourceID",
        /// Currency id.
        currency_id: i64 => "currencyID",
        /// Fax.
        fax: String => "fax",
        /// The API user's resource when the record was created under impersonation. Read-only.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Invoice email message id.
        invoice_email_message_id: i64 => "invoiceEmailMessageID",
        /// Invoice method.
        invoice_method: i64 => "invoiceMethod",
        /// Invoice non contract items to parent company.
        invoice_non_contract_items_to_parent_company: bool => "invoiceNonContractItemsToParentCompany",
        /// Invoice template id.
        invoice_template_id: i64 => "invoiceTemplateID",
        /// Whether the record is active.
        is_active: bool => "isActive",
        /// Is client portal active.
        is_client_portal_active: bool => "isClientPortalActive",
        /// Is enabled for comanaged.
        is_enabled_for_comanaged: bool => "isEnabledForComanaged",
        /// Is sample.
        is_sample: bool => "isSample",
        /// Is task fire active.
        is_task_fire_active: bool => "isTaskFireActive",
        /// Is tax exempt.
        is_tax_exempt: bool => "isTaxExempt",
        /// When the record last changed (UTC).
        last_activity_date: OffsetDateTime => "lastActivityDate",
        /// Last tracked modified date time. (UTC)
        last_tracked_modified_date_time: OffsetDateTime => "lastTrackedModifiedDateTime",
        /// Market segment id.
        market_segment_id: i64 => "marketSegmentID",
        /// The account manager resource.
        owner_resource_id: i64 => "ownerResourceID",
        /// The parent company.
        parent_company_id: i64 => "parentCompanyID",
        /// Main phone number.
        phone: String => "phone",
        /// Postal code.
        postal_code: String => "postalCode",
        /// Purchase order template id.
        purchase_order_template_id: i64 => "purchaseOrderTemplateID",
        /// Quote email message id.
        quote_email_message_id: i64 => "quoteEmailMessageID",
        /// Quote template id.
        quote_template_id: i64 => "quoteTemplateID",
        /// Sic code.
        sic_code: String => "sicCode",
        /// State.
        state: String => "state",
        /// Stock market.
        stock_market: String => "stockMarket",
        /// Stock symbol.
        stock_symbol: String => "stockSymbol",
        /// Survey company rating.
        survey_company_rating: f64 => "surveyCompanyRating",
        /// Tax id.
        tax_id: String => "taxID",
        /// Tax region id.
        tax_region_id: i64 => "taxRegionID",
        /// Territory id.
        territory_id: i64 => "territoryID",
        /// Web address.
        web_address: String => "webAddress",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",

    }
}

impl_udfs!(Company);
