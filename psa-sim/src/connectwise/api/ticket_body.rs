//! The ticket body: which members a write may name, how references resolve, and how a
//! POST/PUT (full) or PATCH (partial) body is applied to a ticket record.

use serde_json::{Map, Value};

use super::input::{self, check_members, conversion_error, member};
use crate::connectwise::entities::{TICKET_MEMBERS, is_ticket_member};
use crate::connectwise::store::{Store, TicketRec};
use crate::connectwise::wire::{self, FieldError};
use axum::response::Response;

/// Members the server computes; a write naming them is accepted and ignored.
const READ_ONLY: &[&str] = &[
    "id",
    "closedDate",
    "closedBy",
    "closedFlag",
    "actualHours",
    "dateResolved",
    "dateResplan",
    "dateResponded",
    "resolveMinutes",
    "resPlanMinutes",
    "respondMinutes",
    "isInSla",
    "resources",
    "hasChildTicket",
    "hasMergedChildTicketFlag",
    "mobileGuid",
    "_info",
    "escalationStartDateUTC",
    "escalationLevel",
    "minutesBeforeWaiting",
    "respondedSkippedMinutes",
    "resplanSkippedMinutes",
    "respondedHours",
    "respondedBy",
    "resplanHours",
    "resplanBy",
    "resolutionHours",
    "resolvedBy",
    "minutesWaiting",
    "slaStatus",
    "mergedParentTicket",
];

/// Members with their own handling (never stored raw).
const HANDLED: &[&str] = &[
    "summary",
    "recordType",
    "board",
    "status",
    "company",
    "contact",
    "contactName",
    "contactPhoneNumber",
    "contactEmailAddress",
    "priority",
    "source",
    "owner",
    "severity",
    "impact",
    "externalXRef",
    "customFields",
    "initialDescription",
    "initialInternalAnalysis",
    "initialResolution",
    "initialDescriptionFrom",
    "contactEmailLookup",
    "processNotifications",
    "skipCallback",
];

/// Reference members and the members their reference types have (spec `*Reference` models).
const REFS: &[(&str, &str, &[&str])] = &[
    ("board", "BoardReference", &["id", "name", "_info"]),
    (
        "status",
        "ServiceStatusReference",
        &["id", "name", "sort", "_info"],
    ),
    (
        "company",
        "CompanyReference",
        &["id", "identifier", "name", "_info"],
    ),
    ("contact", "ContactReference", &["id", "name", "_info"]),
    (
        "priority",
        "PriorityReference",
        &["id", "name", "sort", "level", "_info"],
    ),
    ("source", "ServiceSourceReference", &["id", "name", "_info"]),
    (
        "owner",
        "MemberReference",
        &["id", "identifier", "name", "dailyCapacity", "_info"],
    ),
];

/// What applying a body produced besides the record.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) notes: Vec<(String, bool, bool, bool)>,
    pub(crate) skip_callback: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// POST and PUT: summary and company are required.
    Full,
    /// PATCH: only the changed members.
    Partial,
}

/// Unknown members (top level and inside references) are rejected like JSON.NET does.
pub(crate) fn check_ticket_body(raw: &[u8], body: &Map<String, Value>) -> Result<(), Response> {
    check_members(raw, body, TICKET_MEMBERS, "Ticket", "")?;
    for (key, v) in body {
        let Some(canon) = is_ticket_member(key) else {
            continue;
        };
        if let Some((_, type_name, members)) = REFS.iter().find(|(n, _, _)| *n == canon)
            && let Value::Object(inner) = v
        {
            check_members(raw, inner, members, type_name, canon)?;
        }
    }
    Ok(())
}

fn ref_obj<'a>(v: &'a Value, name: &str) -> Result<Option<&'a Map<String, Value>>, Response> {
    let type_name = REFS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, t, _)| *t)
        .unwrap_or("Reference");
    match v {
        Value::Null => Ok(None),
        Value::Object(m) => Ok(Some(m)),
        other => Err(conversion_error(other, type_name, name)),
    }
}

