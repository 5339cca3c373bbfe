//! `/service/tickets`: list, count, search, get, create, JSON-patch update, replace, delete.

use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value};

use super::input::{self, check_members};
use super::input::{Handled, list_req};
use super::ticket_body::{Mode, apply, check_ticket_body};
use crate::connectwise::entities::{Cx, TICKET_MEMBERS, TicketView, project, ticket_json};
use crate::connectwise::listing;
use crate::connectwise::permissions::{CLOSE_SERVICE_TICKETS, Level, Op, SERVICE_TICKETS};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::{NoteRec, Store, TicketRec};
use crate::connectwise::wire;

/// Whether the API member may see a ticket at this level ("My" = its own tickets).
pub(crate) fn visible(st: &Store, t: &TicketRec, level: Level) -> bool {
    match level {
        Level::All => true,
        Level::None => false,
        Level::My => {
            t.owner == Some(st.api_member.id) || t.entered_by.trim() == st.api_member.identifier
        }
    }
}

pub(crate) fn list(sh: &Inner, req: &Req) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Inquire)?;
    let st = sh.read();
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let lr = list_req(req, None);
    let q = listing::parse_query::<TicketView<'_>>(&lr)?;
    Ok(listing::list(
        &cx,
        &lr,
        &q,
        st.tickets
            .values()
            .filter(|t| visible(&st, t, level))
            .map(TicketView),
    ))
}

pub(crate) fn count(sh: &Inner, req: &Req) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Inquire)?;
    let st = sh.read();
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let lr = list_req(req, None);
    let q = listing::parse_query::<TicketView<'_>>(&lr)?;
    Ok(listing::count(
        &cx,
        &q,
        st.tickets
            .values()
            .filter(|t| visible(&st, t, level))
            .map(TicketView),
    ))
}

/// `POST /service/tickets/search` with a `FilterValues` body (for conditions past URL limits).
pub(crate) fn search(sh: &Inner, req: &Req) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Inquire)?;
    let body = input::object(&req.body, "FilterValues")?;
    check_members(
        &req.body,
        &body,
        &[
            "conditions",
            "orderBy",
            "childConditions",
            "customFieldConditions",
        ],
        "FilterValues",
        "",
    )?;
    let st = sh.read();
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let lr = list_req(req, Some(&body));
    let q = listing::parse_query::<TicketView<'_>>(&lr)?;
    Ok(listing::list(
        &cx,
        &lr,
        &q,
        st.tickets
            .values()
            .filter(|t| visible(&st, t, level))
            .map(TicketView),
    ))
}

pub(crate) fn get(sh: &Inner, req: &Req, id: i64) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Inquire)?;
    let st = sh.read();
    let t = st
        .tickets
        .get(&id)
        .ok_or_else(|| wire::not_found("Ticket", id))?;
    if !visible(&st, t, level) {
        return Err(wire::forbidden());
    }
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let mut v = ticket_json(&cx, t);
    if let Some(fields) = req.param("fields").filter(|f| !f.trim().is_empty()) {
        let f: Vec<Vec<String>> = fields
            .split(',')
            .map(|p| p.trim().split('/').map(str::to_string).collect())
            .collect();
        v = project(&v, &f);
    }
    Ok(wire::json(StatusCode::OK, &v))
}

pub(crate) fn create(sh: &Inner, req: &Req) -> Handled {
    sh.require(SERVICE_TICKETS, Op::Add)?;
    let body = input::object(&req.body, "Ticket")?;
    check_ticket_body(&req.body, &body)?;
    let mut st = sh.write();
    let now = wire::now();
    let api_ident = st.api_identifier();
    let mut t = TicketRec {
        id: 0,
        summary: String::new(),
        record_type: "ServiceTicket".to_string(),
        board: 1,
        status: 0,
        company: 0,
        contact: None,
        contact_name: None,
        contact_email: None,
        contact_phone: None,
        priority: st
            .priorities
            .values()
            .find(|p| p.default)
            .map(|p| p.id)
            .unwrap_or(1),
        source: st.sources.values().find(|s| s.default).map(|s| s.id),
        owner: None,
        severity: "Medium".to_string(),
        impact: "Medium".to_string(),
        external_xref: None,
        closed: None,
        entered: now,
        entered_by: api_ident.clone(),
        updated: now,
        updated_by: api_ident.clone(),
        padded_audit: false,
        custom: Vec::new(),
        extras: None,
    };
    let applied = apply(&st, &mut t, &body, Mode::Full)?;
    if st.is_closed_status(t.status) {
        sh.require(CLOSE_SERVICE_TICKETS, Op::Add)?;
        t.closed = Some((now, api_ident.clone()));
    }
    t.id = st.next_ticket;
    st.next_ticket += 1;
    let id = t.id;
    st.tickets.insert(id, t.clone());
    st.notes_mut(id);
    for (text, detail, internal, resolution) in applied.notes {
        let note_id = st.next_note;
        st.next_note += 1;
        let note = NoteRec {
            id: note_id,
            ticket: id,
            text,
            detail,
            internal,
            resolution,
            issue: detail,
            member: Some(st.api_member.id),
            contact: None,
            customer_updated: false,
            process_notifications: true,
            created: now,
            created_by: api_ident.clone(),
        };
        st.notes_mut(id).push(note);
    }
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let json = ticket_json(&cx, &t);
    if !applied.skip_callback {
        sh.announce(&st, "added", &t, Some(json.clone()));
    }
    Ok(wire::json(StatusCode::CREATED, &json))
}

