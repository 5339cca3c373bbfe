//! Contracts (`/contracts`), invoices (`/invoices`) and ticket timers (`/ticket_timers`): the records, their seed and
//! their JSON, built from the spec's `GET /contracts` and `GET /ticket_timers` examples.

use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use super::store::{Contract, Invoice, SEED_NOW, Store, Timer};
use super::wire::Account;

/// First contract id.
const FIRST_CONTRACT: i64 = 52_001;
/// First invoice id.
const FIRST_INVOICE: i64 = 880_001;
/// First ticket timer id.
const FIRST_TIMER: i64 = 7_300_001;

/// `"12.5"`: the decimal text the API sends for money.
fn money(cents: i64) -> String {
    let whole = cents / 100;
    let frac = cents % 100;
    if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

/// An invoice as `GET /invoices` lists it (the spec example's keys; no tax in the sim).
pub(crate) fn invoice_json(a: &Account, i: &Invoice) -> Value {
    json!({
        "id": i.id,
        "customer_id": i.customer_id,
        "customer_business_then_name": i.customer_name,
        "number": i.number,
        "created_at": a.time(i.created_at),
        "updated_at": a.time(i.created_at),
        "date": a.time(midnight(i.date)),
        "due_date": a.time(midnight(i.date)),
        "subtotal": money(i.total_cents),
        "total": money(i.total_cents),
        "tax": "0.0",
        "verified_paid": i.paid,
        "tech_marked_paid": false,
        "ticket_id": i.ticket_id,
        "pdf_url": Value::Null,
        "is_paid": i.paid,
        "location_id": Value::Null,
        "po_number": Value::Null,
        "contact_id": Value::Null,
        "note": Value::Null,
        "hardwarecost": Value::Null,
        "user_id": Value::Null,
    })
}

/// Midnight UTC of a moment (the spec's contract dates are dates at `00:00:00.000Z`).
fn midnight(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_time(time::Time::MIDNIGHT)
}

/// A contract as `GET /contracts` lists it and `GET /contracts/{id}` returns it (flat). Contract
/// times carry the account's offset, as every Syncro timestamp does.
pub(crate) fn contract_json(a: &Account, c: &Contract) -> Value {
    json!({
        "id": c.id,
        "account_id": a.account_id,
        "customer_id": c.customer_id,
        "name": c.name,
        "contract_amount": c.contract_amount,
        "start_date": a.time(c.start_date),
        "end_date": a.time(c.end_date),
        "primary_contact": Value::Null,
        "description": c.description,
        "created_at": a.time(c.created_at),
        "updated_at": a.time(c.updated_at),
        "status": c.status,
        "likelihood": c.likelihood,
        "apply_to_all": false,
        "sla_id": Value::Null,
    })
}

/// A ticket timer as `GET /ticket_timers` lists it.
pub(crate) fn timer_json(a: &Account, t: &Timer) -> Value {
    let minutes = (t.end_time - t.start_time).whole_minutes();
    json!({
        "id": t.id,
        "ticket_id": t.ticket_id,
        "user_id": t.user_id,
        "start_time": a.time(t.start_time),
        "end_time": a.time(t.end_time),
        "recorded": t.recorded,
        "created_at": a.time(t.created_at),
        "updated_at": a.time(t.created_at),
        "billable": t.billable,
        "notes": t.notes,
        "toggl_id": Value::Null,
        "product_id": Value::Null,
        "comment_id": Value::Null,
        "ticket_line_item_id": Value::Null,
        "active_duration": Value::Null,
        "billable_time": minutes,
        "billable_override": Value::Null,
    })
}

/// Seeds one contract for every second customer (one of them expired) and one timer for every
/// third ticket, from their own generator so the other seeded records stay as they were.
pub(crate) fn seed(store: &mut Store, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xB111_1265);
    let customers: Vec<i64> = store.customers.keys().copied().step_by(2).collect();
    for (i, customer_id) in customers.into_iter().enumerate() {
        let start = midnight(SEED_NOW - Duration::days(300 + rng.i64(0..200)));
        let end = if i == 1 {
            start + Duration::days(30)
        } else {
            start + Duration::days(730)
        };
        let id = FIRST_CONTRACT + i as i64;
        store.contracts.insert(
            id,
            Contract {
                id,
                customer_id,
                name: ["Support Tier 1", "Managed Services", "Block Hours"][i % 3].to_string(),
                contract_amount: format!("{}k", 5 + rng.u32(0..40)),
                start_date: start,
                end_date: end,
                description: "Contract Description".to_string(),
                status: "Won".to_string(),
                likelihood: 100,
                created_at: start - Duration::days(5),
                updated_at: start - Duration::days(5),
            },
        );
    }
    let resolved: Vec<(i64, i64, OffsetDateTime)> = store
        .tickets
        .values()
        .filter(|t| t.status == "Resolved")
        .step_by(2)
        .map(|t| (t.id, t.customer_id, t.updated_at))
        .collect();
    for (i, (ticket_id, customer_id, at)) in resolved.into_iter().enumerate() {
        let id = FIRST_INVOICE + i as i64;
        let customer_name = store
            .customers
            .get(&customer_id)
            .map(|c| c.business_then_name())
            .unwrap_or_default();
        store.invoices.insert(
            id,
            Invoice {
                id,
                customer_id,
                customer_name,
                number: (4001 + i).to_string(),
                ticket_id: Some(ticket_id),
                total_cents: rng.i64(2_500..90_000),
                paid: rng.bool(),
                date: at,
                created_at: at,
            },
        );
    }
    let tickets: Vec<(i64, Option<i64>, OffsetDateTime)> = store
        .tickets
        .values()
        .step_by(3)
        .map(|t| (t.id, t.user_id, t.created_at))
        .collect();
    for (i, (ticket_id, user_id, created)) in tickets.into_iter().enumerate() {
        let start = created + Duration::minutes(rng.i64(5..120));
        let id = FIRST_TIMER + i as i64;
        store.timers.insert(
            id,
            Timer {
                id,
                ticket_id,
                user_id,
                start_time: start,
                end_time: start + Duration::minutes(rng.i64(6..150)),
                billable: rng.bool(),
                notes: None,
                created_at: start,
                recorded: false,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::SeedSizes;

    #[test]
    fn seeds_contracts_and_timers_that_belong_to_real_records() {
        let s = super::super::seed::build(SeedSizes {
            seed: 3,
            companies: 6,
            contacts_per_company: 0,
            tickets: 9,
            notes_per_ticket: 0,
        });
        assert_eq!(s.contracts.len(), 3);
        assert_eq!(s.timers.len(), 3);
        assert!(
            s.contracts
                .values()
                .all(|c| s.customers.contains_key(&c.customer_id))
        );
        assert!(
            s.timers
                .values()
                .all(|t| s.tickets.contains_key(&t.ticket_id) && t.end_time > t.start_time)
        );
        let a = Account {
            subdomain: "acme".into(),
            account_id: 7,
            offset: time::UtcOffset::UTC,
        };
        let Some(c) = s.contracts.values().next() else {
            panic!("no contract")
        };
        assert_eq!(contract_json(&a, c)["account_id"], 7);
        let Some(t) = s.timers.values().next() else {
            panic!("no timer")
        };
        assert!(
            timer_json(&a, t)["billable_time"]
                .as_i64()
                .is_some_and(|m| m >= 6)
        );
    }
}
