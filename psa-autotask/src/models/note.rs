//! Ticket notes (`TicketNoteModel`).

use time::OffsetDateTime;

wire_model! {
    /// A ticket note: query `/V1.0/TicketNotes/query`; create and update under the ticket,
    /// `/V1.0/Tickets/{ticketId}/Notes`. Notes cannot be deleted.
    ///
    /// ```
    /// let mut n = psa_autotask::models::TicketNote::default();
    /// n.ticket_id = Some(128926);
    /// n.publish = Some(2);
    /// assert_eq!(serde_json::to_value(&n).unwrap(), serde_json::json!({"ticketID": 128926, "publish": 2}));
    /// ```
    pub struct TicketNote {
        /// The record's id.
        id: i64 => "id",
        /// When the note was created (UTC).
        create_date_time: OffsetDateTime => "createDateTime",
        /// The contact that wrote the note.
        created_by_contact_id: i64 => "createdByContactID",
        /// The resource that wrote the note.
        creator_resource_id: i64 => "creatorResourceID",
        /// Description (plain text).
        description: String => "description",
        /// The API user's resource when the record was created under impersonation. Read-only.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// The API user's resource when the record was last updated under impersonation. Read-only.
        impersonator_updater_resource_id: i64 => "impersonatorUpdaterResourceID",
        /// When the record last changed (UTC).
        last_activity_date: OffsetDateTime => "lastActivityDate",
        /// Note type picklist value (tenant-specific).
        note_type: i64 => "noteType",
        /// Who may see the note: 1 all Autotask users (customer-visible), 2 internal only, 4 internal and co-managed.
        publish: i64 => "publish",
        /// The ticket the note belongs to.
        ticket_id: i64 => "ticketID",
        /// Title.
        title: String => "title",

    }
}
