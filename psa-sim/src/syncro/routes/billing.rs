//! `/contracts`, `/contracts/{id}`, `/invoices`, `/invoices/{id}` and `/ticket_timers`, read-only, with the spec's rights:
//! "Contracts - List/Search" for the list, "Contracts - Edit" for the detail (as the spec says),
//! "Ticket Timers - Overview" for timers.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::full_meta;
use crate::syncro::billing::{contract_json, invoice_json, timer_json};
use crate::syncro::extract::{
    Allowed, ContractsEdit, ContractsList, InvoicesList, InvoicesView, PathId, TimersOverview,
};
use crate::syncro::responses;
use crate::syncro::state::Shared;

/// `GET /contracts?page=` (50 per page): `{"contracts": […], "meta": {…}}`.
pub(crate) async fn list(
    State(sim): State<Shared>,
    Allowed(q, _): Allowed<ContractsList>,
) -> Response {
    let s = sim.tenant.read();
    let per = 50;
    let page = q.page();
    let items: Vec<Value> = s
        .contracts
        .values()
        .skip((page - 1).saturating_mul(per))
        .take(per)
        .map(|c| contract_json(&sim.account, c))
        .collect();
    responses::ok(&json!({ "contracts": items, "meta": full_meta(s.contracts.len(), per, page) }))
}

/// `GET /contracts/{id}`: the contract, flat (not wrapped).
pub(crate) async fn show(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<ContractsEdit>,
) -> Response {
    let s = sim.tenant.read();
    match id.and_then(|id| s.contracts.get(&id)) {
        Some(c) => responses::ok(&contract_json(&sim.account, c)),
        None => responses::not_found(),
    }
}

/// A `created_at_gt` / `created_at_lt` value: a date-time, or a bare date (the spec's example
/// is `"2019-01-22"`) read as midnight UTC.
fn moment(v: &str) -> Option<OffsetDateTime> {
    let v = v.trim();
    OffsetDateTime::parse(v, &Rfc3339).ok().or_else(|| {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(v, &fmt)
            .ok()
            .map(|d| d.midnight().assume_utc())
    })
}

/// `GET /ticket_timers?created_at_gt=&created_at_lt=&page=` (25 per page); the meta carries
/// only `total_pages` and `page`, as in the spec example.
pub(crate) async fn timers(
    State(sim): State<Shared>,
    Allowed(q, _): Allowed<TimersOverview>,
) -> Response {
    let s = sim.tenant.read();
    let after = q.non_empty("created_at_gt").and_then(moment);
    let before = q.non_empty("created_at_lt").and_then(moment);
    let picked: Vec<_> = s
        .timers
        .values()
        .filter(|t| after.is_none_or(|a| t.created_at > a))
        .filter(|t| before.is_none_or(|b| t.created_at < b))
        .collect();
    let per = 25;
    let page = q.page();
    let total_pages = super::total_pages(picked.len(), per);
    let items: Vec<Value> = picked
        .into_iter()
        .skip((page - 1).saturating_mul(per))
        .take(per)
        .map(|t| timer_json(&sim.account, t))
        .collect();
    responses::ok(
        &json!({ "ticket_timers": items, "meta": {"total_pages": total_pages, "page": page} }),
    )
}

/// `GET /invoices?paid=&unpaid=&ticket_id=&page=` (25 per page; `since_updated_at` is read as a
/// date or date-time).
pub(crate) async fn invoices(
    State(sim): State<Shared>,
    Allowed(q, _): Allowed<InvoicesList>,
) -> Response {
    let s = sim.tenant.read();
    let paid = q.flag("paid") == Some(true);
    let unpaid = q.flag("unpaid") == Some(true);
    let ticket: Option<Option<i64>> = q.non_empty("ticket_id").map(|v| v.parse().ok());
    let since = q.non_empty("since_updated_at").and_then(moment);
    let picked: Vec<_> = s
        .invoices
        .values()
        .filter(|i| !paid || i.paid)
        .filter(|i| !unpaid || !i.paid)
        .filter(|i| ticket.is_none_or(|t| t.is_some() && i.ticket_id == t))
        .filter(|i| since.is_none_or(|at| i.created_at >= at))
        .collect();
    let per = 25;
    let page = q.page();
    let total_pages = super::total_pages(picked.len(), per);
    let items: Vec<Value> = picked
        .into_iter()
        .skip((page - 1).saturating_mul(per))
        .take(per)
        .map(|i| invoice_json(&sim.account, i))
        .collect();
    responses::ok(&json!({ "invoices": items, "meta": {"total_pages": total_pages, "page": page} }))
}

/// `GET /invoices/{id}`: by id or by number, flat as the spec's schema shows it.
pub(crate) async fn invoice(
    State(sim): State<Shared>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    _: Allowed<InvoicesView>,
) -> Response {
    let s = sim.tenant.read();
    let raw = raw.trim();
    let found = s
        .invoices
        .values()
        .find(|i| raw.parse::<i64>().is_ok_and(|id| id == i.id) || i.number == raw);
    match found {
        Some(i) => responses::ok(&invoice_json(&sim.account, i)),
        None => responses::not_found(),
    }
}
