//! The API member's security role: the rows of System > Security Roles, as `/system/mySecurity`
//! reports them and as every endpoint enforces them.
//!
//! The default is the recommended role of the CloudRadial setup guide:
//! module and function names are the UI labels from that table, levels are None/My/All.

use psa_core::Capability;

/// A security level of one operation on one module function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    None,
    My,
    All,
}

impl Level {
    pub(crate) fn parse(s: &str) -> Option<Level> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Level::None),
            "my" => Some(Level::My),
            "all" => Some(Level::All),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::None => "None",
            Level::My => "My",
            Level::All => "All",
        }
    }
}

/// An operation a role grants per module function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Edit,
    Delete,
    Inquire,
}

impl Op {
    pub(crate) fn parse(s: &str) -> Option<Op> {
        match s.trim().to_ascii_lowercase().as_str() {
            "add" => Some(Op::Add),
            "edit" => Some(Op::Edit),
            "delete" => Some(Op::Delete),
            "inquire" => Some(Op::Inquire),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Op::Add => 0,
            Op::Edit => 1,
            Op::Delete => 2,
            Op::Inquire => 3,
        }
    }
}

/// A (module, function) pair, named exactly as in the role table.
pub(crate) type Function = (&'static str, &'static str);

pub(crate) const COMPANY_MAINTENANCE: Function = ("Companies", "Company Maintenance");
pub(crate) const CONTACTS: Function = ("Companies", "Contacts");
pub(crate) const MANAGE_ATTACHMENTS: Function = ("Companies", "Manage Attachments");
pub(crate) const NOTES: Function = ("Companies", "Notes");
pub(crate) const CLOSE_SERVICE_TICKETS: Function = ("Service Desk", "Close Service Tickets");
pub(crate) const SERVICE_TICKETS: Function = ("Service Desk", "Service Tickets");
pub(crate) const MEMBER_MAINTENANCE: Function = ("System", "Member Maintenance");
pub(crate) const TABLE_SETUP: Function = ("System", "Table Setup");
pub(crate) const OPPORTUNITY: Function = ("Sales", "Opportunity");
pub(crate) const AGREEMENTS: Function = ("Finance", "Agreements");
pub(crate) const TIME_ENTRY: Function = ("Time & Expense", "Time Entry");

use Level::{All, None as No};

/// The recommended role (seed 001), in the table's order: add, edit, delete, inquire.
const RECOMMENDED: &[(&str, &str, [Level; 4])] = &[
    ("Companies", "Company Maintenance", [No, No, No, All]),
    (
        "Companies",
        "Company / Contact Group Maintenance",
        [No, No, No, All],
    ),
    ("Companies", "Contacts", [No, No, No, All]),
    ("Companies", "Manage Attachments", [All, All, No, All]),
    ("Companies", "Notes", [All, All, No, All]),
    ("Companies", "Team Members", [No, No, No, All]),
    ("Project", "Project Management", [No, No, No, All]),
    ("Project", "Project Tickets", [No, No, No, All]),
    ("Service Desk", "Close Service Tickets", [All, All, No, All]),
    ("Service Desk", "Resource Scheduling", [All, All, All, All]),
    ("Service Desk", "Service Tickets", [All, All, No, All]),
    // Not in the guide's table: the SDK's recommended role adds it for opportunities.
    ("Sales", "Opportunity", [All, All, No, All]),
    // Not in the guide's table either: the SDK's recommended role reads agreements and time.
    ("Finance", "Agreements", [No, No, No, All]),
    ("Time & Expense", "Time Entry", [No, No, No, All]),
    ("System", "Member Maintenance", [No, No, No, All]),
    ("System", "Table Setup", [All, No, No, All]),
];

/// One row of the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) module: &'static str,
    pub(crate) function: &'static str,
    pub(crate) levels: [Level; 4],
}

impl Row {
    pub(crate) fn level(&self, op: Op) -> Level {
        self.levels[op.index()]
    }

    /// The module identifier ConnectWise would report. The real identifiers are not public
    /// (facts §7, unverified); the simulator derives stable ones from the UI labels.
    pub(crate) fn module_identifier(&self) -> String {
        identifier(self.module)
    }

    /// The function identifier (derived, see [`Row::module_identifier`]).
    pub(crate) fn function_identifier(&self) -> String {
        identifier(self.function)
    }

    /// Whether the function distinguishes My from All (record-owning functions do).
    pub(crate) fn my_all(&self) -> bool {
        matches!(
            (self.module, self.function),
            ("Companies", "Company Maintenance")
                | ("Companies", "Contacts")
                | ("Companies", "Notes")
                | ("Service Desk", "Service Tickets")
                | ("Service Desk", "Close Service Tickets")
                | ("Service Desk", "Resource Scheduling")
                | ("Project", "Project Tickets")
                | ("Time & Expense", "Time Entry")
        )
    }
}

fn identifier(label: &str) -> String {
    label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The API member's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    rows: Vec<Row>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::recommended()
    }
}

impl Profile {
    /// The recommended role of the setup guide.
    pub(crate) fn recommended() -> Profile {
        let rows = RECOMMENDED
            .iter()
            .map(|&(module, function, levels)| Row {
                module,
                function,
                levels,
            })
            .collect();
        Profile { rows }
    }

    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Sets one level; names must match the role table (case-insensitive).
    pub(crate) fn set(
        &mut self,
        module: &str,
        function: &str,
        op: &str,
        level: &str,
    ) -> Result<(), String> {
        let op_v = Op::parse(op).ok_or_else(|| {
            format!("set_level: unknown operation {op:?} (use add, edit, delete or inquire)")
        })?;
        let level_v = Level::parse(level)
            .ok_or_else(|| format!("set_level: unknown level {level:?} (use None, My or All)"))?;
        let row = self
            .rows
            .iter_mut()
            .find(|r| r.module.eq_ignore_ascii_case(module.trim()) && r.function.eq_ignore_ascii_case(function.trim()))
            .ok_or_else(|| {
                format!(
                    "set_level: no function {function:?} in module {module:?} in the recommended role \
                     (names as in the ConnectWise setup guide, e.g. (\"Service Desk\", \"Service Tickets\"))"
                )
            })?;
        row.levels[op_v.index()] = level_v;
        Ok(())
    }

