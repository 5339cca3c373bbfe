//! An optional field that keeps an unexpected shape as raw JSON.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::FromWire;

/// An optional field's value: decoded under the [policy](super), or kept exactly as sent when its
/// shape was unexpected, so one odd value never rejects its record and is never lost.
///
/// ```
/// use psa_core::wire::Field;
/// let ok: Field<i64> = Field::Value(3);
/// assert_eq!(ok.value(), Some(&3));
/// let odd: Field<i64> = Field::Raw(serde_json::json!({"n": 3}));
/// assert!(odd.value().is_none());
/// assert_eq!(odd.raw(), Some(&serde_json::json!({"n": 3})));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    /// The decoded value.
    Value(T),
    /// The value as the server sent it, because its shape was not one the policy accepts.
    Raw(Value),
}

impl<T> Field<T> {
    /// The decoded value, if the shape was the expected one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(t) => Some(t),
            Field::Raw(_) => None,
        }
    }

    /// The decoded value, if the shape was the expected one.
    pub fn into_value(self) -> Option<T> {
        match self {
            Field::Value(t) => Some(t),
            Field::Raw(_) => None,
        }
    }

    /// The raw JSON, if the shape was unexpected.
    pub fn raw(&self) -> Option<&Value> {
        match self {
            Field::Value(_) => None,
            Field::Raw(v) => Some(v),
        }
    }

    /// Whether the value was kept raw.
    pub fn is_raw(&self) -> bool {
        matches!(self, Field::Raw(_))
    }
}

impl<T> From<T> for Field<T> {
    fn from(t: T) -> Self {
        Field::Value(t)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(t) => t.serialize(s),
            Field::Raw(v) => v.serialize(s),
        }
    }
}

/// `deserialize_with` for a lenient optional field: empty is `None`, an accepted shape is
/// [`Field::Value`], anything else is [`Field::Raw`]. Never fails on the value itself.
///
/// ```
/// use psa_core::wire::{self, Field};
/// #[derive(serde::Deserialize)]
/// struct R {
///     #[serde(default, deserialize_with = "wire::opt_field")]
///     hours: Option<Field<f64>>,
/// }
/// let r: R = serde_json::from_str(r#"{"hours": "1.5"}"#).unwrap();
/// assert_eq!(r.hours, Some(Field::Value(1.5)));
/// let r: R = serde_json::from_str(r#"{"hours": [1]}"#).unwrap();
/// assert!(r.hours.unwrap().is_raw());
/// ```
pub fn opt_field<'de, D: Deserializer<'de>, T: FromWire>(
    d: D,
) -> Result<Option<Field<T>>, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(match T::from_wire(&v) {
        Ok(t) => t.map(Field::Value),
        Err(_) => Some(Field::Raw(v)),
    })
}
