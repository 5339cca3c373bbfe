//! How Autotask's error answers become [`psa_core::Error`]s.
//!
//! Autotask reports most failures as HTTP 500 with `{"errors":["…"]}`: permission errors,
//! an invalid integration code, an unknown user, validation failures. The text decides the
//! kind. IIS and routing errors use `{"Message":"…"}` or HTML, which is kept as raw text.

use http::{HeaderMap, StatusCode};
use psa_core::error::truncate_body;
use psa_core::transport::{ErrorClassifier, kind_for_status, vendor_message};
use psa_core::{Error, ErrorKind};

/// The hint for a rejected integration code.
pub(crate) const HINT_INTEGRATION_CODE: &str = "check the ApiIntegrationCode (AUTOTASK_INTEGRATION_CODE): it is the API user's API Tracking Identifier — Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > edit the API user > API Tracking Identifier, with Integration Vendor selected";
/// The hint for an unknown user name.
pub(crate) const HINT_USERNAME: &str = "check the UserName (AUTOTASK_USERNAME): it is the API user's Username (Key), and no Autotask zone knows it";
/// The hint for a 401.
pub(crate) const HINT_SECRET: &str = "check the Secret (AUTOTASK_SECRET) and the UserName (AUTOTASK_USERNAME) of the API user; an expired password, a locked or inactive user, or a user without the API-only security level also answer 401";

/// Classifies Autotask error responses.
///
/// Autotask reports most failures as HTTP 500 with `{"errors":["…"]}`; the text decides the
/// kind: "does not have the adequate permissions" → `PermissionDenied` (with the verb),
/// "IntegrationCode is invalid", "Zone information could not be determined" and any 401 →
/// `Unauthenticated` (with a hint naming the credential), the thread-threshold text and 429 →
/// `RateLimited` (retried by the transport), validation texts → `Validation` (with the fields
/// named), "No matching records found" → `NotFound`, "already exists" → `Conflict`. IIS
/// `{"Message":…}` and HTML bodies are kept as raw text.
///
/// ```
/// use psa_autotask::AutotaskErrorClassifier;
/// use psa_core::transport::ErrorClassifier;
/// let body = br#"{"errors":["The logged in Resource does not have the adequate permissions to create this entity type."]}"#;
/// let e = AutotaskErrorClassifier.classify(http::StatusCode::INTERNAL_SERVER_ERROR, &http::HeaderMap::new(), body);
/// assert_eq!(e.kind(), psa_core::ErrorKind::PermissionDenied);
/// assert_eq!(e.action(), Some("create"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct AutotaskErrorClassifier;

impl ErrorClassifier for AutotaskErrorClassifier {
    fn classify(&self, status: StatusCode, _headers: &HeaderMap, body: &[u8]) -> Error {
        classify(status, body)
    }
}

fn classify(status: StatusCode, body: &[u8]) -> Error {
    let message = vendor_message(body).unwrap_or_else(|| truncate_body(body));
    let lower = message.to_ascii_lowercase();

    if lower.contains("thread threshold") || lower.contains("itgenatr005") {
        return Error::new(ErrorKind::RateLimited { retry_after: None }, message).with_hint(
            "Autotask allows 3 concurrent requests per integration and endpoint; lower the client's concurrency or the number of clients sharing the integration code",
        );
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        return Error::new(ErrorKind::RateLimited { retry_after: None }, message).with_hint(
            "the database's hourly request threshold is shared by every integration; check threshold() and slow down",
        );
    }
    if lower.contains("does not have the adequate permissions") {
        let mut e = Error::new(ErrorKind::PermissionDenied, message.clone());
        if let Some(verb) = permission_verb(&lower) {
            e = e.with_action(verb);
        }
        return e;
    }
    if lower.contains("integrationcode is invalid")
        || (lower.contains("integration code") && lower.contains("invalid"))
    {
        return Error::new(ErrorKind::Unauthenticated, message).with_hint(HINT_INTEGRATION_CODE);
    }
    if lower.contains("zone information could not be determined") {
        return Error::new(ErrorKind::Unauthenticated, message).with_hint(HINT_USERNAME);
    }
    if status == StatusCode::UNAUTHORIZED || lower.contains("account has been locked") {
        let message = if message.trim().is_empty() {
            "the UserName/Secret pair was rejected (HTTP 401 with an empty body)".to_string()
        } else {
            message
        };
        return Error::new(ErrorKind::Unauthenticated, message).with_hint(HINT_SECRET);
    }
    if status.is_server_error() && status != StatusCode::INTERNAL_SERVER_ERROR {
        return Error::new(kind_for_status(status), message);
    }
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        // Only Autotask's own `errors` envelope carries validation texts; IIS pages and other
        // bodies stay server errors.
        let enveloped = has_errors_envelope(body);
        if enveloped && lower.contains("no matching records found") {
            return Error::new(ErrorKind::NotFound, message).with_hint(
                "the record does not exist, or the API user may not see it (a security level can hide records)",
            );
        }
        if enveloped && (lower.contains("already exists") || lower.contains("must be unique")) {
            return Error::new(ErrorKind::Conflict, message);
        }
        if enveloped && is_validation(&lower) {
            let fields = validation_fields(&message);
            return Error::new(ErrorKind::Validation, message).with_fields(fields);
        }
        return Error::new(ErrorKind::Server, message);
    }
    let kind = kind_for_status(status);
    let mut e = Error::new(kind, message);
    if status == StatusCode::METHOD_NOT_ALLOWED {
        e = e.with_hint("Autotask refused the HTTP method on this path (for example a GET of a next-page URL, a PATCH with the id in the path, or a delete of an entity that cannot be deleted)");
    }
    e
}

