//! ConnectWise's quirks on top of [`psa_core::wire`]'s lenient-decoding policy.
//!
//! ConnectWise is not always consistent about JSON types (`"IsCloud":"True"`, a reference with
//! `"Sort":30` next to one with `"sort":50`, numbers sent as strings), and some text columns are
//! right-padded with spaces (`"updatedBy":"trigger        "`). Scalars follow the shared policy;
//! what is ConnectWise's own: short text is trimmed of its padding, a server enum falls back to
//! `Unknown`, timestamps are read and written in UTC as `yyyy-MM-ddTHH:mm:ssZ`, and an optional
//! number or flag of an unexpected shape is `None` (the mapped core record keeps the whole vendor
//! record). An optional date of an unexpected shape is kept as raw JSON in a
//! [`Field::Raw`](psa_core::wire::Field); key dates (`_info.lastUpdated`, `_info.dateEntered`,
//! a note's `dateCreated`) are strict and fail the record.

use psa_core::wire::{self as core_wire, Field, FromWire};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;
use time::OffsetDateTime;

/// Removes the right-padding ConnectWise leaves on fixed-width text columns.
pub(crate) fn trim_padding(s: &str) -> String {
    core_wire::trim_padding(s).to_string()
}

/// A short text field: trailing padding removed; numbers and booleans become text, an object or
/// array its JSON text.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    core_wire::trimmed(d)
}

/// A required short text field; `null` or absent is empty.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(core_wire::trimmed(d)?.unwrap_or_default())
}

/// A server-defined enum value with an `Unknown` fallback.
pub(crate) fn opt_enum<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    Ok(core_wire::trimmed(d)?.map(|s| T::from(s.as_str())))
}

/// A free-text field (note text, descriptions): kept exactly as sent.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    core_wire::text(d)
}

/// An optional integer under the shared policy; an unexpected shape is `None`.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(value_to_i64(&Value::deserialize(d)?))
}

/// An integer under the shared policy, `None` when empty or of an unexpected shape.
pub(crate) fn value_to_i64(v: &Value) -> Option<i64> {
    i64::from_wire(v).ok().flatten()
}

/// A required record id (strict).
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    core_wire::required(d)
}

/// An optional decimal under the shared policy; an unexpected shape is `None`.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(f64::from_wire(&Value::deserialize(d)?).ok().flatten())
}

/// An optional flag under the shared policy; an unexpected shape is `None`.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(value_to_bool(&Value::deserialize(d)?))
}

/// A flag under the shared policy, `None` when empty or of an unexpected shape.
pub(crate) fn value_to_bool(v: &Value) -> Option<bool> {
    bool::from_wire(v).ok().flatten()
}

/// An optional timestamp in UTC; unreadable text is kept raw in [`Field::Raw`], never dropped.
pub(crate) fn opt_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Field<OffsetDateTime>>, D::Error> {
    Ok(
        core_wire::opt_field::<D, OffsetDateTime>(d)?.map(|f| match f {
            Field::Value(t) => Field::Value(core_wire::to_utc(t)),
            raw => raw,
        }),
    )
}

/// A key timestamp in UTC: empty is `None`, unreadable text fails the record.
pub(crate) fn key_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    Ok(core_wire::strict::<D, OffsetDateTime>(d)?.map(core_wire::to_utc))
}

/// Parses a ConnectWise timestamp to UTC, with [`psa_core::wire::parse_datetime_utc`]: the
/// documented `yyyy-MM-ddTHH:mm:ssZ`, any RFC 3339 offset, a timestamp without an offset (UTC)
/// or a bare date. Never panics (a time whose UTC form passes year 9999 keeps its offset).
///
/// ```
/// let t = psa_connectwise::models::parse_datetime("2016-08-20T18:04:26Z").unwrap();
/// assert_eq!(t.unix_timestamp(), 1_471_716_266);
/// assert!(psa_connectwise::models::parse_datetime("2016-08-20T18:04:26").is_some());
/// assert!(psa_connectwise::models::parse_datetime("9999-12-31T23:00:00-05:00").is_some());
/// assert!(psa_connectwise::models::parse_datetime("soon").is_none());
/// ```
pub fn parse_datetime(s: &str) -> Option<OffsetDateTime> {
    core_wire::parse_datetime_utc(s)
}

