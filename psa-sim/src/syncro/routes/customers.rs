//! `/customers`, `/customers/{id}`, `/contacts`, `/contacts/{id}`.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value, json};

use super::{contains_ci, full_meta};
use crate::syncro::clock;
use crate::syncro::extract::{
    Allowed, Authed, CustomersCreate, CustomersEdit, CustomersList, CustomersView, Form, PathId,
};
use crate::syncro::params::{self};
use crate::syncro::responses;
use crate::syncro::state::{Shared, Sim};
use crate::syncro::store::{Contact, Customer, Store};
use crate::syncro::wire;

/// Rails' email format check, loosely: something@something.something.
fn is_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(' ')
        }
        None => false,
    }
}

fn customer_json(sim: &Sim, s: &Store, c: &Customer) -> Value {
    wire::customer(&sim.account, c, &s.contacts_of(c.id))
}

/// Orders customers by the `sort` param (`"firstname ASC"`, `"city DESC"`); unknown fields are
/// ignored. Without it the sim lists by id (the live default order is undocumented).
fn sort_customers(list: &mut [&Customer], sort: Option<&str>) {
    let Some(sort) = sort else { return };
    let mut words = sort.split_whitespace();
    let field = words.next().unwrap_or("").to_ascii_lowercase();
    let desc = words.next().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
    let key = |c: &Customer| -> Option<String> {
        match field.as_str() {
            "firstname" => c.firstname.clone(),
            "lastname" => c.lastname.clone(),
            "business_name" => c.business_name.clone(),
            "business_then_name" => Some(c.business_then_name()),
            "email" => c.email.clone(),
            "city" => c.city.clone(),
            "created_at" => Some(c.created_at.unix_timestamp_nanos().to_string()),
            "updated_at" => Some(c.updated_at.unix_timestamp_nanos().to_string()),
            _ => None,
        }
        .map(|s| s.to_lowercase())
    };
    if !matches!(
        field.as_str(),
        "firstname"
            | "lastname"
            | "business_name"
            | "business_then_name"
            | "email"
            | "city"
            | "created_at"
            | "updated_at"
            | "id"
    ) {
        return;
    }
    list.sort_by(|a, b| {
        let ord = if field == "id" {
            a.id.cmp(&b.id)
        } else {
            key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
        };
        if desc { ord.reverse() } else { ord }
    });
}

/// `GET /customers`: `query` (names, email, phone), `firstname`/`lastname`/`business_name`
/// (contains, case-insensitive), `email` (equal, case-insensitive), `id[]`, `not_id[]`
/// (`id_not[]` too), `include_disabled`, `sort`, `page`. Meta with `total_entries`/`per_page`.
pub(crate) async fn list(
    State(sim): State<Shared>,
    Allowed(q, _): Allowed<CustomersList>,
) -> Response {
    let s = sim.tenant.read();
    let needle = q.non_empty("query").map(str::to_lowercase);
    let first = q.non_empty("firstname").map(str::to_lowercase);
    let last = q.non_empty("lastname").map(str::to_lowercase);
    let business = q.non_empty("business_name").map(str::to_lowercase);
    let email = q.non_empty("email").map(str::to_lowercase);
    let ids: Vec<Option<i64>> = q.all("id").iter().map(|v| v.trim().parse().ok()).collect();
    let mut not_ids: Vec<Option<i64>> = q
        .all("not_id")
        .iter()
        .map(|v| v.trim().parse().ok())
        .collect();
    not_ids.extend(q.all("id_not").iter().map(|v| v.trim().parse::<i64>().ok()));
    let include_disabled = q.flag("include_disabled") == Some(true);
    let has = |field: &Option<String>, n: &str| field.as_deref().is_some_and(|f| contains_ci(f, n));
    let mut picked: Vec<&Customer> = s
        .customers
        .values()
        .filter(|c| include_disabled || !c.disabled)
        .filter(|c| ids.is_empty() || ids.contains(&Some(c.id)))
        .filter(|c| !not_ids.contains(&Some(c.id)))
        .filter(|c| first.as_deref().is_none_or(|n| has(&c.firstname, n)))
        .filter(|c| last.as_deref().is_none_or(|n| has(&c.lastname, n)))
        .filter(|c| business.as_deref().is_none_or(|n| has(&c.business_name, n)))
        .filter(|c| {
            email.as_deref().is_none_or(|e| {
                c.email
                    .as_deref()
                    .is_some_and(|ce| ce.trim().to_lowercase() == e)
            })
        })
        .filter(|c| {
            needle.as_deref().is_none_or(|n| {
                contains_ci(&c.business_and_full_name(), n)
                    || has(&c.email, n)
                    || has(&c.phone, n)
                    || has(&c.mobile, n)
            })
        })
        .collect();
    sort_customers(&mut picked, q.non_empty("sort"));
    let per = sim.pages.customers;
    let page = q.page();
    let total = picked.len();
    let items: Vec<Value> = picked
        .into_iter()
        .skip((page - 1).saturating_mul(per))
        .take(per)
        .map(|c| customer_json(&sim, &s, c))
        .collect();
    responses::ok(&json!({ "customers": items, "meta": full_meta(total, per, page) }))
}

