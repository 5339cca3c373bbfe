//! `ConnectorExt` over a fake connector: streams every item once, in order, and resumes from a
//! serialized page token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use futures::{StreamExt, TryStreamExt};
use psa_core::*;

/// Three pages of tickets (ids 1..=7) and a contact list; everything else is unsupported.
#[derive(Debug, Default)]
struct Fake {
    calls: AtomicUsize,
}

const PAGES: &[&[i64]] = &[&[1, 2, 3], &[4, 5], &[6, 7]];

#[async_trait]
impl Connector for Fake {
    fn vendor(&self) -> Vendor {
        Vendor::Syncro
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities::default()
    }
    async fn preflight(&self, _o: &PreflightOptions) -> Result<PreflightReport> {
        Err(Error::unsupported(Vendor::Syncro, "preflight"))
    }
    async fn ticket(&self, id: TicketId) -> Result<Ticket> {
        Err(Error::new(ErrorKind::NotFound, format!("ticket {id}")))
    }
    async fn list_tickets(
        &self,
        _q: &TicketQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Ticket>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let n: usize = match page {
            None => 0,
            Some(t) => t
                .as_str()
                .strip_prefix("page-")
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Error::new(ErrorKind::Validation, "bad token"))?,
        };
        let items = PAGES[n]
            .iter()
            .map(|id| {
                Ticket::new(
                    Vendor::Syncro,
                    TicketId(*id),
                    format!("t{id}"),
                    serde_json::json!({ "id": id }).into(),
                )
            })
            .collect();
        let next = (n + 1 < PAGES.len()).then(|| PageToken::new(format!("page-{}", n + 1)));
        Ok(Page::new(items, next))
    }
    async fn create_ticket(&self, _t: &NewTicket) -> Result<Ticket> {
        Err(Error::unsupported(Vendor::Syncro, "create"))
    }
    async fn update_ticket(&self, _id: TicketId, _u: &TicketUpdate) -> Result<Ticket> {
        Err(Error::unsupported(Vendor::Syncro, "update"))
    }
    async fn list_notes(&self, _t: TicketId, _p: Option<PageToken>) -> Result<Page<Note>> {
        Ok(Page::last(vec![]))
    }
    async fn add_note(&self, _t: TicketId, _n: &NewNote) -> Result<Note> {
        Err(Error::unsupported(Vendor::Syncro, "notes"))
    }
    async fn company(&self, id: CompanyId) -> Result<Company> {
        Err(Error::new(ErrorKind::NotFound, format!("company {id}")))
    }
    async fn list_companies(
        &self,
        _q: &CompanyQuery,
        _p: Option<PageToken>,
    ) -> Result<Page<Company>> {
        Ok(Page::last(vec![]))
    }
    async fn contact(&self, id: ContactId) -> Result<Contact> {
        Err(Error::new(ErrorKind::NotFound, format!("contact {id}")))
    }
    async fn list_contacts(
        &self,
        _q: &ContactQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contact>> {
        let mk = |id: i64, email: &str| {
            let mut c = Contact::new(
                Vendor::Syncro,
                ContactId(id),
                format!("c{id}"),
                serde_json::Value::Null.into(),
            );
            c.email = Some(email.to_string());
            c
        };
        Ok(match page {
            None => Page::new(vec![mk(1, "a@example.com")], Some(PageToken::new("2"))),
            Some(_) => Page::last(vec![mk(2, "Grace@Example.com")]),
        })
    }
    async fn statuses(&self) -> Result<Vec<Status>> {
        Ok(vec![])
    }
    async fn priorities(&self) -> Result<Vec<Priority>> {
        Ok(vec![])
    }
    async fn queues(&self) -> Result<Vec<Queue>> {
        Err(Error::unsupported(Vendor::Syncro, "queues"))
    }
    async fn attach_file(&self, _t: TicketId, _a: Attachment) -> Result<AttachmentReceipt> {
        Err(Error::unsupported(Vendor::Syncro, "attachments"))
    }
}

#[tokio::test]
async fn stream_returns_every_item_once_in_order() {
    let fake = Fake::default();
    let ids: Vec<i64> = fake
        .stream_tickets(&TicketQuery::new())
        .map_ok(|t| t.id.get())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, vec![1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(
        fake.calls.load(Ordering::SeqCst),
        3,
        "one call per page, then the stream ends"
    );
}

#[tokio::test]
async fn works_through_arc_dyn_connector() {
    let psa: Arc<dyn Connector> = Arc::new(Fake::default());
    let five = psa.collect_tickets(&TicketQuery::new(), 5).await.unwrap();
    assert_eq!(
        five.iter().map(|t| t.id.get()).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    let grace = psa
        .find_contact_by_email("grace@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(grace.id, ContactId(2));
    assert!(
        psa.find_contact_by_email("nobody@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn saved_token_resumes_in_another_process() {
    let fake = Fake::default();
    let first = fake.list_tickets(&TicketQuery::new(), None).await.unwrap();
    // Persist the token as a sync would, then resume from it with a fresh connector.
    let saved = serde_json::to_string(&first.next).unwrap();
    let restored: Option<PageToken> = serde_json::from_str(&saved).unwrap();
    let resumed = Fake::default();
    let rest: Vec<i64> = resumed
        .stream_tickets_from(&TicketQuery::new(), restored)
        .map_ok(|t| t.id.get())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(rest, vec![4, 5, 6, 7]);
}

#[tokio::test]
async fn stream_stops_on_error() {
    let fake = Fake::default();
    let query = TicketQuery::new();
    let mut s = fake.stream_tickets_from(&query, Some(PageToken::new("garbage")));
    let first = s.next().await.unwrap();
    assert_eq!(first.unwrap_err().kind(), ErrorKind::Validation);
    assert!(s.next().await.is_none());
}
