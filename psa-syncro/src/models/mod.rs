//! Syncro's own records, typed field by field as the API sends them.
//!
//! Every documented field is typed; unknown fields are kept in each record's `extra` map, ids
//! are `i64` (some exceed 2^32), and timestamps keep the account's local offset
//! (`2025-01-29T13:31:46.716-05:00`). Request bodies ([`TicketInput`], [`CommentInput`]) are
//! flat, as the API wants them, and omit unset fields.

mod comment;
mod contact;
mod contract;
mod customer;
pub(crate) mod flex;
mod invoice;
mod lead;
mod me;
mod page;
mod raw;
mod settings;
mod ticket;
pub(crate) mod ticket_head;
mod user;

pub use comment::Comment;
pub use contact::Contact;
pub use contract::{ChargeTimerInput, Contract, ContractInput, TicketTimer, TimerEntryInput};
pub use customer::Customer;
pub use invoice::Invoice;
pub use lead::{Lead, LeadInput};
pub use me::{Me, MePermissions, RecordPermissions};
pub use page::{ListPage, PageMeta};
pub(crate) use raw::Raw;
pub use settings::{AccountSettings, TicketSection, TicketSettings};
pub use ticket::{CommentInput, FileUrl, Ticket, TicketAttachment, TicketInput};
pub use user::{UserRecord, UserSummary};
