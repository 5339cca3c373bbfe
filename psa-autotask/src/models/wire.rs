//! How Autotask's JSON values become Rust values: [`psa_core::wire`]'s policy, plus Autotask's
//! own quirks.
//!
//! Scalars (numbers, flags, text, dates) follow the shared policy. What is Autotask's own:
//! dates without a zone are UTC and are written back in UTC with milliseconds; `null`s are left
//! out of request bodies ([`strip_nulls`]); and the entity macro decodes each record with the
//! shared strict/lenient split ([`take`]): key fields (`id`, `title`, `status`, `companyID`,
//! `ticketID`, and the created / last-activity dates) fail the record with
//! [`ErrorKind::Decode`](psa_core::ErrorKind::Decode) when their shape is wrong; any other field
//! with an unexpected shape (`userDefinedFields: {}`) is kept, exactly as sent, in the record's
//! `extra` map instead of failing the whole query page.

use psa_core::wire as core_wire;
use serde::{Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::UserDefinedField;

/// The wire names of key fields: an unexpected shape there fails the record.
pub(crate) const KEY_FIELDS: &[&str] = &[
    "id",
    "title",
    "status",
    "companyID",
    "ticketID",
    "createDate",
    "createDateTime",
    "lastActivityDate",
];

/// A value as it travels in Autotask JSON.
pub(crate) trait WireValue: Sized {
    /// Reads a value; `Ok(None)` for an empty one.
    fn from_wire(v: Value) -> Result<Option<Self>, String>;
    /// Reads a value without taking it (scalars do not copy the JSON).
    fn from_wire_ref(v: &Value) -> Result<Option<Self>, String> {
        Self::from_wire(v.clone())
    }
    /// Writes a value.
    fn to_wire(&self) -> Value;
}

macro_rules! shared_policy {
    ($($t:ty),*) => {$(
        impl WireValue for $t {
            fn from_wire(v: Value) -> Result<Option<Self>, String> {
                Self::from_wire_ref(&v)
            }
            fn from_wire_ref(v: &Value) -> Result<Option<Self>, String> {
                <$t as psa_core::wire::FromWire>::from_wire(v).map_err(|e| e.to_string())
            }
            fn to_wire(&self) -> Value {
                Value::from(self.clone())
            }
        }
    )*};
}

shared_policy!(i64, bool, String);

impl WireValue for f64 {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        Self::from_wire_ref(&v)
    }
    fn from_wire_ref(v: &Value) -> Result<Option<Self>, String> {
        <f64 as psa_core::wire::FromWire>::from_wire(v).map_err(|e| e.to_string())
    }
    fn to_wire(&self) -> Value {
        serde_json::Number::from_f64(*self).map_or(Value::Null, Value::Number)
    }
}

impl WireValue for OffsetDateTime {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        Self::from_wire_ref(&v)
    }
    fn from_wire_ref(v: &Value) -> Result<Option<Self>, String> {
        <OffsetDateTime as psa_core::wire::FromWire>::from_wire(v)
            .map(|t| t.map(core_wire::to_utc))
            .map_err(|e| e.to_string())
    }
    fn to_wire(&self) -> Value {
        Value::String(format_datetime(*self))
    }
}

impl WireValue for Vec<UserDefinedField> {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        Self::from_wire_ref(&v)
    }
    fn from_wire_ref(v: &Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::Array(_) => <Self as serde::Deserialize>::deserialize(v)
                .map(Some)
                .map_err(|e| format!("userDefinedFields: {e}")),
            other => Err(
                core_wire::Unexpected::new("an array of user-defined fields", other).to_string(),
            ),
        }
    }
    fn to_wire(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Takes one field out of a record's JSON object under the shared policy: strict for
/// [`KEY_FIELDS`], otherwise an unexpected shape stays in `map` (the record's `extra`).
pub(crate) fn take<T: WireValue>(
    map: &mut Map<String, Value>,
    key: &str,
) -> Result<Option<T>, String> {
    let Some(v) = map.remove(key) else {
        return Ok(None);
    };
    if KEY_FIELDS.contains(&key) {
        return T::from_wire(v).map_err(|e| format!("{key}: {e}"));
    }
    match T::from_wire_ref(&v) {
        Ok(t) => Ok(t),
        Err(_) => {
            map.insert(key.to_string(), v);
            Ok(None)
        }
    }
}

/// A record's JSON object, or a `Decode`-worthy message naming what came instead.
pub(crate) fn record_object<'de, D: Deserializer<'de>>(
    d: D,
    entity: &str,
) -> Result<Map<String, Value>, D::Error> {
    match <Value as serde::Deserialize>::deserialize(d)? {
        Value::Object(m) => Ok(m),
        other => Err(serde::de::Error::custom(format!(
            "{entity}: {}",
            core_wire::Unexpected::new("a record object", &other)
        ))),
    }
}

/// `#[serde(with = "crate::models::wire::opt")]` for `Option<T: WireValue>` fields (strict).
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
        let v = <Value as serde::Deserialize>::deserialize(d)?;
        T::from_wire(v).map_err(serde::de::Error::custom)
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

/// Parses an Autotask date and time as UTC, with [`psa_core::wire::parse_datetime_utc`].
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
    core_wire::parse_datetime_utc(text)
}

