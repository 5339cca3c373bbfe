use psa_core::VendorRecord;
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::value::RawValue;

/// A record decoded into its typed model *and* kept exactly as received (its JSON text), so the
/// connector's `vendor_record` is the vendor's JSON, not a re-serialization of the model.
#[derive(Debug, Clone)]
pub(crate) struct Raw<T> {
    pub(crate) typed: T,
    pub(crate) json: VendorRecord,
}

impl<T: DeserializeOwned> Raw<T> {
    /// Reads the typed model out of a row's JSON text and keeps the text itself.
    /// On failure the error comes back with the row (for the caller's message).
    pub(crate) fn from_row(row: Box<RawValue>) -> Result<Self, (serde_json::Error, Box<RawValue>)> {
        match serde_json::from_str(row.get()) {
            Ok(typed) => Ok(Raw {
                typed,
                json: row.into(),
            }),
            Err(e) => Err((e, row)),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Raw<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Raw::from_row(Box::<RawValue>::deserialize(d)?)
            .map_err(|(e, _)| serde::de::Error::custom(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_json_as_received() {
        let r: Raw<crate::models::Contact> =
            serde_json::from_str(r#"{"id":"5","zip":2293,"new":1}"#).unwrap();
        assert_eq!(r.typed.id, 5);
        assert_eq!(r.typed.zip.as_deref(), Some("2293"));
        assert_eq!(
            r.json,
            serde_json::json!({"id": "5", "zip": 2293, "new": 1})
        );
    }

    #[test]
    fn from_row_keeps_the_text_it_was_given() {
        let text = r#"{"id": "5",  "zip": 2293, "new": 1}"#;
        let row = RawValue::from_string(text.to_string()).unwrap();
        let r = Raw::<crate::models::Contact>::from_row(row).unwrap();
        assert_eq!(r.typed.id, 5);
        assert_eq!(r.json.as_str(), text);
        let not_a_record = RawValue::from_string("[1]".to_string()).unwrap();
        assert!(Raw::<crate::models::Contact>::from_row(not_a_record).is_err());
    }
}
