//! The classification tables of a service board: types (`/service/boards/{id}/types`), subtypes
//! (`/service/boards/{id}/subtypes`) and items (`/service/boards/{id}/items`), field names from
//! the vendor's `BoardType`, `BoardSubType` and `BoardItem` models.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::common::{Info, Reference};
use super::de;

/// A board type.
///
/// ```
/// let t: psa_connectwise::models::BoardType = serde_json::from_value(serde_json::json!({
///     "id": 5, "name": "Hardware  ", "category": "Reactive", "defaultFlag": false,
///     "inactiveFlag": false, "board": {"id": 1, "name": "Help Desk"}
/// })).unwrap();
/// assert_eq!(t.name.as_deref(), Some("Hardware"));
/// assert!(t.is_active());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BoardType {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Category (`Reactive`, `Proactive`): `category`.
    #[serde(rename = "category", default, deserialize_with = "de::opt_string")]
    pub category: Option<String>,
    /// Default flag: `defaultFlag`.
    #[serde(rename = "defaultFlag", default, deserialize_with = "de::opt_bool")]
    pub default_flag: Option<bool>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Request for change flag: `requestForChangeFlag`.
    #[serde(
        rename = "requestForChangeFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub request_for_change_flag: Option<bool>,
    /// Integration cross-reference: `integrationXref`.
    #[serde(
        rename = "integrationXref",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub integration_xref: Option<String>,
    /// Board (a reference): `board`.
    #[serde(rename = "board", default)]
    pub board: Option<Reference>,
    /// Location (a reference): `location`.
    #[serde(rename = "location", default)]
    pub location: Option<Reference>,
    /// Department (a reference): `department`.
    #[serde(rename = "department", default)]
    pub department: Option<Reference>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BoardType {
    /// Not marked inactive.
    pub fn is_active(&self) -> bool {
        self.inactive_flag != Some(true)
    }
}

/// A board subtype; `typeAssociationIds` lists the types it belongs to.
///
/// ```
/// let s: psa_connectwise::models::BoardSubType = serde_json::from_value(serde_json::json!({
///     "id": 8, "name": "Printer", "inactiveFlag": false, "typeAssociationIds": [5, 6]
/// })).unwrap();
/// assert_eq!(s.type_association_ids, vec![5, 6]);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BoardSubType {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name: `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// The ids of the types it is associated with: `typeAssociationIds`.
    #[serde(rename = "typeAssociationIds", default, deserialize_with = "de::vec")]
    pub type_association_ids: Vec<i64>,
    /// Board (a reference): `board`.
    #[serde(rename = "board", default)]
    pub board: Option<Reference>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A board item (the third classification level).
///
/// ```
/// let i: psa_connectwise::models::BoardItem = serde_json::from_value(serde_json::json!({
///     "id": 3, "name": "Toner", "inactiveFlag": true, "board": {"id": 1}
/// })).unwrap();
/// assert_eq!(i.inactive_flag, Some(true));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BoardItem {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Name (at most 50 characters): `name`.
    #[serde(rename = "name", default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Board (a reference): `board`.
    #[serde(rename = "board", default)]
    pub board: Option<Reference>,
    /// Record metadata (`_info`).
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
