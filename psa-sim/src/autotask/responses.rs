//! Autotask's status codes and error bodies (Autotask's documentation and observed traffic).
//!
//! The API's own errors are `{"errors":["…"]}` (an array of strings), usually with HTTP 500 —
//! validation and permission failures included. Routing errors come from the ASP.NET Web API
//! host instead and carry `{"Message":"…"}` (404 for an unknown route, 405 for a verb the route
//! lacks).

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde_json::json;

use super::entities::Verb;
use super::permissions;

pub(crate) use crate::common::responses::{json, ok, raw_json};

/// `{"errors":[message]}` with a status.
pub(crate) fn errors(status: StatusCode, message: impl Into<String>) -> Response {
    json(status, &json!({ "errors": [message.into()] }))
}

/// HTTP 500 `{"errors":[message]}`, Autotask's answer to most failed calls.
pub(crate) fn error500(message: impl Into<String>) -> Response {
    errors(StatusCode::INTERNAL_SERVER_ERROR, message)
}

/// The permission refusal (HTTP 500, not 403).
pub(crate) fn forbidden(verb: Verb) -> Response {
    error500(permissions::refusal(verb))
}

/// 404 from the Web API host for a route that does not exist (e.g. a top-level create of a
/// child entity, `POST /V1.0/TicketNotes`).
pub(crate) fn no_route(url: &str) -> Response {
    json(
        StatusCode::NOT_FOUND,
        &json!({
            "Message": format!("No HTTP resource was found that matches the request URI '{url}'.")
        }),
    )
}

/// 405 from the Web API host (`GET` on a `nextPageUrl`, `PATCH /Tickets/{id}`, `DELETE` on an
/// entity without delete). The text is the one quoted in WYRE-AI/autotask-mcp PR#170.
pub(crate) fn method_not_allowed(method: &http::Method) -> Response {
    json(
        StatusCode::METHOD_NOT_ALLOWED,
        &json!({
            "Message": format!("The requested resource does not support http method '{method}'.")
        }),
    )
}

/// 415 from the Web API host for a body that is not declared as JSON.
pub(crate) fn unsupported_media_type(content_type: &str) -> Response {
    let shown = if content_type.is_empty() {
        "application/octet-stream"
    } else {
        content_type
    };
    json(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        &json!({
            "Message": format!("The request entity's media type '{shown}' is not supported for this resource.")
        }),
    )
}

/// 401 for a wrong secret (or a locked/inactive API user). The body is empty: a 2026 connector
/// saw empty-body 401s for every credential failure (Autotask's documentation and observed traffic).
pub(crate) fn unauthorized() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::UNAUTHORIZED;
    r
}

/// 500 for an unknown user name (zone lookup and API calls alike).
pub(crate) fn zone_unknown() -> Response {
    error500("Zone information could not be determined")
}

/// 500 for an unknown or missing tracking identifier.
pub(crate) fn bad_integration_code() -> Response {
    error500("IntegrationCode is invalid.")
}

/// The thread-limit refusal. The wording follows what clients match on ("Itgenatr005",
/// "thread threshold of 3 threads has been exceeded", Autotask's documentation and observed traffic).
pub(crate) fn thread_limit(status: StatusCode, limit: usize) -> Response {
    errors(
        status,
        format!(
            "Itgenatr005: The thread threshold of {limit} threads has been exceeded for this API tracking identifier and endpoint. Please retry the request later."
        ),
    )
}

/// 429 when the rolling-hour request threshold is used up. Status from WYRE PR#107 (`?` in the
/// facts); the wording is the sim's own (no public capture of the real body).
pub(crate) fn threshold_exceeded(limit: u32, retry_after: Option<u64>) -> Response {
    let mut r = errors(
        StatusCode::TOO_MANY_REQUESTS,
        format!(
            "The request threshold of {limit} requests per hour has been exceeded for this database. Requests are refused until usage falls below the threshold."
        ),
    );
    if let Some(secs) = retry_after {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    }
    r
}

/// An injected server error (fault injection).
pub(crate) fn server_error() -> Response {
    error500("An unexpected error has occurred. Please try again later.")
}

/// An injected 429 (fault injection).
pub(crate) fn rate_limited(retry_after: bool) -> Response {
    let mut r = errors(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests. The request rate limit has been exceeded.",
    );
    if retry_after {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_errors_use_the_web_api_shape() {
        let r = method_not_allowed(&http::Method::GET);
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        let r = no_route("http://x/ATServicesRest/V1.0/TicketNotes");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn api_errors_are_500_with_an_errors_array() {
        let r = forbidden(Verb::Create);
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(unauthorized().status(), StatusCode::UNAUTHORIZED);
    }
}
