//! Deterministic seed data, generated per id on demand.
//!
//! Every seeded record is a pure function of (seed, sizes, id): the store never holds them, so a
//! tenant with 100,000 tickets starts instantly and pages at the speed of generation. Ids are
//! shaped like a real tenant's (resources from 29682885, tickets in the thousands, notes in the
//! tens of millions).

use std::ops::Range;

use serde_json::{Value, json};
use time::macros::datetime;
use time::{Date, Duration, OffsetDateTime};

use super::dates;
pub(crate) use super::ids::{
    ATTACHMENT_BASE, COMPANY_BASE, CONTACT_BASE, EXCLUDED_BASE, NOTE_BASE, OPPORTUNITY_BASE,
    RESOURCE_BASE, ROLE_ID, TICKET_BASE, WEBHOOK_BASE, WEBHOOK_FIELD_BASE, technician_ids,
};
use super::kind::{Kind, Record};
use super::picklists::{self, LICENSE_API, STATUS_COMPLETE};
use super::{billing, projects, sales};

/// What to seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SeedSpec {
    /// The seed and sizes every simulator shares.
    pub(crate) sizes: crate::common::SeedSizes,
    /// The API user's `userName` (its Resource row carries it).
    pub(crate) api_username: String,
}

/// The seeded resources: (first, last, license, active, resource type).
const RESOURCES: &[(&str, &str, i64, bool)] = &[
    ("Autotask", "Administrator", 1, true),
    ("Avery", "Tran", 2, true),
    ("Jordan", "Blake", 2, true),
    ("Priya", "Natarajan", 2, true),
    ("Sam", "Okafor", 3, true),
    ("Morgan", "Reyes", 2, false),
    ("API", "User", LICENSE_API, true),
    ("Backup", "Integration", LICENSE_API, true),
];

/// Index of the API user in `RESOURCES`.
const API_USER_INDEX: i64 = 6;

/// The API user's resource id.
pub(crate) fn api_resource_id() -> i64 {
    RESOURCE_BASE + API_USER_INDEX
}

/// Id of the inactive technician.
pub(crate) fn inactive_resource_id() -> i64 {
    RESOURCE_BASE + 5
}

/// All seeded resource ids.
pub(crate) fn resource_ids() -> Vec<i64> {
    (0..RESOURCES.len() as i64)
        .map(|i| RESOURCE_BASE + i)
        .collect()
}

const COMPANY_NAMES: &[&str] = &[
    "Northwind Traders",
    "Contoso Ltd",
    "Fabrikam Inc",
    "Adventure Works",
    "Tailspin Toys",
    "Wingtip Toys",
    "Litware Inc",
    "Proseware",
    "Woodgrove Bank",
    "Coho Winery",
    "Alpine Ski House",
    "Lucerne Publishing",
];

const FIRST: &[&str] = &[
    "Alex", "Blair", "Casey", "Dana", "Elliot", "Frankie", "Gale", "Harper", "Indy", "Jesse",
    "Kai", "Logan", "Marlowe", "Noel", "Oakley", "Parker", "Quinn", "Riley", "Sage", "Toni",
];

const LAST: &[&str] = &[
    "Anders", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kowalski", "Lopez", "Meyer", "Novak", "Olsen", "Park", "Quint", "Rossi", "Silva", "Tanaka",
];

const TITLES: &[&str] = &[
    "Printer offline on second floor",
    "Cannot connect to VPN",
    "Outlook keeps asking for password",
    "New laptop setup",
    "Disk space low on file server",
    "Wi-Fi drops in conference room",
    "Password reset request",
    "Line of business app crashes on start",
    "Backup job failed overnight",
    "Phone extension not ringing",
    "Onboard new employee",
    "Firewall firmware update",
];

