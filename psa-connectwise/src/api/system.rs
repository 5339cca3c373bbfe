//! `/system/info`, `/system/mySecurity` and `companyinfo`.

use psa_core::Result;

use super::all_typed;
use crate::client::Call;
use crate::discovery::{CompanyInfo, discover_codebase};
use crate::models::{MySecurity, SystemInfo};
use crate::{ConnectWiseClient, Query};

/// System endpoints; see [`ConnectWiseClient::system`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// let rows = client.system().my_security().await?;
/// assert!(rows.iter().any(|r| r.module_function_name.as_deref() == Some("Service Tickets")));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SystemApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl SystemApi<'_> {
    /// `GET /system/info`: the server version, cloud or not, region.
    pub async fn info(&self) -> Result<SystemInfo> {
        self.client.call_json(&Call::get("system/info")).await
    }

    /// Every row of the API member's security role (`GET /system/mySecurity`, all pages).
    pub async fn my_security(&self) -> Result<Vec<MySecurity>> {
        all_typed(
            self.client,
            "system/mySecurity",
            "mySecurity",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await
    }

    /// `companyinfo` as it is now (without changing the client's codebase).
    pub async fn company_info(&self) -> Result<CompanyInfo> {
        let site = self.client.site().given().to_string();
        let opts = self.client.transport().options().clone();
        Ok(discover_codebase(&site, self.client.company_id(), &opts)
            .await?
            .info)
    }
}
