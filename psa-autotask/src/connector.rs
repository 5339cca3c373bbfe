//! `impl psa_core::Connector for AutotaskClient`: the vendor-neutral calls (the mapping between
//! Autotask records and psa-core models is in `mapping.rs`).

use async_trait::async_trait;
use psa_core::{
    Attachment, AttachmentData, AttachmentReceipt, Capabilities, Company, CompanyId, CompanyQuery,
    Connector, Contact, ContactId, ContactQuery, Error, ErrorKind, NewNote, NewTicket, Note,
    NoteVisibility, Page, PageToken, PreflightOptions, PreflightReport, Priority, Queue,
    ResourceId, Result, Status, Ticket, TicketId, TicketQuery, TicketUpdate, Vendor,
};
use serde_json::value::RawValue;

use crate::api::metadata::{Picklist, TicketPicklists};
use crate::mapping::invalid;
pub(crate) use crate::mapping::{Mapper, map_company, map_contact, map_note};
use crate::models::{self, TicketAttachment};
use crate::{AutotaskClient, Filter, Query, stage_map_from_statuses};

/// The longest note title Autotask stores.
const NOTE_TITLE_MAX: usize = 250;

impl AutotaskClient {
    pub(crate) async fn mapper(&self) -> Result<Mapper> {
        let picklists = match self.ticket_picklists().await {
            Ok(p) => p,
            // Without the right to read field information, tickets still map: statuses,
            // priorities and queues then carry their values as names.
            Err(e) if matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::NotFound) => {
                tracing::warn!(error = %e, "Autotask ticket picklists unavailable; labels not resolved");
                TicketPicklists::default()
            }
            Err(e) => return Err(e),
        };
        let stages = match &self.inner.stage_map {
            Some(m) => m.clone(),
            None => stage_map_from_statuses(&picklists.status),
        };
        Ok(Mapper::new(picklists, stages))
    }

    /// The trait's listings ask for the builder's `page_size`, else Autotask's maximum (500),
    /// so a stream makes as few requests against the hourly budget as it can.
    fn paged(&self, q: Query) -> Query {
        q.max_records(self.inner.page_size.unwrap_or(crate::MAX_RECORDS_LIMIT))
    }

    async fn ticket_query(&self, q: &TicketQuery, m: &Mapper) -> Result<Query> {
        let mut query = Query::new();
        if let Some(c) = q.company {
            query = query.filter(Filter::eq("companyID", c));
        }
        if let Some(c) = q.contact {
            query = query.filter(Filter::eq("contactID", c));
        }
        if !q.statuses.is_empty() {
            let values = q
                .statuses
                .iter()
                .map(|s| m.resolve(&m.picklists.status, s, "status"))
                .collect::<Result<Vec<i64>>>()?;
            query = query.filter(Filter::is_in("status", values));
        }
        if q.open_only {
            query = query.filter(Filter::not_in("status", m.closed_values()));
        }
        if let Some(t) = q.updated_since {
            query = query.filter(Filter::gte("lastActivityDate", t));
        }
        if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            query = query.filter(Filter::contains("title", text));
        }
        Ok(query)
    }

    async fn map_tickets(&self, page: Page<Box<RawValue>>) -> Result<Page<Ticket>> {
        let m = self.mapper().await?;
        let items = page
            .items
            .into_iter()
            .map(|raw| m.ticket(raw))
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, page.next))
    }

    async fn note_type_default(&self) -> i64 {
        match self.picklist("TicketNotes", "noteType").await {
            Ok(p) => p.default_value().and_then(|v| v.parse().ok()).unwrap_or(1),
            Err(_) => 1,
        }
    }
}

#[async_trait]
impl Connector for AutotaskClient {
    fn vendor(&self) -> Vendor {
        Vendor::Autotask
    }

    fn capabilities(&self) -> Capabilities {
        crate::capabilities::CAPABILITIES
    }

