//! [`BusinessConnector`] for Syncro: staff from `/users`, contracts from `/contracts`, time
//! entries from `/ticket_timers`, ticket types from the account's problem types.
//!
//! Syncro has no opportunity entity (its sales pipeline is leads, offered natively by
//! [`client.leads()`](crate::SyncroClient::leads)) and no ticket categories: those calls answer
//! `Unsupported` and the capabilities are not declared.

use async_trait::async_trait;
use psa_core::{
    BusinessConnector, CompanyId, Contract, ContractId, ContractQuery, Error, ErrorKind,
    NewOpportunity, Opportunity, OpportunityId, OpportunityQuery, OpportunityStage,
    OpportunityUpdate, Page, PageToken, Resource, ResourceId, ResourceQuery, Result,
    TicketCategory, TicketId, TicketType, TimeEntry, TimeEntryId, TimeEntryParent, TimeEntryQuery,
    Vendor,
};
use time::OffsetDateTime;

use crate::SyncroClient;
use crate::api::parse_page_token;
use crate::models;
use crate::query::TimerFilter;

const NO_OPPORTUNITIES: &str =
    "opportunities (Syncro has none; its sales pipeline is leads: use client.leads())";

fn page_of(token: Option<PageToken>) -> Result<i64> {
    token.as_ref().map(parse_page_token).unwrap_or(Ok(1))
}

fn next_of<T>(list: &models::ListPage<T>) -> Option<PageToken> {
    list.next_page().map(|n| PageToken::new(n.to_string()))
}

impl SyncroClient {
    /// The core [`Resource`] for a Syncro user (Syncro has no inactive flag: every listed user
    /// is active).
    pub fn to_core_resource(&self, user: &models::UserRecord) -> Result<Resource> {
        let id = user.id.ok_or_else(|| {
            Error::new(ErrorKind::Decode, "a Syncro user without an id").with_vendor(Vendor::Syncro)
        })?;
        let name = user.full_name.clone().unwrap_or_else(|| format!("#{id}"));
        let mut r = Resource::new(
            Vendor::Syncro,
            ResourceId(id),
            name,
            serde_json::to_value(user)?.into(),
        );
        r.email = user.email.clone();
        r.username = user.email.clone();
        Ok(r)
    }

    /// The core [`Contract`] for a Syncro contract: active while its end date is not past.
    pub fn to_core_contract(&self, contract: &models::Contract) -> Result<Contract> {
        Ok(core_contract(
            contract,
            serde_json::to_value(contract)?.into(),
        ))
    }

    /// The core [`TimeEntry`] for a Syncro ticket timer (hours from start to end).
    pub fn to_core_time_entry(&self, timer: &models::TicketTimer) -> Result<TimeEntry> {
        Ok(core_time_entry(timer, serde_json::to_value(timer)?.into()))
    }
}

fn core_contract(c: &models::Contract, record: psa_core::VendorRecord) -> Contract {
    let name = c.name.clone().unwrap_or_else(|| format!("#{}", c.id));
    let mut out = Contract::new(Vendor::Syncro, ContractId(c.id), name, record);
    out.company = c.customer_id.map(CompanyId);
    out.status = c.status.clone();
    out.starts_at = c.start_date;
    out.ends_at = c.end_date;
    out.is_active = c.end_date.is_none_or(|end| end > OffsetDateTime::now_utc());
    out.updated_at = c.updated_at;
    out
}

fn core_time_entry(t: &models::TicketTimer, record: psa_core::VendorRecord) -> TimeEntry {
    let parent = match t.ticket_id {
        Some(id) => TimeEntryParent::Ticket(TicketId(id)),
        None => TimeEntryParent::None,
    };
    let mut out = TimeEntry::new(Vendor::Syncro, TimeEntryId(t.id), parent, record);
    out.resource = t.user_id.map(ResourceId);
    out.starts_at = t.start_time;
    out.ends_at = t.end_time;
    out.hours = match (t.start_time, t.end_time) {
        (Some(s), Some(e)) if e >= s => Some((e - s).as_seconds_f64() / 3600.0),
        _ => None,
    };
    out.billable = t.billable;
    out.notes = t.notes.clone();
    out.updated_at = t.updated_at;
    out
}

#[async_trait]
impl BusinessConnector for SyncroClient {
    async fn list_opportunities(
        &self,
        _query: &OpportunityQuery,
        _page: Option<PageToken>,
    ) -> Result<Page<Opportunity>> {
        Err(Error::unsupported(Vendor::Syncro, NO_OPPORTUNITIES))
    }

    async fn opportunity(&self, _id: OpportunityId) -> Result<Opportunity> {
        Err(Error::unsupported(Vendor::Syncro, NO_OPPORTUNITIES))
    }

