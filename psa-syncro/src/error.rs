//! Syncro's error bodies, turned into one [`psa_core::Error`] with the vendor's own words.
//!
//! Syncro answers errors in many shapes: `{"error": "…"}`,
//! `{"errors": …}` and `{"message": …}` where each may be a string, an array or an object,
//! `{"record": {…}, "errors": "a,b"}`, bare Rails maps `{"field": ["can't be blank"]}`, and plain
//! text (`Retry later`, `Disabled`). A 401 is ambiguous: the permission text
//! "Not authorized. Please ask account admin to update your group permissions." means the token
//! lacks a right ([`ErrorKind::PermissionDenied`]); any other 401 means the token is wrong or
//! expired ([`ErrorKind::Unauthenticated`]).

use std::time::Duration;

use http::{HeaderMap, StatusCode};
use psa_core::error::truncate_body;
use psa_core::transport::{ErrorClassifier, kind_for_status, vendor_message};
use psa_core::{Error, ErrorKind};
use serde_json::Value;

/// The text of Syncro's missing-permission 401 (from the spec's `/contacts` examples).
pub const PERMISSION_TEXT: &str =
    "Not authorized. Please ask account admin to update your group permissions.";

/// Classifies Syncro error responses.
///
/// ```
/// use psa_core::transport::ErrorClassifier;
/// use psa_core::ErrorKind;
/// use psa_syncro::SyncroErrorClassifier;
/// let c = SyncroErrorClassifier::default();
/// let e = c.classify(http::StatusCode::UNAUTHORIZED, &http::HeaderMap::new(),
///     br#"{"error":"Not authorized. Please ask account admin to update your group permissions."}"#);
/// assert_eq!(e.kind(), ErrorKind::PermissionDenied);
/// let e = c.classify(http::StatusCode::UNPROCESSABLE_ENTITY, &http::HeaderMap::new(),
///     br#"{"record":{"id":null},"errors":"Email is not an email"}"#);
/// assert_eq!(e.kind(), ErrorKind::Validation);
/// assert_eq!(e.message(), "Email is not an email");
/// ```
#[derive(Debug, Clone)]
pub struct SyncroErrorClassifier {
    /// Wait assumed after a 429 that carries no `Retry-After` (Syncro documents none).
    pub(crate) default_rate_limit_wait: Duration,
}

impl Default for SyncroErrorClassifier {
    fn default() -> Self {
        // A quarter of Syncro's 60 s window: four retries span a whole window.
        SyncroErrorClassifier {
            default_rate_limit_wait: Duration::from_secs(15),
        }
    }
}

impl SyncroErrorClassifier {
    /// A classifier that waits `wait` after a 429 without `Retry-After`.
    pub fn with_rate_limit_wait(wait: Duration) -> Self {
        SyncroErrorClassifier {
            default_rate_limit_wait: wait,
        }
    }
}

impl ErrorClassifier for SyncroErrorClassifier {
    fn classify(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
        let message = error_message(body);
        let (kind, fields) = match status.as_u16() {
            401 if is_permission_text(&message) => (ErrorKind::PermissionDenied, Vec::new()),
            401 => (ErrorKind::Unauthenticated, Vec::new()),
            403 => (ErrorKind::PermissionDenied, Vec::new()),
            422 | 400 => (ErrorKind::Validation, error_fields(body)),
            429 => {
                let header = psa_core::transport::parse_retry_after(headers);
                (
                    ErrorKind::RateLimited {
                        retry_after: Some(header.unwrap_or(self.default_rate_limit_wait)),
                    },
                    Vec::new(),
                )
            }
            _ => (kind_for_status(status), Vec::new()),
        };
        let mut err = Error::new(kind, message);
        if !fields.is_empty() {
            err = err.with_fields(fields);
        }
        match kind {
            ErrorKind::Unauthenticated => err.with_hint(
                "check the Syncro API token (SYNCRO_API_TOKEN): it may be mistyped, expired or disabled; \
                 tokens are under your username > Profile/Password > API Tokens",
            ),
            _ => err,
        }
    }
}

fn is_permission_text(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("group permissions") || m.contains("update your permissions")
}

/// One line from any Syncro error body; the raw text (truncated) when it is not JSON.
///
/// ```
/// use psa_syncro::error::error_message;
/// assert_eq!(error_message(br#"{"error":"Customer required field"}"#), "Customer required field");
/// assert_eq!(error_message(br#"{"success":false,"message":["Body can't be blank","Subject can't be blank"]}"#),
///            "Body can't be blank; Subject can't be blank");
/// assert_eq!(error_message(br#"{"start_at":["can't be blank"]}"#), "start_at can't be blank");
/// assert_eq!(error_message(b"Retry later\n"), "Retry later");
/// ```
pub fn error_message(body: &[u8]) -> String {
    if let Some(m) = vendor_message(body) {
        return m;
    }
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        // A bare Rails error map: {"field": ["msg", …]} or {"field": "msg"}.
        let mut parts = Vec::new();
        for (k, v) in &map {
            if matches!(k.as_str(), "success" | "params" | "record") {
                continue;
            }
            match v {
                Value::String(s) if !s.trim().is_empty() => parts.push(format!("{k} {}", s.trim())),
                Value::Array(items) => {
                    for s in items
                        .iter()
                        .filter_map(Value::as_str)
                        .filter(|s| !s.trim().is_empty())
                    {
                        parts.push(format!("{k} {}", s.trim()));
                    }
                }
                _ => {}
            }
        }
        if !parts.is_empty() {
            return parts.join("; ");
        }
    }
    let raw = truncate_body(body);
    if raw.is_empty() {
        "(empty body)".to_string()
    } else {
        raw
    }
}

