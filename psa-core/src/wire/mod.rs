//! How vendor JSON values become Rust values: the one lenient-decoding policy of psa-sdk.
//!
//! PSA APIs are consistent in shape but not always in type: numbers arrive as text
//! (`"29683482"`), flags as `0`/`1` or `"True"`, empty fields as `null` or `""`, text columns
//! right-padded with spaces, and timestamps with or without a zone, with any number of
//! fractional digits, or as `2019-11-04 08:59:31 UTC`. Every vendor crate decodes through this
//! module, so the same value means the same thing for all three vendors.
//!
//! # The policy
//!
//! **Accepted shapes** ([`FromWire`]), the same for every field:
//!
//! | kind | accepted | empty (`None`) |
//! |------|----------|----------------|
//! | whole number (`i64`) | a JSON integer, a float with no fraction (exactly representable), numeric text, `true`/`false` as 1/0 | `null`, `""`, blank text |
//! | decimal (`f64`) | a JSON number, numeric text | `null`, `""`, blank text |
//! | flag (`bool`) | `true`/`false`, `0`/`1`, text `true`/`false`/`1`/`0`/`yes`/`no` (any case) | `null`, `""`, blank text |
//! | text (`String`) | text exactly as sent; a number or flag becomes its JSON text | `null` |
//! | date and time ([`OffsetDateTime`]) | every form [`parse_datetime`] reads | `null`, `""`, blank text |
//!
//! Anything else (an object where a number was expected, `2`/`-1` for a flag, a date that does
//! not parse) is an *unexpected shape* ([`Unexpected`]). What happens then depends on the kind of
//! field, never on the vendor:
//!
//! - **Key fields** (the envelope, ids, title/summary, status, company, and the dates the SDK
//!   relies on: created and last-updated) are **strict**: an unexpected shape fails the decode,
//!   which the client reports as [`ErrorKind::Decode`](crate::ErrorKind::Decode). Use [`strict`]
//!   (and [`required`] for a field that must be present) or [`take_strict`].
//! - **Optional fields** are **lenient**: an unexpected shape never rejects the record or its
//!   page; the record keeps the value as raw JSON — in a [`Field::Raw`] ([`opt_field`]), or in the
//!   record's `extra` map ([`take_lenient`]) — so nothing the server sent is lost.
//!
//! Nothing here panics on server data: the property tests of this module feed every decoder
//! generated hostile input (years 0000 and 9999 with offsets, leap seconds, huge fractions,
//! empty and whitespace-only text, huge numbers).
//!
//! ```
//! use psa_core::wire::{self, Field};
//! use time::OffsetDateTime;
//!
//! #[derive(serde::Deserialize)]
//! struct Record {
//!     #[serde(deserialize_with = "wire::required")]
//!     id: i64,
//!     #[serde(default, deserialize_with = "wire::strict")]
//!     updated: Option<OffsetDateTime>,
//!     #[serde(default, deserialize_with = "wire::opt_field")]
//!     closed: Option<Field<OffsetDateTime>>,
//! }
//!
//! let r: Record = serde_json::from_str(
//!     r#"{"id": "42", "updated": "2024-01-31T15:04:05.307", "closed": "last tuesday"}"#,
//! ).unwrap();
//! assert_eq!(r.id, 42);
//! assert!(r.updated.is_some());
//! assert_eq!(r.closed.unwrap().raw(), Some(&serde_json::json!("last tuesday")));
//!
//! let bad = serde_json::from_str::<Record>(r#"{"id": 1, "updated": "soon"}"#);
//! assert!(bad.is_err(), "a key date that does not parse fails the record");
//! ```

mod date;
mod field;
pub mod time_serde;

#[cfg(test)]
mod hostile_tests;

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde_json::{Map, Value};
use time::OffsetDateTime;

pub use date::{format_datetime, parse_datetime, parse_datetime_utc, to_utc};
pub use field::{Field, opt_field};

/// Largest magnitude a float may have to be read as a whole number (2^53: exactly representable).
const MAX_EXACT_FLOAT: f64 = 9_007_199_254_740_992.0;

/// A value whose shape is not one the policy accepts for its kind.
///
/// ```
/// use psa_core::wire::FromWire;
/// let err = i64::from_wire(&serde_json::json!({"a": 1})).unwrap_err();
/// assert_eq!(err.to_string(), r#"expected a whole number, got {"a":1}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unexpected {
    expected: &'static str,
    found: String,
}

impl Unexpected {
    /// An unexpected `found` where `expected` was wanted.
    pub fn new(expected: &'static str, found: &Value) -> Self {
        const SHOWN: usize = 120;
        let mut found = found.to_string();
        if found.len() > SHOWN {
            let cut = (0..=SHOWN)
                .rev()
                .find(|i| found.is_char_boundary(*i))
                .unwrap_or(0);
            found.truncate(cut);
            found.push('…');
        }
        Unexpected { expected, found }
    }

    /// What the field should have held.
    pub fn expected(&self) -> &'static str {
        self.expected
    }
}

impl fmt::Display for Unexpected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, got {}", self.expected, self.found)
    }
}

impl std::error::Error for Unexpected {}

/// A kind of value read under the [module policy](self).
pub trait FromWire: Sized {
    /// Reads a value: `Ok(None)` for an empty one, [`Unexpected`] for a shape the policy does not
    /// accept. Never panics.
    fn from_wire(v: &Value) -> Result<Option<Self>, Unexpected>;
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

impl FromWire for i64 {
    fn from_wire(v: &Value) -> Result<Option<Self>, Unexpected> {
        const WHAT: &str = "a whole number";
        if is_blank(v) {
            return Ok(None);
        }
        match v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() <= MAX_EXACT_FLOAT)
                        .map(|f| f as i64)
                })
                .map(Some)
                .ok_or_else(|| Unexpected::new(WHAT, v)),
            Value::String(s) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| Unexpected::new(WHAT, v)),
            Value::Bool(b) => Ok(Some(i64::from(*b))),
            _ => Err(Unexpected::new(WHAT, v)),
        }
    }
}

