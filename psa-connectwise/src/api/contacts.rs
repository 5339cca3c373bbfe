//! `/company/contacts`: get, list, count, find by email.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};

use super::{get_typed, list_typed, stream_typed};
use crate::models::Contact;
use crate::{Condition, ConnectWiseClient, Query, field};

const PATH: &str = "company/contacts";

/// Contacts; see [`ConnectWiseClient::contacts`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(1).contacts_per_company(2).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::Query;
/// let any = client.contacts().list(&Query::new(), None).await?.items.remove(0);
/// let email = any.email().expect("seeded contacts have an email").to_string();
/// let found = client.contacts().find_by_email(&email).await?.expect("found");
/// assert_eq!(found.id, any.id);
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ContactsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

/// `childConditions` matching an email communication item.
pub(crate) fn email_child_condition(email: &str) -> Condition {
    field("communicationItems/value")
        .eq(email.trim())
        .and(field("communicationItems/communicationType").eq("Email"))
}

impl<'a> ContactsApi<'a> {
    /// One contact.
    pub async fn get(&self, id: i64) -> Result<Contact> {
        Ok(get_typed(self.client, &format!("{PATH}/{id}"), "contact")
            .await?
            .0)
    }

    /// One page of contacts.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<Contact>> {
        list_typed(self.client, PATH, "contact", query, page).await
    }

    /// Every contact matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<Contact>> {
        stream_typed(self.client, PATH.to_string(), "contact", query)
    }

    /// `GET /company/contacts/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }

    /// The first contact with this email address (matched by the server through
    /// `childConditions` on `communicationItems`, then checked here ignoring case).
    pub async fn find_by_email(&self, email: &str) -> Result<Option<Contact>> {
        let q = Query::new()
            .child_conditions(email_child_condition(email))
            .order_by("id", crate::Direction::Asc)
            .page_size(25);
        let page = self.list(&q, None).await?;
        let wanted = email.trim();
        Ok(page.items.into_iter().find(|c| {
            c.emails()
                .iter()
                .any(|e| e.trim().eq_ignore_ascii_case(wanted))
        }))
    }
}
