//! Project tickets (the vendor's project `Ticket` model, `/project/tickets`) and schedule
//! entries (`ScheduleEntry`, `/schedule/entries`), built here from the vendor's wire format.

use serde_json::{Map, Value, json};

use super::view::{Cx, Entity, company_ref, contact_ref, member_ref, reference};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::wire::fmt_time;
use crate::connectwise::work::{
    PROJECT_BOARD, ProjectTicketRec, ScheduleRec, project_status, schedule_status, schedule_type,
};

/// A project ticket as the list machinery sees it.
pub(crate) struct ProjectTicketView<'a>(pub(crate) &'a ProjectTicketRec);

impl Entity for ProjectTicketView<'_> {
    const NAME: &'static str = "Ticket";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "project/id" | "phase/id" | "board/id" | "status/id" | "company/id"
            | "contact/id" | "owner/id" => Ty::Int,
            "summary" | "wbscode" | "project/name" | "phase/name" | "board/name"
            | "status/name" | "company/identifier" | "company/name" | "owner/identifier"
            | "closedby" | "_info/updatedby" | "_info/enteredby" => Ty::Str,
            "closedflag" | "isissueflag" => Ty::Bool,
            "budgethours" | "actualhours" => Ty::Any,
            "requireddate" | "closeddate" | "lastupdated" | "_info/lastupdated" | "dateentered"
            | "_info/dateentered" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let t = self.0;
        let work = &cx.st.work;
        match path {
            "id" => Scalar::int(t.id),
            "summary" => Scalar::str(&t.summary),
            "wbscode" => Scalar::str(&t.wbs),
            "project/id" => Scalar::int(t.project),
            "project/name" => Scalar::opt_str(work.project(t.project).map(|p| p.name.as_str())),
            "phase/id" => Scalar::opt_int(t.phase),
            "phase/name" => Scalar::opt_str(t.phase.and_then(|p| work.phase(p)).map(|p| p.name)),
            "board/id" => Scalar::int(PROJECT_BOARD.0),
            "board/name" => Scalar::str(PROJECT_BOARD.1),
            "status/id" => Scalar::int(t.status),
            "status/name" => Scalar::opt_str(project_status(t.status).map(|s| s.1)),
            "company/id" => Scalar::int(t.company),
            "company/identifier" => Scalar::opt_str(
                cx.st
                    .companies
                    .get(&t.company)
                    .map(|c| c.identifier.as_str()),
            ),
            "company/name" => {
                Scalar::opt_str(cx.st.companies.get(&t.company).map(|c| c.name.as_str()))
            }
            "contact/id" => Scalar::opt_int(t.contact),
            "owner/id" => Scalar::opt_int(t.owner),
            "owner/identifier" => Scalar::opt_str(
                t.owner
                    .and_then(|m| cx.st.member(m))
                    .map(|m| m.identifier.as_str()),
            ),
            "closedflag" => Scalar::Bool(t.closed.is_some()),
            "isissueflag" => Scalar::Bool(false),
            "closedby" => Scalar::opt_str(t.closed.as_ref().map(|c| c.1.as_str())),
            "closeddate" => t
                .closed
                .as_ref()
                .map_or(Scalar::Null, |c| Scalar::Date(c.0)),
            "budgethours" => t.budget_hours.map_or(Scalar::Null, Scalar::Num),
            "actualhours" => Scalar::Num(t.actual_hours),
            "requireddate" => t.required.map_or(Scalar::Null, Scalar::Date),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(t.updated),
            "dateentered" | "_info/dateentered" => Scalar::Date(t.entered),
            "_info/updatedby" => Scalar::str(&t.updated_by),
            "_info/enteredby" => Scalar::str(&t.entered_by),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let t = self.0;
        let api = cx.api;
        let work = &cx.st.work;
        let mut m = Map::new();
        m.insert("id".into(), json!(t.id));
        m.insert("summary".into(), json!(t.summary));
        m.insert("isIssueFlag".into(), json!(false));
        m.insert(
            "board".into(),
            reference(
                PROJECT_BOARD.0,
                PROJECT_BOARD.1,
                "board_href",
                format!("{api}service/boards/{}", PROJECT_BOARD.0),
            ),
        );
        m.insert(
            "status".into(),
            reference(
                t.status,
                project_status(t.status).map_or("", |s| s.1),
                "status_href",
                format!(
                    "{api}service/boards/{}/statuses/{}",
                    PROJECT_BOARD.0, t.status
                ),
            ),
        );
        m.insert(
            "project".into(),
            reference(
                t.project,
                work.project(t.project).map_or("", |p| p.name.as_str()),
                "project_href",
                format!("{api}project/projects/{}", t.project),
            ),
        );
        if let Some(p) = t.phase {
            m.insert(
                "phase".into(),
                reference(
                    p,
                    work.phase(p).map_or("", |x| x.name),
                    "phase_href",
                    format!("{api}project/projects/{}/phases/{p}", t.project),
                ),
            );
        }
        m.insert("wbsCode".into(), json!(t.wbs));
        m.insert("company".into(), company_ref(cx, t.company));
        if let Some(c) = t.contact {
            m.insert("contact".into(), contact_ref(cx, c));
            if let Some(rec) = cx.st.contacts.get(&c) {
                m.insert("contactName".into(), json!(rec.full_name()));
                if let Some(e) = rec.default_email() {
                    m.insert("contactEmailAddress".into(), json!(e));
                }
            }
        }
        if let Some(o) = t.owner {
            m.insert("owner".into(), member_ref(cx, o));
            if let Some(mem) = cx.st.member(o) {
                m.insert("resources".into(), json!(mem.identifier));
            }
        }
        if let Some(h) = t.budget_hours {
            m.insert("budgetHours".into(), json!(h));
        }
        m.insert("actualHours".into(), json!(t.actual_hours));
        if let Some(r) = t.required {
            m.insert("requiredDate".into(), json!(fmt_time(r)));
        }
        m.insert("billTime".into(), json!("Billable"));
        m.insert("closedFlag".into(), json!(t.closed.is_some()));
        if let Some((at, by)) = &t.closed {
            m.insert("closedDate".into(), json!(fmt_time(*at)));
            m.insert("closedBy".into(), json!(by));
        }
        m.insert("customerUpdatedFlag".into(), json!(false));
        m.insert("locationId".into(), json!(2));
        m.insert("businessUnitId".into(), json!(10));
        m.insert("customFields".into(), json!([]));
        m.insert(
            "_info".into(),
            json!({
                "lastUpdated": fmt_time(t.updated),
                "updatedBy": t.updated_by,
                "dateEntered": fmt_time(t.entered),
                "enteredBy": t.entered_by,
                "notes_href": format!("{api}project/tickets/{}/notes", t.id),
            }),
        );
        Value::Object(m)
    }
}

