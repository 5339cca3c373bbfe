//! The raw escape hatch: any path under the API base, as JSON.

use http::Method;
use psa_core::Result;
use serde_json::Value;

use super::AutotaskClient;
use super::request::{Call, clean, entity_of};

/// Raw JSON calls to any Autotask entity, from [`AutotaskClient::raw`].
///
/// Paths are relative to the zone's API base (`"Projects/12/Tasks"`, letters, digits, `_` and
/// `/` only). Calls go through the same request path as the typed API: credentials, the
/// per-entity thread limit, retries, pacing and zone re-discovery. Writes carry the handle's
/// `ImpersonationResourceId`; `null` members of write bodies are removed first (Autotask
/// treats an explicit `null` as "clear the field").
#[derive(Debug, Clone, Copy)]
pub struct RawApi<'a> {
    client: &'a AutotaskClient,
}

impl<'a> RawApi<'a> {
    pub(crate) fn new(client: &'a AutotaskClient) -> Self {
        RawApi { client }
    }

    /// `GET {api_base}{path}?{query}` as JSON, e.g. `get("Projects/12", &[])`.
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value> {
        let mut call = Call::read(Method::GET, path, None, entity_of(path)?);
        call.query = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.client.execute(call).await?.json()
    }

    /// `POST {api_base}{path}` (a create; sent once) as JSON, e.g.
    /// `post("Projects/12/Tasks", &body)`.
    pub async fn post(&self, path: &str, body: &Value) -> Result<Value> {
        self.write(Method::POST, path, body).await
    }

    /// `PATCH {api_base}{path}` as JSON (an update of the fields given; the body carries `id`).
    pub async fn patch(&self, path: &str, body: &Value) -> Result<Value> {
        self.write(Method::PATCH, path, body).await
    }

    /// `PUT {api_base}{path}` as JSON (a whole-record update; the body carries `id`).
    pub async fn put(&self, path: &str, body: &Value) -> Result<Value> {
        self.write(Method::PUT, path, body).await
    }

    /// `DELETE {api_base}{path}`.
    pub async fn delete(&self, path: &str) -> Result<()> {
        let call = Call::write(Method::DELETE, path, None, entity_of(path)?);
        self.client.execute(call).await.map(|_| ())
    }

    async fn write(&self, method: Method, path: &str, body: &Value) -> Result<Value> {
        let call = Call::write(method, path, Some(clean(body)), entity_of(path)?);
        self.client.execute(call).await?.json()
    }
}
