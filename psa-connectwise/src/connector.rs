//! `impl psa_core::Connector for ConnectWiseClient` and the ConnectWise ↔ core mapping.

use async_trait::async_trait;
use psa_core::{
    Attachment, AttachmentData, AttachmentReceipt, Capabilities, Company, CompanyId, CompanyQuery,
    Connector, Contact, ContactId, ContactQuery, Error, ErrorKind, NewNote, NewTicket, Note,
    NoteId, NoteVisibility, Page, PageToken, PreflightOptions, PreflightReport, Priority, Queue,
    ResourceId, Result, Status, Ticket, TicketId, TicketQuery, TicketUpdate, Vendor, VendorRecord,
};

use crate::api::contacts::email_child_condition;
use crate::api::documents::DocumentUpload;
use crate::client::typed_row;
use crate::models::{
    self, DocumentRecordType, NewServiceNote, NewServiceTicket, Reference, ServiceNote,
    ServiceTicket, TicketHead,
};
use crate::{Condition, ConnectWiseClient, Direction, Patch, Query, field};

pub(crate) const VENDOR: Vendor = Vendor::ConnectWise;

impl ConnectWiseClient {
    pub(crate) fn core_ticket(&self, t: &ServiceTicket, raw: impl Into<VendorRecord>) -> Ticket {
        self.core_ticket_head(TicketHead::from(t), raw)
    }

    /// The core ticket from the fields it needs (a list row is read into [`TicketHead`] only).
    pub(crate) fn core_ticket_head(&self, t: TicketHead, raw: impl Into<VendorRecord>) -> Ticket {
        let closed = t.closed_flag.unwrap_or(false);
        let mut out = Ticket::new(VENDOR, TicketId(t.id), t.summary, raw.into());
        out.number = Some(t.id.to_string());
        out.status = t.status.map(|s| {
            let mut status = Status::new(
                s.id.map(|i| i.to_string()).unwrap_or_default(),
                s.name.unwrap_or_default(),
            )
            .closed(closed);
            status.stage = self.inner.stage_map.stage_of(&status);
            status
        });
        out.stage = out.status.as_ref().and_then(|s| s.stage);
        out.priority = t.priority.map(|p| {
            Priority::new(
                p.id.map(|i| i.to_string()).unwrap_or_default(),
                p.name.unwrap_or_default(),
            )
        });
        out.queue = t.board.map(|b| {
            Queue::new(
                b.id.map(|i| i.to_string()).unwrap_or_default(),
                b.name.unwrap_or_default(),
            )
        });
        out.company = t.company.and_then(|c| c.id).map(CompanyId);
        out.contact = t.contact.and_then(|c| c.id).map(ContactId);
        out.assignee = t.owner.and_then(|o| o.id).map(ResourceId);
        out.external_ref = t.external_xref.filter(|s| !s.is_empty());
        out.created_at = t.info.as_ref().and_then(|i| i.date_entered);
        out.updated_at = t.info.as_ref().and_then(|i| i.last_updated);
        out.closed_at = t.closed_date.as_ref().and_then(|d| d.value().copied());
        out
    }

    pub(crate) fn core_note(
        &self,
        ticket: TicketId,
        n: &ServiceNote,
        raw: impl Into<VendorRecord>,
    ) -> Note {
        let visibility = if n.is_discussion() || n.is_resolution() {
            NoteVisibility::Public
        } else {
            NoteVisibility::Internal
        };
        let mut out = Note::new(
            VENDOR,
            NoteId(n.id),
            n.ticket_id.map(TicketId).unwrap_or(ticket),
            n.text.clone().unwrap_or_default(),
            visibility,
            raw.into(),
        );
        out.author = n
            .member
            .as_ref()
            .or(n.contact.as_ref())
            .and_then(|r| r.name.clone().or_else(|| r.identifier.clone()))
            .or_else(|| n.created_by.clone());
        out.created_at = n
            .date_created
            .or_else(|| n.info.as_ref().and_then(|i| i.date_entered));
        out
    }

    pub(crate) fn core_company(c: &models::Company, raw: impl Into<VendorRecord>) -> Company {
        let mut out = Company::new(
            VENDOR,
            CompanyId(c.id),
            c.name.clone().unwrap_or_default(),
            raw.into(),
        );
        out.identifier = c.identifier.clone();
        out.phone = c.phone_number.clone().filter(|p| !p.is_empty());
        out.is_active = c.is_active();
        out.updated_at = c.info.as_ref().and_then(|i| i.last_updated);
        out
    }

