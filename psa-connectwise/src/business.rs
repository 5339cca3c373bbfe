//! [`psa_core::BusinessConnector`] for ConnectWise: opportunities (`/sales/opportunities`),
//! resources (members), ticket types (board types and subtypes) and ticket categories (board
//! items), contracts (agreements, `/finance/agreements`) and time entries (`/time/entries`).

use async_trait::async_trait;
use psa_core::{
    BusinessConnector, CompanyId, ContactId, Contract, ContractId, ContractQuery, Error, ErrorKind,
    NewOpportunity, Opportunity, OpportunityId, OpportunityQuery, OpportunityStage,
    OpportunityUpdate, Page, PageToken, Resource, ResourceId, ResourceQuery, Result,
    TicketCategory, TicketId, TicketType, TimeEntry, TimeEntryId, TimeEntryParent, TimeEntryQuery,
};
use serde_json::Value;

use crate::client::typed_one;
use crate::connector::VENDOR;
use crate::models::{self, Reference};
use crate::{Condition, ConnectWiseClient, Direction, Patch, Query, field};

const OPPORTUNITIES: &str = "sales/opportunities";
const AGREEMENTS: &str = "finance/agreements";
const TIME_ENTRIES: &str = "time/entries";

impl ConnectWiseClient {
    /// The core [`Opportunity`] for a ConnectWise opportunity: `stage` is the stage id,
    /// `status` the status name, `category` the type name, `description` the notes.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let native: psa_connectwise::models::Opportunity = serde_json::from_value(serde_json::json!({
    ///     "id": 4, "name": "Renewal", "stage": {"id": 2, "name": "Qualified"},
    ///     "company": {"id": 250}, "probability": {"id": 2, "name": "25"}
    /// }))?;
    /// let core = psa_connectwise::ConnectWiseClient::to_core_opportunity(&native)?;
    /// assert_eq!(core.stage.as_deref(), Some("2"));
    /// assert_eq!(core.probability, Some(25));
    /// # Ok(()) }
    /// ```
    pub fn to_core_opportunity(o: &models::Opportunity) -> Result<Opportunity> {
        Ok(core_opportunity(o, Value::Null))
    }

    /// The core [`Resource`] for a ConnectWise member.
    pub fn to_core_resource(m: &models::Member) -> Result<Resource> {
        Ok(core_resource(m, Value::Null))
    }

    /// The core [`Contract`] for a ConnectWise agreement: `contract_type` is the agreement
    /// type's name, `status` the `agreementStatus` (or `Cancelled`/`Active` from
    /// `cancelledFlag` on releases without it).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let native: psa_connectwise::models::Agreement = serde_json::from_value(serde_json::json!({
    ///     "id": 12, "name": "Managed Services", "type": {"id": 3, "name": "Managed"},
    ///     "company": {"id": 250}, "agreementStatus": "Expired"
    /// }))?;
    /// let core = psa_connectwise::ConnectWiseClient::to_core_contract(&native)?;
    /// assert_eq!(core.contract_type.as_deref(), Some("Managed"));
    /// assert!(!core.is_active);
    /// # Ok(()) }
    /// ```
    pub fn to_core_contract(a: &models::Agreement) -> Result<Contract> {
        Ok(core_contract(a, Value::Null))
    }

    /// The core [`TimeEntry`] for a ConnectWise time entry: time charged to a service ticket
    /// has the parent [`TimeEntryParent::Ticket`]; project tickets, charge codes and
    /// activities are [`TimeEntryParent::Other`] with the `chargeToType` as kind.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let native: psa_connectwise::models::TimeEntry = serde_json::from_value(serde_json::json!({
    ///     "id": 31, "chargeToType": "ProjectTicket", "chargeToId": 77, "actualHours": 2
    /// }))?;
    /// let core = psa_connectwise::ConnectWiseClient::to_core_time_entry(&native)?;
    /// assert_eq!(core.parent, psa_core::TimeEntryParent::Other { kind: "ProjectTicket".into(), id: 77 });
    /// assert_eq!(core.hours, Some(2.0));
    /// # Ok(()) }
    /// ```
    pub fn to_core_time_entry(t: &models::TimeEntry) -> Result<TimeEntry> {
        Ok(core_time_entry(t, Value::Null))
    }

    async fn opportunity_with_raw(&self, id: i64) -> Result<Opportunity> {
        let (o, raw): (models::Opportunity, Value) =
            crate::api::get_typed(self, &format!("{OPPORTUNITIES}/{id}"), "opportunity").await?;
        Ok(core_opportunity(&o, raw))
    }