const NOTE_TEXT: &[&str] = &[
    "Called the user and walked through the steps.",
    "Remote session started; issue reproduced.",
    "Waiting on the vendor for a replacement part.",
    "Applied the fix and asked the user to confirm.",
    "Escalated to level II for a closer look.",
];

/// When seeded history starts.
const EPOCH: OffsetDateTime = datetime!(2024-01-01 08:00:00 UTC);
/// Seeded tickets are created this far apart (plus jitter inside the slot).
const TICKET_SLOT_MINUTES: i64 = 5;
const SLOTS_PER_DAY: i64 = 24 * 60 / TICKET_SLOT_MINUTES;

fn rng(spec: &SeedSpec, salt: u64, index: i64) -> fastrand::Rng {
    let mixed = spec
        .sizes
        .seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .wrapping_add((index as u64).wrapping_mul(0x94D0_49BB_1331_11EB));
    fastrand::Rng::with_seed(mixed)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The seeded id range of an entity and the first id a create gets.
pub(crate) fn id_range(spec: &SeedSpec, kind: Kind) -> (Range<i64>, i64) {
    let companies = count(spec.sizes.companies);
    match kind {
        Kind::Resources => (RESOURCE_BASE..RESOURCE_BASE + RESOURCES.len() as i64, 0),
        Kind::Companies => (COMPANY_BASE..COMPANY_BASE + companies, 0),
        Kind::Contacts => {
            let n = companies.saturating_mul(count(spec.sizes.contacts_per_company));
            (CONTACT_BASE..CONTACT_BASE + n, 0)
        }
        Kind::Tickets => (TICKET_BASE..TICKET_BASE + count(spec.sizes.tickets), 0),
        Kind::TicketNotes => {
            let n = count(spec.sizes.tickets).saturating_mul(count(spec.sizes.notes_per_ticket));
            (NOTE_BASE..NOTE_BASE + n, 0)
        }
        Kind::TicketAttachments => (ATTACHMENT_BASE..ATTACHMENT_BASE, ATTACHMENT_BASE),
        Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks => {
            (WEBHOOK_BASE..WEBHOOK_BASE, WEBHOOK_BASE)
        }
        Kind::TicketWebhookFields | Kind::CompanyWebhookFields | Kind::ContactWebhookFields => {
            (WEBHOOK_FIELD_BASE..WEBHOOK_FIELD_BASE, WEBHOOK_FIELD_BASE)
        }
        Kind::TicketWebhookExcludedResources
        | Kind::CompanyWebhookExcludedResources
        | Kind::ContactWebhookExcludedResources => (EXCLUDED_BASE..EXCLUDED_BASE, EXCLUDED_BASE),
        // One opportunity per seeded company.
        Kind::Opportunities => (OPPORTUNITY_BASE..OPPORTUNITY_BASE + companies, 0),
        Kind::TicketCategories => (sales::ticket_category_range(), 0),
        Kind::Contracts | Kind::ContractServices | Kind::Services | Kind::TimeEntries => {
            let tickets = count(spec.sizes.tickets);
            (billing::seeded(kind, companies, tickets), 0)
        }
        Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
            (projects::seeded(kind, companies), 0)
        }
    }
}

/// The seeded layout of a child entity whose seeded children sit in blocks: its parent, how
/// many children each seeded parent has, and the first child id.
pub(crate) fn child_block(child: Kind) -> (Kind, usize, i64) {
    match child {
        Kind::ContractServices => (Kind::Contracts, 1, billing::CONTRACT_SERVICE_BASE),
        Kind::Tasks => (
            Kind::Projects,
            usize::try_from(projects::TASKS_PER_PROJECT).unwrap_or(0),
            projects::TASK_BASE,
        ),
        Kind::ProjectNotes => (Kind::Projects, 1, projects::PROJECT_NOTE_BASE),
        Kind::TaskNotes => (Kind::Tasks, 1, projects::TASK_NOTE_BASE),
        _ => (child, 0, 0),
    }
}

