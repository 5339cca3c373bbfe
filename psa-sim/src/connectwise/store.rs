//! The in-memory state of one simulated ConnectWise tenant.
//!
//! Records are compact structs indexed by id (`BTreeMap`, so lists come out in id order and
//! forward-only paging is a range scan); JSON is built only for the records a response returns.
//! Seeded ticket notes are materialised on first access, so 100,000 tickets start quickly.

use std::collections::{BTreeMap, HashMap};

use super::wire;

pub(crate) use super::records::{
    BoardRec, CallbackRec, CommItem, CompanyRec, ContactRec, CustomFieldDef, DocumentRec,
    MemberRec, NoteRec, OpportunityRec, PriorityRec, SourceRec, StatusRec, TicketRec,
};

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
