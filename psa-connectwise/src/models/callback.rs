//! Callbacks (`/system/callbacks`): registrations and the payload ConnectWise posts.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{Info, cw_enum};
use super::de;

cw_enum!(
    /// What kind of record a callback watches (`type`); ConnectWise spells them in lower case.
    CallbackType {
        /// Tickets.
        Ticket => "ticket",
        /// Projects.
        Project => "project",
        /// Companies.
        Company => "company",
        /// Contacts.
        Contact => "contact",
        /// Opportunities.
        Opportunity => "opportunity",
        /// Activities.
        Activity => "activity",
        /// Schedule entries.
        Schedule => "schedule",
        /// Agreements.
        Agreement => "agreement",
        /// Configurations (2020.2 and later).
        Configuration => "configuration",
        /// Invoices.
        Invoice => "invoice",
        /// Expenses.
        Expense => "expense",
        /// Members.
        Member => "member",
        /// Company sites.
        Site => "site",
        /// Time entries.
        Time => "time",
    }
);

cw_enum!(
    /// Which records of the type a callback covers (`level`). The levels allowed depend on the
    /// type; a wrong one is refused with "Unrecognized level for type".
    CallbackLevel {
        /// Every record of the type (`objectId` must be 1).
        Owner => "owner",
        /// Records on one board (`objectId` = board id).
        Board => "board",
        /// Records in one status.
        Status => "status",
        /// Records of one type.
        Type => "type",
        /// Records of one company.
        Company => "company",
        /// Records of one project.
        Project => "project",
    }
);

/// A registered callback (`CallbackEntry`), every documented field, unknown fields kept.
///
/// ```
/// use psa_connectwise::models::{CallbackEntry, CallbackLevel, CallbackType};
/// let c: CallbackEntry = serde_json::from_value(serde_json::json!({
///     "id": 12, "url": "https://hooks.example.com/cw?recordId=", "objectId": 1, "type": "ticket",
///     "level": "owner", "memberId": 243, "payloadVersion": "3.0.0", "inactiveFlag": false,
///     "connectWiseID": "5a6f"
/// })).unwrap();
/// assert_eq!(c.callback_type, Some(CallbackType::Ticket));
/// assert_eq!(c.level, Some(CallbackLevel::Owner));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CallbackEntry {
    /// The record id: `id`.
    #[serde(deserialize_with = "de::id")]
    pub id: i64,
    /// Description: `description`.
    #[serde(rename = "description", default, deserialize_with = "de::opt_string")]
    pub description: Option<String>,
    /// Url: `url`.
    #[serde(rename = "url", default, deserialize_with = "de::opt_string")]
    pub url: Option<String>,
    /// Object id: `objectId`.
    #[serde(rename = "objectId", default, deserialize_with = "de::opt_i64")]
    pub object_id: Option<i64>,
    /// Type: `type`.
    #[serde(rename = "type", default, deserialize_with = "de::opt_enum")]
    pub callback_type: Option<CallbackType>,
    /// Level: `level`.
    #[serde(rename = "level", default, deserialize_with = "de::opt_enum")]
    pub level: Option<CallbackLevel>,
    /// Member id: `memberId`.
    #[serde(rename = "memberId", default, deserialize_with = "de::opt_i64")]
    pub member_id: Option<i64>,
    /// Payload version: `payloadVersion`.
    #[serde(
        rename = "payloadVersion",
        default,
        deserialize_with = "de::opt_string"
    )]
    pub payload_version: Option<String>,
    /// Inactive flag: `inactiveFlag`.
    #[serde(rename = "inactiveFlag", default, deserialize_with = "de::opt_bool")]
    pub inactive_flag: Option<bool>,
    /// Is soap callback flag: `isSoapCallbackFlag`.
    #[serde(
        rename = "isSoapCallbackFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub is_soap_callback_flag: Option<bool>,
    /// Is self suppressed flag: `isSelfSuppressedFlag`.
    #[serde(
        rename = "isSelfSuppressedFlag",
        default,
        deserialize_with = "de::opt_bool"
    )]
    pub is_self_suppressed_flag: Option<bool>,
    /// Connect wise id: `connectWiseID`.
    #[serde(rename = "connectWiseID", default, deserialize_with = "de::opt_string")]
    pub connect_wise_id: Option<String>,
    /// Record metadata (`_info`): last update, entered by/at, links.
    #[serde(rename = "_info", default)]
    pub info: Option<Info>,
    /// Fields this version of the crate does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A callback to register (`POST /system/callbacks`).
