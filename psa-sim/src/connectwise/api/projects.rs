//! `/project/tickets` (list, count, get, create, JSON-patch update) and
//! `/project/tickets/{parentId}/notes` (list, count, get, add), guarded by the role's
//! Project > Project Tickets row: Inquire to read, Add to create, Edit to change or add notes.

use axum::response::Response;
use http::StatusCode;
use serde_json::{Map, Value};

use super::input::{self, Handled, check_members, conversion_error};
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::{Cx, Entity, NoteView, ProjectTicketView};
use crate::connectwise::permissions::{Function, Level, Op};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::{NoteRec, Store};
use crate::connectwise::wire::{self, FieldError};
use crate::connectwise::work::{PROJECT_STATUSES, ProjectTicketRec, project_status};

pub(crate) const PROJECT_TICKETS: Function = ("Project", "Project Tickets");

/// Members of the vendor's project `Ticket` model a client may send.
const WRITABLE: &[&str] = &[
    "id",
    "summary",
    "isIssueFlag",
    "board",
    "status",
    "project",
    "phase",
    "wbsCode",
    "company",
    "site",
    "siteName",
    "contact",
    "contactName",
    "contactPhoneNumber",
    "contactEmailAddress",
    "type",
    "subType",
    "item",
    "owner",
    "priority",
    "source",
    "requiredDate",
    "budgetHours",
    "actualHours",
    "initialDescription",
    "initialInternalAnalysis",
    "initialResolution",
    "resources",
    "billTime",
    "closedFlag",
    "closedDate",
    "closedBy",
    "customerUpdatedFlag",
    "processNotifications",
    "skipCallback",
    "locationId",
    "businessUnitId",
    "customFields",
    "_info",
];

/// Whether the API member may see a project ticket at this level ("My" = its own).
fn visible(st: &Store, t: &ProjectTicketRec, level: Level) -> bool {
    match level {
        Level::All => true,
        Level::None => false,
        Level::My => {
            t.owner == Some(st.api_member.id) || t.entered_by.trim() == st.api_member.identifier
        }
    }
}

pub(crate) fn read(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(PROJECT_TICKETS),
        "Ticket",
        |cx, a| {
            let level = a.level();
            let st = cx.st;
            let items = st.work.tickets.values().filter(|t| visible(st, t, level));
            a.items(cx, items.map(ProjectTicketView))
        },
    )
}

/// The id inside a reference member (`{"id": n}`), or a conversion error.
fn ref_id(body: &Map<String, Value>, name: &str) -> Result<Option<i64>, Response> {
    match input::member(body, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(input::member(m, "id").and_then(Value::as_i64)),
        Some(other) => Err(conversion_error(other, "Reference", name)),
    }
}

fn hours(body: &Map<String, Value>, name: &str) -> Result<Option<f64>, Response> {
    match input::member(body, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(conversion_error(other, "System.Decimal", name)),
    }
}

fn date(body: &Map<String, Value>, name: &str) -> Result<Option<i64>, Response> {
    match input::string(body, name)? {
        None => Ok(None),
        Some(s) => wire::parse_time(&s)
            .map(Some)
            .ok_or_else(|| conversion_error(&Value::String(s.clone()), "DateTime", name)),
    }
}

/// The checked fields of a create or of a patched record.
struct Fields {
    summary: String,
    project: Option<i64>,
    phase: Option<i64>,
    status: Option<i64>,
    company: Option<i64>,
    contact: Option<i64>,
    owner: Option<i64>,
    budget: Option<f64>,
    required: Option<i64>,
}

fn fields(body: &Map<String, Value>) -> Result<Fields, Response> {
    Ok(Fields {
        summary: input::string(body, "summary")?.unwrap_or_default(),
        project: ref_id(body, "project")?,
        phase: ref_id(body, "phase")?,
        status: ref_id(body, "status")?,
        company: ref_id(body, "company")?,
        contact: ref_id(body, "contact")?,
        owner: ref_id(body, "owner")?,
        budget: hours(body, "budgetHours")?,
        required: date(body, "requiredDate")?,
    })
}

