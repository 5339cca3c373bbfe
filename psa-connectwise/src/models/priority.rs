//! Ticket priorities (`/service/priorities`) and sources (`/service/sources`).

use psa_core::wire::Field;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::common::Info;
use super::de;

/// A ticket priority, every documented field, unknown fields kept.
///
/// ```
/// let p: psa_connectwise::models::Priority = serde_json::from_value(serde_json::json!({
///     "id": 8, "name": "Priority 3 - Normal Response", "color": "Green", "sortOrder": 6, "defaultFlag": true, "level": "Medium"
/// })).unwrap();
/// assert_eq!(p.default_flag, Some(true));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Priority {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Color: `color`.
    #[serde(rename = "color", default, deserialize_with = "de::opt_string")]
    pub color: Option<String>,
    /// Sort order: `sortOrder`.
    #[serde(rename = "sortOrder", default, deserialize_with = "de::opt_i64")]
    pub sort_order: Option<i64>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// Image link: `imageLink`.
    #[serde(rename = "imageLink", default, deserialize_with = "de::opt_string")]
    pub image_link: Option<String>,
    /// Urgency sort order: `urgencySortOrder`.
    #[serde(
        rename = "urgencySortOrder",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub urgency_sort_order: Option<String>,
    /// Level: `level`.
    #[serde(rename = "level", default, deserialize_with = "de::opt_string")]
    pub level: Option<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A ticket source (the Service > Source setup table), every documented field.
///
/// ```
/// let s: psa_connectwise::models::Source = serde_json::from_value(serde_json::json!({
///     "id": 4, "name": "psa-sdk", "defaultFlag": false, "enteredBy": "api   ", "dateEntered": "2024-01-31T10:00:00Z"
/// })).unwrap();
/// assert_eq!(s.entered_by.as_deref(), Some("api"));
/// assert!(s.date_entered.is_some());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Source {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// Entered by: `enteredBy`.
    #[serde(rename = "enteredBy", default, deserialize_with = "de::opt_string")]
    pub entered_by: Option<String>,
    /// Date entered: `dateEntered`.
    #[serde(rename = "dateEntered", default, deserialize_with = "de::opt_datetime")]
    pub date_entered: Option<Field<OffsetDateTime>>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A source to create (`POST /service/sources`).
///
/// ```
/// let s = psa_connectwise::models::NewSource::new("psa-sdk");
/// assert_eq!(serde_json::to_value(&s).unwrap(), serde_json::json!({"name": "psa-sdk"}));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSource {
    /// The name (required, at most 50 characters).
    pub name: String,
    /// Whether it is the default source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_flag: Option<bool>,
}

impl NewSource {
    /// A source with a name.
    pub fn new(name: impl Into<String>) -> Self {
        NewSource {
            name: name.into(),
            default_flag: None,
        }
    }
}

/// The longest source name ConnectWise accepts.
pub const MAX_SOURCE_NAME: usize = 50;