    pub(crate) fn core_contact(c: &models::Contact, raw: impl Into<VendorRecord>) -> Contact {
        let mut out = Contact::new(VENDOR, ContactId(c.id), c.full_name(), raw.into());
        out.company = c.company.as_ref().and_then(|r| r.id).map(CompanyId);
        out.first_name = c.first_name.clone();
        out.last_name = c.last_name.clone();
        out.email = c.email().map(str::to_string);
        out.phone = c.phone().map(str::to_string);
        out.is_active = !c.inactive_flag.unwrap_or(false);
        out.updated_at = c.info.as_ref().and_then(|i| i.last_updated);
        out
    }

    fn ticket_conditions(query: &TicketQuery) -> Option<Condition> {
        let mut conds = Vec::new();
        if let Some(c) = query.company {
            conds.push(field("company/id").eq(c.get()));
        }
        if let Some(c) = query.contact {
            conds.push(field("contact/id").eq(c.get()));
        }
        if !query.statuses.is_empty() {
            let (ids, names): (Vec<&String>, Vec<&String>) = query
                .statuses
                .iter()
                .partition(|s| s.trim().parse::<i64>().is_ok());
            let mut any = Vec::new();
            if !ids.is_empty() {
                any.push(
                    field("status/id").in_(
                        ids.iter()
                            .filter_map(|s| s.trim().parse::<i64>().ok())
                            .collect::<Vec<_>>(),
                    ),
                );
            }
            if !names.is_empty() {
                any.push(
                    field("status/name").in_(names.iter().map(|s| s.trim()).collect::<Vec<_>>()),
                );
            }
            conds.extend(any.into_iter().reduce(Condition::or));
        }
        if query.open_only {
            conds.push(field("closedFlag").eq(false));
        }
        if let Some(t) = query.updated_since {
            conds.push(field("lastUpdated").ge(t));
        }
        if let Some(text) = query.text.as_deref().filter(|t| !t.trim().is_empty()) {
            conds.push(field("summary").contains(text.trim()));
        }
        Condition::all(conds)
    }

    /// The status reference valid on a board: by id, by name, or by the name of a status with
    /// that id on another board.
    async fn resolve_status(&self, board_id: i64, key: &str) -> Result<Reference> {
        let key = key.trim();
        let statuses = self.boards().statuses(board_id).await?;
        let by_id = key.parse::<i64>().ok();
        if let Some(id) = by_id
            && statuses.iter().any(|s| s.id == id)
        {
            return Ok(Reference::id(id));
        }
        let by_name = |name: &str| {
            statuses
                .iter()
                .find(|s| {
                    s.name
                        .as_deref()
                        .is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim()))
                })
                .map(|s| Reference::id(s.id))
        };
        if let Some(r) = by_name(key) {
            return Ok(r);
        }
        if let Some(id) = by_id {
            for board in self.boards().all().await? {
                if board.id == board_id {
                    continue;
                }
                let other = self.boards().statuses(board.id).await?;
                if let Some(name) = other
                    .iter()
                    .find(|s| s.id == id)
                    .and_then(|s| s.name.clone())
                    && let Some(r) = by_name(&name)
                {
                    return Ok(r);
                }
            }
        }
        let names: Vec<String> = statuses.iter().filter_map(|s| s.name.clone()).collect();
        Err(Error::new(
            ErrorKind::Validation,
            format!(
                "status {key:?} is not a status of board {board_id}; its statuses are: {}",
                names.join(", ")
            ),
        )
        .with_fields(["status"]))
    }

    async fn resolve_board(&self, key: &str) -> Result<i64> {
        if let Ok(id) = key.trim().parse::<i64>() {
            return Ok(id);
        }
        self.boards()
            .all()
            .await?
            .into_iter()
            .find(|b| {
                b.name
                    .as_deref()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(key.trim()))
            })
            .map(|b| b.id)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Validation,
                    format!("no service board named {key:?}"),
                )
                .with_fields(["queue"])
            })
    }
}

#[async_trait]
impl Connector for ConnectWiseClient {
    fn vendor(&self) -> Vendor {
        VENDOR
    }

    fn capabilities(&self) -> Capabilities {
        crate::capabilities::CAPABILITIES
    }

    async fn preflight(&self, options: &PreflightOptions) -> Result<PreflightReport> {
        ConnectWiseClient::preflight(self, options).await
    }

    async fn ticket(&self, id: TicketId) -> Result<Ticket> {
        let (t, raw) = self.tickets().get_with_raw(id.get()).await?;
        Ok(self.core_ticket(&t, raw))
    }

