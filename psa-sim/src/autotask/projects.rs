//! Projects (`ProjectModel`), their tasks (`TaskModel`) and the notes on both
//! (`ProjectNoteModel`, `TaskNoteModel`): wire fields from the Swagger document, seeds, the
//! fields a create must carry and the fields the server stamps.
//!
//! Seeded: one project per company, [`TASKS_PER_PROJECT`] tasks per project, one note per
//! project and per task. Tasks and notes are children: written under `Projects/{id}/Tasks`,
//! `Projects/{id}/Notes` and `Tasks/{id}/Notes`, queried at `Tasks/query`,
//! `ProjectNotes/query` and `TaskNotes/query`.

use serde_json::{Value, json};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::dates;
use super::fields::{FieldDef, Ty};
use super::ids::{COMPANY_BASE, RESOURCE_BASE, ROLE_ID, technician_ids};
use super::kind::{Kind, Record};
use super::picklists::{NOTE_TYPE, PUBLISH, Pick};

macro_rules! fields {
    ($($name:literal : $ty:ident),* $(,)?) => {
        &[$(FieldDef { name: $name, ty: Ty::$ty }),*]
    };
}

/// First project id.
pub(crate) const PROJECT_BASE: i64 = 29_684_501;
/// First task id.
pub(crate) const TASK_BASE: i64 = 29_685_001;
/// First project note id.
pub(crate) const PROJECT_NOTE_BASE: i64 = 29_686_001;
/// First task note id.
pub(crate) const TASK_NOTE_BASE: i64 = 29_687_001;
/// Seeded tasks per project.
pub(crate) const TASKS_PER_PROJECT: i64 = 3;

/// `ProjectModel` (besides `userDefinedFields`).
pub(crate) static PROJECT_FIELDS: &[FieldDef] = fields![
    "id": Long, "actualBilledHours": Double, "actualHours": Double,
    "changeOrdersBudget": Double, "changeOrdersRevenue": Double, "companyID": Int,
    "companyOwnerResourceID": Int, "completedDateTime": DateTime, "completedPercentage": Int,
    "contractID": Int, "createDateTime": DateTime, "creatorResourceID": Int, "department": Int,
    "description": Str, "duration": Int, "endDateTime": DateTime, "estimatedSalesCost": Double,
    "estimatedTime": Double, "extProjectNumber": Str, "extProjectType": Int,
    "impersonatorCreatorResourceID": Int, "laborEstimatedCosts": Double,
    "laborEstimatedMarginPercentage": Double, "laborEstimatedRevenue": Double,
    "lastActivityDateTime": DateTime, "lastActivityPersonType": Int,
    "lastActivityResourceID": Int, "opportunityID": Int,
    "organizationalLevelAssociationID": Int, "originalEstimatedRevenue": Double,
    "projectCostEstimatedMarginPercentage": Double, "projectCostsBudget": Double,
    "projectCostsRevenue": Double, "projectLeadResourceID": Int, "projectName": Str,
    "projectNumber": Str, "projectType": Int, "purchaseOrderNumber": Str, "sgda": Double,
    "startDateTime": DateTime, "status": Int, "statusDateTime": DateTime, "statusDetail": Str,
];

/// `TaskModel` (besides `userDefinedFields`).
pub(crate) static TASK_FIELDS: &[FieldDef] = fields![
    "id": Long, "assignedResourceID": Int, "assignedResourceRoleID": Int, "billingCodeID": Int,
    "canClientPortalUserCompleteTask": Bool, "companyLocationID": Int,
    "completedByResourceID": Int, "completedByType": Int, "completedDateTime": DateTime,
    "createDateTime": DateTime, "creatorResourceID": Int, "creatorType": Int,
    "departmentID": Int, "description": Str, "endDateTime": DateTime, "estimatedHours": Double,
    "externalID": Str, "hoursToBeScheduled": Double, "isTaskBillable": Bool,
    "isVisibleInClientPortal": Bool, "lastActivityDateTime": DateTime,
    "lastActivityPersonType": Int, "lastActivityResourceID": Int, "phaseID": Int,
    "priority": Int, "priorityLabel": Int, "projectID": Int, "purchaseOrderNumber": Str,
    "remainingHours": Double, "startDateTime": DateTime, "status": Int, "taskCategoryID": Int,
    "taskNumber": Str, "taskType": Int, "title": Str,
];

