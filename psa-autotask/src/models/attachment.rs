//! Ticket attachments (`TicketAttachmentModel`).

use time::OffsetDateTime;

wire_model! {
    /// A ticket attachment: create under the ticket (`/V1.0/Tickets/{ticketId}/Attachments`) with
    /// the content base64-encoded in `data`; query `/V1.0/TicketAttachments/query` (without
    /// `data`); download one with its content from `/V1.0/Tickets/{ticketId}/Attachments/{id}`.
    ///
    /// ```
    /// let a = psa_autotask::models::TicketAttachment::file(128926, "log.txt", b"boot failed");
    /// assert_eq!(a.attachment_type.as_deref(), Some("FILE_ATTACHMENT"));
    /// assert_eq!(a.data.as_deref(), Some("Ym9vdCBmYWlsZWQ="));
    /// ```
    pub struct TicketAttachment {
        /// The record's id.
        id: i64 => "id",
        /// When it was attached (UTC).
        attach_date: OffsetDateTime => "attachDate",
        /// The contact that attached it.
        attached_by_contact_id: i64 => "attachedByContactID",
        /// The resource that attached it.
        attached_by_resource_id: i64 => "attachedByResourceID",
        /// `FILE_ATTACHMENT`, `URL` or `FOLDER_LINK`.
        attachment_type: String => "attachmentType",
        /// MIME type.
        content_type: String => "contentType",
        /// Creator type.
        creator_type: i64 => "creatorType",
        /// Size in bytes.
        file_size: f64 => "fileSize",
        /// The file name (or the URL, for link attachments).
        full_path: String => "fullPath",
        /// The API user's resource when the record was created under impersonation. Read-only.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Opportunity id.
        opportunity_id: i64 => "opportunityID",
        /// Parent attachment id.
        parent_attachment_id: i64 => "parentAttachmentID",
        /// The record the attachment hangs on.
        parent_id: i64 => "parentID",
        /// Who may see it: 1 all Autotask users, 2 internal only.
        publish: i64 => "publish",
        /// The ticket.
        ticket_id: i64 => "ticketID",
        /// The ticket note, for note attachments.
        ticket_note_id: i64 => "ticketNoteID",
        /// Time entry id.
        time_entry_id: i64 => "timeEntryID",
        /// Title.
        title: String => "title",
        /// The file's content, base64-encoded; only returned when downloading one attachment.
        data: String => "data",
        /// The kind of record the attachment hangs on. Read-only.
        parent_type: i64 => "parentType",
        /// Is task attachment. Read-only.
        is_task_attachment: bool => "isTaskAttachment",

    }
}

impl TicketAttachment {
    /// A file attachment for a ticket, with the bytes base64-encoded and the title set to the
    /// file name. It is internal (`publish` 2) until [`public`](Self::public) is called.
    pub fn file(ticket_id: i64, file_name: impl Into<String>, bytes: &[u8]) -> Self {
        use base64::Engine as _;
        let name = file_name.into();
        TicketAttachment {
            attachment_type: Some("FILE_ATTACHMENT".into()),
            parent_id: Some(ticket_id),
            ticket_id: Some(ticket_id),
            title: Some(name.clone()),
            full_path: Some(name),
            publish: Some(2),
            data: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
            ..Default::default()
        }
    }

    /// Makes the attachment visible to all Autotask users (`publish` 1) or internal (2).
    pub fn public(mut self, public: bool) -> Self {
        self.publish = Some(if public { 1 } else { 2 });
        self
    }

    /// The size of the decoded `data` in bytes, computed from the base64 text (no decoding).
    pub fn data_len(&self) -> Option<usize> {
        let d = self.data.as_deref()?;
        let chars = d.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        let pad = d
            .trim_end()
            .bytes()
            .rev()
            .take_while(|b| *b == b'=')
            .count()
            .min(2);
        let rem = match chars % 4 {
            2 => 1,
            3 => 2,
            _ => 0,
        };
        Some((chars / 4 * 3 + rem).saturating_sub(pad))
    }

    /// The decoded `data`, when present.
    pub fn decode_data(&self) -> psa_core::Result<Option<Vec<u8>>> {
        use base64::Engine as _;
        match &self.data {
            None => Ok(None),
            Some(d) => base64::engine::general_purpose::STANDARD
                .decode(d.trim())
                .map(Some)
                .map_err(|e| {
                    psa_core::Error::new(
                        psa_core::ErrorKind::Decode,
                        format!("the attachment data is not valid base64: {e}"),
                    )
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_len_matches_the_decoded_size() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n as u8).collect();
            let a = TicketAttachment::file(1, "f.bin", &bytes);
            assert_eq!(a.data_len(), Some(n), "{n}");
            assert_eq!(a.decode_data().unwrap(), Some(bytes));
        }
    }
}
