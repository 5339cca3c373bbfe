//! Resources (`ResourceModel`).

use time::OffsetDateTime;

wire_model! {
    /// A resource (technician or API user): `/V1.0/Resources`. Resources cannot be created or
    /// deleted through the API; they can be updated.
    ///
    /// ```
    /// let r: psa_autotask::models::Resource = serde_json::from_str(r#"{"id":29682885,"userName":"api.chat","isActive":true}"#).unwrap();
    /// assert_eq!(r.user_name.as_deref(), Some("api.chat"));
    /// ```
    pub struct Resource {
        /// The record's id.
        id: i64 => "id",
        /// Accounting reference id.
        accounting_reference_id: String => "accountingReferenceID",
        /// Date format.
        date_format: String => "dateFormat",
        /// Default service desk role id.
        default_service_desk_role_id: i64 => "defaultServiceDeskRoleID",
        /// Primary email address.
        email: String => "email",
        /// Email2.
        email2: String => "email2",
        /// Email3.
        email3: String => "email3",
        /// Email type code.
        email_type_code: String => "emailTypeCode",
        /// Email type code2.
        email_type_code2: String => "emailTypeCode2",
        /// Email type code3.
        email_type_code3: String => "emailTypeCode3",
        /// First name.
        first_name: String => "firstName",
        /// Gender.
        gender: String => "gender",
        /// Greeting.
        greeting: i64 => "greeting",
        /// Hire date. (UTC)
        hire_date: OffsetDateTime => "hireDate",
        /// Home phone.
        home_phone: String => "homePhone",
        /// Initials.
        initials: String => "initials",
        /// Internal cost.
        internal_cost: f64 => "internalCost",
        /// Whether the record is active.
        is_active: bool => "isActive",
        /// Last name.
        last_name: String => "lastName",
        /// License type picklist value.
        license_type: i64 => "licenseType",
        /// Location id.
        location_id: i64 => "locationID",
        /// Middle name.
        middle_name: String => "middleName",
        /// Mobile phone.
        mobile_phone: String => "mobilePhone",
        /// Number format.
        number_format: String => "numberFormat",
        /// Office extension.
        office_extension: String => "officeExtension",
        /// Office phone.
        office_phone: String => "officePhone",
        /// Payroll identifier.
        payroll_identifier: String => "payrollIdentifier",
        /// Payroll type.
        payroll_type: i64 => "payrollType",
        /// Resource type (Employee, Contractor, …).
        resource_type: String => "resourceType",
        /// Suffix.
        suffix: i64 => "suffix",
        /// Survey resource rating.
        survey_resource_rating: f64 => "surveyResourceRating",
        /// Time format.
        time_format: String => "timeFormat",
        /// Title.
        title: String => "title",
        /// Travel availability pct.
        travel_availability_pct: String => "travelAvailabilityPct",
        /// Login name.
        user_name: String => "userName",
        /// Security level id.
        user_type: i64 => "userType",

    }
}
