//! `/sales/opportunities` (list, count, get, create) and its setup tables `/sales/stages`,
//! `/sales/opportunities/statuses`, `/sales/opportunities/types`, guarded by the role's
//! Sales > Opportunity row.

use http::StatusCode;
use serde_json::{Map, Value};

use super::input::{self, Handled, check_members, conversion_error};
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::{
    Cx, Entity, OppStatusView, OppTypeView, OpportunityView, STAGES, STATUSES, StageView, TYPES,
};
use crate::connectwise::permissions::{OPPORTUNITY, Op};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::{OpportunityRec, Store};
use crate::connectwise::wire::{self, FieldError};

pub(crate) fn opportunities(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(OPPORTUNITY),
        "Opportunity",
        |cx, a| a.items(cx, cx.st.opportunities.values().map(OpportunityView)),
    )
}

pub(crate) fn stages(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(OPPORTUNITY),
        "OpportunityStage",
        |cx, a| a.items(cx, STAGES.iter().map(StageView)),
    )
}

pub(crate) fn statuses(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(OPPORTUNITY),
        "OpportunityStatus",
        |cx, a| a.items(cx, STATUSES.iter().map(OppStatusView)),
    )
}

pub(crate) fn types(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(OPPORTUNITY),
        "OpportunityType",
        |cx, a| a.items(cx, TYPES.iter().map(OppTypeView)),
    )
}

const WRITABLE: &[&str] = &[
    "id",
    "name",
    "expectedCloseDate",
    "type",
    "stage",
    "status",
    "priority",
    "notes",
    "probability",
    "source",
    "rating",
    "campaign",
    "primarySalesRep",
    "secondarySalesRep",
    "locationId",
    "businessUnitId",
    "company",
    "contact",
    "site",
    "customerPO",
    "customFields",
    "_info",
];

/// The id inside a reference member (`{"id": n}`), or a conversion error.
pub(crate) fn ref_id(
    body: &Map<String, Value>,
    name: &str,
) -> Result<Option<i64>, axum::response::Response> {
    match input::member(body, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(input::member(m, "id").and_then(Value::as_i64)),
        Some(other) => Err(conversion_error(other, "Reference", name)),
    }
}

/// `POST /sales/opportunities` (Sales > Opportunity add): `name`, `company`, `contact` and
/// `primarySalesRep` required; references must exist.
pub(crate) fn create(sh: &Inner, req: &Req) -> Handled {
    sh.require(OPPORTUNITY, Op::Add)?;
    let body = input::object(&req.body, "Opportunity")?;
    check_members(&req.body, &body, WRITABLE, "Opportunity", "")?;
    let name = input::string(&body, "name")?.unwrap_or_default();
    let company = ref_id(&body, "company")?;
    let contact = ref_id(&body, "contact")?;
    let rep = ref_id(&body, "primarySalesRep")?;
    let stage = ref_id(&body, "stage")?;
    let status = ref_id(&body, "status")?;
    let kind = ref_id(&body, "type")?;
    let close = match input::string(&body, "expectedCloseDate")? {
        None => None,
        Some(s) => Some(wire::parse_time(&s).ok_or_else(|| {
            conversion_error(&Value::String(s.clone()), "DateTime", "expectedCloseDate")
        })?),
    };
    let notes = input::string(&body, "notes")?;
    let source = input::string(&body, "source")?;
    let mut st = sh.write();
    let errors = check_refs(&st, &name, company, contact, rep, stage, status, kind);
    if !errors.is_empty() {
        return Err(wire::invalid_object("opportunity", &errors));
    }
    let now = wire::now();
    let id = st.next_opportunity;
    st.next_opportunity += 1;
    let rec = OpportunityRec {
        id,
        name: name.trim().to_string(),
        company: company.unwrap_or_default(),
        contact: contact.unwrap_or_default(),
        sales_rep: rep.unwrap_or_default(),
        stage: stage.unwrap_or(STAGES[0].0),
        status: status.unwrap_or_else(|| STATUSES.iter().find(|s| s.5).map_or(1, |s| s.0)),
        kind,
        expected_close: close.unwrap_or(now + 30 * 86_400),
        notes,
        source,
        entered_by: st.api_identifier(),
        entered: now,
        updated: now,
    };
    st.opportunities.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::CREATED,
        &OpportunityView(&rec).render(&cx),
    ))
}

