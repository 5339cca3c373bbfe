use futures::stream::BoxStream;
use http::Method;

use super::all_pages;
use crate::SyncroClient;
use crate::models::{Lead, LeadInput, ListPage};
use crate::query::LeadFilter;
use crate::rights::LEADS_LIST;

/// Leads (Syncro's sales pipeline): `client.leads()`.
///
/// Syncro has no opportunity entity; leads are its pipeline records and are offered here
/// natively. There is no `DELETE /leads`.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// use psa_syncro::{LeadFilter, models::LeadInput};
/// let open = syncro.leads().list(&LeadFilter::new().statuses(["Opportunity"])).await?;
/// for l in open.items {
///     println!("{} {}", l.id, l.display_name());
/// }
/// let new = syncro.leads().create(&LeadInput::new().business_name("Acme").status("New")).await?;
/// println!("lead #{}", new.id);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LeadsApi<'a> {
    client: &'a SyncroClient,
}

impl SyncroClient {
    /// The leads API.
    pub fn leads(&self) -> LeadsApi<'_> {
        LeadsApi { client: self }
    }
}

impl<'a> LeadsApi<'a> {
    /// One page of leads (`GET /leads`; right: Leads - List/Search).
    pub async fn list(&self, filter: &LeadFilter) -> psa_core::Result<ListPage<Lead>> {
        self.client
            .get_page(&["leads"], &filter.to_pairs(), "leads", Some(LEADS_LIST))
            .await
    }

    /// Every lead matching `filter`, page after page.
    pub fn stream(&self, filter: LeadFilter) -> BoxStream<'a, psa_core::Result<Lead>> {
        let client = self.client;
        all_pages(move |page| {
            let f = filter.clone().page(page);
            async move { client.leads().list(&f).await }
        })
    }

    /// One lead (`GET /leads/{id}`; right: Leads - List/Search).
    pub async fn get(&self, id: i64) -> psa_core::Result<Lead> {
        self.client
            .get_one(&["leads", &id.to_string()], Some("lead"), Some(LEADS_LIST))
            .await
    }

    /// Creates a lead (`POST /leads`; the spec names no right).
    pub async fn create(&self, input: &LeadInput) -> psa_core::Result<Lead> {
        self.client
            .write_one(Method::POST, &["leads"], input, Some("lead"), None)
            .await
    }

    /// Changes the fields set in `input` (`PUT /leads/{id}`; the spec names no right).
    pub async fn update(&self, id: i64, input: &LeadInput) -> psa_core::Result<Lead> {
        self.client
            .write_one(
                Method::PUT,
                &["leads", &id.to_string()],
                input,
                Some("lead"),
                None,
            )
            .await
    }
}
