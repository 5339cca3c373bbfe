use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::flex;

/// A Syncro user (technician) as `GET /users/{id}` and the ticket's `user` object carry it.
///
/// The live API sends the admin flag under the key `"admin?"` (with the question mark) in ticket
/// payloads, while the spec's examples use `"admin"`; both are kept, and
/// [`is_admin`](Self::is_admin) reads either.
///
/// ```
/// let u: psa_syncro::models::UserRecord = serde_json::from_str(r#"{"id":1,"full_name":"Bat Man","admin?":true}"#).unwrap();
/// assert_eq!(u.is_admin(), Some(true));
/// assert_eq!(serde_json::to_value(&u).unwrap()["admin?"], true);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserRecord {
    /// User id.
    #[serde(default, with = "flex::opt_i64")]
    pub id: Option<i64>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Security group.
    #[serde(default)]
    pub group: Option<String>,
    /// Admin flag under the key `admin`.
    #[serde(
        default,
        with = "flex::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub admin: Option<bool>,
    /// Admin flag under the key `admin?`, as ticket payloads send it.
    #[serde(
        rename = "admin?",
        default,
        with = "flex::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub admin_flag: Option<bool>,
    /// Calendar color.
    #[serde(default)]
    pub color: Option<String>,
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

impl UserRecord {
    /// The admin flag, from `admin?` or `admin`.
    pub fn is_admin(&self) -> Option<bool> {
        self.admin_flag.or(self.admin)
    }
}

/// One entry of `GET /users`, which the API sends as an `[id, name]` pair.
///
/// ```
/// let users: Vec<psa_syncro::models::UserSummary> = serde_json::from_str(r#"[[1,"Joe Doe"],[2,"Ann Tech"]]"#).unwrap();
/// assert_eq!(users[1].id, 2);
/// assert_eq!(users[1].name, "Ann Tech");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSummary {
    /// User id.
    pub id: i64,
    /// Display name.
    pub name: String,
}

impl UserSummary {
    /// A summary.
    pub fn new(id: i64, name: impl Into<String>) -> Self {
        UserSummary {
            id,
            name: name.into(),
        }
    }
}

impl Serialize for UserSummary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.id, &self.name).serialize(s)
    }
}

impl<'de> Deserialize<'de> for UserSummary {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairOrObject;
        impl<'de> Visitor<'de> for PairOrObject {
            type Value = UserSummary;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an [id, name] pair or an {id, name} object")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UserSummary, A::Error> {
                let id: Value = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let name: Value = seq.next_element()?.unwrap_or(Value::Null);
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                summary(&id, &name)
                    .ok_or_else(|| de::Error::custom(format!("bad user pair [{id}, {name}]")))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<UserSummary, A::Error> {
                let m: Map<String, Value> =
                    Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let id = m.get("id").cloned().unwrap_or(Value::Null);
                let name = m
                    .get("name")
                    .or_else(|| m.get("full_name"))
                    .cloned()
                    .unwrap_or(Value::Null);
                summary(&id, &name).ok_or_else(|| de::Error::custom("user object without an id"))
            }
        }
        d.deserialize_any(PairOrObject)
    }
}

fn summary(id: &Value, name: &Value) -> Option<UserSummary> {
    let id = flex::to_i64(id)?;
    let name = match name {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    Some(UserSummary { id, name })
}
