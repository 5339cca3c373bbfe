//! `/tickets`, `/tickets/{id}`, `/tickets/{id}/attach_file_url`, `/tickets/{id}/delete_attachment`.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::contains_ci;
use super::ticket_body::{add_comments, apply, new_comments, notify, notify_status, push_once};
use crate::syncro::clock;
use crate::syncro::extract::{
    Allowed, Form, PathId, TicketViewer, TicketsCreate, TicketsDelete, TicketsEdit, TicketsList,
};
use crate::syncro::params::{self, Query};
use crate::syncro::responses;
use crate::syncro::state::{Shared, Sim};
use crate::syncro::store::{Attachment, Store, Ticket};
use crate::syncro::wire::{self, ListComments};

/// Statuses the pseudo-status "Not Closed" leaves out. Which statuses count as closed is not
/// documented; "Resolved" surely is, and "Invoiced" follows it in Syncro's workflow. UNVERIFIED.
pub(crate) const CLOSED: &[&str] = &["Resolved", "Invoiced"];

/// The `query` search: a case-insensitive substring of the subject, the number, the customer's
/// name, the contact's name or any value in `properties` (nested values included). The live
/// search is a fuzzy full-text search whose exact fields are undocumented; clients must check
/// every hit themselves.
pub(crate) fn query_matches(s: &Store, t: &Ticket, needle_lower: &str) -> bool {
    contains_ci(&t.subject, needle_lower)
        || t.number.to_string().contains(needle_lower)
        || s.customers
            .get(&t.customer_id)
            .is_some_and(|c| contains_ci(&c.business_then_name(), needle_lower))
        || s.contact(t.contact_id)
            .and_then(|c| c.name.as_deref())
            .is_some_and(|n| contains_ci(n, needle_lower))
        || t.properties
            .values()
            .any(|v| value_contains(v, needle_lower))
}

fn value_contains(v: &Value, needle_lower: &str) -> bool {
    match v {
        Value::String(s) => contains_ci(s, needle_lower),
        Value::Number(n) => n.to_string().contains(needle_lower),
        Value::Array(items) => items.iter().any(|i| value_contains(i, needle_lower)),
        Value::Object(m) => m.values().any(|i| value_contains(i, needle_lower)),
        _ => false,
    }
}

type Pred<'a> = Box<dyn Fn(&Store, &Ticket) -> bool + 'a>;

/// The filters of `GET /tickets`. A value that does not parse (a customer id `abc`, a date
/// `yesterday`) matches nothing, as a Rails `where` with a nil cast does.
fn filters<'a>(sim: &'a Sim, q: &'a Query) -> Vec<Pred<'a>> {
    let mut preds: Vec<Pred<'a>> = Vec::new();
    let id_filter = |name: &str| q.non_empty(name).map(|v| v.parse::<i64>().ok());
    if let Some(want) = id_filter("customer_id") {
        preds.push(Box::new(move |_, t| Some(t.customer_id) == want));
    }
    if let Some(want) = id_filter("contact_id") {
        preds.push(Box::new(move |_, t| want.is_some() && t.contact_id == want));
    }
    if let Some(want) = id_filter("user_id") {
        preds.push(Box::new(move |_, t| want.is_some() && t.user_id == want));
    }
    if q.flag("mine") == Some(true) {
        preds.push(Box::new(move |_, t| t.user_id == Some(sim.me)));
    }
    if let Some(number) = q.non_empty("number") {
        preds.push(Box::new(move |_, t| t.number.to_string() == number));
    }
    if let Some(status) = q.non_empty("status") {
        if status.eq_ignore_ascii_case("Not Closed") {
            preds.push(Box::new(|_, t| !CLOSED.contains(&t.status.as_str())));
        } else {
            preds.push(Box::new(move |_, t| t.status == status));
        }
    }
    let offset = sim.account.offset;
    let time_filter = |name: &str| q.non_empty(name).map(|v| clock::parse(v, offset));
    if let Some(since) = time_filter("since_updated_at") {
        // "Returns Tickets updated after the date". Inclusive, so a poller that passes its last
        // seen `updated_at` sees that ticket again and must dedupe; with `coarse_since_updated_at`
        // only the date counts, as one export script reports of the live API.
        let since = if sim.coarse_since {
            since.map(|s| clock::start_of_day(s, offset))
        } else {
            since
        };
        preds.push(Box::new(move |_, t| {
            since.is_some_and(|s| t.updated_at >= s)
        }));
    }
    if let Some(after) = time_filter("created_after") {
        preds.push(Box::new(move |_, t| {
            after.is_some_and(|a| t.created_at >= a)
        }));
    }
    if let Some(after) = time_filter("resolved_after") {
        preds.push(Box::new(move |_, t| {
            after.is_some_and(|a| t.resolved_at.is_some_and(|r| r >= a))
        }));
    }
    if let Some(needle) = q.non_empty("query") {
        let needle = needle.to_lowercase();
        preds.push(Box::new(move |s, t| query_matches(s, t, &needle)));
    }
    preds
}

