//! The `/api/v1` routes.

mod account;
mod billing;
mod comments;
mod contract_writes;
mod customers;
mod leads;
mod ticket_body;
mod tickets;
mod timers;

use axum::Router;
use axum::routing::{get, post};
use http::{HeaderMap, header};
use serde_json::{Value, json};

use super::responses;
use super::state::{Shared, throttle};

/// The vendor router: every route, the Rails-style 404 for everything else, the throttle in front.
pub(crate) fn router(sim: Shared) -> Router {
    let api = Router::new()
        .route("/me", get(account::me))
        .route("/settings", get(account::settings))
        .route("/users", get(account::users))
        .route("/users/{id}", get(account::user))
        .route("/tickets", get(tickets::list).post(tickets::create))
        .route("/tickets/settings", get(account::ticket_settings))
        .route(
            "/tickets/{id}",
            get(tickets::show)
                .put(tickets::update)
                .delete(tickets::destroy),
        )
        .route("/tickets/{id}/comment", post(comments::create))
        .route("/tickets/{id}/comments", get(comments::list))
        .route(
            "/tickets/{id}/attach_file_url",
            post(tickets::attach_file_url),
        )
        .route(
            "/tickets/{id}/delete_attachment",
            post(tickets::delete_attachment),
        )
        .route("/customers/autocomplete", get(customers::autocomplete))
        .route("/customers", get(customers::list).post(customers::create))
        .route(
            "/customers/{id}",
            get(customers::show).put(customers::update),
        )
        .route(
            "/contacts",
            get(customers::contacts).post(customers::create_contact),
        )
        .route(
            "/contacts/{id}",
            get(customers::contact).put(customers::update_contact),
        )
        .route("/leads", get(leads::list).post(leads::create))
        .route("/leads/{id}", get(leads::show).put(leads::update))
        .route(
            "/contracts",
            get(billing::list).post(contract_writes::create),
        )
        .route(
            "/contracts/{id}",
            get(billing::show).put(contract_writes::update),
        )
        .route("/ticket_timers", get(billing::timers))
        .route("/tickets/{id}/timer_entry", post(timers::create))
        .route(
            "/tickets/{id}/update_timer_entry",
            axum::routing::put(timers::update),
        )
        .route("/tickets/{id}/delete_timer_entry", post(timers::delete))
        .route("/tickets/{id}/charge_timer_entry", post(timers::charge))
        .route("/invoices", get(billing::invoices))
        .route("/invoices/{id}", get(billing::invoice));
    Router::new()
        .nest("/api/v1", api)
        .fallback(no_route)
        .method_not_allowed_fallback(no_route)
        .layer(axum::middleware::from_fn_with_state(sim.clone(), throttle))
        .with_state(sim)
}

/// Rails routes an unknown path or method to a 404.
async fn no_route(headers: HeaderMap) -> axum::response::Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.to_ascii_lowercase().contains("json"));
    responses::no_route(wants_json)
}

/// `ceil(total / per_page)`; an empty list has 0 pages, as will_paginate counts.
pub(crate) fn total_pages(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1))
}

/// The `meta` of customer and contact lists.
pub(crate) fn full_meta(total: usize, per_page: usize, page: usize) -> Value {
    json!({
        "total_pages": total_pages(total, per_page),
        "total_entries": total,
        "per_page": per_page,
        "page": page,
    })
}

/// Case-insensitive "contains" (SQL `ILIKE '%q%'`).
pub(crate) fn contains_ci(hay: &str, needle_lower: &str) -> bool {
    hay.to_lowercase().contains(needle_lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_round_up_and_empty_has_none() {
        assert_eq!(total_pages(0, 25), 0);
        assert_eq!(total_pages(1, 25), 1);
        assert_eq!(total_pages(25, 25), 1);
        assert_eq!(total_pages(1_234, 25), 50);
        assert_eq!(
            full_meta(51, 50, 2),
            json!({"total_pages": 2, "total_entries": 51, "per_page": 50, "page": 2})
        );
    }
}
