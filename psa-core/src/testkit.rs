//! The conformance suite every connector runs against the simulator (feature `testkit`).
//!
//! It drives a connector through the [`Connector`] trait alone and picks its cases from the
//! connector's [`Capabilities`](crate::Capabilities), so all three vendors are held to the same
//! behaviour. It panics with a message naming the failed expectation, like `assert!` does, so
//! call it from a test:
//!
//! ```no_run
//! # async fn demo(connector: &dyn psa_core::Connector) {
//! use psa_core::testkit::{ConformanceFixture, run_conformance};
//! let fixture = ConformanceFixture::new(psa_core::CompanyId(1)).contact_email("ada@example.com");
//! run_conformance(connector, &fixture).await;
//! # }
//! ```

pub mod business;
pub mod changes;
pub mod webhooks;

use std::collections::HashSet;

mod idempotency;

pub use idempotency::{
    IdempotencyFixture, run_idempotency_conformance, run_idempotency_under_faults,
};

use futures::TryStreamExt;

use crate::Capability;
use crate::{
    Attachment, CompanyId, CompanyQuery, Connector, ConnectorExt, ContactQuery, ErrorKind, NewNote,
    NewTicket, NoteVisibility, PageToken, TicketId, TicketQuery, TicketUpdate,
};

mod preflight;
pub use preflight::{assert_preflight_names_denied, assert_preflight_ready};

/// What the suite may rely on in the PSA under test.
#[non_exhaustive]
#[derive(Debug, Clone)]
pub struct ConformanceFixture {
    /// A company that exists and has at least one contact.
    pub company: CompanyId,
    /// The email of an existing contact of `company`, for `find_contact_by_email`.
    pub contact_email: Option<String>,
    /// A ticket id that does not exist.
    pub missing_ticket: TicketId,
    /// A marker put in the titles of the tickets the suite creates.
    pub marker: String,
}

impl ConformanceFixture {
    /// A fixture around an existing company.
    pub fn new(company: CompanyId) -> Self {
        ConformanceFixture {
            company,
            contact_email: None,
            missing_ticket: TicketId(999_999_937),
            marker: format!("conformance-{}", fastrand::u32(..)),
        }
    }

    /// Sets the email of an existing contact of the company.
    pub fn contact_email(mut self, email: impl Into<String>) -> Self {
        self.contact_email = Some(email.into());
        self
    }

    /// Sets an id that no ticket has.
    pub fn missing_ticket(mut self, id: TicketId) -> Self {
        self.missing_ticket = id;
        self
    }
}

