//! Syncro's quirks on top of [`psa_core::wire`]'s lenient-decoding policy.
//!
//! The spec's examples and the live API disagree in places (numbers as strings, `null` where an
//! array is expected, `[]` for an empty hash, timestamps with local offsets or a ` UTC` suffix).
//! Scalars follow the shared policy; what is Syncro's own: timestamps keep the account's local
//! offset and are written back as RFC 3339 with it, `null` arrays and `[]` hashes are empty, and
//! an optional flag of an unexpected shape is `None`. Ids and the created / updated timestamps
//! are key fields (strict: an unexpected shape fails the record); other timestamps of an
//! unexpected shape are kept raw in a [`Field::Raw`], so one odd record never fails a page.

use psa_core::wire::{self as core_wire, Field, FromWire};
use serde::de::Deserializer;
use serde::{Deserialize, Serializer};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// `Option<i64>` for ids: the shared whole-number policy, strict.
pub(crate) mod opt_i64 {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        core_wire::strict(d)
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_i64(*n),
            None => s.serialize_none(),
        }
    }
}

/// A required `i64` id that may arrive as a numeric string (strict).
pub(crate) mod i64_lenient {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        core_wire::required(d)
    }

    pub(crate) fn serialize<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*v)
    }
}

/// A whole number under the shared policy, `None` when empty or of an unexpected shape.
pub(crate) fn to_i64(v: &Value) -> Option<i64> {
    i64::from_wire(v).ok().flatten()
}

/// `Option<String>` from a string, a number or a boolean (zip codes and phone numbers arrive as
/// numbers in some records); an object or array is kept as its JSON text.
pub(crate) mod opt_text {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        core_wire::text(d)
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

/// `Option<bool>` under the shared flag policy; an unexpected shape is `None`.
pub(crate) mod opt_bool {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        Ok(bool::from_wire(&Value::deserialize(d)?).ok().flatten())
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_bool(*b),
            None => s.serialize_none(),
        }
    }
}

fn write_timestamp<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    let text = t
        .format(&Rfc3339)
        .unwrap_or_else(|_| core_wire::format_datetime(*t, 9));
    s.serialize_str(&text)
}

/// A key timestamp as Syncro sends it, keeping the account's local offset: every form
/// [`psa_core::wire::parse_datetime`] reads, `""` and `null`; anything else fails the record.
/// Serializes as RFC 3339 with the original offset.
pub(crate) mod opt_timestamp {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        core_wire::strict(d)
    }

    pub(crate) fn serialize<S: Serializer>(
        v: &Option<OffsetDateTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => write_timestamp(t, s),
            None => s.serialize_none(),
        }
    }
}

/// An optional timestamp (local offset kept); one of an unexpected shape is kept raw in
/// [`Field::Raw`] and written back exactly as received.
pub(crate) mod opt_timestamp_field {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Field<OffsetDateTime>>, D::Error> {
        core_wire::opt_field(d)
    }

    pub(crate) fn serialize<S: Serializer>(
        v: &Option<Field<OffsetDateTime>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(Field::Value(t)) => write_timestamp(t, s),
            Some(Field::Raw(raw)) => serde::Serialize::serialize(raw, s),
            Some(_) | None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_wire::parse_datetime as parse_timestamp;

    #[test]
    fn an_odd_optional_timestamp_is_kept_raw_and_a_bad_key_timestamp_fails() {
        use crate::models::Ticket;
        let t: Ticket = serde_json::from_value(serde_json::json!({
            "id": 7, "subject": "x", "created_at": "2025-01-29T13:31:46.716-05:00",
            "due_date": "next friday", "resolved_at": "9999-12-31T23:00:00-05:00"
        }))
        .unwrap();
        assert_eq!(
            t.due_date.as_ref().and_then(Field::raw),
            Some(&Value::from("next friday"))
        );
        assert!(t.resolved_at.as_ref().and_then(Field::value).is_some());
        let back = serde_json::to_value(&t).unwrap();
        assert_eq!(
            back["due_date"], "next friday",
            "written back exactly as received"
        );
        assert_eq!(back["created_at"], "2025-01-29T13:31:46.716-05:00");
        for bad in [
            serde_json::json!({"id": 7, "created_at": "yesterday"}),
            serde_json::json!({"id": 7, "updated_at": 5}),
            serde_json::json!({"id": "seven"}),
        ] {
            assert!(serde_json::from_value::<Ticket>(bad).is_err());
        }
    }

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
