//! RFC 3339 (de)serialization of timestamps for `#[serde(with = "…")]`.

/// `Option<OffsetDateTime>` as RFC 3339: writes the time as it is (`time`'s RFC 3339 format), reads
/// every form [`parse_datetime`](super::parse_datetime) accepts
/// (converted to UTC). An unreadable date fails: use it for key fields.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct R {
///     #[serde(with = "psa_core::wire::time_serde::option", default)]
///     at: Option<time::OffsetDateTime>,
/// }
/// let r: R = serde_json::from_str(r#"{"at": "2024-01-31T16:04:05+01:00"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"at":"2024-01-31T15:04:05Z"}"#);
/// assert!(serde_json::from_str::<R>(r#"{"at": "soon"}"#).is_err());
/// ```
pub mod option {
    use serde::de::Error as _;
    use serde::{Deserializer, Serializer};
    use time::OffsetDateTime;

    use time::format_description::well_known::Rfc3339;

    use crate::wire::{FromWire, to_utc};

    /// Writes `null` or the RFC 3339 text.
    pub fn serialize<S: Serializer>(v: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => {
                let text = t.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
                s.serialize_some(&text)
            }
            None => s.serialize_none(),
        }
    }

    /// Reads `null`, blank text or a timestamp.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
        OffsetDateTime::from_wire(&v)
            .map(|t| t.map(to_utc))
            .map_err(D::Error::custom)
    }
}
