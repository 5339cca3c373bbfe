//! [`VendorRecord`]: the vendor's record, kept as the JSON text it arrived as.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

/// The vendor's record exactly as received: the row's JSON text, never re-serialized.
///
/// A list page is read once: the typed fields of each row are decoded straight from its text and
/// the text itself is kept here, so keeping the record costs one copy of its bytes and no
/// `serde_json::Value` tree. Read it with [`as_str`](Self::as_str) (the text),
/// [`to_value`](Self::to_value) (a `Value`, built on demand) or [`parse`](Self::parse) (any
/// type of yours).
///
/// It serializes as the JSON it holds (not as a string), so a model written with serde and read
/// back keeps its record. [`Default`] is JSON `null`.
///
/// **Equality** is JSON equality: two records are equal when they hold the same JSON value,
/// whatever their whitespace or key order (`{"a": 1}` equals `{"a":1}`); a record also compares
/// with a `serde_json::Value`. Equal texts compare without parsing.
///
/// ```
/// use psa_core::VendorRecord;
/// use serde_json::json;
///
/// let r: VendorRecord = json!({"id": 7, "title": "Printer"}).into();
/// assert_eq!(r.as_str(), r#"{"id":7,"title":"Printer"}"#);
/// assert_eq!(r.to_value()?["title"], "Printer");
/// assert_eq!(r, json!({"title": "Printer", "id": 7}));
/// assert!(VendorRecord::default().is_null());
///
/// let text = VendorRecord::from_json(r#"{ "id": 7 }"#.to_string())?;
/// assert_eq!(text.as_str(), r#"{ "id": 7 }"#, "kept exactly as given");
/// # Ok::<(), psa_core::Error>(())
/// ```
#[derive(Clone)]
pub struct VendorRecord(Box<RawValue>);

impl VendorRecord {
    /// A record from JSON text (kept exactly as given); [`ErrorKind::Decode`](crate::ErrorKind::Decode)
    /// when the text is not one JSON value.
    pub fn from_json(text: String) -> crate::Result<Self> {
        Ok(VendorRecord(RawValue::from_string(text)?))
    }

    /// The record's JSON text, exactly as received.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The record as a `serde_json::Value` (parsed on each call).
    pub fn to_value(&self) -> crate::Result<Value> {
        self.parse()
    }

    /// The record read into any deserializable type (parsed on each call).
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct Mine { id: i64 }
    /// let r: psa_core::VendorRecord = serde_json::json!({"id": 3, "x": [1]}).into();
    /// assert_eq!(r.parse::<Mine>()?.id, 3);
    /// # Ok::<(), psa_core::Error>(())
    /// ```
    pub fn parse<T: DeserializeOwned>(&self) -> crate::Result<T> {
        Ok(serde_json::from_str(self.0.get())?)
    }

    /// Whether the record is JSON `null` (no record kept).
    pub fn is_null(&self) -> bool {
        self.0.get().trim() == "null"
    }

    /// The raw JSON value.
    pub fn as_raw(&self) -> &RawValue {
        &self.0
    }

    /// The raw JSON value, owned.
    pub fn into_raw(self) -> Box<RawValue> {
        self.0
    }
}

impl Default for VendorRecord {
    fn default() -> Self {
        VendorRecord(RawValue::NULL.to_owned())
    }
}

impl From<Box<RawValue>> for VendorRecord {
    fn from(raw: Box<RawValue>) -> Self {
        VendorRecord(raw)
    }
}

impl From<Value> for VendorRecord {
    fn from(v: Value) -> Self {
        VendorRecord::from(&v)
    }
}

impl From<&Value> for VendorRecord {
    fn from(v: &Value) -> Self {
        // Writing a `Value` cannot fail (its keys are text); `null` is only a formal fallback.
        serde_json::value::to_raw_value(v)
            .map(VendorRecord)
            .unwrap_or_default()
    }
}

impl fmt::Debug for VendorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VendorRecord").field(&self.as_str()).finish()
    }
}

impl fmt::Display for VendorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for VendorRecord {
    fn eq(&self, other: &Self) -> bool {
        if self.as_str() == other.as_str() {
            return true;
        }
        match (self.to_value(), other.to_value()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl PartialEq<Value> for VendorRecord {
    fn eq(&self, other: &Value) -> bool {
        self.to_value().is_ok_and(|v| v == *other)
    }
}

impl PartialEq<VendorRecord> for Value {
    fn eq(&self, other: &VendorRecord) -> bool {
        other == self
    }
}

impl Serialize for VendorRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for VendorRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(d).map(VendorRecord)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_the_text_and_reads_it_back() {
        let r = VendorRecord::from_json("{\"id\": 1,\n \"x\": [true]}".to_string()).unwrap();
        assert_eq!(r.as_str(), "{\"id\": 1,\n \"x\": [true]}");
        assert_eq!(r.to_value().unwrap(), json!({"id": 1, "x": [true]}));
        assert!(!r.is_null());
        assert!(VendorRecord::from_json("{\"id\": ".to_string()).is_err());
        assert!(VendorRecord::from_json("1 2".to_string()).is_err());
    }

    #[test]
    fn equality_is_json_equality() {
        let a = VendorRecord::from_json(r#"{"a": 1, "b": "x"}"#.to_string()).unwrap();
        let b: VendorRecord = json!({"b": "x", "a": 1}).into();
        assert_eq!(a, b);
        assert_eq!(a, json!({"a": 1, "b": "x"}));
        assert_ne!(a, VendorRecord::from(json!({"a": 2, "b": "x"})));
        assert_ne!(a, VendorRecord::default());
    }

    #[test]
    fn serializes_as_the_json_it_holds_and_round_trips_in_a_model() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct M {
            id: i64,
            vendor_record: VendorRecord,
        }
        let m = M {
            id: 1,
            vendor_record: json!({"id": 1, "deep": {"k": [1, 2]}}).into(),
        };
        let text = serde_json::to_string(&m).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["vendor_record"]["deep"]["k"][1], 2, "{text}");
        let back: M = serde_json::from_str(&text).unwrap();
        assert_eq!(back, m);
        let from_value: M = serde_json::from_value(serde_json::to_value(&m).unwrap()).unwrap();
        assert_eq!(from_value, m);
        let null: M = serde_json::from_str(r#"{"id":2,"vendor_record":null}"#).unwrap();
        assert!(null.vendor_record.is_null());
    }

    #[test]
    fn default_is_null() {
        let r = VendorRecord::default();
        assert!(r.is_null());
        assert_eq!(r.as_str(), "null");
        assert_eq!(r.to_value().unwrap(), Value::Null);
        assert_eq!(VendorRecord::from(Value::Null), r);
    }
}