    /// A stage given as id or name → its id.
    async fn stage_ref(&self, key: &str) -> Result<Reference> {
        if let Ok(id) = key.trim().parse::<i64>() {
            return Ok(Reference::id(id));
        }
        let stages = self.opportunities().stages().await?;
        stages
            .iter()
            .find(|s| {
                s.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(key.trim()))
            })
            .map(|s| Reference::id(s.id))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Validation,
                    format!(
                        "no opportunity stage {key:?}: use an id or name from list_opportunity_stages()"
                    ),
                )
            })
    }

    async fn status_ref(&self, key: &str) -> Result<Reference> {
        if let Ok(id) = key.trim().parse::<i64>() {
            return Ok(Reference::id(id));
        }
        let all = self.opportunities().statuses().await?;
        all.iter()
            .find(|s| {
                s.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(key.trim()))
            })
            .map(|s| Reference::id(s.id))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Validation,
                    format!("no opportunity status {key:?}"),
                )
            })
    }

    async fn type_ref(&self, key: &str) -> Result<Reference> {
        if let Ok(id) = key.trim().parse::<i64>() {
            return Ok(Reference::id(id));
        }
        let all = self.opportunities().types().await?;
        all.iter()
            .find(|t| {
                t.description
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(key.trim()))
            })
            .map(|t| Reference::id(t.id))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Validation,
                    format!("no opportunity type (category) {key:?}"),
                )
            })
    }

    /// The company's default contact, else its first contact.
    async fn contact_for(&self, company: CompanyId) -> Result<i64> {
        let c = self.companies().get(company.get()).await?;
        if let Some(id) = c.default_contact.as_ref().and_then(|r| r.id) {
            return Ok(id);
        }
        let q = Query::new()
            .conditions(field("company/id").eq(company.get()))
            .order_by("id", Direction::Asc)
            .page_size(1);
        let page = self.contacts().list(&q, None).await?;
        page.items.first().map(|c| c.id).ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                format!("company {} has no contact; ConnectWise needs one on an opportunity: set contact", company.get()),
            )
        })
    }
}

fn date(f: &Option<psa_core::wire::Field<time::OffsetDateTime>>) -> Option<time::OffsetDateTime> {
    f.as_ref().and_then(|f| f.value().copied())
}

fn core_opportunity(o: &models::Opportunity, raw: Value) -> Opportunity {
    let mut out = Opportunity::new(
        VENDOR,
        OpportunityId(o.id),
        o.name.clone().unwrap_or_default(),
        raw.into(),
    );
    out.description = o.notes.clone();
    out.company = o.company.as_ref().and_then(|r| r.id).map(CompanyId);
    out.contact = o.contact.as_ref().and_then(|r| r.id).map(ContactId);
    out.owner = o
        .primary_sales_rep
        .as_ref()
        .and_then(|r| r.id)
        .map(ResourceId);
    out.stage = o.stage.as_ref().and_then(|r| r.id).map(|id| id.to_string());
    out.status = o.status.as_ref().and_then(|r| r.name.clone());
    out.category = o.opportunity_type.as_ref().and_then(|r| r.name.clone());
    out.probability = o
        .probability
        .as_ref()
        .and_then(|r| r.name.as_deref())
        .and_then(|n| n.trim().trim_end_matches('%').parse::<u8>().ok());
    out.closed_at = date(&o.closed_date);
    out.is_closed = out.closed_at.is_some();
    out.projected_close = date(&o.expected_close_date);
    out.created_at = o.info.as_ref().and_then(|i| i.date_entered);
    out.updated_at = o.info.as_ref().and_then(|i| i.last_updated);
    out
}

fn core_resource(m: &models::Member, raw: Value) -> Resource {
    let mut r = Resource::new(VENDOR, ResourceId(m.id), m.full_name(), raw.into());
    r.username = m.identifier.clone();
    r.email = m.email().map(str::to_string);
    r.is_active = m.is_active();
    r
}

// `.into()`: `vendor_record` becomes `psa_core::VendorRecord` (team convention); it is a
// no-op while it is still a `serde_json::Value`.
#[allow(clippy::useless_conversion)]
fn core_contract(a: &models::Agreement, raw: Value) -> Contract {
    let mut c = Contract::new(
        VENDOR,
        ContractId(a.id),
        a.name.clone().unwrap_or_default(),
        raw.into(),
    );
    c.company = a.company.as_ref().and_then(|r| r.id).map(CompanyId);
    c.contract_type = a.agreement_type.as_ref().and_then(|r| r.name.clone());
    c.is_active = a.is_active();
    c.status = Some(match &a.agreement_status {
        Some(s) => s.as_str().to_string(),
        None if a.cancelled_flag == Some(true) => "Cancelled".to_string(),
        None => "Active".to_string(),
    });
    c.starts_at = date(&a.start_date);
    c.ends_at = date(&a.end_date);
    c.updated_at = a.info.as_ref().and_then(|i| i.last_updated);
    c
}

