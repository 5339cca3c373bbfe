//! `POST /tickets/{id}/comment` and `GET /tickets/{id}/comments`.

use axum::extract::State;
use axum::response::Response;
use serde_json::json;

use super::ticket_body::destination_emails;
use crate::syncro::clock;
use crate::syncro::extract::{Allowed, Form, PathId, TicketViewer, TicketsEdit};
use crate::syncro::params::{self};
use crate::syncro::responses;
use crate::syncro::state::Shared;
use crate::syncro::store::Comment;
use crate::syncro::wire;

/// `POST /tickets/{id}/comment` (singular). Gated on "Tickets - Edit" as the spec says (not on
/// "Ticket Comments - New", which the sim keeps in the profile but never checks). Subject and
/// body are required: 422 `{"success":false,"message":["Body can't be blank","Subject can't be
/// blank"]}`. `hidden: true` is a private note; `do_not_email: true` a public note that emails
/// nobody; both false emails the contact (its address lands in `destination_emails`).
pub(crate) async fn create(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TicketsEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(ticket_id) = id.filter(|id| s.tickets.contains_key(id)) else {
        return responses::not_found();
    };
    let subject = params::string(body.get("subject")).filter(|v| !v.trim().is_empty());
    let text = params::string(body.get("body")).filter(|v| !v.trim().is_empty());
    let mut errors = Vec::new();
    if text.is_none() {
        errors.push("Body can't be blank");
    }
    if subject.is_none() {
        errors.push("Subject can't be blank");
    }
    let (Some(subject), Some(text)) = (subject, text) else {
        return responses::invalid(&errors);
    };
    let hidden = params::boolean(body.get("hidden")).unwrap_or(false);
    let do_not_email = params::boolean(body.get("do_not_email")).unwrap_or(false);
    let me = s.users.get(&sim.me).map(|u| u.full_name.clone());
    let comment_id = s.new_comment_id();
    let Some(ticket) = s.tickets.get(&ticket_id) else {
        return responses::not_found();
    };
    let now = clock::now();
    let comment = Comment {
        id: comment_id,
        ticket_id,
        subject,
        body: text,
        tech: params::string(body.get("tech"))
            .filter(|t| !t.is_empty())
            .or(me),
        hidden,
        do_not_email,
        sms_body: params::string(body.get("sms_body")).or(Some(String::new())),
        user_id: Some(sim.me),
        destination_emails: destination_emails(&s, ticket, hidden, do_not_email),
        created_at: now,
        updated_at: now,
    };
    let out = json!({ "comment": wire::comment_created(&sim.account, &comment) });
    if let Some(t) = s.tickets.get_mut(&ticket_id) {
        t.comments.push(comment);
        t.updated_at = now;
    }
    responses::ok(&out)
}

/// `GET /tickets/{id}/comments`: `sort_by` (created_at | updated_at), `sort_direction`
/// (ASC | DESC), `created_after/before`, `updated_after/before`, `page`, `per_page` (default 10,
/// at most 100). The default order is not documented; the sim uses newest first, the order of
/// the comments embedded in a ticket. Meta: `{total_pages, page, per_page}`.
pub(crate) async fn list(
    State(sim): State<Shared>,
    PathId(id): PathId,
    TicketViewer { q, only_theirs }: TicketViewer,
) -> Response {
    let s = sim.tenant.read();
    let Some(t) = id.and_then(|id| s.tickets.get(&id)) else {
        return responses::not_found();
    };
    if !sim.may_view(only_theirs, t) {
        return responses::not_authorized();
    }
    let off = sim.account.offset;
    let bound = |name: &str| q.non_empty(name).map(|v| clock::parse(v, off));
    let (ca, cb, ua, ub) = (
        bound("created_after"),
        bound("created_before"),
        bound("updated_after"),
        bound("updated_before"),
    );
    let by_updated = q
        .get("sort_by")
        .is_some_and(|v| v.eq_ignore_ascii_case("updated_at"));
    let ascending = q
        .get("sort_direction")
        .is_some_and(|v| v.eq_ignore_ascii_case("asc"));
    let mut picked: Vec<&Comment> = t
        .comments
        .iter()
        .filter(|c| {
            // A bound that does not parse matches nothing (`created_at > NULL`).
            ca.is_none_or(|b| b.is_some_and(|b| c.created_at > b))
                && cb.is_none_or(|b| b.is_some_and(|b| c.created_at < b))
                && ua.is_none_or(|b| b.is_some_and(|b| c.updated_at > b))
                && ub.is_none_or(|b| b.is_some_and(|b| c.updated_at < b))
        })
        .collect();
    picked.sort_by_key(|c| {
        (
            if by_updated {
                c.updated_at
            } else {
                c.created_at
            },
            c.id,
        )
    });
    if !ascending {
        picked.reverse();
    }
    let per = q
        .get("per_page")
        .and_then(|p| p.trim().parse::<usize>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(10)
        .min(100);
    let page = q.page();
    let total = picked.len();
    let items: Vec<_> = picked
        .into_iter()
        .skip((page - 1).saturating_mul(per))
        .take(per)
        .map(|c| wire::comment_listed(&sim.account, c, s.user(c.user_id)))
        .collect();
    responses::ok(&json!({
        "comments": items,
        "meta": { "total_pages": super::total_pages(total, per), "page": page, "per_page": per },
    }))
}