/// An array that may also arrive as `null`.
pub(crate) fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    core_wire::vec_or_null(d)
}

/// Formats a timestamp the way ConnectWise expects it: `yyyy-MM-ddTHH:mm:ssZ`, in UTC
/// ([`psa_core::wire::format_datetime`] without fraction).
///
/// ```
/// let t = time::macros::datetime!(2024-05-01 09:30:00.250 +02:00);
/// assert_eq!(psa_connectwise::models::format_datetime(t), "2024-05-01T07:30:00Z");
/// ```
pub fn format_datetime(t: OffsetDateTime) -> String {
    core_wire::format_datetime(t, 0)
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
        d: Option<Field<OffsetDateTime>>,
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
        assert_eq!(
            t.d.and_then(|d| d.raw().cloned()),
            Some(Value::from("not a date"))
        );
        assert_eq!(t.v, vec![1, 2]);
    }

    #[test]
    fn dates_past_year_9999_in_utc_do_not_panic() {
        let t = parse_datetime("9999-12-31T23:00:00-05:00").unwrap();
        assert_eq!(t.offset().whole_hours(), -5);
        assert_eq!(format_datetime(t), "9999-12-31T23:00:00-05:00");
        assert_eq!(parse_datetime(&format_datetime(t)), Some(t));
        let early = parse_datetime("0000-01-01T00:00:00+01:00").unwrap();
        assert_eq!(format_datetime(early), "0000-01-01T00:00:00+01:00");
    }

    #[test]
    fn an_odd_optional_date_is_kept_raw_and_a_bad_key_date_fails() {
        use crate::models::{ServiceNote, ServiceTicket};
        let t: ServiceTicket = serde_json::from_value(serde_json::json!({
            "id": 5, "summary": "x", "closedDate": "31/12/2024", "dateResolved": {"d": 1},
            "requiredDate": "2024-02-01T00:00:00Z",
            "_info": {"lastUpdated": "2024-02-01T08:00:00Z"}
        }))
        .unwrap();
        let closed = t.closed_date.unwrap();
        assert_eq!(closed.raw(), Some(&Value::from("31/12/2024")));
        assert!(t.date_resolved.unwrap().is_raw());
        assert!(t.required_date.unwrap().value().is_some());
        for bad in [
            serde_json::json!({"id": 5, "_info": {"lastUpdated": "yesterday"}}),
            serde_json::json!({"id": 5, "_info": {"dateEntered": 12}}),
            serde_json::json!({"id": "five"}),
        ] {
            assert!(serde_json::from_value::<ServiceTicket>(bad).is_err());
        }
        let n = serde_json::from_value::<ServiceNote>(serde_json::json!({
            "id": 1, "dateCreated": "someday"
        }));
        assert!(n.is_err(), "a note's creation date is a key date");
    }

    #[test]
    fn hostile_dates_never_panic_and_only_key_dates_fail() {
        use crate::models::ServiceTicket;
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
            let t: ServiceTicket =
                serde_json::from_value(serde_json::json!({"id": 1, "closedDate": s})).unwrap();
            match (readable, t.closed_date) {
                (Some(want), Some(Field::Value(got))) => assert_eq!(got, want, "{s:?}"),
                (None, Some(Field::Raw(raw))) => assert_eq!(raw, Value::from(*s)),
                (None, None) => assert!(s.trim().is_empty(), "{s:?}"),
                (want, got) => panic!("{s:?}: {want:?} vs {got:?}"),
            }
            let keyed = serde_json::from_value::<ServiceTicket>(
                serde_json::json!({"id": 1, "_info": {"lastUpdated": s}}),
            );
            assert_eq!(
                keyed.is_ok(),
                readable.is_some() || s.trim().is_empty(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn nulls_and_missing_fields_are_none() {
        let t: T = serde_json::from_value(serde_json::json!({"s": null, "b": null})).unwrap();
        assert!(t.s.is_none() && t.b.is_none() && t.i.is_none());
    }
}
