//! Syncro's JSON, built by hand from the documented wire format (`specs/syncro-openapi.json`
//! examples, corrected by the real-wire differences of Syncro's documentation and observed traffic and the real
//! `GET /tickets` fixture of §10).

use serde_json::{Map, Value, json};
use time::{OffsetDateTime, UtcOffset};

use super::clock;
use super::store::{Attachment, Comment, Contact, Customer, Store, Ticket, User};

/// What every rendering needs to know about the account.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub(crate) subdomain: String,
    pub(crate) account_id: i64,
    pub(crate) offset: UtcOffset,
}

impl Account {
    pub(crate) fn time(&self, t: OffsetDateTime) -> Value {
        Value::String(clock::wire(t, self.offset))
    }

    pub(crate) fn opt_time(&self, t: Option<OffsetDateTime>) -> Value {
        t.map(|t| self.time(t)).unwrap_or(Value::Null)
    }

    /// The web UI root of the account (links and portal URLs point there, not at the API).
    pub(crate) fn web_root(&self) -> String {
        format!("https://{}.syncromsp.com", self.subdomain)
    }
}

fn opt_str(s: &Option<String>) -> Value {
    s.as_ref()
        .map(|s| Value::String(s.clone()))
        .unwrap_or(Value::Null)
}

fn opt_i64(v: Option<i64>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}

/// A user nested in a ticket or comment. The live API writes the Ruby predicate name
/// `"admin?"` here, not the `admin` of the spec example (real fixture, tap-syncro schema).
pub(crate) fn user_nested(a: &Account, u: &User) -> Value {
    json!({
        "id": u.id,
        "email": u.email,
        "full_name": u.full_name,
        "created_at": a.time(u.created_at),
        "updated_at": a.time(u.updated_at),
        "group": u.group,
        "admin?": u.admin,
        "color": u.color,
    })
}

/// `GET /users/{id}` → `{"user": …}`. The spec example spells the flag `admin` here; no real
/// sample of this endpoint is known, so the sim follows the spec (UNVERIFIED).
pub(crate) fn user_detail(a: &Account, u: &User) -> Value {
    json!({
        "id": u.id,
        "email": u.email,
        "full_name": u.full_name,
        "created_at": a.time(u.created_at),
        "updated_at": a.time(u.updated_at),
        "group": u.group,
        "admin": u.admin,
        "color": u.color,
    })
}