    fn set_fn(&mut self, f: Function, op: Op, level: Level) {
        if let Some(row) = self
            .rows
            .iter_mut()
            .find(|r| r.module == f.0 && r.function == f.1)
        {
            row.levels[op.index()] = level;
        }
    }

    /// The level the role grants.
    pub(crate) fn level(&self, f: Function, op: Op) -> Level {
        self.rows
            .iter()
            .find(|r| r.module == f.0 && r.function == f.1)
            .map(|r| r.level(op))
            .unwrap_or(Level::None)
    }

    /// Removes the right behind one capability (the mapping of the simulator contract).
    /// Returns false for capabilities that have no role row (the caller handles them).
    pub(crate) fn deny(&mut self, cap: Capability) -> bool {
        match cap {
            Capability::ReadTickets => self.set_fn(SERVICE_TICKETS, Op::Inquire, Level::None),
            Capability::CreateTickets => self.set_fn(SERVICE_TICKETS, Op::Add, Level::None),
            Capability::UpdateTickets => self.set_fn(SERVICE_TICKETS, Op::Edit, Level::None),
            Capability::CloseTickets => {
                self.set_fn(CLOSE_SERVICE_TICKETS, Op::Add, Level::None);
                self.set_fn(CLOSE_SERVICE_TICKETS, Op::Edit, Level::None);
            }
            Capability::ReadNotes => self.set_fn(NOTES, Op::Inquire, Level::None),
            Capability::AddNotes => self.set_fn(NOTES, Op::Add, Level::None),
            Capability::ReadCompanies => self.set_fn(COMPANY_MAINTENANCE, Op::Inquire, Level::None),
            Capability::ReadContacts => self.set_fn(CONTACTS, Op::Inquire, Level::None),
            Capability::ReadResources => self.set_fn(MEMBER_MAINTENANCE, Op::Inquire, Level::None),
            Capability::Attachments => self.set_fn(MANAGE_ATTACHMENTS, Op::Add, Level::None),
            Capability::BaseData => self.set_fn(TABLE_SETUP, Op::Inquire, Level::None),
            Capability::TicketSource => self.set_fn(TABLE_SETUP, Op::Add, Level::None),
            Capability::ReadOpportunities => self.set_fn(OPPORTUNITY, Op::Inquire, Level::None),
            // Board types, subtypes and items are Table Setup rows, like the other base data.
            Capability::ReadTicketCategories => self.set_fn(TABLE_SETUP, Op::Inquire, Level::None),
            Capability::CreateOpportunities => {
                self.set_fn(OPPORTUNITY, Op::Add, Level::None);
                self.set_fn(OPPORTUNITY, Op::Edit, Level::None)
            }
            Capability::ReadContracts => self.set_fn(AGREEMENTS, Op::Inquire, Level::None),
            Capability::ReadTimeEntries => self.set_fn(TIME_ENTRY, Op::Inquire, Level::None),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommended_role_matches_the_setup_guide() {
        let p = Profile::recommended();
        assert_eq!(p.rows().len(), 16);
        assert_eq!(p.level(AGREEMENTS, Op::Inquire), Level::All);
        assert_eq!(p.level(TIME_ENTRY, Op::Add), Level::None);
        assert_eq!(p.level(SERVICE_TICKETS, Op::Add), Level::All);
        assert_eq!(p.level(SERVICE_TICKETS, Op::Delete), Level::None);
        assert_eq!(p.level(TABLE_SETUP, Op::Add), Level::All);
        assert_eq!(p.level(TABLE_SETUP, Op::Edit), Level::None);
        assert_eq!(p.level(COMPANY_MAINTENANCE, Op::Inquire), Level::All);
    }

    #[test]
    fn deny_maps_capabilities_to_rows() {
        let mut p = Profile::recommended();
        assert!(p.deny(Capability::CloseTickets));
        assert_eq!(p.level(CLOSE_SERVICE_TICKETS, Op::Add), Level::None);
        assert_eq!(p.level(CLOSE_SERVICE_TICKETS, Op::Edit), Level::None);
        assert_eq!(p.level(CLOSE_SERVICE_TICKETS, Op::Inquire), Level::All);
        assert!(!p.deny(Capability::Impersonation));
    }

    #[test]
    fn set_level_validates_names() {
        let mut p = Profile::recommended();
        p.set("service desk", "SERVICE TICKETS", "inquire", "my")
            .unwrap();
        assert_eq!(p.level(SERVICE_TICKETS, Op::Inquire), Level::My);
        assert!(
            p.set("Service Desk", "Tickets", "add", "None")
                .unwrap_err()
                .contains("no function")
        );
        assert!(
            p.set("Service Desk", "Service Tickets", "view", "None")
                .unwrap_err()
                .contains("operation")
        );
        assert!(
            p.set("Service Desk", "Service Tickets", "add", "Some")
                .unwrap_err()
                .contains("level")
        );
    }

    #[test]
    fn identifiers_are_derived_from_labels() {
        let p = Profile::recommended();
        let row = &p.rows()[1];
        assert_eq!(
            row.function_identifier(),
            "Company_Contact_Group_Maintenance"
        );
        assert_eq!(p.rows()[8].module_identifier(), "Service_Desk");
    }
}
