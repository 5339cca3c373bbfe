use futures::stream::BoxStream;
use http::Method;
use psa_core::{Error, ErrorKind};

use super::all_pages;
use crate::SyncroClient;
use crate::models::{
    ChargeTimerInput, Contract, ContractInput, ListPage, Raw, TicketTimer, TimerEntryInput,
};
use crate::query::TimerFilter;
use crate::rights::{
    CONTRACTS_EDIT, CONTRACTS_LIST, CONTRACTS_WRITE, TIMERS_OVERVIEW, TIMERS_WRITE,
};

/// Contracts: `client.contracts()` (50 per page; created and changed under Contracts - Edit).
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// for c in syncro.contracts().list(1).await?.items {
///     println!("{} {:?} {:?}", c.id, c.name, c.end_date);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ContractsApi<'a> {
    client: &'a SyncroClient,
}

/// Ticket timers (Syncro's time entries): `client.ticket_timers()` (25 per page); logged,
/// changed, charged and deleted on their ticket (`/tickets/{id}/timer_entry`, `update_timer_entry`,
/// `charge_timer_entry`, `delete_timer_entry`), all under Ticket Timers - Overview.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// use futures::TryStreamExt;
/// let timers: Vec<_> = syncro.ticket_timers().stream(psa_syncro::TimerFilter::new()).try_collect().await?;
/// let minutes: i64 = timers.iter().filter_map(|t| t.minutes()).sum();
/// println!("{minutes} minutes logged");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TicketTimersApi<'a> {
    client: &'a SyncroClient,
}

impl SyncroClient {
    /// The contracts API.
    pub fn contracts(&self) -> ContractsApi<'_> {
        ContractsApi { client: self }
    }

    /// The ticket timers API.
    pub fn ticket_timers(&self) -> TicketTimersApi<'_> {
        TicketTimersApi { client: self }
    }
}

impl<'a> ContractsApi<'a> {
    /// One page of contracts (`GET /contracts?page=`; right: Contracts - List/Search).
    pub async fn list(&self, page: i64) -> psa_core::Result<ListPage<Contract>> {
        Ok(self.list_raw(page).await?.map(|r| r.typed))
    }

    pub(crate) async fn list_raw(&self, page: i64) -> psa_core::Result<ListPage<Raw<Contract>>> {
        self.client
            .get_page(
                &["contracts"],
                &[("page".to_string(), page.to_string())],
                "contracts",
                Some(CONTRACTS_LIST),
            )
            .await
    }

    /// Every contract, page after page.
    pub fn stream(&self) -> BoxStream<'a, psa_core::Result<Contract>> {
        let client = self.client;
        all_pages(move |page| async move { client.contracts().list(page).await })
    }

    /// One contract (`GET /contracts/{id}`, a flat object; the spec gates it on
    /// Contracts - Edit). A deleted contract answers `null`, reported as `NotFound`.
    pub async fn get(&self, id: i64) -> psa_core::Result<Contract> {
        let found: Option<Contract> = self
            .client
            .get_one(&["contracts", &id.to_string()], None, Some(CONTRACTS_EDIT))
            .await?;
        found.ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("Syncro contract {id} does not exist (GET /contracts/{id} answered null)"),
            )
            .with_entity("contracts")
        })
    }
}

impl ContractsApi<'_> {
    /// Creates a contract (`POST /contracts`; right: Contracts - Edit). Checked with
    /// [`ContractInput::validate`] first; the contract comes back flat.
    pub async fn create(&self, input: &ContractInput) -> psa_core::Result<Contract> {
        input.validate()?;
        self.client
            .write_one(
                Method::POST,
                &["contracts"],
                input,
                None,
                Some(CONTRACTS_WRITE),
            )
            .await
    }

    /// Changes the fields set in `input` (`PUT /contracts/{id}`; right: Contracts - Edit).
    pub async fn update(&self, id: i64, input: &ContractInput) -> psa_core::Result<Contract> {
        input.validate()?;
        self.client
            .write_one(
                Method::PUT,
                &["contracts", &id.to_string()],
                input,
                None,
                Some(CONTRACTS_WRITE),
            )
            .await
    }
}