/// The field names an error body names, where it names them as keys.
fn error_fields(body: &[u8]) -> Vec<String> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    let mut from_map = |m: &serde_json::Map<String, Value>| {
        for (k, v) in m {
            if matches!(v, Value::Array(_) | Value::String(_) | Value::Object(_)) {
                fields.push(k.clone());
            }
        }
    };
    if let Some(Value::Object(errors)) = map.get("errors") {
        from_map(errors);
    } else if !["error", "errors", "message"]
        .iter()
        .any(|k| map.contains_key(*k))
    {
        let bare: serde_json::Map<String, Value> = map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "success" | "params" | "record"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        from_map(&bare);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(status: u16, body: &str) -> Error {
        SyncroErrorClassifier::default().classify(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        )
    }

    #[test]
    fn every_documented_shape_becomes_one_message() {
        let cases: &[(&str, &str)] = &[
            (
                r#"{"error":"Customer required field"}"#,
                "Customer required field",
            ),
            (
                r#"{"success":false,"message":["Subject can't be blank"]}"#,
                "Subject can't be blank",
            ),
            (
                r#"{"success":false,"error":"a,b","message":"a,b","params":{}}"#,
                "a,b",
            ),
            (
                r#"{"record":{"id":null,"name":"Bad Email"},"errors":"Email is not an email"}"#,
                "Email is not an email",
            ),
            (r#"{"errors":["Timer is running"]}"#, "Timer is running"),
            (r#"{"errors":"Product not found"}"#, "Product not found"),
            (
                r#"{"errors":{"mute_for":["is not included in the list"]}}"#,
                "mute_for is not included in the list",
            ),
            (
                r#"{"name":["can't be blank"],"date":["is invalid"]}"#,
                "date is invalid; name can't be blank",
            ),
            (
                r#"{"error":["Schedule is invalid"]}"#,
                "Schedule is invalid",
            ),
            (r#"{"message":"Not found"}"#, "Not found"),
            (r#"{"message":["Sku taken"]}"#, "Sku taken"),
            (
                r#"{"success":false,"errors":{"appointments":{"summary":["can't be blank"]}}}"#,
                "summary can't be blank",
            ),
            ("Disabled", "Disabled"),
        ];
        for (body, want) in cases {
            assert_eq!(error_message(body.as_bytes()), *want, "{body}");
        }
    }

    #[test]
    fn status_and_text_decide_the_kind() {
        assert_eq!(
            classify(401, &format!(r#"{{"error":"{PERMISSION_TEXT}"}}"#)).kind(),
            ErrorKind::PermissionDenied
        );
        let bad = classify(401, r#"{"error":"Invalid API key"}"#);
        assert_eq!(bad.kind(), ErrorKind::Unauthenticated);
        assert!(bad.hint().unwrap_or("").contains("API Tokens"));
        assert_eq!(classify(401, "").kind(), ErrorKind::Unauthenticated);
        assert_eq!(
            classify(403, r#"{"error":"Forbidden"}"#).kind(),
            ErrorKind::PermissionDenied
        );
        assert_eq!(
            classify(404, r#"{"message":"Not found"}"#).kind(),
            ErrorKind::NotFound
        );
        assert_eq!(
            classify(422, r#"{"error":"Customer required field"}"#).kind(),
            ErrorKind::Validation
        );
        assert_eq!(
            classify(502, "<html>Bad gateway</html>").message(),
            "<html>Bad gateway</html>"
        );
        assert_eq!(classify(500, "").kind(), ErrorKind::Server);
    }

    #[test]
    fn a_429_without_retry_after_gets_the_default_wait() {
        let e = classify(429, "Retry later\n");
        assert_eq!(e.retry_after(), Some(Duration::from_secs(15)));
        assert_eq!(e.message(), "Retry later");
        let mut h = HeaderMap::new();
        h.insert("retry-after", "3".parse().unwrap());
        let e = SyncroErrorClassifier::default().classify(
            StatusCode::TOO_MANY_REQUESTS,
            &h,
            b"Retry later",
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
    }

    #[test]
    fn validation_fields_from_maps() {
        let e = classify(422, r#"{"errors":{"email":["is invalid"]}}"#);
        assert_eq!(e.fields(), ["email"]);
        let e = classify(422, r#"{"name":["can't be blank"]}"#);
        assert_eq!(e.fields(), ["name"]);
    }
}