/// Seeded tickets per creation day (so created tickets continue the day's numbering).
pub(crate) fn ticket_days(spec: &SeedSpec) -> Vec<(Date, u32)> {
    let n = count(spec.sizes.tickets);
    let days = (n + SLOTS_PER_DAY - 1) / SLOTS_PER_DAY;
    (0..days)
        .map(|d| {
            let on_day = (n - d * SLOTS_PER_DAY).min(SLOTS_PER_DAY);
            let date = (EPOCH + Duration::days(d)).date();
            (date, u32::try_from(on_day).unwrap_or(u32::MAX))
        })
        .collect()
}

/// Generates the seeded record `id` of `kind` (callers check the id is in the seeded range).
pub(crate) fn generate(spec: &SeedSpec, kind: Kind, id: i64) -> Record {
    let v = match kind {
        Kind::Resources => resource(spec, id - RESOURCE_BASE),
        Kind::Companies => company(spec, id - COMPANY_BASE),
        Kind::Contacts => contact(spec, id - CONTACT_BASE),
        Kind::Tickets => ticket(spec, id - TICKET_BASE),
        Kind::TicketNotes => note(spec, id - NOTE_BASE),
        Kind::Opportunities => {
            let i = id - OPPORTUNITY_BASE;
            let owner = technician_ids()[rng(spec, 7, i).usize(..4)];
            sales::opportunity(id, i, COMPANY_BASE + i, owner, RESOURCE_BASE)
        }
        Kind::TicketCategories => sales::ticket_category(id),
        Kind::Contracts | Kind::ContractServices | Kind::Services | Kind::TimeEntries => {
            let companies = count(spec.sizes.companies);
            billing::generate(kind, id, companies, count(spec.sizes.tickets))
        }
        Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
            projects::generate(kind, id)
        }
        _ => json!({ "id": id }),
    };
    match v {
        Value::Object(mut m) => {
            m.retain(|_, v| !v.is_null());
            m
        }
        _ => Record::new(),
    }
}

fn resource(spec: &SeedSpec, i: i64) -> Value {
    let idx = usize::try_from(i).unwrap_or(0).min(RESOURCES.len() - 1);
    let (first, last, license, active) = RESOURCES[idx];
    let user_name = if i == API_USER_INDEX {
        spec.api_username.clone()
    } else {
        format!(
            "{}{}",
            first.to_ascii_lowercase(),
            &last[..1].to_ascii_lowercase()
        )
    };
    let email = if license == LICENSE_API {
        format!(
            "{}.{}@sim-msp.example",
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase()
        )
    } else {
        format!("{}@sim-msp.example", user_name)
    };
    json!({
        "id": RESOURCE_BASE + i,
        "firstName": first,
        "lastName": last,
        "userName": user_name,
        "email": email,
        "emailTypeCode": "PRIMARY",
        "isActive": active,
        "licenseType": license,
        "userType": if license == 1 { 10 } else { 12 },
        "resourceType": "Employee",
        "initials": format!("{}{}", &first[..1], &last[..1]),
        "dateFormat": "MM/dd/yyyy",
        "timeFormat": "hh:mm a",
        "numberFormat": "X,XXX.XX",
        "internalCost": if license == LICENSE_API { 0.0 } else { 45.0 },
        "locationID": 90682,
        "payrollType": 1,
        "defaultServiceDeskRoleID": if license == LICENSE_API { Value::Null } else { json!(ROLE_ID) },
        "officePhone": if license == LICENSE_API { Value::Null } else { json!(format!("(518) 720-35{:02}", i)) },
        "hireDate": dates::wire(EPOCH - Duration::days(400 - i)),
    })
}

fn company_name(i: i64) -> String {
    let n = COMPANY_NAMES.len() as i64;
    let base = COMPANY_NAMES[usize::try_from(i % n).unwrap_or(0)];
    if i < n {
        base.to_string()
    } else {
        format!("{base} {}", i / n + 1)
    }
}

