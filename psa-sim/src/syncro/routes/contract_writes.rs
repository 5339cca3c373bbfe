//! `POST /contracts` and `PUT /contracts/{id}`, both under "Contracts - Edit" as the spec says;
//! the contract comes back flat. `customer_id` is required and must name a customer.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::syncro::billing::contract_json;
use crate::syncro::clock;
use crate::syncro::extract::{Allowed, ContractsEdit, Form, PathId};
use crate::syncro::params;
use crate::syncro::responses;
use crate::syncro::state::Shared;
use crate::syncro::store::{Contract, Store};

/// Applies the body to `c`; the 422 message when something is wrong.
fn apply(
    c: &mut Contract,
    body: &Map<String, Value>,
    s: &Store,
    offset: time::UtcOffset,
) -> Result<(), String> {
    match params::int(body.get("customer_id")) {
        Some(id) if s.customers.contains_key(&id) => c.customer_id = id,
        _ => return Err("Customer must exist".into()),
    }
    for (key, field) in [
        ("name", &mut c.name),
        ("contract_amount", &mut c.contract_amount),
        ("description", &mut c.description),
        ("status", &mut c.status),
    ] {
        if let Some(v) = params::string(body.get(key)) {
            *field = v;
        }
    }
    if let Some(l) = params::int(body.get("likelihood")) {
        c.likelihood = l;
    }
    for (key, field) in [
        ("start_date", &mut c.start_date),
        ("end_date", &mut c.end_date),
    ] {
        if let Some(v) = params::string(body.get(key)).filter(|v| !v.trim().is_empty()) {
            *field =
                clock::parse(&v, offset).ok_or_else(|| format!("{key} is not a valid date"))?;
        }
    }
    Ok(())
}

/// `POST /contracts`.
pub(crate) async fn create(
    State(sim): State<Shared>,
    _: Allowed<ContractsEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let now = clock::now();
    let mut c = Contract {
        id: s.contracts.keys().next_back().map_or(1, |k| k + 1),
        customer_id: 0,
        name: String::new(),
        contract_amount: String::new(),
        start_date: now,
        end_date: now,
        description: String::new(),
        status: String::new(),
        likelihood: 0,
        created_at: now,
        updated_at: now,
    };
    if let Err(m) = apply(&mut c, &body, &s, sim.account.offset) {
        return responses::invalid(&[&m]);
    }
    let out = contract_json(&sim.account, &c);
    s.contracts.insert(c.id, c);
    responses::ok(&out)
}

/// `PUT /contracts/{id}`.
pub(crate) async fn update(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<ContractsEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut c) = id.and_then(|id| s.contracts.get(&id)).cloned() else {
        return responses::not_found();
    };
    if let Err(m) = apply(&mut c, &body, &s, sim.account.offset) {
        return responses::invalid(&[&m]);
    }
    c.updated_at = clock::now();
    let out = contract_json(&sim.account, &c);
    s.contracts.insert(c.id, c);
    responses::ok(&out)
}
