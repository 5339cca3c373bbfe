//! Syncro's status codes and error bodies (Syncro's documentation and observed traffic).

use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde_json::json;

use super::permissions::NOT_AUTHORIZED;

pub(crate) use crate::common::responses::{Refusal, json, ok};

fn text(status: StatusCode, content_type: &'static str, text: &'static str) -> Response {
    crate::common::responses::body(status, content_type, text)
}

/// 404 `{"message":"Not found"}` ([SPEC] on tickets, contacts).
pub(crate) fn not_found() -> Response {
    json(StatusCode::NOT_FOUND, &json!({"message": "Not found"}))
}

/// 401 for a token that lacks the permission ([SPEC] on every `/contacts` operation).
pub(crate) fn not_authorized() -> Response {
    json(StatusCode::UNAUTHORIZED, &json!({"error": NOT_AUTHORIZED}))
}

/// 401 for a missing, wrong or revoked token.
///
/// The status is documented (n8n's credential test, cbusillo); the body is UNKNOWN
/// (Syncro's documentation and observed traffic). The sim sends a short `{"error": …}` in the shape of Syncro's other
/// 401, with a text that differs from the permission text: a client must tell the two apart by
/// that text, never by the status alone.
pub(crate) fn bad_token() -> Response {
    json(StatusCode::UNAUTHORIZED, &json!({"error": "Unauthorized"}))
}

/// 422 `{"success":false,"message":[…]}` (ticket update, comment, customer validation).
pub(crate) fn invalid(messages: &[&str]) -> Response {
    json(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"success": false, "message": messages}),
    )
}

/// 422 `{"error": "…"}` (ticket create without a customer, `attach_file_url`).
pub(crate) fn invalid_error(message: &str) -> Response {
    json(StatusCode::UNPROCESSABLE_ENTITY, &json!({"error": message}))
}

/// 400 for a body that is not JSON: Rails' public-exceptions JSON body for a parse error.
pub(crate) fn bad_request() -> Response {
    json(
        StatusCode::BAD_REQUEST,
        &json!({"status": 400, "error": "Bad Request"}),
    )
}

/// Rails' default 500 page. Syncro documents no 5xx body; an unhandled error in a Rails app
/// answers with `public/500.html` to a client that does not ask for JSON. UNVERIFIED.
pub(crate) fn server_error() -> Response {
    text(
        StatusCode::INTERNAL_SERVER_ERROR,
        "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html>\n<head><title>We're sorry, but something went wrong (500)</title></head>\n<body>\n<div class=\"dialog\"><h1>We're sorry, but something went wrong.</h1></div>\n</body>\n</html>\n",
    )
}

/// 429 above the per-minute limit: Rack::Attack's default throttle response, plain text
/// `Retry later` (inferred from a client that matches that text; Syncro's documentation and observed traffic).
/// Syncro documents no `Retry-After`; the sim adds one only when asked to.
pub(crate) fn rate_limited(retry_after_secs: Option<u64>) -> Response {
    let mut r = text(StatusCode::TOO_MANY_REQUESTS, "text/plain", "Retry later\n");
    if let Some(secs) = retry_after_secs {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    }
    r
}

/// 404 for a path Syncro does not route: Rails' JSON body when the client asks for JSON, its
/// `public/404.html` page otherwise.
pub(crate) fn no_route(wants_json: bool) -> Response {
    if wants_json {
        json(
            StatusCode::NOT_FOUND,
            &json!({"status": 404, "error": "Not Found"}),
        )
    } else {
        text(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html>\n<head><title>The page you were looking for doesn't exist (404)</title></head>\n<body>\n<div class=\"dialog\"><h1>The page you were looking for doesn't exist.</h1></div>\n</body>\n</html>\n",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    async fn body(r: Response) -> String {
        let b = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(b.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn permission_and_token_401s_differ_only_in_text() {
        let p = not_authorized();
        let t = bad_token();
        assert_eq!(p.status(), 401);
        assert_eq!(t.status(), 401);
        let p: Value = serde_json::from_str(&body(p).await).unwrap();
        let t: Value = serde_json::from_str(&body(t).await).unwrap();
        assert_eq!(p["error"], NOT_AUTHORIZED);
        assert_ne!(p["error"], t["error"]);
    }

    #[tokio::test]
    async fn rate_limit_is_plain_text_with_optional_retry_after() {
        let r = rate_limited(None);
        assert_eq!(r.status(), 429);
        assert!(r.headers().get(header::RETRY_AFTER).is_none());
        assert_eq!(body(r).await, "Retry later\n");
        let r = rate_limited(Some(0));
        assert_eq!(r.headers()[header::RETRY_AFTER], "1");
    }

    #[tokio::test]
    async fn validation_bodies_have_the_documented_shapes() {
        let v: Value = serde_json::from_str(
            &body(invalid(&["Body can't be blank", "Subject can't be blank"])).await,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"success": false, "message": ["Body can't be blank", "Subject can't be blank"]})
        );
        let v: Value =
            serde_json::from_str(&body(invalid_error("Customer required field")).await).unwrap();
        assert_eq!(v, json!({"error": "Customer required field"}));
    }
}