// `.into()`: `vendor_record` becomes `psa_core::VendorRecord` (team convention); it is a
// no-op while it is still a `serde_json::Value`.
#[allow(clippy::useless_conversion)]
fn core_time_entry(t: &models::TimeEntry, raw: Value) -> TimeEntry {
    let parent = match (t.service_ticket(), &t.charge_to_type, t.charge_to_id) {
        (Some(ticket), _, _) => TimeEntryParent::Ticket(TicketId(ticket)),
        (None, Some(kind), Some(id)) => TimeEntryParent::Other {
            kind: kind.as_str().to_string(),
            id,
        },
        _ => TimeEntryParent::None,
    };
    let mut e = TimeEntry::new(VENDOR, TimeEntryId(t.id), parent, raw.into());
    e.resource = t.member.as_ref().and_then(|r| r.id).map(ResourceId);
    e.starts_at = date(&t.time_start);
    e.ends_at = date(&t.time_end);
    e.hours = t.actual_hours;
    e.billable = t.is_billable();
    e.notes = t.notes.clone();
    e.updated_at = t.info.as_ref().and_then(|i| i.last_updated);
    e
}

async fn list_core<T: serde::de::DeserializeOwned, U>(
    c: &ConnectWiseClient,
    path: &str,
    what: &str,
    q: &Query,
    page: Option<PageToken>,
    map: impl Fn(&T, Value) -> U,
) -> Result<Page<U>> {
    let raw = c.list_raw(path, q, page).await?;
    let mut items = Vec::with_capacity(raw.items.len());
    for v in raw.items {
        let t: T = typed_one(what, &v)?;
        items.push(map(&t, v));
    }
    Ok(Page::new(items, raw.next))
}

