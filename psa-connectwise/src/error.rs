//! Turns ConnectWise error responses into [`psa_core::Error`]s, keeping the server's words.

use http::{HeaderMap, StatusCode};
use psa_core::error::truncate_body;
use psa_core::transport::{ErrorClassifier, kind_for_status};
use psa_core::{Error, ErrorKind};
use serde::Deserialize;

/// The classifier for ConnectWise error bodies.
///
/// - `{"code","message","errors":[{"code","message","resource","field"}]}` (the documented
///   `ErrorResponseMessage`): `InvalidObject`/`MissingRequiredField`/`InvalidField` →
///   [`ErrorKind::Validation`] naming the fields; `ObjectExists` → [`ErrorKind::Conflict`];
///   `NotFound` → [`ErrorKind::NotFound`]; `Unauthorized` or the message `UserNotAuthenticated`
///   → [`ErrorKind::Unauthenticated`]; `Security` ("SSL is required.") → [`ErrorKind::Config`].
/// - 401 → `Unauthenticated`; 403 ("Improper security role settings for the supplied
///   authentication.") → `PermissionDenied`; 404 → `NotFound` (on cloud, possibly bad auth);
///   409 → `Conflict`; 415 → `Validation`.
/// - 429 `{"error":"ConnectWiseAPI","message":"Too many requests…"}` → `RateLimited` (the
///   transport adds `Retry-After` and retries).
/// - A body that is not JSON (an HTML page) is kept as text, with a hint when it looks like the
///   site's web UI rather than its API host.
///
/// ```
/// use psa_core::transport::ErrorClassifier;
/// use psa_connectwise::ConnectWiseErrorClassifier;
/// let body = br#"{"code":"InvalidObject","message":"contact object is invalid","errors":[{"code":"MissingRequiredField","message":"The firstName field is required.","resource":"contact","field":"firstName"}]}"#;
/// let e = ConnectWiseErrorClassifier.classify(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body);
/// assert_eq!(e.kind(), psa_core::ErrorKind::Validation);
/// assert_eq!(e.fields(), ["firstName"]);
/// assert!(e.message().contains("The firstName field is required."));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ConnectWiseErrorClassifier;

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    /// The 429 shape uses `error` instead of `code`.
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    errors: Option<Vec<ValidationError>>,
}

#[derive(Debug, Default, Deserialize)]
struct ValidationError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    resource: Option<String>,
    #[serde(default)]
    field: Option<String>,
}

/// The hint for an HTML answer: usually the web UI host instead of the `api-` host.
pub(crate) const HTML_HINT: &str = "the server answered with an HTML page instead of JSON: on ConnectWise cloud the API lives on the `api-` host (api-na.myconnectwise.net, not na.myconnectwise.net); check the site setting";

pub(crate) fn looks_like_html(headers: &HeaderMap, body: &[u8]) -> bool {
    let ct_html = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("html"));
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| &body[i..])
        .unwrap_or(&[]);
    ct_html || start.starts_with(b"<")
}