    async fn preflight(&self, options: &PreflightOptions) -> Result<PreflightReport> {
        crate::preflight::run(self, options).await
    }

    async fn ticket(&self, id: TicketId) -> Result<Ticket> {
        let raw = self.get_item("Tickets", id.get()).await?;
        self.mapper().await?.ticket(raw)
    }

    async fn list_tickets(
        &self,
        query: &TicketQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Ticket>> {
        let m = self.mapper().await?;
        let q = self.ticket_query(query, &m).await?;
        let raw = self.query_rows("Tickets", &self.paged(q), page).await?;
        self.map_tickets(raw).await
    }

    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Ticket> {
        ticket.validate()?;
        let company = ticket.company.ok_or_else(|| {
            invalid(
                "Autotask needs a company for every ticket; set NewTicket::company".into(),
                "companyID",
            )
        })?;
        let m = self.mapper().await?;
        let status = match &ticket.status {
            Some(s) => m.resolve(&m.picklists.status, s, "status")?,
            None => m
                .picklists
                .status
                .default_value()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
        };
        let priority = match &ticket.priority {
            Some(p) => Some(m.resolve(&m.picklists.priority, p, "priority")?),
            None => m
                .picklists
                .priority
                .default_value()
                .and_then(|v| v.parse().ok()),
        };
        let queue_id = match &ticket.queue {
            Some(q) => Some(m.resolve(&m.picklists.queue, q, "queueID")?),
            None => None,
        };
        let t = models::Ticket {
            title: Some(ticket.title.clone()),
            description: ticket.description.clone(),
            company_id: Some(company.get()),
            contact_id: ticket.contact.map(ContactId::get),
            assigned_resource_id: ticket.assignee.map(ResourceId::get),
            due_date_time: ticket.due_at,
            status: Some(status),
            priority,
            queue_id,
            ..Default::default()
        };
        let id = match ticket.idempotency_key.as_deref() {
            Some(key) => self.tickets().create_once(&t, key).await?,
            None => self.tickets().create(&t).await?,
        };
        let raw = self.get_item("Tickets", id).await?;
        m.ticket(raw)
    }

    async fn update_ticket(&self, id: TicketId, update: &TicketUpdate) -> Result<Ticket> {
        if update.is_empty() {
            return Connector::ticket(self, id).await;
        }
        if update.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(invalid("a ticket title cannot be blank".into(), "title"));
        }
        let m = self.mapper().await?;
        let resolve = |given: &Option<String>, list: &Picklist, field: &str| {
            given
                .as_deref()
                .map(|g| m.resolve(list, g, field))
                .transpose()
        };
        let t = models::Ticket {
            id: Some(id.get()),
            title: update.title.clone(),
            description: update.description.clone(),
            status: resolve(&update.status, &m.picklists.status, "status")?,
            priority: resolve(&update.priority, &m.picklists.priority, "priority")?,
            queue_id: resolve(&update.queue, &m.picklists.queue, "queueID")?,
            assigned_resource_id: update.assignee.map(ResourceId::get),
            contact_id: update.contact.map(ContactId::get),
            ..Default::default()
        };
        self.tickets().update(&t).await?;
        // Workflow rules can change a ticket right after an update: return it as stored.
        let raw = self.get_item("Tickets", id.get()).await?;
        m.ticket(raw)
    }

