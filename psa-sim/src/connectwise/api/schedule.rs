//! `/schedule/entries`: list, count, get, create, JSON-patch update, delete, guarded by the
//! role's Service Desk > Resource Scheduling row ("My" = the API member's own entries).

use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value};

use super::input::{self, Handled, check_members, conversion_error};
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::{Cx, Entity, ScheduleView};
use crate::connectwise::permissions::{Function, Level, Op};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::Store;
use crate::connectwise::wire::{self, FieldError};
use crate::connectwise::work::{SCHEDULE_STATUSES, SCHEDULE_TYPES, ScheduleRec, schedule_status};

pub(crate) const RESOURCE_SCHEDULING: Function = ("Service Desk", "Resource Scheduling");

/// Members of the vendor's `ScheduleEntry` model.
const WRITABLE: &[&str] = &[
    "id",
    "objectId",
    "name",
    "member",
    "where",
    "dateStart",
    "dateEnd",
    "reminder",
    "status",
    "type",
    "span",
    "doneFlag",
    "acknowledgedFlag",
    "ownerFlag",
    "meetingFlag",
    "allowScheduleConflictsFlag",
    "addMemberToProjectFlag",
    "projectRoleId",
    "mobileGuid",
    "acknowledgedDate",
    "closeDate",
    "hours",
    "_info",
];

fn visible(st: &Store, e: &ScheduleRec, level: Level) -> bool {
    match level {
        Level::All => true,
        Level::None => false,
        Level::My => e.member == st.api_member.id,
    }
}

pub(crate) fn read(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(RESOURCE_SCHEDULING),
        "ScheduleEntry",
        |cx, a| {
            let level = a.level();
            let st = cx.st;
            let items = st.work.schedule.values().filter(|e| visible(st, e, level));
            a.items(cx, items.map(ScheduleView))
        },
    )
}

/// A reference member resolved by `id` or `identifier` with `lookup`; `Err` = not found.
fn reference(
    body: &Map<String, Value>,
    name: &str,
    lookup: impl Fn(Option<i64>, Option<&str>) -> Option<i64>,
) -> Result<Option<Result<i64, ()>>, Response> {
    match input::member(body, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => {
            let id = input::member(m, "id").and_then(Value::as_i64);
            let ident = input::member(m, "identifier").and_then(Value::as_str);
            Ok(Some(lookup(id, ident).ok_or(())))
        }
        Some(other) => Err(conversion_error(other, "Reference", name)),
    }
}

fn date(body: &Map<String, Value>, name: &str) -> Result<Option<i64>, Response> {
    match input::string(body, name)? {
        None => Ok(None),
        Some(s) => wire::parse_time(&s)
            .map(Some)
            .ok_or_else(|| conversion_error(&Value::String(s.clone()), "DateTime", name)),
    }
}

/// The checked fields of a body (a create, or a record after a patch).
struct Fields {
    object_id: Option<i64>,
    member: Option<i64>,
    kind: Option<i64>,
    status: Option<i64>,
    start: Option<i64>,
    end: Option<i64>,
    done: bool,
}

fn fields(st: &Store, body: &Map<String, Value>) -> Result<(Fields, Vec<FieldError>), Response> {
    let mut errors = Vec::new();
    let member = reference(body, "member", |id, ident| {
        let all = std::iter::once(&st.api_member).chain(st.members.values());
        let mut all = all;
        all.find(|m| {
            Some(m.id) == id || ident.is_some_and(|i| m.identifier.eq_ignore_ascii_case(i))
        })
        .map(|m| m.id)
    })?;
    let member = match member {
        None => {
            errors.push(FieldError::missing("member"));
            None
        }
        Some(Err(())) => {
            errors.push(FieldError::invalid("member", "The member was not found."));
            None
        }
        Some(Ok(m)) => Some(m),
    };
    let kind = reference(body, "type", |id, ident| {
        SCHEDULE_TYPES
            .iter()
            .find(|t| Some(t.0) == id || ident.is_some_and(|i| t.1.eq_ignore_ascii_case(i)))
            .map(|t| t.0)
    })?;
    let kind = match kind {
        None => {
            errors.push(FieldError::missing("type"));
            None
        }
        Some(Err(())) => {
            errors.push(FieldError::invalid("type", "The type was not found."));
            None
        }
        Some(Ok(k)) => Some(k),
    };
    let status = match reference(body, "status", |id, ident| {
        SCHEDULE_STATUSES
            .iter()
            .find(|s| Some(s.0) == id || ident.is_some_and(|i| s.1.eq_ignore_ascii_case(i)))
            .map(|s| s.0)
    })? {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(())) => {
            errors.push(FieldError::invalid("status", "The status was not found."));
            None
        }
    };
    let object_id = input::int(body, "objectId")?;
    match object_id {
        None => errors.push(FieldError::missing("objectId")),
        // Service entries (the only type simulated) schedule a service ticket.
        Some(t) if !st.tickets.contains_key(&t) => errors.push(FieldError::invalid(
            "objectId",
            "The objectId does not name a service ticket.",
        )),
        _ => {}
    }
    let start = date(body, "dateStart")?;
    let end = date(body, "dateEnd")?;
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.push(FieldError::invalid(
            "dateEnd",
            "The end date must be after the start date.",
        ));
    }
    let done = input::flag(body, "doneFlag", false)?;
    Ok((
        Fields {
            object_id,
            member,
            kind,
            status,
            start,
            end,
            done,
        },
        errors,
    ))
}