/// A schedule entry as the list machinery sees it.
pub(crate) struct ScheduleView<'a>(pub(crate) &'a ScheduleRec);

impl Entity for ScheduleView<'_> {
    const NAME: &'static str = "ScheduleEntry";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "objectid" | "member/id" | "type/id" | "status/id" => Ty::Int,
            "name" | "member/identifier" | "type/identifier" | "type/name" | "status/name"
            | "_info/updatedby" => Ty::Str,
            "doneflag" => Ty::Bool,
            "hours" => Ty::Any,
            "datestart" | "dateend" | "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let e = self.0;
        match path {
            "id" => Scalar::int(e.id),
            "objectid" => Scalar::int(e.object_id),
            "name" => Scalar::str(&e.name),
            "member/id" => Scalar::int(e.member),
            "member/identifier" => {
                Scalar::opt_str(cx.st.member(e.member).map(|m| m.identifier.as_str()))
            }
            "type/id" => Scalar::int(e.type_id),
            "type/identifier" => Scalar::opt_str(schedule_type(e.type_id).map(|t| t.1)),
            "type/name" => Scalar::opt_str(schedule_type(e.type_id).map(|t| t.2)),
            "status/id" => Scalar::int(e.status),
            "status/name" => Scalar::opt_str(schedule_status(e.status).map(|s| s.1)),
            "doneflag" => Scalar::Bool(e.done),
            "hours" => Scalar::Num(e.hours()),
            "datestart" => Scalar::Date(e.start),
            "dateend" => Scalar::Date(e.end),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(e.updated),
            "_info/updatedby" => Scalar::str(&e.updated_by),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let e = self.0;
        let api = cx.api;
        let kind = schedule_type(e.type_id);
        json!({
            "id": e.id,
            "objectId": e.object_id,
            "name": e.name,
            "member": member_ref(cx, e.member),
            "where": { "id": 1, "name": "On-Site",
                       "_info": { "location_href": format!("{api}service/locations/1") } },
            "dateStart": fmt_time(e.start),
            "dateEnd": fmt_time(e.end),
            "reminder": { "id": 1, "name": "0 minutes" },
            "status": reference(e.status, schedule_status(e.status).map_or("", |s| s.1),
                                "status_href", format!("{api}schedule/statuses/{}", e.status)),
            "type": { "id": e.type_id, "identifier": kind.map_or("", |k| k.1),
                      "name": kind.map_or("", |k| k.2),
                      "_info": { "type_href": format!("{api}schedule/types/{}", e.type_id) } },
            "span": { "id": 1, "identifier": "N", "name": "None" },
            "doneFlag": e.done,
            "acknowledgedFlag": false,
            "ownerFlag": false,
            "meetingFlag": false,
            "allowScheduleConflictsFlag": false,
            "addMemberToProjectFlag": false,
            "hours": e.hours(),
            "_info": {
                "lastUpdated": fmt_time(e.updated),
                "updatedBy": e.updated_by,
                "objectMobileGuid": crate::connectwise::wire::guid(e.object_id as u64),
            },
        })
    }
}
