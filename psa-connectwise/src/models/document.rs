//! Documents (`/system/documents`): files attached to tickets and other records.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::common::{Info, Reference};
use super::de;

/// A document's metadata (`DocumentInfo`), every documented field, unknown fields kept.
///
/// ```
/// let d: psa_connectwise::models::DocumentInfo = serde_json::from_value(serde_json::json!({
///     "id": 31, "title": "boot.log", "fileName": "boot.log", "serverFileName": "abc.log",
///     "owner": "api", "linkFlag": false, "imageFlag": false, "publicFlag": false, "readOnlyFlag": false,
///     "size": 11, "urlFlag": false, "guid": "f0e1"
/// })).unwrap();
/// assert_eq!(d.size, Some(11));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DocumentInfo {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Title: `title`.
    #[serde(rename = "title", default, deserialize_with = "de::opt_string")]
    pub title: Option<String>,
    /// File name: `fileName`.
    #[serde(rename = "fileName", default, deserialize_with = "de::opt_string")]
    pub file_name: Option<String>,
    /// Server file name: `serverFileName`.
    #[serde(
        rename = "serverFileName",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub server_file_name: Option<String>,
    /// Owner: `owner`.
    #[serde(rename = "owner", default, deserialize_with = "de::opt_string")]
    pub owner: Option<String>,
    /// Link flag: `linkFlag`.
    #[serde(rename = "linkFlag", default, deserialize_with = "de::opt_bool")]
    pub link_flag: Option<bool>,
    /// Image flag: `imageFlag`.
    #[serde(rename = "imageFlag", default, deserialize_with = "de::opt_bool")]
    pub image_flag: Option<bool>,
    /// Public flag: `publicFlag`.
    #[serde(rename = "publicFlag", default, deserialize_with = "de::opt_bool")]
    pub public_flag: Option<bool>,
    /// Html template flag: `htmlTemplateFlag`.
    #[serde(
        rename = "htmlTemplateFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub html_template_flag: Option<bool>,
    /// Read only flag: `readOnlyFlag`.
    #[serde(rename = "readOnlyFlag", default, deserialize_with = "de::opt_bool")]
    pub read_only_flag: Option<bool>,
    /// Size: `size`.
    #[serde(rename = "size", default, deserialize_with = "de::opt_i64")]
    pub size: Option<i64>,
    /// Url flag: `urlFlag`.
    #[serde(rename = "urlFlag", default, deserialize_with = "de::opt_bool")]
    pub url_flag: Option<bool>,
    /// Created on date: `createdOnDate`.
    #[serde(rename = "createdOnDate", default, deserialize_with = "de::opt_string")]
    pub created_on_date: Option<String>,
    /// Document type (a reference): `documentType`.
    #[serde(rename = "documentType", default)]
    pub document_type: Option<Reference>,
    /// Guid: `guid`.
    #[serde(rename = "guid", default, deserialize_with = "de::opt_string")]
    pub guid: Option<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

super::common::cw_enum!(
    /// The kind of record a document is attached to (`recordType`).
    DocumentRecordType {
        /// A service or project ticket.
        Ticket => "Ticket",
        /// An agreement.
        Agreement => "Agreement",
        /// A company.
        Company => "Company",
        /// A configuration.
        Configuration => "Configuration",
        /// A contact.
        Contact => "Contact",
        /// An expense.
        Expense => "Expense",
        /// An opportunity.
        Opportunity => "Opportunity",
        /// A purchase order.
        PurchaseOrder => "PurchaseOrder",
        /// A project.
        Project => "Project",
        /// A sales order.
        SalesOrder => "SalesOrder",
        /// A service template.
        ServiceTemplate => "ServiceTemplate",
        /// An RMA.
        Rma => "Rma",
    }
);