/// `GET /tickets`: newest first (the real fixture's order), `meta {total_pages, page}` only.
pub(crate) async fn list(
    State(sim): State<Shared>,
    Allowed(q, _): Allowed<TicketsList>,
) -> Response {
    let per = sim.pages.tickets;
    let page = q.page();
    let skip = (page - 1).saturating_mul(per);
    let comments = if q.flag("all_comments") == Some(true) {
        ListComments::All
    } else {
        ListComments::Initial
    };
    let s = sim.tenant.read();
    let preds = filters(&sim, &q);
    let (total, items): (usize, Vec<Value>) = if preds.is_empty() {
        let items = s
            .newest_tickets(skip, per)
            .map(|t| wire::ticket_list_item(&sim.account, &s, t, comments))
            .collect();
        (s.tickets.len(), items)
    } else {
        let mut total = 0;
        let mut items = Vec::new();
        for t in s.tickets.values().rev() {
            if preds.iter().all(|p| p(&s, t)) {
                if total >= skip && items.len() < per {
                    items.push(wire::ticket_list_item(&sim.account, &s, t, comments));
                }
                total += 1;
            }
        }
        (total, items)
    };
    responses::ok(&json!({
        "tickets": items,
        "meta": { "total_pages": super::total_pages(total, per), "page": page },
    }))
}

/// `GET /tickets/{id}` → `{"ticket": …}`.
pub(crate) async fn show(
    State(sim): State<Shared>,
    PathId(id): PathId,
    TicketViewer { only_theirs, .. }: TicketViewer,
) -> Response {
    let s = sim.tenant.read();
    match id.and_then(|id| s.tickets.get(&id)) {
        None => responses::not_found(),
        Some(t) if !sim.may_view(only_theirs, t) => responses::not_authorized(),
        Some(t) => responses::ok(&json!({ "ticket": wire::ticket_detail(&sim.account, &s, t) })),
    }
}

/// `POST /tickets`: flat body; no customer → 422 `{"error":"Customer required field"}`.
pub(crate) async fn create(
    State(sim): State<Shared>,
    _: Allowed<TicketsCreate>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(customer_id) =
        params::int(body.get("customer_id")).filter(|id| s.customers.contains_key(id))
    else {
        return responses::invalid_error("Customer required field");
    };
    let now = clock::now();
    let mut t = Ticket {
        id: 0,
        number: 0,
        subject: String::new(),
        status: "New".to_string(),
        problem_type: None,
        priority: None,
        customer_id,
        contact_id: None,
        user_id: None,
        ticket_type_id: None,
        location_id: None,
        sla_id: None,
        signature_name: None,
        properties: Map::new(),
        tag_list: Vec::new(),
        asset_ids: Vec::new(),
        due_date: None,
        start_at: None,
        end_at: None,
        resolved_at: None,
        created_at: now,
        updated_at: now,
        comments: Vec::new(),
        attachments: Vec::new(),
        creator_name: s.users.get(&sim.me).map(|u| u.full_name.clone()),
    };
    let mut errors = Vec::new();
    if !params::sent(&body, "subject") {
        push_once(&mut errors, "Subject can't be blank");
    }
    apply(&sim, &mut s, &mut t, &body, &mut errors);
    let comments = new_comments(&body, &mut errors);
    if !errors.is_empty() {
        let refs: Vec<&str> = errors.iter().map(String::as_str).collect();
        return responses::invalid(&refs);
    }
    t.id = s.new_ticket_id();
    t.number = match params::int(body.get("number")) {
        Some(n) if n > 0 => {
            s.saw_number(n);
            n
        }
        _ => s.new_number(),
    };
    if t.status == "Resolved" {
        t.resolved_at = Some(now);
    }
    add_comments(&sim, &mut s, &mut t, comments);
    let out = json!({ "ticket": wire::ticket_detail(&sim.account, &s, &t) });
    notify(&sim, &s, &t, "A Ticket was created");
    s.insert_ticket(t);
    responses::ok(&out)
}

/// `PUT /tickets/{id}`: partial; 422 `{"success":false,"message":[…]}` on invalid values.
pub(crate) async fn update(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TicketsEdit>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut t) = id.and_then(|id| s.tickets.get(&id)).cloned() else {
        return responses::not_found();
    };
    let mut errors = Vec::new();
    let ch = apply(&sim, &mut s, &mut t, &body, &mut errors);
    let comments = new_comments(&body, &mut errors);
    if !errors.is_empty() {
        let refs: Vec<&str> = errors.iter().map(String::as_str).collect();
        return responses::invalid(&refs);
    }
    let added = !comments.is_empty();
    add_comments(&sim, &mut s, &mut t, comments);
    if ch.any || added {
        t.updated_at = clock::now();
    }
    let out = json!({ "ticket": wire::ticket_detail(&sim.account, &s, &t) });
    if let Some(status) = &ch.status_to {
        notify_status(&sim, &s, &t, status);
    }
    s.insert_ticket(t);
    responses::ok(&out)
}

