//! The vendor-native API, one handle per area: `client.tickets()`, `client.comments(id)`,
//! `client.customers()`, `client.contacts()`, `client.users()`, `client.settings()`,
//! `client.leads()`, `client.contracts()`, `client.ticket_timers()`,
//! `client.invoices()`.
//!
//! Every handle borrows the client and exposes the area's documented calls with Syncro's own
//! models; nothing needs the [`psa_core::Connector`] trait.

mod comments;
mod contacts;
mod contracts;
mod customers;
mod invoices;
mod leads;
mod me;
mod settings;
mod tickets;
mod users;

pub use comments::CommentsApi;
pub use contacts::ContactsApi;
pub use contracts::{ContractsApi, TicketTimersApi};
pub use customers::CustomersApi;
pub use invoices::{InvoiceFilter, InvoicesApi};
pub use leads::LeadsApi;
pub use settings::SettingsApi;
pub use tickets::{AttachReceipt, TicketsApi};
pub use users::UsersApi;

use futures::stream::BoxStream;
use psa_core::{Page, PageToken};

use crate::models::ListPage;

/// A stream over every page, starting at page 1 and following `meta.total_pages`.
pub(crate) fn all_pages<'a, T, F, Fut>(fetch: F) -> BoxStream<'a, psa_core::Result<T>>
where
    T: Send + 'a,
    F: Fn(i64) -> Fut + Send + Sync + 'a,
    Fut: std::future::Future<Output = psa_core::Result<ListPage<T>>> + Send + 'a,
{
    let fetch = std::sync::Arc::new(fetch);
    psa_core::paged(None, move |token: Option<PageToken>| {
        let fetch = fetch.clone();
        async move {
            let page = match token {
                Some(t) => parse_page_token(&t)?,
                None => 1,
            };
            let list = fetch(page).await?;
            let next = list.next_page().map(|n| PageToken::new(n.to_string()));
            Ok(Page::new(list.items, next))
        }
    })
}

/// Reads a page token made by this crate (the page number).
pub(crate) fn parse_page_token(t: &PageToken) -> psa_core::Result<i64> {
    t.as_str()
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| {
            psa_core::Error::new(
                psa_core::ErrorKind::Validation,
                format!(
                    "page token {:?} was not made by psa-syncro (expected a page number)",
                    t.as_str()
                ),
            )
        })
}
