//! Company and contact writes: `POST`, `PATCH` (JSON patch) and `DELETE` on
//! `/company/companies` and `/company/contacts`, guarded by the role's Companies > Company
//! Maintenance and Companies > Contacts rows. Each write is announced to the `company` or
//! `contact` callbacks with the record's JSON (null on delete).

use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value};

use super::input::{self, Handled, check_members, conversion_error};
use crate::connectwise::entities::{CompanyView, ContactView, Cx, Entity};
use crate::connectwise::permissions::{COMPANY_MAINTENANCE, CONTACTS, Op};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::{CompanyRec, ContactRec, Store};
use crate::connectwise::wire::{self, FieldError};

/// Company members the simulator stores; the rest of the `Company` model is not writable here.
const COMPANY_WRITABLE: &[&str] = &["id", "identifier", "name", "phoneNumber", "city", "state"];

/// Contact members the simulator stores.
const CONTACT_WRITABLE: &[&str] = &[
    "id",
    "firstName",
    "lastName",
    "company",
    "title",
    "inactiveFlag",
];

fn company_errors(st: &Store, id: i64, identifier: &str, name: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let ident = identifier.trim();
    if ident.is_empty() {
        errors.push(FieldError::missing("identifier"));
    } else if ident.chars().count() > 25 {
        errors.push(FieldError::invalid(
            "identifier",
            "The field identifier must be a string with a maximum length of 25.",
        ));
    } else if st
        .companies
        .values()
        .any(|c| c.id != id && c.identifier.eq_ignore_ascii_case(ident))
    {
        errors.push(FieldError::invalid(
            "identifier",
            "The identifier is already in use.",
        ));
    }
    if name.trim().is_empty() {
        errors.push(FieldError::missing("name"));
    } else if name.trim().chars().count() > 50 {
        errors.push(FieldError::invalid(
            "name",
            "The field name must be a string with a maximum length of 50.",
        ));
    }
    errors
}

fn company_json(sh: &Inner, st: &Store, c: &CompanyRec) -> Value {
    let api = format!("{}/{}apis/3.0/", sh.origin(), sh.codebase());
    CompanyView(c).render(&Cx { st, api: &api })
}

fn contact_json(sh: &Inner, st: &Store, c: &ContactRec) -> Value {
    let api = format!("{}/{}apis/3.0/", sh.origin(), sh.codebase());
    ContactView(c).render(&Cx { st, api: &api })
}

/// `POST /company/companies` (Company Maintenance add): `identifier` (unique) and `name`.
pub(crate) fn create_company(sh: &Inner, req: &Req) -> Handled {
    sh.require(COMPANY_MAINTENANCE, Op::Add)?;
    let body = input::object(&req.body, "Company")?;
    check_members(&req.body, &body, COMPANY_WRITABLE, "Company", "")?;
    let identifier = input::string(&body, "identifier")?.unwrap_or_default();
    let name = input::string(&body, "name")?.unwrap_or_default();
    let mut st = sh.write();
    let errors = company_errors(&st, 0, &identifier, &name);
    if !errors.is_empty() {
        return Err(wire::invalid_object("company", &errors));
    }
    let now = wire::now();
    let id = st.companies.keys().last().map_or(250, |k| k + 1);
    let rec = CompanyRec {
        id,
        identifier: identifier.trim().to_string(),
        name: name.trim().to_string(),
        city: input::string(&body, "city")?.unwrap_or_default(),
        state: input::string(&body, "state")?.unwrap_or_default(),
        phone: input::string(&body, "phoneNumber")?.unwrap_or_default(),
        default_contact: None,
        entered: now,
        updated: now,
    };
    st.companies.insert(id, rec.clone());
    let json = company_json(sh, &st, &rec);
    sh.announce_record(&st, "added", "company", id, id, Some(json.clone()));
    Ok(wire::json(StatusCode::CREATED, &json))
}