/// `ProjectNoteModel`.
pub(crate) static PROJECT_NOTE_FIELDS: &[FieldDef] = fields![
    "id": Long, "createDateTime": DateTime, "createdByContactID": Int, "creatorResourceID": Int,
    "description": Str, "impersonatorCreatorResourceID": Int,
    "impersonatorUpdaterResourceID": Int, "isAnnouncement": Bool, "lastActivityDate": DateTime,
    "noteType": Int, "projectID": Int, "publish": Int, "title": Str,
];

/// `TaskNoteModel`.
pub(crate) static TASK_NOTE_FIELDS: &[FieldDef] = fields![
    "id": Long, "createDateTime": DateTime, "creatorResourceID": Int, "createdByContactID": Int,
    "description": Str, "impersonatorCreatorResourceID": Int,
    "impersonatorUpdaterResourceID": Int, "lastActivityDate": DateTime, "noteType": Int,
    "publish": Int, "taskID": Int, "title": Str,
];

const fn pk(value: i64, label: &'static str) -> Pick {
    Pick {
        value,
        label,
        default: false,
        active: true,
        system: true,
        parent: None,
    }
}

const fn dflt(mut pick: Pick) -> Pick {
    pick.default = true;
    pick
}

/// Project `status` (plausible tenant values, shaped like Autotask's system ones).
pub(crate) const PROJECT_STATUS: &[Pick] = &[
    pk(0, "Inactive"),
    dflt(pk(1, "New")),
    pk(2, "In Progress"),
    pk(5, "Complete"),
];

/// Project `projectType`.
pub(crate) const PROJECT_TYPE: &[Pick] = &[
    pk(3, "Proposal"),
    pk(4, "Template"),
    dflt(pk(5, "Client")),
    pk(6, "Internal"),
    pk(7, "Baseline"),
];

/// Task `status`.
pub(crate) const TASK_STATUS: &[Pick] = &[
    dflt(pk(1, "New")),
    pk(5, "Complete"),
    pk(7, "Waiting Customer"),
    pk(8, "In Progress"),
];

/// Task `taskType`.
pub(crate) const TASK_TYPE: &[Pick] = &[dflt(pk(1, "Fixed Work")), pk(2, "Fixed Duration")];

/// Task `priorityLabel`.
pub(crate) const TASK_PRIORITY: &[Pick] = &[
    pk(1, "High"),
    dflt(pk(2, "Medium")),
    pk(3, "Low"),
    pk(4, "Critical"),
];

/// The picklist of a field of one of this module's entities (notes use the ticket notes'
/// `noteType` and `publish` lists).
pub(crate) fn picklist(kind: Kind, field: &str) -> Option<&'static [Pick]> {
    match (kind, field) {
        (Kind::Projects, "status") => Some(PROJECT_STATUS),
        (Kind::Projects, "projectType") => Some(PROJECT_TYPE),
        (Kind::Tasks, "status") => Some(TASK_STATUS),
        (Kind::Tasks, "taskType") => Some(TASK_TYPE),
        (Kind::Tasks, "priorityLabel") => Some(TASK_PRIORITY),
        (Kind::ProjectNotes | Kind::TaskNotes, "noteType") => Some(NOTE_TYPE),
        (Kind::ProjectNotes | Kind::TaskNotes, "publish") => Some(PUBLISH),
        _ => None,
    }
}

/// The wire fields of one of this module's entities.
pub(crate) fn fields(kind: Kind) -> &'static [FieldDef] {
    match kind {
        Kind::Projects => PROJECT_FIELDS,
        Kind::Tasks => TASK_FIELDS,
        Kind::ProjectNotes => PROJECT_NOTE_FIELDS,
        Kind::TaskNotes => TASK_NOTE_FIELDS,
        _ => &[],
    }
}

