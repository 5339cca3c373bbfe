//! The vendor-native API, one handler per area: `client.tickets()`, `client.ticket_notes(id)`,
//! `client.companies()`, `client.contacts()`, `client.members()`, `client.boards()`,
//! `client.priorities()`, `client.sources()`, `client.opportunities()`, `client.agreements()`,
//! `client.time_entries()`, `client.project_tickets()`, `client.project_ticket_notes(id)`,
//! `client.schedule_entries()`, `client.documents()`, `client.callbacks()`, `client.system()`.

pub mod agreements;
pub mod boards;
pub mod callbacks;
pub mod companies;
pub mod contacts;
pub mod documents;
pub mod members;
pub mod notes;
pub mod opportunities;
pub mod project_tickets;
pub mod schedule;
pub mod sources;
pub mod system;
pub mod tickets;
pub mod time_entries;

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::client::{Call, typed_one, typed_row};
use crate::paging::Cursor;
use crate::{ConnectWiseClient, Query};

impl ConnectWiseClient {
    /// Service tickets (`/service/tickets`).
    pub fn tickets(&self) -> tickets::TicketsApi<'_> {
        tickets::TicketsApi { client: self }
    }
    /// The notes of one ticket (`/service/tickets/{id}/notes`).
    pub fn ticket_notes(&self, ticket_id: i64) -> notes::TicketNotesApi<'_> {
        notes::TicketNotesApi {
            client: self,
            ticket_id,
        }
    }
    /// Companies (`/company/companies`).
    pub fn companies(&self) -> companies::CompaniesApi<'_> {
        companies::CompaniesApi { client: self }
    }
    /// Contacts (`/company/contacts`).
    pub fn contacts(&self) -> contacts::ContactsApi<'_> {
        contacts::ContactsApi { client: self }
    }
    /// Members (`/system/members`).
    pub fn members(&self) -> members::MembersApi<'_> {
        members::MembersApi { client: self }
    }
    /// Sales opportunities and their stages, statuses and types (`/sales/opportunities`).
    pub fn opportunities(&self) -> opportunities::OpportunitiesApi<'_> {
        opportunities::OpportunitiesApi { client: self }
    }
    /// Agreements and their additions (`/finance/agreements`).
    pub fn agreements(&self) -> agreements::AgreementsApi<'_> {
        agreements::AgreementsApi { client: self }
    }
    /// Time entries (`/time/entries`).
    pub fn time_entries(&self) -> time_entries::TimeEntriesApi<'_> {
        time_entries::TimeEntriesApi { client: self }
    }
    /// Project tickets (`/project/tickets`).
    pub fn project_tickets(&self) -> project_tickets::ProjectTicketsApi<'_> {
        project_tickets::ProjectTicketsApi { client: self }
    }
    /// The notes of one project ticket (`/project/tickets/{id}/notes`).
    pub fn project_ticket_notes(
        &self,
        ticket_id: i64,
    ) -> project_tickets::ProjectTicketNotesApi<'_> {
        project_tickets::ProjectTicketNotesApi {
            client: self,
            ticket_id,
        }
    }
    /// Schedule entries (`/schedule/entries`).
    pub fn schedule_entries(&self) -> schedule::ScheduleEntriesApi<'_> {
        schedule::ScheduleEntriesApi { client: self }
    }
    /// Service boards and their statuses (`/service/boards`).
    pub fn boards(&self) -> boards::BoardsApi<'_> {
        boards::BoardsApi { client: self }
    }
    /// Ticket priorities (`/service/priorities`).
    pub fn priorities(&self) -> boards::PrioritiesApi<'_> {
        boards::PrioritiesApi { client: self }
    }
    /// Ticket sources (`/service/sources`).
    pub fn sources(&self) -> sources::SourcesApi<'_> {
        sources::SourcesApi { client: self }
    }
    /// Documents (`/system/documents`).
    pub fn documents(&self) -> documents::DocumentsApi<'_> {
        documents::DocumentsApi { client: self }
    }
    /// Callback registrations (`/system/callbacks`).
    pub fn callbacks(&self) -> callbacks::CallbacksApi<'_> {
        callbacks::CallbacksApi { client: self }
    }
    /// `/system/info`, `/system/mySecurity` and `companyinfo`.
    pub fn system(&self) -> system::SystemApi<'_> {
        system::SystemApi { client: self }
    }

    /// One page of raw records from any list endpoint (`path` relative to the API base, e.g.
    /// `service/tickets`), with the token of the next page. The whole query is sent on every
    /// page.
    pub async fn list_raw(
        &self,
        path: &str,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<Value>> {
        let cursor = checked_cursor(page.as_ref(), query)?;
        let (items, next) = self.list_values(path, query, cursor).await?;
        Ok(Page::new(items, next.map(Cursor::token)))
    }

    /// [`list_raw`](Self::list_raw) with each record kept as its JSON text, as received.
    pub(crate) async fn list_rows_page(
        &self,
        path: &str,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<Box<RawValue>>> {
        let cursor = checked_cursor(page.as_ref(), query)?;
        let (items, next) = self.list_rows(path, query, cursor).await?;
        Ok(Page::new(items, next.map(Cursor::token)))
    }
}

/// The cursor of a page token, which must be of the query's paging mode.
fn checked_cursor(page: Option<&PageToken>, query: &Query) -> Result<Option<Cursor>> {
    let cursor = page.map(Cursor::from_token).transpose()?;
    match (cursor, query.forward_only) {
        (Some(Cursor::Page(_)), true) | (Some(Cursor::PageId(_)), false) => {
            Err(psa_core::Error::new(
                psa_core::ErrorKind::Validation,
                "the page token is from the other paging mode (page= for navigable, pageId= for forward-only)",
            ))
        }
        (c, _) => Ok(c),
    }
}

pub(crate) async fn list_typed<T: DeserializeOwned>(
    client: &ConnectWiseClient,
    path: &str,
    what: &str,
    query: &Query,
    page: Option<PageToken>,
) -> Result<Page<T>> {
    let raw = client.list_rows_page(path, query, page).await?;
    let items = raw
        .items
        .iter()
        .map(|row| typed_row(what, row))
        .collect::<Result<Vec<T>>>()?;
    Ok(Page::new(items, raw.next))
}

pub(crate) fn stream_typed<'a, T>(
    client: &'a ConnectWiseClient,
    path: String,
    what: &'static str,
    query: Query,
) -> BoxStream<'a, Result<T>>
where
    T: DeserializeOwned + Send + 'a,
{
    psa_core::paged(None, move |token| {
        let path = path.clone();
        let query = query.clone();
        async move { list_typed(client, &path, what, &query, token).await }
    })
}

/// Every record of a (small) list, all pages.
pub(crate) async fn all_typed<T: DeserializeOwned>(
    client: &ConnectWiseClient,
    path: &str,
    what: &str,
    query: &Query,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    let mut token = None;
    let mut seen = std::collections::HashSet::new();
    loop {
        let page: Page<T> = list_typed(client, path, what, query, token.clone()).await?;
        out.extend(page.items);
        match page.next {
            Some(n) if seen.insert(n.as_str().to_string()) => token = Some(n),
            _ => return Ok(out),
        }
    }
}

pub(crate) async fn get_typed<T: DeserializeOwned>(
    client: &ConnectWiseClient,
    path: &str,
    what: &str,
) -> Result<(T, Value)> {
    let v: Value = client.call_json(&Call::get(path)).await?;
    let t = typed_one(what, &v)?;
    Ok((t, v))
}
