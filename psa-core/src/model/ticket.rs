use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{
    CompanyId, ContactId, Priority, Queue, ResourceId, Stage, StageMap, Status, TicketId, Vendor,
};

/// A ticket, mapped from the vendor's record.
///
/// ```
/// use psa_core::{Ticket, TicketId, Vendor};
/// let mut t = Ticket::new(Vendor::Syncro, TicketId(1), "Printer offline", serde_json::json!({"id": 1}).into());
/// t.number = Some("1001".into());
/// assert_eq!(t.vendor_record.to_value()?["id"], 1);
/// # Ok::<(), psa_core::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// The PSA the ticket came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: TicketId,
    /// The number people quote (`T20240131.0001`, `1001`).
    pub number: Option<String>,
    /// Title / summary / subject.
    pub title: String,
    /// The description or initial problem text, when the vendor returns it.
    pub description: Option<String>,
    /// Current status.
    pub status: Option<Status>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Queue or board.
    pub queue: Option<Queue>,
    /// The company (customer) the ticket is for.
    pub company: Option<CompanyId>,
    /// The contact who raised it.
    pub contact: Option<ContactId>,
    /// The resource it is assigned to.
    pub assignee: Option<ResourceId>,
    /// The idempotency key / external reference stored with it, if any.
    pub external_ref: Option<String>,
    /// When it was created (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub created_at: Option<OffsetDateTime>,
    /// When it last changed (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_at: Option<OffsetDateTime>,
    /// When it was completed (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub closed_at: Option<OffsetDateTime>,
    /// The stage, when the connector has a [`StageMap`].
    pub stage: Option<Stage>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Ticket {
    /// A ticket with only the required fields set.
    pub fn new(
        vendor: Vendor,
        id: TicketId,
        title: impl Into<String>,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Ticket {
            vendor,
            id,
            number: None,
            title: title.into(),
            description: None,
            status: None,
            priority: None,
            queue: None,
            company: None,
            contact: None,
            assignee: None,
            external_ref: None,
            created_at: None,
            updated_at: None,
            closed_at: None,
            stage: None,
            vendor_record,
        }
    }

    /// Whether the ticket's status counts as closed.
    pub fn is_closed(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.is_closed) || self.stage == Some(Stage::Resolved)
    }

    /// The stage under a given map (ignores the stored `stage`).
    ///
    /// ```
    /// use psa_core::{Stage, StageMap, Status, Ticket, TicketId, Vendor};
    /// let mut t = Ticket::new(Vendor::Autotask, TicketId(1), "x", Default::default());
    /// t.status = Some(Status::new("8", "In Progress"));
    /// assert_eq!(t.stage_in(&StageMap::default_for(Vendor::Autotask)), Some(Stage::Working));
    /// ```
    pub fn stage_in(&self, map: &StageMap) -> Option<Stage> {
        self.status.as_ref().and_then(|s| map.stage_of(s))
    }
}

/// A ticket to create.
///
/// ```
/// use psa_core::{CompanyId, NewTicket};
/// let t = NewTicket::new("Email down")
///     .company(CompanyId(42))
///     .description("Outlook cannot connect")
///     .idempotency_key("chat-7f3a");
/// assert_eq!(t.title, "Email down");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewTicket {
    /// Title / summary / subject (required).
    pub title: String,
    /// Problem description.
    pub description: Option<String>,
    /// Company (required by every vendor; some connectors can fill in a default).
    pub company: Option<CompanyId>,
    /// Contact who raised it.
    pub contact: Option<ContactId>,
    /// Status key (see [`crate::Connector::statuses`]); vendor default when `None`.
    pub status: Option<String>,
    /// Priority key; vendor default when `None`.
    pub priority: Option<String>,
    /// Queue or board key.
    pub queue: Option<String>,
    /// Resource to assign.
    pub assignee: Option<ResourceId>,
    /// Due date (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub due_at: Option<OffsetDateTime>,
    /// A caller-chosen key stored with the ticket, so a retried create never makes two.
    pub idempotency_key: Option<String>,
}

impl NewTicket {
    /// A new ticket with a title.
    pub fn new(title: impl Into<String>) -> Self {
        NewTicket {
            title: title.into(),
            ..Default::default()
        }
    }
    /// Sets the description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// Sets the company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }
    /// Sets the contact.
    pub fn contact(mut self, v: ContactId) -> Self {
        self.contact = Some(v);
        self
    }
    /// Sets the status key.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Sets the priority key.
    pub fn priority(mut self, v: impl Into<String>) -> Self {
        self.priority = Some(v.into());
        self
    }
    /// Sets the queue or board key.
    pub fn queue(mut self, v: impl Into<String>) -> Self {
        self.queue = Some(v.into());
        self
    }
    /// Sets the assignee.
    pub fn assignee(mut self, v: ResourceId) -> Self {
        self.assignee = Some(v);
        self
    }
    /// Sets the due date.
    pub fn due_at(mut self, v: OffsetDateTime) -> Self {
        self.due_at = Some(v);
        self
    }
    /// Sets the idempotency key.
    pub fn idempotency_key(mut self, v: impl Into<String>) -> Self {
        self.idempotency_key = Some(v.into());
        self
    }
    /// Checks what every vendor requires: a non-empty title.
    pub fn validate(&self) -> crate::Result<()> {
        if self.title.trim().is_empty() {
            return Err(crate::Error::new(
                crate::ErrorKind::Validation,
                "a ticket needs a non-empty title",
            )
            .with_fields(["title"]));
        }
        Ok(())
    }
}

/// Changes to a ticket; `None` fields are left as they are.
///
/// ```
/// let u = psa_core::TicketUpdate::new().status("5").title("Fixed: email down");
/// assert!(!u.is_empty());
/// assert!(psa_core::TicketUpdate::new().is_empty());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketUpdate {
    /// New title.
    pub title: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New status key.
    pub status: Option<String>,
    /// New priority key.
    pub priority: Option<String>,
    /// New queue or board key.
    pub queue: Option<String>,
    /// New assignee.
    pub assignee: Option<ResourceId>,
    /// New contact.
    pub contact: Option<ContactId>,
}

impl TicketUpdate {
    /// An empty update.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the title.
    pub fn title(mut self, v: impl Into<String>) -> Self {
        self.title = Some(v.into());
        self
    }
    /// Sets the description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// Sets the status key.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Sets the priority key.
    pub fn priority(mut self, v: impl Into<String>) -> Self {
        self.priority = Some(v.into());
        self
    }
    /// Sets the queue or board key.
    pub fn queue(mut self, v: impl Into<String>) -> Self {
        self.queue = Some(v.into());
        self
    }
    /// Sets the assignee.
    pub fn assignee(mut self, v: ResourceId) -> Self {
        self.assignee = Some(v);
        self
    }
    /// Sets the contact.
    pub fn contact(mut self, v: ContactId) -> Self {
        self.contact = Some(v);
        self
    }
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self == &TicketUpdate::default()
    }
}