fn company_domain(i: i64) -> String {
    let slug: String = company_name(i)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{slug}.example")
}

fn company(spec: &SeedSpec, i: i64) -> Value {
    let mut r = rng(spec, 2, i);
    let owner = technician_ids()[r.usize(..4)];
    let created = EPOCH - Duration::days(200) + Duration::hours(i * 7);
    let city = ["Albany", "Troy", "Saratoga Springs", "Schenectady"][r.usize(..4)];
    json!({
        "id": COMPANY_BASE + i,
        "companyName": company_name(i),
        "companyNumber": format!("{}", 100_000 + i),
        "companyType": if i % 9 == 8 { 3 } else { 1 },
        "classification": Value::Null,
        "phone": format!("555-01{:02}", i % 100),
        "fax": Value::Null,
        "address1": format!("{} Main Street", 10 + r.u32(..900)),
        "city": city,
        "state": "NY",
        "postalCode": format!("12{:03}", r.u32(..1000)),
        "countryID": 237,
        "webAddress": format!("www.{}", company_domain(i)),
        "isActive": true,
        "isClientPortalActive": i % 2 == 0,
        "isTaskFireActive": false,
        "isTaxExempt": false,
        "isEnabledForComanaged": false,
        "isSample": false,
        "ownerResourceID": owner,
        "createdByResourceID": RESOURCE_BASE,
        "createDate": dates::wire(created),
        "lastActivityDate": dates::wire(created + Duration::days(30)),
        "lastTrackedModifiedDateTime": dates::wire(created + Duration::days(30)),
        "currencyID": 1,
        "billToAddressToUse": 1,
        "invoiceMethod": 1,
        "invoiceNonContractItemsToParentCompany": false,
    })
}

/// (company index, contact index within the company) of seeded contact `i`.
fn contact_parts(spec: &SeedSpec, i: i64) -> (i64, i64) {
    let per = count(spec.sizes.contacts_per_company).max(1);
    (i / per, i % per)
}

fn contact(spec: &SeedSpec, i: i64) -> Value {
    let (c, k) = contact_parts(spec, i);
    let f = FIRST.len() as i64;
    let l = LAST.len() as i64;
    let first = FIRST[usize::try_from((c * 7 + k) % f).unwrap_or(0)];
    let last = LAST[usize::try_from((c * 3 + k * 11) % l).unwrap_or(0)];
    let suffix = if k >= f {
        format!("{}", k / f + 1)
    } else {
        String::new()
    };
    let email = format!(
        "{}.{}{}@{}",
        first.to_ascii_lowercase(),
        last.to_ascii_lowercase(),
        suffix,
        company_domain(c)
    );
    let created = EPOCH - Duration::days(150) + Duration::hours(i * 3);
    json!({
        "id": CONTACT_BASE + i,
        "companyID": COMPANY_BASE + c,
        "firstName": first,
        "lastName": last,
        "emailAddress": email,
        "phone": format!("555-02{:02}", i % 100),
        "isActive": 1,
        "primaryContact": k == 0,
        "title": if k == 0 { json!("Office Manager") } else { Value::Null },
        "receivesEmailNotifications": true,
        "createDate": dates::wire(created),
        "lastActivityDate": dates::wire(created + Duration::days(10)),
        "lastModifiedDate": dates::wire(created + Duration::days(10)),
    })
}

/// When seeded ticket `i` was created.
fn ticket_created(spec: &SeedSpec, i: i64) -> OffsetDateTime {
    let mut r = rng(spec, 5, i);
    EPOCH
        + Duration::minutes(i * TICKET_SLOT_MINUTES)
        + Duration::seconds(i64::from(r.u32(..299)))
        + Duration::milliseconds(i64::from(r.u32(..1000)))
}

