//! Vendor-native ConnectWise PSA records, with every field of the vendor's documented models.
//!
//! Read models (`ServiceTicket`, `ServiceNote`, `Company`, …) decode leniently (see the notes on
//! [`Reference`]), trim ConnectWise's right-padding from short text fields, parse `_info` dates,
//! and keep fields this crate does not know in `extra`. Writes use separate input types
//! (`NewServiceTicket`, `NewServiceNote`, `NewSource`, `NewCallback`, [`crate::Patch`]) that hold
//! only writable fields and omit `None`, so a read-only field is never sent back.

mod agreements;
mod board;
mod board_class;
mod callback;
mod common;
mod company;
mod contact;
pub(crate) mod de;
mod document;
mod member;
mod note;
mod opportunity;
mod priority;
mod project_ticket;
mod schedule;
mod security;
mod ticket;
mod ticket_head;
mod time_entries;

pub use agreements::{Agreement, AgreementAddition, AgreementStatus};
pub use board::{Board, BoardStatus};
pub use board_class::{BoardItem, BoardSubType, BoardType};
pub use callback::{
    CallbackAction, CallbackEntry, CallbackLevel, CallbackPayload, CallbackType, NewCallback,
};
pub(crate) use common::Count;
pub use common::{CustomField, CustomFieldType, EntryMethod, Info, Reference, Sensitive};
pub use company::Company;
pub use contact::{CommunicationItem, Contact};
pub use de::{format_datetime, parse_datetime};
pub use document::{DocumentInfo, DocumentRecordType};
pub use member::Member;
pub use note::{NewServiceNote, ServiceNote};
pub use opportunity::{
    MAX_OPPORTUNITY_NAME, NewOpportunity, Opportunity, OpportunityStage, OpportunityStatus,
    OpportunityType,
};
pub use priority::{MAX_SOURCE_NAME, NewSource, Priority, Source};
pub use project_ticket::{MAX_PROJECT_TICKET_SUMMARY, NewProjectTicket, ProjectTicket};
pub use psa_core::wire::Field;
pub use schedule::{NewScheduleEntry, SCHEDULE_TYPE_SERVICE, ScheduleEntry};
pub use security::{LicenseBit, MySecurity, SecurityLevel, SystemInfo};
pub use ticket::{Level, MAX_SUMMARY, NewServiceTicket, RecordType, ServiceTicket};
pub(crate) use ticket_head::TicketHead;
pub use time_entries::{BillableOption, ChargeToType, NewTimeEntry, TimeEntry};
