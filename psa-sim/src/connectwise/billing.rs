//! The billing side of the simulated tenant: agreements (`/finance/agreements`), their
//! additions and time entries (`/time/entries`), seeded from the companies and tickets.

use std::collections::BTreeMap;

use super::records::{CompanyRec, TicketRec};

/// An agreement type: id, name.
pub(crate) const AGREEMENT_TYPES: &[(i64, &str)] = &[
    (1, "Managed Services"),
    (2, "Block Hours"),
    (3, "Break Fix"),
];

/// A catalog product sold as an addition: id, identifier, description, price, cost.
pub(crate) const PRODUCTS: &[(i64, &str, &str, f64, f64)] = &[
    (40, "AV-SEAT", "Endpoint protection seat", 3.5, 1.25),
    (41, "M365-BP", "Microsoft 365 Business Premium", 22.0, 18.0),
    (42, "BACKUP-TB", "Cloud backup per TB", 45.0, 20.0),
];

/// The charge code time can be logged against besides tickets: id, name.
pub(crate) const CHARGE_CODES: &[(i64, &str)] = &[(1, "Internal Admin"), (2, "Training")];

/// An agreement.
#[derive(Debug, Clone)]
pub(crate) struct AgreementRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) kind: i64,
    pub(crate) company: i64,
    pub(crate) contact: Option<i64>,
    pub(crate) start: i64,
    pub(crate) end: Option<i64>,
    pub(crate) cancelled: Option<i64>,
    /// `agreementStatus`: `Active`, `Expired`, `Cancelled`.
    pub(crate) status: &'static str,
    pub(crate) bill_amount: f64,
    pub(crate) hours_limit: f64,
    pub(crate) entered: i64,
    pub(crate) updated: i64,
}

/// An agreement addition.
#[derive(Debug, Clone)]
pub(crate) struct AdditionRec {
    pub(crate) id: i64,
    pub(crate) agreement: i64,
    /// Index into [`PRODUCTS`].
    pub(crate) product: usize,
    pub(crate) quantity: f64,
    pub(crate) effective: i64,
    pub(crate) cancelled: Option<i64>,
    pub(crate) updated: i64,
}

/// A time entry.
#[derive(Debug, Clone)]
pub(crate) struct TimeEntryRec {
    pub(crate) id: i64,
    pub(crate) company: i64,
    /// `chargeToType`: `ServiceTicket`, `ProjectTicket`, `ChargeCode`, `Activity`; `None` for
    /// time entered against the company only.
    pub(crate) charge_type: Option<&'static str>,
    pub(crate) charge_id: Option<i64>,
    pub(crate) member: i64,
    pub(crate) agreement: Option<i64>,
    pub(crate) start: i64,
    pub(crate) end: Option<i64>,
    pub(crate) hours_deduct: f64,
    pub(crate) actual_hours: f64,
    /// `billableOption`: `Billable`, `DoNotBill`, `NoCharge`, `NoDefault`.
    pub(crate) billable: &'static str,
    pub(crate) notes: Option<String>,
    pub(crate) internal_notes: Option<String>,
    pub(crate) entered_by: String,
    pub(crate) entered: i64,
    pub(crate) updated_by: String,
    pub(crate) updated: i64,
}

/// Agreements, additions and time entries.
#[derive(Debug, Default)]
pub(crate) struct Billing {
    pub(crate) agreements: BTreeMap<i64, AgreementRec>,
    pub(crate) additions: BTreeMap<i64, AdditionRec>,
    pub(crate) time_entries: BTreeMap<i64, TimeEntryRec>,
    pub(crate) next_time_entry: i64,
}

pub(crate) const CHARGE_TYPES: &[&str] =
    &["ServiceTicket", "ProjectTicket", "ChargeCode", "Activity"];
pub(crate) const BILLABLE_OPTIONS: &[&str] = &["Billable", "DoNotBill", "NoCharge", "NoDefault"];

const DAY: i64 = 86_400;

