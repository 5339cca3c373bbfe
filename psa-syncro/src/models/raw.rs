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
}
