use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::flex;

/// A ticket comment as `GET /tickets/{id}/comments`, `POST /tickets/{id}/comment` and the
/// ticket's `comments` array return it.
///
/// `hidden: true` marks a private (technician-only) comment. `do_not_email` is write-only and
/// never comes back.
///
/// ```
/// let c: psa_syncro::models::Comment = serde_json::from_str(
///     r#"{"id":2,"ticket_id":13,"subject":"Update","body":"Rebooted","hidden":true,"tech":"Joe","sms_body":null,"display_order":1}"#,
/// ).unwrap();
/// assert_eq!(c.hidden, Some(true));
/// assert_eq!(c.display_order, Some(1));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// Comment id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// The ticket.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_id: Option<i64>,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Text.
    #[serde(default)]
    pub body: Option<String>,
    /// Technician name shown.
    #[serde(default)]
    pub tech: Option<String>,
    /// Private comment.
    #[serde(default, with = "flex::opt_bool")]
    pub hidden: Option<bool>,
    /// Author.
    #[serde(default, with = "flex::opt_i64")]
    pub user_id: Option<i64>,
    /// Whether `body` is rich text.
    #[serde(default, with = "flex::opt_bool")]
    pub is_rich_text: Option<bool>,
    /// SMS text.
    #[serde(default)]
    pub sms_body: Option<String>,
    /// Newer SMS text field.
    #[serde(default)]
    pub new_sms_body: Option<String>,
    /// The automation that wrote it.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_automation_id: Option<i64>,
    /// Where it was emailed.
    #[serde(default)]
    pub destination_emails: Option<Value>,
    /// Account.
    #[serde(default, with = "flex::opt_i64")]
    pub account_id: Option<i64>,
    /// Sender address of an emailed comment.
    #[serde(default)]
    pub email_sender: Option<String>,
    /// Ordering within the ticket.
    #[serde(default, with = "flex::opt_i64")]
    pub display_order: Option<i64>,
    /// The author's user record, when embedded.
    #[serde(default)]
    pub user: Option<Value>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