#[async_trait]
impl BusinessConnector for ConnectWiseClient {
    async fn list_opportunities(
        &self,
        query: &OpportunityQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Opportunity>> {
        let mut conds: Vec<Condition> = Vec::new();
        if let Some(c) = query.company {
            conds.push(field("company/id").eq(c.get()));
        }
        if let Some(o) = query.owner {
            conds.push(field("primarySalesRep/id").eq(o.get()));
        }
        if !query.stages.is_empty() {
            let mut ids = Vec::new();
            for s in &query.stages {
                ids.extend(self.stage_ref(s).await?.id);
            }
            conds.push(field("stage/id").in_(ids));
        }
        if query.open_only {
            let open: Vec<i64> = self
                .opportunities()
                .statuses()
                .await?
                .iter()
                .filter(|s| !s.is_closed())
                .map(|s| s.id)
                .collect();
            conds.push(field("status/id").in_(open));
        }
        if let Some(t) = query.updated_since {
            conds.push(field("lastUpdated").ge(t));
        }
        let mut q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        q.conditions = Condition::all(conds);
        list_core(
            self,
            OPPORTUNITIES,
            "opportunity",
            &q,
            page,
            core_opportunity,
        )
        .await
    }

    async fn opportunity(&self, id: OpportunityId) -> Result<Opportunity> {
        self.opportunity_with_raw(id.get()).await
    }

    async fn create_opportunity(&self, o: &NewOpportunity) -> Result<Opportunity> {
        o.validate()?;
        let company = o.company.ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                "ConnectWise needs a company on an opportunity: set company",
            )
        })?;
        let owner = o.owner.ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                "ConnectWise needs a primary sales rep on an opportunity: set owner (or OpportunityDefaults::owner_fallback)",
            )
        })?;
        let contact = match o.contact {
            Some(c) => c.get(),
            None => self.contact_for(company).await?,
        };
        let mut n =
            models::NewOpportunity::new(o.title.trim(), company.get(), contact, owner.get());
        if let Some(s) = &o.stage {
            n.stage = Some(self.stage_ref(s).await?);
        }
        if let Some(s) = &o.status {
            n.status = Some(self.status_ref(s).await?);
        }
        if let Some(t) = &o.category {
            n.opportunity_type = Some(self.type_ref(t).await?);
        }
        n.expected_close_date = o.projected_close;
        n.notes = o.description.clone();
        let created = self.opportunities().create(&n).await?;
        self.opportunity_with_raw(created.id).await
    }

    async fn update_opportunity(
        &self,
        id: OpportunityId,
        u: &OpportunityUpdate,
    ) -> Result<Opportunity> {
        u.validate()?;
        let mut p = Patch::new();
        if let Some(t) = &u.title {
            p = p.replace("name", t.trim());
        }
        if let Some(o) = u.owner {
            p = p.replace("primarySalesRep", Reference::id(o.get()));
        }
        if let Some(s) = &u.stage {
            p = p.replace("stage", self.stage_ref(s).await?);
        }
        if let Some(s) = &u.status {
            p = p.replace("status", self.status_ref(s).await?);
        }
        if let Some(t) = &u.category {
            p = p.replace("type", self.type_ref(t).await?);
        }
        if let Some(d) = u.projected_close {
            p = p.replace("expectedCloseDate", models::format_datetime(d));
        }
        self.opportunities().update(id.get(), &p).await?;
        self.opportunity_with_raw(id.get()).await
    }

    async fn list_opportunity_stages(&self) -> Result<Vec<OpportunityStage>> {
        Ok(self
            .opportunities()
            .stages()
            .await?
            .iter()
            .map(|s| OpportunityStage::new(s.id.to_string(), s.name.clone().unwrap_or_default()))
            .collect())
    }

    async fn list_resources(
        &self,
        query: &ResourceQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Resource>> {
        let mut conds: Vec<Condition> = Vec::new();
        if let Some(a) = query.active {
            conds.push(field("inactiveFlag").eq(!a));
        }
        if let Some(e) = query
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            conds.push(field("officeEmail").eq(e));
        }
        let mut q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        q.conditions = Condition::all(conds);
        list_core(self, "system/members", "member", &q, page, core_resource).await
    }

    async fn list_contracts(
        &self,
        query: &ContractQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contract>> {
        let mut conds: Vec<Condition> = Vec::new();
        if let Some(c) = query.company {
            conds.push(field("company/id").eq(c.get()));
        }
        match query.active {
            Some(true) => conds.push(field("agreementStatus").eq("Active")),
            Some(false) => conds.push(field("agreementStatus").ne("Active")),
            None => {}
        }
        if let Some(t) = query.updated_since {
            conds.push(field("lastUpdated").ge(t));
        }
        let mut q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        q.conditions = Condition::all(conds);
        list_core(self, AGREEMENTS, "agreement", &q, page, core_contract).await
    }

    async fn list_time_entries(
        &self,
        query: &TimeEntryQuery,
        page: Option<PageToken>,
    ) -> Result<Page<TimeEntry>> {
        let mut conds: Vec<Condition> = Vec::new();
        if let Some(t) = query.ticket {
            conds.push(field("chargeToType").eq("ServiceTicket"));
            conds.push(field("chargeToId").eq(t.get()));
        }
        if let Some(r) = query.resource {
            conds.push(field("member/id").eq(r.get()));
        }
        if let Some(c) = query.contract {
            conds.push(field("agreement/id").eq(c.get()));
        }
        if let Some(t) = query.worked_from {
            conds.push(field("timeStart").ge(t));
        }
        if let Some(t) = query.worked_before {
            conds.push(field("timeStart").lt(t));
        }
        if let Some(t) = query.updated_since {
            conds.push(field("lastUpdated").ge(t));
        }
        let mut q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        q.conditions = Condition::all(conds);
        list_core(self, TIME_ENTRIES, "time entry", &q, page, core_time_entry).await
    }

    async fn list_ticket_types(&self) -> Result<Vec<TicketType>> {
        let mut out = Vec::new();
        for b in self.boards().all().await? {
            for t in self.boards().types(b.id).all().await? {
                out.push(
                    TicketType::new(t.id.to_string(), t.name.clone().unwrap_or_default())
                        .active(t.is_active() && b.is_active()),
                );
            }
            for s in self.boards().subtypes(b.id).all().await? {
                for parent in &s.type_association_ids {
                    out.push(
                        TicketType::new(
                            format!("{parent}/{}", s.id),
                            s.name.clone().unwrap_or_default(),
                        )
                        .active(s.inactive_flag != Some(true))
                        .parent(parent.to_string()),
                    );
                }
            }
        }
        Ok(out)
    }

    async fn list_ticket_categories(&self) -> Result<Vec<TicketCategory>> {
        let mut out = Vec::new();
        for b in self.boards().all().await? {
            for i in self.boards().items(b.id).all().await? {
                out.push(
                    TicketCategory::new(i.id.to_string(), i.name.clone().unwrap_or_default())
                        .active(i.inactive_flag != Some(true)),
                );
            }
        }
        Ok(out)
    }
}
