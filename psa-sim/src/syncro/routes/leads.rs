//! `/leads`, `/leads/{id}`: list and show need "Leads - List/Search"; the spec names no right
//! for `POST` and `PUT`, so a valid token is enough. There is no `DELETE /leads`.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value, json};

use super::{contains_ci, full_meta};
use crate::syncro::clock;
use crate::syncro::extract::{Allowed, Authed, Form, LeadsList, PathId};
use crate::syncro::leads::{LEAD_STATUSES, lead_json};
use crate::syncro::params;
use crate::syncro::responses;
use crate::syncro::state::Shared;
use crate::syncro::store::Lead;

/// `GET /leads`: `statuses[]`, `status_list` (comma separated), `users[]`, `mailbox_ids[]`,
/// `has_ticket`, `query` (names, business, email), `page` (25 per page).
pub(crate) async fn list(State(sim): State<Shared>, Allowed(q, _): Allowed<LeadsList>) -> Response {
    let s = sim.tenant.read();
    let mut statuses: Vec<String> = q.all("statuses").iter().map(|v| v.to_lowercase()).collect();
    if let Some(list) = q.non_empty("status_list") {
        statuses.extend(list.split(',').map(|v| v.trim().to_lowercase()));
    }
    let users: Vec<Option<i64>> = q
        .all("users")
        .iter()
        .map(|v| v.trim().parse().ok())
        .collect();
    let mailboxes: Vec<Option<i64>> = q
        .all("mailbox_ids")
        .iter()
        .map(|v| v.trim().parse().ok())
        .collect();
    let has_ticket = q.flag("has_ticket");
    let needle = q.non_empty("query").map(str::to_lowercase);
    let has = |f: &Option<String>, n: &str| f.as_deref().is_some_and(|v| contains_ci(v, n));
    let picked: Vec<&Lead> = s
        .leads
        .values()
        .filter(|l| statuses.is_empty() || statuses.contains(&l.status.to_lowercase()))
        .filter(|l| users.is_empty() || users.contains(&l.user_id))
        .filter(|l| mailboxes.is_empty() || mailboxes.contains(&l.mailbox_id))
        .filter(|l| has_ticket.is_none_or(|h| l.ticket_id.is_some() == h))
        .filter(|l| {
            needle.as_deref().is_none_or(|n| {
                has(&l.first_name, n)
                    || has(&l.last_name, n)
                    || has(&l.email, n)
                    || contains_ci(&l.business_then_name(&s), n)
            })
        })
        .collect();
    let per = sim.pages.leads;
    let page = q.page();
    let total = picked.len();
    let items: Vec<Value> = picked
        .into_iter()
        .skip((page - 1).saturating_mul(per))
        .take(per)
        .map(|l| lead_json(&sim.account, &s, l))
        .collect();
    responses::ok(&json!({ "leads": items, "meta": full_meta(total, per, page) }))
}

/// `GET /leads/{id}` → `{"lead": …}`.
pub(crate) async fn show(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<LeadsList>,
) -> Response {
    let s = sim.tenant.read();
    match id.and_then(|id| s.leads.get(&id)) {
        Some(l) => responses::ok(&json!({ "lead": lead_json(&sim.account, &s, l) })),
        None => responses::not_found(),
    }
}

/// Applies the writable fields of the spec's request schema that the sim renders.
fn apply(l: &mut Lead, body: &Map<String, Value>) {
    let text = |key: &str, field: &mut Option<String>| {
        if params::sent(body, key) {
            *field = params::string(body.get(key));
        }
    };
    text("first_name", &mut l.first_name);
    text("last_name", &mut l.last_name);
    text("business_name", &mut l.business_name);
    text("email", &mut l.email);
    text("phone", &mut l.phone);
    text("mobile", &mut l.mobile);
    text("address", &mut l.address);
    text("city", &mut l.city);
    text("state", &mut l.state);
    text("zip", &mut l.zip);
    text("ticket_subject", &mut l.ticket_subject);
    text("ticket_description", &mut l.ticket_description);
    text("ticket_problem_type", &mut l.ticket_problem_type);
    let id = |key: &str, field: &mut Option<i64>| {
        if params::sent(body, key) {
            *field = params::int(body.get(key));
        }
    };
    id("customer_id", &mut l.customer_id);
    id("contact_id", &mut l.contact_id);
    id("ticket_id", &mut l.ticket_id);
    id("user_id", &mut l.user_id);
    id("location_id", &mut l.location_id);
    id("mailbox_id", &mut l.mailbox_id);
    if let Some(read) = params::boolean(body.get("message_read")) {
        l.message_read = read;
    }
    if let Some(status) = params::string(body.get("status")) {
        l.status = status;
    }
}

/// The 422s the sim gives: the spec's example (a check-in lead needs a ticket description) and
/// a status outside the spec's list, in the spec's body shape.
fn invalid(l: &Lead, body: &Map<String, Value>) -> Option<Response> {
    let mut messages = Vec::new();
    let from_check_in = params::boolean(body.get("from_check_in")) == Some(true);
    if from_check_in
        && l.ticket_description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
    {
        messages.push("Ticket description can't be blank".to_string());
    }
    if !LEAD_STATUSES
        .iter()
        .any(|s| s.eq_ignore_ascii_case(&l.status))
    {
        messages.push("Status is not included in the list".to_string());
    }
    (!messages.is_empty()).then(|| {
        responses::json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({"success": false, "message": messages, "params": Value::Object(body.clone())}),
        )
    })
}

/// `POST /leads` → `{"lead": …}`.
pub(crate) async fn create(State(sim): State<Shared>, _: Authed, Form(body): Form) -> Response {
    let mut l = Lead::new(0, clock::now());
    apply(&mut l, &body);
    if let Some(r) = invalid(&l, &body) {
        return r;
    }
    let mut s = sim.tenant.write();
    l.id = s.new_lead_id();
    let out = lead_json(&sim.account, &s, &l);
    s.leads.insert(l.id, l);
    responses::ok(&json!({ "lead": out }))
}

/// `PUT /leads/{id}`, partial → `{"lead": …}`.
pub(crate) async fn update(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Authed,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut l) = id.and_then(|id| s.leads.get(&id)).cloned() else {
        return responses::not_found();
    };
    apply(&mut l, &body);
    if let Some(r) = invalid(&l, &body) {
        return r;
    }
    l.updated_at = clock::now();
    let out = lead_json(&sim.account, &s, &l);
    s.leads.insert(l.id, l);
    responses::ok(&json!({ "lead": out }))
}