fn ref_text<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    member(m, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn ref_id(m: &Map<String, Value>) -> Option<i64> {
    member(m, "id").and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    })
}

/// Applies the members of a body to a ticket. Errors are the vendor's 400 bodies.
pub(crate) fn apply(
    st: &Store,
    t: &mut TicketRec,
    body: &Map<String, Value>,
    mode: Mode,
) -> Result<Applied, Response> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut out = Applied::default();
    let canon: Vec<(&'static str, &Value)> = body
        .iter()
        .filter_map(|(k, v)| is_ticket_member(k).map(|c| (c, v)))
        .collect();
    let get = |name: &str| canon.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);

    // Required members first.
    match get("summary") {
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.push(FieldError::missing("summary"))
        }
        Some(Value::String(s)) if s.chars().count() > 100 => errors.push(FieldError::invalid(
            "summary",
            "The field summary must be a string with a maximum length of 100.",
        )),
        Some(Value::String(s)) => t.summary = s.clone(),
        Some(Value::Null) => errors.push(FieldError::missing("summary")),
        Some(other) => return Err(conversion_error(other, "System.String", "summary")),
        None if mode == Mode::Full => errors.push(FieldError::missing("summary")),
        None => {}
    }
    match get("company") {
        Some(v) => match ref_obj(v, "company")? {
            None => errors.push(FieldError::missing("company")),
            Some(m) => match resolve_company(st, m) {
                Ok(id) => {
                    if id != t.company {
                        t.company = id;
                        if get("contact").is_none() {
                            t.contact = None;
                        }
                    }
                }
                Err(e) => errors.push(e),
            },
        },
        None if mode == Mode::Full => errors.push(FieldError::missing("company")),
        None => {}
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("ticket", &errors));
    }

    if let Some(v) = get("recordType") {
        match v {
            Value::String(s) => match ["ServiceTicket", "ProjectTicket", "ProjectIssue"]
                .iter()
                .find(|r| r.eq_ignore_ascii_case(s))
            {
                Some(r) => t.record_type = (*r).to_string(),
                None => errors.push(FieldError::invalid(
                    "recordType",
                    format!("'{s}' is not a valid recordType."),
                )),
            },
            Value::Null => {}
            other => return Err(conversion_error(other, "System.String", "recordType")),
        }
    }
    let board_given = match get("board") {
        Some(v) => match ref_obj(v, "board")? {
            None => false,
            Some(m) => {
                let found = match (ref_id(m), ref_text(m, "name")) {
                    (Some(id), _) => st.boards.get(&id).map(|b| b.id),
                    (None, Some(n)) => st
                        .boards
                        .values()
                        .find(|b| b.name.eq_ignore_ascii_case(n))
                        .map(|b| b.id),
                    _ => None,
                };
                match found {
                    Some(b) => {
                        let changed = b != t.board;
                        t.board = b;
                        changed
                    }
                    None => {
                        errors.push(FieldError::invalid("board", "The board was not found."));
                        false
                    }
                }
            }
        },
        None => false,
    };
    match get("status")
        .map(|v| ref_obj(v, "status"))
        .transpose()?
        .flatten()
    {
        Some(m) => {
            let board_name = st
                .boards
                .get(&t.board)
                .map(|b| b.name.clone())
                .unwrap_or_default();
            let found = match (ref_id(m), ref_text(m, "name")) {
                (Some(id), _) => st
                    .statuses
                    .get(&id)
                    .filter(|s| s.board == t.board)
                    .map(|s| s.id),
                (None, Some(n)) => st
                    .statuses
                    .values()
                    .find(|s| s.board == t.board && s.name.eq_ignore_ascii_case(n))
                    .map(|s| s.id),
                _ => None,
            };
            match found {
                Some(s) => t.status = s,
                None => errors.push(FieldError::invalid(
                    "status",
                    format!("The status is not valid for board '{board_name}'."),
                )),
            }
        }
        None => {
            if board_given
                || t.status == 0
                || st
                    .statuses
                    .get(&t.status)
                    .is_none_or(|s| s.board != t.board)
            {
                t.status = st.default_status(t.board).unwrap_or(0);
            }
        }
    }
    if let Some(v) = get("priority") {
        match ref_obj(v, "priority")? {
            None => {}
            Some(m) => {
                let found = match (ref_id(m), ref_text(m, "name")) {
                    (Some(id), _) => st.priorities.get(&id).map(|p| p.id),
                    (None, Some(n)) => st
                        .priorities
                        .values()
                        .find(|p| p.name.eq_ignore_ascii_case(n))
                        .map(|p| p.id),
                    _ => None,
                };
                match found {
                    Some(p) => t.priority = p,
                    None => errors.push(FieldError::invalid(
                        "priority",
                        "The priority was not found.",
                    )),
                }
            }
        }
    }
    if let Some(v) = get("source") {
        match ref_obj(v, "source")? {
            None => t.source = None,
            Some(m) => {
                let found = match (ref_id(m), ref_text(m, "name")) {
                    (Some(id), _) => st.sources.get(&id).map(|s| s.id),
                    (None, Some(n)) => st
                        .sources
                        .values()
                        .find(|s| s.name.eq_ignore_ascii_case(n))
                        .map(|s| s.id),
                    _ => None,
                };
                match found {
                    Some(s) => t.source = Some(s),
                    None => errors.push(FieldError::invalid("source", "The source was not found.")),
                }
            }
        }
    }
    if let Some(v) = get("owner") {
        match ref_obj(v, "owner")? {
            None => t.owner = None,
            Some(m) => {
                let found = match (ref_id(m), ref_text(m, "identifier")) {
                    (Some(id), _) => st.member(id).map(|x| x.id),
                    (None, Some(ident)) => std::iter::once(&st.api_member)
                        .chain(st.members.values())
                        .find(|x| x.identifier.eq_ignore_ascii_case(ident))
                        .map(|x| x.id),
                    _ => None,
                };
                match found {
                    Some(o) => t.owner = Some(o),
                    None => errors.push(FieldError::invalid("owner", "The member was not found.")),
                }
            }
        }
    }
    if let Some(v) = get("contact") {
        match ref_obj(v, "contact")? {
            None => t.contact = None,
            Some(m) => {
                let found = match (ref_id(m), ref_text(m, "name")) {
                    (Some(id), _) => st.contacts.get(&id),
                    (None, Some(n)) => st
                        .contacts
                        .values()
                        .find(|c| c.company == t.company && c.full_name().eq_ignore_ascii_case(n)),
                    _ => None,
                };
                match found {
                    Some(c) if c.company == t.company => t.contact = Some(c.id),
                    Some(c) => errors.push(FieldError::invalid(
                        "contact",
                        format!("Contact {} does not belong to company {}.", c.id, t.company),
                    )),
                    None => {
                        errors.push(FieldError::invalid("contact", "The contact was not found."))
                    }
                }
            }
        }
    } else if mode == Mode::Full
        && let Some(email) = input::string(body, "contactEmailLookup")?
    {
        // The spec's `contactEmailLookup`: the contact of the company with that email.
        t.contact = st
            .contacts
            .values()
            .find(|c| {
                c.company == t.company
                    && c.items
                        .iter()
                        .any(|i| i.kind == "Email" && i.value.eq_ignore_ascii_case(email.trim()))
            })
            .map(|c| c.id);
    }
    for (name, slot) in [
        ("contactName", &mut t.contact_name),
        ("contactEmailAddress", &mut t.contact_email),
        ("contactPhoneNumber", &mut t.contact_phone),
    ] {
        if let Some(v) = get(name) {
            match v {
                Value::Null => *slot = None,
                Value::String(s) => *slot = Some(s.clone()),
                other => return Err(conversion_error(other, "System.String", name)),
            }
        }
    }
    for (name, slot) in [("severity", &mut t.severity), ("impact", &mut t.impact)] {
        if let Some(v) = get(name) {
            match v {
                Value::Null => {}
                Value::String(s) => match ["Low", "Medium", "High"]
                    .iter()
                    .find(|x| x.eq_ignore_ascii_case(s.trim()))
                {
                    Some(x) => *slot = (*x).to_string(),
                    None => errors.push(FieldError::invalid(
                        name,
                        format!("'{s}' is not a valid {name}; use Low, Medium or High."),
                    )),
                },
                other => return Err(conversion_error(other, "System.String", name)),
            }
        }
    }
    if let Some(v) = get("externalXRef") {
        match v {
            Value::Null => t.external_xref = None,
            Value::String(s) if s.chars().count() > 100 => errors.push(FieldError::invalid(
                "externalXRef",
                "The field externalXRef must be a string with a maximum length of 100.",
            )),
            Value::String(s) => t.external_xref = Some(s.clone()),
            other => return Err(conversion_error(other, "System.String", "externalXRef")),
        }
    }
    if let Some(v) = get("customFields") {
        t.custom = custom_fields(st, v, &mut errors)?;
    }
    if mode == Mode::Full {
        for (name, detail, internal, resolution) in [
            ("initialDescription", true, false, false),
            ("initialInternalAnalysis", false, true, false),
            ("initialResolution", false, false, true),
        ] {
            if let Some(text) = input::string(body, name)?.filter(|s| !s.trim().is_empty()) {
                out.notes.push((text, detail, internal, resolution));
            }
        }
    }
    out.skip_callback = input::flag(body, "skipCallback", false)?;
    let _ = input::flag(body, "processNotifications", true)?;
    // Everything else a client may write is stored as sent and echoed back.
    for (k, v) in &canon {
        if READ_ONLY.contains(k) || HANDLED.contains(k) {
            continue;
        }
        let extras = t.extras.get_or_insert_with(Default::default);
        if v.is_null() {
            extras.remove(*k);
        } else {
            extras.insert((*k).to_string(), (*v).clone());
        }
    }
    if t.extras.as_ref().is_some_and(|e| e.is_empty()) {
        t.extras = None;
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("ticket", &errors));
    }
    Ok(out)
}

