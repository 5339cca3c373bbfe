//! The request pipeline: the router, its single entry point (auth, thread limit, threshold,
//! latency) and the request log's classifier. Paths are parsed in `paths.rs`; unknown routes
//! get the Web API host's 404 body.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::Response;
use http::{HeaderMap, Method, Uri};

use super::handlers;
use super::paths::{Route, parse};
use super::responses;
use super::state::Sim;

/// The request log's classifier: endpoint key and whether the request writes.
pub(crate) fn classify(method: &Method, path: &str) -> (String, bool) {
    let route = parse(path);
    let reads = matches!(route, Route::Query(_) | Route::Count(_) | Route::Next(_))
        || *method == Method::GET
        || *method == Method::HEAD;
    (route.endpoint(path), !reads)
}

/// The router: every path goes through [`entry`].
pub(crate) fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .fallback(entry)
        // Attachments travel base64 in JSON; the real limit is about 7 MB per file.
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(sim)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
}

/// The pipeline: open routes; thread limit; latency; credentials; request threshold; handler.
async fn entry(
    State(sim): State<Arc<Sim>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    let route = parse(path);
    let url = format!("{}{}", sim.origin(), uri);
    if route == Route::Unknown {
        return responses::no_route(&url);
    }
    if route.is_open() {
        if !sim.latency.is_zero() {
            tokio::time::sleep(sim.latency).await;
        }
        return handlers::open(&sim, &method, route, &uri);
    }
    let endpoint = route.endpoint(path);
    let Some(_slot) = sim
        .threads
        .enter(header(&headers, "ApiIntegrationCode"), &endpoint)
    else {
        return responses::thread_limit(sim.thread_status, sim.threads.limit());
    };
    if !sim.latency.is_zero() {
        tokio::time::sleep(sim.latency).await;
    }
    if let Err(refusal) = sim.authenticate(&headers) {
        return *refusal;
    }
    if let Err(wait) = sim.threshold.admit() {
        let retry = sim.retry_after.then_some(wait);
        return responses::threshold_exceeded(sim.threshold.limit(), retry);
    }
    let delay = sim.threshold_delay();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    handlers::dispatch(&sim, &method, route, &uri, &url, &headers, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keys_on_the_entity_and_queries_are_reads() {
        assert_eq!(
            classify(&Method::POST, "/ATServicesRest/V1.0/Tickets/query"),
            ("Tickets".into(), false)
        );
        assert_eq!(
            classify(&Method::POST, "/ATServicesRest/V1.0/Tickets/5/Notes"),
            ("TicketNotes".into(), true)
        );
        assert_eq!(
            classify(&Method::GET, "/ATServicesRest/V1.0/zoneInformation"),
            ("zoneInformation".into(), false)
        );
    }
}