///
/// `url`, `type`, `level` and `objectId` are required; for the `owner` level ConnectWise wants
/// `objectId` 1, which [`NewCallback::new`] sets. ConnectWise appends the record id and action to
/// the URL, so end it with `?recordId=` or `&recordId=`. `memberId` is set by the server.
///
/// ```
/// use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
/// let c = NewCallback::new("https://hooks.example.com/cw?recordId=", CallbackType::Ticket, CallbackLevel::Owner)
///     .description("psa-sdk ticket sync");
/// assert_eq!(serde_json::to_value(&c).unwrap(), serde_json::json!({
///     "url": "https://hooks.example.com/cw?recordId=", "objectId": 1, "type": "ticket", "level": "owner",
///     "description": "psa-sdk ticket sync", "payloadVersion": "3.0.0"
/// }));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCallback {
    /// Where ConnectWise posts (https).
    pub url: String,
    /// The watched record (1 for the `owner` level).
    pub object_id: i64,
    /// The record type.
    #[serde(rename = "type")]
    pub callback_type: CallbackType,
    /// The level.
    pub level: CallbackLevel,
    /// A description (at most 100 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The payload version (`3.0.0` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_version: Option<String>,
    /// Registers the callback inactive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inactive_flag: Option<bool>,
    /// Suppresses callbacks for changes this API member makes itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_self_suppressed_flag: Option<bool>,
}

impl NewCallback {
    /// A callback; `objectId` is 1 (what the `owner` level needs) until set otherwise.
    pub fn new(url: impl Into<String>, callback_type: CallbackType, level: CallbackLevel) -> Self {
        NewCallback {
            url: url.into(),
            object_id: 1,
            callback_type,
            level,
            description: None,
            payload_version: Some("3.0.0".into()),
            inactive_flag: None,
            is_self_suppressed_flag: None,
        }
    }
    /// Sets the watched record (board id, status id, …) for levels other than `owner`.
    pub fn object_id(mut self, id: i64) -> Self {
        self.object_id = id;
        self
    }
    /// Sets the description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// Suppresses callbacks for this member's own changes.
    pub fn self_suppressed(mut self, v: bool) -> Self {
        self.is_self_suppressed_flag = Some(v);
        self
    }
    /// Checks the documented rules before anything is sent.
    ///
    /// ```
    /// use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
    /// let bad = NewCallback::new("https://x.example/?recordId=", CallbackType::Ticket, CallbackLevel::Owner).object_id(0);
    /// assert_eq!(bad.validate().unwrap_err().fields(), ["objectId"]);
    /// assert!(NewCallback::new("ftp://x", CallbackType::Ticket, CallbackLevel::Owner).validate().is_err());
    /// ```
    pub fn validate(&self) -> psa_core::Result<()> {
        use psa_core::{Error, ErrorKind};
        let url = url::Url::parse(&self.url).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("callback url {:?} is not a URL: {e}", self.url),
            )
            .with_fields(["url"])
        })?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(Error::new(
                ErrorKind::Validation,
                "a callback url must be http(s); ConnectWise requires https in production",
            )
            .with_fields(["url"]));
        }
        if self.level == CallbackLevel::Owner && self.object_id != 1 {
            return Err(
                Error::new(ErrorKind::Validation, "the owner level needs objectId 1")
                    .with_fields(["objectId"]),
            );
        }
        if self
            .description
            .as_ref()
            .is_some_and(|d| d.chars().count() > 100)
        {
            return Err(Error::new(
                ErrorKind::Validation,
                "a callback description has at most 100 characters",
            )
            .with_fields(["description"]));
        }
        Ok(())
    }
}

cw_enum!(
    /// What happened to the record a callback is about (`Action`).
    CallbackAction {
        /// Created.
        Added => "added",
        /// Changed.
        Updated => "updated",
        /// Deleted (the payload's `Entity` is null).
        Deleted => "deleted",
    }
);

