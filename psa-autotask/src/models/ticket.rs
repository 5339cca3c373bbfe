//! Tickets (`TicketModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A ticket (`/V1.0/Tickets`): create with POST, update with PATCH on the collection, no delete.
    ///
    /// ```
    /// let t: psa_autotask::models::Ticket = serde_json::from_value(serde_json::json!({
    ///     "id": 128926, "title": "Test", "status": 1, "createDate": "2024-01-31T15:04:05.307",
    ///     "someNewField": true
    /// })).unwrap();
    /// assert_eq!(t.status, Some(1));
    /// assert_eq!(t.extra["someNewField"], true);
    /// ```
    pub struct Ticket {
        /// The record's id.
        id: i64 => "id",
        /// The integration vendor (API tracking identifier) that created the record.
        api_vendor_id: i64 => "apiVendorID",
        /// The primary resource; needs `assigned_resource_role_id` too.
        assigned_resource_id: i64 => "assignedResourceID",
        /// The role of the primary resource.
        assigned_resource_role_id: i64 => "assignedResourceRoleID",
        /// Billing code id.
        billing_code_id: i64 => "billingCodeID",
        /// Change approval board.
        change_approval_board: i64 => "changeApprovalBoard",
        /// Change approval status.
        change_approval_status: i64 => "changeApprovalStatus",
        /// Change approval type.
        change_approval_type: i64 => "changeApprovalType",
        /// Change info field1.
        change_info_field1: String => "changeInfoField1",
        /// Change info field2.
        change_info_field2: String => "changeInfoField2",
        /// Change info field3.
        change_info_field3: String => "changeInfoField3",
        /// Change info field4.
        change_info_field4: String => "changeInfoField4",
        /// Change info field5.
        change_info_field5: String => "changeInfoField5",
        /// The company (customer) id.
        company_id: i64 => "companyID",
        /// Company location id.
        company_location_id: i64 => "companyLocationID",
        /// Completed by resource id.
        completed_by_resource_id: i64 => "completedByResourceID",
        /// When the ticket was completed (UTC).
        completed_date: OffsetDateTime => "completedDate",
        /// Configuration item id.
        configuration_item_id: i64 => "configurationItemID",
        /// The contact id.
        contact_id: i64 => "contactID",
        /// Contract id.
        contract_id: i64 => "contractID",
        /// Contract service bundle id.
        contract_service_bundle_id: i64 => "contractServiceBundleID",
        /// Contract service id.
        contract_service_id: i64 => "contractServiceID",
        /// When the record was created (UTC).
        create_date: OffsetDateTime => "createDate",
        /// Created by contact id.
        created_by_contact_id: i64 => "createdByContactID",
        /// The resource that created the ticket.
        creator_resource_id: i64 => "creatorResourceID",
        /// Who created the ticket (resource or contact). Not queryable.
        creator_type: i64 => "creatorType",
        /// Current service thermometer rating.
        current_service_thermometer_rating: i64 => "currentServiceThermometerRating",
        /// Description (plain text).
        description: String => "description",
        /// When the ticket is due (UTC).
        due_date_time: OffsetDateTime => "dueDateTime",
        /// Estimated hours.
        estimated_hours: f64 => "estimatedHours",
        /// An external reference; psa-autotask stores idempotency keys here.
        external_id: String => "externalID",
        /// First response assigned resource id.
        first_response_assigned_resource_id: i64 => "firstResponseAssignedResourceID",
        /// First response date time. (UTC)
        first_response_date_time: OffsetDateTime => "firstResponseDateTime",
        /// First response due date time. (UTC)
        first_response_due_date_time: OffsetDateTime => "firstResponseDueDateTime",
        /// First response initiating resource id.
        first_response_initiating_resource_id: i64 => "firstResponseInitiatingResourceID",
        /// Hours to be scheduled.
        hours_to_be_scheduled: f64 => "hoursToBeScheduled",
        /// The API user's resource when the record was created under impersonation. Read-only.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Is assigned to comanaged.
        is_assigned_to_comanaged: bool => "isAssignedToComanaged",
        /// Issue type picklist value.
        issue_type: i64 => "issueType",
        /// Is visible to comanaged.
        is_visible_to_comanaged: bool => "isVisibleToComanaged",
        /// When the record last changed (UTC).
        last_activity_date: OffsetDateTime => "lastActivityDate",
        /// Who made the last change (resource or contact). Not queryable.
        last_activity_person_type: i64 => "lastActivityPersonType",
        /// Last activity resource id.
        last_activity_resource_id: i64 => "lastActivityResourceID",
        /// Last customer notification date time. (UTC)
        last_customer_notification_date_time: OffsetDateTime => "lastCustomerNotificationDateTime",
        /// Last customer visible activity date time. (UTC)
        last_customer_visible_activity_date_time: OffsetDateTime => "lastCustomerVisibleActivityDateTime",
        /// When a tracked field last changed (UTC).
        last_tracked_modification_date_time: OffsetDateTime => "lastTrackedModificationDateTime",
        /// Monitor id.
        monitor_id: i64 => "monitorID",
        /// Monitor type id.
        monitor_type_id: i64 => "monitorTypeID",
        /// Opportunity id.
        opportunity_id: i64 => "opportunityID",
        /// Organizational level association id.
        organizational_level_association_id: i64 => "organizationalLevelAssociationID",
        /// Previous service thermometer rating.
        previous_service_thermometer_rating: i64 => "previousServiceThermometerRating",
        /// Priority picklist value.
        priority: i64 => "priority",
        /// Problem ticket id.
        problem_ticket_id: i64 => "problemTicketId",
        /// Project id.
        project_id: i64 => "projectID",
        /// Purchase order number.
        purchase_order_number: String => "purchaseOrderNumber",
        /// Queue picklist value.
        queue_id: i64 => "queueID",
        /// Resolution text.
        resolution: String => "resolution",
        /// Resolution plan date time. (UTC)
        resolution_plan_date_time: OffsetDateTime => "resolutionPlanDateTime",
        /// Resolution plan due date time. (UTC)
        resolution_plan_due_date_time: OffsetDateTime => "resolutionPlanDueDateTime",
        /// Resolved date time. (UTC)
        resolved_date_time: OffsetDateTime => "resolvedDateTime",
        /// Resolved due date time. (UTC)
        resolved_due_date_time: OffsetDateTime => "resolvedDueDateTime",
        /// Rma status.
        rma_status: i64 => "rmaStatus",
        /// Rma type.
        rma_type: i64 => "rmaType",
        /// Rmm alert id.
        rmm_alert_id: String => "rmmAlertID",
        /// Service level agreement has been met.
        service_level_agreement_has_been_met: bool => "serviceLevelAgreementHasBeenMet",
        /// Service level agreement id.
        service_level_agreement_id: i64 => "serviceLevelAgreementID",
        /// Service level agreement paused next event hours.
        service_level_agreement_paused_next_event_hours: f64 => "serviceLevelAgreementPausedNextEventHours",
        /// Service thermometer temperature.
        service_thermometer_temperature: i64 => "serviceThermometerTemperature",
        /// Source picklist value (how the ticket came in).
        source: i64 => "source",
        /// Status picklist value (tenant-specific; 1 New and 5 Complete are stock).
        status: i64 => "status",
        /// Sub-issue type picklist value (child of `issue_type`).
        sub_issue_type: i64 => "subIssueType",
        /// Ticket category picklist value.
        ticket_category: i64 => "ticketCategory",
        /// The number people quote, such as `T20240131.0001`. Read-only.
        ticket_number: String => "ticketNumber",
        /// Ticket type picklist value (Service Request, Incident, Problem, Change Request, Alert).
        ticket_type: i64 => "ticketType",
        /// Title.
        title: String => "title",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",

    }
}

impl_udfs!(Ticket);