/// `DELETE /tickets/{id}` ("Tickets - Delete").
pub(crate) async fn destroy(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TicketsDelete>,
) -> Response {
    let mut s = sim.tenant.write();
    match id.and_then(|id| s.remove_ticket(id)) {
        Some(_) => responses::ok(&json!({"message": "Ticket was successfully deleted. "})),
        None => responses::not_found(),
    }
}

/// `POST /tickets/{id}/delete_attachment` with `{"attachment_id": n}` ("Tickets - Edit"):
/// `{"success": true}`. The spec documents only "404 Invalid request" for failures; the sim
/// answers an unknown ticket or attachment with its usual 404 `{"message":"Not found"}`.
pub(crate) async fn delete_attachment(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TicketsEdit>,
    Form(body): Form,
) -> Response {
    let attachment = params::int(body.get("attachment_id"));
    let mut s = sim.tenant.write();
    let Some(t) = id.and_then(|id| s.tickets.get_mut(&id)) else {
        return responses::not_found();
    };
    let Some(at) = attachment.and_then(|a| t.attachments.iter().position(|x| x.id == a)) else {
        return responses::not_found();
    };
    t.attachments.remove(at);
    t.updated_at = clock::now();
    responses::ok(&json!({"success": true}))
}

const FILES_ERROR: &str =
    "Missing files param - or not an array like [{'url':'http://foo','filename': 'test'}]";

/// `POST /tickets/{id}/attach_file_url`: `{"files":[{url, filename}]}`. The live API fetches
/// the files in the background ("Processing - refresh ticket in a moment"); the sim does not
/// fetch anything, it lists every `http(s)` URL as an attachment after `attachment_delay`. A
/// URL that is not `http(s)` never shows up, as a file the live service cannot fetch.
pub(crate) async fn attach_file_url(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TicketsEdit>,
    Form(body): Form,
) -> Response {
    let ticket_id = match id.filter(|id| sim.tenant.read().tickets.contains_key(id)) {
        Some(id) => id,
        None => return responses::not_found(),
    };
    let Some(Value::Array(files)) = body.get("files") else {
        return responses::invalid_error(FILES_ERROR);
    };
    let mut accepted = Vec::new();
    for f in files {
        let Some(url) = f.as_object().and_then(|o| params::string(o.get("url"))) else {
            return responses::invalid_error(FILES_ERROR);
        };
        let name = f
            .as_object()
            .and_then(|o| params::string(o.get("filename")))
            .filter(|n| !n.is_empty());
        if let Ok(parsed) = url::Url::parse(&url)
            && matches!(parsed.scheme(), "http" | "https")
        {
            let fallback = parsed
                .path_segments()
                .and_then(|mut s| s.next_back())
                .filter(|s| !s.is_empty())
                .unwrap_or("file")
                .to_string();
            accepted.push((name.unwrap_or(fallback), url));
        }
    }
    let delay = sim.attachment_delay;
    let store_them = move |sim: &Sim| {
        let mut s = sim.tenant.write();
        let ids: Vec<i64> = accepted.iter().map(|_| s.new_attachment_id()).collect();
        if let Some(t) = s.tickets.get_mut(&ticket_id) {
            let now = clock::now();
            for ((file_name, url), id) in accepted.into_iter().zip(ids) {
                t.attachments.push(Attachment {
                    id,
                    file_name,
                    url,
                    created_at: now,
                });
                t.updated_at = now;
            }
        }
    };
    if delay.is_zero() {
        store_them(&sim);
    } else {
        let sim = sim.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            store_them(&sim);
        });
    }
    responses::ok(
        &json!({"message": "Processing - refresh ticket in a moment to see if it worked."}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syncro::seed::{self, SeedSpec};

    #[test]
    fn query_finds_properties_subjects_and_numbers() {
        let mut s = seed::build(SeedSpec {
            seed: 5,
            companies: 1,
            contacts_per_company: 1,
            tickets: 2,
            notes_per_ticket: 0,
        });
        let id = *s.tickets.keys().next().unwrap();
        let t = s.tickets.get_mut(&id).unwrap();
        t.properties
            .insert("psa_idempotency_key".into(), json!("chat-7F3A"));
        t.properties
            .insert("nested".into(), json!({"deep": ["Needle"]}));
        let t = s.tickets[&id].clone();
        assert!(query_matches(&s, &t, "chat-7f3a"));
        assert!(query_matches(&s, &t, "needle"));
        assert!(query_matches(&s, &t, &t.number.to_string()));
        assert!(query_matches(&s, &t, &t.subject.to_lowercase()));
        assert!(!query_matches(&s, &t, "no such words anywhere"));
    }
}
