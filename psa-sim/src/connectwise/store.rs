//! The in-memory state of one simulated ConnectWise tenant.
//!
//! Records are compact structs indexed by id (`BTreeMap`, so lists come out in id order and
//! forward-only paging is a range scan); JSON is built only for the records a response returns.
//! Seeded ticket notes are materialised on first access, so 100,000 tickets start quickly.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::wire;

/// A company (`/company/companies`).
#[derive(Debug, Clone)]
pub(crate) struct CompanyRec {
    pub(crate) id: i64,
    pub(crate) identifier: String,
    pub(crate) name: String,
    pub(crate) city: String,
    pub(crate) state: String,
    pub(crate) phone: String,
    pub(crate) default_contact: Option<i64>,
    pub(crate) entered: i64,
    pub(crate) updated: i64,
}

/// A communication item of a contact (email, phone, …).
#[derive(Debug, Clone)]
pub(crate) struct CommItem {
    pub(crate) id: i64,
    /// `communicationType`: `Email`, `Phone`, `Fax`.
    pub(crate) kind: &'static str,
    /// The type reference: (id, name), e.g. (1, "Email"), (2, "Direct").
    pub(crate) type_ref: (i64, &'static str),
    pub(crate) value: String,
    pub(crate) default_flag: bool,
}

/// A contact (`/company/contacts`).
#[derive(Debug, Clone)]
pub(crate) struct ContactRec {
    pub(crate) id: i64,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) company: i64,
    pub(crate) title: String,
    pub(crate) inactive: bool,
    pub(crate) items: Vec<CommItem>,
    pub(crate) updated: i64,
}

impl ContactRec {
    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub(crate) fn default_email(&self) -> Option<&str> {
        let emails = self.items.iter().filter(|i| i.kind == "Email");
        let mut first = None;
        for i in emails {
            if i.default_flag {
                return Some(&i.value);
            }
            first.get_or_insert(i.value.as_str());
        }
        first
    }

    pub(crate) fn default_phone(&self) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.kind == "Phone" && i.default_flag)
            .map(|i| i.value.as_str())
    }
}

/// A member (`/system/members`); the API member is kept apart.
#[derive(Debug, Clone)]
pub(crate) struct MemberRec {
    pub(crate) id: i64,
    pub(crate) identifier: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) email: String,
    pub(crate) title: String,
    pub(crate) inactive: bool,
    pub(crate) api_member: bool,
    pub(crate) updated: i64,
}

impl MemberRec {
    pub(crate) fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A service board.
#[derive(Debug, Clone)]
pub(crate) struct BoardRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) inactive: bool,
}

/// A board status.
#[derive(Debug, Clone)]
pub(crate) struct StatusRec {
    pub(crate) id: i64,
    pub(crate) board: i64,
    pub(crate) name: String,
    pub(crate) sort: i64,
    pub(crate) closed: bool,
    pub(crate) default: bool,
    pub(crate) inactive: bool,
    pub(crate) escalation: &'static str,
}

/// A service priority.
#[derive(Debug, Clone)]
pub(crate) struct PriorityRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) color: String,
    pub(crate) sort: i64,
    pub(crate) default: bool,
    pub(crate) level: String,
}

/// A service source (`/service/sources`).
#[derive(Debug, Clone)]
pub(crate) struct SourceRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) default: bool,
    pub(crate) entered_by: String,
    pub(crate) entered: i64,
}

/// A custom field definition (tickets).
#[derive(Debug, Clone)]
pub(crate) struct CustomFieldDef {
    pub(crate) id: i64,
    pub(crate) caption: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) entry_method: &'static str,
    pub(crate) decimals: i64,
}

/// A service ticket.
#[derive(Debug, Clone)]
pub(crate) struct TicketRec {
    pub(crate) id: i64,
    pub(crate) summary: String,
    pub(crate) record_type: String,
    pub(crate) board: i64,
    pub(crate) status: i64,
    pub(crate) company: i64,
    pub(crate) contact: Option<i64>,
    pub(crate) contact_name: Option<String>,
    pub(crate) contact_email: Option<String>,
    pub(crate) contact_phone: Option<String>,
    pub(crate) priority: i64,
    pub(crate) source: Option<i64>,
    pub(crate) owner: Option<i64>,
    pub(crate) severity: String,
    pub(crate) impact: String,
    pub(crate) external_xref: Option<String>,
    /// (closedDate, closedBy) while the status is a closed one.
    pub(crate) closed: Option<(i64, String)>,
    pub(crate) entered: i64,
    pub(crate) entered_by: String,
    pub(crate) updated: i64,
    pub(crate) updated_by: String,
    /// Seeded records whose audit strings come back right-padded.
    pub(crate) padded_audit: bool,
    /// Custom field values by definition id (absent = no value).
    pub(crate) custom: Vec<(i64, Value)>,
    /// Other ticket members a client wrote, stored and echoed as sent.
    pub(crate) extras: Option<Box<Map<String, Value>>>,
}

