//! Project work plans and the schedule: projects and their phases (fixed setup rows), project
//! tickets (`/project/tickets`) with their notes, and schedule entries (`/schedule/entries`).
//!
//! Project tickets live in their own id range ([`FIRST_PROJECT_TICKET`] up), apart from the
//! seeded service tickets, so both seed sizes stay independent.

use std::collections::{BTreeMap, HashMap};

use super::records::{CompanyRec, ContactRec, NoteRec, TicketRec};

/// The first project ticket id.
pub(crate) const FIRST_PROJECT_TICKET: i64 = 900_001;
/// The first id of a note on a project ticket.
pub(crate) const FIRST_PROJECT_NOTE: i64 = 950_001;

/// The project board every seeded project uses: (id, name).
pub(crate) const PROJECT_BOARD: (i64, &str) = (9, "Professional Services");

/// The project board's statuses: (id, name, closed).
pub(crate) const PROJECT_STATUSES: &[(i64, &str, bool)] = &[
    (70, "New", false),
    (71, "In Progress", false),
    (72, "Completed", true),
];

/// Schedule entry statuses: (id, name).
pub(crate) const SCHEDULE_STATUSES: &[(i64, &str)] = &[(1, "Firm"), (2, "Tentative")];

/// Schedule types the simulator knows: (id, identifier, name). Only service tickets (`S`) are
/// scheduled here.
pub(crate) const SCHEDULE_TYPES: &[(i64, &str, &str)] = &[(4, "S", "Service")];

/// A project (setup row; the simulator has no `/project/projects` route).
#[derive(Debug, Clone)]
pub(crate) struct ProjectRow {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) company: i64,
}

/// A phase of a project's work plan.
#[derive(Debug, Clone)]
pub(crate) struct PhaseRow {
    pub(crate) id: i64,
    pub(crate) project: i64,
    pub(crate) name: &'static str,
    /// The phase's WBS code (`1`, `2`, …); its tickets are `{wbs}.{n}`.
    pub(crate) wbs: String,
}

/// A project ticket.
#[derive(Debug, Clone)]
pub(crate) struct ProjectTicketRec {
    pub(crate) id: i64,
    pub(crate) summary: String,
    pub(crate) project: i64,
    pub(crate) phase: Option<i64>,
    pub(crate) wbs: String,
    pub(crate) status: i64,
    pub(crate) company: i64,
    pub(crate) contact: Option<i64>,
    pub(crate) owner: Option<i64>,
    pub(crate) budget_hours: Option<f64>,
    pub(crate) actual_hours: f64,
    pub(crate) required: Option<i64>,
    pub(crate) closed: Option<(i64, String)>,
    pub(crate) entered: i64,
    pub(crate) entered_by: String,
    pub(crate) updated: i64,
    pub(crate) updated_by: String,
}

/// A schedule entry.
#[derive(Debug, Clone)]
pub(crate) struct ScheduleRec {
    pub(crate) id: i64,
    pub(crate) object_id: i64,
    pub(crate) type_id: i64,
    pub(crate) member: i64,
    pub(crate) name: String,
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) status: i64,
    pub(crate) done: bool,
    pub(crate) updated: i64,
    pub(crate) updated_by: String,
}

impl ScheduleRec {
    /// `hours`: the span in hours, to two decimals.
    pub(crate) fn hours(&self) -> f64 {
        ((self.end - self.start).max(0) as f64 / 36.0).round() / 100.0
    }
}

/// The project and schedule part of the tenant.
#[derive(Debug, Default)]
pub(crate) struct WorkStore {
    pub(crate) projects: Vec<ProjectRow>,
    pub(crate) phases: Vec<PhaseRow>,
    pub(crate) tickets: BTreeMap<i64, ProjectTicketRec>,
    pub(crate) notes: HashMap<i64, Vec<NoteRec>>,
    pub(crate) schedule: BTreeMap<i64, ScheduleRec>,
    pub(crate) next_ticket: i64,
    pub(crate) next_note: i64,
    pub(crate) next_entry: i64,
}

