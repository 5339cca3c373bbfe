//! Project tasks (`TaskModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A project task: queried at `/V1.0/Tasks/query`, read at `/V1.0/Tasks/{id}`, written under
    /// the project, `/V1.0/Projects/{projectID}/Tasks` (no delete). `status`, `priorityLabel`
    /// and `taskType` are picklist values (ids).
    ///
    /// ```
    /// let mut t = psa_autotask::models::Task::default();
    /// t.project_id = Some(81);
    /// t.title = Some("Cable the new floor".into());
    /// assert_eq!(serde_json::to_value(&t).unwrap()["projectID"], 81);
    /// ```
    pub struct Task {
        /// The record's id.
        id: i64 => "id",
        /// Assigned resource id.
        assigned_resource_id: i64 => "assignedResourceID",
        /// Assigned resource role id.
        assigned_resource_role_id: i64 => "assignedResourceRoleID",
        /// Billing code id.
        billing_code_id: i64 => "billingCodeID",
        /// Can client portal user complete task.
        can_client_portal_user_complete_task: bool => "canClientPortalUserCompleteTask",
        /// Company location id.
        company_location_id: i64 => "companyLocationID",
        /// Completed by resource id.
        completed_by_resource_id: i64 => "completedByResourceID",
        /// Completed by type.
        completed_by_type: i64 => "completedByType",
        /// Completed date time (UTC).
        completed_date_time: OffsetDateTime => "completedDateTime",
        /// Create date time (UTC).
        create_date_time: OffsetDateTime => "createDateTime",
        /// Creator resource id.
        creator_resource_id: i64 => "creatorResourceID",
        /// Creator type.
        creator_type: i64 => "creatorType",
        /// Department id.
        department_id: i64 => "departmentID",
        /// Description.
        description: String => "description",
        /// End date time (UTC).
        end_date_time: OffsetDateTime => "endDateTime",
        /// Estimated hours.
        estimated_hours: f64 => "estimatedHours",
        /// External id.
        external_id: String => "externalID",
        /// Hours to be scheduled.
        hours_to_be_scheduled: f64 => "hoursToBeScheduled",
        /// Is task billable.
        is_task_billable: bool => "isTaskBillable",
        /// Is visible in client portal.
        is_visible_in_client_portal: bool => "isVisibleInClientPortal",
        /// Last activity date time (UTC).
        last_activity_date_time: OffsetDateTime => "lastActivityDateTime",
        /// Last activity person type.
        last_activity_person_type: i64 => "lastActivityPersonType",
        /// Last activity resource id.
        last_activity_resource_id: i64 => "lastActivityResourceID",
        /// Phase id.
        phase_id: i64 => "phaseID",
        /// Priority.
        priority: i64 => "priority",
        /// Priority label.
        priority_label: i64 => "priorityLabel",
        /// Project id.
        project_id: i64 => "projectID",
        /// Purchase order number.
        purchase_order_number: String => "purchaseOrderNumber",
        /// Remaining hours.
        remaining_hours: f64 => "remainingHours",
        /// Start date time (UTC).
        start_date_time: OffsetDateTime => "startDateTime",
        /// Status.
        status: i64 => "status",
        /// Task category id.
        task_category_id: i64 => "taskCategoryID",
        /// Task number.
        task_number: String => "taskNumber",
        /// Task type.
        task_type: i64 => "taskType",
        /// Title.
        title: String => "title",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",
    }
}

impl_udfs!(Task);