/// What a create must carry (`ProjectsEntity.htm`, `TasksEntity.htm`, `ProjectNotesEntity.htm`,
/// `TaskNotesEntity.htm`; the parent id comes from the path).
pub(crate) fn required(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Projects => &[
            "projectName",
            "companyID",
            "status",
            "projectType",
            "startDateTime",
            "endDateTime",
        ],
        Kind::Tasks => &["title", "status", "taskType"],
        Kind::ProjectNotes => &["title", "description", "noteType", "publish"],
        Kind::TaskNotes => &["description", "noteType", "publish"],
        _ => &[],
    }
}

/// Fields the server sets.
pub(crate) fn read_only(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Projects => &[
            "id",
            "actualBilledHours",
            "actualHours",
            "createDateTime",
            "creatorResourceID",
            "impersonatorCreatorResourceID",
            "lastActivityDateTime",
            "lastActivityPersonType",
            "lastActivityResourceID",
            "statusDateTime",
        ],
        Kind::Tasks => &[
            "id",
            "completedByResourceID",
            "completedByType",
            "completedDateTime",
            "createDateTime",
            "creatorResourceID",
            "creatorType",
            "lastActivityDateTime",
            "lastActivityPersonType",
            "lastActivityResourceID",
            "taskNumber",
        ],
        Kind::ProjectNotes | Kind::TaskNotes => &[
            "id",
            "createDateTime",
            "creatorResourceID",
            "impersonatorCreatorResourceID",
            "impersonatorUpdaterResourceID",
            "lastActivityDate",
        ],
        _ => &[],
    }
}

/// The entity a reference field points at.
pub(crate) fn reference(kind: Kind, field: &str) -> Option<Kind> {
    match (kind, field) {
        (Kind::Projects, "companyID") => Some(Kind::Companies),
        (Kind::Projects, "contractID") => Some(Kind::Contracts),
        (Kind::Projects, "opportunityID") => Some(Kind::Opportunities),
        (
            Kind::Projects,
            "projectLeadResourceID" | "companyOwnerResourceID" | "creatorResourceID",
        ) => Some(Kind::Resources),
        (Kind::Tasks, "projectID") => Some(Kind::Projects),
        (Kind::Tasks, "assignedResourceID" | "creatorResourceID" | "completedByResourceID") => {
            Some(Kind::Resources)
        }
        (Kind::ProjectNotes, "projectID") => Some(Kind::Projects),
        (Kind::TaskNotes, "taskID") => Some(Kind::Tasks),
        (Kind::ProjectNotes | Kind::TaskNotes, "creatorResourceID") => Some(Kind::Resources),
        _ => None,
    }
}

/// The seeded id range of one of this module's entities, for `companies` seeded companies.
pub(crate) fn seeded(kind: Kind, companies: i64) -> std::ops::Range<i64> {
    let tasks = companies.saturating_mul(TASKS_PER_PROJECT);
    match kind {
        Kind::Projects => PROJECT_BASE..PROJECT_BASE + companies,
        Kind::Tasks => TASK_BASE..TASK_BASE + tasks,
        Kind::ProjectNotes => PROJECT_NOTE_BASE..PROJECT_NOTE_BASE + companies,
        Kind::TaskNotes => TASK_NOTE_BASE..TASK_NOTE_BASE + tasks,
        _ => 0..0,
    }
}

/// When seeded projects start.
const EPOCH: OffsetDateTime = datetime!(2024-02-01 08:00:00 UTC);

const PROJECT_NAMES: &[&str] = &[
    "Office move",
    "Microsoft 365 migration",
    "Network refresh",
    "Server virtualisation",
    "Security baseline rollout",
];

const TASK_TITLES: &[&str] = &[
    "Kick-off and site survey",
    "Build and configure",
    "Cut-over and hand-off",
];

fn pick<'a>(list: &[&'a str], i: i64) -> &'a str {
    list[usize::try_from(i).unwrap_or(0) % list.len()]
}

fn tech(i: i64) -> i64 {
    let techs = technician_ids();
    techs[usize::try_from(i).unwrap_or(0) % techs.len()]
}

/// When seeded project `p` was created.
fn project_created(p: i64) -> OffsetDateTime {
    EPOCH + Duration::days(p * 5)
}

