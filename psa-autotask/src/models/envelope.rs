//! The envelopes Autotask wraps records in, decoded strictly: a 200 whose body is not the
//! documented shape is [`ErrorKind::Decode`], never an empty page or a missing record.
//!
//! - a single read (`GET /{Entity}/{id}`) answers `{"item": {…}}`, or `{"item": null}` when the
//!   record does not exist or the API user may not see it;
//! - a query page answers `{"items": [{…}, …], "pageDetails": {"nextPageUrl": …}}`.

use psa_core::transport::Response;
use psa_core::{Error, ErrorKind, Result, Vendor};
use serde::Deserialize;
use serde_json::value::RawValue;
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

/// A query page read with its rows left as JSON text.
#[derive(Deserialize)]
struct RawQueryPage {
    items: Vec<Box<RawValue>>,
    #[serde(rename = "pageDetails", default)]
    page_details: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
struct RawPageDetails {
    #[serde(rename = "nextPageUrl", default)]
    next_page_url: Option<String>,
}

/// [`query_page`] straight from the response body, with each record kept as its JSON text (no
/// `Value` tree is built for the rows). Exactly as strict: a body that is not the documented
/// shape is decoded again as a `Value` only to report the same error [`query_page`] reports.
pub(crate) fn query_page_raw(
    resp: &Response,
    what: &str,
) -> Result<(Vec<Box<RawValue>>, Option<String>)> {
    if let Some(page) = documented_page(resp.body()) {
        return Ok(page);
    }
    let (items, next) = query_page(resp.json::<Value>()?, what)?;
    let items = items
        .iter()
        .map(serde_json::value::to_raw_value)
        .collect::<serde_json::Result<Vec<_>>>()?;
    Ok((items, next))
}

/// The rows and next-page URL of a body of the documented shape; `None` for anything else.
fn documented_page(body: &[u8]) -> Option<(Vec<Box<RawValue>>, Option<String>)> {
    // serde reads a struct from an array too: the envelope and `pageDetails` must be objects.
    let is_object = |text: &[u8]| text.trim_ascii_start().first() == Some(&b'{');
    if !is_object(body) {
        return None;
    }
    let page = serde_json::from_slice::<RawQueryPage>(body).ok()?;
    if !page.items.iter().all(|r| is_object(r.get().as_bytes())) {
        return None;
    }
    let details = match &page.page_details {
        None => None,
        Some(d) if is_object(d.get().as_bytes()) => {
            Some(serde_json::from_str::<RawPageDetails>(d.get()).ok()?)
        }
        Some(_) => return None,
    };
    let next = details
        .and_then(|d| d.next_page_url)
        .filter(|u| !u.trim().is_empty());
    Some((page.items, next))
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
            json!([[{"id": 1}]]),
            json!({"items": [[{"id": 1}]]}),
            json!({"items": [], "pageDetails": [{"nextPageUrl": "https://x/next"}]}),
            json!(42),
            Value::Null,
        ] {
            let err = query_page(bad.clone(), "Tickets").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decode, "{bad}");
            assert!(
                documented_page(bad.to_string().as_bytes()).is_none(),
                "{bad} must take the strict path"
            );
        }
    }

    #[test]
    fn a_documented_page_keeps_each_row_as_its_text() {
        let body = br#"{"items": [ {"id": 1, "title": "a\"b"} ,{"id":2}],
            "pageDetails": {"count": 2, "nextPageUrl": "https://x/next", "prevPageUrl": null}}"#;
        let (rows, next) = documented_page(body).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get(), r#"{"id": 1, "title": "a\"b"}"#);
        assert_eq!(rows[1].get(), r#"{"id":2}"#);
        assert_eq!(next.as_deref(), Some("https://x/next"));
        let (rows, next) =
            documented_page(br#"{"items": [], "pageDetails": {"nextPageUrl": " "}}"#).unwrap();
        assert!(rows.is_empty() && next.is_none());
        assert!(documented_page(br#"{"items": []}"#).unwrap().1.is_none());
    }
}
