//! How Autotask's JSON values become Rust values.
//!
//! The service is consistent in shape but not always in type: empty fields come back as `null`,
//! some flags are numbers on one entity and booleans on another (`isActive` is an integer on
//! Contacts), and dates arrive with and without `Z` and with any number of fractional digits.
//! Every model field goes through [`WireValue`], which accepts those variants and fails with a
//! message (never a panic) on anything else.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::UserDefinedField;

/// A value as it travels in Autotask JSON.
pub(crate) trait WireValue: Sized {
    /// Reads a value; `Ok(None)` for `null`.
    fn from_wire(v: Value) -> Result<Option<Self>, String>;
    /// Writes a value.
    fn to_wire(&self) -> Value;
}

impl WireValue for i64 {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Ok(Some(i))
                } else if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                {
                    Ok(Some(f as i64))
                } else {
                    Err(format!("expected a whole number, got {n}"))
                }
            }
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| format!("expected a whole number, got {s:?}")),
            Value::Bool(b) => Ok(Some(i64::from(b))),
            other => Err(format!("expected a whole number, got {other}")),
        }
    }
    fn to_wire(&self) -> Value {
        Value::from(*self)
    }
}

impl WireValue for f64 {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::Number(n) => n
                .as_f64()
                .map(Some)
                .ok_or_else(|| format!("expected a number, got {n}")),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("expected a number, got {s:?}")),
            other => Err(format!("expected a number, got {other}")),
        }
    }
    fn to_wire(&self) -> Value {
        serde_json::Number::from_f64(*self).map_or(Value::Null, Value::Number)
    }
}

impl WireValue for bool {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(b)),
            Value::Number(n) => match n.as_i64() {
                Some(0) => Ok(Some(false)),
                Some(1) => Ok(Some(true)),
                _ => Err(format!("expected true/false or 0/1, got {n}")),
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "true" | "1" => Ok(Some(true)),
                "false" | "0" => Ok(Some(false)),
                _ => Err(format!("expected true/false, got {s:?}")),
            },
            other => Err(format!("expected true/false, got {other}")),
        }
    }
    fn to_wire(&self) -> Value {
        Value::Bool(*self)
    }
}

impl WireValue for String {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            other => Err(format!("expected text, got {other}")),
        }
    }
    fn to_wire(&self) -> Value {
        Value::String(self.clone())
    }
}

impl WireValue for OffsetDateTime {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => parse_datetime(&s)
                .map(Some)
                .ok_or_else(|| format!("expected an ISO-8601 date and time, got {s:?}")),
            other => Err(format!("expected an ISO-8601 date and time, got {other}")),
        }
    }
    fn to_wire(&self) -> Value {
        Value::String(format_datetime(*self))
    }
}

impl WireValue for Vec<UserDefinedField> {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            other => serde_json::from_value(other)
                .map(Some)
                .map_err(|e| format!("userDefinedFields: {e}")),
        }
    }
    fn to_wire(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `#[serde(with = "crate::models::wire::opt")]` for `Option<T: WireValue>` fields.
pub(crate) mod opt {
    use super::*;

    pub(crate) fn serialize<S: Serializer, T: WireValue>(
        v: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => t.to_wire().serialize(s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: WireValue>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        let v = Value::deserialize(d)?;
        T::from_wire(v).map_err(D::Error::custom)
    }
}

/// `#[serde(with = "crate::models::wire::int_or_zero")]` for a whole number that may be missing.
pub(crate) mod int_or_zero {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*v)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        opt::deserialize::<D, i64>(d).map(|v| v.unwrap_or(0))
    }
}

/// Parses an Autotask date and time as UTC.
///
/// Autotask stores UTC and sends it both as `2019-08-18T01:00:00.000Z` and as
/// `2024-01-31T15:04:05.307` (no zone); fractions of any length occur. A bare date is midnight
/// UTC. An explicit offset is honoured and converted to UTC.
///
/// ```
/// use psa_autotask::models::parse_datetime;
/// let a = parse_datetime("2024-01-31T15:04:05.307").unwrap();
/// let b = parse_datetime("2024-01-31T15:04:05.3070000Z").unwrap();
/// assert_eq!(a, b);
/// assert!(parse_datetime("yesterday").is_none());
/// ```
pub fn parse_datetime(text: &str) -> Option<OffsetDateTime> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(to_utc(t));
    }
    let candidate = if s.len() == 10 {
        format!("{s}T00:00:00Z")
    } else {
        // Keep at most 9 fractional digits: the parser reads nanoseconds.
        let (main, frac) = match s.split_once('.') {
            Some((m, f)) => (m, Some(f)),
            None => (s, None),
        };
        match frac {
            Some(f) if f.chars().all(|c| c.is_ascii_digit()) && !f.is_empty() => {
                let digits: String = f.chars().take(9).collect();
                format!("{main}.{digits}Z")
            }
            Some(_) => return None,
            None => format!("{main}Z"),
        }
    };
    OffsetDateTime::parse(&candidate, &Rfc3339).ok().map(to_utc)
}

