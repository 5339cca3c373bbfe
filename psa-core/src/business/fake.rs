//! A counting fake connector for the cache and testkit tests: base data answers after a delay
//! and counts its fetches. `Counting::new()` supports nothing else; `Counting::full()` keeps
//! opportunities in memory and lists seeded staff, contracts and time entries.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

use crate::{
    Attachment, AttachmentReceipt, BusinessConnector, Capabilities, Capability, Company, CompanyId,
    CompanyQuery, Connector, Contact, ContactId, ContactQuery, Contract, ContractId, ContractQuery,
    Error, ErrorKind, NewNote, NewOpportunity, NewTicket, Note, Opportunity, OpportunityId,
    OpportunityQuery, OpportunityStage, OpportunityUpdate, Page, PageToken, PreflightOptions,
    PreflightReport, Priority, Queue, Resource, ResourceId, ResourceQuery, Result, Status, Ticket,
    TicketCategory, TicketId, TicketQuery, TicketType, TicketUpdate, TimeEntry, TimeEntryId,
    TimeEntryParent, TimeEntryQuery, Vendor,
};

#[derive(Debug, Default)]
pub(crate) struct Counting {
    pub fetches: AtomicUsize,
    /// The next fetch fails (once).
    pub fail_next: AtomicBool,
    /// Whether the business records are supported.
    full: bool,
    opportunities: Mutex<Vec<Opportunity>>,
    /// When the fake was first asked the time (tokio's clock, so paused tests move it).
    epoch: std::sync::OnceLock<tokio::time::Instant>,
}

impl Counting {
    pub fn new() -> Arc<Self> {
        Arc::new(Counting::default())
    }

    pub fn full() -> Arc<Self> {
        Arc::new(Counting {
            full: true,
            ..Counting::default()
        })
    }

    /// The fake's clock: a fixed date plus the tokio time elapsed, whole seconds (like the
    /// vendors' change times, so records written in the same second share a time).
    pub fn now(&self) -> time::OffsetDateTime {
        let epoch = *self.epoch.get_or_init(tokio::time::Instant::now);
        let secs = i64::try_from(epoch.elapsed().as_secs()).unwrap_or(0);
        time::macros::datetime!(2024-05-01 09:00 UTC) + time::Duration::seconds(secs)
    }

    pub fn count(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    async fn fetch<T>(&self, item: T) -> Result<Vec<T>> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(50)).await;
        if self.fail_next.swap(false, Ordering::SeqCst) {
            return Err(Error::new(ErrorKind::Server, "base data unavailable"));
        }
        Ok(vec![item])
    }
}

fn no<T>(what: &str) -> Result<T> {
    Err(Error::unsupported(Vendor::Autotask, what))
}

#[async_trait]
impl Connector for Counting {
    fn vendor(&self) -> Vendor {
        Vendor::Autotask
    }
    fn capabilities(&self) -> Capabilities {
        let base = Capabilities::new(&[Capability::BaseData, Capability::ReadTicketCategories]);
        if !self.full {
            return base;
        }
        [
            Capability::ReadOpportunities,
            Capability::CreateOpportunities,
            Capability::ReadResources,
            Capability::ReadContracts,
            Capability::ReadTimeEntries,
        ]
        .into_iter()
        .fold(base, Capabilities::with)
    }
    async fn preflight(&self, _: &PreflightOptions) -> Result<PreflightReport> {
        no("preflight")
    }
    async fn ticket(&self, _: TicketId) -> Result<Ticket> {
        no("tickets")
    }
    async fn list_tickets(&self, _: &TicketQuery, _: Option<PageToken>) -> Result<Page<Ticket>> {
        no("tickets")
    }
    async fn create_ticket(&self, _: &NewTicket) -> Result<Ticket> {
        no("tickets")
    }
    async fn update_ticket(&self, _: TicketId, _: &TicketUpdate) -> Result<Ticket> {
        no("tickets")
    }
    async fn list_notes(&self, _: TicketId, _: Option<PageToken>) -> Result<Page<Note>> {
        no("notes")
    }
    async fn add_note(&self, _: TicketId, _: &NewNote) -> Result<Note> {
        no("notes")
    }
    async fn company(&self, _: CompanyId) -> Result<Company> {
        no("companies")
    }
    async fn list_companies(
        &self,
        _: &CompanyQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Company>> {
        no("companies")
    }
    async fn contact(&self, _: ContactId) -> Result<Contact> {
        no("contacts")
    }
    async fn list_contacts(&self, _: &ContactQuery, _: Option<PageToken>) -> Result<Page<Contact>> {
        no("contacts")
    }
    async fn statuses(&self) -> Result<Vec<Status>> {
        self.fetch(Status::new("1", "New")).await
    }
    async fn priorities(&self) -> Result<Vec<Priority>> {
        self.fetch(Priority::new("2", "Medium")).await
    }
    async fn queues(&self) -> Result<Vec<Queue>> {
        self.fetch(Queue::new("3", "Level I")).await
    }
    async fn attach_file(&self, _: TicketId, _: Attachment) -> Result<AttachmentReceipt> {
        no("attachments")
    }
}

impl Counting {
    fn business(&self, what: &str) -> Result<()> {
        if self.full { Ok(()) } else { no(what) }
    }