/// `PATCH /company/companies/{id}` (Company Maintenance edit).
pub(crate) fn patch_company(sh: &Inner, req: &Req, id: i64) -> Handled {
    sh.require(COMPANY_MAINTENANCE, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let Some(old) = st.companies.get(&id).cloned() else {
        return Err(wire::not_found("Company", id));
    };
    let mut after = company_json(sh, &st, &old);
    crate::connectwise::patch::apply(&mut after, &doc, &|m| COMPANY_WRITABLE.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let body = after.as_object().unwrap_or(&empty);
    let identifier = input::string(body, "identifier")?.unwrap_or_default();
    let name = input::string(body, "name")?.unwrap_or_default();
    let errors = company_errors(&st, id, &identifier, &name);
    if !errors.is_empty() {
        return Err(wire::invalid_object("company", &errors));
    }
    let rec = CompanyRec {
        identifier: identifier.trim().to_string(),
        name: name.trim().to_string(),
        city: input::string(body, "city")?.unwrap_or_default(),
        state: input::string(body, "state")?.unwrap_or_default(),
        phone: input::string(body, "phoneNumber")?.unwrap_or_default(),
        updated: wire::now(),
        ..old
    };
    st.companies.insert(id, rec.clone());
    let json = company_json(sh, &st, &rec);
    sh.announce_record(&st, "updated", "company", id, id, Some(json.clone()));
    Ok(wire::json(StatusCode::OK, &json))
}

fn no_content() -> Response {
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    resp
}

/// `DELETE /company/companies/{id}` (Company Maintenance delete); a company that still has
/// contacts, tickets, project tickets or opportunities is refused.
pub(crate) fn delete_company(sh: &Inner, id: i64) -> Handled {
    sh.require(COMPANY_MAINTENANCE, Op::Delete)?;
    let mut st = sh.write();
    if !st.companies.contains_key(&id) {
        return Err(wire::not_found("Company", id));
    }
    let in_use = st.contacts.values().any(|c| c.company == id)
        || st.tickets.values().any(|t| t.company == id)
        || st.work.tickets.values().any(|t| t.company == id)
        || st.opportunities.values().any(|o| o.company == id);
    if in_use {
        return Err(wire::invalid_object(
            "company",
            &[FieldError::invalid(
                "id",
                "The company has contacts, tickets or opportunities and cannot be deleted.",
            )],
        ));
    }
    st.companies.remove(&id);
    sh.announce_record(&st, "deleted", "company", id, id, None);
    Ok(no_content())
}

/// The contact's company id from a `company` reference.
fn company_of(body: &Map<String, Value>) -> Result<Option<i64>, Response> {
    match input::member(body, "company") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(input::member(m, "id").and_then(Value::as_i64)),
        Some(other) => Err(conversion_error(other, "CompanyReference", "company")),
    }
}

fn contact_errors(st: &Store, first: &str, last: &str, company: Option<i64>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if first.trim().is_empty() {
        errors.push(FieldError::missing("firstName"));
    }
    for (field, v) in [("firstName", first), ("lastName", last)] {
        if v.trim().chars().count() > 30 {
            errors.push(FieldError::invalid(
                field,
                format!("The field {field} must be a string with a maximum length of 30."),
            ));
        }
    }
    if company.is_some_and(|c| !st.companies.contains_key(&c)) {
        errors.push(FieldError::invalid("company", "The company was not found."));
    }
    errors
}

/// `POST /company/contacts` (Contacts add): `firstName` required.
pub(crate) fn create_contact(sh: &Inner, req: &Req) -> Handled {
    sh.require(CONTACTS, Op::Add)?;
    let body = input::object(&req.body, "Contact")?;
    check_members(&req.body, &body, CONTACT_WRITABLE, "Contact", "")?;
    let first = input::string(&body, "firstName")?.unwrap_or_default();
    let last = input::string(&body, "lastName")?.unwrap_or_default();
    let company = company_of(&body)?;
    let mut st = sh.write();
    let errors = contact_errors(&st, &first, &last, company);
    if !errors.is_empty() {
        return Err(wire::invalid_object("contact", &errors));
    }
    let id = st.contacts.keys().last().map_or(500, |k| k + 1);
    let rec = ContactRec {
        id,
        first_name: first.trim().to_string(),
        last_name: last.trim().to_string(),
        company: company.unwrap_or_default(),
        title: input::string(&body, "title")?.unwrap_or_default(),
        inactive: input::flag(&body, "inactiveFlag", false)?,
        items: Vec::new(),
        updated: wire::now(),
    };
    st.contacts.insert(id, rec.clone());
    let json = contact_json(sh, &st, &rec);
    sh.announce_record(&st, "added", "contact", id, rec.company, Some(json.clone()));
    Ok(wire::json(StatusCode::CREATED, &json))
}

/// `PATCH /company/contacts/{id}` (Contacts edit).
pub(crate) fn patch_contact(sh: &Inner, req: &Req, id: i64) -> Handled {
    sh.require(CONTACTS, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let Some(old) = st.contacts.get(&id).cloned() else {
        return Err(wire::not_found("Contact", id));
    };
    let mut after = contact_json(sh, &st, &old);
    crate::connectwise::patch::apply(&mut after, &doc, &|m| CONTACT_WRITABLE.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let body = after.as_object().unwrap_or(&empty);
    let first = input::string(body, "firstName")?.unwrap_or_default();
    let last = input::string(body, "lastName")?.unwrap_or_default();
    let company = company_of(body)?;
    let errors = contact_errors(&st, &first, &last, company);
    if !errors.is_empty() {
        return Err(wire::invalid_object("contact", &errors));
    }
    let rec = ContactRec {
        first_name: first.trim().to_string(),
        last_name: last.trim().to_string(),
        company: company.unwrap_or(old.company),
        title: input::string(body, "title")?.unwrap_or_default(),
        inactive: input::flag(body, "inactiveFlag", old.inactive)?,
        updated: wire::now(),
        ..old
    };
    st.contacts.insert(id, rec.clone());
    let json = contact_json(sh, &st, &rec);
    sh.announce_record(
        &st,
        "updated",
        "contact",
        id,
        rec.company,
        Some(json.clone()),
    );
    Ok(wire::json(StatusCode::OK, &json))
}

/// `DELETE /company/contacts/{id}` (Contacts delete).
pub(crate) fn delete_contact(sh: &Inner, id: i64) -> Handled {
    sh.require(CONTACTS, Op::Delete)?;
    let mut st = sh.write();
    let Some(old) = st.contacts.remove(&id) else {
        return Err(wire::not_found("Contact", id));
    };
    sh.announce_record(&st, "deleted", "contact", id, old.company, None);
    Ok(no_content())
}
