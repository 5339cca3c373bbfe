//! Setup tables: `Board`, `BoardStatus`, `Priority`, `Source` (spec models).

use serde_json::{Value, json};

use super::view::{Cx, Entity, reference};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::store::{BoardRec, PriorityRec, SourceRec, StatusRec};
use crate::connectwise::wire::fmt_time;

/// A board as the list machinery sees it.
pub(crate) struct BoardView<'a>(pub(crate) &'a BoardRec);

impl Entity for BoardView<'_> {
    const NAME: &'static str = "Board";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "location/id" | "department/id" => Ty::Int,
            "name" | "location/name" | "department/name" => Ty::Str,
            "inactiveflag" | "projectflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let b = self.0;
        match path {
            "id" => Scalar::int(b.id),
            "name" => Scalar::str(&b.name),
            "location/id" => Scalar::int(2),
            "location/name" => Scalar::str("Main"),
            "department/id" => Scalar::int(1),
            "department/name" => Scalar::str("Service"),
            "inactiveflag" => Scalar::Bool(b.inactive),
            "projectflag" => Scalar::Bool(false),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let b = self.0;
        let api = cx.api;
        json!({
            "id": b.id,
            "name": b.name,
            "location": reference(2, "Main", "location_href", format!("{api}system/locations/2")),
            "department": { "id": 1, "identifier": "Service", "name": "Service",
                            "_info": { "department_href": format!("{api}system/departments/1") } },
            "inactiveFlag": b.inactive,
            "sendToContactFlag": false,
            "sendToResourceFlag": false,
            "projectFlag": false,
            "billTicketsAfterClosedFlag": false,
            "billTicketSeparatelyFlag": false,
            "billUnapprovedTimeExpenseFlag": false,
            "overrideBillingSetupFlag": false,
            "billTime": "NoDefault",
            "billExpense": "NoDefault",
            "billProduct": "NoDefault",
            "autoAssignNewTicketsFlag": false,
            "discussionsLockedFlag": false,
            "timeEntryLockedFlag": false,
            "_info": {
                "lastUpdated": "2023-06-01T12:00:00Z",
                "updatedBy": "zAdmin",
                "statuses_href": format!("{api}service/boards/{}/statuses", b.id),
                "priorities_href": format!("{api}service/priorities"),
            },
        })
    }
}

/// A board status as the list machinery sees it.
pub(crate) struct StatusView<'a>(pub(crate) &'a StatusRec);

impl Entity for StatusView<'_> {
    const NAME: &'static str = "BoardStatus";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "board/id" | "sortorder" => Ty::Int,
            "name" | "board/name" | "escalationstatus" => Ty::Str,
            "closedstatus"
            | "defaultflag"
            | "inactive"
            | "displayonboard"
            | "customerportalflag"
            | "timeentrynotallowed" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let s = self.0;
        match path {
            "id" => Scalar::int(s.id),
            "name" => Scalar::str(&s.name),
            "board/id" => Scalar::int(s.board),
            "board/name" => Scalar::opt_str(cx.st.boards.get(&s.board).map(|b| b.name.as_str())),
            "sortorder" => Scalar::int(s.sort),
            "escalationstatus" => Scalar::str(s.escalation),
            "closedstatus" => Scalar::Bool(s.closed),
            "defaultflag" => Scalar::Bool(s.default),
            "inactive" => Scalar::Bool(s.inactive),
            "displayonboard" => Scalar::Bool(!s.closed),
            "customerportalflag" => Scalar::Bool(true),
            "timeentrynotallowed" => Scalar::Bool(s.closed),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let s = self.0;
        let api = cx.api;
        let board_name = cx
            .st
            .boards
            .get(&s.board)
            .map(|b| b.name.as_str())
            .unwrap_or("");
        json!({
            "id": s.id,
            "name": s.name,
            "board": reference(s.board, board_name, "board_href", format!("{api}service/boards/{}", s.board)),
            "sortOrder": s.sort,
            "displayOnBoard": !s.closed,
            "inactive": s.inactive,
            "closedStatus": s.closed,
            "timeEntryNotAllowed": s.closed,
            "roundRobinCatchall": false,
            "defaultFlag": s.default,
            "escalationStatus": s.escalation,
            "customerPortalDescription": s.name,
            "customerPortalFlag": true,
            "saveTimeAsNote": false,
            "_info": {
                "lastUpdated": "2023-06-01T12:00:00Z",
                "updatedBy": "zAdmin",
            },
        })
    }
}

/// A priority as the list machinery sees it.
pub(crate) struct PriorityView<'a>(pub(crate) &'a PriorityRec);

impl Entity for PriorityView<'_> {
    const NAME: &'static str = "Priority";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "sortorder" => Ty::Int,
            "name" | "color" | "level" => Ty::Str,
            "defaultflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let p = self.0;
        match path {
            "id" => Scalar::int(p.id),
            "sortorder" => Scalar::int(p.sort),
            "name" => Scalar::str(&p.name),
            "color" => Scalar::str(&p.color),
            "level" => Scalar::str(&p.level),
            "defaultflag" => Scalar::Bool(p.default),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let p = self.0;
        json!({
            "id": p.id,
            "name": p.name,
            "color": p.color,
            "sortOrder": p.sort,
            "defaultFlag": p.default,
            "imageLink": format!("{}service/priorities/{}/image?lm=2018-06-20T13:08:15Z", cx.api, p.id),
            "urgencySortOrder": format!("{}", p.sort),
            "level": p.level,
            "_info": {
                "lastUpdated": "2018-06-20T13:08:15Z",
                "updatedBy": "zAdmin",
                "image_href": format!("{}service/priorities/{}/image?lm=2018-06-20T13:08:15Z", cx.api, p.id),
            },
        })
    }
}

/// A source as the list machinery sees it.
pub(crate) struct SourceView<'a>(pub(crate) &'a SourceRec);

impl Entity for SourceView<'_> {
    const NAME: &'static str = "Source";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" => Ty::Int,
            "name" | "enteredby" => Ty::Str,
            "defaultflag" => Ty::Bool,
            "dateentered" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let s = self.0;
        match path {
            "id" => Scalar::int(s.id),
            "name" => Scalar::str(&s.name),
            "enteredby" => Scalar::str(&s.entered_by),
            "defaultflag" => Scalar::Bool(s.default),
            "dateentered" => Scalar::Date(s.entered),
            _ => Scalar::Null,
        }
    }

    fn render(&self, _cx: &Cx<'_>) -> Value {
        let s = self.0;
        json!({
            "id": s.id,
            "name": s.name,
            "defaultFlag": s.default,
            "enteredBy": s.entered_by,
            "dateEntered": fmt_time(s.entered),
            "_info": { "lastUpdated": fmt_time(s.entered), "updatedBy": s.entered_by },
        })
    }
}