/// The body ConnectWise posts to a callback URL.
///
/// Keys are matched without regard to case (`CompanyId`/`CompanyID`). `Entity` arrives as a
/// JSON-encoded *string*; it is decoded into [`entity`](Self::entity) (`None` on delete) —
/// use [`entity_as`](Self::entity_as) for a typed record.
///
/// ```
/// use psa_connectwise::models::{CallbackAction, CallbackPayload, ServiceTicket};
/// let body = serde_json::json!({
///     "MessageId": "6dd8", "FromUrl": "na.myconnectwise.net", "CompanyID": "acme", "MemberId": "api",
///     "Action": "updated", "Type": "ticket", "ID": 57961,
///     "Entity": r#"{"id":57961,"summary":"Printer offline"}"#,
///     "Metadata": {"key_url": "https://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?companyName=acme&id=e17e"},
///     "CallbackObjectRecId": 26604
/// });
/// let p = CallbackPayload::from_json(&serde_json::to_vec(&body).unwrap()).unwrap();
/// assert_eq!(p.action, Some(CallbackAction::Updated));
/// assert_eq!(p.company_id.as_deref(), Some("acme"));
/// let t: ServiceTicket = p.entity_as().unwrap().unwrap();
/// assert_eq!(t.summary, "Printer offline");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackPayload {
    /// `MessageId`.
    pub message_id: Option<String>,
    /// `FromUrl`: the site that sent it.
    pub from_url: Option<String>,
    /// `CompanyId`.
    pub company_id: Option<String>,
    /// `MemberId`: who made the change.
    pub member_id: Option<String>,
    /// `Action`.
    pub action: Option<CallbackAction>,
    /// `Type`: the record type.
    pub record_type: Option<CallbackType>,
    /// `ID`: the record id.
    pub id: Option<i64>,
    /// `ProductInstanceId`.
    pub product_instance_id: Option<String>,
    /// `PartnerId`.
    pub partner_id: Option<String>,
    /// `Entity`, decoded from its JSON string; `None` on delete.
    pub entity: Option<Value>,
    /// `Metadata.key_url`: where the signing key is (checked before any fetch).
    pub key_url: Option<String>,
    /// `CallbackObjectRecId`: the callback registration's id.
    pub callback_object_rec_id: Option<i64>,
    /// Every top-level key as sent.
    pub raw: Map<String, Value>,
}

impl CallbackPayload {
    /// Decodes a callback body (the raw bytes that were signed).
    pub fn from_json(body: &[u8]) -> psa_core::Result<Self> {
        use psa_core::{Error, ErrorKind};
        let value: Value = serde_json::from_slice(body).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!("the callback body is not JSON: {e}"),
            )
        })?;
        let Value::Object(raw) = value else {
            return Err(Error::new(
                ErrorKind::Decode,
                "the callback body is not a JSON object",
            ));
        };
        let get = |name: &str| -> Option<&Value> {
            raw.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
                .filter(|v| !v.is_null())
        };
        let text = |name: &str| {
            get(name).and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let entity = match get("Entity") {
            None => None,
            Some(Value::String(s)) if s.trim().is_empty() || s.trim() == "null" => None,
            Some(Value::String(s)) => Some(serde_json::from_str(s).map_err(|e| {
                Error::new(
                    ErrorKind::Decode,
                    format!("the callback's Entity string is not JSON: {e}"),
                )
            })?),
            // Tolerate an already-decoded object.
            Some(other) => Some(other.clone()),
        };
        let key_url = get("Metadata").and_then(|m| m.as_object()).and_then(|m| {
            m.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("key_url"))
                .and_then(|(_, v)| v.as_str())
                .map(str::to_string)
        });
        Ok(CallbackPayload {
            message_id: text("MessageId"),
            from_url: text("FromUrl"),
            company_id: text("CompanyId"),
            member_id: text("MemberId"),
            action: text("Action").map(|s| CallbackAction::from(s.as_str())),
            record_type: text("Type").map(|s| CallbackType::from(s.as_str())),
            id: get("ID").and_then(de::value_to_i64),
            product_instance_id: text("ProductInstanceId"),
            partner_id: text("PartnerId"),
            entity,
            key_url,
            callback_object_rec_id: get("CallbackObjectRecId").and_then(de::value_to_i64),
            raw,
        })
    }

    /// The entity as a typed record (`ServiceTicket`, `Contact`, …); `Ok(None)` on delete.
    pub fn entity_as<T: serde::de::DeserializeOwned>(&self) -> psa_core::Result<Option<T>> {
        match &self.entity {
            None => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| {
                psa_core::Error::new(
                    psa_core::ErrorKind::Decode,
                    format!("the callback entity does not match the expected record: {e}"),
                )
            }),
        }
    }
}
