//! Ticket notes (`/service/tickets/{id}/notes`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::{Info, Reference};
use super::de;

/// A note on a service ticket (`ServiceNote`), unknown fields kept in [`extra`](Self::extra).
///
/// Where a note shows is set by three flags: `detailDescriptionFlag` (Discussion, visible to the
/// customer), `internalAnalysisFlag` (Internal) and `resolutionFlag` (Resolution).
///
/// ```
/// let n: psa_connectwise::models::ServiceNote = serde_json::from_value(serde_json::json!({
///     "id": 9, "ticketId": 5, "text": "Rebooted the printer  ", "detailDescriptionFlag": false,
///     "internalAnalysisFlag": true, "resolutionFlag": false, "member": {"id": 3, "identifier": "sam", "name": "Sam Tech"},
///     "dateCreated": "2024-02-01T08:00:00Z", "createdBy": "sam"
/// })).unwrap();
/// assert!(n.is_internal());
/// assert_eq!(n.text.as_deref(), Some("Rebooted the printer  "));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ServiceNote {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Ticket id: `ticketId`.
    #[serde(rename = "ticketId", default, deserialize_with = "de::opt_i64")]
    pub ticket_id: Option<i64>,
    /// Text: `text`.
    #[serde(rename = "text", default, deserialize_with = "de::opt_text")]
    pub text: Option<String>,
    /// Detail description flag: `detailDescriptionFlag`.
    #[serde(
        rename = "detailDescriptionFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub detail_description_flag: Option<bool>,
    /// Internal analysis flag: `internalAnalysisFlag`.
    #[serde(
        rename = "internalAnalysisFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub internal_analysis_flag: Option<bool>,
    /// Resolution flag: `resolutionFlag`.
    #[serde(rename = "resolutionFlag", default, deserialize_with = "de::opt_bool")]
    pub resolution_flag: Option<bool>,
    /// Issue flag: `issueFlag`.
    #[serde(rename = "issueFlag", default, deserialize_with = "de::opt_bool")]
    pub issue_flag: Option<bool>,
    /// Member (a reference): `member`.
    #[serde(rename = "member", default)]
    pub member: Option<Reference>,
    /// Contact (a reference): `contact`.
    #[serde(rename = "contact", default)]
    pub contact: Option<Reference>,
    /// Customer updated flag: `customerUpdatedFlag`.
    #[serde(
        rename = "customerUpdatedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub customer_updated_flag: Option<bool>,
    /// Process notifications: `processNotifications`.
    #[serde(
        rename = "processNotifications",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub process_notifications: Option<bool>,
    /// Date created: `dateCreated`.
    #[serde(rename = "dateCreated", default, deserialize_with = "de::key_datetime")]
    pub date_created: Option<OffsetDateTime>,
    /// Created by: `createdBy`.
    #[serde(rename = "createdBy", default, deserialize_with = "de::opt_string")]
    pub created_by: Option<String>,
    /// Internal flag: `internalFlag`.
    #[serde(rename = "internalFlag", default, deserialize_with = "de::opt_bool")]
    pub internal_flag: Option<bool>,
    /// External flag: `externalFlag`.
    #[serde(rename = "externalFlag", default, deserialize_with = "de::opt_bool")]
    pub external_flag: Option<bool>,
    /// Sentiment score: `sentimentScore`.
    #[serde(rename = "sentimentScore", default, deserialize_with = "de::opt_f64")]
    pub sentiment_score: Option<f64>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ServiceNote {
    /// Shown in the Discussion (customer-visible) section.
    pub fn is_discussion(&self) -> bool {
        self.detail_description_flag.unwrap_or(false)
    }
    /// Shown only in the Internal section.
    pub fn is_internal(&self) -> bool {
        self.internal_analysis_flag.unwrap_or(false)
            && !self.is_discussion()
            && !self.is_resolution()
    }
    /// Shown in the Resolution section.
    pub fn is_resolution(&self) -> bool {
        self.resolution_flag.unwrap_or(false)
    }
}

/// A note to add to a ticket (`POST /service/tickets/{id}/notes`).
///
/// ConnectWise rejects a note with none of `detailDescriptionFlag`, `internalAnalysisFlag`,
/// `resolutionFlag` set ("Please choose where to display the notes…"), so every constructor sets
/// one and [`validate`](Self::validate) refuses a note without any before it is sent.
///
/// ```
/// use psa_connectwise::models::NewServiceNote;
/// let n = NewServiceNote::internal("Checked the spooler").process_notifications(false);
/// assert_eq!(serde_json::to_value(&n).unwrap(), serde_json::json!({
///     "text": "Checked the spooler", "internalAnalysisFlag": true, "processNotifications": false
/// }));
/// assert_eq!(serde_json::to_value(NewServiceNote::discussion("Fixed")).unwrap()["detailDescriptionFlag"], true);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewServiceNote {
    /// The text (required).
    pub text: String,
    /// Discussion: visible to the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail_description_flag: Option<bool>,
    /// Internal: technicians only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_analysis_flag: Option<bool>,
    /// Resolution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_flag: Option<bool>,
    /// Marks the note as an issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_flag: Option<bool>,
    /// The member the note is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Reference>,
    /// The contact the note is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Reference>,
    /// Marks the ticket as updated by the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_updated_flag: Option<bool>,
    /// Whether ConnectWise emails the contact/resources as its workflow rules say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_notifications: Option<bool>,
    /// Further writable fields, sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NewServiceNote {
    /// A Discussion note (customer-visible).
    pub fn discussion(text: impl Into<String>) -> Self {
        NewServiceNote {
            text: text.into(),
            detail_description_flag: Some(true),
            ..Default::default()
        }
    }
    /// An Internal note (technicians only).
    pub fn internal(text: impl Into<String>) -> Self {
        NewServiceNote {
            text: text.into(),
            internal_analysis_flag: Some(true),
            ..Default::default()
        }
    }
    /// A Resolution note.
    pub fn resolution(text: impl Into<String>) -> Self {
        NewServiceNote {
            text: text.into(),
            resolution_flag: Some(true),
            ..Default::default()
        }
    }
    /// Sets `processNotifications`.
    pub fn process_notifications(mut self, v: bool) -> Self {
        self.process_notifications = Some(v);
        self
    }
    /// Sets the member the note is from.
    pub fn member(mut self, v: Reference) -> Self {
        self.member = Some(v);
        self
    }

    /// Checks the note has text and shows somewhere.
    ///
    /// ```
    /// use psa_connectwise::models::NewServiceNote;
    /// let mut n = NewServiceNote::internal("x");
    /// n.internal_analysis_flag = Some(false);
    /// let err = n.validate().unwrap_err();
    /// assert!(err.to_string().contains("detailDescriptionFlag"));
    /// ```
    pub fn validate(&self) -> psa_core::Result<()> {
        use psa_core::{Error, ErrorKind};
        if self.text.trim().is_empty() {
            return Err(
                Error::new(ErrorKind::Validation, "a note needs non-empty text")
                    .with_fields(["text"]),
            );
        }
        let any = [
            self.detail_description_flag,
            self.internal_analysis_flag,
            self.resolution_flag,
        ]
        .contains(&Some(true));
        if !any {
            return Err(Error::new(
                ErrorKind::Validation,
                "a ConnectWise note must show somewhere: set detailDescriptionFlag, internalAnalysisFlag or resolutionFlag",
            )
            .with_fields(["detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag"]));
        }
        Ok(())
    }
}
