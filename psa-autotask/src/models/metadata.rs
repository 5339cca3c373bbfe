//! Metadata: entity information (the API user's rights), field information and picklists,
//! thresholds and the version.

use std::fmt;

use serde_json::Value;

use super::wire::WireValue;

/// The API user's access to one verb of an entity (`userAccessForQuery`, …).
///
/// Autotask documents the numbers 0 None, 1 All, 2 Restricted; some clients see the names.
/// Both are accepted; anything else is kept as [`UserAccess::Unknown`].
///
/// ```
/// use psa_autotask::models::UserAccess;
/// assert_eq!(UserAccess::from_json(&serde_json::json!(2)), UserAccess::Restricted);
/// assert_eq!(UserAccess::from_json(&serde_json::json!("All")), UserAccess::All);
/// assert!(UserAccess::All.is_granted());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UserAccess {
    /// No access (0).
    None,
    /// Full access (1).
    All,
    /// Limited to some records, e.g. the resource's own (2).
    Restricted,
    /// A value this crate does not know, as text.
    Unknown(String),
}

impl UserAccess {
    /// Reads a number or a name.
    pub fn from_json(v: &Value) -> Self {
        match v {
            Value::Number(n) => match n.as_i64() {
                Some(0) => UserAccess::None,
                Some(1) => UserAccess::All,
                Some(2) => UserAccess::Restricted,
                _ => UserAccess::Unknown(n.to_string()),
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "none" | "0" => UserAccess::None,
                "all" | "1" => UserAccess::All,
                "restricted" | "2" => UserAccess::Restricted,
                _ => UserAccess::Unknown(s.clone()),
            },
            other => UserAccess::Unknown(other.to_string()),
        }
    }

    /// Whether the verb is allowed on all records.
    pub fn is_granted(&self) -> bool {
        matches!(self, UserAccess::All)
    }

    /// The number Autotask uses, where known.
    pub fn code(&self) -> Option<u8> {
        match self {
            UserAccess::None => Some(0),
            UserAccess::All => Some(1),
            UserAccess::Restricted => Some(2),
            UserAccess::Unknown(_) => None,
        }
    }
}

impl fmt::Display for UserAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UserAccess::None => f.write_str("None"),
            UserAccess::All => f.write_str("All"),
            UserAccess::Restricted => f.write_str("Restricted"),
            UserAccess::Unknown(s) => write!(f, "unknown ({s})"),
        }
    }
}

impl WireValue for UserAccess {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        Ok(if v.is_null() {
            None
        } else {
            Some(UserAccess::from_json(&v))
        })
    }
    fn to_wire(&self) -> Value {
        match self.code() {
            Some(c) => Value::from(c),
            None => Value::String(self.to_string()),
        }
    }
}

