//! [`psa_core::BusinessConnector`] for Autotask: opportunities, resources, contracts, time
//! entries, ticket types (issue / sub-issue types) and ticket categories, mapped from the
//! native handlers.

use async_trait::async_trait;
use futures::TryStreamExt;
use psa_core::{
    BusinessConnector, CompanyId, ContactId, Contract, ContractId, ContractQuery, Error, ErrorKind,
    NewOpportunity, Opportunity, OpportunityId, OpportunityQuery, OpportunityStage,
    OpportunityUpdate, Page, PageToken, Resource, ResourceId, ResourceQuery, Result,
    TicketCategory, TicketId, TicketType, TimeEntry, TimeEntryId, TimeEntryParent, TimeEntryQuery,
    Vendor,
};

use crate::api::opportunities::OpportunityPicklists;
use crate::models;
use crate::{AutotaskClient, Filter, Query};

/// Opportunity status labels Autotask treats as closed (stock system values).
const CLOSED_STATUS_LABELS: &[&str] = &["lost", "closed", "implemented"];

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Validation, message.into())
        .with_vendor(Vendor::Autotask)
        .with_entity("Opportunities")
        .with_fields([field])
}

fn key(v: Option<i64>) -> Option<String> {
    v.map(|v| v.to_string())
}

/// A picklist key given as value or label → its value.
fn resolve(picklist: &crate::Picklist, given: &str, field: &str) -> Result<i64> {
    picklist
        .resolve(given)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            invalid(
                field,
                format!("{field}: {given:?} is neither a value nor a label of the tenant's {field} picklist"),
            )
        })
}

fn closed_statuses(picks: &OpportunityPicklists) -> Vec<i64> {
    picks
        .status
        .values()
        .iter()
        .filter(|v| {
            v.label.as_deref().is_some_and(|l| {
                CLOSED_STATUS_LABELS.contains(&l.trim().to_ascii_lowercase().as_str())
            })
        })
        .filter_map(|v| v.value.as_deref().and_then(|x| x.trim().parse().ok()))
        .collect()
}

impl AutotaskClient {
    fn business_query(&self, filters: Vec<Filter>) -> Query {
        let mut q = Query::new();
        for f in filters {
            q = q.filter(f);
        }
        match self.inner.page_size {
            Some(n) => q.max_records(n),
            None => q,
        }
    }

    /// The core [`Opportunity`] for an Autotask opportunity, as
    /// [`BusinessConnector::opportunity`] returns it (`stage`, `status` and `category` are the
    /// picklist values as text; closed when the status is Lost, Closed or Implemented).
    pub async fn to_core_opportunity(&self, o: &models::Opportunity) -> Result<Opportunity> {
        let picks = self.opportunity_picklists().await?;
        map_opportunity(o, &closed_statuses(&picks))
    }

    /// The core [`Resource`] for an Autotask resource.
    pub fn to_core_resource(&self, r: &models::Resource) -> Result<Resource> {
        map_resource(r)
    }

    /// The core [`Contract`] for an Autotask contract (active when `status` is 1).
    pub fn to_core_contract(&self, c: &models::Contract) -> Result<Contract> {
        map_contract(c)
    }

    /// The core [`TimeEntry`] for an Autotask time entry.
    pub fn to_core_time_entry(&self, t: &models::TimeEntry) -> Result<TimeEntry> {
        map_time_entry(t)
    }
}

fn id_of(id: Option<i64>, entity: &str) -> Result<i64> {
    id.ok_or_else(|| {
        Error::new(ErrorKind::Decode, format!("{entity}: a record has no id"))
            .with_vendor(Vendor::Autotask)
    })
}

fn map_opportunity(o: &models::Opportunity, closed: &[i64]) -> Result<Opportunity> {
    let raw = serde_json::to_value(o)?;
    let mut out = Opportunity::new(
        Vendor::Autotask,
        OpportunityId(id_of(o.id, "Opportunities")?),
        o.title.clone().unwrap_or_default(),
        raw.into(),
    );
    out.description = o.description.clone();
    out.company = o.company_id.map(CompanyId);
    out.contact = o.contact_id.map(ContactId);
    out.owner = o.owner_resource_id.map(ResourceId);
    out.stage = key(o.stage);
    out.status = key(o.status);
    out.category = key(o.opportunity_category_id);
    out.amount = o.amount;
    out.probability = o
        .probability
        .and_then(|p| u8::try_from(p.clamp(0, 100)).ok());
    out.is_closed = o.status.is_some_and(|s| closed.contains(&s));
    out.created_at = o.create_date;
    out.projected_close = o.projected_close_date;
    out.closed_at = o.closed_date.or(o.lost_date);
    out.updated_at = o.last_activity;
    Ok(out)
}

