//! The optional project rows of the preflight ([`CheckSet::Projects`](psa_core::CheckSet)).

use psa_core::Capability;

use super::{Right, Verb};

const fn project_right(
    cap: Capability,
    entity: &'static str,
    verb: Verb,
    setting: &'static str,
    why: &'static str,
) -> Right {
    Right {
        cap,
        entity,
        verb,
        setting,
        why,
    }
}

/// The rights of the project handlers (`client.projects()`, `tasks()`, `project_notes()`,
/// `task_notes()`), checked only when asked for with
/// `PreflightOptions::all().with_extra(CheckSet::Projects)`; their checks carry
/// `set = Some(CheckSet::Projects)`, `read-tickets` for reads and `update-tickets` for writes.
pub(super) const PROJECT_RIGHTS: &[Right] = &[
    project_right(
        Capability::ReadTickets,
        "Projects",
        Verb::Query,
        "Projects > Projects: View = All",
        "needed to list and read projects",
    ),
    project_right(
        Capability::UpdateTickets,
        "Projects",
        Verb::Create,
        "Projects > Projects: Add = All",
        "needed to create projects",
    ),
    project_right(
        Capability::UpdateTickets,
        "Projects",
        Verb::Update,
        "Projects > Projects: Edit = All",
        "needed to change projects",
    ),
    project_right(
        Capability::ReadTickets,
        "Tasks",
        Verb::Query,
        "Projects > Tasks: View = All",
        "needed to list and read project tasks",
    ),
    project_right(
        Capability::UpdateTickets,
        "Tasks",
        Verb::Create,
        "Projects > Tasks: Add = All",
        "needed to create project tasks",
    ),
    project_right(
        Capability::UpdateTickets,
        "Tasks",
        Verb::Update,
        "Projects > Tasks: Edit = All",
        "needed to change project tasks",
    ),
    project_right(
        Capability::ReadTickets,
        "ProjectNotes",
        Verb::Query,
        "Projects > Project Notes: View = All",
        "needed to read project notes",
    ),
    project_right(
        Capability::UpdateTickets,
        "ProjectNotes",
        Verb::Create,
        "Projects > Project Notes: Add = All",
        "needed to add project notes",
    ),
    project_right(
        Capability::ReadTickets,
        "TaskNotes",
        Verb::Query,
        "Projects > Task Notes: View = All",
        "needed to read task notes",
    ),
    project_right(
        Capability::UpdateTickets,
        "TaskNotes",
        Verb::Create,
        "Projects > Task Notes: Add = All",
        "needed to add task notes",
    ),
];
