//! `/schedule/entries`: get, list, stream, count, create, update, delete.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};
use serde_json::Value;

use super::{get_typed, list_typed, stream_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{NewScheduleEntry, ScheduleEntry};
use crate::{Condition, ConnectWiseClient, Patch, Query};

const PATH: &str = "schedule/entries";

/// Schedule entries; see [`ConnectWiseClient::schedule_entries`]. Needs the role's Service Desk
/// > Resource Scheduling rights (Inquire to read, Add, Edit, Delete to book and change).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(1).tickets(2).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{field, Query, models::NewScheduleEntry};
/// use time::macros::datetime;
/// let ticket = client.tickets().list(&Query::new().page_size(1), None).await?.items[0].id;
/// let me = sim.api_member_id();
/// let booked = client.schedule_entries().create(&NewScheduleEntry::service_ticket(ticket, me)
///     .span(datetime!(2026-01-05 14:00 UTC), datetime!(2026-01-05 15:30 UTC))).await?;
/// assert_eq!(booked.hours, Some(1.5));
/// let mine = Query::new().conditions(field("objectId").eq(ticket).and(field("type/identifier").eq("S")));
/// assert!(client.schedule_entries().list(&mine, None).await?.items.iter().any(|e| e.id == booked.id));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ScheduleEntriesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> ScheduleEntriesApi<'a> {
    /// One schedule entry.
    pub async fn get(&self, id: i64) -> Result<ScheduleEntry> {
        Ok(
            get_typed(self.client, &format!("{PATH}/{id}"), "schedule entry")
                .await?
                .0,
        )
    }

    /// One page of schedule entries.
    pub async fn list(
        &self,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<ScheduleEntry>> {
        list_typed(self.client, PATH, "schedule entry", query, page).await
    }

    /// Every schedule entry matching the query, page by page.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<ScheduleEntry>> {
        stream_typed(self.client, PATH.to_string(), "schedule entry", query)
    }

    /// `GET /schedule/entries/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// Books an entry (sent once; checked with [`NewScheduleEntry::validate`] first).
    pub async fn create(&self, entry: &NewScheduleEntry) -> Result<ScheduleEntry> {
        entry.validate()?;
        let body = serde_json::to_value(entry)?;
        let resp = self.client.execute(&Call::post(PATH).json(body)).await?;
        let v: Value = decode(&resp)?;
        typed_one("schedule entry", &v)
    }

    /// Changes an entry with a JSON-patch document (`PATCH /schedule/entries/{id}`), e.g.
    /// `doneFlag`.
    pub async fn update(&self, id: i64, patch: &Patch) -> Result<ScheduleEntry> {
        let body = serde_json::to_value(patch)?;
        let resp = self
            .client
            .execute(&Call::at(http::Method::PATCH, format!("{PATH}/{id}")).json(body))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("schedule entry", &v)
    }

    /// Removes an entry (`DELETE /schedule/entries/{id}`).
    pub async fn delete(&self, id: i64) -> Result<()> {
        self.client
            .execute(&Call::at(http::Method::DELETE, format!("{PATH}/{id}")))
            .await?;
        Ok(())
    }
}
