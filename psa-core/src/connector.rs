//! The vendor-neutral `Connector` trait and its extension trait.

use std::fmt::Debug;

use async_trait::async_trait;
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::{
    Attachment, AttachmentReceipt, Capabilities, Company, CompanyId, CompanyQuery, Contact,
    ContactId, ContactQuery, NewNote, NewTicket, Note, Page, PageToken, PreflightOptions,
    PreflightReport, Priority, Queue, Result, Status, Ticket, TicketId, TicketQuery, TicketUpdate,
    Vendor,
};

/// The calls every PSA supports, with vendor-neutral models.
///
/// Object-safe: use it as `Arc<dyn Connector>`. The sugar (streams over all pages, lookups)
/// lives in [`ConnectorExt`], implemented for every connector, so implementations cannot drift.
/// A call outside [`Connector::capabilities`] returns [`crate::ErrorKind::Unsupported`].
///
/// ```
/// use std::sync::Arc;
/// use psa_core::{Connector, ConnectorExt, TicketQuery};
///
/// async fn count_open(psa: Arc<dyn Connector>) -> psa_core::Result<usize> {
///     Ok(psa.collect_tickets(&TicketQuery::new().open_only(true), 1_000).await?.len())
/// }
/// ```
#[async_trait]
pub trait Connector: Send + Sync + Debug {
    /// Which PSA this is.
    fn vendor(&self) -> Vendor;

    /// What this connector supports.
    fn capabilities(&self) -> Capabilities;

    /// Checks the API user's rights without writing anything.
    async fn preflight(&self, options: &PreflightOptions) -> Result<PreflightReport>;

    /// One ticket; [`crate::ErrorKind::NotFound`] when it does not exist.
    async fn ticket(&self, id: TicketId) -> Result<Ticket>;

    /// One page of tickets. Pass the previous page's `next` to continue.
    async fn list_tickets(
        &self,
        query: &TicketQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Ticket>>;

    /// Creates a ticket. With an idempotency key, a retried create never makes a second ticket.
    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Ticket>;

    /// Changes a ticket and returns it as stored.
    async fn update_ticket(&self, id: TicketId, update: &TicketUpdate) -> Result<Ticket>;

    /// One page of a ticket's notes.
    async fn list_notes(&self, ticket: TicketId, page: Option<PageToken>) -> Result<Page<Note>>;

    /// Adds a note to a ticket.
    async fn add_note(&self, ticket: TicketId, note: &NewNote) -> Result<Note>;

    /// One company.
    async fn company(&self, id: CompanyId) -> Result<Company>;

    /// One page of companies.
    async fn list_companies(
        &self,
        query: &CompanyQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Company>>;

    /// One contact.
    async fn contact(&self, id: ContactId) -> Result<Contact>;

    /// One page of contacts.
    async fn list_contacts(
        &self,
        query: &ContactQuery,
        page: Option<PageToken>,
    ) -> Result<Page<Contact>>;

    /// The ticket statuses.
    async fn statuses(&self) -> Result<Vec<Status>>;

    /// The ticket priorities.
    async fn priorities(&self) -> Result<Vec<Priority>>;

    /// The queues or boards.
    async fn queues(&self) -> Result<Vec<Queue>>;

    /// Attaches a file to a ticket.
    async fn attach_file(
        &self,
        ticket: TicketId,
        attachment: Attachment,
    ) -> Result<AttachmentReceipt>;
}

/// Conveniences for every [`Connector`], including `dyn Connector`.
///
/// The streams are named `stream_*` so they never clash with a vendor client's native area
/// handlers (`client.tickets()`, `client.companies()`, …): on a concrete client both
/// `client.tickets()` and `client.stream_tickets(&query)` work without fully-qualified syntax.
#[async_trait]
pub trait ConnectorExt: Connector {
    /// All tickets matching a query, page by page, as a stream.
    ///
    /// ```
    /// use futures::TryStreamExt;
    /// use psa_core::{Connector, ConnectorExt, TicketQuery};
    /// async fn titles(psa: &dyn Connector) -> psa_core::Result<Vec<String>> {
    ///     psa.stream_tickets(&TicketQuery::new()).map_ok(|t| t.title).try_collect().await
    /// }
    /// ```
    fn stream_tickets<'a>(&'a self, query: &'a TicketQuery) -> BoxStream<'a, Result<Ticket>> {
        self.stream_tickets_from(query, None)
    }

    /// Like [`stream_tickets`](Self::stream_tickets), resuming at a saved page token.
    fn stream_tickets_from<'a>(
        &'a self,
        query: &'a TicketQuery,
        start: Option<PageToken>,
    ) -> BoxStream<'a, Result<Ticket>> {
        paged(start, move |token| self.list_tickets(query, token))
    }

