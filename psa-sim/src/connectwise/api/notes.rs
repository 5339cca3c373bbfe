//! `/service/tickets/{parentId}/notes`: list, count, get, add.
//!
//! ConnectWise gates ticket notes on the ticket's rights; the setup guide's role also carries a
//! Companies > Notes row. The simulator requires both: Service Tickets inquire to reach the ticket,
//! and Notes inquire/add for the notes themselves.

use http::StatusCode;
use serde_json::Value;

use super::input::{self, check_members, conversion_error, member};
use super::input::{Handled, list_req};
use super::tickets::visible;
use crate::connectwise::entities::{Cx, Entity, NoteView, ticket_json};
use crate::connectwise::listing;
use crate::connectwise::permissions::{NOTES, Op, SERVICE_TICKETS};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::NoteRec;
use crate::connectwise::wire::{self, FieldError};

/// Members of the spec's `ServiceNote`.
pub(crate) const NOTE_MEMBERS: &[&str] = &[
    "id",
    "ticketId",
    "text",
    "detailDescriptionFlag",
    "internalAnalysisFlag",
    "resolutionFlag",
    "issueFlag",
    "member",
    "contact",
    "customerUpdatedFlag",
    "processNotifications",
    "dateCreated",
    "createdBy",
    "internalFlag",
    "externalFlag",
    "sentimentScore",
    "_info",
];

fn ticket_level(
    sh: &Inner,
    op: Op,
) -> Result<crate::connectwise::permissions::Level, axum::response::Response> {
    let level = sh.require(SERVICE_TICKETS, Op::Inquire)?;
    sh.require(NOTES, op)?;
    Ok(level)
}

pub(crate) fn list(sh: &Inner, req: &Req, ticket: i64, count_only: bool) -> Handled {
    let level = ticket_level(sh, Op::Inquire)?;
    let st = sh.read();
    let t = st
        .tickets
        .get(&ticket)
        .ok_or_else(|| wire::not_found("Ticket", ticket))?;
    if !visible(&st, t, level) {
        return Err(wire::forbidden());
    }
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let lr = list_req(req, None);
    let q = listing::parse_query::<NoteView<'_>>(&lr)?;
    let notes = st.notes_of(ticket);
    let views = notes.iter().map(NoteView);
    Ok(if count_only {
        listing::count(&cx, &q, views)
    } else {
        listing::list(&cx, &lr, &q, views)
    })
}

pub(crate) fn get(sh: &Inner, req: &Req, ticket: i64, note: i64) -> Handled {
    let level = ticket_level(sh, Op::Inquire)?;
    let st = sh.read();
    let t = st
        .tickets
        .get(&ticket)
        .ok_or_else(|| wire::not_found("Ticket", ticket))?;
    if !visible(&st, t, level) {
        return Err(wire::forbidden());
    }
    let notes = st.notes_of(ticket);
    let n = notes
        .iter()
        .find(|n| n.id == note)
        .ok_or_else(|| wire::not_found("ServiceNote", note))?;
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(StatusCode::OK, &NoteView(n).render(&cx)))
}

pub(crate) fn create(sh: &Inner, req: &Req, ticket: i64) -> Handled {
    let level = ticket_level(sh, Op::Add)?;
    let body = input::object(&req.body, "ServiceNote")?;
    check_members(&req.body, &body, NOTE_MEMBERS, "ServiceNote", "")?;
    let mut st = sh.write();
    let t = st
        .tickets
        .get(&ticket)
        .cloned()
        .ok_or_else(|| wire::not_found("Ticket", ticket))?;
    if !visible(&st, &t, level) {
        return Err(wire::forbidden());
    }
    let text = input::string(&body, "text")?.unwrap_or_default();
    let detail = input::flag(&body, "detailDescriptionFlag", false)?;
    let internal = input::flag(&body, "internalAnalysisFlag", false)?;
    let resolution = input::flag(&body, "resolutionFlag", false)?;
    let mut errors = Vec::new();
    if text.trim().is_empty() {
        errors.push(FieldError::missing("text"));
    }
    if !(detail || internal || resolution) {
        // LabtechConsulting/ConnectWise-Manage-Powershell #12: the server's own words.
        errors.push(FieldError {
            code: "MissingRequiredField",
            message: "Please choose where to display the notes in order to save this record."
                .to_string(),
            field: "detailDescriptionFlag".to_string(),
        });
    }
    let member_id = match member(&body, "member") {
        None | Some(Value::Null) => st.api_member.id,
        Some(Value::Object(m)) => {
            let by_id = member(m, "id")
                .and_then(Value::as_i64)
                .and_then(|id| st.member(id))
                .map(|x| x.id);
            let by_ident = member(m, "identifier")
                .and_then(Value::as_str)
                .and_then(|ident| {
                    std::iter::once(&st.api_member)
                        .chain(st.members.values())
                        .find(|x| x.identifier.eq_ignore_ascii_case(ident))
                        .map(|x| x.id)
                });
            match by_id.or(by_ident) {
                Some(id) => id,
                None => {
                    errors.push(FieldError::invalid("member", "The member was not found."));
                    st.api_member.id
                }
            }
        }
        Some(other) => return Err(conversion_error(other, "MemberReference", "member")),
    };
    let contact = match member(&body, "contact") {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => match member(m, "id").and_then(Value::as_i64) {
            Some(id) if st.contacts.contains_key(&id) => Some(id),
            _ => {
                errors.push(FieldError::invalid("contact", "The contact was not found."));
                None
            }
        },
        Some(other) => return Err(conversion_error(other, "ContactReference", "contact")),
    };
    if !errors.is_empty() {
        return Err(wire::invalid_object("serviceNote", &errors));
    }
    let now = wire::now();
    let api_ident = st.api_identifier();
    let created_by = st
        .member(member_id)
        .map(|m| m.identifier.clone())
        .unwrap_or_else(|| api_ident.clone());
    let id = st.next_note;
    st.next_note += 1;
    let note = NoteRec {
        id,
        ticket,
        text,
        detail,
        internal,
        resolution,
        issue: input::flag(&body, "issueFlag", false)?,
        member: Some(member_id),
        contact,
        customer_updated: input::flag(&body, "customerUpdatedFlag", false)?,
        process_notifications: input::flag(&body, "processNotifications", true)?,
        created: now,
        created_by,
    };
    st.notes_mut(ticket).push(note.clone());
    // A new note touches the ticket (lastUpdated) and counts as a ticket update for callbacks.
    let mut touched = t;
    touched.updated = now;
    touched.updated_by = api_ident;
    st.tickets.insert(ticket, touched.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    let json = NoteView(&note).render(&cx);
    let entity = ticket_json(&cx, &touched);
    sh.announce(&st, "updated", &touched, Some(entity));
    Ok(wire::json(StatusCode::CREATED, &json))
}
