//! Lenient (de)serializers for the places where Syncro's wire format varies.
//!
//! The spec's examples and the live API disagree in places (numbers as strings, `null` where an
//! array is expected, timestamps with local offsets or a ` UTC` suffix). These helpers accept
//! every form seen in public samples, so one odd record never fails a whole page.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serializer};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// `Option<i64>` from an integer, an integral float, a numeric string, `""` or `null`.
pub(crate) mod opt_i64 {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        let v = Option::<Value>::deserialize(d)?;
        match v {
            None | Some(Value::Null) => Ok(None),
            Some(v) => to_i64(&v)
                .map(Some)
                .ok_or_else(|| de::Error::custom(format!("expected an integer id, got {v}"))),
        }
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_i64(*n),
            None => s.serialize_none(),
        }
    }
}

/// An `i64` that may arrive as a numeric string.
pub(crate) mod i64_lenient {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let v = Value::deserialize(d)?;
        to_i64(&v).ok_or_else(|| de::Error::custom(format!("expected an integer id, got {v}")))
    }

    pub(crate) fn serialize<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*v)
    }
}

pub(crate) fn to_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e18)
                .map(|f| f as i64)
        }),
        Value::String(s) if !s.trim().is_empty() => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// `Option<String>` from a string, a number or a boolean (zip codes and phone numbers arrive as
/// numbers in some records).
pub(crate) mod opt_text {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let v = Option::<Value>::deserialize(d)?;
        Ok(match v {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            Some(other) => Some(other.to_string()),
        })
    }
}

/// A `Vec<T>` where `null` means empty.
pub(crate) mod vec_or_null {
    use super::*;

    pub(crate) fn deserialize<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
    }
}

/// A JSON object where `null` (or a non-object, such as the `[]` some Rails serializers emit for
/// an empty hash) means empty.
pub(crate) mod map_or_null {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<serde_json::Map<String, Value>, D::Error> {
        Ok(match Option::<Value>::deserialize(d)? {
            Some(Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        })
    }
}

/// `Option<bool>` from a boolean, `"true"`/`"false"`, `1`/`0` or `null`.
pub(crate) mod opt_bool {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        let v = Option::<Value>::deserialize(d)?;
        Ok(match v {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(b),
            Some(Value::Number(n)) => n.as_i64().map(|i| i != 0),
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => Some(true),
                "false" | "0" | "no" => Some(false),
                _ => None,
            },
            Some(_) => None,
        })
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_bool(*b),
            None => s.serialize_none(),
        }
    }
}

/// Timestamps as Syncro sends them, keeping the account's local offset.
///
/// Accepts RFC 3339 with `Z` or an offset (`2025-01-29T13:31:46.716-05:00`) and any number of
/// fractional digits, `2019-11-04 08:59:31 UTC`, a date-time without offset (taken as UTC), a bare
/// date (midnight UTC), `""` and `null`. Serializes as RFC 3339 with the original offset.
pub(crate) mod opt_timestamp {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        let v = Option::<String>::deserialize(d)?;
        match v {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse_timestamp(&s)
                .map(Some)
                .ok_or_else(|| de::Error::custom(format!("unrecognised timestamp {s:?}"))),
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        v: &Option<OffsetDateTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => {
                let text = t.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
                s.serialize_str(&text)
            }
            None => s.serialize_none(),
        }
    }
}

/// Parses one Syncro timestamp (see [`opt_timestamp`]).
pub(crate) fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    let s = text.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    // "2019-11-04 08:59:31 UTC" / "2019-11-04 08:59:31.123456789 UTC" / "...T... UTC"
    let body = s
        .strip_suffix(" UTC")
        .or_else(|| s.strip_suffix(" utc"))
        .unwrap_or(s);
    let normalized = body.replacen(' ', "T", 1);
    let (main, frac) = match normalized.split_once('.') {
        Some((m, f)) => (m.to_string(), Some(f.to_string())),
        None => (normalized.clone(), None),
    };
    if let Ok(p) = PrimitiveDateTime::parse(
        &main,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    ) {
        let mut t = p.assume_offset(UtcOffset::UTC);
        if let Some(f) = frac {
            let digits: String = f.chars().take_while(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() || digits.len() != f.len() {
                return None;
            }
            let nanos: String = digits
                .chars()
                .chain(std::iter::repeat('0'))
                .take(9)
                .collect();
            let n: u32 = nanos.parse().ok()?;
            t = t.replace_nanosecond(n).ok()?;
        }
        return Some(t);
    }
    if let Ok(d) = Date::parse(s, format_description!("[year]-[month]-[day]")) {
        return Some(d.midnight().assume_offset(UtcOffset::UTC));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_every_seen_form() {
        let t = parse_timestamp("2025-01-29T13:31:46.716-05:00").unwrap();
        assert_eq!(t.offset().whole_hours(), -5);
        assert_eq!(t.millisecond(), 716);
        assert!(parse_timestamp("2019-11-04T08:59:31.034Z").is_some());
        let long = parse_timestamp("2019-11-04T08:59:31.1234567891234-05:00").unwrap();
        assert_eq!(long.nanosecond(), 123_456_789);
        let utc = parse_timestamp("2019-11-04 08:59:31 UTC").unwrap();
        assert_eq!(utc.hour(), 8);
        let frac = parse_timestamp("2019-11-04 08:59:31.5 UTC").unwrap();
        assert_eq!(frac.millisecond(), 500);
        assert!(parse_timestamp("2019-02-25").is_some());
        assert!(parse_timestamp("yesterday").is_none());
    }

    #[test]
    fn ids_as_numbers_or_strings() {
        assert_eq!(
            to_i64(&serde_json::json!(4_294_967_297_i64)),
            Some(4_294_967_297)
        );
        assert_eq!(to_i64(&serde_json::json!("42")), Some(42));
        assert_eq!(to_i64(&serde_json::json!(7.0)), Some(7));
        assert_eq!(to_i64(&serde_json::json!("x")), None);
    }
}