/// A ticket note (`/service/tickets/{id}/notes`).
#[derive(Debug, Clone)]
pub(crate) struct NoteRec {
    pub(crate) id: i64,
    pub(crate) ticket: i64,
    pub(crate) text: String,
    pub(crate) detail: bool,
    pub(crate) internal: bool,
    pub(crate) resolution: bool,
    pub(crate) issue: bool,
    pub(crate) member: Option<i64>,
    pub(crate) contact: Option<i64>,
    pub(crate) customer_updated: bool,
    pub(crate) process_notifications: bool,
    pub(crate) created: i64,
    pub(crate) created_by: String,
}

/// An uploaded document (`/system/documents`).
#[derive(Debug, Clone)]
pub(crate) struct DocumentRec {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) file_name: String,
    pub(crate) server_file_name: String,
    pub(crate) owner: String,
    pub(crate) url: Option<String>,
    pub(crate) content_type: String,
    pub(crate) private: bool,
    pub(crate) read_only: bool,
    pub(crate) record_type: String,
    pub(crate) record_id: i64,
    pub(crate) bytes: Vec<u8>,
    pub(crate) created: i64,
    pub(crate) guid: String,
}

/// A callback registration (`/system/callbacks`).
#[derive(Debug, Clone)]
pub(crate) struct CallbackRec {
    pub(crate) id: i64,
    pub(crate) description: Option<String>,
    pub(crate) url: String,
    pub(crate) object_id: i64,
    pub(crate) kind: String,
    pub(crate) level: String,
    pub(crate) member_id: i64,
    pub(crate) payload_version: Option<String>,
    pub(crate) inactive: bool,
    pub(crate) soap: bool,
    pub(crate) self_suppressed: bool,
    pub(crate) connectwise_id: String,
    pub(crate) updated: i64,
}

/// What to seed.
#[derive(Debug, Clone)]
pub(crate) struct SeedSpec {
    pub(crate) seed: u64,
    pub(crate) companies: usize,
    pub(crate) contacts_per_company: usize,
    pub(crate) tickets: usize,
    pub(crate) notes_per_ticket: usize,
}

/// The tenant's state.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) companies: BTreeMap<i64, CompanyRec>,
    pub(crate) contacts: BTreeMap<i64, ContactRec>,
    pub(crate) members: BTreeMap<i64, MemberRec>,
    pub(crate) api_member: MemberRec,
    pub(crate) boards: BTreeMap<i64, BoardRec>,
    pub(crate) statuses: BTreeMap<i64, StatusRec>,
    pub(crate) priorities: BTreeMap<i64, PriorityRec>,
    pub(crate) sources: BTreeMap<i64, SourceRec>,
    pub(crate) custom_fields: Vec<CustomFieldDef>,
    pub(crate) tickets: BTreeMap<i64, TicketRec>,
    /// Notes per ticket; a seeded ticket without an entry has not been materialised yet.
    notes: HashMap<i64, Vec<NoteRec>>,
    pub(crate) documents: BTreeMap<i64, DocumentRec>,
    pub(crate) callbacks: BTreeMap<i64, CallbackRec>,
    pub(crate) next_ticket: i64,
    pub(crate) next_note: i64,
    pub(crate) next_source: i64,
    pub(crate) next_document: i64,
    pub(crate) next_callback: i64,
    pub(crate) seed: SeedSpec,
    /// Seeded tickets have ids in `FIRST_TICKET..seeded_ticket_end`.
    seeded_ticket_end: i64,
}

pub(crate) const FIRST_COMPANY: i64 = 250;
pub(crate) const FIRST_CONTACT: i64 = 500;
pub(crate) const FIRST_TICKET: i64 = 1001;
pub(crate) const FIRST_NOTE: i64 = 10_001;
pub(crate) const API_MEMBER_ID: i64 = 243;

/// 2024-01-01T00:00:00Z: seeded records are dated after it.
const SEED_EPOCH: i64 = 1_704_067_200;