fn check(st: &Store, f: &Fields) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let summary = f.summary.trim();
    if summary.is_empty() {
        errors.push(FieldError::missing("summary"));
    } else if summary.chars().count() > 100 {
        errors.push(FieldError::invalid(
            "summary",
            "The field summary must be a string with a maximum length of 100.",
        ));
    }
    match f.project {
        None => errors.push(FieldError::missing("project")),
        Some(p) if st.work.project(p).is_none() => {
            errors.push(FieldError::invalid("project", "The project was not found."))
        }
        _ => {}
    }
    if let Some(ph) = f.phase
        && st
            .work
            .phase(ph)
            .is_none_or(|x| Some(x.project) != f.project)
    {
        errors.push(FieldError::invalid(
            "phase",
            "The phase was not found on this project.",
        ));
    }
    if f.status.is_some_and(|s| project_status(s).is_none()) {
        errors.push(FieldError::invalid("status", "The status was not found."));
    }
    if f.company.is_some_and(|c| !st.companies.contains_key(&c)) {
        errors.push(FieldError::invalid("company", "The company was not found."));
    }
    if f.contact.is_some_and(|c| !st.contacts.contains_key(&c)) {
        errors.push(FieldError::invalid("contact", "The contact was not found."));
    }
    if f.owner.is_some_and(|m| st.member(m).is_none()) {
        errors.push(FieldError::invalid("owner", "The member was not found."));
    }
    if f.budget.is_some_and(|h| h < 0.0) {
        errors.push(FieldError::invalid(
            "budgetHours",
            "budgetHours must be 0 or more.",
        ));
    }
    errors
}

/// The WBS code of the next ticket of a phase (or of the project without a phase).
fn next_wbs(st: &Store, project: i64, phase: Option<i64>) -> String {
    let n = st
        .work
        .tickets
        .values()
        .filter(|t| t.project == project && t.phase == phase)
        .count()
        + 1;
    match phase.and_then(|p| st.work.phase(p)) {
        Some(p) => format!("{}.{n}", p.wbs),
        None => n.to_string(),
    }
}

/// `POST /project/tickets` (Project Tickets add): `summary` and `project` required.
pub(crate) fn create(sh: &Inner, req: &Req) -> Handled {
    sh.require(PROJECT_TICKETS, Op::Add)?;
    let body = input::object(&req.body, "Ticket")?;
    check_members(&req.body, &body, WRITABLE, "Ticket", "")?;
    let f = fields(&body)?;
    let mut st = sh.write();
    let errors = check(&st, &f);
    if !errors.is_empty() {
        return Err(wire::invalid_object("ticket", &errors));
    }
    let project = f.project.unwrap_or_default();
    let company = f
        .company
        .or_else(|| st.work.project(project).map(|p| p.company))
        .unwrap_or_default();
    let now = wire::now();
    let me = st.api_identifier();
    let id = st.work.next_ticket;
    st.work.next_ticket += 1;
    let rec = ProjectTicketRec {
        id,
        summary: f.summary.trim().to_string(),
        project,
        phase: f.phase,
        wbs: next_wbs(&st, project, f.phase),
        status: f.status.unwrap_or(PROJECT_STATUSES[0].0),
        company,
        contact: f.contact,
        owner: f.owner,
        budget_hours: f.budget,
        actual_hours: 0.0,
        required: f.required,
        closed: None,
        entered: now,
        entered_by: me.clone(),
        updated: now,
        updated_by: me,
    };
    st.work.tickets.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::CREATED,
        &ProjectTicketView(&rec).render(&cx),
    ))
}

/// `PATCH /project/tickets/{id}` (Project Tickets edit): a JSON-patch document over the
/// writable members; the result is checked like a create.
pub(crate) fn patch(sh: &Inner, req: &Req, id: i64) -> Handled {
    let level = sh.require(PROJECT_TICKETS, Op::Edit)?;
    let doc = input::any(&req.body)?;
    let mut st = sh.write();
    let Some(old) = st.work.tickets.get(&id).cloned() else {
        return Err(wire::not_found("Ticket", id));
    };
    if !visible(&st, &old, level) {
        return Err(wire::forbidden());
    }
    let mut after = {
        let cx = Cx {
            st: &st,
            api: &req.api,
        };
        ProjectTicketView(&old).render(&cx)
    };
    crate::connectwise::patch::apply(&mut after, &doc, &|m| WRITABLE.contains(&m))
        .map_err(wire::bad_request)?;
    let empty = Map::new();
    let f = fields(after.as_object().unwrap_or(&empty))?;
    let errors = check(&st, &f);
    if !errors.is_empty() {
        return Err(wire::invalid_object("ticket", &errors));
    }
    let now = wire::now();
    let me = st.api_identifier();
    let status = f.status.unwrap_or(old.status);
    let closed = match (project_status(status).is_some_and(|s| s.2), &old.closed) {
        (true, Some(c)) => Some(c.clone()),
        (true, None) => Some((now, me.clone())),
        (false, _) => None,
    };
    let wbs = if f.phase == old.phase && f.project == Some(old.project) {
        old.wbs.clone()
    } else {
        next_wbs(&st, f.project.unwrap_or(old.project), f.phase)
    };
    let rec = ProjectTicketRec {
        summary: f.summary.trim().to_string(),
        project: f.project.unwrap_or(old.project),
        phase: f.phase,
        wbs,
        status,
        company: f.company.unwrap_or(old.company),
        contact: f.contact,
        owner: f.owner,
        budget_hours: f.budget,
        required: f.required,
        closed,
        updated: now,
        updated_by: me,
        ..old
    };
    st.work.tickets.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::OK,
        &ProjectTicketView(&rec).render(&cx),
    ))
}

