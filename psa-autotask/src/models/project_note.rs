//! Project notes (`ProjectNoteModel`).

use time::OffsetDateTime;

wire_model! {
    /// A project note: queried at `/V1.0/ProjectNotes/query`, written under the project,
    /// `/V1.0/Projects/{projectID}/Notes`. Notes cannot be deleted.
    ///
    /// ```
    /// let n: psa_autotask::models::ProjectNote = serde_json::from_str(
    ///     r#"{"id":5,"projectID":81,"title":"Kick-off","noteType":1,"publish":1}"#).unwrap();
    /// assert_eq!(n.project_id, Some(81));
    /// ```
    pub struct ProjectNote {
        /// The record's id.
        id: i64 => "id",
        /// Create date time (UTC).
        create_date_time: OffsetDateTime => "createDateTime",
        /// Created by contact id.
        created_by_contact_id: i64 => "createdByContactID",
        /// Creator resource id.
        creator_resource_id: i64 => "creatorResourceID",
        /// Description.
        description: String => "description",
        /// Impersonator creator resource id.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Impersonator updater resource id.
        impersonator_updater_resource_id: i64 => "impersonatorUpdaterResourceID",
        /// Is announcement.
        is_announcement: bool => "isAnnouncement",
        /// Last activity date (UTC).
        last_activity_date: OffsetDateTime => "lastActivityDate",
        /// Note type picklist value (tenant-specific).
        note_type: i64 => "noteType",
        /// Project id.
        project_id: i64 => "projectID",
        /// Who may see the note: 1 all Autotask users (customer-visible), 2 internal only, 4 internal and co-managed.
        publish: i64 => "publish",
        /// Title.
        title: String => "title",
    }
}
