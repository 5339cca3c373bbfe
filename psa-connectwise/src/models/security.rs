//! The API member's own rights (`/system/mySecurity`) and the server (`/system/info`).

use serde::Deserialize;
use serde_json::{Map, Value};

use super::common::{Info, Reference};
use super::de;

super::common::cw_enum!(
    /// A security-role level for Add, Edit, Delete or Inquire.
    SecurityLevel {
        /// No access.
        None => "None",
        /// Only the member's own records.
        My => "My",
        /// Every record.
        All => "All",
    }
);

impl SecurityLevel {
    /// `All` > `My` > `None`; unknown values rank as `None`.
    pub fn rank(&self) -> u8 {
        match self {
            SecurityLevel::All => 2,
            SecurityLevel::My => 1,
            _ => 0,
        }
    }
}

/// One row of the API member's security role (`MySecurity`): a module function and its
/// Add/Edit/Delete/Inquire levels.
///
/// ```
/// use psa_connectwise::models::{MySecurity, SecurityLevel};
/// let r: MySecurity = serde_json::from_value(serde_json::json!({
///     "id": 1, "moduleName": "Service Desk", "moduleFunctionName": "Service Tickets",
///     "addLevel": "All", "editLevel": "My", "deleteLevel": "None", "inquireLevel": "All"
/// })).unwrap();
/// assert_eq!(r.edit_level, Some(SecurityLevel::My));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MySecurity {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Add level: `addLevel`.
    #[serde(rename = "addLevel", default, deserialize_with = "de::opt_enum")]
    pub add_level: Option<SecurityLevel>,
    /// Edit level: `editLevel`.
    #[serde(rename = "editLevel", default, deserialize_with = "de::opt_enum")]
    pub edit_level: Option<SecurityLevel>,
    /// Delete level: `deleteLevel`.
    #[serde(rename = "deleteLevel", default, deserialize_with = "de::opt_enum")]
    pub delete_level: Option<SecurityLevel>,
    /// Inquire level: `inquireLevel`.
    #[serde(rename = "inquireLevel", default, deserialize_with = "de::opt_enum")]
    pub inquire_level: Option<SecurityLevel>,
    /// Module function name: `moduleFunctionName`.
    #[serde(
        rename = "moduleFunctionName",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub module_function_name: Option<String>,
    /// Module function description: `moduleFunctionDescription`.
    #[serde(
        rename = "moduleFunctionDescription",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub module_function_description: Option<String>,
    /// My all flag: `myAllFlag`.
    #[serde(rename = "myAllFlag", default, deserialize_with = "de::opt_bool")]
    pub my_all_flag: Option<bool>,
    /// Module function identifier: `moduleFunctionIdentifier`.
    #[serde(
        rename = "moduleFunctionIdentifier",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub module_function_identifier: Option<String>,
    /// Report flag: `reportFlag`.
    #[serde(rename = "reportFlag", default, deserialize_with = "de::opt_bool")]
    pub report_flag: Option<bool>,
    /// Restrict flag: `restrictFlag`.
    #[serde(rename = "restrictFlag", default, deserialize_with = "de::opt_bool")]
    pub restrict_flag: Option<bool>,
    /// Custom flag: `customFlag`.
    #[serde(rename = "customFlag", default, deserialize_with = "de::opt_bool")]
    pub custom_flag: Option<bool>,
    /// Module description: `moduleDescription`.
    #[serde(
        rename = "moduleDescription",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub module_description: Option<String>,
    /// Module identifier: `moduleIdentifier`.
    #[serde(
        rename = "moduleIdentifier",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub module_identifier: Option<String>,
    /// Module name: `moduleName`.
    #[serde(rename = "moduleName", default, deserialize_with = "de::opt_string")]
    pub module_name: Option<String>,
    /// Sort order: `sortOrder`.
    #[serde(rename = "sortOrder", default, deserialize_with = "de::opt_i64")]
    pub sort_order: Option<i64>,
    /// Member (a reference): `member`.
    #[serde(rename = "member", default)]
    pub member: Option<Reference>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The server: `GET /system/info`.
///
/// ```
/// let i: psa_connectwise::models::SystemInfo = serde_json::from_value(serde_json::json!({
///     "version": "v2025.1.10333", "isCloud": false, "serverTimeZone": "GMT Standard Time",
///     "licenseBits": [{"name": "Service", "activeFlag": true}], "cloudRegion": "EU", "maxWorkFlowRecordsAllowed": 1000
/// })).unwrap();
/// assert_eq!(i.api_version().as_deref(), Some("2025.1"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SystemInfo {
    /// Version: `version`.
    #[serde(rename = "version", default, deserialize_with = "de::opt_string")]
    pub version: Option<String>,
    /// Is cloud: `isCloud`.
    #[serde(rename = "isCloud", default, deserialize_with = "de::opt_bool")]
    pub is_cloud: Option<bool>,
    /// Server time zone: `serverTimeZone`.
    #[serde(
        rename = "serverTimeZone",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub server_time_zone: Option<String>,
    /// License bits: `licenseBits`.
    #[serde(rename = "licenseBits", default, deserialize_with = "de::vec")]
    pub license_bits: Vec<LicenseBit>,
    /// Cloud region: `cloudRegion`.
    #[serde(rename = "cloudRegion", default, deserialize_with = "de::opt_string")]
    pub cloud_region: Option<String>,
    /// Max work flow records allowed: `maxWorkFlowRecordsAllowed`.
    #[serde(
        rename = "maxWorkFlowRecordsAllowed",
        default,
        deserialize_with = "de::opt_i64"
    )]
    pub max_work_flow_records_allowed: Option<i64>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SystemInfo {
    /// The `major.minor` of `version` (`v2025.1.10333` → `2025.1`), the form the `Accept`
    /// header's `version=` takes.
    pub fn api_version(&self) -> Option<String> {
        let v = self
            .version
            .as_deref()?
            .trim()
            .trim_start_matches(['v', 'V']);
        let mut parts = v.split('.');
        let digits = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
        let major = parts.next().filter(digits)?;
        let minor = parts.next().filter(digits)?;
        Some(format!("{major}.{minor}"))
    }
}

/// A licensed feature in [`SystemInfo::license_bits`].
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LicenseBit {
    /// The feature's name.
    #[serde(default, deserialize_with = "de::opt_string")]
    pub name: Option<String>,
    /// Whether it is active.
    #[serde(rename = "activeFlag", default, deserialize_with = "de::opt_bool")]
    pub active_flag: Option<bool>,
}