/// `GET /customers/autocomplete?query=`: `{"customers": […]}` with no `meta`. The spec names no
/// permission for it, so a valid token is enough. Matching is the list's `query` search over
/// enabled customers; the sim returns at most one customer page (the live size is undocumented).
pub(crate) async fn autocomplete(State(sim): State<Shared>, Authed(q): Authed) -> Response {
    let s = sim.tenant.read();
    let needle = q.non_empty("query").map(str::to_lowercase);
    let has = |field: &Option<String>, n: &str| field.as_deref().is_some_and(|f| contains_ci(f, n));
    let items: Vec<Value> = s
        .customers
        .values()
        .filter(|c| !c.disabled)
        .filter(|c| {
            needle.as_deref().is_none_or(|n| {
                contains_ci(&c.business_and_full_name(), n)
                    || has(&c.email, n)
                    || has(&c.phone, n)
                    || has(&c.mobile, n)
            })
        })
        .take(sim.pages.customers)
        .map(|c| customer_json(&sim, &s, c))
        .collect();
    responses::ok(&json!({ "customers": items }))
}

/// `GET /customers/{id}` → `{"customer": …}`.
pub(crate) async fn show(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<CustomersView>,
) -> Response {
    let s = sim.tenant.read();
    match id.and_then(|id| s.customers.get(&id)) {
        Some(c) => responses::ok(&json!({ "customer": customer_json(&sim, &s, c) })),
        None => responses::not_found(),
    }
}

/// Applies the writable customer fields that were sent.
fn apply_customer(c: &mut Customer, body: &Map<String, Value>) {
    let text = |key: &str, field: &mut Option<String>| {
        if params::sent(body, key) {
            *field = params::string(body.get(key));
        }
    };
    text("firstname", &mut c.firstname);
    text("lastname", &mut c.lastname);
    text("business_name", &mut c.business_name);
    text("email", &mut c.email);
    text("phone", &mut c.phone);
    text("mobile", &mut c.mobile);
    text("address", &mut c.address);
    text("address_2", &mut c.address_2);
    text("city", &mut c.city);
    text("state", &mut c.state);
    text("zip", &mut c.zip);
    text("notes", &mut c.notes);
    let flag = |key: &str, field: &mut bool| {
        if let Some(b) = params::boolean(body.get(key)) {
            *field = b;
        }
    };
    flag("disabled", &mut c.disabled);
    flag("no_email", &mut c.no_email);
    flag("opt_out", &mut c.opt_out);
    flag("get_sms", &mut c.get_sms);
    if let Some(Value::Object(p)) = body.get("properties") {
        c.properties = p.clone();
    }
}

