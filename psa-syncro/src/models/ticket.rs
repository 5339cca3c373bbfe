use psa_core::wire::Field;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Comment, Customer, UserRecord, flex};

/// A Syncro ticket as `GET /tickets` and `GET /tickets/{id}` return it.
///
/// The list returns the fields up to `user`; the detail adds `attachments`, `customer`,
/// `contact`, `ticket_type` and more. Every field the API documents is typed; anything else is
/// kept in [`extra`](Self::extra). Timestamps keep the account's local offset.
///
/// ```
/// let t: psa_syncro::models::Ticket = serde_json::from_value(serde_json::json!({
///     "id": 4294967297_i64, "number": 1042, "subject": "Printer offline", "status": "New",
///     "created_at": "2025-01-29T13:31:46.716-05:00", "properties": {"Device": "HP"},
///     "user": {"id": 1, "full_name": "Sam Tech", "admin?": true},
///     "brand_new_field": 1
/// })).unwrap();
/// assert_eq!(t.id, 4_294_967_297);
/// assert_eq!(t.created_at.unwrap().offset().whole_hours(), -5);
/// assert_eq!(t.user.as_ref().unwrap().is_admin(), Some(true));
/// assert_eq!(t.extra["brand_new_field"], 1);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Internal id (used in every URL).
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// The number people quote.
    #[serde(default, with = "flex::opt_i64")]
    pub number: Option<i64>,
    /// Subject line.
    #[serde(default)]
    pub subject: Option<String>,
    /// Status name (account-defined; see `GET /tickets/settings`).
    #[serde(default)]
    pub status: Option<String>,
    /// Problem type (account-defined; see `GET /settings`).
    #[serde(default)]
    pub problem_type: Option<String>,
    /// Priority label (account-defined, e.g. `"2 Normal"`).
    #[serde(default)]
    pub priority: Option<String>,
    /// The customer the ticket is for.
    #[serde(default, with = "flex::opt_i64")]
    pub customer_id: Option<i64>,
    /// Customer business name, or person name when there is no business.
    #[serde(default)]
    pub customer_business_then_name: Option<String>,
    /// The contact who raised it.
    #[serde(default, with = "flex::opt_i64")]
    pub contact_id: Option<i64>,
    /// The contact's full name.
    #[serde(default)]
    pub contact_fullname: Option<String>,
    /// The assigned user (technician).
    #[serde(default, with = "flex::opt_i64")]
    pub user_id: Option<i64>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Last changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Resolved.
    #[serde(default, with = "flex::opt_timestamp_field")]
    pub resolved_at: Option<Field<OffsetDateTime>>,
    /// Due.
    #[serde(default, with = "flex::opt_timestamp_field")]
    pub due_date: Option<Field<OffsetDateTime>>,
    /// Scheduled start.
    #[serde(default, with = "flex::opt_timestamp_field")]
    pub start_at: Option<Field<OffsetDateTime>>,
    /// Scheduled end.
    #[serde(default, with = "flex::opt_timestamp_field")]
    pub end_at: Option<Field<OffsetDateTime>>,
    /// Ticket type id.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_type_id: Option<i64>,
    /// Ticket type name.
    #[serde(default)]
    pub ticket_type_name: Option<String>,
    /// Location id.
    #[serde(default, with = "flex::opt_i64")]
    pub location_id: Option<i64>,
    /// Location name.
    #[serde(default)]
    pub location_name: Option<String>,
    /// Custom ticket fields by name (`{"Device Type": "Hard Drive"}`).
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub properties: Map<String, Value>,
    /// Billing status.
    #[serde(default)]
    pub billing_status: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub tag_list: Vec<String>,
    /// Whether the last comment came from the customer.
    #[serde(default, with = "flex::opt_bool")]
    pub customer_reply: Option<bool>,
    /// Whether this ticket is a parent of merged/child tickets.
    #[serde(default, with = "flex::opt_bool")]
    pub parent: Option<bool>,
    /// The parent ticket.
    #[serde(default, with = "flex::opt_i64")]
    pub parent_id: Option<i64>,
    /// Whether this ticket is a child ticket.
    #[serde(default, with = "flex::opt_bool")]
    pub child: Option<bool>,
    /// SLA id.
    #[serde(default, with = "flex::opt_i64")]
    pub sla_id: Option<i64>,
    /// SLA name.
    #[serde(default)]
    pub sla_name: Option<String>,
    /// Whether the SLA is breached.
    #[serde(default, with = "flex::opt_bool")]
    pub sla_breached: Option<bool>,
    /// Whether the SLA will be breached soon.
    #[serde(default, with = "flex::opt_bool")]
    pub sla_breaching_soon: Option<bool>,
    /// Contract id.
    #[serde(default, with = "flex::opt_i64")]
    pub contract_id: Option<i64>,
    /// Contract name.
    #[serde(default)]
    pub contract_name: Option<String>,
    /// Resolution time, as the API reports it.
    #[serde(default)]
    pub resolution_time: Option<Value>,
    /// Response time, as the API reports it.
    #[serde(default)]
    pub response_time: Option<Value>,
    /// PDF link.
    #[serde(default)]
    pub pdf_url: Option<String>,
    /// Comments (the list may include only the first one; use the comments endpoint).
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub comments: Vec<Comment>,
    /// The assigned user.
    #[serde(default)]
    pub user: Option<UserRecord>,
    /// Detail only: attachments.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub attachments: Vec<TicketAttachment>,
    /// Detail only: linked asset ids.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub asset_ids: Vec<i64>,
    /// Detail only: the customer record.
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Detail only: the contact record (or `null`).
    #[serde(default)]
    pub contact: Option<Value>,
    /// Detail only: the ticket type with its fields.
    #[serde(default)]
    pub ticket_type: Option<Value>,
    /// Signature name.
    #[serde(default)]
    pub signature_name: Option<String>,
    /// Signature date.
    #[serde(default, with = "flex::opt_timestamp_field")]
    pub signature_date: Option<Field<OffsetDateTime>>,
    /// Every field this crate does not type (line items, timers, worksheets, new fields…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Ticket {
    /// A ticket property (custom field) as text.
    pub fn property_str(&self, name: &str) -> Option<&str> {
        self.properties.get(name).and_then(Value::as_str)
    }
}

