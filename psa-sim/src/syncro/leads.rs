//! Leads (`/leads`): the record, its seed and its JSON, built from the spec's `GET /leads`
//! example (the request schema of `POST /leads` lists what can be written).

use serde_json::{Value, json};
use time::Duration;

use super::store::{Lead, SEED_NOW, Store};
use super::wire::Account;

/// The pipeline statuses the spec lists for `GET /leads?statuses[]=`.
pub(crate) const LEAD_STATUSES: &[&str] = &[
    "New",
    "Lead",
    "First Contact",
    "Opportunity",
    "Prospect",
    "Waiting on Client",
    "In Negotiation",
    "Pending",
    "Won",
    "Lost",
];

fn text(v: &Option<String>) -> Value {
    // The spec example sends "" for empty contact fields, not null.
    Value::String(v.clone().unwrap_or_default())
}

fn opt(v: &Option<String>) -> Value {
    v.clone().map(Value::String).unwrap_or(Value::Null)
}

/// A lead as `GET /leads`, `GET /leads/{id}` and `POST /leads` send it (the spec example's keys).
pub(crate) fn lead_json(a: &Account, s: &Store, l: &Lead) -> Value {
    json!({
        "id": l.id,
        "first_name": opt(&l.first_name),
        "last_name": opt(&l.last_name),
        "email": opt(&l.email),
        "phone": text(&l.phone),
        "mobile": text(&l.mobile),
        "created_at": a.time(l.created_at),
        "updated_at": a.time(l.updated_at),
        "address": text(&l.address),
        "city": text(&l.city),
        "state": text(&l.state),
        "zip": text(&l.zip),
        "ticket_subject": opt(&l.ticket_subject),
        "ticket_description": opt(&l.ticket_description),
        "ticket_problem_type": opt(&l.ticket_problem_type),
        "ticket_id": l.ticket_id,
        "customer_id": l.customer_id,
        "contact_id": l.contact_id,
        "mailbox_id": l.mailbox_id,
        "mailbox_name": Value::Null,
        "business_then_name": l.business_then_name(s),
        "has_attachments": false,
        "message_read": l.message_read,
        "status": l.status,
        "user_id": l.user_id,
        "location_id": l.location_id,
    })
}

/// Seeds one lead per customer (at most 30), from its own generator so the other records of a
/// seed stay as they were before leads existed.
pub(crate) fn seed(store: &mut Store, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x1EAD_5EED);
    let customers: Vec<super::store::Customer> =
        store.customers.values().take(30).cloned().collect();
    let users: Vec<i64> = store.users.keys().copied().collect();
    for (i, c) in customers.into_iter().enumerate() {
        let (customer_id, first, last, city) = (c.id, c.firstname, c.lastname, c.city);
        let id = store.new_lead_id();
        let created = SEED_NOW - Duration::days(60 - i as i64) - Duration::minutes(rng.i64(0..600));
        let mut l = Lead::new(id, created);
        l.first_name = first;
        l.last_name = last;
        l.city = city;
        l.status = LEAD_STATUSES[rng.usize(..LEAD_STATUSES.len())].to_string();
        // Every other lead is a prospect that is not a customer yet.
        if i % 2 == 0 {
            l.customer_id = Some(customer_id);
        } else {
            l.business_name = Some(format!("Prospect {} LLC", i + 1));
        }
        l.user_id = users.get(rng.usize(..users.len().max(1))).copied();
        l.message_read = rng.bool();
        l.updated_at = created + Duration::hours(rng.i64(0..48));
        store.leads.insert(id, l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::SeedSizes;

    fn sizes(seed: u64) -> SeedSizes {
        SeedSizes {
            seed,
            companies: 8,
            contacts_per_company: 1,
            tickets: 3,
            notes_per_ticket: 1,
        }
    }

    #[test]
    fn seeded_leads_are_deterministic_and_valid() {
        let a = super::super::seed::build(sizes(4));
        let b = super::super::seed::build(sizes(4));
        assert_eq!(a.leads.len(), 8);
        let statuses = |s: &Store| {
            s.leads
                .values()
                .map(|l| l.status.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(statuses(&a), statuses(&b));
        for l in a.leads.values() {
            assert!(LEAD_STATUSES.contains(&l.status.as_str()));
            if let Some(c) = l.customer_id {
                assert!(a.customers.contains_key(&c));
            }
            assert!(!l.business_then_name(&a).is_empty());
        }
    }

    #[test]
    fn json_has_the_spec_example_keys() {
        let s = super::super::seed::build(sizes(1));
        let a = Account {
            subdomain: "acme".into(),
            account_id: 1,
            offset: time::UtcOffset::UTC,
        };
        let Some(l) = s.leads.values().next() else {
            panic!("no lead seeded")
        };
        let v = lead_json(&a, &s, l);
        for key in [
            "id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "mobile",
            "created_at",
            "updated_at",
            "address",
            "city",
            "state",
            "zip",
            "ticket_subject",
            "ticket_description",
            "ticket_problem_type",
            "ticket_id",
            "customer_id",
            "contact_id",
            "mailbox_id",
            "mailbox_name",
            "business_then_name",
            "has_attachments",
            "message_read",
            "status",
            "user_id",
            "location_id",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert_eq!(v["phone"], "");
    }
}
