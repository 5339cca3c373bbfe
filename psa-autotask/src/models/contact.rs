//! Contacts (`ContactModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A contact: query `/V1.0/Contacts/query`; create, update and delete under the company,
    /// `/V1.0/Companies/{companyId}/Contacts`.
    ///
    /// ```
    /// let c: psa_autotask::models::Contact = serde_json::from_str(r#"{"id":9,"companyID":1,"emailAddress":"ada@example.com","isActive":1}"#).unwrap();
    /// assert_eq!(c.is_active, Some(1));
    /// ```
    pub struct Contact {
        /// The record's id.
        id: i64 => "id",
        /// Additional address information.
        additional_address_information: String => "additionalAddressInformation",
        /// Address line.
        address_line: String => "addressLine",
        /// Address line1.
        address_line1: String => "addressLine1",
        /// Alternate phone.
        alternate_phone: String => "alternatePhone",
        /// The integration vendor (API tracking identifier) that created the record.
        api_vendor_id: i64 => "apiVendorID",
        /// Bulk email opt out time. (UTC)
        bulk_email_opt_out_time: OffsetDateTime => "bulkEmailOptOutTime",
        /// City.
        city: String => "city",
        /// The company (customer) id.
        company_id: i64 => "companyID",
        /// Company location id.
        company_location_id: i64 => "companyLocationID",
        /// Country id.
        country_id: i64 => "countryID",
        /// When the record was created (UTC).
        create_date: OffsetDateTime => "createDate",
        /// Primary email address.
        email_address: String => "emailAddress",
        /// Email address2.
        email_address2: String => "emailAddress2",
        /// Email address3.
        email_address3: String => "emailAddress3",
        /// Extension.
        extension: String => "extension",
        /// An external reference; psa-autotask stores idempotency keys here.
        external_id: String => "externalID",
        /// Facebook url.
        facebook_url: String => "facebookUrl",
        /// Fax number.
        fax_number: String => "faxNumber",
        /// First name.
        first_name: String => "firstName",
        /// The API user's resource when the record was created under impersonation. Read-only.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// 1 when active, 0 when inactive (an integer on this entity).
        is_active: i64 => "isActive",
        /// Is opted out from bulk email.
        is_opted_out_from_bulk_email: bool => "isOptedOutFromBulkEmail",
        /// When the record last changed (UTC).
        last_activity_date: OffsetDateTime => "lastActivityDate",
        /// Last modified date. (UTC)
        last_modified_date: OffsetDateTime => "lastModifiedDate",
        /// Last name.
        last_name: String => "lastName",
        /// Linked in url.
        linked_in_url: String => "linkedInUrl",
        /// Middle initial.
        middle_initial: String => "middleInitial",
        /// Mobile phone.
        mobile_phone: String => "mobilePhone",
        /// Name prefix.
        name_prefix: i64 => "namePrefix",
        /// Name suffix.
        name_suffix: i64 => "nameSuffix",
        /// Note.
        note: String => "note",
        /// Receives email notifications.
        receives_email_notifications: bool => "receivesEmailNotifications",
        /// Phone.
        phone: String => "phone",
        /// Whether this is the company's primary contact.
        primary_contact: bool => "primaryContact",
        /// Billing contact.
        billing_contact: bool => "billingContact",
        /// Room number.
        room_number: String => "roomNumber",
        /// Solicitation opt out.
        solicitation_opt_out: bool => "solicitationOptOut",
        /// Solicitation opt out time. (UTC)
        solicitation_opt_out_time: OffsetDateTime => "solicitationOptOutTime",
        /// State.
        state: String => "state",
        /// Survey opt out.
        survey_opt_out: bool => "surveyOptOut",
        /// Title.
        title: String => "title",
        /// Twitter url.
        twitter_url: String => "twitterUrl",
        /// Zip code.
        zip_code: String => "zipCode",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",

    }
}

impl_udfs!(Contact);