/// An attachment on a ticket (detail only).
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketAttachment {
    /// Attachment id (for `delete_attachment`).
    #[serde(default, with = "flex::opt_i64")]
    pub id: Option<i64>,
    /// File name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Download URL.
    #[serde(default)]
    pub file: Option<Value>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The flat body of `POST /tickets` and `PUT /tickets/{id}` (Syncro takes no `{"ticket":…}`
/// wrapper). Fields left `None` are not sent, so a PUT changes only what is set.
///
/// ```
/// use psa_syncro::models::{TicketInput, CommentInput};
/// let body = TicketInput::new()
///     .customer_id(42)
///     .subject("Printer offline")
///     .comment(CommentInput::new("Initial Issue", "It shows error 49"));
/// let json = serde_json::to_value(&body).unwrap();
/// assert_eq!(json["customer_id"], 42);
/// assert!(json.get("status").is_none());
/// assert_eq!(json["comments_attributes"][0]["subject"], "Initial Issue");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketInput {
    /// Customer (required on create: the API answers 422 "Customer required field" without it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    /// Ticket type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_type_id: Option<i64>,
    /// Ticket number (normally assigned by Syncro).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Due date.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub due_date: Option<OffsetDateTime>,
    /// Scheduled start.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub start_at: Option<OffsetDateTime>,
    /// Scheduled end.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub end_at: Option<OffsetDateTime>,
    /// Location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_id: Option<i64>,
    /// Problem type (one of `GET /settings` → `ticket.problem_types`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem_type: Option<String>,
    /// Status name (one of `GET /tickets/settings` → `ticket_status_list`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Assigned user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Custom fields by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Map<String, Value>>,
    /// Linked assets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_ids: Option<Vec<i64>>,
    /// Signature name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_name: Option<String>,
    /// Signature image data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_data: Option<String>,
    /// SLA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<i64>,
    /// Priority label (one of `GET /settings` → `ticket.priorities`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Outtake form data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outtake_form_data: Option<String>,
    /// Outtake form date.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub outtake_form_date: Option<OffsetDateTime>,
    /// Outtake form name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outtake_form_name: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// Comments to create with the ticket (create only; the first is the "Initial Issue").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments_attributes: Option<Vec<CommentInput>>,
}

impl TicketInput {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the customer.
    pub fn customer_id(mut self, v: i64) -> Self {
        self.customer_id = Some(v);
        self
    }
    /// Sets the contact.
    pub fn contact_id(mut self, v: i64) -> Self {
        self.contact_id = Some(v);
        self
    }
    /// Sets the subject.
    pub fn subject(mut self, v: impl Into<String>) -> Self {
        self.subject = Some(v.into());
        self
    }
    /// Sets the status name.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Sets the priority label.
    pub fn priority(mut self, v: impl Into<String>) -> Self {
        self.priority = Some(v.into());
        self
    }
    /// Sets the problem type.
    pub fn problem_type(mut self, v: impl Into<String>) -> Self {
        self.problem_type = Some(v.into());
        self
    }
    /// Sets the assigned user.
    pub fn user_id(mut self, v: i64) -> Self {
        self.user_id = Some(v);
        self
    }
    /// Sets the due date.
    pub fn due_date(mut self, v: OffsetDateTime) -> Self {
        self.due_date = Some(v);
        self
    }
    /// Sets one custom field.
    pub fn property(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.properties
            .get_or_insert_with(Map::new)
            .insert(name.into(), value.into());
        self
    }
    /// Adds a comment created with the ticket.
    pub fn comment(mut self, c: CommentInput) -> Self {
        self.comments_attributes
            .get_or_insert_with(Vec::new)
            .push(c);
        self
    }
}

/// The body of `POST /tickets/{id}/comment` (and of one `comments_attributes` entry).
///
/// Syncro requires both `subject` and `body`. Visibility:
/// `hidden: true` is a private (technician-only) note; `hidden: false, do_not_email: true` a
/// public note without an email; `hidden: false, do_not_email: false` emails the customer.
///
/// ```
/// let c = psa_syncro::models::CommentInput::new("Update", "Replaced the toner").hidden(true);
/// let json = serde_json::to_value(&c).unwrap();
/// assert_eq!(json["hidden"], true);
/// assert!(json.get("tech").is_none());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentInput {
    /// Subject (required).
    pub subject: String,
    /// Text (required; rendered as plain text).
    pub body: String,
    /// Technician name shown instead of the API user's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tech: Option<String>,
    /// Private note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// SMS text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_body: Option<String>,
    /// Do not email the customer about a public note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub do_not_email: Option<bool>,
}

