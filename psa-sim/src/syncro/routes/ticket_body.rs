//! Ticket bodies: applying a create or update body to a ticket (422 texts on bad values), the
//! comments a body carries, who a public comment emails, and the notifications a change sends.

use crate::syncro::clock;
use crate::syncro::params::{self};
use crate::syncro::seed::STATUSES;
use crate::syncro::state::Sim;
use crate::syncro::store::{Comment, Store, Ticket};
use crate::syncro::wire::{self, ListComments};
use serde_json::{Map, Value};
use time::OffsetDateTime;

/// What an update changed.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub(crate) any: bool,
    pub(crate) status_to: Option<String>,
}

pub(crate) fn opt_time(sim: &Sim, v: Option<&Value>) -> Option<OffsetDateTime> {
    params::string(v).and_then(|s| clock::parse(&s, sim.account.offset))
}

/// Reads the comments of `comments_attributes`, or the validation messages they fail.
pub(crate) fn new_comments(
    body: &Map<String, Value>,
    errors: &mut Vec<String>,
) -> Vec<Map<String, Value>> {
    let list = params::nested(body.get("comments_attributes"));
    for c in &list {
        if params::string(c.get("body")).is_none_or(|b| b.trim().is_empty()) {
            push_once(errors, "Comments body can't be blank");
        }
        if params::string(c.get("subject")).is_none_or(|b| b.trim().is_empty()) {
            push_once(errors, "Comments subject can't be blank");
        }
    }
    list
}

pub(crate) fn push_once(errors: &mut Vec<String>, msg: &str) {
    if !errors.iter().any(|e| e == msg) {
        errors.push(msg.to_string());
    }
}

/// Applies the flat ticket body to `t` (only the keys sent: PUT is partial). Validation
/// messages are Rails' full messages.
pub(crate) fn apply(
    sim: &Sim,
    s: &mut Store,
    t: &mut Ticket,
    body: &Map<String, Value>,
    errors: &mut Vec<String>,
) -> Changes {
    let mut ch = Changes::default();
    let now = clock::now();
    macro_rules! set {
        ($field:expr, $value:expr) => {{
            let v = $value;
            if $field != v {
                $field = v;
                ch.any = true;
            }
        }};
    }
    if params::sent(body, "subject") {
        match params::string(body.get("subject")).filter(|s| !s.trim().is_empty()) {
            Some(subject) => set!(t.subject, subject),
            None => push_once(errors, "Subject can't be blank"),
        }
    }
    if params::sent(body, "status") {
        match params::string(body.get("status")) {
            Some(status) if STATUSES.contains(&status.as_str()) => {
                if t.status != status {
                    t.resolved_at = if status == "Resolved" {
                        Some(now)
                    } else {
                        None
                    };
                    ch.status_to = Some(status.clone());
                }
                set!(t.status, status);
            }
            // Inclusion validation against the account's status list. UNVERIFIED text.
            _ => push_once(errors, "Status is not included in the list"),
        }
    }
    if params::sent(body, "problem_type") {
        set!(t.problem_type, params::string(body.get("problem_type")));
    }
    if params::sent(body, "priority") {
        set!(t.priority, params::string(body.get("priority")));
    }
    if params::sent(body, "contact_id") {
        set!(t.contact_id, params::int(body.get("contact_id")));
    }
    if params::sent(body, "user_id") {
        set!(t.user_id, params::int(body.get("user_id")));
    }
    if params::sent(body, "ticket_type_id") {
        set!(t.ticket_type_id, params::int(body.get("ticket_type_id")));
    }
    if params::sent(body, "location_id") {
        set!(t.location_id, params::int(body.get("location_id")));
    }
    if params::sent(body, "sla_id") {
        set!(t.sla_id, params::int(body.get("sla_id")));
    }
    if params::sent(body, "signature_name") {
        set!(t.signature_name, params::string(body.get("signature_name")));
    }
    if params::sent(body, "due_date") {
        set!(t.due_date, opt_time(sim, body.get("due_date")));
    }
    if params::sent(body, "start_at") {
        set!(t.start_at, opt_time(sim, body.get("start_at")));
    }
    if params::sent(body, "end_at") {
        set!(t.end_at, opt_time(sim, body.get("end_at")));
    }
    if params::sent(body, "properties") {
        // The hash is assigned whole, as Rails assigns a serialized attribute: keys left out of
        // an update are gone. (Whether the live API merges is undocumented.)
        match body.get("properties") {
            Some(Value::Object(p)) => set!(t.properties, p.clone()),
            Some(Value::Null) => set!(t.properties, Map::new()),
            _ => {}
        }
    }
    if let Some(tags) = params::sent(body, "tag_list")
        .then(|| params::list(body.get("tag_list")))
        .flatten()
    {
        set!(t.tag_list, tags);
    }
    if params::sent(body, "asset_ids") {
        let ids: Vec<i64> = params::list(body.get("asset_ids"))
            .unwrap_or_default()
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        set!(t.asset_ids, ids);
    }
    if params::sent(body, "customer_id") {
        match params::int(body.get("customer_id")).filter(|id| s.customers.contains_key(id)) {
            Some(id) => set!(t.customer_id, id),
            None => push_once(errors, "Customer must exist"),
        }
    }
    ch
}