const TASKS: &[&str] = &[
    "Inventory mailboxes",
    "Confirm licences",
    "Migrate pilot users",
    "Cut over MX records",
];

impl WorkStore {
    /// Two projects (for the first two companies) of two phases with two tickets each, and a
    /// schedule entry for each of the first four service tickets.
    pub(crate) fn seeded(
        companies: &BTreeMap<i64, CompanyRec>,
        contacts: &BTreeMap<i64, ContactRec>,
        tickets: &BTreeMap<i64, TicketRec>,
        members: &[i64],
        epoch: i64,
    ) -> WorkStore {
        let mut w = WorkStore {
            next_ticket: FIRST_PROJECT_TICKET,
            next_note: FIRST_PROJECT_NOTE,
            next_entry: 1,
            ..WorkStore::default()
        };
        let member = |i: usize| members.get(i % members.len().max(1)).copied();
        for (p, c) in companies.values().take(2).enumerate() {
            let project = 1 + p as i64;
            w.projects.push(ProjectRow {
                id: project,
                name: format!("{} Microsoft 365 migration", c.name),
                company: c.id,
            });
            let contact = contacts.values().find(|x| x.company == c.id).map(|x| x.id);
            for (k, phase_name) in ["Planning", "Execution"].into_iter().enumerate() {
                let phase = 10 * project + k as i64 + 1;
                let wbs = (k + 1).to_string();
                for n in 0..2 {
                    let i = w.tickets.len();
                    let id = w.next_ticket;
                    w.next_ticket += 1;
                    let at = epoch + 3_600 * (i as i64 + 1);
                    w.tickets.insert(
                        id,
                        ProjectTicketRec {
                            id,
                            summary: TASKS[(2 * k + n) % TASKS.len()].to_string(),
                            project,
                            phase: Some(phase),
                            wbs: format!("{wbs}.{}", n + 1),
                            status: PROJECT_STATUSES[k % 2].0,
                            company: c.id,
                            contact,
                            owner: member(i),
                            budget_hours: Some(2.0 + n as f64),
                            actual_hours: if k == 0 { 1.5 } else { 0.0 },
                            required: Some(epoch + 86_400 * (14 + 7 * k as i64)),
                            closed: None,
                            entered: at,
                            entered_by: "zAdmin".to_string(),
                            updated: at,
                            updated_by: "zAdmin".to_string(),
                        },
                    );
                }
                w.phases.push(PhaseRow {
                    id: phase,
                    project,
                    name: phase_name,
                    wbs,
                });
            }
        }
        for (i, t) in tickets.values().take(4).enumerate() {
            let id = w.next_entry;
            w.next_entry += 1;
            let start = t.entered + 86_400;
            w.schedule.insert(
                id,
                ScheduleRec {
                    id,
                    object_id: t.id,
                    type_id: SCHEDULE_TYPES[0].0,
                    member: t.owner.or(member(i)).unwrap_or_default(),
                    name: t.summary.clone(),
                    start,
                    end: start + 7_200,
                    status: SCHEDULE_STATUSES[i % 2].0,
                    done: i == 0,
                    updated: t.entered,
                    updated_by: "zAdmin".to_string(),
                },
            );
        }
        w
    }

    pub(crate) fn project(&self, id: i64) -> Option<&ProjectRow> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub(crate) fn phase(&self, id: i64) -> Option<&PhaseRow> {
        self.phases.iter().find(|p| p.id == id)
    }
}

pub(crate) fn project_status(id: i64) -> Option<&'static (i64, &'static str, bool)> {
    PROJECT_STATUSES.iter().find(|s| s.0 == id)
}

pub(crate) fn schedule_status(id: i64) -> Option<&'static (i64, &'static str)> {
    SCHEDULE_STATUSES.iter().find(|s| s.0 == id)
}

pub(crate) fn schedule_type(id: i64) -> Option<&'static (i64, &'static str, &'static str)> {
    SCHEDULE_TYPES.iter().find(|t| t.0 == id)
}