/// A contact: the body of `GET /contacts/{id}` (unwrapped) and an item of `GET /contacts`.
pub(crate) fn contact(a: &Account, c: &Contact) -> Value {
    json!({
        "id": c.id,
        "name": opt_str(&c.name),
        "address1": opt_str(&c.address1),
        "address2": opt_str(&c.address2),
        "city": opt_str(&c.city),
        "state": opt_str(&c.state),
        "zip": opt_str(&c.zip),
        "email": opt_str(&c.email),
        "phone": opt_str(&c.phone),
        "mobile": opt_str(&c.mobile),
        "latitude": null,
        "longitude": null,
        "customer_id": opt_i64(c.customer_id),
        "account_id": a.account_id,
        "notes": opt_str(&c.notes),
        "created_at": a.time(c.created_at),
        "updated_at": a.time(c.updated_at),
        "vendor_id": null,
        "properties": Value::Object(c.properties.clone()),
        "opt_out": c.opt_out,
        "extension": opt_str(&c.extension),
        "processed_phone": c.phone.as_ref().map(|p| digits(p)),
        "processed_mobile": c.mobile.as_ref().map(|p| digits(p)),
    })
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// A customer (list item and `{"customer": …}` body), with its contacts.
pub(crate) fn customer(a: &Account, c: &Customer, contacts: &[&Contact]) -> Value {
    json!({
        "id": c.id,
        "firstname": opt_str(&c.firstname),
        "lastname": opt_str(&c.lastname),
        "fullname": c.fullname(),
        "business_name": opt_str(&c.business_name),
        "email": opt_str(&c.email),
        "phone": opt_str(&c.phone),
        "mobile": opt_str(&c.mobile),
        "created_at": a.time(c.created_at),
        "updated_at": a.time(c.updated_at),
        "pdf_url": null,
        "address": opt_str(&c.address),
        "address_2": opt_str(&c.address_2),
        "city": opt_str(&c.city),
        "state": opt_str(&c.state),
        "zip": opt_str(&c.zip),
        "latitude": null,
        "longitude": null,
        "notes": opt_str(&c.notes),
        "get_sms": c.get_sms,
        "opt_out": c.opt_out,
        "disabled": c.disabled,
        "no_email": c.no_email,
        "location_name": null,
        "location_id": null,
        "properties": Value::Object(c.properties.clone()),
        "online_profile_url": format!("{}/my_profile/v2/index?portal_key={}", a.web_root(), c.portal_key),
        "tax_rate_id": null,
        "notification_email": null,
        "invoice_cc_emails": null,
        "invoice_term_id": null,
        "referred_by": null,
        "ref_customer_id": null,
        "business_and_full_name": c.business_and_full_name(),
        "business_then_name": c.business_then_name(),
        "contacts": contacts.iter().map(|ct| contact(a, ct)).collect::<Vec<_>>(),
    })
}

/// A comment as embedded in a ticket: the key set of the real fixture.
pub(crate) fn comment_embedded(a: &Account, c: &Comment) -> Value {
    json!({
        "id": c.id,
        "ticket_id": c.ticket_id,
        "subject": c.subject,
        "body": c.body,
        "tech": opt_str(&c.tech),
        "created_at": a.time(c.created_at),
        "updated_at": a.time(c.updated_at),
        "hidden": c.hidden,
        "sms_body": opt_str(&c.sms_body),
        "user_id": opt_i64(c.user_id),
        "ticket_automation_id": null,
        "destination_emails": opt_str(&c.destination_emails),
        "account_id": a.account_id,
        "email_sender": null,
        "new_sms_body": opt_str(&c.sms_body),
        "is_rich_text": false,
        "display_order": null,
    })
}

/// `POST /tickets/{id}/comment` → `{"comment": …}` (spec example keys; `do_not_email` is
/// write-only and never returned).
pub(crate) fn comment_created(a: &Account, c: &Comment) -> Value {
    json!({
        "id": c.id,
        "created_at": a.time(c.created_at),
        "updated_at": a.time(c.updated_at),
        "ticket_id": c.ticket_id,
        "subject": c.subject,
        "body": c.body,
        "tech": opt_str(&c.tech),
        "hidden": c.hidden,
        "user_id": opt_i64(c.user_id),
    })
}

/// An item of `GET /tickets/{id}/comments` (spec example keys, with the author).
pub(crate) fn comment_listed(a: &Account, c: &Comment, author: Option<&User>) -> Value {
    let mut v = comment_created(a, c);
    if let Value::Object(m) = &mut v {
        m.insert("is_rich_text".into(), Value::Bool(false));
        m.insert(
            "user".into(),
            author.map(|u| user_nested(a, u)).unwrap_or(Value::Null),
        );
    }
    v
}

/// An attachment. No sample of this object is public: the sim follows the CarrierWave
/// convention Rails apps serialize uploads with (`file: {url}`) and the keys of the spec's
/// `delete_attachment` (`attachment_id`). UNVERIFIED.
pub(crate) fn attachment(a: &Account, at: &Attachment) -> Value {
    json!({
        "id": at.id,
        "file_name": at.file_name,
        "file": { "url": at.url },
        "created_at": a.time(at.created_at),
        "updated_at": a.time(at.created_at),
    })
}

/// Which comments a ticket list item carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListComments {
    /// Only the initial (oldest) comment: the documented default since `all_comments` flipped
    /// to false (March 2026).
    Initial,
    /// Every comment, newest first (`all_comments=true`).
    All,
}

/// A ticket as `GET /tickets` lists it (the real fixture's keys).
pub(crate) fn ticket_list_item(
    a: &Account,
    s: &Store,
    t: &Ticket,
    comments: ListComments,
) -> Value {
    let customer = s.customers.get(&t.customer_id);
    let contact = s.contact(t.contact_id);
    let user = s.user(t.user_id);
    let listed: Vec<Value> = match comments {
        ListComments::All => t
            .comments
            .iter()
            .rev()
            .map(|c| comment_embedded(a, c))
            .collect(),
        ListComments::Initial => t
            .comments
            .first()
            .map(|c| comment_embedded(a, c))
            .into_iter()
            .collect(),
    };
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("id", t.id.into());
    put("number", t.number.into());
    put("subject", t.subject.clone().into());
    put("created_at", a.time(t.created_at));
    put("customer_id", t.customer_id.into());
    put(
        "customer_business_then_name",
        customer
            .map(|c| Value::String(c.business_then_name()))
            .unwrap_or(Value::Null),
    );
    put("due_date", a.opt_time(t.due_date));
    put("resolved_at", a.opt_time(t.resolved_at));
    put("start_at", a.opt_time(t.start_at));
    put("end_at", a.opt_time(t.end_at));
    put("location_id", opt_i64(t.location_id));
    put("location_name", Value::Null);
    put("problem_type", opt_str(&t.problem_type));
    put("status", t.status.clone().into());
    put("ticket_type_id", opt_i64(t.ticket_type_id));
    put("ticket_type_name", Value::Null);
    put("properties", Value::Object(t.properties.clone()));
    put("user_id", opt_i64(t.user_id));
    put("updated_at", a.time(t.updated_at));
    put("pdf_url", Value::Null);
    put("priority", opt_str(&t.priority));
    put("billing_status", Value::Null);
    put("tag_list", json!(t.tag_list));
    put("sla_name", Value::Null);
    put("creator_name_or_email", opt_str(&t.creator_name));
    put(
        "contact_fullname",
        contact
            .and_then(|c| c.name.clone())
            .map(Value::String)
            .unwrap_or(Value::Null),
    );
    put("contract_name", Value::Null);
    put("address_id", Value::Null);
    put("parent", false.into());
    put("parent_id", Value::Null);
    put("child", false.into());
    put("recurring", false.into());
    put("customer_reply", (t.status == "Customer Reply").into());
    put("total_formatted_billable_time", Value::Null);
    put("contact_id", opt_i64(t.contact_id));
    put("sla_breached", false.into());
    put("sla_breaching_soon", false.into());
    put("contract_id", Value::Null);
    put("sla_id", opt_i64(t.sla_id));
    put("customer_tag_list", json!([]));
    put(
        "resolution_time",
        t.resolved_at
            .map(|r| Value::from((r - t.created_at).whole_minutes()))
            .unwrap_or(Value::Null),
    );
    put("response_time", Value::Null);
    put("customer_icons", json!([]));
    put("comments", Value::Array(listed));
    put(
        "user",
        user.map(|u| user_nested(a, u)).unwrap_or(Value::Null),
    );
    Value::Object(m)
}

