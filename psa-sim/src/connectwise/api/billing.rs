//! `/finance/agreements` (+ `/{id}/additions`), guarded by the role's Finance > Agreements row,
//! and `/time/entries` (list, count, get, create, patch), guarded by Time & Expense > Time Entry
//! (Inquire at My shows only the API member's own time).

use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value};

use super::input::{self, Handled, check_members, conversion_error};
use super::list_route::{Gate, Want, list_route};
use super::sales::ref_id;
use crate::connectwise::billing::{BILLABLE_OPTIONS, CHARGE_CODES, CHARGE_TYPES, TimeEntryRec};
use crate::connectwise::entities::{AdditionView, AgreementView, Cx, Entity, TimeEntryView};
use crate::connectwise::permissions::{AGREEMENTS, Level, Op, TIME_ENTRY};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::Store;
use crate::connectwise::wire::{self, FieldError};

pub(crate) fn agreements(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(AGREEMENTS),
        "Agreement",
        |cx, a| a.items(cx, cx.st.billing.agreements.values().map(AgreementView)),
    )
}

pub(crate) fn additions(sh: &Inner, req: &Req, agreement: i64, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(AGREEMENTS),
        "Addition",
        |cx, a| {
            if !cx.st.billing.agreements.contains_key(&agreement) {
                return Err(wire::not_found("Agreement", agreement));
            }
            let rows = cx.st.billing.additions.values();
            a.items(
                cx,
                rows.filter(|r| r.agreement == agreement).map(AdditionView),
            )
        },
    )
}

pub(crate) fn time_entries(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(TIME_ENTRY),
        "TimeEntry",
        |cx, a| {
            let mine_only = a.level() == Level::My;
            let me = cx.st.api_member.id;
            let rows = cx.st.billing.time_entries.values();
            let rows = rows.filter(|t| !mine_only || t.member == me);
            a.items(cx, rows.map(TimeEntryView))
        },
    )
}

const WRITABLE: &[&str] = &[
    "id",
    "company",
    "chargeToId",
    "chargeToType",
    "member",
    "locationId",
    "businessUnitId",
    "workType",
    "workRole",
    "agreement",
    "timeStart",
    "timeEnd",
    "hoursDeduct",
    "actualHours",
    "billableOption",
    "notes",
    "internalNotes",
    "addToDetailDescriptionFlag",
    "addToInternalAnalysisFlag",
    "addToResolutionFlag",
    "emailResourceFlag",
    "emailContactFlag",
    "emailCcFlag",
    "emailCc",
    "customFields",
    "_info",
];

/// A number member (`None` when absent or null).
fn number(body: &Map<String, Value>, name: &str) -> Result<Option<f64>, Response> {
    match input::member(body, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if s.trim().parse::<f64>().is_ok() => Ok(s.trim().parse().ok()),
        Some(other) => Err(conversion_error(other, "System.Decimal", name)),
    }
}

fn time(body: &Map<String, Value>, name: &str) -> Result<Option<i64>, Response> {
    match input::string(body, name)? {
        None => Ok(None),
        Some(s) => wire::parse_time(&s)
            .map(Some)
            .ok_or_else(|| conversion_error(&Value::String(s.clone()), "DateTime", name)),
    }
}