fn customer_invalid(c: &Customer, body: &Map<String, Value>) -> Option<Response> {
    let email = c.email.as_deref().filter(|e| !e.trim().is_empty())?;
    if is_email(email) {
        return None;
    }
    Some(responses::json(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"success": false, "message": ["Email is not an email"], "params": Value::Object(body.clone())}),
    ))
}

/// `POST /customers` ("Customers - Create", not in the recommended token).
pub(crate) async fn create(
    State(sim): State<Shared>,
    _: Allowed<CustomersCreate>,
    Form(body): Form,
) -> Response {
    let now = clock::now();
    let mut c = Customer {
        id: 0,
        firstname: None,
        lastname: None,
        business_name: None,
        email: None,
        phone: None,
        mobile: None,
        address: None,
        address_2: None,
        city: None,
        state: None,
        zip: None,
        notes: None,
        disabled: false,
        no_email: false,
        opt_out: false,
        get_sms: false,
        properties: Map::new(),
        portal_key: String::new(),
        created_at: now,
        updated_at: now,
    };
    apply_customer(&mut c, &body);
    if let Some(r) = customer_invalid(&c, &body) {
        return r;
    }
    let mut s = sim.tenant.write();
    c.id = s.new_customer_id();
    c.portal_key = format!("{:020x}", (c.id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let out = customer_json(&sim, &s, &c);
    if sim.hooks.enabled() {
        let link = format!("{}/customers/{}", sim.account.web_root(), c.id);
        sim.hooks.send(
            "New Customer Created!",
            &c.business_then_name(),
            link,
            out.clone(),
        );
    }
    s.insert_customer(c);
    responses::ok(&json!({ "customer": out }))
}

/// `PUT /customers/{id}` ("Customers - Edit"), partial.
pub(crate) async fn update(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<CustomersEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut c) = id.and_then(|id| s.customers.get(&id)).cloned() else {
        return responses::not_found();
    };
    apply_customer(&mut c, &body);
    if let Some(r) = customer_invalid(&c, &body) {
        return r;
    }
    c.updated_at = clock::now();
    let out = customer_json(&sim, &s, &c);
    s.customers.insert(c.id, c);
    responses::ok(&json!({ "customer": out }))
}

/// `GET /contacts?customer_id=&page=` ("Customers - View Detail"): `{"contacts": […], "meta":
/// {…, "per_page": 50}}`. `customer_id` is the only filter (there is no email filter).
pub(crate) async fn contacts(
    State(sim): State<Shared>,
    Allowed(q, _): Allowed<CustomersView>,
) -> Response {
    let s = sim.tenant.read();
    let per = sim.pages.contacts;
    let page = q.page();
    let skip = (page - 1).saturating_mul(per);
    let (total, items): (usize, Vec<Value>) =
        match q.non_empty("customer_id").map(|v| v.parse::<i64>().ok()) {
            Some(want) => {
                let list = want.map(|id| s.contacts_of(id)).unwrap_or_default();
                (
                    list.len(),
                    list.into_iter()
                        .skip(skip)
                        .take(per)
                        .map(|c| wire::contact(&sim.account, c))
                        .collect(),
                )
            }
            None => (
                s.contacts.len(),
                s.contacts
                    .values()
                    .skip(skip)
                    .take(per)
                    .map(|c| wire::contact(&sim.account, c))
                    .collect(),
            ),
        };
    responses::ok(&json!({ "contacts": items, "meta": full_meta(total, per, page) }))
}

/// `GET /contacts/{id}`: the contact itself, NOT wrapped in `{"contact": …}`.
pub(crate) async fn contact(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<CustomersView>,
) -> Response {
    let s = sim.tenant.read();
    match id.and_then(|id| s.contacts.get(&id)) {
        Some(c) => responses::ok(&wire::contact(&sim.account, c)),
        None => responses::not_found(),
    }
}

fn apply_contact(c: &mut Contact, body: &Map<String, Value>) {
    let text = |key: &str, field: &mut Option<String>| {
        if params::sent(body, key) {
            *field = params::string(body.get(key));
        }
    };
    text("name", &mut c.name);
    text("email", &mut c.email);
    text("phone", &mut c.phone);
    text("mobile", &mut c.mobile);
    text("address1", &mut c.address1);
    text("address2", &mut c.address2);
    text("city", &mut c.city);
    text("state", &mut c.state);
    text("zip", &mut c.zip);
    text("notes", &mut c.notes);
    text("extension", &mut c.extension);
    if let Some(b) = params::boolean(body.get("opt_out")) {
        c.opt_out = b;
    }
    if let Some(Value::Object(p)) = body.get("properties") {
        c.properties = p.clone();
    }
    // The live API keeps `title` in `properties.title` ([LIVE]).
    if let Some(title) = params::string(body.get("title")) {
        c.properties.insert("title".into(), Value::String(title));
    }
}

/// 422 `{"record": {…}, "errors": "Email is not an email"}` (contacts' own error shape).
fn contact_invalid(sim: &Sim, c: &Contact) -> Option<Response> {
    let email = c.email.as_deref().filter(|e| !e.trim().is_empty())?;
    if is_email(email) {
        return None;
    }
    let mut record = wire::contact(&sim.account, c);
    if let Value::Object(m) = &mut record
        && c.id == 0
    {
        for k in ["id", "created_at", "updated_at"] {
            m.insert(k.into(), Value::Null);
        }
    }
    Some(responses::json(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"record": record, "errors": "Email is not an email"}),
    ))
}

