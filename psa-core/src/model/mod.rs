//! Vendor-neutral models: what a ticket, note, company or contact is in any PSA, and the
//! records beyond tickets (opportunities, contracts, time entries, ticket types/categories).
//!
//! Read models (`Ticket`, `Note`, …) keep the vendor's original record in `vendor_record` (a
//! [`VendorRecord`]: the record's JSON text as received), so nothing is lost in mapping. Input models (`NewTicket`, `TicketUpdate`, `NewNote`) are built
//! with chained setters. All are `#[non_exhaustive]`: construct read models with their `new`
//! function and set the public fields.

mod attachment;
mod company;
mod contact;
mod contract;
mod ids;
mod note;
mod opportunity;
mod opportunity_defaults;
mod picklist;
mod resource;
mod stage;
mod ticket;
mod ticket_kind;
mod time_entry;
pub(crate) mod time_serde;
mod vendor_record;

pub use attachment::{Attachment, AttachmentData, AttachmentReceipt};
pub use company::Company;
pub use contact::Contact;
pub use contract::Contract;
pub use ids::{
    CompanyId, ContactId, ContractId, NoteId, OpportunityId, ResourceId, TicketId, TimeEntryId,
};
pub use note::{NewNote, Note, NoteVisibility};
pub use opportunity::{NewOpportunity, Opportunity, OpportunityStage, OpportunityUpdate};
pub use opportunity_defaults::OpportunityDefaults;
pub use picklist::{Priority, Queue, Status};
pub use resource::Resource;
pub use stage::{Stage, StageMap};
pub use ticket::{NewTicket, Ticket, TicketUpdate};
pub use ticket_kind::{TicketCategory, TicketType};
pub use time_entry::{TimeEntry, TimeEntryParent};
pub use vendor_record::VendorRecord;
