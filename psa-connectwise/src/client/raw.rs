//! The raw escape hatch: any path under the API base, as JSON.

use http::Method;
use psa_core::Result;
use serde_json::Value;

use super::ConnectWiseClient;
use super::request::{Call, decode};

/// Raw JSON calls to any ConnectWise endpoint, from [`ConnectWiseClient::raw`].
///
/// Paths are relative to the API base (`"system/info"`, `"service/tickets/5"`); each segment is
/// percent-encoded. Calls go through the same request path as the typed API: credentials, the
/// pinned `Accept` version, limits, retries and codebase moves. A POST is sent once.
#[derive(Debug, Clone, Copy)]
pub struct RawApi<'a> {
    client: &'a ConnectWiseClient,
}

impl<'a> RawApi<'a> {
    pub(crate) fn new(client: &'a ConnectWiseClient) -> Self {
        RawApi { client }
    }

    /// `GET {path}?{query}` as JSON.
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value> {
        let call = Call::get(path).queries(query.iter().copied());
        self.client.call_json(&call).await
    }

    /// `POST {path}` with a JSON body (a create; sent once).
    pub async fn post(&self, path: &str, body: &Value) -> Result<Value> {
        self.write(Method::POST, path, body).await
    }

    /// `PATCH {path}` with a JSON Patch body (`[{"op":"replace","path":"summary","value":…}]`).
    pub async fn patch(&self, path: &str, body: &Value) -> Result<Value> {
        self.write(Method::PATCH, path, body).await
    }

    /// `PUT {path}` with the whole record.
    pub async fn put(&self, path: &str, body: &Value) -> Result<Value> {
        self.write(Method::PUT, path, body).await
    }

    /// `DELETE {path}` (ConnectWise answers 204).
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.client
            .execute(&Call::at(Method::DELETE, path))
            .await
            .map(|_| ())
    }

    async fn write(&self, method: Method, path: &str, body: &Value) -> Result<Value> {
        let resp = self
            .client
            .execute(&Call::at(method, path).json(body.clone()))
            .await?;
        if resp.body().is_empty() {
            return Ok(Value::Null);
        }
        decode(&resp)
    }
}