/// A project ticket note as ConnectWise shows it: a `ServiceNote` whose `_info` links the
/// project ticket.
struct ProjectNoteView<'a>(NoteView<'a>);

impl Entity for ProjectNoteView<'_> {
    const NAME: &'static str = "TicketNote";

    fn id(&self) -> i64 {
        self.0.id()
    }

    fn field_type(path: &str) -> Option<crate::connectwise::conditions::Ty> {
        NoteView::field_type(path)
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> crate::connectwise::conditions::Scalar<'a> {
        self.0.get(cx, path)
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let mut v = self.0.render(cx);
        if let Some(info) = v.get_mut("_info").and_then(Value::as_object_mut) {
            info.remove("ticket_href");
            info.insert(
                "projectTicket_href".to_string(),
                Value::String(format!("{}project/tickets/{}", cx.api, self.0.0.ticket)),
            );
        }
        v
    }
}

fn note_json(cx: &Cx<'_>, n: &NoteRec) -> Value {
    ProjectNoteView(NoteView(n)).render(cx)
}

/// `GET /project/tickets/{id}/notes[/count|/{noteId}]` (Project Tickets inquire).
pub(crate) fn notes(sh: &Inner, req: &Req, ticket: i64, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(PROJECT_TICKETS),
        "TicketNote",
        |cx, a| {
            let st = cx.st;
            let t = st
                .work
                .tickets
                .get(&ticket)
                .ok_or_else(|| wire::not_found("Ticket", ticket))?;
            if !visible(st, t, a.level()) {
                return Err(wire::forbidden());
            }
            let notes = st.work.notes.get(&ticket).map_or(&[][..], Vec::as_slice);
            a.items(cx, notes.iter().map(|n| ProjectNoteView(NoteView(n))))
        },
    )
}

/// `POST /project/tickets/{id}/notes` (Project Tickets edit): `text` and one of the three
/// display flags required; the member is the API member.
pub(crate) fn add_note(sh: &Inner, req: &Req, ticket: i64) -> Handled {
    let level = sh.require(PROJECT_TICKETS, Op::Edit)?;
    let body = input::object(&req.body, "TicketNote")?;
    check_members(
        &req.body,
        &body,
        super::notes::NOTE_MEMBERS,
        "TicketNote",
        "",
    )?;
    let mut st = sh.write();
    let Some(t) = st.work.tickets.get(&ticket).cloned() else {
        return Err(wire::not_found("Ticket", ticket));
    };
    if !visible(&st, &t, level) {
        return Err(wire::forbidden());
    }
    let text = input::string(&body, "text")?.unwrap_or_default();
    let detail = input::flag(&body, "detailDescriptionFlag", false)?;
    let internal = input::flag(&body, "internalAnalysisFlag", false)?;
    let resolution = input::flag(&body, "resolutionFlag", false)?;
    let mut errors = Vec::new();
    if text.trim().is_empty() {
        errors.push(FieldError::missing("text"));
    }
    if !(detail || internal || resolution) {
        errors.push(FieldError {
            code: "MissingRequiredField",
            message: "Please choose where to display the notes in order to save this record."
                .to_string(),
            field: "detailDescriptionFlag".to_string(),
        });
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("ticketNote", &errors));
    }
    let now = wire::now();
    let me = st.api_identifier();
    let id = st.work.next_note;
    st.work.next_note += 1;
    let note = NoteRec {
        id,
        ticket,
        text,
        detail,
        internal,
        resolution,
        issue: input::flag(&body, "issueFlag", false)?,
        member: Some(st.api_member.id),
        contact: None,
        customer_updated: false,
        process_notifications: input::flag(&body, "processNotifications", true)?,
        created: now,
        created_by: me.clone(),
    };
    st.work.notes.entry(ticket).or_default().push(note.clone());
    if let Some(t) = st.work.tickets.get_mut(&ticket) {
        t.updated = now;
        t.updated_by = me;
    }
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(StatusCode::CREATED, &note_json(&cx, &note)))
}