    async fn create_opportunity(&self, _opportunity: &NewOpportunity) -> Result<Opportunity> {
        Err(Error::unsupported(Vendor::Syncro, NO_OPPORTUNITIES))
    }

    async fn update_opportunity(
        &self,
        _id: OpportunityId,
        _update: &OpportunityUpdate,
    ) -> Result<Opportunity> {
        Err(Error::unsupported(Vendor::Syncro, NO_OPPORTUNITIES))
    }

    async fn list_opportunity_stages(&self) -> Result<Vec<OpportunityStage>> {
        Err(Error::unsupported(Vendor::Syncro, NO_OPPORTUNITIES))
    }

    /// `GET /users` lists only `[id, name]`, so each user's `GET /users/{id}` is read for the
    /// email: one page, one call per user (staff lists are short).
    async fn list_resources(
        &self,
        query: &ResourceQuery,
        _page: Option<PageToken>,
    ) -> Result<Page<Resource>> {
        if query.active == Some(false) {
            return Ok(Page::new(Vec::new(), None));
        }
        let want = query.email.as_deref().map(|e| e.trim().to_lowercase());
        let mut out = Vec::new();
        for u in self.users().list().await? {
            let detail = self.users().get(u.id).await?;
            let mut r = self.to_core_resource(&detail)?;
            if r.name.starts_with('#') && !u.name.is_empty() {
                r.name = u.name.clone();
            }
            let matches = want.as_deref().is_none_or(|w| {
                r.email
                    .as_deref()
                    .is_some_and(|e| e.trim().to_lowercase() == w)
            });
            if matches {
                out.push(r);
            }
        }
        Ok(Page::new(out, None))
    }

    /// `GET /contracts` has no filters: company, active and updated-since are applied here.
    async fn list_contracts(
        &self,
        query: &ContractQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contract>> {
        let list = self.contracts().list_raw(page_of(page)?).await?;
        let next = next_of(&list);
        let items = list
            .items
            .iter()
            .map(|r| core_contract(&r.typed, r.json.clone()))
            .filter(|c| query.company.is_none_or(|co| c.company == Some(co)))
            .filter(|c| query.active.is_none_or(|a| c.is_active == a))
            .filter(|c| {
                query
                    .updated_since
                    .is_none_or(|since| c.updated_at.is_some_and(|u| u >= since))
            })
            .collect();
        Ok(Page::new(items, next))
    }

    /// `GET /ticket_timers` filters by creation time only: ticket, resource and work window are
    /// applied here. Syncro timers carry no contract, so a contract filter is `Unsupported`.
    async fn list_time_entries(
        &self,
        query: &TimeEntryQuery,
        page: Option<PageToken>,
    ) -> Result<Page<TimeEntry>> {
        if query.contract.is_some() {
            return Err(Error::unsupported(
                Vendor::Syncro,
                "time entries by contract (ticket timers carry no contract)",
            ));
        }
        let filter = TimerFilter::new().page(page_of(page)?);
        let list = self.ticket_timers().list_raw(&filter).await?;
        let next = next_of(&list);
        let items = list
            .items
            .iter()
            .map(|r| core_time_entry(&r.typed, r.json.clone()))
            .filter(|t| query.ticket.is_none_or(|id| t.parent.ticket() == Some(id)))
            .filter(|t| query.resource.is_none_or(|id| t.resource == Some(id)))
            .filter(|t| {
                query
                    .worked_from
                    .is_none_or(|from| t.starts_at.is_some_and(|s| s >= from))
            })
            .filter(|t| {
                query
                    .worked_before
                    .is_none_or(|to| t.starts_at.is_some_and(|s| s < to))
            })
            .filter(|t| {
                query
                    .updated_since
                    .is_none_or(|since| t.updated_at.is_some_and(|u| u >= since))
            })
            .collect();
        Ok(Page::new(items, next))
    }

    /// The account's problem types (`GET /settings` → `ticket.problem_types`), id = label.
    async fn list_ticket_types(&self) -> Result<Vec<TicketType>> {
        let settings = self.cached_account_settings().await?;
        let types: Vec<TicketType> = settings
            .ticket
            .problem_types
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| TicketType::new(p.clone(), p.clone()))
            .collect();
        if types.is_empty() {
            return Err(Error::new(
                ErrorKind::Config,
                "the Syncro account has no ticket problem types: add them under Admin > Tickets > Ticket Preferences",
            )
            .with_vendor(Vendor::Syncro));
        }
        Ok(types)
    }

    async fn list_ticket_categories(&self) -> Result<Vec<TicketCategory>> {
        Err(Error::unsupported(
            Vendor::Syncro,
            "ticket categories (Syncro has problem types only: see list_ticket_types)",
        ))
    }
}
