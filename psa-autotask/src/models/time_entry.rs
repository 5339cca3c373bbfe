//! Time entries (`TimeEntryModel`).

use time::OffsetDateTime;

wire_model! {
    /// A time entry: `/V1.0/TimeEntries` (query, get, create, update, delete).
    ///
    /// ```
    /// let r: psa_autotask::models::TimeEntry = serde_json::from_str(r#"{"id":77,"ticketID":7001,"resourceID":29682886,"hoursWorked":1.5}"#).unwrap();
    /// assert_eq!(r.resource_id, Some(29682886));
    /// ```
    pub struct TimeEntry {
        /// The record's id.
        id: i64 => "id",
        /// Billing approval date time (UTC).
        billing_approval_date_time: OffsetDateTime => "billingApprovalDateTime",
        /// Billing approval level most recent.
        billing_approval_level_most_recent: i64 => "billingApprovalLevelMostRecent",
        /// Billing approval resource id.
        billing_approval_resource_id: i64 => "billingApprovalResourceID",
        /// Billing code id.
        billing_code_id: i64 => "billingCodeID",
        /// Contract id.
        contract_id: i64 => "contractID",
        /// Contract service bundle id.
        contract_service_bundle_id: i64 => "contractServiceBundleID",
        /// Contract service id.
        contract_service_id: i64 => "contractServiceID",
        /// Create date time (UTC).
        create_date_time: OffsetDateTime => "createDateTime",
        /// Creator user id.
        creator_user_id: i64 => "creatorUserID",
        /// Date worked (UTC).
        date_worked: OffsetDateTime => "dateWorked",
        /// End date time (UTC).
        end_date_time: OffsetDateTime => "endDateTime",
        /// Hours to bill.
        hours_to_bill: f64 => "hoursToBill",
        /// Hours worked.
        hours_worked: f64 => "hoursWorked",
        /// Impersonator creator resource id.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Impersonator updater resource id.
        impersonator_updater_resource_id: i64 => "impersonatorUpdaterResourceID",
        /// Internal billing code id.
        internal_billing_code_id: i64 => "internalBillingCodeID",
        /// Internal notes.
        internal_notes: String => "internalNotes",
        /// Is internal notes visible to comanaged.
        is_internal_notes_visible_to_comanaged: bool => "isInternalNotesVisibleToComanaged",
        /// Is non billable.
        is_non_billable: bool => "isNonBillable",
        /// Last modified date time (UTC).
        last_modified_date_time: OffsetDateTime => "lastModifiedDateTime",
        /// Last modified user id.
        last_modified_user_id: i64 => "lastModifiedUserID",
        /// Offset hours.
        offset_hours: f64 => "offsetHours",
        /// Resource id.
        resource_id: i64 => "resourceID",
        /// Role id.
        role_id: i64 => "roleID",
        /// Show on invoice.
        show_on_invoice: bool => "showOnInvoice",
        /// Start date time (UTC).
        start_date_time: OffsetDateTime => "startDateTime",
        /// Summary notes.
        summary_notes: String => "summaryNotes",
        /// Task id.
        task_id: i64 => "taskID",
        /// Ticket id.
        ticket_id: i64 => "ticketID",
        /// Time entry type.
        time_entry_type: i64 => "timeEntryType",
    }
}
