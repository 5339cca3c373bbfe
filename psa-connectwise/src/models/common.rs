//! Pieces every ConnectWise record shares: reference objects, `_info`, custom fields and the
//! server-defined enums with their `Unknown` fallback.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::de;

/// Declares a server-defined enum: known values as variants, anything else kept in
/// `Unknown(String)`; parsing ignores case, serializing writes the vendor's spelling.
macro_rules! cw_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the crate does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The vendor's spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(s) => s.as_str(),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($wire) { return Ok($name::$variant); })+
                Ok($name::Unknown(t.to_string()))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    Ok(v) => v,
                    Err(never) => match never {},
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = serde_json::Value::deserialize(d)?;
                Ok(match v {
                    serde_json::Value::String(s) => $name::from(s.as_str()),
                    other => $name::Unknown(other.to_string()),
                })
            }
        }
    };
}
pub(crate) use cw_enum;

/// A reference to another record: `{"id": 1, "name": "Service A", "_info": {…}}`; company and
/// member references add `identifier`.
///
/// In writes a reference names its target by id, identifier or name — build one with
/// [`Reference::id`], [`Reference::identifier`] or [`Reference::name`]. Only those three keys are
/// ever serialized: `_info` and any other keys the server sent (`sort`, `level`, …) are read-only
/// and stay out of request bodies.
///
/// ```
/// use psa_connectwise::models::Reference;
/// let r: Reference = serde_json::from_value(serde_json::json!({
///     "id": 30, "name": "New  ", "Sort": 30, "_info": {"status_href": "https://x/statuses/30"}
/// })).unwrap();
/// assert_eq!(r.name.as_deref(), Some("New"));
/// assert_eq!(r.extra["Sort"], 30);
/// assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::json!({"id": 30, "name": "New"}));
/// assert_eq!(serde_json::to_value(Reference::identifier("ABC")).unwrap(), serde_json::json!({"identifier": "ABC"}));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The record's id.
    #[serde(
        default,
        deserialize_with = "de::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The record's identifier (companies, members).
    #[serde(
        default,
        deserialize_with = "de::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub identifier: Option<String>,
    /// The record's name.
    #[serde(
        default,
        deserialize_with = "de::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// `_info`: links to the record (read-only).
    #[serde(rename = "_info", default, skip_serializing)]
    pub info: Option<Info>,
    /// Any other keys the server sent (read-only).
    #[serde(flatten, skip_serializing)]
    pub extra: Map<String, Value>,
}

impl Reference {
    /// A reference by id.
    pub fn id(id: i64) -> Self {
        Reference {
            id: Some(id),
            ..Default::default()
        }
    }

    /// A reference by identifier (companies, members).
    pub fn identifier(identifier: impl Into<String>) -> Self {
        Reference {
            identifier: Some(identifier.into()),
            ..Default::default()
        }
    }

    /// A reference by name (boards, statuses, priorities, sources).
    pub fn name(name: impl Into<String>) -> Self {
        Reference {
            name: Some(name.into()),
            ..Default::default()
        }
    }

    /// A reference from a key that is either a numeric id or a name.
    ///
    /// ```
    /// use psa_connectwise::models::Reference;
    /// assert_eq!(Reference::id_or_name("12").id, Some(12));
    /// assert_eq!(Reference::id_or_name("Help Desk").name.as_deref(), Some("Help Desk"));
    /// ```
    pub fn id_or_name(key: &str) -> Self {
        match key.trim().parse::<i64>() {
            Ok(id) => Reference::id(id),
            Err(_) => Reference::name(key.trim()),
        }
    }

    /// The best label: name, then identifier, then id.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.identifier.clone())
            .or_else(|| self.id.map(|i| i.to_string()))
            .unwrap_or_default()
    }
}

/// A record's `_info` block: when and by whom it was entered and last changed, and links.
///
/// ```
/// use psa_connectwise::models::Info;
/// let i: Info = serde_json::from_value(serde_json::json!({
///     "lastUpdated": "2024-02-01T08:00:00Z", "updatedBy": "trigger        ",
///     "dateEntered": "2024-01-31T10:00:00Z", "enteredBy": "api-user",
///     "notes_href": "https://api-na.myconnectwise.net/v4_6_release/apis/3.0/service/tickets/5/notes"
/// })).unwrap();
/// assert_eq!(i.updated_by.as_deref(), Some("trigger"));
/// assert!(i.last_updated.unwrap() > i.date_entered.unwrap());
/// assert!(i.links["notes_href"].ends_with("/notes"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Info {
    /// `lastUpdated`, in UTC.
    pub last_updated: Option<OffsetDateTime>,
    /// `updatedBy`, padding trimmed.
    pub updated_by: Option<String>,
    /// `dateEntered`, in UTC.
    pub date_entered: Option<OffsetDateTime>,
    /// `enteredBy`, padding trimmed.
    pub entered_by: Option<String>,
    /// The `*_href` links and any other text values, padding trimmed.
    pub links: BTreeMap<String, String>,
    /// Values that were not text.
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Info {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = match Value::deserialize(d)? {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let mut info = Info::default();
        for (k, v) in map {
            match (k.as_str(), v) {
                // Key dates (sync cursors, created/updated): strict, an unreadable one fails.
                ("lastUpdated" | "dateEntered", v) => {
                    let t = <OffsetDateTime as psa_core::wire::FromWire>::from_wire(&v)
                        .map_err(|e| serde::de::Error::custom(format!("_info.{k}: {e}")))?
                        .map(psa_core::wire::to_utc);
                    if k == "lastUpdated" {
                        info.last_updated = t;
                    } else {
                        info.date_entered = t;
                    }
                }
                ("updatedBy", Value::String(s)) => info.updated_by = Some(de::trim_padding(&s)),
                ("enteredBy", Value::String(s)) => info.entered_by = Some(de::trim_padding(&s)),
                (_, Value::String(s)) => {
                    info.links.insert(k, de::trim_padding(&s));
                }
                (_, Value::Null) => {}
                (_, other) => {
                    info.extra.insert(k, other);
                }
            }
        }
        Ok(info)
    }
}

