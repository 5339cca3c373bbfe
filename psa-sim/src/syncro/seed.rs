//! Deterministic seed data: the same seed and sizes give the same account, byte for byte.
//!
//! Generation is linear in the number of records (100,000 tickets take well under a second):
//! every name and time is drawn from one seeded generator, nothing is searched or sorted.

use serde_json::Map;
use time::Duration;

use super::store::{Comment, Contact, Customer, Store, Ticket, User, ids};

/// Seeded records are dated up to this moment.
pub(crate) use super::store::SEED_NOW;

/// The statuses of a default account (`GET /tickets/settings` example in the spec).
pub(crate) const STATUSES: &[&str] = &[
    "New",
    "In Progress",
    "Resolved",
    "Invoiced",
    "Waiting for Parts",
    "Waiting on Customer",
    "Scheduled",
    "Customer Reply",
];
/// Problem types (`GET /settings` example, plus the "Remote Support" of the real fixture).
pub(crate) const PROBLEM_TYPES: &[&str] = &[
    "Virus",
    "TuneUp",
    "Hardware",
    "Software",
    "Remote Support",
    "Other",
];
/// Priorities (`GET /settings` example).
pub(crate) const PRIORITIES: &[&str] = &["", "0 Urgent", "1 High", "2 Normal", "3 Low"];

/// What to seed: the shared seed sizes.
pub(crate) type SeedSpec = crate::common::SeedSizes;

const USERS: &[(&str, &str, &str)] = &[
    ("Dana Whitfield", "Technicians", "2f6db5"),
    ("Admin User", "Admins", "FFFFFF"),
    ("Sam Patel", "Technicians", "55b932"),
    ("Jordan Lee", "Technicians", "e0a21b"),
];

const FIRST: &[&str] = &[
    "Ann", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jon", "Kara",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sven", "Tara",
];
const LAST: &[&str] = &[
    "Smith", "Doe", "Garcia", "Nguyen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Tanaka",
    "Brown", "Silva", "Murphy", "Haddad", "Larsen", "Moreau", "Cohen",
];
const BUSINESS_A: &[&str] = &[
    "Keystone",
    "Harbor",
    "Summit",
    "Bluebird",
    "Granite",
    "Maple",
    "Northwind",
    "Redwood",
    "Silverline",
    "Oakridge",
];
const BUSINESS_B: &[&str] = &[
    "Financial",
    "Dental",
    "Logistics",
    "Legal",
    "Realty",
    "Veterinary",
    "Architects",
    "Bakery",
    "Clinic",
    "Motors",
];
const CITIES: &[(&str, &str)] = &[
    ("Harrisburg", "PA"),
    ("Columbus", "OH"),
    ("Raleigh", "NC"),
    ("Albany", "NY"),
    ("Richmond", "VA"),
    ("Trenton", "NJ"),
];
const SUBJECTS: &[&str] = &[
    "User is unable to print.",
    "Outlook keeps asking for a password",
    "New employee onboarding",
    "VPN disconnects every few minutes",
    "Laptop running very slow",
    "Shared drive not mapped",
    "Phishing email reported",
    "Replace failing backup drive",
    "Wi-Fi drops in conference room",
    "Need access to accounting software",
    "Monitor flickering",
    "Update firewall firmware",
];
const COMMENT_SUBJECTS: &[&str] = &[
    "Initial Issue",
    "Update",
    "Called customer",
    "Remote session",
    "Follow-up",
];
const COMMENT_BODIES: &[&str] = &[
    "Customer reports the problem started this morning.",
    "Connected remotely and reviewed the event logs.",
    "Left a voicemail, waiting for a call back.",
    "Applied the fix and asked the user to confirm.",
    "Scheduled an onsite visit for tomorrow.",
];

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list.get(rng.usize(..list.len().max(1)))
        .copied()
        .unwrap_or("")
}

