use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{NoteId, TicketId, Vendor};

/// Who may see a note.
///
/// ```
/// assert_eq!(psa_core::NoteVisibility::default(), psa_core::NoteVisibility::Internal);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteVisibility {
    /// Visible to the customer (Autotask publish 1, ConnectWise Discussion, Syncro public).
    Public,
    /// Technicians only (Autotask publish 2, ConnectWise Internal, Syncro hidden).
    #[default]
    Internal,
}

/// A note (Syncro: comment) on a ticket.
///
/// ```
/// use psa_core::{Note, NoteId, NoteVisibility, TicketId, Vendor};
/// let n = Note::new(Vendor::ConnectWise, NoteId(1), TicketId(2), "Rebooted", NoteVisibility::Public, Default::default());
/// assert_eq!(n.body, "Rebooted");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// The PSA the note came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: NoteId,
    /// The ticket it belongs to.
    pub ticket: TicketId,
    /// Title or subject, where the vendor has one.
    pub title: Option<String>,
    /// The text.
    pub body: String,
    /// Who may see it.
    pub visibility: NoteVisibility,
    /// Display name of the author, where known.
    pub author: Option<String>,
    /// When it was written (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub created_at: Option<OffsetDateTime>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Note {
    /// A note with the required fields.
    pub fn new(
        vendor: Vendor,
        id: NoteId,
        ticket: TicketId,
        body: impl Into<String>,
        visibility: NoteVisibility,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Note {
            vendor,
            id,
            ticket,
            title: None,
            body: body.into(),
            visibility,
            author: None,
            created_at: None,
            vendor_record,
        }
    }
}

/// A note to add to a ticket.
///
/// ```
/// use psa_core::{NewNote, NoteVisibility};
/// let n = NewNote::new("Called the customer").visibility(NoteVisibility::Public).title("Call");
/// assert_eq!(n.visibility, NoteVisibility::Public);
/// assert!(!n.notify_customer);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewNote {
    /// The text (required).
    pub body: String,
    /// Title or subject; vendors that require one get a default made from the body.
    pub title: Option<String>,
    /// Who may see it (default: internal).
    pub visibility: NoteVisibility,
    /// For public notes: whether the PSA should email the customer (Syncro `do_not_email`,
    /// ConnectWise `processNotifications`). Off by default.
    pub notify_customer: bool,
}

impl NewNote {
    /// An internal note with a body.
    pub fn new(body: impl Into<String>) -> Self {
        NewNote {
            body: body.into(),
            ..Default::default()
        }
    }
    /// Sets the title.
    pub fn title(mut self, v: impl Into<String>) -> Self {
        self.title = Some(v.into());
        self
    }
    /// Sets the visibility.
    pub fn visibility(mut self, v: NoteVisibility) -> Self {
        self.visibility = v;
        self
    }
    /// Sets whether the customer is emailed about a public note.
    pub fn notify_customer(mut self, v: bool) -> Self {
        self.notify_customer = v;
        self
    }
    /// The title, or the first line of the body cut to `max` characters.
    pub fn title_or_summary(&self, max: usize) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.chars().take(max).collect(),
            _ => self
                .body
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(max)
                .collect(),
        }
    }
    /// Checks the body is not empty.
    pub fn validate(&self) -> crate::Result<()> {
        if self.body.trim().is_empty() {
            return Err(crate::Error::new(
                crate::ErrorKind::Validation,
                "a note needs a non-empty body",
            )
            .with_fields(["body"]));
        }
        Ok(())
    }
}
