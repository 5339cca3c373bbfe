//! Task notes (`TaskNoteModel`).

use time::OffsetDateTime;

wire_model! {
    /// A task note: queried at `/V1.0/TaskNotes/query`, written under the task,
    /// `/V1.0/Tasks/{taskID}/Notes`. Notes cannot be deleted.
    ///
    /// ```
    /// let mut n = psa_autotask::models::TaskNote::default();
    /// n.task_id = Some(9001);
    /// n.publish = Some(2);
    /// assert_eq!(serde_json::to_value(&n).unwrap(), serde_json::json!({"taskID": 9001, "publish": 2}));
    /// ```
    pub struct TaskNote {
        /// The record's id.
        id: i64 => "id",
        /// Create date time (UTC).
        create_date_time: OffsetDateTime => "createDateTime",
        /// Creator resource id.
        creator_resource_id: i64 => "creatorResourceID",
        /// Created by contact id.
        created_by_contact_id: i64 => "createdByContactID",
        /// Description.
        description: String => "description",
        /// Impersonator creator resource id.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Impersonator updater resource id.
        impersonator_updater_resource_id: i64 => "impersonatorUpdaterResourceID",
        /// Last activity date (UTC).
        last_activity_date: OffsetDateTime => "lastActivityDate",
        /// Note type picklist value (tenant-specific).
        note_type: i64 => "noteType",
        /// Who may see the note: 1 all Autotask users (customer-visible), 2 internal only, 4 internal and co-managed.
        publish: i64 => "publish",
        /// Task id.
        task_id: i64 => "taskID",
        /// Title.
        title: String => "title",
    }
}