/// `POST /contacts` ("Customers - Edit"): `customer_id` must name a customer, else 404
/// `{"message":"Not found"}`. Returns the contact unwrapped.
pub(crate) async fn create_contact(
    State(sim): State<Shared>,
    _: Allowed<CustomersEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(customer_id) =
        params::int(body.get("customer_id")).filter(|id| s.customers.contains_key(id))
    else {
        return responses::not_found();
    };
    let now = clock::now();
    let mut c = Contact {
        id: 0,
        customer_id: Some(customer_id),
        name: None,
        email: None,
        phone: None,
        mobile: None,
        address1: None,
        address2: None,
        city: None,
        state: None,
        zip: None,
        notes: None,
        extension: None,
        opt_out: false,
        properties: Map::new(),
        created_at: now,
        updated_at: now,
    };
    apply_contact(&mut c, &body);
    if let Some(r) = contact_invalid(&sim, &c) {
        return r;
    }
    c.id = s.new_contact_id();
    let out = wire::contact(&sim.account, &c);
    if sim.hooks.enabled() {
        let link = format!("{}/customers/{}", sim.account.web_root(), customer_id);
        sim.hooks.send(
            "New Contact Created!",
            c.name.as_deref().unwrap_or(""),
            link,
            out.clone(),
        );
    }
    s.insert_contact(c);
    responses::ok(&out)
}

/// `PUT /contacts/{id}` ("Customers - Edit"), partial, unwrapped.
pub(crate) async fn update_contact(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<CustomersEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut c) = id.and_then(|id| s.contacts.get(&id)).cloned() else {
        return responses::not_found();
    };
    apply_contact(&mut c, &body);
    if let Some(r) = contact_invalid(&sim, &c) {
        return r;
    }
    c.updated_at = clock::now();
    let out = wire::contact(&sim.account, &c);
    s.contacts.insert(c.id, c);
    responses::ok(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_check_is_loose_but_not_empty_handed() {
        assert!(is_email("a@b.example"));
        assert!(!is_email("it is not an email"));
        assert!(!is_email("a@b"));
        assert!(!is_email("@b.example"));
    }
}
