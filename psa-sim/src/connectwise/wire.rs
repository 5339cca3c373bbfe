//! Response building: JSON bodies, the vendor's error shapes, dates.
//!
//! Error shapes follow `ErrorResponseMessage` of the ConnectWise spec:
//! `{"code","message","errors":[{"code","message","resource","field"}]}`; the 429 body has its
//! own shape `{"error":"ConnectWiseAPI","message":…}` (facts §6).

use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The hint ConnectWise appends to condition type errors (quoted in the connectwise-rest README).
pub(crate) const CONDITION_HINT: &str = "String values should be enclosed with double or single quotes; \
DateTime values should be enclosed in square brackets; numbers should consist of only digits, and \
optionally a decimal point and a negation sign; boolean values should be indicated with the keywords \
true or false; null values should be indicated by the keyword null.";

pub(crate) use crate::common::responses::json;

/// `{"code","message"}` with a status.
pub(crate) fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    json(status, &json!({ "code": code, "message": message.into() }))
}

/// 404 for an unknown route (amp-labs fixture `test/read/not-found.json`).
pub(crate) fn no_endpoint() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "ConnectWiseApi",
        "The endpoint does not exist.",
    )
}

/// 404 for a missing record (`{"code":"NotFound","message":"Contact 57919 not found"}`).
pub(crate) fn not_found(kind: &str, id: i64) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "NotFound",
        format!("{kind} {id} not found"),
    )
}

/// 405 the way ASP.NET Web API words it.
pub(crate) fn method_not_allowed(method: &http::Method) -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "ConnectWiseApi",
        format!("The requested resource does not support http method '{method}'."),
    )
}

/// 403 when the security role lacks the right ([DG] wording; the body's `code` is unverified).
pub(crate) fn forbidden() -> Response {
    error(
        StatusCode::FORBIDDEN,
        "Unauthorized",
        "Improper security role settings for the supplied authentication.",
    )
}

/// 400 `ConnectWiseApi` with free text (conditions, JSON and patch errors).
pub(crate) fn bad_request(message: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, "ConnectWiseApi", message)
}

/// One entry of `errors[]`.
#[derive(Debug, Clone)]
pub(crate) struct FieldError {
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) field: String,
}

impl FieldError {
    pub(crate) fn missing(field: &str) -> FieldError {
        FieldError {
            code: "MissingRequiredField",
            message: format!("The {field} field is required."),
            field: field.to_string(),
        }
    }

    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            code: "InvalidField",
            message: message.into(),
            field: field.to_string(),
        }
    }
}

/// 400 `InvalidObject` with field errors (amp-labs `bad-request.json` shape).
pub(crate) fn invalid_object(resource: &str, errors: &[FieldError]) -> Response {
    let errs: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "code": e.code, "message": e.message, "resource": resource, "field": e.field }))
        .collect();
    json(
        StatusCode::BAD_REQUEST,
        &json!({ "code": "InvalidObject", "message": format!("{resource} object is invalid"), "errors": errs }),
    )
}

/// 429 with the vendor's own body shape and `Retry-After` in seconds.
pub(crate) fn too_many_requests(retry_after_secs: u64) -> Response {
    let mut resp = json(
        StatusCode::TOO_MANY_REQUESTS,
        &json!({
            "error": "ConnectWiseAPI",
            "message": format!("Too many requests. Please try again in {retry_after_secs} seconds."),
        }),
    );
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    resp
}

/// The 500 an injected server fault answers with.
pub(crate) fn server_error() -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "ConnectWiseApi",
        "An error has occurred while processing the request. Please try again.",
    )
}

/// `yyyy-MM-ddTHH:mm:ssZ` (UTC, no fraction), as ConnectWise sends dates.
pub(crate) fn fmt_time(secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

/// Parses a date literal: `2016-08-20T18:04:26Z` (any RFC 3339) or `2016-08-20`.
pub(crate) fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    // Date-only, or a date-time without zone (taken as UTC).
    let fmt_date = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(s, &fmt_date) {
        return Some(d.midnight().assume_utc().unix_timestamp());
    }
    let fmt_dt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(s, &fmt_dt)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

/// Seconds since the epoch, now.
pub(crate) fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// A GUID-shaped string derived from a number (deterministic `mobileGuid`s and ids).
pub(crate) fn guid(n: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66);
    let a = rng.u32(..);
    let b = rng.u16(..);
    let c = (rng.u16(..) & 0x0fff) | 0x4000;
    let d = (rng.u16(..) & 0x3fff) | 0x8000;
    let e = rng.u64(..) & 0xffff_ffff_ffff;
    format!("{a:08x}-{b:04x}-{c:04x}-{d:04x}-{e:012x}")
}

/// A right-padded copy (some ConnectWise char columns come back padded, facts §3).
pub(crate) fn padded(s: &str, width: usize) -> String {
    format!("{s:<width$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        let t = parse_time("2016-08-20T18:04:26Z").unwrap();
        assert_eq!(fmt_time(t), "2016-08-20T18:04:26Z");
        assert_eq!(
            parse_time("2016-08-20").unwrap(),
            t - (18 * 3600 + 4 * 60 + 26)
        );
        assert!(parse_time("yesterday").is_none());
    }

    #[test]
    fn guids_are_stable_and_shaped() {
        let g = guid(7);
        assert_eq!(g, guid(7));
        assert_ne!(g, guid(8));
        assert_eq!(g.len(), 36);
        assert_eq!(g.matches('-').count(), 4);
    }

    #[test]
    fn padding_keeps_text() {
        assert_eq!(padded("trigger", 15), "trigger        ");
        assert_eq!(
            padded("a-very-long-identifier", 5),
            "a-very-long-identifier"
        );
    }
}