impl CommentInput {
    /// A comment with a subject and a body.
    pub fn new(subject: impl Into<String>, body: impl Into<String>) -> Self {
        CommentInput {
            subject: subject.into(),
            body: body.into(),
            ..Default::default()
        }
    }
    /// Sets whether the comment is private.
    pub fn hidden(mut self, v: bool) -> Self {
        self.hidden = Some(v);
        self
    }
    /// Sets whether the customer is *not* emailed.
    pub fn do_not_email(mut self, v: bool) -> Self {
        self.do_not_email = Some(v);
        self
    }
    /// Sets the technician name shown.
    pub fn tech(mut self, v: impl Into<String>) -> Self {
        self.tech = Some(v.into());
        self
    }
}

/// One file for `POST /tickets/{id}/attach_file_url`: Syncro downloads it from `url` later.
///
/// ```
/// let f = psa_syncro::models::FileUrl::new("https://files.example.com/log.txt", "log.txt");
/// assert_eq!(serde_json::to_value(&f).unwrap()["filename"], "log.txt");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileUrl {
    /// Where Syncro fetches the file.
    pub url: String,
    /// The file name shown on the ticket.
    pub filename: String,
}

impl FileUrl {
    /// A file by URL.
    pub fn new(url: impl Into<String>, filename: impl Into<String>) -> Self {
        FileUrl {
            url: url.into(),
            filename: filename.into(),
        }
    }
}
