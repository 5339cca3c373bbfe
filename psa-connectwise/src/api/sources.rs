//! `/service/sources`: the ticket source an integration registers as.

use psa_core::{ErrorKind, Result};
use serde_json::Value;

use super::all_typed;
use crate::client::{Call, check_source_name, decode, typed_one};
use crate::models::{NewSource, Source};
use crate::{ConnectWiseClient, Query, field};

const PATH: &str = "service/sources";

/// Ticket sources; see [`ConnectWiseClient::sources`]. Creating one needs the security role's
/// Table Setup Add level (System module).
#[derive(Debug, Clone, Copy)]
pub struct SourcesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl SourcesApi<'_> {
    /// Every source.
    pub async fn all(&self) -> Result<Vec<Source>> {
        all_typed(self.client, PATH, "source", &Query::new()).await
    }

    /// The source with this name (ignoring case), if any.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<Source>> {
        let name = check_source_name(name)?;
        let q = Query::new()
            .conditions(field("name").eq(name))
            .order_by("id", crate::Direction::Asc)
            .page_size(10);
        let page = self.client.list_raw(PATH, &q, None).await?;
        for v in &page.items {
            let s: Source = typed_one("source", v)?;
            if s.name
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
            {
                return Ok(Some(s));
            }
        }
        Ok(None)
    }

    /// Creates a source (sent once).
    pub async fn create(&self, source: &NewSource) -> Result<Source> {
        check_source_name(&source.name)?;
        let resp = self
            .client
            .execute(&Call::post(PATH).json(serde_json::to_value(source)?))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("source", &v)
    }
}

impl ConnectWiseClient {
    /// Finds the ticket source with this name or creates it: calling it twice leaves one record.
    ///
    /// ConnectWise needs Table Setup Add on the API member's role to create it; once it exists,
    /// that right can be removed again (the seed's recommended setup says the same). Two
    /// processes registering the same new name at the same moment may both create it; register
    /// once at setup.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let a = client.register_source("Acme Chat").await?;
    /// let b = client.register_source("Acme Chat").await?;
    /// assert_eq!(a.id, b.id);
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn register_source(&self, name: &str) -> Result<Source> {
        let name = check_source_name(name)?;
        if let Some(existing) = self.sources().find_by_name(name).await? {
            return Ok(existing);
        }
        match self.sources().create(&NewSource::new(name)).await {
            Ok(s) => Ok(s),
            // Someone registered it between our look-up and our create.
            Err(e) if e.kind() == ErrorKind::Conflict => {
                self.sources().find_by_name(name).await?.ok_or(e)
            }
            Err(e) => Err(e),
        }
    }
}