const COMPANY_WORDS_A: &[&str] = &[
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adventure",
    "Proseware",
    "Wingtip",
    "Alpine",
    "Blue Yonder",
    "Coho",
    "Lucerne",
    "Margie's",
    "Trey",
    "Woodgrove",
    "Humongous",
    "Graphic",
    "Fourth",
];
const COMPANY_WORDS_B: &[&str] = &[
    "Dental",
    "Logistics",
    "Law Group",
    "Builders",
    "Accounting",
    "Clinic",
    "Motors",
    "Bakery",
    "Realty",
    "Insurance",
    "Architects",
    "Foods",
    "Pharmacy",
    "Studios",
    "Freight",
    "Partners",
];
const CITIES: &[(&str, &str)] = &[
    ("Tampa", "FL"),
    ("Austin", "TX"),
    ("Denver", "CO"),
    ("Portland", "OR"),
    ("Raleigh", "NC"),
    ("Columbus", "OH"),
    ("Madison", "WI"),
    ("Boise", "ID"),
];
const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "John",
    "Radia",
    "Edsger",
    "Katherine",
    "Donald",
    "Hedy",
    "Tim",
    "Sophie",
    "Niklaus",
    "Anita",
    "Guido",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "McCarthy",
    "Perlman",
    "Dijkstra",
    "Johnson",
    "Knuth",
    "Lamarr",
    "Berners-Lee",
    "Wilson",
    "Wirth",
    "Borg",
    "van Rossum",
];
const TITLES: &[&str] = &[
    "Office Manager",
    "Owner",
    "Bookkeeper",
    "Practice Manager",
    "IT Contact",
    "Director",
];
const SUMMARIES: &[&str] = &[
    "Printer offline",
    "Cannot connect to VPN",
    "Outlook keeps crashing",
    "New user setup",
    "Password reset",
    "Laptop running slow",
    "Shared drive not mapping",
    "Phishing email reported",
    "Backup job failed",
    "Wi-Fi drops in conference room",
    "Install accounting software update",
    "Monitor flickering",
    "MFA prompt not arriving",
    "Firewall alert: high CPU",
    "Scanner sends blank pages",
];
const NOTE_TEXTS: &[&str] = &[
    "Called the user and reproduced the issue.",
    "Remoted in, cleared the cache and rebooted.",
    "Waiting on the customer to confirm.",
    "Escalated to the network team.",
    "Vendor case opened, reference attached.",
    "Issue resolved, user confirmed it works.",
    "Checked the event log; disk warnings found.",
];

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
        let seeded_ticket_end = FIRST_TICKET + spec.tickets as i64;
        let next_note = FIRST_NOTE + (spec.tickets * spec.notes_per_ticket) as i64;
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
            next_ticket: seeded_ticket_end,
            next_note,
            next_source: 5,
            next_document: 1,
            next_callback: 1,
            seed: spec,
            seeded_ticket_end,
        }
    }

    /// A member by id, the API member included.
    pub(crate) fn member(&self, id: i64) -> Option<&MemberRec> {
        if id == self.api_member.id {
            Some(&self.api_member)
        } else {
            self.members.get(&id)
        }
    }

    /// The default status of a board.
    pub(crate) fn default_status(&self, board: i64) -> Option<i64> {
        let mut on_board = self
            .statuses
            .values()
            .filter(|s| s.board == board && !s.inactive);
        let first = on_board.clone().next().map(|s| s.id);
        on_board.find(|s| s.default).map(|s| s.id).or(first)
    }

    /// The notes of a ticket, materialising seeded ones on first access.
    pub(crate) fn notes_mut(&mut self, ticket: i64) -> &mut Vec<NoteRec> {
        if !self.notes.contains_key(&ticket) {
            let seeded = self.seeded_notes(ticket);
            self.notes.insert(ticket, seeded);
        }
        self.notes.entry(ticket).or_default()
    }

    /// The notes of a ticket without materialising them in the store.
    pub(crate) fn notes_of(&self, ticket: i64) -> std::borrow::Cow<'_, [NoteRec]> {
        match self.notes.get(&ticket) {
            Some(v) => std::borrow::Cow::Borrowed(v.as_slice()),
            None => std::borrow::Cow::Owned(self.seeded_notes(ticket)),
        }
    }

    /// Drops a ticket's notes (on delete).
    pub(crate) fn drop_notes(&mut self, ticket: i64) {
        self.notes.insert(ticket, Vec::new());
    }

    fn seeded_notes(&self, ticket: i64) -> Vec<NoteRec> {
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

    /// Whether a status id is a closed status.
    pub(crate) fn is_closed_status(&self, status: i64) -> bool {
        self.statuses.get(&status).is_some_and(|s| s.closed)
    }

    /// The API member's identifier (who writes through the API).
    pub(crate) fn api_identifier(&self) -> String {
        self.api_member.identifier.clone()
    }

    /// A fresh `connectWiseID`-style GUID.
    pub(crate) fn new_guid(&self, salt: u64) -> String {
        wire::guid(self.seed.seed ^ salt.wrapping_mul(0x1000_0000_01B3) ^ wire::now() as u64)
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