cw_enum!(
    /// The type of a custom field (`customFields[].type`).
    CustomFieldType {
        /// Multi-line text.
        TextArea => "TextArea",
        /// A button.
        Button => "Button",
        /// A money amount.
        Currency => "Currency",
        /// A date.
        Date => "Date",
        /// A link.
        Hyperlink => "Hyperlink",
        /// An IP address.
        IpAddress => "IPAddress",
        /// A checkbox.
        Checkbox => "Checkbox",
        /// A number.
        Number => "Number",
        /// A percentage.
        Percent => "Percent",
        /// One line of text.
        Text => "Text",
        /// A password.
        Password => "Password",
    }
);

cw_enum!(
    /// How a custom field is entered (`customFields[].entryMethod`).
    EntryMethod {
        /// A date picker.
        Date => "Date",
        /// A free entry field.
        EntryField => "EntryField",
        /// A list of values.
        List => "List",
        /// Options.
        Option => "Option",
    }
);

/// A custom field (user-defined field) on a record.
///
/// `value` is whatever JSON the server sent — absent, `null`, text, a number or a flag — so a
/// tenant's field of any type decodes. ConnectWise replaces custom fields as a whole array:
/// change a value and send every field back (see [`crate::Patch::custom_fields`]).
///
/// ```
/// use psa_connectwise::models::{CustomField, CustomFieldType};
/// let f: Vec<CustomField> = serde_json::from_value(serde_json::json!([
///     {"id": 4, "caption": "Asset Tag", "type": "Text", "entryMethod": "EntryField", "value": "A-17", "connectWiseId": "x"},
///     {"id": 5, "caption": "Hours", "type": "Number", "entryMethod": "EntryField", "numberOfDecimals": 2, "value": 1.5},
///     {"id": 6, "caption": "VIP", "type": "Checkbox", "entryMethod": "EntryField", "rowNum": 1}
/// ])).unwrap();
/// assert_eq!(f[0].field_type, Some(CustomFieldType::Text));
/// assert_eq!(f[1].value, serde_json::json!(1.5));
/// assert!(f[2].value.is_null());
/// assert_eq!(f[2].extra["rowNum"], 1);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomField {
    /// The field definition's id.
    #[serde(
        default,
        deserialize_with = "de::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The label.
    #[serde(
        default,
        deserialize_with = "de::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub caption: Option<String>,
    /// The field type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<CustomFieldType>,
    /// The entry method.
    #[serde(
        rename = "entryMethod",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub entry_method: Option<EntryMethod>,
    /// Decimal places, for numbers.
    #[serde(
        rename = "numberOfDecimals",
        default,
        deserialize_with = "de::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub number_of_decimals: Option<i64>,
    /// The value, as sent (absent and `null` are both `Value::Null`).
    #[serde(default)]
    pub value: Value,
    /// `connectWiseId`.
    #[serde(
        rename = "connectWiseId",
        default,
        deserialize_with = "de::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub connect_wise_id: Option<String>,
    /// Newer keys (`rowNum`, `userDefinedFieldRecId`, `podId`, …), sent back as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CustomField {
    /// A custom field by definition id with a value (for writes).
    ///
    /// ```
    /// let f = psa_connectwise::models::CustomField::new(4, "A-17");
    /// assert_eq!(serde_json::to_value(&f).unwrap(), serde_json::json!({"id": 4, "value": "A-17"}));
    /// ```
    pub fn new(id: i64, value: impl Into<Value>) -> Self {
        CustomField {
            id: Some(id),
            value: value.into(),
            ..Default::default()
        }
    }

    /// The value as text, when it is text.
    pub fn as_str(&self) -> Option<&str> {
        self.value.as_str()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// A secret-ish text field a record may carry (a portal password, a token): kept, but `Debug`
/// prints `[redacted]`.
///
/// ```
/// let s: psa_connectwise::models::Sensitive = serde_json::from_value(serde_json::json!("hunter2")).unwrap();
/// assert_eq!(format!("{s:?}"), "[redacted]");
/// assert_eq!(s.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Sensitive(String);

impl Sensitive {
    /// The value.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A `/count` answer: `{"count": N}`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) struct Count {
    #[serde(default, deserialize_with = "de::opt_i64")]
    pub(crate) count: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    cw_enum!(
        /// test
        Color {
            /// red
            Red => "Red",
        }
    );

    #[test]
    fn enums_keep_unknown_values_and_ignore_case() {
        assert_eq!(Color::from("red"), Color::Red);
        assert_eq!(Color::from("Teal"), Color::Unknown("Teal".into()));
        let c: Color = serde_json::from_value(serde_json::json!("Teal")).unwrap();
        assert_eq!(serde_json::to_value(&c).unwrap(), serde_json::json!("Teal"));
    }

    #[test]
    fn custom_fields_round_trip_whole() {
        let raw = serde_json::json!({"id": 9, "caption": "X", "type": "Date", "entryMethod": "Date", "value": "2024-01-01T00:00:00Z", "podId": "p"});
        let f: CustomField = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(serde_json::to_value(&f).unwrap(), raw);
    }
}
