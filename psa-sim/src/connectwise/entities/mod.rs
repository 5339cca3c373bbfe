//! How each record type looks on the wire and how `conditions`, `orderBy` and `fields` see it.

mod billing;
mod board_class;
mod directory;
mod note;
mod project;
mod sales;
mod setup;
mod system;
mod ticket;
mod view;

pub(crate) use billing::{AdditionView, AgreementView, TimeEntryView};
pub(crate) use board_class::{ClassTable, class_rows};
pub(crate) use directory::{CompanyView, ContactView, MemberView};
pub(crate) use note::NoteView;
pub(crate) use project::{ProjectTicketView, ScheduleView};
pub(crate) use sales::{
    OppStatusView, OppTypeView, OpportunityView, STAGES, STATUSES, StageView, TYPES,
    seed_opportunities,
};
pub(crate) use setup::{BoardView, PriorityView, SourceView, StatusView};
pub(crate) use system::{CallbackView, DocumentView, SecurityView};
pub(crate) use ticket::{TICKET_MEMBERS, TicketView, is_ticket_member, ticket_json};
pub(crate) use view::{Cx, Entity, custom_field_type, project};
