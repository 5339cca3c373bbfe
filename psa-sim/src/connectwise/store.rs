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

/// A sales opportunity (`/sales/opportunities`).
#[derive(Debug, Clone)]
pub(crate) struct OpportunityRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) company: i64,
    pub(crate) contact: i64,
    pub(crate) sales_rep: i64,
    pub(crate) stage: i64,
    pub(crate) status: i64,
    pub(crate) kind: Option<i64>,
    pub(crate) expected_close: i64,
    pub(crate) notes: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) entered_by: String,
    pub(crate) entered: i64,
    pub(crate) updated: i64,
}

/// What to seed: the shared seed sizes.
pub(crate) type SeedSpec = crate::common::SeedSizes;

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
    pub(crate) notes: HashMap<i64, Vec<NoteRec>>,
    pub(crate) documents: BTreeMap<i64, DocumentRec>,
    pub(crate) callbacks: BTreeMap<i64, CallbackRec>,
    pub(crate) opportunities: BTreeMap<i64, OpportunityRec>,
    /// Agreements, their additions and time entries.
    pub(crate) billing: super::billing::Billing,
    /// Project tickets, their notes and schedule entries.
    pub(crate) work: super::work::WorkStore,
    pub(crate) next_opportunity: i64,
    pub(crate) next_ticket: i64,
    pub(crate) next_note: i64,
    pub(crate) next_source: i64,
    pub(crate) next_document: i64,
    pub(crate) next_callback: i64,
    pub(crate) seed: SeedSpec,
    /// Seeded tickets have ids in `FIRST_TICKET..seeded_ticket_end`.
    pub(crate) seeded_ticket_end: i64,
}

pub(crate) const FIRST_COMPANY: i64 = 250;
pub(crate) const FIRST_CONTACT: i64 = 500;
pub(crate) const FIRST_TICKET: i64 = 1001;
pub(crate) const FIRST_NOTE: i64 = 10_001;
pub(crate) const API_MEMBER_ID: i64 = 243;

impl Store {
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