#[allow(clippy::too_many_arguments)]
fn check_refs(
    st: &Store,
    name: &str,
    company: Option<i64>,
    contact: Option<i64>,
    rep: Option<i64>,
    stage: Option<i64>,
    status: Option<i64>,
    kind: Option<i64>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if name.trim().is_empty() {
        errors.push(FieldError::missing("name"));
    } else if name.trim().chars().count() > 100 {
        errors.push(FieldError::invalid(
            "name",
            "The field name must be a string with a maximum length of 100.",
        ));
    }
    match company {
        None => errors.push(FieldError::missing("company")),
        Some(c) if !st.companies.contains_key(&c) => {
            errors.push(FieldError::invalid("company", "The company was not found."))
        }
        _ => {}
    }
    match contact {
        None => errors.push(FieldError::missing("contact")),
        Some(c) if !st.contacts.contains_key(&c) => {
            errors.push(FieldError::invalid("contact", "The contact was not found."))
        }
        _ => {}
    }
    match rep {
        None => errors.push(FieldError::missing("primarySalesRep")),
        Some(m) if st.member(m).is_none() => errors.push(FieldError::invalid(
            "primarySalesRep",
            "The member was not found.",
        )),
        _ => {}
    }
    if stage.is_some_and(|s| !STAGES.iter().any(|r| r.0 == s)) {
        errors.push(FieldError::invalid("stage", "The stage was not found."));
    }
    if status.is_some_and(|s| !STATUSES.iter().any(|r| r.0 == s)) {
        errors.push(FieldError::invalid("status", "The status was not found."));
    }
    if kind.is_some_and(|k| !TYPES.iter().any(|r| r.0 == k)) {
        errors.push(FieldError::invalid("type", "The type was not found."));
    }
    errors
}

/// `PATCH /sales/opportunities/{id}` (Sales > Opportunity edit): a JSON-patch document over
/// the writable members; the result is checked like a create.
pub(crate) fn patch(sh: &Inner, req: &Req, id: i64) -> Handled {
    sh.require(OPPORTUNITY, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let Some(old) = st.opportunities.get(&id).cloned() else {
        return Err(wire::not_found("Opportunity", id));
    };
    let before = {
        let cx = Cx {
            st: &st,
            api: &req.api,
        };
        OpportunityView(&old).render(&cx)
    };
    let mut after = before.clone();
    crate::connectwise::patch::apply(&mut after, &doc, &|m| WRITABLE.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let body = after.as_object().unwrap_or(&empty);
    let name = input::string(body, "name")?.unwrap_or_default();
    let company = ref_id(body, "company")?;
    let contact = ref_id(body, "contact")?;
    let rep = ref_id(body, "primarySalesRep")?;
    let stage = ref_id(body, "stage")?;
    let status = ref_id(body, "status")?;
    let kind = ref_id(body, "type")?;
    let errors = check_refs(&st, &name, company, contact, rep, stage, status, kind);
    if !errors.is_empty() {
        return Err(wire::invalid_object("opportunity", &errors));
    }
    let close = match input::string(body, "expectedCloseDate")? {
        None => old.expected_close,
        Some(s) => wire::parse_time(&s).ok_or_else(|| {
            conversion_error(&Value::String(s.clone()), "DateTime", "expectedCloseDate")
        })?,
    };
    let rec = OpportunityRec {
        name: name.trim().to_string(),
        company: company.unwrap_or(old.company),
        contact: contact.unwrap_or(old.contact),
        sales_rep: rep.unwrap_or(old.sales_rep),
        stage: stage.unwrap_or(old.stage),
        status: status.unwrap_or(old.status),
        kind,
        expected_close: close,
        notes: input::string(body, "notes")?,
        source: input::string(body, "source")?,
        updated: wire::now(),
        ..old
    };
    st.opportunities.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::OK,
        &OpportunityView(&rec).render(&cx),
    ))
}
