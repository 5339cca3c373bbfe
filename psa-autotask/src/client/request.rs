//! One Autotask call and how it is sent: pacing, psa-core's request layer (credentials through
//! [`AutotaskHooks`], retries, limits, one zone re-discovery after a 401), error annotation.

use http::Method;
use psa_core::transport::{ApiCall, Request, RequestHooks, Response, Transport};
use psa_core::{Error, ErrorKind, Result, Vendor};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use url::Url;

use super::AutotaskClient;
use crate::discovery::{self, ZoneInfo};

/// Autotask's side of psa-core's request layer: its credential headers, and zone re-discovery
/// after a 401 (when the zone was discovered rather than configured).
pub(crate) struct AutotaskHooks {
    pub(crate) username: String,
    pub(crate) secret: SecretString,
    pub(crate) integration_code: SecretString,
    /// Set when the zone was discovered, so it can be re-discovered.
    pub(crate) discovery_base: Option<Url>,
}

impl AutotaskHooks {
    pub(crate) fn username(&self) -> &str {
        &self.username
    }
}

#[async_trait::async_trait]
impl RequestHooks for AutotaskHooks {
    type Location = ZoneInfo;

    fn authorize(&self, req: Request) -> Result<Request> {
        req.sensitive_header("ApiIntegrationCode", self.integration_code.expose_secret())?
            .header("UserName", &self.username)?
            .sensitive_header("Secret", self.secret.expose_secret())?
            .header("Accept", "application/json")
    }

    fn is_wrong_host(&self, error: &Error) -> bool {
        error.status() == Some(401) && self.discovery_base.is_some()
    }

    async fn relocate(
        &self,
        transport: &Transport,
        _from: &ZoneInfo,
        _error: &Error,
    ) -> Result<Option<ZoneInfo>> {
        match &self.discovery_base {
            Some(base) => discovery::discover_with(transport, base, &self.username)
                .await
                .map(Some),
            None => Ok(None),
        }
    }
}

impl AutotaskClient {
    /// Sends a call: pacing, then psa-core's request layer, then error annotation.
    pub(crate) async fn execute(&self, call: Call) -> Result<Response> {
        if call.paced
            && let Some(p) = &self.inner.pacer
        {
            p.before_request(|| Box::pin(self.read_usage())).await;
        }
        let api_call = call.to_api_call(self.impersonate)?;
        self.inner
            .api
            .send(&api_call)
            .await
            .map_err(|e| annotate(e, &call))
    }

    /// `ThresholdInformation`'s usage ratio for pacing, sent unpaced (not through `execute`,
    /// which would make the paced path recursive).
    async fn read_usage(&self) -> Result<Option<f64>> {
        let call = Call::read(
            Method::GET,
            "ThresholdInformation",
            None,
            "ThresholdInformation".into(),
        )
        .unpaced();
        let resp = self
            .inner
            .api
            .send(&call.to_api_call(None)?)
            .await
            .map_err(|e| annotate(e, &call))?;
        Ok(resp
            .json::<crate::models::ThresholdInformation>()?
            .usage_ratio())
    }
}

pub(crate) fn clean(body: &Value) -> Value {
    let mut b = body.clone();
    crate::models::wire::strip_nulls(&mut b);
    b
}

/// Validates a relative API path and returns its first segment (the limit key).
pub(crate) fn entity_of(path: &str) -> Result<String> {
    let bad = || {
        Error::new(
            ErrorKind::Validation,
            format!(
                "API path {path:?} must be relative to the API base and made of letters, digits and '/', e.g. \"Tickets/12/Notes\""
            ),
        )
        .with_vendor(Vendor::Autotask)
    };
    if path.is_empty() || path.starts_with('/') {
        return Err(bad());
    }
    for seg in path.split('/') {
        if seg.is_empty() || !seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad());
        }
    }
    Ok(path.split('/').next().unwrap_or(path).to_string())
}

fn annotate(e: Error, call: &Call) -> Error {
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::Validation | ErrorKind::NotFound => {
            let mut e = if e.entity().is_none() {
                e.with_entity(call.entity.clone())
            } else {
                e
            };
            if e.action().is_none() {
                e = e.with_action(call.action());
            }
            e
        }
        _ => e,
    }
}

/// Where a call goes.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// Relative to the zone's API base.
    Path(String),
    /// A URL the server handed back (next page), already host-checked.
    Absolute(Url),
}

/// One API call.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) target: Target,
    pub(crate) body: Option<Value>,
    /// Writes carry `ImpersonationResourceId`; queries and reads never do.
    pub(crate) write: bool,
    /// The endpoint: the concurrency key and the entity named in errors.
    pub(crate) entity: String,
    pub(crate) paced: bool,
    /// Query pairs (raw GETs with `search=`).
    pub(crate) query: Vec<(String, String)>,
}

impl Call {
    pub(crate) fn read(method: Method, path: &str, body: Option<Value>, entity: String) -> Self {
        Call {
            method,
            target: Target::Path(path.to_string()),
            body,
            write: false,
            entity,
            paced: true,
            query: Vec::new(),
        }
    }

    pub(crate) fn write(method: Method, path: &str, body: Option<Value>, entity: String) -> Self {
        Call {
            write: true,
            ..Call::read(method, path, body, entity)
        }
    }

    pub(crate) fn unpaced(mut self) -> Self {
        self.paced = false;
        self
    }

    /// The request-layer description: the entity is the concurrency key; writes carry the
    /// impersonated resource; a create (POST write) is sent once.
    fn to_api_call(&self, impersonate: Option<i64>) -> Result<ApiCall> {
        let mut api = match &self.target {
            Target::Path(p) => {
                entity_of(p)?;
                ApiCall::path(self.method.clone(), p)
            }
            Target::Absolute(u) => ApiCall::absolute(self.method.clone(), u.clone()),
        };
        api = api
            .queries(self.query.iter().cloned())
            .idempotent(!(self.write && self.method == Method::POST))
            .limit_key(self.entity.clone());
        if self.write
            && let Some(id) = impersonate
        {
            api = api.header("ImpersonationResourceId", id.to_string());
        }
        if let Some(body) = &self.body {
            api = api.json(body.clone());
        }
        Ok(api)
    }

    fn action(&self) -> &'static str {
        match (&self.method, self.write) {
            (&Method::POST, true) => "create",
            (&Method::PATCH | &Method::PUT, _) => "update",
            (&Method::DELETE, _) => "delete",
            _ => "query",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_are_checked() {
        assert_eq!(entity_of("Tickets/12/Notes").unwrap(), "Tickets");
        for bad in [
            "",
            "/Tickets",
            "Tickets/../x",
            "https://evil.example/",
            "Tickets//1",
            "a b",
        ] {
            assert!(entity_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn calls_know_their_action_and_idempotency() {
        let c = Call::write(Method::POST, "Tickets", None, "Tickets".into());
        assert_eq!(c.action(), "create");
        assert!(!c.to_api_call(None).unwrap().is_idempotent());
        let c = Call::read(Method::POST, "Tickets/query", None, "Tickets".into());
        assert_eq!(c.action(), "query");
        assert!(c.to_api_call(Some(7)).unwrap().is_idempotent());
        let c = Call::write(Method::PATCH, "Tickets", None, "Tickets".into());
        assert_eq!(c.action(), "update");
        let bad = Call::read(Method::GET, "Tickets/../x", None, "Tickets".into());
        assert!(bad.to_api_call(None).is_err());
    }
}