    fn opportunities(&self) -> std::sync::MutexGuard<'_, Vec<Opportunity>> {
        self.opportunities
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[async_trait]
impl BusinessConnector for Counting {
    async fn list_opportunities(
        &self,
        q: &OpportunityQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Opportunity>> {
        self.business("opportunities")?;
        let all = self.opportunities().clone();
        Ok(Page::last(
            all.into_iter()
                .filter(|o| q.company.is_none_or(|c| o.company == Some(c)))
                .filter(|o| q.updated_since.is_none_or(|t| o.updated_at >= Some(t)))
                .collect(),
        ))
    }
    async fn opportunity(&self, id: OpportunityId) -> Result<Opportunity> {
        self.business("opportunities")?;
        let found = self.opportunities().iter().find(|o| o.id == id).cloned();
        found.ok_or_else(|| Error::new(ErrorKind::NotFound, format!("opportunity {id}")))
    }
    async fn create_opportunity(&self, new: &NewOpportunity) -> Result<Opportunity> {
        self.business("opportunities")?;
        new.validate()?;
        let mut all = self.opportunities();
        let id = OpportunityId(all.len() as i64 + 1);
        let mut o = Opportunity::new(
            Vendor::Autotask,
            id,
            &new.title,
            serde_json::json!({}).into(),
        );
        o.company = new.company;
        o.owner = new.owner;
        o.stage = new.stage.clone();
        o.category = new.category.clone();
        o.projected_close = new.projected_close;
        o.created_at = Some(self.now());
        o.updated_at = o.created_at;
        all.push(o.clone());
        Ok(o)
    }
    async fn update_opportunity(
        &self,
        id: OpportunityId,
        update: &OpportunityUpdate,
    ) -> Result<Opportunity> {
        self.business("opportunities")?;
        update.validate()?;
        let mut all = self.opportunities();
        let Some(o) = all.iter_mut().find(|o| o.id == id) else {
            return Err(Error::new(ErrorKind::NotFound, format!("opportunity {id}")));
        };
        if let Some(t) = &update.title {
            o.title = t.clone();
        }
        o.updated_at = Some(self.now());
        Ok(o.clone())
    }
    async fn list_opportunity_stages(&self) -> Result<Vec<OpportunityStage>> {
        self.business("opportunities")?;
        self.fetch(OpportunityStage::new("1", "Qualification"))
            .await
    }
    async fn list_resources(
        &self,
        _: &ResourceQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Resource>> {
        self.business("resources")?;
        let mut r = Resource::new(
            Vendor::Autotask,
            ResourceId(4),
            "Sam Tech",
            serde_json::json!({}).into(),
        );
        r.email = Some("sam@example.com".into());
        Ok(Page::last(vec![r]))
    }
    async fn list_contracts(
        &self,
        _: &ContractQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Contract>> {
        self.business("contracts")?;
        let mut c = Contract::new(
            Vendor::Autotask,
            ContractId(1),
            "Managed",
            serde_json::json!({}).into(),
        );
        c.company = Some(CompanyId(1));
        Ok(Page::last(vec![c]))
    }
    async fn list_time_entries(
        &self,
        _: &TimeEntryQuery,
        _: Option<PageToken>,
    ) -> Result<Page<TimeEntry>> {
        self.business("time entries")?;
        let parent = TimeEntryParent::Ticket(TicketId(9));
        let mut t = TimeEntry::new(
            Vendor::Autotask,
            TimeEntryId(1),
            parent,
            serde_json::json!({}).into(),
        );
        t.hours = Some(1.5);
        Ok(Page::last(vec![t]))
    }
    async fn list_ticket_types(&self) -> Result<Vec<TicketType>> {
        self.fetch(TicketType::new("1", "Incident")).await
    }
    async fn list_ticket_categories(&self) -> Result<Vec<TicketCategory>> {
        self.fetch(TicketCategory::new("3", "Standard")).await
    }
}
