use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::flex;

/// The API user, from `GET /me`.
///
/// The response also carries a `user_token`; it is dropped while decoding and never stored,
/// printed or logged.
///
/// ```
/// let me = psa_syncro::models::Me::from_value(serde_json::json!({
///     "user_token": "3746f72b-secret", "user_email": "joe@example.com", "user_name": "Joe Doe",
///     "user_id": 1, "admin": false,
///     "permissions": {"ticket": {"read": true, "write": false, "delete": false}}
/// })).unwrap();
/// assert_eq!(me.permissions.ticket.unwrap().write, Some(false));
/// assert!(!format!("{me:?}").contains("secret"));
/// assert!(!serde_json::to_string(&me).unwrap().contains("secret"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// Email of the user the token belongs to.
    #[serde(default)]
    pub user_email: Option<String>,
    /// Name of that user.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Id of that user.
    #[serde(default, with = "flex::opt_i64")]
    pub user_id: Option<i64>,
    /// Whether the user is an admin.
    #[serde(default, with = "flex::opt_bool")]
    pub admin: Option<bool>,
    /// Whether the user may use the mobile app.
    #[serde(default, with = "flex::opt_bool")]
    pub can_use_app: Option<bool>,
    /// Whether two-factor authentication is required.
    #[serde(default, with = "flex::opt_bool")]
    pub two_factor_required: Option<bool>,
    /// The account's subdomain.
    #[serde(default)]
    pub subdomain: Option<String>,
    /// Default location.
    #[serde(default)]
    pub default_location: Option<Value>,
    /// Whether the account has several locations.
    #[serde(default, with = "flex::opt_bool")]
    pub enable_multi_locations: Option<bool>,
    /// Locations the user may use.
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub locations_allowed: Vec<Value>,
    /// Coarse permissions (no List/Search vs View Detail split).
    #[serde(default)]
    pub permissions: MePermissions,
    /// Everything else, except `user_token`.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Me {
    /// Decodes a `/me` body, dropping `user_token` first.
    pub fn from_value(mut v: Value) -> serde_json::Result<Me> {
        if let Some(obj) = v.as_object_mut() {
            obj.remove("user_token");
            // Some deployments may wrap it; unwrap `{"user": {...}}` defensively.
            if obj.len() == 1
                && let Some(Value::Object(inner)) = obj.get_mut("user")
            {
                inner.remove("user_token");
            }
        }
        serde_json::from_value(v)
    }

    /// `Name <email>`, or whichever of the two is known.
    pub fn display(&self) -> Option<String> {
        match (self.user_name.as_deref(), self.user_email.as_deref()) {
            (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
            (Some(n), None) => Some(n.to_string()),
            (None, Some(e)) => Some(e.to_string()),
            (None, None) => None,
        }
    }
}

/// The `permissions` object of `/me`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MePermissions {
    /// Assets.
    #[serde(default)]
    pub asset: Option<RecordPermissions>,
    /// Customers (and contacts).
    #[serde(default)]
    pub customer: Option<RecordPermissions>,
    /// Tickets.
    #[serde(default)]
    pub ticket: Option<RecordPermissions>,
    /// Invoices.
    #[serde(default)]
    pub invoice: Option<RecordPermissions>,
    /// Payments.
    #[serde(default)]
    pub payment: Option<RecordPermissions>,
    /// Worksheets: `add`, `manage`, `delete`.
    #[serde(default)]
    pub worksheet: Option<Map<String, Value>>,
    /// Scripts: `execute`.
    #[serde(default)]
    pub script: Option<Map<String, Value>>,
    /// Any other area.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `read` / `write` / `delete` flags of one area.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPermissions {
    /// May read.
    #[serde(default, with = "flex::opt_bool")]
    pub read: Option<bool>,
    /// May write.
    #[serde(default, with = "flex::opt_bool")]
    pub write: Option<bool>,
    /// May delete.
    #[serde(default, with = "flex::opt_bool")]
    pub delete: Option<bool>,
}
