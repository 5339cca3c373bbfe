//! Lenient deserializers for ConnectWise records.
//!
//! ConnectWise is not always consistent about JSON types (`"IsCloud":"True"`, a reference with
//! `"Sort":30` next to one with `"sort":50`, numbers sent as strings), and some text columns are
//! right-padded with spaces (`"updatedBy":"trigger        "`). These helpers accept every shape
//! seen in real responses, trim the padding of short text fields, and never fail on `null`.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Removes the right-padding ConnectWise leaves on fixed-width text columns.
pub(crate) fn trim_padding(s: &str) -> String {
    s.trim_end_matches([' ', '\u{a0}']).to_string()
}

fn scalar_to_string(v: Value, trim: bool) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(if trim { trim_padding(&s) } else { s }),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        // An object or array where text was expected: keep its JSON rather than fail.
        other => Some(other.to_string()),
    }
}

/// A short text field: trailing padding removed; numbers and booleans become text.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(scalar_to_string(Value::deserialize(d)?, true))
}

/// A required short text field; `null` or absent is empty.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(scalar_to_string(Value::deserialize(d)?, true).unwrap_or_default())
}

/// A server-defined enum value with an `Unknown` fallback.
pub(crate) fn opt_enum<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    Ok(scalar_to_string(Value::deserialize(d)?, true).map(|s| T::from(s.as_str())))
}

/// A free-text field (note text, descriptions): kept exactly as sent.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(scalar_to_string(Value::deserialize(d)?, false))
}

/// An integer sent as a number, a float with no fraction, or numeric text.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(value_to_i64(&Value::deserialize(d)?))
}

pub(crate) fn value_to_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A required record id.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = Value::deserialize(d)?;
    value_to_i64(&v)
        .ok_or_else(|| serde::de::Error::custom(format!("expected a numeric id, got {v}")))
}

/// A decimal number sent as a number or as text.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A flag sent as `true`/`false`, `"True"`/`"False"`, or `0`/`1`.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(value_to_bool(&Value::deserialize(d)?))
}

pub(crate) fn value_to_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().map(|i| i != 0),
        _ => None,
    }
}

/// A timestamp: `yyyy-MM-ddTHH:mm:ssZ` (the documented form), any RFC 3339 offset, or a
/// timestamp without an offset (read as UTC). Unreadable text becomes `None` rather than failing
/// the whole record; the raw record keeps the original.
pub(crate) fn opt_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => parse_datetime(&s),
        _ => None,
    })
}

/// Parses a ConnectWise timestamp to UTC.
///
/// ```
/// let t = psa_connectwise::models::parse_datetime("2016-08-20T18:04:26Z").unwrap();
/// assert_eq!(t.unix_timestamp(), 1_471_716_266);
/// assert!(psa_connectwise::models::parse_datetime("2016-08-20T18:04:26").is_some());
/// assert!(psa_connectwise::models::parse_datetime("soon").is_none());
/// ```
pub fn parse_datetime(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.to_offset(UtcOffset::UTC));
    }
    let naive = time::macros::format_description!(
        version = 2,
        "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
    );
    if let Ok(t) = PrimitiveDateTime::parse(s, naive) {
        return Some(t.assume_utc());
    }
    let date = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, date)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// An array that may also arrive as `null`.
pub(crate) fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        v @ Value::Array(_) => serde_json::from_value(v).map_err(serde::de::Error::custom),
        other => Err(serde::de::Error::custom(format!(
            "expected an array, got {other}"
        ))),
    }
}

/// Formats a timestamp the way ConnectWise expects it: `yyyy-MM-ddTHH:mm:ssZ`, in UTC.
///
/// ```
/// let t = time::macros::datetime!(2024-05-01 09:30:00.250 +02:00);
/// assert_eq!(psa_connectwise::models::format_datetime(t), "2024-05-01T07:30:00Z");
/// ```
pub fn format_datetime(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Serializes an optional timestamp as `yyyy-MM-ddTHH:mm:ssZ`.
pub(crate) fn ser_opt_datetime<S: serde::Serializer>(
    v: &Option<OffsetDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(t) => s.serialize_str(&format_datetime(*t)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_text")]
        text: Option<String>,
        #[serde(default, deserialize_with = "opt_i64")]
        i: Option<i64>,
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_datetime")]
        d: Option<OffsetDateTime>,
        #[serde(default, deserialize_with = "vec")]
        v: Vec<i64>,
    }

    #[test]
    fn accepts_the_shapes_connectwise_sends() {
        let t: T = serde_json::from_value(serde_json::json!({
            "s": "trigger        ", "text": "keep   ", "i": "42", "b": "True",
            "d": "2024-01-31T10:00:00Z", "v": null
        }))
        .unwrap();
        assert_eq!(t.s.as_deref(), Some("trigger"));
        assert_eq!(t.text.as_deref(), Some("keep   "));
        assert_eq!(t.i, Some(42));
        assert_eq!(t.b, Some(true));
        assert!(t.d.is_some());
        assert!(t.v.is_empty());
        let t: T = serde_json::from_value(serde_json::json!({
            "s": 30, "i": 7.0, "b": false, "d": "not a date", "v": [1, 2]
        }))
        .unwrap();
        assert_eq!(t.s.as_deref(), Some("30"));
        assert_eq!(t.i, Some(7));
        assert_eq!(t.b, Some(false));
        assert!(t.d.is_none());
        assert_eq!(t.v, vec![1, 2]);
    }

    #[test]
    fn nulls_and_missing_fields_are_none() {
        let t: T = serde_json::from_value(serde_json::json!({"s": null, "b": null})).unwrap();
        assert!(t.s.is_none() && t.b.is_none() && t.i.is_none());
    }
}