impl ErrorClassifier for ConnectWiseErrorClassifier {
    fn classify(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
        let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
        let Some(b) = parsed else {
            let mut e = Error::new(kind_for_status(status), truncate_body(body));
            if looks_like_html(headers, body) {
                e = e.with_hint(HTML_HINT);
            } else if status == StatusCode::NOT_FOUND {
                e = e.with_hint(NOT_FOUND_HINT);
            }
            return e;
        };
        let errors = b.errors.unwrap_or_default();
        let code = b.code.or(b.error).unwrap_or_default();
        let mut message = b.message.unwrap_or_default().trim().to_string();
        for item in &errors {
            if let Some(m) = item
                .message
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                && !message.contains(m)
            {
                if message.is_empty() {
                    message = m.to_string();
                } else {
                    message = format!("{message}: {m}");
                }
            }
        }
        if message.is_empty() {
            message = truncate_body(body);
        }
        let codes: Vec<&str> = std::iter::once(code.as_str())
            .chain(errors.iter().filter_map(|e| e.code.as_deref()))
            .collect();
        let has = |c: &str| codes.iter().any(|x| x.eq_ignore_ascii_case(c));
        let kind = if status == StatusCode::TOO_MANY_REQUESTS {
            ErrorKind::RateLimited { retry_after: None }
        } else if status == StatusCode::FORBIDDEN {
            // ConnectWise answers 403 only for security-role problems ("Improper security role
            // settings for the supplied authentication."), whatever `code` says.
            ErrorKind::PermissionDenied
        } else if has("Unauthorized") || message.eq_ignore_ascii_case("UserNotAuthenticated") {
            ErrorKind::Unauthenticated
        } else if code.eq_ignore_ascii_case("Security") {
            ErrorKind::Config
        } else if has("ObjectExists") {
            ErrorKind::Conflict
        } else if status.is_client_error()
            && (has("InvalidObject") || has("MissingRequiredField") || has("InvalidField"))
        {
            ErrorKind::Validation
        } else if code.eq_ignore_ascii_case("NotFound") && status.is_client_error() {
            ErrorKind::NotFound
        } else {
            kind_for_status(status)
        };
        let mut e = Error::new(kind, message);
        let fields: Vec<String> = errors.iter().filter_map(|e| e.field.clone()).collect();
        if !fields.is_empty() {
            e = e.with_fields(fields);
        }
        if let Some(resource) = errors.iter().find_map(|e| e.resource.clone()) {
            e = e.with_entity(resource);
        }
        match kind {
            ErrorKind::Config => e.with_hint(
                "ConnectWise requires https on the API host; use the `api-` host of your region",
            ),
            ErrorKind::Unauthenticated => e.with_hint(
                "check the company id, the API member's public and private keys, and the clientId",
            ),
            ErrorKind::PermissionDenied => e.with_hint(
                "the API member's security role lacks a right; run preflight to see which one and where to grant it (System > Security Roles)",
            ),
            ErrorKind::NotFound if !code.eq_ignore_ascii_case("NotFound") => {
                e.with_hint(NOT_FOUND_HINT)
            }
            _ => e,
        }
    }
}

/// Whether a 404 is about the route (a stale codebase, a wrong host) rather than a record.
pub(crate) fn is_route_not_found(e: &Error) -> bool {
    matches!(e.hint(), Some(h) if h == NOT_FOUND_HINT || h == HTML_HINT)
}

const NOT_FOUND_HINT: &str = "the route does not exist here: check the codebase and API host (on ConnectWise cloud a 404 can also mean the credentials were rejected)";

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(status: u16, body: &str) -> Error {
        ConnectWiseErrorClassifier.classify(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        )
    }

    #[test]
    fn vendor_bodies_map_to_kinds() {
        let e = classify(
            404,
            r#"{"code":"NotFound","message":"Contact 57919 not found"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.message(), "Contact 57919 not found");
        let e = classify(
            404,
            r#"{"code":"ConnectWiseApi","message":"The endpoint does not exist."}"#,
        );
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(e.hint().unwrap().contains("codebase"));
        let e = classify(
            403,
            r#"{"code":"Unauthorized","message":"Improper security role settings for the supplied authentication."}"#,
        );
        // ConnectWise uses 403 only for role problems, whatever the code says.
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
        assert!(e.hint().unwrap().contains("Security Roles"));
        let e = classify(
            403,
            r#"{"code":"Forbidden","message":"Improper security role settings for the supplied authentication."}"#,
        );
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
        let e = classify(
            401,
            r#"{"code":"Unauthorized","message":"The supplied authentication is incorrect"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Unauthenticated);
        let e = classify(
            400,
            r#"{"code":"ConnectWiseApi","message":"UserNotAuthenticated"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Unauthenticated);
        let e = classify(
            429,
            r#"{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in 30 seconds."}"#,
        );
        assert!(matches!(e.kind(), ErrorKind::RateLimited { .. }));
        assert!(e.message().contains("Too many requests"));
        let e = classify(
            400,
            r#"{"code":"Security","message":"SSL is required.","errors":null}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Config);
        let e = classify(
            400,
            r#"{"code":"InvalidObject","message":"callbackEntry object is invalid","errors":[{"code":"ObjectExists","message":"A matching callback entry already exists","resource":"callbackEntry","field":"objectId"}]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert_eq!(e.entity(), Some("callbackEntry"));
        let e = classify(500, "<html><body>Runtime Error</body></html>");
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.message().contains("Runtime Error"));
        assert!(e.hint().unwrap().contains("api-"));
    }
}
