//! Request parameters read the loose way Rails reads them: query pairs (last one wins, `x[]`
//! for arrays), JSON or form bodies, numbers that may arrive as strings.

use bytes::Bytes;
use http::{HeaderMap, header};
use serde_json::{Map, Value};

use super::responses::{self, Refusal};

/// The query string as pairs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        Query { pairs }
    }

    /// The value of `name` (the last one, as Rails keeps it), if present.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A non-empty value of `name`.
    pub(crate) fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Every value of `name[]` (and of a bare repeated `name`).
    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        let array = format!("{name}[]");
        self.pairs
            .iter()
            .filter(|(k, _)| *k == array || k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// `page`, 1-based. Missing, junk or < 1 reads as 1.
    pub(crate) fn page(&self) -> usize {
        self.get("page")
            .and_then(|p| p.trim().parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }

    /// A boolean flag (`true`/`1`).
    pub(crate) fn flag(&self, name: &str) -> Option<bool> {
        self.get(name).map(|v| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "1" | "yes" | "t"
            )
        })
    }
}

/// Reads a request body into Rails params: a JSON object, form pairs, or nothing.
///
/// A JSON body that is not an object (an array, a string) carries no named params, as in Rails
/// (it lands under `_json`), so the handler's own validation answers. A body that does not parse
/// is a 400.
pub(crate) fn body(headers: &HeaderMap, bytes: &Bytes) -> Result<Map<String, Value>, Refusal> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let mut m = Map::new();
        for (k, v) in url::form_urlencoded::parse(bytes) {
            m.insert(k.into_owned(), Value::String(v.into_owned()));
        }
        return Ok(m);
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Ok(Map::new()),
        Err(_) => Err(Box::new(responses::bad_request())),
    }
}

/// An integer param: a JSON number or a numeric string.
pub(crate) fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A boolean param: `true`/`false`, `"true"`/`"1"`, `1`/`0`.
pub(crate) fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => Some(n.as_i64() != Some(0)),
        Value::String(s) => Some(matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "true" | "1" | "t" | "yes"
        )),
        _ => None,
    }
}

/// A string param; numbers are written out as Rails would cast them.
pub(crate) fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a param was sent at all (even as `null`): partial updates touch only sent keys.
pub(crate) fn sent(m: &Map<String, Value>, key: &str) -> bool {
    m.contains_key(key)
}

/// A list param: a JSON array, or a comma-separated string.
pub(crate) fn list(v: Option<&Value>) -> Option<Vec<String>> {
    match v? {
        Value::Array(items) => Some(items.iter().filter_map(|i| string(Some(i))).collect()),
        Value::String(s) => Some(
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        ),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// Nested attributes (`comments_attributes`): an array of objects, or Rails' `{"0": {…}}` hash.
pub(crate) fn nested(v: Option<&Value>) -> Vec<Map<String, Value>> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_object().cloned())
            .collect(),
        Some(Value::Object(m)) => m.values().filter_map(|i| i.as_object().cloned()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_reads_like_rails() {
        let q = Query::parse(Some("page=2&status=Not%20Closed&id[]=1&id[]=2&page=3&x="));
        assert_eq!(q.get("status"), Some("Not Closed"));
        assert_eq!(q.page(), 3);
        assert_eq!(q.all("id"), vec!["1", "2"]);
        assert_eq!(q.non_empty("x"), None);
        assert_eq!(Query::parse(Some("page=zero")).page(), 1);
        assert_eq!(Query::parse(Some("page=0")).page(), 1);
        assert_eq!(Query::parse(None).page(), 1);
    }

    #[test]
    fn bodies_are_json_objects_forms_or_400() {
        let h = HeaderMap::new();
        assert_eq!(
            body(&h, &Bytes::from_static(br#"{"a":1}"#)).unwrap()["a"],
            1
        );
        assert!(body(&h, &Bytes::from_static(b"[1,2]")).unwrap().is_empty());
        assert!(body(&h, &Bytes::from_static(b"  ")).unwrap().is_empty());
        assert_eq!(
            body(&h, &Bytes::from_static(b"{nope"))
                .unwrap_err()
                .status(),
            400
        );
        let mut form = HeaderMap::new();
        form.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        assert_eq!(
            body(&form, &Bytes::from_static(b"subject=Hi+there")).unwrap()["subject"],
            "Hi there"
        );
    }

    #[test]
    fn loose_scalars() {
        assert_eq!(int(Some(&json!("42"))), Some(42));
        assert_eq!(int(Some(&json!(42.0))), Some(42));
        assert_eq!(int(Some(&json!("x"))), None);
        assert_eq!(boolean(Some(&json!("1"))), Some(true));
        assert_eq!(boolean(Some(&json!(0))), Some(false));
        assert_eq!(
            list(Some(&json!("a, b"))),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(nested(Some(&json!({"0": {"body": "x"}}))).len(), 1);
    }
}
