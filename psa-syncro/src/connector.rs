//! `impl psa_core::Connector for SyncroClient` and the Syncro ↔ core mapping.
//!
//! | core | Syncro |
//! |---|---|
//! | company | customer (`business_then_name`) |
//! | contact | contact (`GET /contacts?customer_id=`; email matched here, the API has no email filter) |
//! | ticket title / description | `subject` / the first comment ("Initial Issue") |
//! | status / priority | status name / priority label (account-defined text, no ids) |
//! | note (Internal / Public) | comment `hidden: true` / `hidden: false` (+ `do_not_email` unless `notify_customer`) |
//! | queue | — (Syncro has none: [`ErrorKind::Unsupported`]) |
//! | attachment | by URL only (`attach_file_url`, processed later) |
//! | idempotency key | a ticket property (or subject marker), found again with `query` |
//!
//! A page token is the next page number; pass the same query with it.

use async_trait::async_trait;
use psa_core::{
    Attachment, AttachmentData, AttachmentReceipt, Capabilities, Company, CompanyId, CompanyQuery,
    Connector, Contact, ContactId, ContactQuery, Error, ErrorKind, NewNote, NewTicket, Note,
    NoteId, NoteVisibility, Page, PageToken, PreflightOptions, PreflightReport, Priority, Queue,
    ResourceId, Result, Status, Ticket, TicketId, TicketQuery, TicketUpdate, Vendor, VendorRecord,
};
use time::OffsetDateTime;

use crate::SyncroClient;
use crate::api::parse_page_token;
use crate::idempotency::IdempotencyMarker;
use crate::models::ticket_head::TicketHead;
use crate::models::{self, CommentInput, FileUrl, Raw, TicketInput};
use crate::query::{CommentFilter, CustomerFilter, NOT_CLOSED, TicketFilter};
use serde_json::Value;

/// Statuses that count as closed (Syncro's stock closed states).
const CLOSED_STATUSES: &[&str] = &["Resolved", "Invoiced"];

/// Subject of the first comment that carries a new ticket's description (Syncro's own name).
pub const INITIAL_ISSUE_SUBJECT: &str = "Initial Issue";

fn utc(t: Option<OffsetDateTime>) -> Option<OffsetDateTime> {
    t.map(psa_core::wire::to_utc)
}

/// Whether a record changed at or after `since` (a record without a time passes).
fn changed_since(since: Option<OffsetDateTime>, at: Option<OffsetDateTime>) -> bool {
    match (since, at) {
        (Some(since), Some(at)) => at >= since,
        _ => true,
    }
}

fn is_closed_status(name: &str) -> bool {
    CLOSED_STATUSES
        .iter()
        .any(|c| c.eq_ignore_ascii_case(name.trim()))
}

impl SyncroClient {
    fn status_of(&self, name: &str) -> Status {
        let mut s = Status::new(name, name).closed(is_closed_status(name));
        s.stage = self.inner.stage_map.stage_of(&s);
        s
    }

    fn core_ticket(&self, r: &Raw<models::Ticket>) -> Ticket {
        self.map_ticket(&r.typed, r.json.clone())
    }

    pub(crate) fn map_ticket(&self, t: &models::Ticket, record: impl Into<VendorRecord>) -> Ticket {
        self.map_ticket_head(TicketHead::from(t), record)
    }