/// Generates seeded record `id` of one of this module's entities.
pub(crate) fn generate(kind: Kind, id: i64) -> Value {
    match kind {
        Kind::Projects => project(id - PROJECT_BASE),
        Kind::Tasks => task(id - TASK_BASE),
        Kind::ProjectNotes => project_note(id - PROJECT_NOTE_BASE),
        Kind::TaskNotes => task_note(id - TASK_NOTE_BASE),
        _ => json!({ "id": id }),
    }
}

fn project(p: i64) -> Value {
    let created = project_created(p);
    let done = p % 4 == 3;
    json!({
        "id": PROJECT_BASE + p,
        "projectName": pick(PROJECT_NAMES, p),
        "projectNumber": format!("P{}.{:04}", created.date().to_string().replace('-', ""), p + 1),
        "companyID": COMPANY_BASE + p,
        "projectType": 5,
        "status": if done { 5 } else { 1 },
        "statusDateTime": dates::wire(created),
        "projectLeadResourceID": tech(p),
        "creatorResourceID": RESOURCE_BASE,
        "department": 29_683_378,
        "description": format!("{} for the customer.", pick(PROJECT_NAMES, p)),
        "estimatedTime": 24.0,
        "actualHours": if done { 26.5 } else { 6.0 },
        "duration": 30,
        "completedPercentage": if done { 100 } else { 20 },
        "startDateTime": dates::wire(created + Duration::days(1)),
        "endDateTime": dates::wire(created + Duration::days(31)),
        "completedDateTime": if done { json!(dates::wire(created + Duration::days(29))) } else { Value::Null },
        "createDateTime": dates::wire(created),
        "lastActivityDateTime": dates::wire(created + Duration::days(2)),
        "lastActivityResourceID": tech(p),
        "lastActivityPersonType": 1,
    })
}

fn task(t: i64) -> Value {
    let (p, k) = (t / TASKS_PER_PROJECT, t % TASKS_PER_PROJECT);
    let created = project_created(p) + Duration::hours(k + 1);
    let done = k == 0;
    json!({
        "id": TASK_BASE + t,
        "projectID": PROJECT_BASE + p,
        "title": pick(TASK_TITLES, k),
        "taskNumber": format!("T{}.{:04}", created.date().to_string().replace('-', ""), t + 1),
        "description": format!("{} ({}).", pick(TASK_TITLES, k), pick(PROJECT_NAMES, p)),
        "status": if done { 5 } else { 1 },
        "taskType": 1,
        "priorityLabel": 2,
        "assignedResourceID": tech(p + k),
        "assignedResourceRoleID": ROLE_ID,
        "creatorResourceID": RESOURCE_BASE,
        "creatorType": 1,
        "estimatedHours": 8.0,
        "remainingHours": if done { 0.0 } else { 8.0 },
        "hoursToBeScheduled": 0.0,
        "isTaskBillable": true,
        "isVisibleInClientPortal": false,
        "canClientPortalUserCompleteTask": false,
        "startDateTime": dates::wire(created + Duration::days(k * 10)),
        "endDateTime": dates::wire(created + Duration::days(k * 10 + 7)),
        "completedDateTime": if done { json!(dates::wire(created + Duration::days(5))) } else { Value::Null },
        "completedByResourceID": if done { json!(tech(p + k)) } else { Value::Null },
        "createDateTime": dates::wire(created),
        "lastActivityDateTime": dates::wire(created + Duration::days(1)),
        "lastActivityResourceID": tech(p + k),
        "lastActivityPersonType": 1,
    })
}

fn project_note(p: i64) -> Value {
    let created = project_created(p) + Duration::minutes(30);
    json!({
        "id": PROJECT_NOTE_BASE + p,
        "projectID": PROJECT_BASE + p,
        "title": "Kick-off",
        "description": "Scope agreed with the customer; see the tasks for the plan.",
        "noteType": 1,
        "publish": 1,
        "isAnnouncement": false,
        "creatorResourceID": tech(p),
        "createDateTime": dates::wire(created),
        "lastActivityDate": dates::wire(created),
    })
}