impl WireValue for Vec<PicklistValue> {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            other => serde_json::from_value(other)
                .map(Some)
                .map_err(|e| format!("picklistValues: {e}")),
        }
    }
    fn to_wire(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

wire_model! {
    /// What `GET /V1.0/{Entity}/entityInformation` says about an entity and the API user's
    /// rights on it. Reading it writes nothing, which is why preflight uses it.
    ///
    /// ```
    /// let info: psa_autotask::models::EntityInformation = serde_json::from_value(serde_json::json!({
    ///     "name": "Ticket", "canCreate": true, "userAccessForCreate": 0, "userAccessForQuery": "All"
    /// })).unwrap();
    /// assert_eq!(info.user_access_for_create, Some(psa_autotask::models::UserAccess::None));
    /// ```
    pub struct EntityInformation {
        /// The entity's internal name (`Ticket`).
        name: String => "name",
        /// Whether the entity supports create at all.
        can_create: bool => "canCreate",
        /// Whether the entity supports delete at all.
        can_delete: bool => "canDelete",
        /// Whether the entity supports query at all.
        can_query: bool => "canQuery",
        /// Whether the entity supports update at all.
        can_update: bool => "canUpdate",
        /// The API user's create right.
        user_access_for_create: UserAccess => "userAccessForCreate",
        /// The API user's delete right.
        user_access_for_delete: UserAccess => "userAccessForDelete",
        /// The API user's query right.
        user_access_for_query: UserAccess => "userAccessForQuery",
        /// The API user's update right.
        user_access_for_update: UserAccess => "userAccessForUpdate",
        /// Whether the entity has user-defined fields.
        has_user_defined_fields: bool => "hasUserDefinedFields",
        /// Whether webhooks can be registered for the entity.
        supports_webhook_callouts: bool => "supportsWebhookCallouts",
    }
}

wire_model! {
    /// One picklist entry. `value` is a string on the wire even for numeric picklists.
    pub struct PicklistValue {
        /// The stored value (`"5"`).
        value: String => "value",
        /// The label users see (`"Complete"`).
        label: String => "label",
        /// Whether Autotask picks this value when none is given.
        is_default_value: bool => "isDefaultValue",
        /// Display order.
        sort_order: i64 => "sortOrder",
        /// For dependent picklists (`subIssueType`), the parent's value.
        parent_value: String => "parentValue",
        /// Whether the value can be chosen.
        is_active: bool => "isActive",
        /// Whether it is one of Autotask's built-in values.
        is_system: bool => "isSystem",
    }
}

wire_model! {
    /// One field as `GET /V1.0/{Entity}/entityInformation/fields` describes it.
    ///
    /// ```
    /// let f: psa_autotask::models::FieldInformation = serde_json::from_value(serde_json::json!({
    ///     "name": "status", "dataType": "integer", "isPickList": true,
    ///     "picklistValues": [{"value": "1", "label": "New", "isDefaultValue": true, "isActive": true}]
    /// })).unwrap();
    /// assert_eq!(f.picklist()[0].label.as_deref(), Some("New"));
    /// ```
    pub struct FieldInformation {
        /// The field name (`status`).
        name: String => "name",
        /// The data type (`integer`, `string`, `datetime`, …).
        data_type: String => "dataType",
        /// Maximum length for text fields.
        length: i64 => "length",
        /// Whether a create must set it.
        is_required: bool => "isRequired",
        /// Whether it is read-only.
        is_read_only: bool => "isReadOnly",
        /// Whether it can be used in a query filter.
        is_queryable: bool => "isQueryable",
        /// Whether it references another entity.
        is_reference: bool => "isReference",
        /// The referenced entity, for references.
        reference_entity_type: String => "referenceEntityType",
        /// Whether it is a picklist.
        is_pick_list: bool => "isPickList",
        /// The picklist values, for picklists.
        picklist_values: Vec<PicklistValue> => "picklistValues",
        /// For dependent picklists, the field holding the parent value.
        picklist_parent_value_field: String => "picklistParentValueField",
        /// Whether a webhook can subscribe to it.
        is_supported_webhook_field: bool => "isSupportedWebhookField",
    }
}

impl FieldInformation {
    /// The picklist values (empty when the field is not a picklist).
    pub fn picklist(&self) -> &[PicklistValue] {
        self.picklist_values.as_deref().unwrap_or(&[])
    }
}

wire_model! {
    /// One user-defined field definition, from `…/entityInformation/userDefinedFields`.
    pub struct UdfFieldInformation {
        /// The UDF name used in `userDefinedFields` and in UDF filters.
        name: String => "name",
        /// The label users see.
        label: String => "label",
        /// The type (`type`, not `dataType`, on this call).
        field_type: String => "type",
        /// Maximum length.
        length: i64 => "length",
        /// Description.
        description: String => "description",
        /// Whether it must be set.
        is_required: bool => "isRequired",
        /// Whether it is read-only.
        is_read_only: bool => "isReadOnly",
        /// Whether it can be used in a filter.
        is_queryable: bool => "isQueryable",
        /// Whether it references another entity.
        is_reference: bool => "isReference",
        /// The referenced entity.
        reference_entity_type: String => "referenceEntityType",
        /// Whether it is a picklist.
        is_pick_list: bool => "isPickList",
        /// The picklist values.
        picklist_values: Vec<PicklistValue> => "picklistValues",
        /// For dependent picklists, the parent field.
        picklist_parent_value_field: String => "picklistParentValueField",
        /// The default value.
        default_value: String => "defaultValue",
        /// Whether a webhook can subscribe to it.
        is_supported_webhook_field: bool => "isSupportedWebhookField",
    }
}

wire_model! {
    /// `GET /V1.0/ThresholdInformation`: the database's request quota and its use.
    ///
    /// The quota (10,000 requests per rolling hour by default) is shared by every integration
    /// on the database. Autotask itself adds latency above 50% and 75% of it.
    ///
    /// ```
    /// let t: psa_autotask::models::ThresholdInformation = serde_json::from_str(
    ///     r#"{"externalRequestThreshold":10000,"requestThresholdTimeframe":60,"currentTimeframeRequestCount":124}"#,
    /// ).unwrap();
    /// assert_eq!(t.usage_ratio(), Some(0.0124));
    /// assert_eq!(t.to_api_usage().window_secs, Some(3600));
    /// ```
    pub struct ThresholdInformation {
        /// Requests allowed per timeframe.
        external_request_threshold: i64 => "externalRequestThreshold",
        /// The timeframe in minutes.
        request_threshold_timeframe: i64 => "requestThresholdTimeframe",
        /// Requests made in the current timeframe.
        current_timeframe_request_count: i64 => "currentTimeframeRequestCount",
    }
}

impl ThresholdInformation {
    /// Used share of the quota (0.0–1.0+), when both numbers are known.
    pub fn usage_ratio(&self) -> Option<f64> {
        let limit = self.external_request_threshold.filter(|l| *l > 0)?;
        let used = self.current_timeframe_request_count?;
        Some(used as f64 / limit as f64)
    }

    /// The figures as psa-core's [`psa_core::ApiUsage`].
    pub fn to_api_usage(&self) -> psa_core::ApiUsage {
        psa_core::ApiUsage::new(
            self.current_timeframe_request_count
                .unwrap_or(0)
                .max(0)
                .unsigned_abs(),
            self.external_request_threshold
                .filter(|l| *l >= 0)
                .map(i64::unsigned_abs),
            self.request_threshold_timeframe
                .filter(|m| *m >= 0)
                .map(|m| m.unsigned_abs().saturating_mul(60)),
        )
    }
}

wire_model! {
    /// `GET /V1.0/Version`: needs valid credentials but no entity rights.
    pub struct ApiVersion {
        /// Major version.
        major_version: String => "majorVersion",
        /// Minor version.
        minor_version: String => "minorVersion",
        /// Build.
        build: String => "build",
        /// Customer type.
        customer_type: String => "customerType",
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |p: &Option<String>| p.clone().unwrap_or_else(|| "?".into());
        write!(
            f,
            "{}.{} build {}",
            part(&self.major_version),
            part(&self.minor_version),
            part(&self.build)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_threshold_timeframe_does_not_overflow() {
        let t: ThresholdInformation = serde_json::from_value(serde_json::json!({
            "externalRequestThreshold": 10000,
            "requestThresholdTimeframe": i64::MAX,
            "currentTimeframeRequestCount": 1
        }))
        .unwrap();
        assert_eq!(t.to_api_usage().window_secs, Some(u64::MAX));
    }
}