fn has_errors_envelope(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|v| v.get("errors").is_some())
}

/// "…permissions to query this entity type." → `query`.
fn permission_verb(lower: &str) -> Option<String> {
    let rest = &lower[lower.find("permissions to ")? + "permissions to ".len()..];
    let verb: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if verb.is_empty() { None } else { Some(verb) }
}

const VALIDATION_MARKS: &[&str] = &[
    "is required",
    "required field",
    "does not exist for",
    "does not reference",
    "picklist value",
    "must ",
    "invalid",
    "is not valid",
    "cannot ",
    "can not ",
    "not allowed",
    "exceed",
    "too long",
    "maximum",
    "read only",
    "read-only",
    "readonly",
    "is not a valid",
    "unable to",
    "not found for",
    "out of range",
    "greater than",
    "less than",
];

fn is_validation(lower: &str) -> bool {
    VALIDATION_MARKS.iter().any(|m| lower.contains(m))
}

/// The field names a validation text mentions: `queueID is required` → `queueID`,
/// `… does not exist for priority` → `priority`, and camelCase words such as
/// `assignedResourceRoleID`.
pub(crate) fn validation_fields(message: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if !w.is_empty() && !out.iter().any(|x| x.eq_ignore_ascii_case(w)) {
            out.push(w.to_string());
        }
    };
    let words: Vec<&str> = message.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_ascii_lowercase();
        if lw == "is" && words.get(i + 1).is_some_and(|n| n.starts_with("required")) && i > 0 {
            push(words[i - 1]);
        }
        if lw == "for" && i > 0 && i + 1 < words.len() {
            let prev = words[i - 1].to_ascii_lowercase();
            if prev == "exist" || prev == "entity" {
                push(words[i + 1]);
            }
        }
        let clean = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let camel = clean.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && clean.chars().any(|c| c.is_ascii_uppercase())
            && clean.chars().all(|c| c.is_ascii_alphanumeric());
        if camel {
            push(clean);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(status: u16, body: &str) -> Error {
        classify(StatusCode::from_u16(status).unwrap(), body.as_bytes())
    }

    #[test]
    fn the_vendors_500_texts_map_to_kinds() {
        let e = c(
            500,
            r#"{"errors":["The logged in Resource does not have the adequate permissions to query this entity type."]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
        assert_eq!(e.action(), Some("query"));

        let e = c(500, r#"{"errors":["IntegrationCode is invalid."]}"#);
        assert_eq!(e.kind(), ErrorKind::Unauthenticated);
        assert!(e.hint().unwrap().contains("ApiIntegrationCode"));
        assert!(e.hint().unwrap().contains("API Tracking Identifier"));

        let e = c(
            500,
            r#"{"errors":["Zone information could not be determined"]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Unauthenticated);
        assert!(e.hint().unwrap().contains("UserName"));

        let e = c(401, "");
        assert_eq!(e.kind(), ErrorKind::Unauthenticated);
        assert!(e.message().contains("empty body"));
        assert!(e.hint().unwrap().contains("Secret"));
    }

    #[test]
    fn validation_texts_name_their_fields() {
        let e = c(500, r#"{"errors":["queueID is required"]}"#);
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.fields(), ["queueID"]);

        let e = c(
            500,
            r#"{"errors":["Picklist value [3] does not exist for priority"]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.fields(), ["priority"]);

        let e = c(
            500,
            r#"{"errors":["When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID."]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.fields(), ["assignedResourceID", "assignedResourceRoleID"]);

        let e = c(
            500,
            r#"{"errors":["Value does not reference an existing entity for taskType . "]}"#,
        );
        assert_eq!(e.fields(), ["taskType"]);
    }

    #[test]
    fn errors_as_objects_and_iis_messages_and_html_keep_their_words() {
        let e = c(500, r#"{"errors":[{"message":"queueID is required"}]}"#);
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.message(), "queueID is required");

        let e = c(
            405,
            r#"{"Message":"The requested resource does not support http method 'GET'."}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.message().contains("does not support http method 'GET'"));

        let e = c(
            404,
            "<html><body><h1>404 - File or directory not found.</h1></body></html>",
        );
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(e.message().contains("File or directory not found"));

        let e = c(500, "<html>Runtime Error</html>");
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.message().contains("Runtime Error"));
    }

    #[test]
    fn thread_limit_and_threshold_are_rate_limits() {
        let e = c(
            500,
            r#"{"errors":["Itgenatr005: The thread threshold of 3 threads has been exceeded for this integration."]}"#,
        );
        assert!(matches!(e.kind(), ErrorKind::RateLimited { .. }));
        let e = c(429, r#"{"errors":["Request threshold exceeded"]}"#);
        assert!(matches!(e.kind(), ErrorKind::RateLimited { .. }));
    }

    #[test]
    fn other_500s_stay_server_errors_and_delete_misses_are_not_found() {
        let e = c(500, r#"{"errors":["An unexpected error has occurred."]}"#);
        assert_eq!(e.kind(), ErrorKind::Server);
        let e = c(
            500,
            r#"{"errors":["No message. No matching records found. The logged in Resource may not have the required permissions to delete the data."]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::NotFound);
        let e = c(
            500,
            r#"{"errors":["A ContactGroup already exists with Name [Test 1]. ContactGroup names must be unique."]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Conflict);
    }
}