fn task_note(t: i64) -> Value {
    let p = t / TASKS_PER_PROJECT;
    let created = project_created(p) + Duration::hours(t % TASKS_PER_PROJECT + 2);
    json!({
        "id": TASK_NOTE_BASE + t,
        "taskID": TASK_BASE + t,
        "title": "Progress",
        "description": "Work started; no blockers.",
        "noteType": 3,
        "publish": 2,
        "creatorResourceID": tech(t),
        "createDateTime": dates::wire(created),
        "lastActivityDate": dates::wire(created),
    })
}

/// Stamps the server-set fields of a new record.
pub(crate) fn on_create(kind: Kind, rec: &mut Record, now: &str, who: i64, imp: &Value) {
    let mut set = |f: &str, v: Value| {
        rec.insert(f.to_string(), v);
    };
    match kind {
        Kind::Projects => {
            set("createDateTime", json!(now));
            set("creatorResourceID", json!(who));
            set("impersonatorCreatorResourceID", imp.clone());
            set("statusDateTime", json!(now));
            set("lastActivityDateTime", json!(now));
            set("lastActivityResourceID", json!(who));
            set("lastActivityPersonType", json!(1));
        }
        Kind::Tasks => {
            set("createDateTime", json!(now));
            set("creatorResourceID", json!(who));
            set("creatorType", json!(1));
            set("lastActivityDateTime", json!(now));
            set("lastActivityResourceID", json!(who));
            set("lastActivityPersonType", json!(1));
        }
        Kind::ProjectNotes | Kind::TaskNotes => {
            set("createDateTime", json!(now));
            set("lastActivityDate", json!(now));
            set("creatorResourceID", json!(who));
            set("impersonatorCreatorResourceID", imp.clone());
        }
        _ => {}
    }
}

/// Stamps the server-set fields of an updated record.
pub(crate) fn on_update(kind: Kind, rec: &mut Record, now: &str, who: i64) {
    match kind {
        Kind::Projects | Kind::Tasks => {
            rec.insert("lastActivityDateTime".into(), json!(now));
            rec.insert("lastActivityResourceID".into(), json!(who));
        }
        Kind::ProjectNotes | Kind::TaskNotes => {
            rec.insert("lastActivityDate".into(), json!(now));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_models_have_every_swagger_field() {
        assert_eq!(PROJECT_FIELDS.len(), 43);
        assert_eq!(TASK_FIELDS.len(), 35);
        for kind in [
            Kind::Projects,
            Kind::Tasks,
            Kind::ProjectNotes,
            Kind::TaskNotes,
        ] {
            for f in required(kind).iter().chain(read_only(kind)) {
                assert!(fields(kind).iter().any(|d| d.name == *f), "{kind:?}.{f}");
            }
        }
    }

    #[test]
    fn seeded_picklist_fields_hold_active_values() {
        for (kind, id) in [
            (Kind::Projects, PROJECT_BASE + 3),
            (Kind::Tasks, TASK_BASE),
            (Kind::Tasks, TASK_BASE + 1),
            (Kind::ProjectNotes, PROJECT_NOTE_BASE),
            (Kind::TaskNotes, TASK_NOTE_BASE),
        ] {
            let rec = generate(kind, id);
            for f in fields(kind) {
                if let (Some(list), Some(v)) = (picklist(kind, f.name), rec[f.name].as_i64()) {
                    assert!(
                        list.iter().any(|p| p.value == v),
                        "{kind:?}.{} = {v}",
                        f.name
                    );
                }
            }
        }
    }

    #[test]
    fn seeded_children_point_at_seeded_parents() {
        let tasks = seeded(Kind::Tasks, 4);
        assert_eq!(tasks.clone().count(), 12);
        for id in tasks {
            let t = generate(Kind::Tasks, id);
            assert!(seeded(Kind::Projects, 4).contains(&t["projectID"].as_i64().unwrap()));
            let n = generate(Kind::TaskNotes, TASK_NOTE_BASE + (id - TASK_BASE));
            assert_eq!(n["taskID"], id);
        }
        let p = generate(Kind::Projects, PROJECT_BASE + 2);
        assert_eq!(p["companyID"], COMPANY_BASE + 2);
    }
}