/// Runs every case the connector's capabilities allow. Panics on the first failure.
pub async fn run_conformance(c: &dyn Connector, f: &ConformanceFixture) {
    let caps = c.capabilities();
    let vendor = c.vendor();

    // Base data.
    let statuses = c
        .statuses()
        .await
        .unwrap_or_else(|e| panic!("statuses(): {e}"));
    assert!(!statuses.is_empty(), "statuses() returned nothing");
    let priorities = c
        .priorities()
        .await
        .unwrap_or_else(|e| panic!("priorities(): {e}"));
    assert!(!priorities.is_empty(), "priorities() returned nothing");
    match c.queues().await {
        Ok(q) => assert!(
            caps.supports(Capability::Queues),
            "queues() answered although the connector does not declare Capability::Queues ({} queues)",
            q.len()
        ),
        Err(e) => {
            assert!(!caps.supports(Capability::Queues), "queues(): {e}");
            assert_eq!(
                e.kind(),
                ErrorKind::Unsupported,
                "queues() without the capability must be Unsupported: {e}"
            );
        }
    }

    // Companies.
    let company = c
        .company(f.company)
        .await
        .unwrap_or_else(|e| panic!("company({}): {e}", f.company));
    assert_eq!(company.id, f.company, "company() returned another id");
    assert_eq!(company.vendor, vendor);
    assert!(
        !company.name.is_empty(),
        "company {} has no name",
        f.company
    );
    let companies: Vec<_> = c
        .stream_companies(&CompanyQuery::new())
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("companies stream: {e}"));
    assert!(
        companies.iter().any(|x| x.id == f.company),
        "the companies stream misses company {}",
        f.company
    );
    assert_unique(companies.iter().map(|x| x.id.get()), "companies");
    let by_name: Vec<_> = c
        .stream_companies(&CompanyQuery::new().name(company.name.clone()))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("companies by name: {e}"));
    assert!(
        by_name.iter().any(|x| x.id == f.company),
        "searching companies by name {:?} misses it",
        company.name
    );

    // Contacts.
    let contacts: Vec<_> = c
        .stream_contacts(&ContactQuery::new().company(f.company))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("contacts of company {}: {e}", f.company));
    assert!(
        !contacts.is_empty(),
        "company {} has no contacts",
        f.company
    );
    for ct in &contacts {
        assert_eq!(
            ct.company,
            Some(f.company),
            "contact {} listed for the wrong company",
            ct.id
        );
    }
    assert_unique(contacts.iter().map(|x| x.id.get()), "contacts");
    let first = c
        .contact(contacts[0].id)
        .await
        .unwrap_or_else(|e| panic!("contact({}): {e}", contacts[0].id));
    assert_eq!(first.id, contacts[0].id);
    if let Some(email) = &f.contact_email {
        let found = c
            .find_contact_by_email(&email.to_uppercase())
            .await
            .unwrap_or_else(|e| panic!("find_contact_by_email: {e}"))
            .unwrap_or_else(|| panic!("find_contact_by_email({email}) found nothing"));
        assert!(
            found.has_email(email),
            "find_contact_by_email returned {:?}",
            found.email
        );
    }
    let nobody = c
        .find_contact_by_email("nobody-at-all@conformance.invalid")
        .await
        .unwrap_or_else(|e| panic!("find_contact_by_email(unknown): {e}"));
    assert!(nobody.is_none(), "an unknown email matched a contact");

    // Missing ticket.
    match c.ticket(f.missing_ticket).await {
        Ok(t) => panic!(
            "ticket({}) should not exist, got {:?}",
            f.missing_ticket, t.title
        ),
        Err(e) => assert_eq!(
            e.kind(),
            ErrorKind::NotFound,
            "ticket(missing) must be NotFound: {e}"
        ),
    }

    // Listing and paging.
    let first_page = c
        .list_tickets(&TicketQuery::new(), None)
        .await
        .unwrap_or_else(|e| panic!("list_tickets: {e}"));
    if let Some(token) = first_page.next.clone() {
        let json = serde_json::to_string(&token)
            .unwrap_or_else(|e| panic!("page token does not serialize: {e}"));
        let restored: PageToken = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("page token does not deserialize: {e}"));
        let second = c
            .list_tickets(&TicketQuery::new(), Some(restored))
            .await
            .unwrap_or_else(|e| panic!("list_tickets(restored token): {e}"));
        let ids: HashSet<_> = first_page.items.iter().map(|t| t.id).collect();
        assert!(
            !second.items.is_empty(),
            "the page after a restored token is empty"
        );
        assert!(
            second.items.iter().all(|t| !ids.contains(&t.id)),
            "a restored token repeated first-page tickets"
        );
    }
    let all: Vec<_> = c
        .stream_tickets(&TicketQuery::new())
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("tickets stream: {e}"));
    assert!(
        all.len() >= first_page.items.len(),
        "the stream returned fewer tickets than the first page"
    );
    assert_unique(all.iter().map(|t| t.id.get()), "tickets");
    let of_company: Vec<_> = c
        .stream_tickets(&TicketQuery::new().company(f.company))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("tickets of company: {e}"));
    assert!(
        of_company.iter().all(|t| t.company == Some(f.company)),
        "company filter returned other companies' tickets"
    );
    let open: Vec<_> = c
        .stream_tickets(&TicketQuery::new().open_only(true))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("open tickets: {e}"));
    assert!(
        open.iter().all(|t| !t.is_closed()),
        "open_only returned a closed ticket"
    );

    if !caps.supports(Capability::CreateTickets) {
        return;
    }

    // Create, read back, search.
    let title = format!("{} printer offline", f.marker);
    let mut new = NewTicket::new(&title)
        .company(f.company)
        .description("Created by the psa-sdk conformance suite");
    if caps.supports(Capability::IdempotentCreate) {
        new = new.idempotency_key(format!("{}-key", f.marker));
    }
    let created = c
        .create_ticket(&new)
        .await
        .unwrap_or_else(|e| panic!("create_ticket: {e}"));
    assert_eq!(created.title, title, "created ticket title");
    assert_eq!(created.company, Some(f.company), "created ticket company");
    let read = c
        .ticket(created.id)
        .await
        .unwrap_or_else(|e| panic!("ticket({}) after create: {e}", created.id));
    assert_eq!(read.title, title);
    assert_eq!(read.vendor, vendor);
    assert!(!read.vendor_record.is_null(), "vendor_record is empty");
    let found: Vec<_> = c
        .stream_tickets(&TicketQuery::new().text(f.marker.clone()))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("text search: {e}"));
    assert!(
        found.iter().any(|t| t.id == created.id),
        "text search for the marker misses the new ticket"
    );
    let empty = NewTicket::new("  ").company(f.company);
    let err = c
        .create_ticket(&empty)
        .await
        .err()
        .unwrap_or_else(|| panic!("a blank title was accepted"));
    assert_eq!(
        err.kind(),
        ErrorKind::Validation,
        "blank title must be a Validation error: {err}"
    );

    // Update.
    if caps.supports(Capability::UpdateTickets) {
        let new_title = format!("{} printer offline (updated)", f.marker);
        let updated = c
            .update_ticket(created.id, &TicketUpdate::new().title(&new_title))
            .await
            .unwrap_or_else(|e| panic!("update_ticket(title): {e}"));
        assert_eq!(updated.title, new_title);
        let reread = c
            .ticket(created.id)
            .await
            .unwrap_or_else(|e| panic!("ticket after update: {e}"));
        assert_eq!(reread.title, new_title, "the update did not stick");
        if let Some(closed) = statuses.iter().find(|s| s.is_closed) {
            let done = c
                .update_ticket(created.id, &TicketUpdate::new().status(closed.id.clone()))
                .await
                .unwrap_or_else(|e| panic!("update_ticket(status {}): {e}", closed.name));
            assert!(
                done.is_closed(),
                "ticket not closed after setting status {:?}",
                closed.name
            );
        }
    } else {
        let err = c
            .update_ticket(created.id, &TicketUpdate::new().title("x"))
            .await
            .err();
        assert!(
            matches!(err.map(|e| e.kind()), Some(ErrorKind::Unsupported)),
            "update without the capability"
        );
    }

    // Notes.
    if caps.supports(Capability::AddNotes) {
        let public = c
            .add_note(
                created.id,
                &NewNote::new(format!("{} public note", f.marker))
                    .visibility(NoteVisibility::Public),
            )
            .await
            .unwrap_or_else(|e| panic!("add_note(public): {e}"));
        assert_eq!(public.ticket, created.id);
        assert_eq!(public.visibility, NoteVisibility::Public);
        let mut expected = vec![public.id];
        if caps.supports(Capability::InternalNotes) {
            let internal = c
                .add_note(
                    created.id,
                    &NewNote::new(format!("{} internal note", f.marker)),
                )
                .await
                .unwrap_or_else(|e| panic!("add_note(internal): {e}"));
            assert_eq!(internal.visibility, NoteVisibility::Internal);
            expected.push(internal.id);
        }
        let notes: Vec<_> = c
            .stream_notes(created.id)
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("notes stream: {e}"));
        for id in expected {
            let n = notes
                .iter()
                .find(|n| n.id == id)
                .unwrap_or_else(|| panic!("note {id} missing from list_notes"));
            assert!(
                n.body.contains(&f.marker),
                "note {id} body lost: {:?}",
                n.body
            );
        }
        let blank = c.add_note(created.id, &NewNote::new("")).await.err();
        assert!(
            matches!(blank.map(|e| e.kind()), Some(ErrorKind::Validation)),
            "a blank note must be a Validation error"
        );
    }

    // Attachments.
    if caps.supports(Capability::Attachments) {
        let receipt = c
            .attach_file(
                created.id,
                Attachment::from_bytes("conformance.txt", b"hello from psa-sdk".to_vec())
                    .content_type("text/plain"),
            )
            .await
            .unwrap_or_else(|e| panic!("attach_file(bytes): {e}"));
        assert!(
            receipt.id.is_some() || receipt.pending,
            "attachment receipt has neither id nor pending"
        );
    }
    if caps.supports(Capability::AttachmentUrls) {
        let receipt = c
            .attach_file(
                created.id,
                Attachment::from_url("shot.png", "https://files.example.com/shot.png"),
            )
            .await
            .unwrap_or_else(|e| panic!("attach_file(url): {e}"));
        assert!(
            receipt.id.is_some() || receipt.pending,
            "URL attachment receipt has neither id nor pending"
        );
    }
    if !caps.supports(Capability::Attachments) {
        let err = c
            .attach_file(created.id, Attachment::from_bytes("x.txt", b"x".to_vec()))
            .await
            .err();
        assert!(
            matches!(err.map(|e| e.kind()), Some(ErrorKind::Unsupported)),
            "byte attachments without the capability"
        );
    }
}

