use futures::TryStreamExt;
use futures::stream::BoxStream;

use super::all_pages;
use crate::SyncroClient;
use crate::models::{Contact, ListPage, Raw};
use crate::rights::CUSTOMERS_VIEW;

/// Contacts: `client.contacts()`. The spec gates them on the Customers permissions.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// let ada = syncro.contacts().find_by_email("ada@example.com", Some(42)).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ContactsApi<'a> {
    client: &'a SyncroClient,
}

impl SyncroClient {
    /// The contacts API.
    pub fn contacts(&self) -> ContactsApi<'_> {
        ContactsApi { client: self }
    }
}

impl<'a> ContactsApi<'a> {
    /// One page of contacts, of one customer or of all (`GET /contacts`; right: Customers - View
    /// Detail). `customer_id` is the only filter the API has.
    pub async fn list(
        &self,
        customer_id: Option<i64>,
        page: i64,
    ) -> psa_core::Result<ListPage<Contact>> {
        Ok(self.list_raw(customer_id, page).await?.map(|r| r.typed))
    }

    pub(crate) async fn list_raw(
        &self,
        customer_id: Option<i64>,
        page: i64,
    ) -> psa_core::Result<ListPage<Raw<Contact>>> {
        let mut q = Vec::new();
        if let Some(c) = customer_id {
            q.push(("customer_id".to_string(), c.to_string()));
        }
        q.push(("page".to_string(), page.to_string()));
        self.client
            .get_raw_page(&["contacts"], &q, "contacts", Some(CUSTOMERS_VIEW))
            .await
    }

    /// Every contact, of one customer or of all.
    pub fn stream(&self, customer_id: Option<i64>) -> BoxStream<'a, psa_core::Result<Contact>> {
        let client = self.client;
        all_pages(move |page| async move { client.contacts().list(customer_id, page).await })
    }

    /// One contact (`GET /contacts/{id}`, which Syncro returns *unwrapped*).
    pub async fn get(&self, id: i64) -> psa_core::Result<Contact> {
        Ok(self.get_raw(id).await?.typed)
    }

    pub(crate) async fn get_raw(&self, id: i64) -> psa_core::Result<Raw<Contact>> {
        self.client
            .get_one(&["contacts", &id.to_string()], None, Some(CUSTOMERS_VIEW))
            .await
    }

    /// The first contact whose email matches (case-insensitive). The API has no email filter,
    /// so this pages through the contacts (of one customer, when given) and compares here.
    pub async fn find_by_email(
        &self,
        email: &str,
        customer_id: Option<i64>,
    ) -> psa_core::Result<Option<Contact>> {
        let mut s = self.stream(customer_id);
        while let Some(c) = s.try_next().await? {
            if c.has_email(email) {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }
}
