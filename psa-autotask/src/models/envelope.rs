//! The envelopes Autotask wraps records in, decoded strictly: a 200 whose body is not the
//! documented shape is [`ErrorKind::Decode`], never an empty page or a missing record.
//!
//! - a single read (`GET /{Entity}/{id}`) answers `{"item": {…}}`, or `{"item": null}` when the
//!   record does not exist or the API user may not see it;
//! - a query page answers `{"items": [{…}, …], "pageDetails": {"nextPageUrl": …}}`.

use psa_core::{Error, ErrorKind, Result, Vendor};
use serde_json::{Map, Value};

fn decode_error(message: String) -> Error {
    Error::new(ErrorKind::Decode, message)
        .with_vendor(Vendor::Autotask)
        .with_sent(true)
}

fn shape(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The record of a single read: `Ok(None)` for `{"item": null}`, `Decode` for any other shape
/// than an object with an `item` object (an `items` array of at most one record is accepted too).
pub(crate) fn single_item(body: Value, what: &str) -> Result<Option<Map<String, Value>>> {
    let Value::Object(mut envelope) = body else {
        return Err(decode_error(format!(
            "{what}: expected {{\"item\": …}}, the answer is {}",
            shape(&body)
        )));
    };
    let item = match (envelope.remove("item"), envelope.remove("items")) {
        (Some(item), _) => item,
        (None, Some(Value::Array(mut items))) if items.len() <= 1 => {
            items.pop().unwrap_or(Value::Null)
        }
        (None, Some(other)) => {
            return Err(decode_error(format!(
                "{what}: expected one record in \"items\", got {}",
                match &other {
                    Value::Array(a) => format!("{} records", a.len()),
                    v => shape(v).to_string(),
                }
            )));
        }
        (None, None) => {
            return Err(decode_error(format!("{what}: the answer has no \"item\"")));
        }
    };
    match item {
        Value::Null => Ok(None),
        Value::Object(record) => Ok(Some(record)),
        other => Err(decode_error(format!(
            "{what}: \"item\" is {}, expected a record",
            shape(&other)
        ))),
    }
}

/// One query page: its records (each an object) and the `nextPageUrl`, if any. A page without an
/// `items` array is `Decode`.
pub(crate) fn query_page(body: Value, what: &str) -> Result<(Vec<Value>, Option<String>)> {
    let Value::Object(mut envelope) = body else {
        return Err(decode_error(format!(
            "{what} query: expected {{\"items\": […]}}, the answer is {}",
            shape(&body)
        )));
    };
    let items = match envelope.remove("items") {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(decode_error(format!(
                "{what} query: \"items\" is {}, expected an array",
                shape(&other)
            )));
        }
        None => {
            return Err(decode_error(format!(
                "{what} query: the answer has no \"items\""
            )));
        }
    };
    if let Some((i, bad)) = items.iter().enumerate().find(|(_, v)| !v.is_object()) {
        return Err(decode_error(format!(
            "{what} query: record {i} is {}, expected an object",
            shape(bad)
        )));
    }
    let next = match envelope.remove("pageDetails") {
        None | Some(Value::Null) => None,
        Some(Value::Object(mut details)) => match details.remove("nextPageUrl") {
            None | Some(Value::Null) => None,
            Some(Value::String(url)) => Some(url).filter(|u| !u.trim().is_empty()),
            Some(other) => {
                return Err(decode_error(format!(
                    "{what} query: \"nextPageUrl\" is {}, expected text",
                    shape(&other)
                )));
            }
        },
        Some(other) => {
            return Err(decode_error(format!(
                "{what} query: \"pageDetails\" is {}, expected an object",
                shape(&other)
            )));
        }
    };
    Ok((items, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_single_read_is_an_item_object_or_null() {
        let rec = single_item(json!({"item": {"id": 1}}), "Tickets 1").unwrap();
        assert_eq!(rec.unwrap()["id"], 1);
        assert!(
            single_item(json!({"item": null}), "Tickets 1")
                .unwrap()
                .is_none()
        );
        assert!(
            single_item(json!({"items": []}), "Tickets 1")
                .unwrap()
                .is_none()
        );
        assert!(
            single_item(json!({"items": [{"id": 2}]}), "T")
                .unwrap()
                .is_some()
        );
        for bad in [
            Value::Null,
            json!([1, 2, 3]),
            json!(7),
            json!("ok"),
            json!({}),
            json!({"item": 5}),
            json!({"item": [{"id": 1}]}),
            json!({"items": [{"id": 1}, {"id": 2}]}),
            json!({"items": {"id": 1}}),
        ] {
            let err = single_item(bad.clone(), "Tickets 1").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decode, "{bad}");
            assert!(err.message().starts_with("Tickets 1: "), "{err}");
        }
    }

    #[test]
    fn a_query_page_needs_an_items_array_of_objects() {
        let (items, next) = query_page(
            json!({"items": [{"id": 1}], "pageDetails": {"count": 1, "nextPageUrl": "https://x/next"}}),
            "Tickets",
        )
        .unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(next.as_deref(), Some("https://x/next"));
        let (items, next) = query_page(
            json!({"items": [], "pageDetails": {"nextPageUrl": null}}),
            "T",
        )
        .unwrap();
        assert!(items.is_empty() && next.is_none());
        for bad in [
            json!({}),
            json!({"pageDetails": {"count": 0}}),
            json!({"items": null}),
            json!({"items": {"id": 1}}),
            json!({"items": [1, 2, 3]}),
            json!({"items": [], "pageDetails": []}),
            json!({"items": [], "pageDetails": {"nextPageUrl": 5}}),
            json!([1, 2, 3]),
            json!(42),
            Value::Null,
        ] {
            let err = query_page(bad.clone(), "Tickets").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decode, "{bad}");
        }
    }
}
