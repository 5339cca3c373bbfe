//! Canned responses the three simulators build theirs on: JSON with the charset every vendor
//! sends, plain bodies, and the boxed refusal a handler preamble returns instead of running.

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde_json::Value;

/// A refusal to answer instead of the handler's response (boxed: responses are large and
/// refusals rare).
pub(crate) type Refusal = Box<Response>;

const JSON: &str = "application/json; charset=utf-8";

/// A body with a status and a content type.
pub(crate) fn body(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// A JSON response (`application/json; charset=utf-8`).
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let bytes = serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec());
    body(status, JSON, bytes)
}

/// 200 with JSON already encoded.
pub(crate) fn raw_json(bytes: Vec<u8>) -> Response {
    body(StatusCode::OK, JSON, bytes)
}

/// 200 with a JSON body.
pub(crate) fn ok(value: &Value) -> Response {
    json(StatusCode::OK, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_status_and_charset() {
        let r = json(StatusCode::CREATED, &serde_json::json!({"a": 1}));
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(r.headers()[header::CONTENT_TYPE], JSON);
        assert_eq!(ok(&Value::Null).status(), StatusCode::OK);
    }
}