    /// The core ticket from the fields it needs (a list row is read into [`TicketHead`] only).
    pub(crate) fn map_ticket_head(&self, t: TicketHead, record: impl Into<VendorRecord>) -> Ticket {
        let subject = t.subject.as_deref().unwrap_or("");
        let mut out = Ticket::new(
            Vendor::Syncro,
            TicketId(t.id),
            IdempotencyMarker::strip_subject(subject),
            record.into(),
        );
        out.number = t.number.map(|n| n.to_string());
        out.external_ref = self
            .inner
            .marker
            .key_in(&t.properties, t.subject.as_deref())
            .map(str::to_string);
        out.description = t
            .comments
            .into_iter()
            .min_by_key(|c| (c.created_at.map(|d| d.unix_timestamp_nanos()), c.id))
            .and_then(|c| c.body);
        out.status = t
            .status
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| self.status_of(s));
        out.stage = out.status.as_ref().and_then(|s| s.stage);
        out.priority = t
            .priority
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(|p| Priority::new(p, p));
        out.company = t.customer_id.map(CompanyId);
        out.contact = t.contact_id.map(ContactId);
        out.assignee = t.user_id.map(ResourceId);
        out.created_at = utc(t.created_at);
        out.updated_at = utc(t.updated_at);
        out.closed_at = utc(t.resolved_at.as_ref().and_then(|f| f.value().copied()));
        out
    }

    fn core_note(&self, ticket: TicketId, r: &Raw<models::Comment>) -> Note {
        Self::map_note(ticket, &r.typed, r.json.clone())
    }

    pub(crate) fn map_note(
        ticket: TicketId,
        c: &models::Comment,
        record: impl Into<VendorRecord>,
    ) -> Note {
        let visibility = if c.hidden == Some(true) {
            NoteVisibility::Internal
        } else {
            NoteVisibility::Public
        };
        let mut n = Note::new(
            Vendor::Syncro,
            NoteId(c.id),
            c.ticket_id.map(TicketId).unwrap_or(ticket),
            c.body.clone().unwrap_or_default(),
            visibility,
            record.into(),
        );
        n.title = c.subject.clone();
        n.author = c.tech.clone().or_else(|| {
            c.user
                .as_ref()
                .and_then(|u| u.get("full_name"))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        });
        n.created_at = utc(c.created_at);
        n
    }

    pub(crate) fn core_company(r: &Raw<models::Customer>) -> Company {
        let c = &r.typed;
        let mut out = Company::new(
            Vendor::Syncro,
            CompanyId(c.id),
            c.display_name(),
            r.json.clone(),
        );
        out.phone = c
            .phone
            .clone()
            .filter(|p| !p.trim().is_empty())
            .or_else(|| c.mobile.clone());
        out.is_active = c.disabled != Some(true);
        out.updated_at = utc(c.updated_at);
        out
    }

    pub(crate) fn core_contact(r: &Raw<models::Contact>) -> Contact {
        let c = &r.typed;
        let name = c
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| c.email.clone())
            .unwrap_or_else(|| format!("#{}", c.id));
        let mut out = Contact::new(Vendor::Syncro, ContactId(c.id), name, r.json.clone());
        out.company = c.customer_id.map(CompanyId);
        out.email = c.email.clone();
        out.phone = c
            .phone
            .clone()
            .filter(|p| !p.trim().is_empty())
            .or_else(|| c.mobile.clone());
        out.updated_at = utc(c.updated_at);
        out
    }

    /// The body of `POST /tickets` for a core [`NewTicket`] (without the idempotency marker).
    pub fn ticket_input(&self, t: &NewTicket) -> Result<TicketInput> {
        t.validate()?;
        let customer = t.company.ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                "Syncro needs a customer for every ticket: set NewTicket::company",
            )
            .with_fields(["company"])
        })?;
        if t.queue.is_some() {
            return Err(Error::unsupported(
                Vendor::Syncro,
                "queues (NewTicket::queue); Syncro tickets have no queue",
            ));
        }
        let mut input = TicketInput::new()
            .customer_id(customer.get())
            .subject(t.title.trim());
        input.contact_id = t.contact.map(|c| c.get());
        input.status = t.status.clone();
        input.priority = t.priority.clone();
        input.user_id = t.assignee.map(|a| a.get());
        input.due_date = t.due_at;
        if let Some(d) = t.description.as_deref().filter(|d| !d.trim().is_empty()) {
            input = input.comment(
                CommentInput::new(INITIAL_ISSUE_SUBJECT, d)
                    .hidden(false)
                    .do_not_email(true),
            );
        }
        Ok(input)
    }
}

#[async_trait]
impl Connector for SyncroClient {
    fn vendor(&self) -> Vendor {
        Vendor::Syncro
    }

    fn capabilities(&self) -> Capabilities {
        crate::capabilities::CAPABILITIES
    }

