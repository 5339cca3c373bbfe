//! The raw escape hatch: any path under the API root, as JSON.

use http::Method;
use psa_core::Result;
use serde_json::Value;

use super::SyncroClient;

/// Raw JSON calls to any Syncro endpoint, from [`SyncroClient::raw`].
///
/// Paths are relative to the API root (`"me"`, `"tickets/42/comment"`); each segment is
/// percent-encoded. Calls go through the same request path as the typed API: the token, the
/// rate limit and retries. A POST is sent once.
#[derive(Debug, Clone, Copy)]
pub struct RawApi<'a> {
    client: &'a SyncroClient,
}

impl<'a> RawApi<'a> {
    pub(crate) fn new(client: &'a SyncroClient) -> Self {
        RawApi { client }
    }

    /// `GET {path}?{query}` as JSON.
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value> {
        let query: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.send(Method::GET, path, &query, None).await
    }

    /// `POST {path}` with a JSON body (a create; sent once).
    pub async fn post(&self, path: &str, body: &Value) -> Result<Value> {
        self.send(Method::POST, path, &[], Some(body)).await
    }

    /// `PATCH {path}` with a JSON body.
    pub async fn patch(&self, path: &str, body: &Value) -> Result<Value> {
        self.send(Method::PATCH, path, &[], Some(body)).await
    }

    /// `PUT {path}` with a JSON body (Syncro's usual update).
    pub async fn put(&self, path: &str, body: &Value) -> Result<Value> {
        self.send(Method::PUT, path, &[], Some(body)).await
    }

    /// `DELETE {path}`.
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.send(Method::DELETE, path, &[], None).await.map(|_| ())
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> Result<Value> {
        let segments: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        let resp = self
            .client
            .send(method, &segments, query, body, None)
            .await?;
        if resp.body().is_empty() {
            return Ok(Value::Null);
        }
        resp.json()
    }
}
