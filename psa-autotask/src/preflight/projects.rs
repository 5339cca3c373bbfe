//! The project rows of the preflight: `read-projects` for reads, `update-projects` for writes.

use psa_core::Capability;

use super::{Right, Verb};

/// The rights of the project handlers (`client.projects()`, `tasks()`, `project_notes()`,
/// `task_notes()`). Checked by every preflight that wants `read-projects` / `update-projects`
/// (the default checks every declared right); `CheckSet::Projects` asks for them even when the
/// options name other capabilities only (then the checks carry `set = Some(CheckSet::Projects)`).
pub(super) const PROJECT_RIGHTS: &[Right] = &[
    Right {
        cap: Capability::ReadProjects,
        entity: "Projects",
        verb: Verb::Query,
        setting: "Projects > Projects: View = All",
        why: "needed to list and read projects",
    },
    Right {
        cap: Capability::UpdateProjects,
        entity: "Projects",
        verb: Verb::Create,
        setting: "Projects > Projects: Add = All",
        why: "needed to create projects",
    },
    Right {
        cap: Capability::UpdateProjects,
        entity: "Projects",
        verb: Verb::Update,
        setting: "Projects > Projects: Edit = All",
        why: "needed to change projects",
    },
    Right {
        cap: Capability::ReadProjects,
        entity: "Tasks",
        verb: Verb::Query,
        setting: "Projects > Tasks: View = All",
        why: "needed to list and read project tasks",
    },
    Right {
        cap: Capability::UpdateProjects,
        entity: "Tasks",
        verb: Verb::Create,
        setting: "Projects > Tasks: Add = All",
        why: "needed to create project tasks",
    },
    Right {
        cap: Capability::UpdateProjects,
        entity: "Tasks",
        verb: Verb::Update,
        setting: "Projects > Tasks: Edit = All",
        why: "needed to change project tasks",
    },
    Right {
        cap: Capability::ReadProjects,
        entity: "ProjectNotes",
        verb: Verb::Query,
        setting: "Projects > Project Notes: View = All",
        why: "needed to read project notes",
    },
    Right {
        cap: Capability::UpdateProjects,
        entity: "ProjectNotes",
        verb: Verb::Create,
        setting: "Projects > Project Notes: Add = All",
        why: "needed to add project notes",
    },
    Right {
        cap: Capability::ReadProjects,
        entity: "TaskNotes",
        verb: Verb::Query,
        setting: "Projects > Task Notes: View = All",
        why: "needed to read task notes",
    },
    Right {
        cap: Capability::UpdateProjects,
        entity: "TaskNotes",
        verb: Verb::Create,
        setting: "Projects > Task Notes: Add = All",
        why: "needed to add task notes",
    },
];
