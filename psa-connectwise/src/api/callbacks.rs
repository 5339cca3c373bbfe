//! `/system/callbacks`: register, list and delete callbacks.

use http::Method;
use psa_core::Result;
use serde_json::Value;

use super::{all_typed, get_typed};
use crate::client::{Call, decode, typed_one};
use crate::models::{CallbackEntry, NewCallback};
use crate::{ConnectWiseClient, Query};

const PATH: &str = "system/callbacks";

/// Callback registrations; see [`ConnectWiseClient::callbacks`]. To check a delivery, use
/// [`ConnectWiseClient::verify_callback`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
/// let cb = client.callbacks()
///     .create(&NewCallback::new("https://hooks.example.com/cw?recordId=", CallbackType::Ticket, CallbackLevel::Owner))
///     .await?;
/// assert!(client.callbacks().all().await?.iter().any(|c| c.id == cb.id));
/// client.callbacks().delete(cb.id).await?;
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CallbacksApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl CallbacksApi<'_> {
    /// Every registered callback.
    pub async fn all(&self) -> Result<Vec<CallbackEntry>> {
        all_typed(self.client, PATH, "callback", &Query::new()).await
    }

    /// One callback.
    pub async fn get(&self, id: i64) -> Result<CallbackEntry> {
        Ok(get_typed(self.client, &format!("{PATH}/{id}"), "callback")
            .await?
            .0)
    }

    /// Registers a callback (sent once). A duplicate is a `Conflict` error ("A matching
    /// callback entry already exists").
    pub async fn create(&self, callback: &NewCallback) -> Result<CallbackEntry> {
        callback.validate()?;
        let resp = self
            .client
            .execute(&Call::post(PATH).json(serde_json::to_value(callback)?))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("callback", &v)
    }

    /// Deletes a callback.
    pub async fn delete(&self, id: i64) -> Result<()> {
        self.client
            .execute(&Call::at(Method::DELETE, format!("{PATH}/{id}")))
            .await?;
        Ok(())
    }
}