pub(crate) fn patch(sh: &Inner, req: &Req, id: i64) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let old = st
        .tickets
        .get(&id)
        .cloned()
        .ok_or_else(|| wire::not_found("Ticket", id))?;
    if !visible(&st, &old, level) {
        return Err(wire::forbidden());
    }
    let before = ticket_json(
        &Cx {
            st: &st,
            api: &req.api,
        },
        &old,
    );
    let mut after = before.clone();
    crate::connectwise::patch::apply(&mut after, &doc, &|m| TICKET_MEMBERS.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let before_obj = before.as_object().unwrap_or(&empty);
    let changed: Map<String, Value> = after
        .as_object()
        .unwrap_or(&empty)
        .iter()
        .filter(|(k, v)| before_obj.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut t = old.clone();
    let applied = apply(&st, &mut t, &changed, Mode::Partial)?;
    finish_update(sh, &mut st, &old, &mut t)?;
    let json = ticket_json(
        &Cx {
            st: &st,
            api: &req.api,
        },
        &t,
    );
    if !applied.skip_callback {
        sh.announce(&st, "updated", &t, Some(json.clone()));
    }
    Ok(wire::json(StatusCode::OK, &json))
}

/// `PUT`: replaces the record; omitted members go back to their defaults.
pub(crate) fn put(sh: &Inner, req: &Req, id: i64) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Edit)?;
    let body = input::object(&req.body, "Ticket")?;
    check_ticket_body(&req.body, &body)?;
    let mut st = sh.write();
    let old = st
        .tickets
        .get(&id)
        .cloned()
        .ok_or_else(|| wire::not_found("Ticket", id))?;
    if !visible(&st, &old, level) {
        return Err(wire::forbidden());
    }
    let mut t = TicketRec {
        contact: None,
        contact_name: None,
        contact_email: None,
        contact_phone: None,
        source: None,
        owner: None,
        external_xref: None,
        custom: Vec::new(),
        extras: None,
        severity: "Medium".to_string(),
        impact: "Medium".to_string(),
        ..old.clone()
    };
    let applied = apply(&st, &mut t, &body, Mode::Full)?;
    finish_update(sh, &mut st, &old, &mut t)?;
    let json = ticket_json(
        &Cx {
            st: &st,
            api: &req.api,
        },
        &t,
    );
    if !applied.skip_callback {
        sh.announce(&st, "updated", &t, Some(json.clone()));
    }
    Ok(wire::json(StatusCode::OK, &json))
}

/// Close/reopen bookkeeping, audit columns, store.
fn finish_update(
    sh: &Inner,
    st: &mut Store,
    old: &TicketRec,
    t: &mut TicketRec,
) -> Result<(), Response> {
    let now = wire::now();
    let api_ident = st.api_identifier();
    let closing = st.is_closed_status(t.status);
    if closing && old.closed.is_none() {
        sh.require(CLOSE_SERVICE_TICKETS, Op::Edit)?;
        t.closed = Some((now, api_ident.clone()));
    } else if !closing {
        t.closed = None;
    }
    t.updated = now;
    t.updated_by = api_ident;
    st.tickets.insert(t.id, t.clone());
    Ok(())
}

pub(crate) fn delete(sh: &Inner, _req: &Req, id: i64) -> Handled {
    let level = sh.require(SERVICE_TICKETS, Op::Delete)?;
    let mut st = sh.write();
    let t = st
        .tickets
        .get(&id)
        .cloned()
        .ok_or_else(|| wire::not_found("Ticket", id))?;
    if !visible(&st, &t, level) {
        return Err(wire::forbidden());
    }
    st.tickets.remove(&id);
    st.drop_notes(id);
    sh.announce(&st, "deleted", &t, None);
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    Ok(resp)
}