    async fn preflight(&self, options: &PreflightOptions) -> Result<PreflightReport> {
        SyncroClient::preflight(self, options).await
    }

    async fn ticket(&self, id: TicketId) -> Result<Ticket> {
        Ok(self.core_ticket(&self.tickets().get_raw(id.get()).await?))
    }

    async fn list_tickets(
        &self,
        query: &TicketQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Ticket>> {
        let page_no = page
            .as_ref()
            .map(parse_page_token)
            .transpose()?
            .unwrap_or(1);
        let mut f = TicketFilter::new().page(page_no);
        f.customer_id = query.company.map(|c| c.get());
        f.contact_id = query.contact.map(|c| c.get());
        f.query = query.text.clone().filter(|t| !t.trim().is_empty());
        f.since_updated_at = query.updated_since;
        // Syncro filters one status at a time; several are filtered here.
        f.status = match (query.statuses.as_slice(), query.open_only) {
            ([one], _) => Some(one.clone()),
            ([], true) => Some(NOT_CLOSED.to_string()),
            _ => None,
        };
        let list = self.tickets().list_heads(&f).await?;
        let next = list.next_page().map(|n| PageToken::new(n.to_string()));
        let mut items = Vec::with_capacity(list.items.len());
        for raw in list.items {
            let t = &raw.typed;
            let status = t.status.as_deref().unwrap_or("");
            if !query.statuses.is_empty()
                && !query
                    .statuses
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(status))
            {
                continue;
            }
            // `since_updated_at` may be honoured by date only: keep the exact bound here.
            if let (Some(since), Some(upd)) = (query.updated_since, t.updated_at)
                && upd < since
            {
                continue;
            }
            let core = self.map_ticket_head(raw.typed, raw.json);
            if query.open_only && core.is_closed() {
                continue;
            }
            items.push(core);
        }
        Ok(Page::new(items, next))
    }

    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Ticket> {
        let input = self.ticket_input(ticket)?;
        let created = match ticket.idempotency_key.as_deref() {
            Some(key) => self.tickets().create_once_raw(&input, key).await?,
            None => self.tickets().create_raw(&input).await?,
        };
        Ok(self.core_ticket(&created))
    }

    async fn update_ticket(&self, id: TicketId, update: &TicketUpdate) -> Result<Ticket> {
        if update.queue.is_some() {
            return Err(Error::unsupported(
                Vendor::Syncro,
                "queues (TicketUpdate::queue); Syncro tickets have no queue",
            ));
        }
        if update.description.is_some() {
            return Err(Error::unsupported(
                Vendor::Syncro,
                "changing a ticket's description (it is the first comment, which the API cannot edit); add a note instead",
            ));
        }
        let mut changes = TicketInput::new();
        if let Some(t) = &update.title {
            if t.trim().is_empty() {
                return Err(
                    Error::new(ErrorKind::Validation, "a ticket needs a non-empty title")
                        .with_fields(["title"]),
                );
            }
            // Keep an idempotency marker that lives in the subject.
            let current = match self.inner.marker {
                IdempotencyMarker::Subject => self.tickets().get(id.get()).await.ok(),
                _ => None,
            };
            let key = current
                .as_ref()
                .and_then(|c| self.inner.marker.key_of(c))
                .map(str::to_string);
            changes.subject = Some(match key {
                Some(k) => self.inner.marker.subject_with_marker(t.trim(), &k),
                None => t.trim().to_string(),
            });
        }
        changes.status = update.status.clone();
        changes.priority = update.priority.clone();
        changes.user_id = update.assignee.map(|a| a.get());
        changes.contact_id = update.contact.map(|c| c.get());
        let updated = if changes == TicketInput::new() {
            self.tickets().get_raw(id.get()).await?
        } else {
            self.tickets().update_raw(id.get(), &changes).await?
        };
        Ok(self.core_ticket(&updated))
    }

