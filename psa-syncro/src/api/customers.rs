use futures::stream::BoxStream;

use super::all_pages;
use crate::SyncroClient;
use crate::models::{Customer, ListPage, Raw};
use crate::query::CustomerFilter;
use crate::rights::{CUSTOMERS_LIST, CUSTOMERS_VIEW};

/// Customers: `client.customers()`.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// let hits = syncro.customers().list(&psa_syncro::CustomerFilter::new().query("Contoso")).await?;
/// for c in hits.items {
///     println!("{} {}", c.id, c.display_name());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CustomersApi<'a> {
    client: &'a SyncroClient,
}

impl SyncroClient {
    /// The customers API.
    pub fn customers(&self) -> CustomersApi<'_> {
        CustomersApi { client: self }
    }
}

impl<'a> CustomersApi<'a> {
    /// One page of customers (`GET /customers`; right: Customers - List/Search).
    pub async fn list(&self, filter: &CustomerFilter) -> psa_core::Result<ListPage<Customer>> {
        Ok(self.list_raw(filter).await?.map(|r| r.typed))
    }

    pub(crate) async fn list_raw(
        &self,
        filter: &CustomerFilter,
    ) -> psa_core::Result<ListPage<Raw<Customer>>> {
        self.client
            .get_raw_page(
                &["customers"],
                &filter.to_pairs(),
                "customers",
                Some(CUSTOMERS_LIST),
            )
            .await
    }

    /// Every customer matching `filter`, page after page.
    pub fn stream(&self, filter: CustomerFilter) -> BoxStream<'a, psa_core::Result<Customer>> {
        let client = self.client;
        all_pages(move |page| {
            let f = filter.clone().page(page);
            async move { client.customers().list(&f).await }
        })
    }

    /// One customer (`GET /customers/{id}`; right: Customers - View Detail).
    pub async fn get(&self, id: i64) -> psa_core::Result<Customer> {
        Ok(self.get_raw(id).await?.typed)
    }

    pub(crate) async fn get_raw(&self, id: i64) -> psa_core::Result<Raw<Customer>> {
        self.client
            .get_one(
                &["customers", &id.to_string()],
                Some("customer"),
                Some(CUSTOMERS_VIEW),
            )
            .await
    }

    /// Quick name search (`GET /customers/autocomplete?query=`), unpaged.
    pub async fn autocomplete(&self, query: &str) -> psa_core::Result<Vec<Customer>> {
        let page = self
            .client
            .get_page(
                &["customers", "autocomplete"],
                &[("query".to_string(), query.to_string())],
                "customers",
                Some(CUSTOMERS_LIST),
            )
            .await?;
        Ok(page.items)
    }
}