/// A ticket as `GET /tickets/{id}`, `POST /tickets` and `PUT /tickets/{id}` return it inside
/// `{"ticket": …}`: the list keys plus the detail-only ones, every comment newest first.
pub(crate) fn ticket_detail(a: &Account, s: &Store, t: &Ticket) -> Value {
    let mut v = ticket_list_item(a, s, t, ListComments::All);
    if let Value::Object(m) = &mut v {
        let owner = s.customers.get(&t.customer_id);
        let contacts = owner.map(|c| s.contacts_of(c.id)).unwrap_or_default();
        let extra = json!({
            "intake_form_html": null,
            "signature_name": opt_str(&t.signature_name),
            "signature_date": null,
            "asset_ids": t.asset_ids,
            "outtake_form_name": null,
            "outtake_form_date": null,
            "outtake_form_html": null,
            "attachments": t.attachments.iter().map(|at| attachment(a, at)).collect::<Vec<_>>(),
            "ticket_timers": [],
            "line_items": [],
            "worksheet_results": [],
            "assets": [],
            "appointments": [],
            "ticket_fields": [],
            "ticket_answers": [],
            "customer": owner.map(|c| customer(a, c, &contacts)).unwrap_or(Value::Null),
            "contact": s.contact(t.contact_id).map(|c| contact(a, c)).unwrap_or(Value::Null),
            "ticket_type": null,
            "address": null,
        });
        if let Value::Object(e) = extra {
            m.extend(e);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syncro::seed::{self, SeedSpec};
    use time::macros::offset;

    fn account() -> Account {
        Account {
            subdomain: "acme".into(),
            account_id: 62_302,
            offset: offset!(-5),
        }
    }

    fn store() -> Store {
        seed::build(SeedSpec {
            seed: 3,
            companies: 2,
            contacts_per_company: 2,
            tickets: 3,
            notes_per_ticket: 3,
        })
    }

    #[test]
    fn list_item_has_the_real_fixture_keys() {
        let s = store();
        let t = s.tickets.values().next().unwrap();
        let v = ticket_list_item(&account(), &s, t, ListComments::Initial);
        for key in [
            "id",
            "number",
            "subject",
            "customer_business_then_name",
            "contact_fullname",
            "properties",
            "comments",
            "user",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert!(v["created_at"].as_str().unwrap().ends_with("-05:00"));
        assert_eq!(v["comments"].as_array().unwrap().len(), 1);
        assert_eq!(v["comments"][0]["subject"], "Initial Issue");
        if !v["user"].is_null() {
            assert!(v["user"].get("admin?").is_some());
            assert!(v["user"].get("admin").is_none());
        }
    }

    #[test]
    fn detail_lists_every_comment_newest_first_and_embeds_the_customer() {
        let s = store();
        let t = s.tickets.values().next().unwrap();
        let v = ticket_detail(&account(), &s, t);
        let ids: Vec<i64> = v["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 3);
        assert!(ids.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(v["customer"]["id"], t.customer_id);
        assert!(v["attachments"].as_array().unwrap().is_empty());
    }

    #[test]
    fn created_comment_never_shows_do_not_email() {
        let s = store();
        let c = &s.tickets.values().next().unwrap().comments[0];
        let v = comment_created(&account(), c);
        assert!(v.get("do_not_email").is_none());
        assert_eq!(v["ticket_id"], c.ticket_id);
    }

    #[test]
    fn user_detail_follows_the_spec_spelling() {
        let s = store();
        let u = s.users.values().next().unwrap();
        assert!(user_detail(&account(), u).get("admin").is_some());
        assert!(user_nested(&account(), u).get("admin?").is_some());
    }
}