    async fn list_notes(&self, ticket: TicketId, page: Option<PageToken>) -> Result<Page<Note>> {
        let page_no = page
            .as_ref()
            .map(parse_page_token)
            .transpose()?
            .unwrap_or(1);
        // `per_page` exists only on comment lists: the builder's `page_size`, else the largest
        // reported (100), so a stream spends the fewest requests.
        let per_page = self.inner.page_size.unwrap_or(crate::client::MAX_PER_PAGE);
        let filter = CommentFilter::new()
            .sort("created_at", "ASC")
            .per_page(per_page)
            .page(page_no);
        match self.comments(ticket.get()).list_raw(&filter).await {
            Ok(list) => {
                let next = list.next_page().map(|n| PageToken::new(n.to_string()));
                let items = list
                    .items
                    .iter()
                    .map(|c| self.core_note(ticket, c))
                    .collect();
                Ok(Page::new(items, next))
            }
            // The comments endpoint is recent (2025); older deployments answer 404. The ticket
            // detail carries every comment, so fall back to it when the ticket exists.
            Err(e) if e.kind() == ErrorKind::NotFound && page_no == 1 => {
                let t = self.tickets().get_raw(ticket.get()).await?;
                let detail = t.json.to_value()?;
                let raw_comments = detail.get("comments").and_then(Value::as_array);
                let mut items = Vec::with_capacity(t.typed.comments.len());
                for (i, c) in t.typed.comments.iter().enumerate() {
                    let record = match raw_comments.and_then(|a| a.get(i)) {
                        Some(v) => v.clone(),
                        None => serde_json::to_value(c)?,
                    };
                    items.push(Self::map_note(ticket, c, record));
                }
                Ok(Page::last(items))
            }
            Err(e) => Err(e),
        }
    }

    async fn add_note(&self, ticket: TicketId, note: &NewNote) -> Result<Note> {
        note.validate()?;
        let subject = note.title_or_summary(80);
        let subject = if subject.trim().is_empty() {
            "Update".to_string()
        } else {
            subject
        };
        let input = match note.visibility {
            NoteVisibility::Internal => CommentInput::new(subject, note.body.clone())
                .hidden(true)
                .do_not_email(true),
            _ => CommentInput::new(subject, note.body.clone())
                .hidden(false)
                .do_not_email(!note.notify_customer),
        };
        let c = self.comments(ticket.get()).add_raw(&input).await?;
        Ok(self.core_note(ticket, &c))
    }

    async fn company(&self, id: CompanyId) -> Result<Company> {
        Ok(Self::core_company(
            &self.customers().get_raw(id.get()).await?,
        ))
    }