fn pick(r: &mut fastrand::Rng, weighted: &[(i64, u32)]) -> i64 {
    let total: u32 = weighted.iter().map(|(_, w)| *w).sum();
    let mut x = r.u32(..total.max(1));
    for (v, w) in weighted {
        if x < *w {
            return *v;
        }
        x -= w;
    }
    weighted.first().map_or(0, |(v, _)| *v)
}

fn ticket(spec: &SeedSpec, i: i64) -> Value {
    let mut r = rng(spec, 4, i);
    let companies = count(spec.sizes.companies).max(1);
    let c = i % companies;
    let per = count(spec.sizes.contacts_per_company);
    let contact = if per > 0 && r.u8(..10) < 8 {
        json!(CONTACT_BASE + c * per + i64::from(r.u32(..u32::try_from(per).unwrap_or(1))))
    } else {
        Value::Null
    };
    let status = pick(
        &mut r,
        &[
            (1, 25),
            (8, 25),
            (7, 12),
            (STATUS_COMPLETE, 25),
            (9, 4),
            (10, 4),
            (12, 5),
        ],
    );
    let priority = pick(&mut r, &[(1, 15), (2, 50), (3, 30), (4, 5)]);
    let queue = pick(&mut r, &[(5, 10), (8, 15), (29683481, 50), (29683482, 25)]);
    let source = pick(&mut r, &[(-1, 20), (2, 35), (4, 35), (6, 10)]);
    let issue = picklists::ISSUE_TYPE[r.usize(..picklists::ISSUE_TYPE.len())].value;
    let subs: Vec<i64> = picklists::SUB_ISSUE_TYPE
        .iter()
        .filter(|p| p.parent == Some(issue))
        .map(|p| p.value)
        .collect();
    let sub = if subs.is_empty() {
        Value::Null
    } else {
        json!(subs[r.usize(..subs.len())])
    };
    let techs = technician_ids();
    let assigned = if r.u8(..10) < 7 {
        Some(techs[r.usize(..techs.len())])
    } else {
        None
    };
    let by_contact = contact.is_i64() && r.u8(..10) == 0;
    let creator = techs[r.usize(..techs.len())];
    let created = ticket_created(spec, i);
    let last = created + Duration::minutes(i64::from(r.u32(..4320)));
    let done = status == STATUS_COMPLETE;
    let title = TITLES[r.usize(..TITLES.len())];
    let day = (created.date() - EPOCH.date()).whole_days();
    let seq = i - day * SLOTS_PER_DAY + 1;
    let ranking = match r.u8(..6) {
        0 => json!([{"name": "CustomerRanking", "value": "Golden"}]),
        1 => json!([{"name": "CustomerRanking", "value": "Silver"}]),
        _ => Value::Null,
    };
    json!({
        "id": TICKET_BASE + i,
        "ticketNumber": format!("T{}.{:04}", created.date().to_string().replace('-', ""), seq),
        "title": title,
        "description": format!("{title}. Reported by the customer; see the notes for the steps taken."),
        "companyID": COMPANY_BASE + c,
        "contactID": contact,
        "queueID": queue,
        "status": status,
        "priority": priority,
        "source": source,
        "issueType": issue,
        "subIssueType": sub,
        "ticketType": if r.u8(..4) == 0 { 2 } else { 1 },
        "ticketCategory": 3,
        "assignedResourceID": assigned,
        "assignedResourceRoleID": assigned.map(|_| ROLE_ID),
        "creatorResourceID": if by_contact { Value::Null } else { json!(creator) },
        "createdByContactID": if by_contact { contact.clone() } else { Value::Null },
        "creatorType": if by_contact { 2 } else { 1 },
        "createDate": dates::wire(created),
        "dueDateTime": dates::wire(created + Duration::days(3)),
        "lastActivityDate": dates::wire(last),
        "lastTrackedModificationDateTime": dates::wire(last),
        "lastActivityResourceID": assigned.unwrap_or(creator),
        "lastActivityPersonType": 1,
        "completedDate": if done { json!(dates::wire(last)) } else { Value::Null },
        "completedByResourceID": if done { json!(assigned.unwrap_or(creator)) } else { Value::Null },
        "resolvedDateTime": if done { json!(dates::wire(last)) } else { Value::Null },
        "resolution": if done { json!("Resolved with the customer.") } else { Value::Null },
        "estimatedHours": f64::from(r.u8(..8)) / 2.0,
        "hoursToBeScheduled": 0.0,
        "isVisibleToComanaged": false,
        "isAssignedToComanaged": false,
        "organizationalLevelAssociationID": 1,
        "userDefinedFields": ranking,
    })
}