/// Formats a time the way Autotask accepts it: ISO-8601 in UTC with milliseconds and `Z`
/// ([`psa_core::wire::format_datetime`] with 3 digits).
///
/// ```
/// use psa_autotask::models::format_datetime;
/// let t = time::macros::datetime!(2024-01-31 15:04:05.307_123 +01:00);
/// assert_eq!(format_datetime(t), "2024-01-31T14:04:05.307Z");
/// ```
pub fn format_datetime(t: OffsetDateTime) -> String {
    core_wire::format_datetime(t, 3)
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
        assert_eq!(format_datetime(early), "0000-01-01T00:30:00.000+01:00");
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
    fn an_odd_optional_field_is_kept_raw_and_a_bad_key_field_fails() {
        use crate::models::Ticket;
        let mut t: Ticket = serde_json::from_value(json!({
            "id": "128926", "title": "Printer", "status": 1,
            "userDefinedFields": {}, "estimatedHours": [1], "dueDateTime": "next week",
            "createDate": "2024-01-31T15:04:05.307"
        }))
        .unwrap();
        assert_eq!(t.id, Some(128_926));
        assert!(t.user_defined_fields.is_none() && t.estimated_hours.is_none());
        assert_eq!(t.extra["userDefinedFields"], json!({}));
        assert_eq!(t.extra["estimatedHours"], json!([1]));
        assert_eq!(t.extra["dueDateTime"], "next week");
        assert!(t.create_date.is_some());
        t.set_udf("Rank", "Gold");
        let body = serde_json::to_string(&t).unwrap();
        assert_eq!(body.matches("userDefinedFields").count(), 1, "{body}");

        for (key, bad) in [
            ("id", json!({"x": 1})),
            ("title", json!([])),
            ("status", json!("open")),
            ("companyID", json!(1.5)),
            ("createDate", json!("yesterday")),
            ("lastActivityDate", json!(20240131)),
        ] {
            let mut rec = json!({"id": 1, "title": "t"});
            rec[key] = bad;
            let err = serde_json::from_value::<Ticket>(rec)
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!("Ticket: {key}: expected")),
                "{err}"
            );
        }
        assert!(serde_json::from_value::<Ticket>(json!([1, 2, 3])).is_err());
        assert!(serde_json::from_value::<Ticket>(json!(5)).is_err());
    }

    #[test]
    fn hostile_dates_never_panic_and_only_key_dates_fail() {
        use crate::models::Ticket;
        use psa_core::testkit::HOSTILE_DATES;
        for s in HOSTILE_DATES {
            let readable = parse_datetime(s);
            if let Some(t) = readable {
                assert_eq!(
                    parse_datetime(&format_datetime(t)).map(|b| b.unix_timestamp()),
                    Some(t.unix_timestamp()),
                    "{s:?}"
                );
            }
            let t: Ticket = serde_json::from_value(json!({"id": 1, "dueDateTime": s})).unwrap();
            assert_eq!(t.due_date_time, readable, "{s:?}");
            assert_eq!(
                t.extra.contains_key("dueDateTime"),
                readable.is_none() && !s.trim().is_empty(),
                "{s:?}"
            );
            let keyed = serde_json::from_value::<Ticket>(json!({"id": 1, "createDate": s}));
            assert_eq!(
                keyed.is_ok(),
                readable.is_some() || s.trim().is_empty(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn nulls_are_stripped_everywhere() {
        let mut v = json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]});
        strip_nulls(&mut v);
        assert_eq!(v, json!({"b": {"d": 1}, "e": [{}]}));
    }
}
