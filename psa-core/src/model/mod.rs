//! Vendor-neutral models: what a ticket, note, company or contact is in any PSA.
//!
//! Read models (`Ticket`, `Note`, …) keep the vendor's original record in `vendor_record`, so
//! nothing is lost in mapping. Input models (`NewTicket`, `TicketUpdate`, `NewNote`) are built
//! with chained setters. All are `#[non_exhaustive]`: construct read models with their `new`
//! function and set the public fields.

mod attachment;
mod company;
mod contact;
mod ids;
mod note;
mod picklist;
mod resource;
mod stage;
mod ticket;
pub(crate) mod time_serde;

pub use attachment::{Attachment, AttachmentData, AttachmentReceipt};
pub use company::Company;
pub use contact::Contact;
pub use ids::{CompanyId, ContactId, NoteId, ResourceId, TicketId};
pub use note::{NewNote, Note, NoteVisibility};
pub use picklist::{Priority, Queue, Status};
pub use resource::Resource;
pub use stage::{Stage, StageMap};
pub use ticket::{NewTicket, Ticket, TicketUpdate};