    async fn list_companies(
        &self,
        query: &CompanyQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Company>> {
        let page_no = page
            .as_ref()
            .map(parse_page_token)
            .transpose()?
            .unwrap_or(1);
        let mut f = CustomerFilter::new().page(page_no);
        f.query = query.name.clone().filter(|n| !n.trim().is_empty());
        // Disabled customers are hidden unless asked for.
        if query.active != Some(true) {
            f.include_disabled = Some(true);
        }
        let list = self.customers().list_raw(&f).await?;
        let next = list.next_page().map(|n| PageToken::new(n.to_string()));
        let mut items = Vec::with_capacity(list.items.len());
        for c in &list.items {
            let company = Self::core_company(c);
            if query.active.is_some_and(|a| a != company.is_active) {
                continue;
            }
            // Syncro has no server-side change filter for customers: filtered here.
            if !changed_since(query.updated_since, company.updated_at) {
                continue;
            }
            items.push(company);
        }
        Ok(Page::new(items, next))
    }

    async fn contact(&self, id: ContactId) -> Result<Contact> {
        Ok(Self::core_contact(
            &self.contacts().get_raw(id.get()).await?,
        ))
    }

    async fn list_contacts(
        &self,
        query: &ContactQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contact>> {
        let page_no = page
            .as_ref()
            .map(parse_page_token)
            .transpose()?
            .unwrap_or(1);
        let list = self
            .contacts()
            .list_raw(query.company.map(|c| c.get()), page_no)
            .await?;
        let next = list.next_page().map(|n| PageToken::new(n.to_string()));
        let mut items = Vec::with_capacity(list.items.len());
        for c in &list.items {
            if let Some(email) = &query.email
                && !c.typed.has_email(email)
            {
                continue;
            }
            let contact = Self::core_contact(c);
            // Syncro has no server-side change filter for contacts: filtered here.
            if !changed_since(query.updated_since, contact.updated_at) {
                continue;
            }
            items.push(contact);
        }
        Ok(Page::new(items, next))
    }

    async fn statuses(&self) -> Result<Vec<Status>> {
        let settings = self.settings().tickets().await?;
        Ok(settings
            .ticket_status_list
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| self.status_of(s))
            .collect())
    }

    async fn priorities(&self) -> Result<Vec<Priority>> {
        let settings = self.settings().account().await?;
        Ok(settings
            .ticket
            .priority_labels()
            .into_iter()
            .map(|p| Priority::new(p, p))
            .collect())
    }

    async fn queues(&self) -> Result<Vec<Queue>> {
        Err(Error::unsupported(Vendor::Syncro, "queues"))
    }

    async fn attach_file(
        &self,
        ticket: TicketId,
        attachment: Attachment,
    ) -> Result<AttachmentReceipt> {
        match &attachment.data {
            AttachmentData::Url(url) => {
                let receipt = self
                    .tickets()
                    .attach_file_url(
                        ticket.get(),
                        &[FileUrl::new(url.clone(), attachment.file_name.clone())],
                    )
                    .await?;
                Ok(AttachmentReceipt::new(None, true, receipt.message))
            }
            _ => Err(Error::unsupported(
                Vendor::Syncro,
                "attachments from bytes; Syncro only attaches files it downloads from a URL (Attachment::from_url)",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn client() -> SyncroClient {
        SyncroClient::builder()
            .subdomain("acme")
            .api_token("t0ken")
            .build()
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn ticket_mapping_keeps_everything() {
        let c = client().await;
        let t: models::Ticket = serde_json::from_value(serde_json::json!({
            "id": 5000000000_i64, "number": 1042, "subject": "Printer offline", "status": "Resolved",
            "priority": "2 Normal", "customer_id": 7, "contact_id": 8, "user_id": 9,
            "created_at": "2025-01-29T13:31:46.716-05:00", "resolved_at": "2025-01-30T08:00:00-05:00",
            "properties": {"psa_idempotency_key": "k1"},
            "comments": [
                {"id": 2, "created_at": "2025-01-29T14:00:00-05:00", "body": "later"},
                {"id": 1, "created_at": "2025-01-29T13:31:46-05:00", "body": "It shows error 49"}
            ],
            "user": {"id": 9, "full_name": "Sam", "admin?": false},
            "surprise": true
        }))
        .unwrap();
        let core = c.map_ticket(&t, serde_json::to_value(&t).unwrap());
        assert_eq!(core.id, TicketId(5_000_000_000));
        assert_eq!(core.number.as_deref(), Some("1042"));
        assert_eq!(core.description.as_deref(), Some("It shows error 49"));
        assert!(core.is_closed());
        assert_eq!(core.stage, Some(psa_core::Stage::Resolved));
        assert_eq!(core.external_ref.as_deref(), Some("k1"));
        assert_eq!(core.created_at.unwrap().offset(), time::UtcOffset::UTC);
        assert_eq!(core.created_at.unwrap().hour(), 18);
        let record = core.vendor_record.to_value().unwrap();
        assert_eq!(record["surprise"], true);
        assert_eq!(record["user"]["admin?"], false);
    }

    #[tokio::test]
    async fn new_ticket_body_is_flat_and_checked() {
        let c = client().await;
        let t = NewTicket::new("Email down")
            .company(CompanyId(3))
            .description("Outlook fails");
        let body = serde_json::to_value(c.ticket_input(&t).unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "customer_id": 3, "subject": "Email down",
                "comments_attributes": [{"subject": "Initial Issue", "body": "Outlook fails", "hidden": false, "do_not_email": true}]
            })
        );
        let err = c.ticket_input(&NewTicket::new("x")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation);
        let err = c
            .ticket_input(&NewTicket::new("x").company(CompanyId(1)).queue("5"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
    }
}
