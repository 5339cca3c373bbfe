//! Read-mostly collections: companies, contacts, members, boards and their statuses, priorities,
//! sources (which a client may also add to, to register itself as a ticket source).

use http::StatusCode;

use super::input::{self, Handled, check_members};
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::{
    BoardView, ClassTable, CompanyView, ContactView, Cx, Entity, MemberView, PriorityView,
    SourceView, StatusView, class_rows,
};
use crate::connectwise::permissions::{
    COMPANY_MAINTENANCE, CONTACTS, MEMBER_MAINTENANCE, Op, TABLE_SETUP,
};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::SourceRec;
use crate::connectwise::wire::{self, FieldError};

pub(crate) fn companies(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(COMPANY_MAINTENANCE),
        "Company",
        |cx, a| a.items(cx, cx.st.companies.values().map(CompanyView)),
    )
}

pub(crate) fn contacts(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(sh, req, want, Gate::Role(CONTACTS), "Contact", |cx, a| {
        a.items(cx, cx.st.contacts.values().map(ContactView))
    })
}

pub(crate) fn members(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(MEMBER_MAINTENANCE),
        "Member",
        |cx, a| a.items(cx, cx.st.members.values().map(MemberView)),
    )
}

pub(crate) fn boards(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(sh, req, want, Gate::Role(TABLE_SETUP), "Board", |cx, a| {
        a.items(cx, cx.st.boards.values().map(BoardView))
    })
}

pub(crate) fn statuses(sh: &Inner, req: &Req, board: i64, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(TABLE_SETUP),
        "BoardStatus",
        |cx, a| {
            if !cx.st.boards.contains_key(&board) {
                return Err(wire::not_found("Board", board));
            }
            let rows = cx.st.statuses.values().filter(|s| s.board == board);
            a.items(cx, rows.map(StatusView))
        },
    )
}

/// `/service/boards/{id}/types|subtypes|items` (Table Setup inquire).
pub(crate) fn board_class(
    sh: &Inner,
    req: &Req,
    board: i64,
    table: ClassTable,
    want: Want,
) -> Handled {
    let kind = match table {
        ClassTable::Type => "BoardType",
        ClassTable::SubType => "BoardSubType",
        ClassTable::Item => "BoardItem",
    };
    list_route(sh, req, want, Gate::Role(TABLE_SETUP), kind, |cx, a| {
        let Some(b) = cx.st.boards.get(&board) else {
            return Err(wire::not_found("Board", board));
        };
        a.items(cx, class_rows(table, board, &b.name).into_iter())
    })
}

pub(crate) fn priorities(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(
        sh,
        req,
        want,
        Gate::Role(TABLE_SETUP),
        "Priority",
        |cx, a| a.items(cx, cx.st.priorities.values().map(PriorityView)),
    )
}

pub(crate) fn sources(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(sh, req, want, Gate::Role(TABLE_SETUP), "Source", |cx, a| {
        a.items(cx, cx.st.sources.values().map(SourceView))
    })
}

/// `POST /service/sources` (Table Setup add): `name` required, ≤ 50 characters.
pub(crate) fn create_source(sh: &Inner, req: &Req) -> Handled {
    sh.require(TABLE_SETUP, Op::Add)?;
    let body = input::object(&req.body, "Source")?;
    check_members(
        &req.body,
        &body,
        &[
            "id",
            "name",
            "defaultFlag",
            "enteredBy",
            "dateEntered",
            "_info",
        ],
        "Source",
        "",
    )?;
    let name = input::string(&body, "name")?.unwrap_or_default();
    let default = input::flag(&body, "defaultFlag", false)?;
    let mut st = sh.write();
    let mut errors = Vec::new();
    if name.trim().is_empty() {
        errors.push(FieldError::missing("name"));
    } else if name.chars().count() > 50 {
        errors.push(FieldError::invalid(
            "name",
            "The field name must be a string with a maximum length of 50.",
        ));
    } else if st
        .sources
        .values()
        .any(|s| s.name.eq_ignore_ascii_case(name.trim()))
    {
        // Setup tables keep names unique; the exact wording is unverified.
        errors.push(FieldError {
            code: "ObjectExists",
            message: "A source with this name already exists.".to_string(),
            field: "name".to_string(),
        });
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("source", &errors));
    }
    if default {
        st.sources.values_mut().for_each(|s| s.default = false);
    }
    let id = st.next_source;
    st.next_source += 1;
    let rec = SourceRec {
        id,
        name: name.trim().to_string(),
        default,
        entered_by: st.api_identifier(),
        entered: wire::now(),
    };
    st.sources.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::CREATED,
        &SourceView(&rec).render(&cx),
    ))
}