/// Adds comments from `comments_attributes` to `t`.
pub(crate) fn add_comments(
    sim: &Sim,
    s: &mut Store,
    t: &mut Ticket,
    list: Vec<Map<String, Value>>,
) {
    let me = s.users.get(&sim.me).map(|u| u.full_name.clone());
    for c in list {
        let now = clock::now();
        let hidden = params::boolean(c.get("hidden")).unwrap_or(false);
        let do_not_email = params::boolean(c.get("do_not_email")).unwrap_or(false);
        let destination = destination_emails(s, t, hidden, do_not_email);
        let comment = Comment {
            id: s.new_comment_id(),
            ticket_id: t.id,
            subject: params::string(c.get("subject")).unwrap_or_default(),
            body: params::string(c.get("body")).unwrap_or_default(),
            tech: params::string(c.get("tech")).or_else(|| me.clone()),
            hidden,
            do_not_email,
            sms_body: params::string(c.get("sms_body")).or(Some(String::new())),
            user_id: Some(sim.me),
            destination_emails: destination,
            created_at: now,
            updated_at: now,
        };
        t.comments.push(comment);
    }
}

/// Who a public comment is emailed to: the ticket's contact, else its customer (the live API
/// writes `"a@b.example, "`). Hidden comments and `do_not_email` send nothing.
pub(crate) fn destination_emails(
    s: &Store,
    t: &Ticket,
    hidden: bool,
    do_not_email: bool,
) -> Option<String> {
    if hidden || do_not_email {
        return None;
    }
    let email = s
        .contact(t.contact_id)
        .and_then(|c| c.email.clone())
        .or_else(|| {
            s.customers
                .get(&t.customer_id)
                .and_then(|c| c.email.clone())
        });
    email.map(|e| format!("{e}, "))
}

pub(crate) fn notify(sim: &Sim, s: &Store, t: &Ticket, event: &str) {
    if sim.hooks.enabled() {
        let attributes = wire::ticket_list_item(&sim.account, s, t, ListComments::Initial);
        let link = format!("{}/tickets/{}", sim.account.web_root(), t.id);
        sim.hooks.send(
            event,
            &format!("#{} {}", t.number, t.subject),
            link,
            attributes,
        );
    }
}

pub(crate) fn notify_status(sim: &Sim, s: &Store, t: &Ticket, status: &str) {
    notify(
        sim,
        s,
        t,
        &format!("A Ticket status was changed to {status}"),
    );
    if status == "Resolved" {
        notify(sim, s, t, "A Ticket was resolved");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syncro::seed::{self, SeedSpec};

    #[test]
    fn public_comments_are_emailed_to_the_contact() {
        let s = seed::build(SeedSpec {
            seed: 5,
            companies: 1,
            contacts_per_company: 1,
            tickets: 5,
            notes_per_ticket: 0,
        });
        let t = s.tickets.values().find(|t| t.contact_id.is_some()).unwrap();
        let to = destination_emails(&s, t, false, false).unwrap();
        assert!(to.ends_with(", ") && to.contains('@'));
        assert_eq!(destination_emails(&s, t, true, false), None);
        assert_eq!(destination_emails(&s, t, false, true), None);
    }
}