    async fn list_tickets(
        &self,
        query: &TicketQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Ticket>> {
        let mut q = Query::new()
            .forward_only(true)
            .page_size(self.inner.page_size);
        q.conditions = Self::ticket_conditions(query);
        let raw = self.list_rows_page("service/tickets", &q, page).await?;
        let mut items = Vec::with_capacity(raw.items.len());
        for row in raw.items {
            let t: TicketHead = typed_row("ticket", &row)?;
            items.push(self.core_ticket_head(t, row));
        }
        Ok(Page::new(items, raw.next))
    }

    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Ticket> {
        ticket.validate()?;
        let company = ticket.company.ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                "a ConnectWise ticket needs a company",
            )
            .with_fields(["company"])
        })?;
        let mut t = NewServiceTicket::new(ticket.title.clone(), Reference::id(company.get()));
        t.board = ticket
            .queue
            .as_deref()
            .map(Reference::id_or_name)
            .or_else(|| self.inner.default_board.clone());
        t.status = ticket.status.as_deref().map(Reference::id_or_name);
        t.priority = ticket.priority.as_deref().map(Reference::id_or_name);
        t.contact = ticket.contact.map(|c| Reference::id(c.get()));
        t.owner = ticket.assignee.map(|a| Reference::id(a.get()));
        t.required_date = ticket.due_at;
        t.initial_description = ticket.description.clone();
        t.source = self.inner.source_name.as_deref().map(Reference::name);
        let (created, raw) = match ticket.idempotency_key.as_deref() {
            Some(key) => self.tickets().create_once_with_raw(&t, key).await?,
            None => self.tickets().create_with_raw(&t).await?,
        };
        Ok(self.core_ticket(&created, raw))
    }

    async fn update_ticket(&self, id: TicketId, update: &TicketUpdate) -> Result<Ticket> {
        if update.description.is_some() {
            return Err(Error::unsupported(
                VENDOR,
                "changing a ticket's description (ConnectWise keeps it as the first Discussion note; add a note instead)",
            ));
        }
        if update.is_empty() {
            return self.ticket(id).await;
        }
        let mut patch = Patch::new();
        if let Some(title) = &update.title {
            if title.trim().is_empty() || title.chars().count() > models::MAX_SUMMARY {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "a ConnectWise summary has 1 to {} characters",
                        models::MAX_SUMMARY
                    ),
                )
                .with_fields(["title"]));
            }
            patch = patch.summary(title.clone());
        }
        let target_board = match &update.queue {
            Some(q) => {
                let board = self.resolve_board(q).await?;
                patch = patch.board(Reference::id(board));
                Some(board)
            }
            None => None,
        };
        if let Some(status) = &update.status {
            let board = match target_board {
                Some(b) => b,
                None => self
                    .tickets()
                    .get(id.get())
                    .await?
                    .board
                    .and_then(|b| b.id)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::Validation,
                            format!(
                                "ticket {id} has no board, so status {status:?} cannot be resolved"
                            ),
                        )
                        .with_fields(["status"])
                    })?,
            };
            patch = patch.status(self.resolve_status(board, status).await?);
        }
        if let Some(p) = &update.priority {
            patch = patch.priority(Reference::id_or_name(p));
        }
        if let Some(a) = update.assignee {
            patch = patch.owner(Reference::id(a.get()));
        }
        if let Some(c) = update.contact {
            patch = patch.contact(Reference::id(c.get()));
        }
        let (t, raw) = self.tickets().patch_with_raw(id.get(), &patch).await?;
        Ok(self.core_ticket(&t, raw))
    }

    async fn list_notes(&self, ticket: TicketId, page: Option<PageToken>) -> Result<Page<Note>> {
        let q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        let path = format!("service/tickets/{}/notes", ticket.get());
        let raw = self.list_rows_page(&path, &q, page).await?;
        let mut items = Vec::with_capacity(raw.items.len());
        for row in raw.items {
            let n: ServiceNote = typed_row("note", &row)?;
            items.push(self.core_note(ticket, &n, row));
        }
        Ok(Page::new(items, raw.next))
    }

    async fn add_note(&self, ticket: TicketId, note: &NewNote) -> Result<Note> {
        note.validate()?;
        // ConnectWise notes have no title: a title becomes the first line of the text.
        let text = match note
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(title) => format!("{title}\n\n{}", note.body),
            None => note.body.clone(),
        };
        let new = match note.visibility {
            NoteVisibility::Public => NewServiceNote::discussion(text),
            _ => NewServiceNote::internal(text),
        }
        .process_notifications(note.notify_customer);
        let (n, raw) = self
            .ticket_notes(ticket.get())
            .create_with_raw(&new)
            .await?;
        Ok(self.core_note(ticket, &n, raw))
    }

    async fn company(&self, id: CompanyId) -> Result<Company> {
        let (c, raw) = crate::api::get_typed::<models::Company>(
            self,
            &format!("company/companies/{}", id.get()),
            "company",
        )
        .await?;
        Ok(Self::core_company(&c, raw))
    }

    async fn list_companies(
        &self,
        query: &CompanyQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Company>> {
        let mut conds = Vec::new();
        if let Some(name) = query.name.as_deref().filter(|n| !n.trim().is_empty()) {
            conds.push(field("name").contains(name.trim()));
        }
        if let Some(active) = query.active {
            conds.push(field("deletedFlag").eq(!active));
        }
        if let Some(t) = query.updated_since {
            conds.push(field("_info/lastUpdated").ge(t));
        }
        let mut q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        q.conditions = Condition::all(conds);
        let raw = self.list_rows_page("company/companies", &q, page).await?;
        let mut items = Vec::with_capacity(raw.items.len());
        for row in raw.items {
            let c: models::Company = typed_row("company", &row)?;
            items.push(Self::core_company(&c, row));
        }
        Ok(Page::new(items, raw.next))
    }

    async fn contact(&self, id: ContactId) -> Result<Contact> {
        let (c, raw) = crate::api::get_typed::<models::Contact>(
            self,
            &format!("company/contacts/{}", id.get()),
            "contact",
        )
        .await?;
        Ok(Self::core_contact(&c, raw))
    }

    async fn list_contacts(
        &self,
        query: &ContactQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contact>> {
        let mut q = Query::new()
            .order_by("id", Direction::Asc)
            .page_size(self.inner.page_size);
        let mut conds = Vec::new();
        if let Some(c) = query.company {
            conds.push(field("company/id").eq(c.get()));
        }
        if let Some(t) = query.updated_since {
            conds.push(field("_info/lastUpdated").ge(t));
        }
        q.conditions = Condition::all(conds);
        if let Some(email) = query.email.as_deref().filter(|e| !e.trim().is_empty()) {
            q = q.child_conditions(email_child_condition(email));
        }
        let raw = self.list_rows_page("company/contacts", &q, page).await?;
        let mut items = Vec::with_capacity(raw.items.len());
        for row in raw.items {
            let c: models::Contact = typed_row("contact", &row)?;
            items.push(Self::core_contact(&c, row));
        }
        Ok(Page::new(items, raw.next))
    }

    async fn statuses(&self) -> Result<Vec<Status>> {
        let mut out = Vec::new();
        for board in self.boards().all().await? {
            if !board.is_active() {
                continue;
            }
            for s in self.boards().statuses(board.id).await? {
                let mut status = Status::new(s.id.to_string(), s.name.clone().unwrap_or_default())
                    .closed(s.is_closed());
                status.is_active = s.is_active();
                status.stage = self.inner.stage_map.stage_of(&status);
                out.push(status);
            }
        }
        Ok(out)
    }

    async fn priorities(&self) -> Result<Vec<Priority>> {
        Ok(self
            .priorities()
            .all()
            .await?
            .into_iter()
            .map(|p| Priority::new(p.id.to_string(), p.name.unwrap_or_default()))
            .collect())
    }

    async fn queues(&self) -> Result<Vec<Queue>> {
        Ok(self
            .boards()
            .all()
            .await?
            .into_iter()
            .map(|b| {
                let mut q = Queue::new(b.id.to_string(), b.name.clone().unwrap_or_default());
                q.is_active = b.is_active();
                q
            })
            .collect())
    }

    async fn attach_file(
        &self,
        ticket: TicketId,
        attachment: Attachment,
    ) -> Result<AttachmentReceipt> {
        let bytes = match attachment.data {
            AttachmentData::Bytes(b) => b,
            _ => {
                return Err(Error::unsupported(
                    VENDOR,
                    "attaching a file from a URL (ConnectWise stores link documents but does not fetch them; download it and attach the bytes)",
                ));
            }
        };
        let mut up = DocumentUpload::file(
            DocumentRecordType::Ticket,
            ticket.get(),
            attachment.file_name.clone(),
            bytes,
        )
        .private(!attachment.public);
        if let Some(t) = attachment.title {
            up = up.title(t);
        }
        if let Some(ct) = attachment.content_type {
            up = up.content_type(ct);
        }
        let doc = self.documents().upload(&up).await?;
        Ok(AttachmentReceipt::new(Some(doc.id), false, None))
    }
}