fn custom_fields(
    st: &Store,
    v: &Value,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<(i64, Value)>, Response> {
    let arr = match v {
        Value::Null => return Ok(Vec::new()),
        Value::Array(a) => a,
        other => {
            return Err(conversion_error(
                other,
                "List`1[CustomFieldValue]",
                "customFields",
            ));
        }
    };
    let mut out = Vec::new();
    for (i, item) in arr.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            return Err(conversion_error(
                item,
                "CustomFieldValue",
                &format!("customFields[{i}]"),
            ));
        };
        let Some(id) = ref_id(obj) else {
            errors.push(FieldError::missing("customFields.id"));
            continue;
        };
        if !st.custom_fields.iter().any(|d| d.id == id) {
            errors.push(FieldError::invalid(
                "customFields",
                format!("Custom field {id} does not exist."),
            ));
            continue;
        }
        match member(obj, "value") {
            None | Some(Value::Null) => {}
            Some(val) => out.push((id, val.clone())),
        }
    }
    Ok(out)
}

fn resolve_company(st: &Store, m: &Map<String, Value>) -> Result<i64, FieldError> {
    let found = match (ref_id(m), ref_text(m, "identifier"), ref_text(m, "name")) {
        (Some(id), _, _) => st.companies.get(&id).map(|c| c.id),
        (None, Some(ident), _) => st
            .companies
            .values()
            .find(|c| c.identifier.eq_ignore_ascii_case(ident))
            .map(|c| c.id),
        (None, None, Some(n)) => st
            .companies
            .values()
            .find(|c| c.name.eq_ignore_ascii_case(n))
            .map(|c| c.id),
        _ => return Err(FieldError::missing("company")),
    };
    found.ok_or_else(|| FieldError::invalid("company", "The company was not found."))
}
