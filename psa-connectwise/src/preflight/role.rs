//! The security-role rows preflight compares with `/system/mySecurity`: the SDK's own
//! ([`RECOMMENDED_ROLE`]) and the optional CloudRadial rows ([`CLOUDRADIAL_ROLE`]).

use psa_core::{Capability, CheckSet, PreflightOptions};

use crate::models::{MySecurity, SecurityLevel};

/// Add, Edit, Delete or Inquire: the four columns of a security-role row.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleOp {
    /// Add.
    Add,
    /// Edit.
    Edit,
    /// Delete.
    Delete,
    /// Inquire.
    Inquire,
}

impl RoleOp {
    /// The column's label in System > Security Roles.
    pub fn label(self) -> &'static str {
        match self {
            RoleOp::Add => "Add",
            RoleOp::Edit => "Edit",
            RoleOp::Delete => "Delete",
            RoleOp::Inquire => "Inquire",
        }
    }

    pub(super) fn level(self, row: &MySecurity) -> Option<&SecurityLevel> {
        match self {
            RoleOp::Add => row.add_level.as_ref(),
            RoleOp::Edit => row.edit_level.as_ref(),
            RoleOp::Delete => row.delete_level.as_ref(),
            RoleOp::Inquire => row.inquire_level.as_ref(),
        }
    }

    pub(super) fn field(self) -> &'static str {
        match self {
            RoleOp::Add => "addLevel",
            RoleOp::Edit => "editLevel",
            RoleOp::Delete => "deleteLevel",
            RoleOp::Inquire => "inquireLevel",
        }
    }
}

/// One right of the recommended security role: a module function, a column, and what it is for.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecommendedRight {
    /// The module (`Service Desk`).
    pub module: &'static str,
    /// The function (`Service Tickets`).
    pub function: &'static str,
    /// The column.
    pub op: RoleOp,
    /// The capability it serves.
    pub capability: Capability,
}

const fn right(
    module: &'static str,
    function: &'static str,
    op: RoleOp,
    capability: Capability,
) -> RecommendedRight {
    RecommendedRight {
        module,
        function,
        op,
        capability,
    }
}

/// The rights the SDK's own calls need, each set to **All** on the API member's role (every
/// other column may stay None). Checked by every preflight.
///
/// | Module | Function | Add | Edit | Delete | Inquire |
/// |---|---|---|---|---|---|
/// | Companies | Company Maintenance | None | None | None | All |
/// | Companies | Contacts | None | None | None | All |
/// | Companies | Manage Attachments | All | All | None | All |
/// | Companies | Notes | All | All | None | All |
/// | Service Desk | Close Service Tickets | All | All | None | All |
/// | Service Desk | Service Tickets | All | All | None | All |
/// | System | Member Maintenance | None | None | None | All |
/// | System | Table Setup | All (only until the ticket source is registered) | None | None | All |
/// | Sales | Opportunity | All | All | None | All |
/// | Finance | Agreements | None | None | None | All |
/// | Time & Expense | Time Entry | None | None | None | All |
pub const RECOMMENDED_ROLE: &[RecommendedRight] = &[
    right(
        "Companies",
        "Company Maintenance",
        RoleOp::Inquire,
        Capability::ReadCompanies,
    ),
    right(
        "Companies",
        "Contacts",
        RoleOp::Inquire,
        Capability::ReadContacts,
    ),
    right(
        "Companies",
        "Manage Attachments",
        RoleOp::Add,
        Capability::Attachments,
    ),
    right(
        "Companies",
        "Manage Attachments",
        RoleOp::Edit,
        Capability::Attachments,
    ),
    right(
        "Companies",
        "Manage Attachments",
        RoleOp::Inquire,
        Capability::Attachments,
    ),
    right("Companies", "Notes", RoleOp::Add, Capability::AddNotes),
    right("Companies", "Notes", RoleOp::Edit, Capability::AddNotes),
    right("Companies", "Notes", RoleOp::Inquire, Capability::ReadNotes),
    right(
        "Service Desk",
        "Close Service Tickets",
        RoleOp::Add,
        Capability::CloseTickets,
    ),
    right(
        "Service Desk",
        "Close Service Tickets",
        RoleOp::Edit,
        Capability::CloseTickets,
    ),
    right(
        "Service Desk",
        "Close Service Tickets",
        RoleOp::Inquire,
        Capability::CloseTickets,
    ),
    right(
        "Service Desk",
        "Service Tickets",
        RoleOp::Add,
        Capability::CreateTickets,
    ),
    right(
        "Service Desk",
        "Service Tickets",
        RoleOp::Edit,
        Capability::UpdateTickets,
    ),
    right(
        "Service Desk",
        "Service Tickets",
        RoleOp::Inquire,
        Capability::ReadTickets,
    ),
    right(
        "System",
        "Member Maintenance",
        RoleOp::Inquire,
        Capability::ReadResources,
    ),
    right(
        "System",
        "Table Setup",
        RoleOp::Add,
        Capability::TicketSource,
    ),
    right(
        "System",
        "Table Setup",
        RoleOp::Inquire,
        Capability::BaseData,
    ),
    right(
        "Sales",
        "Opportunity",
        RoleOp::Inquire,
        Capability::ReadOpportunities,
    ),
    right(
        "Sales",
        "Opportunity",
        RoleOp::Add,
        Capability::CreateOpportunities,
    ),
    right(
        "Sales",
        "Opportunity",
        RoleOp::Edit,
        Capability::CreateOpportunities,
    ),
    right(
        "System",
        "Table Setup",
        RoleOp::Inquire,
        Capability::ReadTicketCategories,
    ),
    right(
        "Finance",
        "Agreements",
        RoleOp::Inquire,
        Capability::ReadContracts,
    ),
    right(
        "Time & Expense",
        "Time Entry",
        RoleOp::Inquire,
        Capability::ReadTimeEntries,
    ),
];

