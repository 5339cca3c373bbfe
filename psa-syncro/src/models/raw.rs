use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;

/// A record decoded into its typed model *and* kept exactly as received, so the connector's
/// `vendor_record` is the vendor's JSON, not a re-serialization of the model.
#[derive(Debug, Clone)]
pub(crate) struct Raw<T> {
    pub(crate) typed: T,
    pub(crate) json: Value,
}

impl<T: DeserializeOwned> Raw<T> {
    /// Reads the typed model out of `json` by reference and keeps `json` itself.
    pub(crate) fn from_value(json: Value) -> serde_json::Result<Self> {
        let typed = T::deserialize(&json)?;
        Ok(Raw { typed, json })
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Raw<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = Value::deserialize(d)?;
        let typed = T::deserialize(&json).map_err(serde::de::Error::custom)?;
        Ok(Raw { typed, json })
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
    fn from_value_keeps_the_value_it_was_given() {
        let v = serde_json::json!({"id": "5", "zip": 2293, "new": 1});
        let r = Raw::<crate::models::Contact>::from_value(v.clone()).unwrap();
        assert_eq!(r.typed.id, 5);
        assert_eq!(r.json, v);
        assert!(Raw::<crate::models::Contact>::from_value(serde_json::json!([1])).is_err());
    }
}
