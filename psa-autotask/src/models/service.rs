//! Services (`ServiceModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A service in the catalogue: `/V1.0/Services` (query, get, create, update; no delete).
    ///
    /// ```
    /// let r: psa_autotask::models::Service = serde_json::from_str(r#"{"id":12,"name":"Managed Workstation","isActive":true}"#).unwrap();
    /// assert_eq!(r.name.as_deref(), Some("Managed Workstation"));
    /// ```
    pub struct Service {
        /// The record's id.
        id: i64 => "id",
        /// Billing code id.
        billing_code_id: i64 => "billingCodeID",
        /// Create date (UTC).
        create_date: OffsetDateTime => "createDate",
        /// Creator resource id.
        creator_resource_id: i64 => "creatorResourceID",
        /// Description.
        description: String => "description",
        /// Invoice description.
        invoice_description: String => "invoiceDescription",
        /// Is active.
        is_active: bool => "isActive",
        /// Last modified date (UTC).
        last_modified_date: OffsetDateTime => "lastModifiedDate",
        /// Markup rate.
        markup_rate: f64 => "markupRate",
        /// Name.
        name: String => "name",
        /// Period type.
        period_type: i64 => "periodType",
        /// Service level agreement id.
        service_level_agreement_id: i64 => "serviceLevelAgreementID",
        /// Unit cost.
        unit_cost: f64 => "unitCost",
        /// Unit price.
        unit_price: f64 => "unitPrice",
        /// Update resource id.
        update_resource_id: i64 => "updateResourceID",
        /// Vendor company id.
        vendor_company_id: i64 => "vendorCompanyID",
        /// Manufacturer service provider.
        manufacturer_service_provider: String => "manufacturerServiceProvider",
        /// Manufacturer service provider product number.
        manufacturer_service_provider_product_number: String => "manufacturerServiceProviderProductNumber",
        /// Catalog number part number.
        catalog_number_part_number: String => "catalogNumberPartNumber",
        /// Sku.
        sku: String => "sku",
        /// Internal id.
        internal_id: String => "internalID",
        /// External id.
        external_id: String => "externalID",
        /// Url.
        url: String => "url",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",
    }
}

impl_udfs!(Service);