/// Reads and checks a time entry body against the store; `old` supplies what a patch keeps.
fn draft(
    st: &Store,
    body: &Map<String, Value>,
    old: Option<&TimeEntryRec>,
) -> Result<TimeEntryRec, Response> {
    let mut errors = Vec::new();
    let charge_type = match input::string(body, "chargeToType")? {
        None => None,
        Some(s) => match CHARGE_TYPES
            .iter()
            .find(|t| t.eq_ignore_ascii_case(s.trim()))
        {
            Some(t) => Some(*t),
            None => {
                return Err(conversion_error(
                    &Value::String(s),
                    "ChargeToType",
                    "chargeToType",
                ));
            }
        },
    };
    let charge_id = input::int(body, "chargeToId")?;
    let start = time(body, "timeStart")?;
    let end = time(body, "timeEnd")?;
    let deduct = number(body, "hoursDeduct")?.unwrap_or(0.0);
    let hours = number(body, "actualHours")?;
    let member = ref_id(body, "member")?.unwrap_or(st.api_member.id);
    let agreement = ref_id(body, "agreement")?;
    let mut company = ref_id(body, "company")?;
    let billable = match input::string(body, "billableOption")? {
        None => "Billable",
        Some(s) => match BILLABLE_OPTIONS
            .iter()
            .find(|b| b.eq_ignore_ascii_case(s.trim()))
        {
            Some(b) => b,
            None => {
                return Err(conversion_error(
                    &Value::String(s),
                    "BillableOption",
                    "billableOption",
                ));
            }
        },
    };
    match (charge_type, charge_id) {
        (Some("ServiceTicket"), Some(id)) => match st.tickets.get(&id) {
            Some(t) => company = Some(t.company),
            None => errors.push(FieldError::invalid(
                "chargeToId",
                "The ticket was not found.",
            )),
        },
        (Some("ChargeCode"), Some(id)) if !CHARGE_CODES.iter().any(|c| c.0 == id) => errors.push(
            FieldError::invalid("chargeToId", "The charge code was not found."),
        ),
        (Some(_), None) => errors.push(FieldError::missing("chargeToId")),
        (None, Some(_)) => errors.push(FieldError::missing("chargeToType")),
        _ => {}
    }
    match company {
        None if charge_type.is_none() => errors.push(FieldError::missing("company")),
        Some(c) if !st.companies.contains_key(&c) => {
            errors.push(FieldError::invalid("company", "The company was not found."))
        }
        _ => {}
    }
    if st.member(member).is_none() {
        errors.push(FieldError::invalid("member", "The member was not found."));
    }
    if agreement.is_some_and(|a| !st.billing.agreements.contains_key(&a)) {
        errors.push(FieldError::invalid(
            "agreement",
            "The agreement was not found.",
        ));
    }
    match (start, end) {
        (None, _) => errors.push(FieldError::missing("timeStart")),
        (Some(s), Some(e)) if e < s => errors.push(FieldError::invalid(
            "timeEnd",
            "The time end must be after the time start.",
        )),
        _ => {}
    }
    if hours.is_some_and(|h| h < 0.0) || deduct < 0.0 {
        errors.push(FieldError::invalid(
            "actualHours",
            "Hours cannot be negative.",
        ));
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("timeEntry", &errors));
    }
    let start = start.unwrap_or_default();
    let derived = end.map(|e| ((e - start) as f64 / 3_600.0 - deduct).max(0.0));
    let times_changed = old.is_some_and(|o| o.start != start || o.end != end);
    let actual = match (hours, old) {
        (Some(h), Some(o)) if times_changed && h == o.actual_hours => derived.unwrap_or(h),
        (Some(h), _) => h,
        (None, _) => derived.unwrap_or(0.0),
    };
    let now = wire::now();
    let who = st.api_identifier();
    Ok(TimeEntryRec {
        id: old.map_or(st.billing.next_time_entry, |o| o.id),
        company: company.unwrap_or_default(),
        charge_type,
        charge_id,
        member,
        agreement: agreement.or_else(|| company.and_then(|c| st.billing.active_agreement(c))),
        start,
        end,
        hours_deduct: deduct,
        actual_hours: actual,
        billable,
        notes: input::string(body, "notes")?,
        internal_notes: input::string(body, "internalNotes")?,
        entered_by: old.map_or_else(|| who.clone(), |o| o.entered_by.clone()),
        entered: old.map_or(now, |o| o.entered),
        updated_by: who,
        updated: now,
    })
}

fn answer(st: &Store, req: &Req, status: StatusCode, rec: &TimeEntryRec) -> Handled {
    let cx = Cx { st, api: &req.api };
    Ok(wire::json(status, &TimeEntryView(rec).render(&cx)))
}

/// `POST /time/entries` (Time Entry add): `timeStart` and something to charge to required;
/// `actualHours` derived from start and end when omitted.
pub(crate) fn create(sh: &Inner, req: &Req) -> Handled {
    sh.require(TIME_ENTRY, Op::Add)?;
    let body = input::object(&req.body, "TimeEntry")?;
    check_members(&req.body, &body, WRITABLE, "TimeEntry", "")?;
    let mut st = sh.write();
    let rec = draft(&st, &body, None)?;
    st.billing.next_time_entry += 1;
    st.billing.time_entries.insert(rec.id, rec.clone());
    answer(&st, req, StatusCode::CREATED, &rec)
}

/// `PATCH /time/entries/{id}` (Time Entry edit): a JSON-patch document over the writable
/// members; the result is checked like a create.
pub(crate) fn patch(sh: &Inner, req: &Req, id: i64) -> Handled {
    sh.require(TIME_ENTRY, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let Some(old) = st.billing.time_entries.get(&id).cloned() else {
        return Err(wire::not_found("TimeEntry", id));
    };
    let mut after = {
        let cx = Cx {
            st: &st,
            api: &req.api,
        };
        TimeEntryView(&old).render(&cx)
    };
    crate::connectwise::patch::apply(&mut after, &doc, &|m| WRITABLE.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let rec = draft(&st, after.as_object().unwrap_or(&empty), Some(&old))?;
    st.billing.time_entries.insert(id, rec.clone());
    answer(&st, req, StatusCode::OK, &rec)
}