fn slug(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn phone(rng: &mut fastrand::Rng) -> String {
    format!("{}-555-{:04}", rng.u32(200..990), rng.u32(0..10_000))
}

fn portal_key(rng: &mut fastrand::Rng) -> String {
    (0..20)
        .map(|_| rng.alphanumeric().to_ascii_lowercase())
        .collect()
}

/// Builds the seeded account. The first user is the token's user.
pub(crate) fn build(spec: SeedSpec) -> Store {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let mut store = Store::default();
    let epoch = SEED_NOW - Duration::days(900);

    for (i, (name, group, color)) in USERS.iter().enumerate() {
        let id = ids::USER + i as i64;
        let email = format!("{}@sample-msp.example", slug(name));
        let created = epoch + Duration::days(i as i64);
        store.users.insert(
            id,
            User {
                id,
                email,
                full_name: name.to_string(),
                group: group.to_string(),
                admin: *group == "Admins",
                color: color.to_string(),
                created_at: created,
                updated_at: created,
            },
        );
    }

    let mut customer_ids = Vec::with_capacity(spec.companies);
    for i in 0..spec.companies {
        let id = store.new_customer_id();
        let base = format!(
            "{} {}",
            BUSINESS_A[i % BUSINESS_A.len()],
            BUSINESS_B[(i / BUSINESS_A.len()) % BUSINESS_B.len()]
        );
        // Past 100 companies the names repeat; a round number keeps them (and their domains) unique.
        let business = if i < BUSINESS_A.len() * BUSINESS_B.len() {
            base
        } else {
            format!("{base} {}", i / 100)
        };
        let domain = format!("{}.example", slug(&business));
        let (city, state) = CITIES[rng.usize(..CITIES.len())];
        let created = epoch + Duration::hours(i as i64 * 7 % 20_000);
        let c = Customer {
            id,
            firstname: Some(pick(&mut rng, FIRST).to_string()),
            lastname: Some(pick(&mut rng, LAST).to_string()),
            business_name: Some(business),
            email: Some(format!("accounting@{domain}")),
            phone: Some(phone(&mut rng)),
            mobile: None,
            address: Some(format!("{} Main St", rng.u32(1..9_999))),
            address_2: None,
            city: Some(city.to_string()),
            state: Some(state.to_string()),
            zip: Some(format!("{:05}", rng.u32(10_000..99_999))),
            notes: None,
            disabled: false,
            no_email: false,
            opt_out: false,
            get_sms: false,
            properties: Map::new(),
            portal_key: portal_key(&mut rng),
            created_at: created,
            updated_at: created,
        };
        store.insert_customer(c);
        customer_ids.push((id, domain));
        for j in 0..spec.contacts_per_company {
            let first = pick(&mut rng, FIRST);
            let last = pick(&mut rng, LAST);
            let cid = store.new_contact_id();
            store.insert_contact(Contact {
                id: cid,
                customer_id: Some(id),
                name: Some(format!("{first} {last}")),
                // The contact index keeps emails unique even when names repeat.
                email: Some(format!(
                    "{}.{}{}@{}",
                    slug(first),
                    slug(last),
                    j + 1,
                    customer_ids[i].1
                )),
                phone: Some(phone(&mut rng)),
                mobile: None,
                address1: None,
                address2: None,
                city: Some(city.to_string()),
                state: Some(state.to_string()),
                zip: None,
                notes: None,
                extension: None,
                opt_out: false,
                properties: Map::new(),
                created_at: created + Duration::minutes(j as i64 + 1),
                updated_at: created + Duration::minutes(j as i64 + 1),
            });
        }
    }

    let user_ids: Vec<i64> = store.users.keys().copied().collect();
    let n = spec.tickets as i64;
    for i in 0..n {
        if customer_ids.is_empty() {
            break;
        }
        let (customer_id, _) = customer_ids[rng.usize(..customer_ids.len())];
        let contacts: Vec<i64> = store
            .contacts_by_customer
            .get(&customer_id)
            .cloned()
            .unwrap_or_default();
        let contact_id = if contacts.is_empty() {
            None
        } else {
            Some(contacts[rng.usize(..contacts.len())])
        };
        let created_at =
            SEED_NOW - Duration::minutes((n - i) * 11) - Duration::seconds(rng.i64(0..600));
        let created_at = created_at
            .replace_millisecond(rng.u16(0..1000))
            .unwrap_or(created_at);
        let status = if i < n - 30 && rng.u8(..10) < 7 {
            "Resolved"
        } else {
            pick(&mut rng, &STATUSES[..3])
        };
        let age = SEED_NOW - created_at;
        let worked = Duration::minutes(rng.i64(1..(age.whole_minutes().clamp(2, 4_000))));
        let updated_at = created_at + worked;
        let resolved_at = (status == "Resolved").then_some(updated_at);
        let user_id = if rng.u8(..5) == 0 {
            None
        } else {
            Some(user_ids[rng.usize(..user_ids.len())])
        };
        let id = store.new_ticket_id();
        let number = store.new_number();
        let tech = store.user(user_id).map(|u| u.full_name.clone());
        let mut comments = Vec::with_capacity(spec.notes_per_ticket);
        for k in 0..spec.notes_per_ticket {
            let at = created_at
                + Duration::seconds(
                    worked.whole_seconds() * k as i64 / spec.notes_per_ticket.max(1) as i64,
                );
            comments.push(Comment {
                id: store.new_comment_id(),
                ticket_id: id,
                subject: if k == 0 {
                    "Initial Issue".to_string()
                } else {
                    pick(&mut rng, &COMMENT_SUBJECTS[1..]).to_string()
                },
                body: pick(&mut rng, COMMENT_BODIES).to_string(),
                tech: tech.clone(),
                hidden: k > 0 && rng.bool(),
                do_not_email: true,
                sms_body: Some(String::new()),
                user_id,
                destination_emails: None,
                created_at: at,
                updated_at: at,
            });
        }
        store.insert_ticket(Ticket {
            id,
            number,
            subject: pick(&mut rng, SUBJECTS).to_string(),
            status: status.to_string(),
            problem_type: Some(pick(&mut rng, PROBLEM_TYPES).to_string()),
            priority: Some(pick(&mut rng, &PRIORITIES[1..]).to_string()),
            customer_id,
            contact_id,
            user_id,
            ticket_type_id: None,
            location_id: None,
            sla_id: None,
            signature_name: None,
            properties: Map::new(),
            tag_list: Vec::new(),
            asset_ids: Vec::new(),
            due_date: Some(created_at + Duration::days(3)),
            start_at: None,
            end_at: None,
            resolved_at,
            created_at,
            updated_at,
            comments,
            attachments: Vec::new(),
            creator_name: tech,
        });
    }
    super::leads::seed(&mut store, spec.seed);
    super::billing::seed(&mut store, spec.seed);
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(seed: u64, tickets: usize) -> SeedSpec {
        SeedSpec {
            seed,
            companies: 4,
            contacts_per_company: 3,
            tickets,
            notes_per_ticket: 2,
        }
    }

    #[test]
    fn same_seed_same_account() {
        let a = build(spec(42, 40));
        let b = build(spec(42, 40));
        let subjects = |s: &Store| {
            s.tickets
                .values()
                .map(|t| (t.id, t.subject.clone(), t.status.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(subjects(&a), subjects(&b));
        let c = build(spec(43, 40));
        assert_ne!(subjects(&a), subjects(&c));
    }

    #[test]
    fn sizes_are_as_asked_and_emails_unique() {
        let s = build(spec(1, 25));
        assert_eq!(s.customers.len(), 4);
        assert_eq!(s.contacts.len(), 12);
        assert_eq!(s.tickets.len(), 25);
        assert!(
            s.tickets
                .values()
                .all(|t| t.comments.len() == 2 && t.created_at <= SEED_NOW)
        );
        let mut emails: Vec<_> = s
            .contacts
            .values()
            .filter_map(|c| c.email.clone())
            .collect();
        emails.sort();
        emails.dedup();
        assert_eq!(emails.len(), 12);
    }

    #[test]
    fn tickets_belong_to_existing_customers_and_their_contacts() {
        let s = build(spec(9, 60));
        for t in s.tickets.values() {
            assert!(s.customers.contains_key(&t.customer_id));
            if let Some(c) = t.contact_id {
                assert_eq!(s.contacts[&c].customer_id, Some(t.customer_id));
            }
            assert_eq!(t.resolved_at.is_some(), t.status == "Resolved");
        }
    }

    #[test]
    fn many_companies_keep_unique_names() {
        let s = build(SeedSpec {
            seed: 1,
            companies: 250,
            contacts_per_company: 0,
            tickets: 0,
            notes_per_ticket: 0,
        });
        let mut names: Vec<_> = s
            .customers
            .values()
            .map(|c| c.business_then_name())
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 250);
    }
}