    /// All notes of a ticket, as a stream.
    fn stream_notes(&self, ticket: TicketId) -> BoxStream<'_, Result<Note>> {
        paged(None, move |token| self.list_notes(ticket, token))
    }

    /// All companies matching a query, as a stream.
    fn stream_companies<'a>(&'a self, query: &'a CompanyQuery) -> BoxStream<'a, Result<Company>> {
        paged(None, move |token| self.list_companies(query, token))
    }

    /// All contacts matching a query, as a stream.
    fn stream_contacts<'a>(&'a self, query: &'a ContactQuery) -> BoxStream<'a, Result<Contact>> {
        paged(None, move |token| self.list_contacts(query, token))
    }

    /// The first contact with this email address (case-insensitive), if any.
    async fn find_contact_by_email(&self, email: &str) -> Result<Option<Contact>> {
        let query = ContactQuery::new().email(email);
        let mut stream = self.stream_contacts(&query);
        while let Some(c) = stream.try_next().await? {
            if c.has_email(email) {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    /// Up to `limit` tickets matching a query.
    async fn collect_tickets(&self, query: &TicketQuery, limit: usize) -> Result<Vec<Ticket>> {
        self.stream_tickets(query).take(limit).try_collect().await
    }
}

impl<C: Connector + ?Sized> ConnectorExt for C {}

/// Turns a "fetch one page" function into a stream over every item of every page.
///
/// The stream stops after a page without a next token, and also if a connector hands back the
/// same token twice in a row (a server bug that would otherwise loop forever). While the items
/// of a page are being consumed, the next page is already requested (one page ahead, never
/// more), so a full sync waits for the server and decodes at the same time.
pub fn paged<'a, T, F, Fut>(start: Option<PageToken>, fetch: F) -> BoxStream<'a, Result<T>>
where
    T: Send + 'a,
    F: Fn(Option<PageToken>) -> Fut + Send + Sync + 'a,
    Fut: std::future::Future<Output = Result<Page<T>>> + Send + 'a,
{
    use std::task::Poll;
    // The page being fetched (and its token), the page fetched but not yet reached, and the
    // items of the current page.
    let mut token = start.clone();
    let mut pending = Some(Box::pin(fetch(start)));
    let mut ready: Option<Result<Page<T>>> = None;
    let mut items = Vec::new().into_iter();
    let mut done = false;
    stream::poll_fn(move |cx| {
        loop {
            if done {
                return Poll::Ready(None);
            }
            if ready.is_none()
                && let Some(fut) = pending.as_mut()
                && let Poll::Ready(page) = fut.as_mut().poll(cx)
            {
                pending = None;
                ready = Some(page);
            }
            if let Some(item) = items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready.take() {
                Some(Ok(page)) => {
                    match page.next {
                        Some(n) if Some(&n) != token.as_ref() => {
                            pending = Some(Box::pin(fetch(Some(n.clone()))));
                            token = Some(n);
                        }
                        _ => {}
                    }
                    items = page.items.into_iter();
                }
                Some(Err(e)) => {
                    done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                None if pending.is_some() => return Poll::Pending,
                None => return Poll::Ready(None),
            }
        }
    })
    .boxed()
}

#[cfg(test)]
mod paged_tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::{Error, ErrorKind};

    /// Pages of three numbers; page 3 fails when `fail`, the last page repeats its token when
    /// `repeat`.
    fn pages(
        calls: Arc<AtomicUsize>,
        fail: bool,
        repeat: bool,
    ) -> impl Fn(Option<PageToken>) -> futures::future::Ready<Result<Page<u32>>> + Send + Sync {
        move |token| {
            calls.fetch_add(1, Ordering::SeqCst);
            let n: u32 = token.map_or(0, |t| t.as_str().parse().unwrap_or(0));
            if fail && n == 2 {
                return futures::future::ready(Err(Error::new(ErrorKind::Server, "page 3 failed")));
            }
            let next = match n {
                0 | 1 => Some(PageToken::new((n + 1).to_string())),
                _ if repeat => Some(PageToken::new(n.to_string())),
                _ => None,
            };
            futures::future::ready(Ok(Page::new(vec![n * 3, n * 3 + 1, n * 3 + 2], next)))
        }
    }

    #[tokio::test]
    async fn the_next_page_is_requested_while_the_current_one_is_consumed() {
        let calls = Arc::new(AtomicUsize::new(0));
        let mut s = paged(None, pages(calls.clone(), false, false));
        assert_eq!(s.next().await.unwrap().unwrap(), 0);
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "page 2 is requested with page 1's first item"
        );
        let rest: Vec<u32> = s.map(|r| r.unwrap()).collect().await;
        assert_eq!(rest, (1..9).collect::<Vec<_>>());
        assert_eq!(
            calls.load(Ordering::SeqCst),
            3,
            "one request per page, none after the last"
        );
    }

    #[tokio::test]
    async fn an_error_comes_after_the_items_before_it_and_ends_the_stream() {
        let calls = Arc::new(AtomicUsize::new(0));
        let all: Vec<Result<u32>> = paged(None, pages(calls, true, false)).collect().await;
        assert_eq!(all.len(), 7);
        assert!(all[..6].iter().all(|r| r.is_ok()));
        assert_eq!(all[6].as_ref().unwrap_err().kind(), ErrorKind::Server);
    }

    #[tokio::test]
    async fn a_repeated_token_ends_the_stream() {
        let calls = Arc::new(AtomicUsize::new(0));
        let all: Vec<u32> = paged(None, pages(calls.clone(), false, true))
            .map(|r| r.unwrap())
            .collect()
            .await;
        assert_eq!(all, (0..9).collect::<Vec<_>>());
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
