//! A counting fake connector for the cache tests: base data answers after a delay and counts
//! its fetches; everything else is unsupported.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;

use crate::{
    Attachment, AttachmentReceipt, BusinessConnector, Capabilities, Capability, Company, CompanyId,
    CompanyQuery, Connector, Contact, ContactId, ContactQuery, Contract, ContractQuery, Error,
    ErrorKind, NewNote, NewOpportunity, NewTicket, Note, Opportunity, OpportunityId,
    OpportunityQuery, OpportunityStage, OpportunityUpdate, Page, PageToken, PreflightOptions,
    PreflightReport, Priority, Queue, Resource, ResourceQuery, Result, Status, Ticket,
    TicketCategory, TicketId, TicketQuery, TicketType, TicketUpdate, TimeEntry, TimeEntryQuery,
    Vendor,
};

#[derive(Debug, Default)]
pub(crate) struct Counting {
    pub fetches: AtomicUsize,
    /// The next fetch fails (once).
    pub fail_next: AtomicBool,
}

impl Counting {
    pub fn new() -> Arc<Self> {
        Arc::new(Counting::default())
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
        Capabilities::new(&[Capability::BaseData, Capability::ReadTicketCategories])
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

#[async_trait]
impl BusinessConnector for Counting {
    async fn list_opportunities(
        &self,
        _: &OpportunityQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Opportunity>> {
        no("opportunities")
    }
    async fn opportunity(&self, _: OpportunityId) -> Result<Opportunity> {
        no("opportunities")
    }
    async fn create_opportunity(&self, _: &NewOpportunity) -> Result<Opportunity> {
        no("opportunities")
    }
    async fn update_opportunity(
        &self,
        _: OpportunityId,
        _: &OpportunityUpdate,
    ) -> Result<Opportunity> {
        no("opportunities")
    }
    async fn opportunity_stages(&self) -> Result<Vec<OpportunityStage>> {
        no("opportunities")
    }
    async fn list_resources(
        &self,
        _: &ResourceQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Resource>> {
        no("resources")
    }
    async fn list_contracts(
        &self,
        _: &ContractQuery,
        _: Option<PageToken>,
    ) -> Result<Page<Contract>> {
        no("contracts")
    }
    async fn list_time_entries(
        &self,
        _: &TimeEntryQuery,
        _: Option<PageToken>,
    ) -> Result<Page<TimeEntry>> {
        no("time entries")
    }
    async fn ticket_types(&self) -> Result<Vec<TicketType>> {
        self.fetch(TicketType::new("1", "Incident")).await
    }
    async fn ticket_categories(&self) -> Result<Vec<TicketCategory>> {
        self.fetch(TicketCategory::new("3", "Standard")).await
    }
}