/// The rows the CloudRadial Chat setup guide's role grants on top of [`RECOMMENDED_ROLE`]; the
/// SDK's own calls do not use them. Checked only when asked for with
/// `PreflightOptions::all().with_extra(CheckSet::CloudRadial)`; their checks carry
/// `set = Some(CheckSet::CloudRadial)`.
///
/// | Module | Function | Add | Edit | Delete | Inquire |
/// |---|---|---|---|---|---|
/// | Companies | Company / Contact Group Maintenance | None | None | None | All |
/// | Companies | Team Members | None | None | None | All |
/// | Project | Project Management | None | None | None | All |
/// | Project | Project Tickets | None | None | None | All |
/// | Service Desk | Resource Scheduling | All | All | All | All |
pub const CLOUDRADIAL_ROLE: &[RecommendedRight] = &[
    right(
        "Companies",
        "Company / Contact Group Maintenance",
        RoleOp::Inquire,
        Capability::ReadContacts,
    ),
    right(
        "Companies",
        "Team Members",
        RoleOp::Inquire,
        Capability::ReadCompanies,
    ),
    right(
        "Project",
        "Project Management",
        RoleOp::Inquire,
        Capability::ReadTickets,
    ),
    right(
        "Project",
        "Project Tickets",
        RoleOp::Inquire,
        Capability::ReadTickets,
    ),
    right(
        "Service Desk",
        "Resource Scheduling",
        RoleOp::Add,
        Capability::UpdateTickets,
    ),
    right(
        "Service Desk",
        "Resource Scheduling",
        RoleOp::Edit,
        Capability::UpdateTickets,
    ),
    right(
        "Service Desk",
        "Resource Scheduling",
        RoleOp::Delete,
        Capability::UpdateTickets,
    ),
    right(
        "Service Desk",
        "Resource Scheduling",
        RoleOp::Inquire,
        Capability::UpdateTickets,
    ),
];

/// The role rows to compare: the SDK's own, then each optional set asked for.
pub(super) fn role_rows(
    options: &PreflightOptions,
) -> Vec<(&'static RecommendedRight, Option<CheckSet>)> {
    let mut rows: Vec<_> = RECOMMENDED_ROLE.iter().map(|r| (r, None)).collect();
    if options.includes(CheckSet::CloudRadial) {
        rows.extend(
            CLOUDRADIAL_ROLE
                .iter()
                .map(|r| (r, Some(CheckSet::CloudRadial))),
        );
    }
    rows
}
