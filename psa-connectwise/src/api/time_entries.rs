//! `/time/entries`: get, list, stream, count, create, update.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};
use serde_json::Value;

use super::{get_typed, list_typed, stream_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{NewTimeEntry, TimeEntry};
use crate::{Condition, ConnectWiseClient, Patch, Query};

const PATH: &str = "time/entries";

/// Time entries; see [`ConnectWiseClient::time_entries`]. Needs the role's Time & Expense >
/// Time Entry rights (Inquire to read, Add to create, Edit to update).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).set_level("Time & Expense", "Time Entry", "add", "All")
/// #     .set_level("Time & Expense", "Time Entry", "edit", "All").start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::models::{BillableOption, NewTimeEntry};
/// use psa_connectwise::{Patch, Query, field};
/// let ticket = client.tickets().list(&Query::new().page_size(1), None).await?.items.remove(0);
/// let start = time::macros::datetime!(2025-05-01 09:00 UTC);
/// let new = NewTimeEntry::on_service_ticket(ticket.id, start)
///     .ends_at(start + time::Duration::minutes(90))
///     .billable(BillableOption::Billable)
///     .notes("Replaced the switch");
/// let created = client.time_entries().create(&new).await?;
/// assert_eq!(created.actual_hours, Some(1.5));
/// let on_ticket = Query::new().conditions(
///     field("chargeToType").eq("ServiceTicket").and(field("chargeToId").eq(ticket.id)));
/// assert!(client.time_entries().list(&on_ticket, None).await?.items.iter().any(|t| t.id == created.id));
/// let patched = client.time_entries().update(created.id, &Patch::new().replace("notes", "Swapped")).await?;
/// assert_eq!(patched.notes.as_deref(), Some("Swapped"));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TimeEntriesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> TimeEntriesApi<'a> {
    /// One time entry.
    pub async fn get(&self, id: i64) -> Result<TimeEntry> {
        Ok(
            get_typed(self.client, &format!("{PATH}/{id}"), "time entry")
                .await?
                .0,
        )
    }

    /// One page of time entries.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<TimeEntry>> {
        list_typed(self.client, PATH, "time entry", query, page).await
    }

    /// Every time entry matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<TimeEntry>> {
        stream_typed(self.client, PATH.to_string(), "time entry", query)
    }

    /// `GET /time/entries/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// Logs time (sent once; checked with [`NewTimeEntry::validate`] first).
    pub async fn create(&self, entry: &NewTimeEntry) -> Result<TimeEntry> {
        entry.validate()?;
        let body = serde_json::to_value(entry)?;
        let resp = self.client.execute(&Call::post(PATH).json(body)).await?;
        let v: Value = decode(&resp)?;
        typed_one("time entry", &v)
    }

    /// Changes a time entry with a JSON-patch document (`PATCH /time/entries/{id}`).
    pub async fn update(&self, id: i64, patch: &Patch) -> Result<TimeEntry> {
        let body = serde_json::to_value(patch)?;
        let resp = self
            .client
            .execute(&Call::at(http::Method::PATCH, format!("{PATH}/{id}")).json(body))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("time entry", &v)
    }
}