/// `POST /schedule/entries` (Resource Scheduling add): `member`, `type` and `objectId`
/// required; without dates the entry starts now for an hour.
pub(crate) fn create(sh: &Inner, req: &Req) -> Handled {
    sh.require(RESOURCE_SCHEDULING, Op::Add)?;
    let body = input::object(&req.body, "ScheduleEntry")?;
    check_members(&req.body, &body, WRITABLE, "ScheduleEntry", "")?;
    let mut st = sh.write();
    let (f, errors) = fields(&st, &body)?;
    if !errors.is_empty() {
        return Err(wire::invalid_object("scheduleEntry", &errors));
    }
    let now = wire::now();
    let start = f.start.unwrap_or(now);
    let object_id = f.object_id.unwrap_or_default();
    let id = st.work.next_entry;
    st.work.next_entry += 1;
    let rec = ScheduleRec {
        id,
        object_id,
        type_id: f.kind.unwrap_or(SCHEDULE_TYPES[0].0),
        member: f.member.unwrap_or(st.api_member.id),
        name: st
            .tickets
            .get(&object_id)
            .map(|t| t.summary.clone())
            .unwrap_or_default(),
        start,
        end: f.end.unwrap_or(start + 3_600),
        status: f.status.unwrap_or(SCHEDULE_STATUSES[0].0),
        done: f.done,
        updated: now,
        updated_by: st.api_identifier(),
    };
    st.work.schedule.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::CREATED,
        &ScheduleView(&rec).render(&cx),
    ))
}

/// `PATCH /schedule/entries/{id}` (Resource Scheduling edit), checked like a create.
pub(crate) fn patch(sh: &Inner, req: &Req, id: i64) -> Handled {
    let level = sh.require(RESOURCE_SCHEDULING, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let Some(old) = st.work.schedule.get(&id).cloned() else {
        return Err(wire::not_found("ScheduleEntry", id));
    };
    if !visible(&st, &old, level) {
        return Err(wire::forbidden());
    }
    let mut after = {
        let cx = Cx {
            st: &st,
            api: &req.api,
        };
        ScheduleView(&old).render(&cx)
    };
    crate::connectwise::patch::apply(&mut after, &doc, &|m| WRITABLE.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let (f, errors) = fields(&st, after.as_object().unwrap_or(&empty))?;
    if !errors.is_empty() {
        return Err(wire::invalid_object("scheduleEntry", &errors));
    }
    let object_id = f.object_id.unwrap_or(old.object_id);
    let rec = ScheduleRec {
        object_id,
        type_id: f.kind.unwrap_or(old.type_id),
        member: f.member.unwrap_or(old.member),
        name: st
            .tickets
            .get(&object_id)
            .map_or(old.name.clone(), |t| t.summary.clone()),
        start: f.start.unwrap_or(old.start),
        end: f.end.unwrap_or(old.end),
        status: f
            .status
            .filter(|s| schedule_status(*s).is_some())
            .unwrap_or(old.status),
        done: f.done,
        updated: wire::now(),
        updated_by: st.api_identifier(),
        ..old
    };
    st.work.schedule.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(StatusCode::OK, &ScheduleView(&rec).render(&cx)))
}

/// `DELETE /schedule/entries/{id}` (Resource Scheduling delete): 204.
pub(crate) fn delete(sh: &Inner, id: i64) -> Handled {
    let level = sh.require(RESOURCE_SCHEDULING, Op::Delete)?;
    let mut st = sh.write();
    let Some(old) = st.work.schedule.get(&id) else {
        return Err(wire::not_found("ScheduleEntry", id));
    };
    if !visible(&st, old, level) {
        return Err(wire::forbidden());
    }
    st.work.schedule.remove(&id);
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    Ok(resp)
}
