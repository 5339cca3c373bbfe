//! The REST routes under `/{codebase}apis/3.0/`.

mod billing;
mod callbacks;
mod collections;
mod directory;
mod documents;
mod input;
mod list_route;
mod notes;
mod projects;
mod sales;
mod schedule;
pub(crate) mod system;
mod ticket_body;
mod tickets;

use axum::response::Response;
use http::Method;

pub(crate) use self::input::Handled;
use self::list_route::Want;
use super::state::{Inner, Req};
use super::wire;

fn id(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().filter(|n| *n >= 0)
}

/// GET-only read routes for a collection: list, `/count`, `/{id}`.
fn want(rest: &[&str]) -> Option<Want> {
    match rest {
        [] => Some(Want::List),
        ["count"] => Some(Want::Count),
        [x] => id(x).map(Want::One),
        _ => None,
    }
}

fn get_only(m: &Method, f: impl FnOnce() -> Handled) -> Handled {
    if *m == Method::GET {
        f()
    } else {
        Err(wire::method_not_allowed(m))
    }
}

/// Dispatches an authenticated API request.
pub(crate) fn route(sh: &Inner, req: &Req) -> Response {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    let m = &req.method;
    let none = || Err(wire::no_endpoint());
    let outcome: Handled = match segs.as_slice() {
        ["system", "info"] => get_only(m, || system::info(sh)),
        ["system", "mysecurity", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || system::my_security(sh, req, w)),
            None => none(),
        },
        ["service", "tickets"] => match *m {
            Method::GET => tickets::list(sh, req),
            Method::POST => tickets::create(sh, req),
            _ => Err(wire::method_not_allowed(m)),
        },
        ["service", "tickets", "count"] => get_only(m, || tickets::count(sh, req)),
        ["service", "tickets", "search"] => {
            if *m == Method::POST {
                tickets::search(sh, req)
            } else {
                Err(wire::method_not_allowed(m))
            }
        }
        ["service", "tickets", t] => match id(t) {
            Some(t) => match *m {
                Method::GET => tickets::get(sh, req, t),
                Method::PATCH => tickets::patch(sh, req, t),
                Method::PUT => tickets::put(sh, req, t),
                Method::DELETE => tickets::delete(sh, req, t),
                _ => Err(wire::method_not_allowed(m)),
            },
            None => none(),
        },
        ["service", "tickets", t, "notes", rest @ ..] => match (id(t), rest) {
            (Some(t), []) => match *m {
                Method::GET => notes::list(sh, req, t, false),
                Method::POST => notes::create(sh, req, t),
                _ => Err(wire::method_not_allowed(m)),
            },
            (Some(t), ["count"]) => get_only(m, || notes::list(sh, req, t, true)),
            (Some(t), [n]) => match id(n) {
                Some(n) => get_only(m, || notes::get(sh, req, t, n)),
                None => none(),
            },
            _ => none(),
        },
        ["company", "companies"] if *m == Method::POST => directory::create_company(sh, req),
        ["company", "companies", c] if *m == Method::PATCH || *m == Method::DELETE => {
            match (id(c), m.clone()) {
                (Some(c), Method::PATCH) => directory::patch_company(sh, req, c),
                (Some(c), _) => directory::delete_company(sh, c),
                (None, _) => none(),
            }
        }
        ["company", "contacts"] if *m == Method::POST => directory::create_contact(sh, req),
        ["company", "contacts", c] if *m == Method::PATCH || *m == Method::DELETE => {
            match (id(c), m.clone()) {
                (Some(c), Method::PATCH) => directory::patch_contact(sh, req, c),
                (Some(c), _) => directory::delete_contact(sh, c),
                (None, _) => none(),
            }
        }
        ["company", "companies", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || collections::companies(sh, req, w)),
            None => none(),
        },
        ["company", "contacts", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || collections::contacts(sh, req, w)),
            None => none(),
        },
        ["system", "members", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || collections::members(sh, req, w)),
            None => none(),
        },
        ["service", "boards", b, "statuses", rest @ ..] => match (id(b), want(rest)) {
            (Some(b), Some(w)) => get_only(m, || collections::statuses(sh, req, b, w)),
            _ => none(),
        },
        [
            "service",
            "boards",
            b,
            table @ ("types" | "subtypes" | "items"),
            rest @ ..,
        ] => {
            let t = match *table {
                "types" => crate::connectwise::entities::ClassTable::Type,
                "subtypes" => crate::connectwise::entities::ClassTable::SubType,
                _ => crate::connectwise::entities::ClassTable::Item,
            };
            match (id(b), want(rest)) {
                (Some(b), Some(w)) => get_only(m, || collections::board_class(sh, req, b, t, w)),
                _ => none(),
            }
        }
        ["service", "boards", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || collections::boards(sh, req, w)),
            None => none(),
        },
        ["service", "priorities", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || collections::priorities(sh, req, w)),
            None => none(),
        },
        ["service", "sources"] if *m == Method::POST => collections::create_source(sh, req),
        ["service", "sources", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || collections::sources(sh, req, w)),
            None => none(),
        },
        ["sales", "opportunities"] if *m == Method::POST => sales::create(sh, req),
        ["sales", "opportunities", "statuses", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || sales::statuses(sh, req, w)),
            None => none(),
        },
        ["sales", "opportunities", "types", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || sales::types(sh, req, w)),
            None => none(),
        },
        ["sales", "opportunities", o] if *m == Method::PATCH => match id(o) {
            Some(o) => sales::patch(sh, req, o),
            None => none(),
        },
        ["sales", "opportunities", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || sales::opportunities(sh, req, w)),
            None => none(),
        },
        ["sales", "stages", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || sales::stages(sh, req, w)),
            None => none(),
        },
        ["finance", "agreements", a, "additions", rest @ ..] => match (id(a), want(rest)) {
            (Some(a), Some(w)) => get_only(m, || billing::additions(sh, req, a, w)),
            _ => none(),
        },
        ["finance", "agreements", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || billing::agreements(sh, req, w)),
            None => none(),
        },
        ["time", "entries"] if *m == Method::POST => billing::create(sh, req),
        ["time", "entries", t] if *m == Method::PATCH => match id(t) {
            Some(t) => billing::patch(sh, req, t),
            None => none(),
        },
        ["time", "entries", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || billing::time_entries(sh, req, w)),
            None => none(),
        },
        ["project", "tickets"] if *m == Method::POST => projects::create(sh, req),
        ["project", "tickets", t] if *m == Method::PATCH => match id(t) {
            Some(t) => projects::patch(sh, req, t),
            None => none(),
        },
        ["project", "tickets", t, "notes"] if *m == Method::POST => match id(t) {
            Some(t) => projects::add_note(sh, req, t),
            None => none(),
        },
        ["project", "tickets", t, "notes", rest @ ..] => match (id(t), want(rest)) {
            (Some(t), Some(w)) => get_only(m, || projects::notes(sh, req, t, w)),
            _ => none(),
        },
        ["project", "tickets", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || projects::read(sh, req, w)),
            None => none(),
        },
        ["schedule", "entries"] if *m == Method::POST => schedule::create(sh, req),
        ["schedule", "entries", e] if *m == Method::PATCH || *m == Method::DELETE => {
            match (id(e), m.clone()) {
                (Some(e), Method::PATCH) => schedule::patch(sh, req, e),
                (Some(e), _) => schedule::delete(sh, e),
                (None, _) => none(),
            }
        }
        ["schedule", "entries", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || schedule::read(sh, req, w)),
            None => none(),
        },
        ["system", "documents"] if *m == Method::POST => documents::upload(sh, req),
        ["system", "documents", d, "download"] => match id(d) {
            Some(d) => get_only(m, || documents::download(sh, d)),
            None => none(),
        },
        ["system", "documents", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || documents::read(sh, req, w)),
            None => none(),
        },
        ["system", "callbacks"] if *m == Method::POST => callbacks::create(sh, req),
        ["system", "callbacks", c] if *m == Method::DELETE => match id(c) {
            Some(c) => callbacks::delete(sh, c),
            None => none(),
        },
        ["system", "callbacks", rest @ ..] => match want(rest) {
            Some(w) => get_only(m, || callbacks::read(sh, req, w)),
            None => none(),
        },
        _ => none(),
    };
    outcome.unwrap_or_else(|e| e)
}