impl Billing {
    /// The active agreement of a company, if it has one.
    pub(crate) fn active_agreement(&self, company: i64) -> Option<i64> {
        self.agreements
            .values()
            .find(|a| a.company == company && a.status == "Active")
            .map(|a| a.id)
    }
}

/// Seeds one active managed-services agreement per company (every third company also has an
/// expired block-hours one) with two additions each, and time on the first tickets plus a few
/// charge-code entries; everything derived from the seeded records and `epoch`.
pub(crate) fn seed(
    companies: &BTreeMap<i64, CompanyRec>,
    tickets: &BTreeMap<i64, TicketRec>,
    api_member: i64,
    epoch: i64,
) -> Billing {
    let mut b = Billing::default();
    let mut next_agreement = 1;
    let mut next_addition = 1;
    for (i, c) in companies.values().enumerate() {
        let n = i as i64;
        let mut plans = vec![(1, "Active", None, None)];
        if i % 3 == 2 {
            let end = epoch - 30 * DAY;
            plans.push((2, "Expired", Some(end), None));
        }
        for (kind, status, end, cancelled) in plans {
            let id = next_agreement;
            next_agreement += 1;
            let start = epoch - (365 + 30 * n) * DAY;
            b.agreements.insert(
                id,
                AgreementRec {
                    id,
                    name: format!("{} - {}", AGREEMENT_TYPES[(kind - 1) as usize].1, c.name),
                    kind,
                    company: c.id,
                    contact: c.default_contact,
                    start,
                    end,
                    cancelled,
                    status,
                    bill_amount: 500.0 + 125.0 * (n % 8) as f64,
                    hours_limit: if kind == 2 { 20.0 } else { 0.0 },
                    entered: start,
                    updated: epoch + 600 * id,
                },
            );
            for k in 0..2 {
                let aid = next_addition;
                next_addition += 1;
                b.additions.insert(
                    aid,
                    AdditionRec {
                        id: aid,
                        agreement: id,
                        product: (i + k) % PRODUCTS.len(),
                        quantity: (5 + 5 * ((i + k) % 6)) as f64,
                        effective: start,
                        cancelled: None,
                        updated: epoch + 600 * id + k as i64,
                    },
                );
            }
        }
    }
    let mut next = 1;
    for t in tickets.values().take(40) {
        let start = t.entered + 2 * 3_600;
        let minutes = 30 + 15 * (t.id % 7);
        let rec = TimeEntryRec {
            id: next,
            company: t.company,
            charge_type: Some("ServiceTicket"),
            charge_id: Some(t.id),
            member: t.owner.unwrap_or(api_member),
            agreement: b.active_agreement(t.company),
            start,
            end: Some(start + minutes * 60),
            hours_deduct: 0.0,
            actual_hours: minutes as f64 / 60.0,
            billable: if t.id % 5 == 0 {
                "NoCharge"
            } else {
                "Billable"
            },
            notes: Some(format!("Worked on: {}", t.summary)),
            internal_notes: None,
            entered_by: "zAdmin".to_string(),
            entered: start + minutes * 60,
            updated_by: "zAdmin".to_string(),
            updated: start + minutes * 60 + 120,
        };
        b.time_entries.insert(next, rec);
        next += 1;
    }
    if let Some(first) = companies.values().next() {
        for (k, (code, name)) in CHARGE_CODES.iter().enumerate() {
            let start = epoch + (k as i64 + 1) * DAY;
            b.time_entries.insert(
                next,
                TimeEntryRec {
                    id: next,
                    company: first.id,
                    charge_type: Some("ChargeCode"),
                    charge_id: Some(*code),
                    member: api_member,
                    agreement: None,
                    start,
                    end: Some(start + 3_600),
                    hours_deduct: 0.0,
                    actual_hours: 1.0,
                    billable: "DoNotBill",
                    notes: Some((*name).to_string()),
                    internal_notes: None,
                    entered_by: "zAdmin".to_string(),
                    entered: start + 3_600,
                    updated_by: "zAdmin".to_string(),
                    updated: start + 3_700,
                },
            );
            next += 1;
        }
    }
    b.next_time_entry = next;
    b
}
