use std::fmt::Debug;

use http::{HeaderMap, StatusCode};

use crate::error::truncate_body;
use crate::{Error, ErrorKind};

/// Turns a non-2xx response into an [`Error`] of the right kind with the vendor's own message.
///
/// Vendor crates implement it for their error bodies (Autotask's permission errors arrive as
/// HTTP 500 with text; Syncro's 401 can mean "no permission"). The transport then adds the
/// vendor, method, redacted URL, status, attempts and `Retry-After`, and decides retries from
/// the kind: [`ErrorKind::RateLimited`] is always retried, [`ErrorKind::Server`] only for
/// idempotent requests, the rest never.
pub trait ErrorClassifier: Send + Sync + Debug {
    /// The error for this response.
    fn classify(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error;
}

/// The classifier by status code alone, with [`vendor_message`] as the message.
///
/// ```
/// use psa_core::transport::{ErrorClassifier, StatusClassifier};
/// let e = StatusClassifier.classify(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), br#"{"message":"Not found"}"#);
/// assert!(matches!(e.kind(), psa_core::ErrorKind::NotFound));
/// assert_eq!(e.message(), "Not found");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct StatusClassifier;

impl ErrorClassifier for StatusClassifier {
    fn classify(&self, status: StatusCode, _headers: &HeaderMap, body: &[u8]) -> Error {
        Error::new(
            kind_for_status(status),
            vendor_message(body).unwrap_or_else(|| truncate_body(body)),
        )
    }
}

/// The error kind a status code means when nothing else is known.
///
/// ```
/// use psa_core::{ErrorKind, transport::kind_for_status};
/// assert_eq!(kind_for_status(http::StatusCode::UNPROCESSABLE_ENTITY), ErrorKind::Validation);
/// assert_eq!(kind_for_status(http::StatusCode::BAD_GATEWAY), ErrorKind::Server);
/// ```
pub fn kind_for_status(status: StatusCode) -> ErrorKind {
    match status.as_u16() {
        400 | 405 | 413 | 415 | 422 => ErrorKind::Validation,
        401 => ErrorKind::Unauthenticated,
        403 => ErrorKind::PermissionDenied,
        404 | 410 => ErrorKind::NotFound,
        408 | 504 => ErrorKind::Timeout,
        409 | 412 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimited { retry_after: None },
        s if s >= 500 => ErrorKind::Server,
        _ => ErrorKind::Server,
    }
}

/// The message in a JSON error body of any common shape, joined into one line.
///
/// Looks at `message`, `Message`, `error`, `errors`, `error_description`, each as a string,
/// an array (of strings or of objects with `message`) or an object of field → messages.
/// Returns `None` when the body is not JSON or carries none of these.
///
/// ```
/// use psa_core::transport::vendor_message;
/// assert_eq!(vendor_message(br#"{"errors":["IntegrationCode is invalid."]}"#).as_deref(), Some("IntegrationCode is invalid."));
/// assert_eq!(vendor_message(br#"{"success":false,"message":["Body can't be blank","Subject can't be blank"]}"#).as_deref(), Some("Body can't be blank; Subject can't be blank"));
/// assert_eq!(vendor_message(br#"{"errors":{"email":["is invalid"]}}"#).as_deref(), Some("email is invalid"));
/// assert_eq!(vendor_message(b"<html>502</html>"), None);
/// ```
pub fn vendor_message(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let obj = v.as_object()?;
    let mut parts = Vec::new();
    for key in ["message", "Message", "error", "errors", "error_description"] {
        if let Some(val) = obj.get(key) {
            collect(val, None, &mut parts);
        }
    }
    parts.dedup();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("; "))
    }
}

fn collect(v: &serde_json::Value, field: Option<&str>, out: &mut Vec<String>) {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push(match field {
            Some(f) => format!("{f} {}", s.trim()),
            None => s.trim().to_string(),
        }),
        Value::Array(items) => items.iter().for_each(|i| collect(i, field, out)),
        Value::Object(map) => {
            if let Some(m) = map.get("message").or_else(|| map.get("Message")) {
                collect(m, field, out);
            } else {
                for (k, val) in map {
                    collect(val, Some(k), out);
                }
            }
        }
        _ => {}
    }
}