    async fn list_notes(&self, ticket: TicketId, page: Option<PageToken>) -> Result<Page<Note>> {
        let q = Query::with(Filter::eq("ticketID", ticket));
        let raw = self.query_rows("TicketNotes", &self.paged(q), page).await?;
        let items = raw
            .items
            .into_iter()
            .map(|r| {
                map_note(r).map(|mut n| {
                    if n.ticket.get() == 0 {
                        n.ticket = ticket;
                    }
                    n
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, raw.next))
    }

    async fn add_note(&self, ticket: TicketId, note: &NewNote) -> Result<Note> {
        note.validate()?;
        let n = models::TicketNote {
            ticket_id: Some(ticket.get()),
            title: Some(note.title_or_summary(NOTE_TITLE_MAX)),
            description: Some(note.body.clone()),
            note_type: Some(self.note_type_default().await),
            publish: Some(match note.visibility {
                NoteVisibility::Public => 1,
                _ => 2,
            }),
            ..Default::default()
        };
        let id = self.ticket_notes().create(&n).await?;
        map_note(self.get_item("TicketNotes", id).await?)
    }

    async fn company(&self, id: CompanyId) -> Result<Company> {
        map_company(self.get_item("Companies", id.get()).await?)
    }

    async fn list_companies(
        &self,
        query: &CompanyQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Company>> {
        let mut q = Query::new();
        if let Some(name) = query.name.as_deref().filter(|n| !n.trim().is_empty()) {
            q = q.filter(Filter::contains("companyName", name));
        }
        if let Some(active) = query.active {
            q = q.filter(Filter::eq("isActive", active));
        }
        if let Some(t) = query.updated_since {
            q = q.filter(Filter::gte("lastTrackedModifiedDateTime", t));
        }
        let raw = self.query_rows("Companies", &self.paged(q), page).await?;
        let items = raw
            .items
            .into_iter()
            .map(map_company)
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, raw.next))
    }

    async fn contact(&self, id: ContactId) -> Result<Contact> {
        map_contact(self.get_item("Contacts", id.get()).await?)
    }

    async fn list_contacts(
        &self,
        query: &ContactQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contact>> {
        let mut q = Query::new();
        if let Some(c) = query.company {
            q = q.filter(Filter::eq("companyID", c));
        }
        if let Some(email) = query
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            q = q.filter(Filter::eq("emailAddress", email));
        }
        if let Some(t) = query.updated_since {
            q = q.filter(Filter::gte("lastModifiedDate", t));
        }
        let raw = self.query_rows("Contacts", &self.paged(q), page).await?;
        let items = raw
            .items
            .into_iter()
            .map(map_contact)
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(items, raw.next))
    }

    async fn statuses(&self) -> Result<Vec<Status>> {
        let m = self.mapper().await?;
        Ok(m.picklists
            .status
            .values()
            .iter()
            .filter_map(|v| v.value.as_deref()?.parse::<i64>().ok())
            .map(|v| m.status(v))
            .collect())
    }

    async fn priorities(&self) -> Result<Vec<Priority>> {
        let m = self.mapper().await?;
        Ok(m.picklists
            .priority
            .values()
            .iter()
            .filter_map(|v| v.value.as_deref()?.parse::<i64>().ok())
            .map(|v| m.priority(v))
            .collect())
    }

    async fn queues(&self) -> Result<Vec<Queue>> {
        let m = self.mapper().await?;
        Ok(m.picklists
            .queue
            .values()
            .iter()
            .filter_map(|v| v.value.as_deref()?.parse::<i64>().ok())
            .map(|v| m.queue(v))
            .collect())
    }

    async fn attach_file(
        &self,
        ticket: TicketId,
        attachment: Attachment,
    ) -> Result<AttachmentReceipt> {
        let bytes = match &attachment.data {
            AttachmentData::Bytes(b) => b,
            _ => {
                return Err(Error::unsupported(
                    Vendor::Autotask,
                    "attachments from a URL (Autotask stores the file's bytes; it does not download files)",
                ));
            }
        };
        if attachment.file_name.trim().is_empty() {
            return Err(invalid(
                "an attachment needs a file name".into(),
                "fullPath",
            ));
        }
        let mut a = TicketAttachment::file(ticket.get(), attachment.file_name.clone(), bytes)
            .public(attachment.public);
        if let Some(title) = &attachment.title {
            a.title = Some(title.clone());
        }
        a.content_type = attachment.content_type.clone();
        let id = self.ticket_attachments().create(&a).await?;
        Ok(AttachmentReceipt::new(Some(id), false, None))
    }
}
