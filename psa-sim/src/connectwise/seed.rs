//! The seeded ConnectWise tenant: companies, contacts, members, boards, statuses, tickets and
//! (lazily) their notes, all derived from the seed so the same seed gives the same tenant.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::seed_words::{
    CITIES, COMPANY_WORDS_A, COMPANY_WORDS_B, FIRST_NAMES, LAST_NAMES, NOTE_TEXTS, SUMMARIES,
    TITLES,
};
use super::store::{
    API_MEMBER_ID, BoardRec, CommItem, CompanyRec, ContactRec, CustomFieldDef, FIRST_COMPANY,
    FIRST_CONTACT, FIRST_NOTE, FIRST_TICKET, MemberRec, NoteRec, PriorityRec, SeedSpec, SourceRec,
    StatusRec, Store, TicketRec,
};

/// 2024-01-01T00:00:00Z: seeded records are dated after it.
const SEED_EPOCH: i64 = 1_704_067_200;

impl Store {
    /// Builds the seeded tenant.
    pub(crate) fn seeded(spec: SeedSpec) -> Store {
        let mut rng = fastrand::Rng::with_seed(spec.seed);
        let companies_n = if spec.tickets > 0 {
            spec.companies.max(1)
        } else {
            spec.companies
        };

        let api_member = MemberRec {
            id: API_MEMBER_ID,
            identifier: "PsaSdkApi".to_string(),
            first_name: "PSA SDK".to_string(),
            last_name: "API".to_string(),
            email: "api@psa-sdk.invalid".to_string(),
            title: "API Member".to_string(),
            inactive: false,
            api_member: true,
            updated: SEED_EPOCH,
        };
        let mut members = BTreeMap::new();
        for (i, (first, last, title)) in [
            ("Jordan", "Reyes", "Service Manager"),
            ("Priya", "Natarajan", "Senior Engineer"),
            ("Sam", "Okafor", "Help Desk Technician"),
            ("Mia", "Kowalski", "Help Desk Technician"),
            ("Leo", "Brandt", "Network Engineer"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = 150 + i as i64;
            let identifier = format!("{}{}", &first[..1], last).to_lowercase();
            members.insert(
                id,
                MemberRec {
                    id,
                    email: format!("{identifier}@msp.example.com"),
                    identifier,
                    first_name: first.to_string(),
                    last_name: last.to_string(),
                    title: title.to_string(),
                    inactive: false,
                    api_member: false,
                    updated: SEED_EPOCH,
                },
            );
        }

        let mut boards = BTreeMap::new();
        let mut statuses = BTreeMap::new();
        let mut status_id = 1;
        for (bid, bname) in [(1, "Help Desk"), (2, "Network Operations")] {
            boards.insert(
                bid,
                BoardRec {
                    id: bid,
                    name: bname.to_string(),
                    inactive: false,
                },
            );
            for (sort, (name, closed, esc)) in [
                ("New", false, "NotResponded"),
                ("In Progress", false, "Responded"),
                ("Waiting on Customer", false, "Responded"),
                ("Scheduled", false, "ResolutionPlan"),
                ("Completed", true, "Resolved"),
                (">Closed", true, "Resolved"),
            ]
            .into_iter()
            .enumerate()
            {
                statuses.insert(
                    status_id,
                    StatusRec {
                        id: status_id,
                        board: bid,
                        name: name.to_string(),
                        sort: sort as i64,
                        closed,
                        default: sort == 0,
                        inactive: false,
                        escalation: esc,
                    },
                );
                status_id += 1;
            }
        }

        let mut priorities = BTreeMap::new();
        for (i, (name, color, level)) in [
            ("Priority 1 - Emergency Response", "#FF0000", "Level1"),
            ("Priority 2 - Quick Response", "#FF8C00", "Level2"),
            ("Priority 3 - Normal Response", "#1E90FF", "Level3"),
            ("Priority 4 - Schedule Maintenance", "#32CD32", "Level4"),
            ("Do Not Respond", "#808080", "NotApplicable"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = 1 + i as i64;
            priorities.insert(
                id,
                PriorityRec {
                    id,
                    name: name.to_string(),
                    color: color.to_string(),
                    sort: 1 + i as i64,
                    default: id == 3,
                    level: level.to_string(),
                },
            );
        }

        let mut sources = BTreeMap::new();
        for (i, name) in ["Phone", "Email", "Portal", "Internal"]
            .into_iter()
            .enumerate()
        {
            let id = 1 + i as i64;
            sources.insert(
                id,
                SourceRec {
                    id,
                    name: name.to_string(),
                    default: id == 1,
                    entered_by: "zAdmin".to_string(),
                    entered: SEED_EPOCH - 86_400 * 365,
                },
            );
        }

        let custom_fields = vec![
            CustomFieldDef {
                id: 12,
                caption: "Vendor Case Number",
                kind: "Text",
                entry_method: "EntryField",
                decimals: 0,
            },
            CustomFieldDef {
                id: 17,
                caption: "Escalated",
                kind: "Checkbox",
                entry_method: "EntryField",
                decimals: 0,
            },
            CustomFieldDef {
                id: 24,
                caption: "Affected Users",
                kind: "Number",
                entry_method: "EntryField",
                decimals: 0,
            },
        ];

        // Companies and contacts.
        let mut companies = BTreeMap::new();
        let mut contacts = BTreeMap::new();
        let mut names_seen = HashMap::<String, usize>::new();
        let mut contact_id = FIRST_CONTACT;
        let mut comm_id = 40_000;
        let mut contacts_of: Vec<Vec<i64>> = Vec::with_capacity(companies_n);
        for i in 0..companies_n {
            let id = FIRST_COMPANY + i as i64;
            let base = format!(
                "{} {}",
                COMPANY_WORDS_A[rng.usize(..COMPANY_WORDS_A.len())],
                COMPANY_WORDS_B[rng.usize(..COMPANY_WORDS_B.len())]
            );
            let n = names_seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 { base } else { format!("{base} {n}") };
            let mut identifier: String =
                name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            identifier.truncate(25);
            let (city, state) = CITIES[rng.usize(..CITIES.len())];
            let entered = SEED_EPOCH - 86_400 * rng.i64(30..3650);
            let domain = format!("{}.example.com", identifier.to_lowercase());
            let mut mine = Vec::new();
            let mut emails_seen = std::collections::HashSet::new();
            for k in 0..spec.contacts_per_company {
                let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
                let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
                let local = format!("{}.{}", first, last.replace([' ', '-'], "")).to_lowercase();
                let mut email = format!("{local}@{domain}");
                let mut dup = 2;
                while !emails_seen.insert(email.clone()) {
                    email = format!("{local}{dup}@{domain}");
                    dup += 1;
                }
                let phone = format!("813555{:04}", rng.u32(0..10_000));
                let mut items = vec![
                    CommItem {
                        id: comm_id,
                        kind: "Email",
                        type_ref: (1, "Email"),
                        value: email.clone(),
                        default_flag: true,
                    },
                    CommItem {
                        id: comm_id + 1,
                        kind: "Phone",
                        type_ref: (2, "Direct"),
                        value: phone,
                        default_flag: true,
                    },
                ];
                comm_id += 2;
                if k % 3 == 2 {
                    // A secondary, non-default address: lookups must search every item.
                    items.push(CommItem {
                        id: comm_id,
                        kind: "Email",
                        type_ref: (1, "Email"),
                        value: email.replace('@', ".home@"),
                        default_flag: false,
                    });
                    comm_id += 1;
                }
                contacts.insert(
                    contact_id,
                    ContactRec {
                        id: contact_id,
                        first_name: first.to_string(),
                        last_name: last.to_string(),
                        company: id,
                        title: TITLES[rng.usize(..TITLES.len())].to_string(),
                        inactive: false,
                        items,
                        updated: entered + 86_400,
                    },
                );
                mine.push(contact_id);
                contact_id += 1;
            }
            companies.insert(
                id,
                CompanyRec {
                    id,
                    identifier,
                    name,
                    city: city.to_string(),
                    state: state.to_string(),
                    phone: format!("555{:07}", rng.u32(0..10_000_000)),
                    default_contact: mine.first().copied(),
                    entered,
                    updated: entered + 86_400 * 7,
                },
            );
            contacts_of.push(mine);
        }

        // Tickets.
        let member_ids: Vec<i64> = members.keys().copied().collect();
        let statuses_by_board: HashMap<i64, Vec<(i64, bool)>> = boards
            .keys()
            .map(|b| {
                (
                    *b,
                    statuses
                        .values()
                        .filter(|s| s.board == *b)
                        .map(|s| (s.id, s.closed))
                        .collect(),
                )
            })
            .collect();
        let mut tickets = BTreeMap::new();
        for i in 0..spec.tickets {
            let id = FIRST_TICKET + i as i64;
            let ci = rng.usize(..companies_n);
            let company = FIRST_COMPANY + ci as i64;
            let contact = if contacts_of[ci].is_empty() || rng.u8(..10) == 0 {
                None
            } else {
                Some(contacts_of[ci][rng.usize(..contacts_of[ci].len())])
            };
            let board = if rng.u8(..4) == 0 { 2 } else { 1 };
            let board_statuses = statuses_by_board
                .get(&board)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let (status, closed_status) = board_statuses
                .get(rng.usize(..board_statuses.len().max(1)))
                .copied()
                .unwrap_or((1, false));
            let entered = SEED_EPOCH + (i as i64) * 600 + rng.i64(0..600);
            let updated = entered + rng.i64(0..86_400 * 3);
            let owner = if rng.u8(..3) == 0 {
                None
            } else {
                Some(member_ids[rng.usize(..member_ids.len())])
            };
            let entered_by = owner
                .and_then(|o| members.get(&o))
                .map(|m: &MemberRec| m.identifier.clone())
                .unwrap_or_else(|| "template".to_string());
            let mut custom = Vec::new();
            if rng.u8(..5) == 0 {
                custom.push((
                    12,
                    Value::String(format!("VC-{:06}", rng.u32(0..1_000_000))),
                ));
            }
            if rng.u8(..8) == 0 {
                custom.push((17, Value::Bool(true)));
            }
            let severity = ["Low", "Medium", "High"][rng.usize(..3)].to_string();
            let impact = ["Low", "Medium", "High"][rng.usize(..3)].to_string();
            tickets.insert(
                id,
                TicketRec {
                    id,
                    summary: SUMMARIES[rng.usize(..SUMMARIES.len())].to_string(),
                    record_type: "ServiceTicket".to_string(),
                    board,
                    status,
                    company,
                    contact,
                    contact_name: None,
                    contact_email: None,
                    contact_phone: None,
                    priority: 1 + rng.i64(0..4),
                    source: Some(1 + rng.i64(0..4)),
                    owner,
                    severity,
                    impact,
                    external_xref: None,
                    closed: closed_status.then(|| (updated, entered_by.clone())),
                    entered,
                    updated_by: entered_by.clone(),
                    entered_by,
                    updated,
                    padded_audit: i % 3 == 0,
                    custom,
                    extras: None,
                },
            );
        }
        let opportunities = super::entities::seed_opportunities(&contacts, SEED_EPOCH);
        let next_opportunity = opportunities.keys().last().map_or(1, |id| id + 1);
        let billing = super::billing::seed(&companies, &tickets, api_member.id, SEED_EPOCH);
        let seeded_ticket_end = FIRST_TICKET + spec.tickets as i64;
        let next_note = FIRST_NOTE + (spec.tickets * spec.notes_per_ticket) as i64;
        let member_ids: Vec<i64> = members.keys().copied().collect();
        let work = super::work::WorkStore::seeded(
            &companies,
            &contacts,
            &tickets,
            &member_ids,
            SEED_EPOCH,
        );
        Store {
            companies,
            contacts,
            members,
            api_member,
            boards,
            statuses,
            priorities,
            sources,
            custom_fields,
            tickets,
            notes: HashMap::new(),
            documents: BTreeMap::new(),
            callbacks: BTreeMap::new(),
            opportunities,
            billing,
            work,
            next_opportunity,
            next_ticket: seeded_ticket_end,
            next_note,
            next_source: 5,
            next_document: 1,
            next_callback: 1,
            seed: spec,
            seeded_ticket_end,
        }
    }

    /// The notes a seeded ticket starts with, generated from the seed.
    pub(crate) fn seeded_notes(&self, ticket: i64) -> Vec<NoteRec> {
        if ticket < FIRST_TICKET || ticket >= self.seeded_ticket_end {
            return Vec::new();
        }
        let Some(t) = self.tickets.get(&ticket) else {
            return Vec::new();
        };
        let per = self.seed.notes_per_ticket;
        let index = (ticket - FIRST_TICKET) as usize;
        let mut rng = fastrand::Rng::with_seed(
            self.seed.seed ^ (ticket as u64).wrapping_mul(0x2545_F491_4F6C_DD1D),
        );
        (0..per)
            .map(|k| {
                let detail = k == 0 || rng.bool();
                let by_member = t.owner.filter(|_| k > 0);
                NoteRec {
                    id: FIRST_NOTE + (index * per + k) as i64,
                    ticket,
                    text: if k == 0 {
                        format!("{}. Reported by the customer.", t.summary)
                    } else {
                        NOTE_TEXTS[rng.usize(..NOTE_TEXTS.len())].to_string()
                    },
                    detail,
                    internal: !detail,
                    resolution: false,
                    issue: k == 0,
                    member: by_member,
                    contact: if k == 0 { t.contact } else { None },
                    customer_updated: false,
                    process_notifications: true,
                    created: t.entered + (k as i64) * 1800,
                    created_by: by_member
                        .and_then(|m| self.member(m))
                        .map(|m| m.identifier.clone())
                        .unwrap_or_else(|| t.entered_by.clone()),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(tickets: usize) -> SeedSpec {
        SeedSpec {
            seed: 42,
            companies: 5,
            contacts_per_company: 3,
            tickets,
            notes_per_ticket: 2,
        }
    }

    #[test]
    fn seeding_is_deterministic() {
        let a = Store::seeded(spec(50));
        let b = Store::seeded(spec(50));
        let sa: Vec<_> = a
            .tickets
            .values()
            .map(|t| (t.summary.clone(), t.company, t.status))
            .collect();
        let sb: Vec<_> = b
            .tickets
            .values()
            .map(|t| (t.summary.clone(), t.company, t.status))
            .collect();
        assert_eq!(sa, sb);
        assert_eq!(a.companies.len(), 5);
        assert_eq!(a.contacts.len(), 15);
        let ca: Vec<_> = a.companies.values().map(|c| c.name.clone()).collect();
        let cb: Vec<_> = b.companies.values().map(|c| c.name.clone()).collect();
        assert_eq!(ca, cb);
    }

    #[test]
    fn seeded_notes_are_lazy_and_stable() {
        let mut s = Store::seeded(spec(10));
        let before = s.notes_of(FIRST_TICKET).to_vec();
        assert_eq!(before.len(), 2);
        assert!(before[0].detail);
        let ids: Vec<_> = s.notes_mut(FIRST_TICKET).iter().map(|n| n.id).collect();
        assert_eq!(ids, before.iter().map(|n| n.id).collect::<Vec<_>>());
        assert!(s.notes_of(FIRST_TICKET + 10).is_empty());
        // Seeded note ids never collide with new ones.
        assert!(s.next_note > before.iter().map(|n| n.id).max().unwrap_or(0));
    }

    #[test]
    fn closed_tickets_have_closed_statuses() {
        let s = Store::seeded(spec(200));
        for t in s.tickets.values() {
            assert_eq!(
                t.closed.is_some(),
                s.is_closed_status(t.status),
                "ticket {}",
                t.id
            );
            assert_eq!(s.statuses[&t.status].board, t.board);
        }
    }

    #[test]
    fn emails_are_unique_per_company() {
        let s = Store::seeded(SeedSpec {
            seed: 1,
            companies: 3,
            contacts_per_company: 40,
            tickets: 0,
            notes_per_ticket: 0,
        });
        let mut seen = std::collections::HashSet::new();
        for c in s.contacts.values() {
            let e = c.default_email().unwrap().to_string();
            assert!(seen.insert(e.clone()), "duplicate {e}");
        }
    }

    #[test]
    fn a_hundred_thousand_tickets_seed() {
        let s = Store::seeded(SeedSpec {
            seed: 9,
            companies: 50,
            contacts_per_company: 3,
            tickets: 100_000,
            notes_per_ticket: 2,
        });
        assert_eq!(s.tickets.len(), 100_000);
        assert_eq!(s.notes_of(FIRST_TICKET + 99_999).len(), 2);
    }
}
