//! The HTTP entry point: discovery, the codebase in the path, throttle, auth, then the routes.

use crate::common::locks::MutexExt as _;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::response::Response;
use http::{Method, StatusCode};

use super::api;
use super::auth::check_accept;
use super::state::{Inner, Req};
use super::wire;

/// The largest request body read (documents included).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// The vendor router (before the shared latency/fault/log layers).
pub(crate) fn router(inner: Arc<Inner>) -> Router {
    Router::new().fallback(entry).with_state(inner)
}

async fn entry(State(sh): State<Arc<Inner>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return wire::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "ConnectWiseApi",
            "The request body is too large.",
        );
    };
    handle(&sh, parts, bytes)
}

fn handle(sh: &Inner, parts: http::request::Parts, body: Bytes) -> Response {
    let path = parts.uri.path().to_string();
    let lower = path.to_ascii_lowercase();
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();

    if let Some(rest) = lower.strip_prefix("/login/companyinfo/") {
        if parts.method != Method::GET {
            return wire::method_not_allowed(&parts.method);
        }
        let company = &path[path.len() - rest.len()..];
        let company = percent_decode(company.trim_matches('/'));
        return api::system::company_info(sh, &company);
    }
    if lower.contains("/system/callbackkey/index.rails") {
        if parts.method != Method::GET {
            return wire::method_not_allowed(&parts.method);
        }
        return api::system::callback_key(sh, &query);
    }

    let Some(at) = lower.find("/apis/3.0") else {
        return wire::no_endpoint();
    };
    // The codebase is everything between the leading slash and `apis/3.0`, with its slash.
    let codebase = format!("{}/", path.get(1..at).unwrap_or("").trim_matches('/'));
    let current = sh.codebase();
    if !codebase.eq_ignore_ascii_case(&current) && !codebase.eq_ignore_ascii_case("v4_6_release/") {
        // A codebase retired by an upgrade no longer routes (pyconnectwise PR #39).
        return wire::no_endpoint();
    }
    if let Some(limiter) = &sh.limiter {
        let admitted = limiter.lock_safe().admit(tokio::time::Instant::now());
        if let Err(secs) = admitted {
            return wire::too_many_requests(secs);
        }
    }
    if let Err(resp) = sh.creds.check(&parts.headers) {
        return resp;
    }
    if let Err(resp) = check_accept(&parts.headers, &path) {
        return resp;
    }
    let after = &path[at + "/apis/3.0".len()..];
    let segs = after
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode(s).to_ascii_lowercase())
        .collect();
    let origin = sh.origin();
    let req = Req {
        method: parts.method,
        segs,
        query,
        headers: parts.headers,
        body,
        api: format!("{origin}/{codebase}apis/3.0/"),
        url: format!("{origin}{path}"),
    };
    api::route(sh, &req)
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The request-log key of a request: the route with ids as `{id}`, and whether it writes.
pub(crate) fn classify(method: &Method, path: &str) -> (String, bool) {
    let lower = path.to_ascii_lowercase();
    if lower.starts_with("/login/companyinfo") {
        return ("login/companyinfo".to_string(), false);
    }
    if lower.contains("/system/callbackkey/") {
        return ("system/callbackkey".to_string(), false);
    }
    let rest = match lower.find("/apis/3.0/") {
        Some(at) => &lower[at + "/apis/3.0/".len()..],
        None => lower.trim_start_matches('/'),
    };
    let key = rest
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.chars().all(|c| c.is_ascii_digit()) {
                "{id}"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    let write = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) && !key.ends_with("/search");
    (key, write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_keys() {
        assert_eq!(
            classify(&Method::GET, "/v2025_1/apis/3.0/service/tickets/12/notes"),
            ("service/tickets/{id}/notes".to_string(), false)
        );
        assert_eq!(
            classify(&Method::POST, "/v2025_1/apis/3.0/service/tickets"),
            ("service/tickets".to_string(), true)
        );
        assert_eq!(
            classify(&Method::POST, "/v2025_1/apis/3.0/service/tickets/search"),
            ("service/tickets/search".to_string(), false)
        );
        assert_eq!(
            classify(&Method::GET, "/login/companyinfo/training").0,
            "login/companyinfo"
        );
    }

    #[test]
    fn decodes_segments() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("a+b"), "a+b");
    }
}
