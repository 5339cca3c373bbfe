//! The one preamble every read route of a collection shares, in the order the real service
//! answers: the role's right (403 first), then a read lock on the store, then the list
//! parameters (`conditions`, `orderBy`, `fields`, paging) checked against the entity's fields,
//! then the page, the `{"count"}` or the one record.
//!
//! A route states its right and its records and nothing else:
//!
//! ```text
//! pub(crate) fn members(sh: &Inner, req: &Req, want: Want) -> Handled {
//!     list_route(sh, req, want, Gate::Role(MEMBER_MAINTENANCE), "Member", |cx, a| {
//!         a.items(cx, cx.st.members.values().map(MemberView))
//!     })
//! }
//! ```

use http::StatusCode;

use super::input::{Handled, list_req};
use crate::connectwise::entities::{Cx, Entity};
use crate::connectwise::listing;
use crate::connectwise::permissions::{Function, Level, Op};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::wire;

/// What a collection route asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Want {
    List,
    Count,
    One(i64),
}

/// Who may read a collection.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Gate {
    /// A row of the API member's security role, at Inquire (None → the vendor's 403).
    Role(Function),
    /// A switch of the simulated tenant (`false` → 403), for routes outside the role table.
    Switch(bool),
    /// Any authenticated caller.
    Open,
}

impl Gate {
    /// The level granted (`All` outside the role table), or the vendor's 403.
    fn check(self, sh: &Inner) -> Result<Level, axum::response::Response> {
        match self {
            Gate::Role(f) => sh.require(f, Op::Inquire),
            Gate::Switch(true) | Gate::Open => Ok(Level::All),
            Gate::Switch(false) => Err(wire::forbidden()),
        }
    }
}

/// The answer a route owes: handed to the route's closure, which gives it the records.
pub(crate) struct Answer<'r> {
    req: &'r Req,
    want: Want,
    kind: &'static str,
    level: Level,
}

impl Answer<'_> {
    /// The Inquire level the gate granted: `My` asks the route to keep only the API member's
    /// own records.
    pub(crate) fn level(&self) -> Level {
        self.level
    }

    /// Answers with these records: the one asked for (404 naming `kind` when absent), the
    /// filtered page with its `Link` header, or the filtered count.
    pub(crate) fn items<'a, E: Entity + 'a>(
        self,
        cx: &Cx<'a>,
        items: impl Iterator<Item = E>,
    ) -> Handled {
        let lr = list_req(self.req, None);
        match self.want {
            Want::One(id) => {
                let mut items = items;
                let e = items
                    .find(|e| e.id() == id)
                    .ok_or_else(|| wire::not_found(self.kind, id))?;
                Ok(wire::json(StatusCode::OK, &e.render(cx)))
            }
            Want::List => {
                let q = listing::parse_query::<E>(&lr)?;
                Ok(listing::list(cx, &lr, &q, items))
            }
            Want::Count => {
                let q = listing::parse_query::<E>(&lr)?;
                Ok(listing::count(cx, &q, items))
            }
        }
    }
}

/// A read route of a collection: checks `gate`, takes the read lock, builds the render context
/// and lets `answer` pick the records (it may refuse first, e.g. a parent that does not exist).
/// `kind` is the type name of the 404 for a missing id.
pub(crate) fn list_route(
    sh: &Inner,
    req: &Req,
    want: Want,
    gate: Gate,
    kind: &'static str,
    answer: impl FnOnce(&Cx<'_>, Answer<'_>) -> Handled,
) -> Handled {
    let level = gate.check(sh)?;
    let st = sh.read();
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    answer(
        &cx,
        Answer {
            req,
            want,
            kind,
            level,
        },
    )
}