fn note(spec: &SeedSpec, j: i64) -> Value {
    let per = count(spec.sizes.notes_per_ticket).max(1);
    let (t, k) = (j / per, j % per);
    let mut r = rng(spec, 6, j);
    let created = ticket_created(spec, t) + Duration::minutes(17 * (k + 1));
    let techs = technician_ids();
    json!({
        "id": NOTE_BASE + j,
        "ticketID": TICKET_BASE + t,
        "title": if k == 0 { "Initial triage".to_string() } else { format!("Update {k}") },
        "description": NOTE_TEXT[r.usize(..NOTE_TEXT.len())],
        "noteType": if k == 0 { 1 } else { 3 },
        "publish": if r.u8(..3) == 0 { 2 } else { 1 },
        "creatorResourceID": techs[r.usize(..techs.len())],
        "createDateTime": dates::wire(created),
        "lastActivityDate": dates::wire(created),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autotask::store::int;

    fn spec() -> SeedSpec {
        SeedSpec {
            sizes: crate::common::SeedSizes {
                seed: 42,
                companies: 3,
                contacts_per_company: 2,
                tickets: 400,
                notes_per_ticket: 2,
            },
            api_username: "abc@example.com".into(),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_tenant() {
        let s = spec();
        for id in [TICKET_BASE, TICKET_BASE + 399] {
            assert_eq!(
                generate(&s, Kind::Tickets, id),
                generate(&s, Kind::Tickets, id)
            );
        }
        let mut other = spec();
        other.sizes.seed = 43;
        let differs = (0..20).any(|i| {
            generate(&s, Kind::Tickets, TICKET_BASE + i)
                != generate(&other, Kind::Tickets, TICKET_BASE + i)
        });
        assert!(differs);
    }

    #[test]
    fn tickets_point_at_seeded_companies_and_contacts() {
        let s = spec();
        for i in 0..400 {
            let t = generate(&s, Kind::Tickets, TICKET_BASE + i);
            let company = int(&t, "companyID").unwrap();
            assert!((COMPANY_BASE..COMPANY_BASE + 3).contains(&company));
            if let Some(contact) = int(&t, "contactID") {
                let c = generate(&s, Kind::Contacts, contact);
                assert_eq!(int(&c, "companyID"), Some(company));
            }
            assert!(!t.contains_key("completedDate") || int(&t, "status") == Some(5));
        }
    }

    #[test]
    fn ticket_numbers_are_unique() {
        let s = spec();
        let mut seen = std::collections::HashSet::new();
        for i in 0..400 {
            let t = generate(&s, Kind::Tickets, TICKET_BASE + i);
            assert!(seen.insert(t["ticketNumber"].as_str().unwrap().to_string()));
        }
        let days = ticket_days(&s);
        assert_eq!(days.iter().map(|(_, n)| *n as usize).sum::<usize>(), 400);
    }

    #[test]
    fn the_api_user_is_a_resource_with_its_user_name() {
        let s = spec();
        let r = generate(&s, Kind::Resources, api_resource_id());
        assert_eq!(r["userName"], "abc@example.com");
        assert_eq!(int(&r, "licenseType"), Some(LICENSE_API));
    }
}