fn map_resource(r: &models::Resource) -> Result<Resource> {
    let raw = serde_json::to_value(r)?;
    let name = [r.first_name.as_deref(), r.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Resource::new(
        Vendor::Autotask,
        ResourceId(id_of(r.id, "Resources")?),
        name,
        raw.into(),
    );
    out.username = r.user_name.clone();
    out.email = r.email.clone();
    out.is_active = r.is_active.unwrap_or(false);
    Ok(out)
}

fn map_contract(c: &models::Contract) -> Result<Contract> {
    let raw = serde_json::to_value(c)?;
    let mut out = Contract::new(
        Vendor::Autotask,
        ContractId(id_of(c.id, "Contracts")?),
        c.contract_name.clone().unwrap_or_default(),
        raw.into(),
    );
    out.company = c.company_id.map(CompanyId);
    out.contract_type = key(c.contract_type);
    out.status = key(c.status);
    out.is_active = c.status == Some(1);
    out.starts_at = c.start_date;
    out.ends_at = c.end_date;
    out.updated_at = c.last_modified_date_time;
    Ok(out)
}

fn map_time_entry(t: &models::TimeEntry) -> Result<TimeEntry> {
    let raw = serde_json::to_value(t)?;
    let parent = match (t.ticket_id, t.task_id) {
        (Some(ticket), _) => TimeEntryParent::Ticket(TicketId(ticket)),
        (None, Some(task)) => TimeEntryParent::Other {
            kind: "Task".into(),
            id: task,
        },
        (None, None) => TimeEntryParent::None,
    };
    let mut out = TimeEntry::new(
        Vendor::Autotask,
        TimeEntryId(id_of(t.id, "TimeEntries")?),
        parent,
        raw.into(),
    );
    out.resource = t.resource_id.map(ResourceId);
    out.starts_at = t.start_date_time.or(t.date_worked);
    out.ends_at = t.end_date_time;
    out.hours = t.hours_worked;
    out.billable = t.is_non_billable.map(|n| !n);
    out.notes = t.summary_notes.clone();
    out.updated_at = t.last_modified_date_time;
    Ok(out)
}

#[async_trait]
impl BusinessConnector for AutotaskClient {
    async fn list_opportunities(
        &self,
        query: &OpportunityQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Opportunity>> {
        let picks = self.opportunity_picklists().await?;
        let closed = closed_statuses(&picks);
        let mut filters = Vec::new();
        if let Some(c) = query.company {
            filters.push(Filter::eq("companyID", c.get()));
        }
        if let Some(o) = query.owner {
            filters.push(Filter::eq("ownerResourceID", o.get()));
        }
        if !query.stages.is_empty() {
            let stages = query
                .stages
                .iter()
                .map(|s| resolve(&picks.stage, s, "stage"))
                .collect::<Result<Vec<_>>>()?;
            filters.push(Filter::is_in("stage", stages));
        }
        if query.open_only && !closed.is_empty() {
            filters.push(Filter::not_in("status", closed.clone()));
        }
        if let Some(t) = query.updated_since {
            filters.push(Filter::gte("lastActivity", t));
        }
        let q = self.business_query(filters);
        let native = self.opportunities().query_page(&q, page).await?;
        let items = native
            .items
            .iter()
            .map(|o| map_opportunity(o, &closed))
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, native.next))
    }

    async fn opportunity(&self, id: OpportunityId) -> Result<Opportunity> {
        let native = self.opportunities().get(id.get()).await?;
        self.to_core_opportunity(&native).await
    }

    async fn create_opportunity(&self, new: &NewOpportunity) -> Result<Opportunity> {
        if new.title.trim().is_empty() {
            return Err(invalid("title", "title: an opportunity needs a title"));
        }
        let picks = self.opportunity_picklists().await?;
        let mut o = models::Opportunity {
            title: Some(new.title.trim().to_string()),
            description: new.description.clone(),
            company_id: new.company.map(|c| c.get()),
            contact_id: new.contact.map(|c| c.get()),
            owner_resource_id: new.owner.map(|r| r.get()),
            amount: new.amount,
            probability: new.probability.map(i64::from),
            projected_close_date: new.projected_close,
            ..Default::default()
        };
        let stage = new.stage.as_deref().or(picks.stage.default_value());
        o.stage = stage
            .map(|s| resolve(&picks.stage, s, "stage"))
            .transpose()?;
        let status = new.status.as_deref().or(picks.status.default_value());
        o.status = status
            .map(|s| resolve(&picks.status, s, "status"))
            .transpose()?;
        o.opportunity_category_id = new
            .category
            .as_deref()
            .map(|c| resolve(&picks.category, c, "opportunityCategoryID"))
            .transpose()?;
        let id = self.opportunities().create(&o).await?;
        self.opportunity(OpportunityId(id)).await
    }

    async fn update_opportunity(
        &self,
        id: OpportunityId,
        update: &OpportunityUpdate,
    ) -> Result<Opportunity> {
        let picks = self.opportunity_picklists().await?;
        let title = update.title.as_ref().map(|t| t.trim().to_string());
        if title.as_deref() == Some("") {
            return Err(invalid(
                "title",
                "title: an opportunity title cannot be blank",
            ));
        }
        let mut o = models::Opportunity {
            title,
            owner_resource_id: update.owner.map(|r| r.get()),
            amount: update.amount,
            probability: update.probability.map(i64::from),
            projected_close_date: update.projected_close,
            ..Default::default()
        };
        o.stage = update
            .stage
            .as_deref()
            .map(|s| resolve(&picks.stage, s, "stage"))
            .transpose()?;
        o.status = update
            .status
            .as_deref()
            .map(|s| resolve(&picks.status, s, "status"))
            .transpose()?;
        o.opportunity_category_id = update
            .category
            .as_deref()
            .map(|c| resolve(&picks.category, c, "opportunityCategoryID"))
            .transpose()?;
        if o == models::Opportunity::default() {
            return Err(invalid(
                "id",
                "the opportunity update changes nothing; set at least one field",
            ));
        }
        o.id = Some(id.get());
        self.opportunities().update(&o).await?;
        self.opportunity(id).await
    }

    async fn list_opportunity_stages(&self) -> Result<Vec<OpportunityStage>> {
        let picks = self.opportunity_picklists().await?;
        Ok(picks
            .stage
            .values()
            .iter()
            .filter_map(|v| {
                let id = v.value.clone()?;
                let name = v.label.clone().unwrap_or_else(|| id.clone());
                Some(OpportunityStage::new(id, name).active(v.is_active.unwrap_or(true)))
            })
            .collect())
    }

    async fn list_resources(
        &self,
        query: &ResourceQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Resource>> {
        let mut filters = Vec::new();
        if let Some(a) = query.active {
            filters.push(Filter::eq("isActive", a));
        }
        if let Some(e) = query.email.as_deref() {
            filters.push(Filter::eq("email", e.trim()));
        }
        let q = self.business_query(filters);
        let native = self.resources().query_page(&q, page).await?;
        let items = native
            .items
            .iter()
            .map(map_resource)
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, native.next))
    }

    async fn list_contracts(
        &self,
        query: &ContractQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contract>> {
        let mut filters = Vec::new();
        if let Some(c) = query.company {
            filters.push(Filter::eq("companyID", c.get()));
        }
        match query.active {
            Some(true) => filters.push(Filter::eq("status", 1)),
            Some(false) => filters.push(Filter::not_eq("status", 1)),
            None => {}
        }
        if let Some(t) = query.updated_since {
            filters.push(Filter::gte("lastModifiedDateTime", t));
        }
        let q = self.business_query(filters);
        let native = self.contracts().query_page(&q, page).await?;
        let items = native
            .items
            .iter()
            .map(map_contract)
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, native.next))
    }

    async fn list_time_entries(
        &self,
        query: &TimeEntryQuery,
        page: Option<PageToken>,
    ) -> Result<Page<TimeEntry>> {
        let mut filters = Vec::new();
        if let Some(t) = query.ticket {
            filters.push(Filter::eq("ticketID", t.get()));
        }
        if let Some(r) = query.resource {
            filters.push(Filter::eq("resourceID", r.get()));
        }
        if let Some(c) = query.contract {
            filters.push(Filter::eq("contractID", c.get()));
        }
        if let Some(t) = query.worked_from {
            filters.push(Filter::gte("dateWorked", t));
        }
        if let Some(t) = query.worked_before {
            filters.push(Filter::lt("dateWorked", t));
        }
        if let Some(t) = query.updated_since {
            filters.push(Filter::gte("lastModifiedDateTime", t));
        }
        let q = self.business_query(filters);
        let native = self.time_entries().query_page(&q, page).await?;
        let items = native
            .items
            .iter()
            .map(map_time_entry)
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, native.next))
    }

    async fn list_ticket_types(&self) -> Result<Vec<TicketType>> {
        let picks = self.ticket_picklists().await?;
        let mut out = Vec::new();
        for (list, parented) in [(&picks.issue_type, false), (&picks.sub_issue_type, true)] {
            for v in list.values() {
                let Some(id) = v.value.clone() else { continue };
                let name = v.label.clone().unwrap_or_else(|| id.clone());
                let mut t = TicketType::new(id, name).active(v.is_active.unwrap_or(true));
                if parented && let Some(p) = v.parent_value.as_deref().filter(|p| !p.is_empty()) {
                    t = t.parent(p);
                }
                out.push(t);
            }
        }
        Ok(out)
    }

    async fn list_ticket_categories(&self) -> Result<Vec<TicketCategory>> {
        let all: Vec<models::TicketCategory> = self
            .ticket_categories()
            .stream(self.business_query(Vec::new()))
            .try_collect()
            .await?;
        Ok(all
            .into_iter()
            .filter_map(|c| {
                let id = c.id?.to_string();
                let name = c.name.clone().unwrap_or_else(|| id.clone());
                Some(TicketCategory::new(id, name).active(c.is_active.unwrap_or(true)))
            })
            .collect())
    }
}