fn assert_unique(ids: impl Iterator<Item = i64>, what: &str) {
    let mut seen = HashSet::new();
    for id in ids {
        assert!(seen.insert(id), "{what}: id {id} returned twice");
    }
}

/// Date texts a server might send that a decoder must survive without panicking: years
/// 0000/9999/99999 with extreme offsets, leap seconds, huge fractions, blanks, non-ASCII digits,
/// impossible days. Vendor decoders' tests iterate it (one table, not one per vendor).
pub const HOSTILE_DATES: &[&str] = &[
    "",
    " ",
    "\t\n",
    "0000-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59.999999999-23:59",
    "9999-12-31T23:00:00-05:00",
    "2016-12-31T23:59:60Z",
    "2016-06-30T23:59:60.5+00:00",
    "2024-01-31T15:04:05.12345678901234567890123456789012345678901234567890Z",
    "2024-02-30T00:00:00",
    "2024-01-31T24:00:00",
    "+2024-01-31T00:00:00Z",
    "99999-01-01",
    "2024-01-31T15:04:05+99:99",
    "2024-01-31 15:04:05 UTC",
    "2024-01-31T15:04:05.Z",
    "\u{a0}2024-01-31\u{a0}",
    "２０２４-01-31",
    "-0001-12-31T23:30:00Z",
    "1e10",
    "null",
];