/// The same instant in UTC; a time whose UTC form falls outside the supported years
/// (`9999-12-31T23:00:00-05:00`) keeps its own offset instead of panicking.
fn to_utc(t: OffsetDateTime) -> OffsetDateTime {
    t.checked_to_offset(time::UtcOffset::UTC).unwrap_or(t)
}

/// Formats a time the way Autotask accepts it: ISO-8601 in UTC with milliseconds and `Z`.
///
/// ```
/// use psa_autotask::models::format_datetime;
/// let t = time::macros::datetime!(2024-01-31 15:04:05.307_123 +01:00);
/// assert_eq!(format_datetime(t), "2024-01-31T14:04:05.307Z");
/// ```
pub fn format_datetime(t: OffsetDateTime) -> String {
    let (t, zone) = match t.checked_to_offset(time::UtcOffset::UTC) {
        Some(utc) => (utc, "Z".to_string()),
        // Outside the supported years in UTC: the same instant with its own offset.
        None => {
            let (h, m, _) = t.offset().as_hms();
            let sign = if t.offset().is_negative() { '-' } else { '+' };
            (
                t,
                format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs()),
            )
        }
    };
    format!(
        "{}{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{zone}",
        if t.year() < 0 { "-" } else { "" },
        t.year().unsigned_abs(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Removes `null` members from a JSON object (recursively): Autotask answers explicit `null`s in
/// a request body with a 500, so unset fields are omitted instead.
pub(crate) fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, val| !val.is_null());
            for val in map.values_mut() {
                strip_nulls(val);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_beyond_year_9999_in_utc_do_not_panic() {
        let t = parse_datetime("9999-12-31T23:30:00-05:00").unwrap();
        assert_eq!(t.offset(), time::macros::offset!(-5));
        assert_eq!(format_datetime(t), "9999-12-31T23:30:00.000-05:00");
        let back = parse_datetime(&format_datetime(t)).unwrap();
        assert_eq!(back, t);
        let early = parse_datetime("0000-01-01T00:30:00+01:00").unwrap();
        assert_eq!(format_datetime(early), "-0001-12-31T23:30:00.000Z");
    }

    #[test]
    fn dates_parse_with_and_without_zone_and_any_fraction() {
        let base = time::macros::datetime!(2024-01-31 15:04:05 UTC);
        for s in [
            "2024-01-31T15:04:05",
            "2024-01-31T15:04:05Z",
            "2024-01-31T15:04:05.0",
            "2024-01-31T15:04:05.000Z",
            "2024-01-31T15:04:05.0000000",
            "2024-01-31T16:04:05+01:00",
        ] {
            assert_eq!(parse_datetime(s), Some(base), "{s}");
        }
        let frac = parse_datetime("2024-01-31T15:04:05.1234567891234").unwrap();
        assert_eq!(frac.nanosecond(), 123_456_789);
        assert_eq!(
            parse_datetime("2019-08-18"),
            Some(time::macros::datetime!(2019-08-18 0:00 UTC))
        );
        for bad in ["", "2024-13-01T00:00:00", "2024-01-31T15:04:05.x", "soon"] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_and_flags_are_read_tolerantly() {
        assert_eq!(i64::from_wire(json!(5)), Ok(Some(5)));
        assert_eq!(i64::from_wire(json!("29683482")), Ok(Some(29_683_482)));
        assert_eq!(i64::from_wire(json!(3.0)), Ok(Some(3)));
        assert_eq!(i64::from_wire(Value::Null), Ok(None));
        assert!(i64::from_wire(json!(3.5)).is_err());
        assert!(i64::from_wire(json!({"a": 1})).is_err());
        assert_eq!(bool::from_wire(json!(1)), Ok(Some(true)));
        assert_eq!(bool::from_wire(json!("false")), Ok(Some(false)));
        assert!(bool::from_wire(json!(7)).is_err());
        assert_eq!(String::from_wire(json!(12)), Ok(Some("12".into())));
        assert_eq!(f64::from_wire(json!("1.5")), Ok(Some(1.5)));
    }

    #[test]
    fn nulls_are_stripped_everywhere() {
        let mut v = json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]});
        strip_nulls(&mut v);
        assert_eq!(v, json!({"b": {"d": 1}, "e": [{}]}));
    }
}
