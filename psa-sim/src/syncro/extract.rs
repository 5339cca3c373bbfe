//! Axum extractors for the preamble every Syncro route shares, in the order the live API
//! checks: the token (and, with [`Allowed`], one permission) before the body is read; then the
//! body the loose way Rails reads it ([`Form`]); the path id ([`PathId`]).
//!
//! A handler states its preamble in its signature, e.g.
//! `async fn update(State(sim): State<Shared>, PathId(id): PathId, _: Allowed<TicketsEdit>,
//! Form(body): Form) -> Response`, and finds its record under the lock it takes itself.

use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::request::Parts;
use serde_json::{Map, Value};

use super::params::{self, Query};
use super::permissions as p;
use super::state::Shared;

/// The query string, after the token was checked (bad token → Syncro's 401).
pub(crate) struct Authed(pub(crate) Query);

impl FromRequestParts<Shared> for Authed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Shared) -> Result<Self, Response> {
        let q = Query::parse(parts.uri.query());
        sim.authenticate(&parts.headers, &q).map_err(|r| *r)?;
        Ok(Authed(q))
    }
}

/// A token permission a route requires, as a type (see [`Allowed`]).
pub(crate) trait Right {
    /// The name on the token screen (`Tickets - Edit`).
    const NAME: &'static str;
}

macro_rules! rights {
    ($($ty:ident => $name:path),* $(,)?) => {
        $(
            #[doc = concat!("The right `", stringify!($name), "`.")]
            pub(crate) struct $ty;
            impl Right for $ty {
                const NAME: &'static str = $name;
            }
        )*
    };
}

rights! {
    TicketsList => p::TICKETS_LIST,
    TicketsCreate => p::TICKETS_CREATE,
    TicketsEdit => p::TICKETS_EDIT,
    TicketsDelete => p::TICKETS_DELETE,
    CustomersList => p::CUSTOMERS_LIST,
    CustomersView => p::CUSTOMERS_VIEW,
    CustomersCreate => p::CUSTOMERS_CREATE,
    CustomersEdit => p::CUSTOMERS_EDIT,
    LeadsList => p::LEADS_LIST,
    ContractsList => p::CONTRACTS_LIST,
    ContractsEdit => p::CONTRACTS_EDIT,
    TimersOverview => p::TIMERS_OVERVIEW,
    InvoicesList => p::INVOICES_LIST,
    InvoicesView => p::INVOICES_VIEW,
}

/// The query string, after the token and then the permission `R` were checked (missing
/// permission → Syncro's 401 permission body).
pub(crate) struct Allowed<R>(pub(crate) Query, pub(crate) PhantomData<R>);

impl<R: Right> FromRequestParts<Shared> for Allowed<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Shared) -> Result<Self, Response> {
        let q = Query::parse(parts.uri.query());
        sim.require(&parts.headers, &q, R::NAME).map_err(|r| *r)?;
        Ok(Allowed(q, PhantomData))
    }
}

/// The query string and whether the token may see only tickets assigned to its user ("View
/// 'Their Ticket' Details" without "Tickets - View Details").
pub(crate) struct TicketViewer {
    pub(crate) q: Query,
    pub(crate) only_theirs: bool,
}

impl FromRequestParts<Shared> for TicketViewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Shared) -> Result<Self, Response> {
        let q = Query::parse(parts.uri.query());
        let only_theirs = sim
            .require_ticket_view(&parts.headers, &q)
            .map_err(|r| *r)?;
        Ok(TicketViewer { q, only_theirs })
    }
}

/// The `{id}` of the path as a number; `None` when it is not one (the handler answers 404,
/// as Rails does for an id no record has).
pub(crate) struct PathId(pub(crate) Option<i64>);

impl FromRequestParts<Shared> for PathId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, sim: &Shared) -> Result<Self, Response> {
        let Path(raw) = Path::<String>::from_request_parts(parts, sim)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(PathId(path_id(&raw)))
    }
}

/// An id path segment; anything that is not an integer finds nothing (Rails' `find` → 404).
fn path_id(raw: &str) -> Option<i64> {
    raw.trim().parse().ok()
}

/// The request body as Rails reads it: JSON or form-encoded, flat (see `params::body`).
/// Must come last among a handler's arguments.
pub(crate) struct Form(pub(crate) Map<String, Value>);

impl FromRequest<Shared> for Form {
    type Rejection = Response;

    async fn from_request(req: Request, sim: &Shared) -> Result<Self, Response> {
        let headers = req.headers().clone();
        let bytes = Bytes::from_request(req, sim)
            .await
            .map_err(IntoResponse::into_response)?;
        params::body(&headers, &bytes).map(Form).map_err(|r| *r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_paths_must_be_integers() {
        assert_eq!(path_id("4294967300"), Some(4_294_967_300));
        assert_eq!(path_id(" 7 "), Some(7));
        assert_eq!(path_id("abc"), None);
        assert_eq!(path_id("1.5"), None);
    }
}