impl FromWire for f64 {
    fn from_wire(v: &Value) -> Result<Option<Self>, Unexpected> {
        const WHAT: &str = "a number";
        if is_blank(v) {
            return Ok(None);
        }
        match v {
            Value::Number(n) => n.as_f64().map(Some).ok_or_else(|| Unexpected::new(WHAT, v)),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Some)
                .ok_or_else(|| Unexpected::new(WHAT, v)),
            _ => Err(Unexpected::new(WHAT, v)),
        }
    }
}

impl FromWire for bool {
    fn from_wire(v: &Value) -> Result<Option<Self>, Unexpected> {
        const WHAT: &str = "true/false";
        if is_blank(v) {
            return Ok(None);
        }
        match v {
            Value::Bool(b) => Ok(Some(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(0) => Ok(Some(false)),
                Some(1) => Ok(Some(true)),
                _ => Err(Unexpected::new(WHAT, v)),
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => Ok(Some(true)),
                "false" | "0" | "no" => Ok(Some(false)),
                _ => Err(Unexpected::new(WHAT, v)),
            },
            _ => Err(Unexpected::new(WHAT, v)),
        }
    }
}

impl FromWire for String {
    fn from_wire(v: &Value) -> Result<Option<Self>, Unexpected> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            _ => Err(Unexpected::new("text", v)),
        }
    }
}

impl FromWire for OffsetDateTime {
    fn from_wire(v: &Value) -> Result<Option<Self>, Unexpected> {
        const WHAT: &str = "an ISO-8601 date and time";
        if is_blank(v) {
            return Ok(None);
        }
        match v {
            Value::String(s) => parse_datetime(s)
                .map(Some)
                .ok_or_else(|| Unexpected::new(WHAT, v)),
            _ => Err(Unexpected::new(WHAT, v)),
        }
    }
}

/// Removes the right-padding some vendors leave on fixed-width text columns (spaces and
/// no-break spaces); leading text is kept.
///
/// ```
/// assert_eq!(psa_core::wire::trim_padding("trigger        "), "trigger");
/// ```
pub fn trim_padding(s: &str) -> &str {
    s.trim_end_matches([' ', '\u{a0}'])
}

/// `deserialize_with` for an optional key field: empty is `None`, an unexpected shape fails.
pub fn strict<'de, D: Deserializer<'de>, T: FromWire>(d: D) -> Result<Option<T>, D::Error> {
    let v = Value::deserialize(d)?;
    T::from_wire(&v).map_err(D::Error::custom)
}

/// `deserialize_with` for a key field that must hold a value: empty or an unexpected shape fails.
pub fn required<'de, D: Deserializer<'de>, T: FromWire>(d: D) -> Result<T, D::Error> {
    let v = Value::deserialize(d)?;
    match T::from_wire(&v) {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(D::Error::custom(format!("expected a value, got {v}"))),
        Err(e) => Err(D::Error::custom(e)),
    }
}

/// `deserialize_with` for padded text: [`FromWire`] text with [`trim_padding`] applied; an
/// unexpected shape (object, array) is kept as its JSON text.
pub fn trimmed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(mut s) => {
            // In place: no second allocation per text field.
            s.truncate(trim_padding(&s).len());
            Some(s)
        }
        other => text_or_json(other),
    })
}

/// `deserialize_with` for free text kept exactly as sent: [`FromWire`] text; an unexpected shape
/// (object, array) is kept as its JSON text.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        other => text_or_json(other),
    })
}

fn text_or_json(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        other => Some(other.to_string()),
    }
}

/// `deserialize_with` for an array that may also arrive as `null` (empty); any other shape fails.
pub fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        v @ Value::Array(_) => serde_json::from_value(v).map_err(D::Error::custom),
        other => Err(D::Error::custom(Unexpected::new("an array", &other))),
    }
}

/// Takes a key field out of a decoded JSON object: absent or empty is `None`, an unexpected
/// shape is an error naming the field.
///
/// ```
/// let mut map = serde_json::json!({"id": "7"}).as_object().cloned().unwrap();
/// assert_eq!(psa_core::wire::take_strict::<i64>(&mut map, "id"), Ok(Some(7)));
/// assert!(map.is_empty());
/// ```
pub fn take_strict<T: FromWire>(
    map: &mut Map<String, Value>,
    key: &str,
) -> Result<Option<T>, String> {
    match map.remove(key) {
        None => Ok(None),
        Some(v) => T::from_wire(&v).map_err(|e| format!("{key}: {e}")),
    }
}

/// Takes an optional field out of a decoded JSON object: absent or empty is `None`; an
/// unexpected shape is left in the map (the record's `extra`), exactly as sent.
///
/// ```
/// let mut map = serde_json::json!({"dueDate": "someday"}).as_object().cloned().unwrap();
/// let due = psa_core::wire::take_lenient::<time::OffsetDateTime>(&mut map, "dueDate");
/// assert!(due.is_none());
/// assert_eq!(map["dueDate"], "someday");
/// ```
pub fn take_lenient<T: FromWire>(map: &mut Map<String, Value>, key: &str) -> Option<T> {
    let v = map.remove(key)?;
    match T::from_wire(&v) {
        Ok(t) => t,
        Err(_) => {
            map.insert(key.to_string(), v);
            None
        }
    }
}
