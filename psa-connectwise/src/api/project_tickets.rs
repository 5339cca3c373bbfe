//! `/project/tickets`: get, list, stream, count, create, update; and their notes
//! (`/project/tickets/{id}/notes`).

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};
use serde_json::Value;

use super::{get_typed, list_typed, stream_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{NewProjectTicket, NewServiceNote, ProjectTicket, ServiceNote};
use crate::{Condition, ConnectWiseClient, Patch, Query};

const PATH: &str = "project/tickets";

/// Project tickets; see [`ConnectWiseClient::project_tickets`]. Needs the role's Project >
/// Project Tickets rights (Inquire to read, Add to create, Edit to change).
///
/// A create is sent once: after an ambiguous failure the ticket may or may not exist (the
/// error's [`may_have_landed`](psa_core::Error::may_have_landed) says so).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(2)
/// #     .set_level("Project", "Project Tickets", "add", "All").start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{field, Query, models::NewProjectTicket};
/// let first = client.project_tickets().list(&Query::new().page_size(1), None).await?.items.remove(0);
/// let project = first.project.and_then(|p| p.id).unwrap_or_default();
/// let created = client.project_tickets().create(&NewProjectTicket::new("Cut over DNS", project).budget_hours(2.0)).await?;
/// let same_project = Query::new().conditions(field("project/id").eq(project));
/// assert!(client.project_tickets().count(same_project.conditions).await? >= 2);
/// assert_eq!(client.project_tickets().get(created.id).await?.budget_hours, Some(2.0));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ProjectTicketsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> ProjectTicketsApi<'a> {
    /// One project ticket.
    pub async fn get(&self, id: i64) -> Result<ProjectTicket> {
        Ok(
            get_typed(self.client, &format!("{PATH}/{id}"), "project ticket")
                .await?
                .0,
        )
    }

    /// One page of project tickets.
    pub async fn list(
        &self,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<ProjectTicket>> {
        list_typed(self.client, PATH, "project ticket", query, page).await
    }

    /// Every project ticket matching the query, page by page.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<ProjectTicket>> {
        stream_typed(self.client, PATH.to_string(), "project ticket", query)
    }

    /// `GET /project/tickets/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// Creates a project ticket (sent once; checked with [`NewProjectTicket::validate`] first).
    pub async fn create(&self, ticket: &NewProjectTicket) -> Result<ProjectTicket> {
        ticket.validate()?;
        let body = serde_json::to_value(ticket)?;
        let resp = self.client.execute(&Call::post(PATH).json(body)).await?;
        let v: Value = decode(&resp)?;
        typed_one("project ticket", &v)
    }

    /// Changes a project ticket with a JSON-patch document (`PATCH /project/tickets/{id}`).
    pub async fn update(&self, id: i64, patch: &Patch) -> Result<ProjectTicket> {
        let body = serde_json::to_value(patch)?;
        let resp = self
            .client
            .execute(&Call::at(http::Method::PATCH, format!("{PATH}/{id}")).json(body))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("project ticket", &v)
    }
}

/// The notes of one project ticket; see [`ConnectWiseClient::project_ticket_notes`]. The same
/// note shapes as service tickets ([`ServiceNote`], [`NewServiceNote`]); reading needs Project
/// Tickets Inquire, adding needs Project Tickets Edit.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(1)
/// #     .set_level("Project", "Project Tickets", "edit", "All").start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{Query, models::NewServiceNote};
/// let ticket = client.project_tickets().list(&Query::new(), None).await?.items[0].id;
/// let note = client.project_ticket_notes(ticket).create(&NewServiceNote::internal("Phase 1 done")).await?;
/// assert_eq!(note.ticket_id, Some(ticket));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ProjectTicketNotesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
    pub(crate) ticket_id: i64,
}

impl<'a> ProjectTicketNotesApi<'a> {
    fn path(&self) -> String {
        format!("{PATH}/{}/notes", self.ticket_id)
    }

    /// One page of notes.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<ServiceNote>> {
        list_typed(
            self.client,
            &self.path(),
            "project ticket note",
            query,
            page,
        )
        .await
    }

    /// Every note, page by page.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<ServiceNote>> {
        stream_typed(self.client, self.path(), "project ticket note", query)
    }

    /// One note.
    pub async fn get(&self, note_id: i64) -> Result<ServiceNote> {
        let path = format!("{}/{note_id}", self.path());
        Ok(get_typed(self.client, &path, "project ticket note")
            .await?
            .0)
    }

    /// Adds a note (sent once). A note that shows nowhere is refused before sending.
    pub async fn create(&self, note: &NewServiceNote) -> Result<ServiceNote> {
        note.validate()?;
        let body = serde_json::to_value(note)?;
        let resp = self
            .client
            .execute(&Call::post(self.path()).json(body))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("project ticket note", &v)
    }
}