impl<'a> TicketTimersApi<'a> {
    /// One page of ticket timers (`GET /ticket_timers`; right: Ticket Timers - Overview).
    pub async fn list(&self, filter: &TimerFilter) -> psa_core::Result<ListPage<TicketTimer>> {
        Ok(self.list_raw(filter).await?.map(|r| r.typed))
    }

    pub(crate) async fn list_raw(
        &self,
        filter: &TimerFilter,
    ) -> psa_core::Result<ListPage<Raw<TicketTimer>>> {
        self.client
            .get_page(
                &["ticket_timers"],
                &filter.to_pairs(),
                "ticket_timers",
                Some(TIMERS_OVERVIEW),
            )
            .await
    }

    /// Every ticket timer matching `filter`, page after page.
    pub fn stream(&self, filter: TimerFilter) -> BoxStream<'a, psa_core::Result<TicketTimer>> {
        let client = self.client;
        all_pages(move |page| {
            let f = filter.clone().page(page);
            async move { client.ticket_timers().list(&f).await }
        })
    }

    /// Logs time on a ticket (`POST /tickets/{ticket_id}/timer_entry`; right: Ticket Timers -
    /// Overview). Checked with [`TimerEntryInput::validate`] first.
    pub async fn create(
        &self,
        ticket_id: i64,
        input: &TimerEntryInput,
    ) -> psa_core::Result<TicketTimer> {
        input.validate()?;
        self.client
            .write_one(
                Method::POST,
                &["tickets", &ticket_id.to_string(), "timer_entry"],
                input,
                None,
                Some(TIMERS_WRITE),
            )
            .await
    }

    /// Changes the fields set in `input` on one timer of a ticket
    /// (`PUT /tickets/{ticket_id}/update_timer_entry` with `timer_entry_id`).
    pub async fn update(
        &self,
        ticket_id: i64,
        timer_entry_id: i64,
        input: &TimerEntryInput,
    ) -> psa_core::Result<TicketTimer> {
        input.validate()?;
        let mut body = serde_json::to_value(input)?;
        if let Some(map) = body.as_object_mut() {
            map.insert("timer_entry_id".into(), timer_entry_id.into());
        }
        self.client
            .write_one(
                Method::PUT,
                &["tickets", &ticket_id.to_string(), "update_timer_entry"],
                &body,
                None,
                Some(TIMERS_WRITE),
            )
            .await
    }

    /// Charges one timer of a ticket (`POST /tickets/{ticket_id}/charge_timer_entry` with
    /// `timer_entry_id`; right: Ticket Timers - Overview): the timer comes back with
    /// `recorded: true`. Checked with [`ChargeTimerInput::validate`] first; an unknown ticket or
    /// a timer of another ticket is `NotFound`.
    ///
    /// ```
    /// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
    /// use psa_syncro::models::ChargeTimerInput;
    /// let timer = syncro.ticket_timers().charge(29, &ChargeTimerInput::new(3)).await?;
    /// assert_eq!(timer.recorded, Some(true));
    /// # Ok(()) }
    /// ```
    pub async fn charge(
        &self,
        ticket_id: i64,
        input: &ChargeTimerInput,
    ) -> psa_core::Result<TicketTimer> {
        input.validate()?;
        if ticket_id <= 0 {
            return Err(psa_core::Error::new(
                psa_core::ErrorKind::Validation,
                format!("ticket_id must be a positive ticket id (got {ticket_id})"),
            )
            .with_entity("ticket timers"));
        }
        self.client
            .write_one(
                Method::POST,
                &["tickets", &ticket_id.to_string(), "charge_timer_entry"],
                input,
                None,
                Some(TIMERS_WRITE),
            )
            .await
    }

    /// Deletes one timer of a ticket (`POST /tickets/{ticket_id}/delete_timer_entry` with
    /// `timer_entry_id`).
    pub async fn delete(&self, ticket_id: i64, timer_entry_id: i64) -> psa_core::Result<()> {
        let body = serde_json::json!({ "timer_entry_id": timer_entry_id });
        self.client
            .send(
                Method::POST,
                &["tickets", &ticket_id.to_string(), "delete_timer_entry"],
                &[],
                Some(&body),
                Some(TIMERS_WRITE),
            )
            .await?;
        Ok(())
    }
}
