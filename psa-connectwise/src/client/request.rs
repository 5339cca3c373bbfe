//! One ConnectWise call and how it is sent: psa-core's request layer with ConnectWise's
//! credentials ([`ConnectWiseHooks`]) and its codebase re-discovery after a 404; list paging,
//! counts, decoding.

use std::sync::Mutex;
use std::time::Duration;

use http::Method;
use psa_core::transport::{ApiCall, Location, Request, RequestHooks, Response, Transport};
use psa_core::{Error, ErrorKind, Result, Vendor};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;
use tokio::time::Instant;
use url::Url;

use super::{ConnectWiseClient, MAX_URL_LEN};
use crate::auth::Credentials;
use crate::discovery::{self, CompanyInfo};
use crate::error::{HTML_HINT, is_route_not_found, looks_like_html};
use crate::paging::{Cursor, next_from_link, parse_link};
use crate::query::Query;
use crate::site::Site;

/// How long after a `companyinfo` check a record-level 404 does not trigger another one.
const REFETCH_QUIET: Duration = Duration::from_secs(30);

/// Where the client sends calls: the API base, and what `companyinfo` said about it.
#[derive(Debug, Clone)]
pub(crate) struct ApiState {
    pub(crate) base: Url,
    pub(crate) info: Option<CompanyInfo>,
}

impl Location for ApiState {
    fn api_base(&self) -> Url {
        self.base.clone()
    }
}

/// ConnectWise's side of psa-core's request layer: `Authorization`, `clientId` and the
/// versioned `Accept` on every call, and the codebase re-check after a 404 (when the codebase
/// was discovered rather than configured).
pub(crate) struct ConnectWiseHooks {
    pub(crate) site: Site,
    pub(crate) credentials: Credentials,
    pub(crate) authorization: SecretString,
    pub(crate) accept: String,
    pub(crate) limit_key: Option<String>,
    /// A transport without credentials for `companyinfo`.
    pub(crate) discovery: Transport,
    /// Whether the codebase came from `companyinfo` (and may be refetched).
    pub(crate) discovered: bool,
    /// When `companyinfo` was last asked after a 404.
    pub(crate) last_refetch: Mutex<Option<Instant>>,
}

impl ConnectWiseHooks {
    pub(crate) fn site(&self) -> &Site {
        &self.site
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }
}

#[async_trait::async_trait]
impl RequestHooks for ConnectWiseHooks {
    type Location = ApiState;

    fn authorize(&self, req: Request) -> Result<Request> {
        let mut req = req
            .sensitive_header("Authorization", self.authorization.expose_secret())?
            .sensitive_header("clientId", self.credentials.client_id().expose_secret())?
            .header("Accept", &self.accept)?;
        if let Some(k) = &self.limit_key {
            req = req.limit_key(k.clone());
        }
        Ok(req)
    }

    fn is_wrong_host(&self, error: &Error) -> bool {
        error.status() == Some(404) && self.discovered
    }

    /// A route-level 404 always re-checks; a record-level one (which usually means "no such
    /// record") at most once per 30 seconds.
    async fn relocate(
        &self,
        _transport: &Transport,
        _from: &ApiState,
        error: &Error,
    ) -> Result<Option<ApiState>> {
        {
            let mut last = self.last_refetch.lock().unwrap_or_else(|e| e.into_inner());
            if !is_route_not_found(error) && last.is_some_and(|t| t.elapsed() < REFETCH_QUIET) {
                return Ok(None);
            }
            *last = Some(Instant::now());
        }
        let info = discovery::fetch_company_info(
            &self.discovery,
            &self.site,
            self.credentials.company_id(),
        )
        .await?;
        let base = self.site.api_base(&info.codebase)?;
        Ok(Some(ApiState {
            base,
            info: Some(info),
        }))
    }
}

/// Builds [`ApiCall`]s from `/`-separated paths under the API base.
pub(crate) struct Call;

impl Call {
    pub(crate) fn at(method: Method, path: impl AsRef<str>) -> ApiCall {
        ApiCall::path(method, path.as_ref())
    }
    pub(crate) fn get(path: impl AsRef<str>) -> ApiCall {
        Call::at(Method::GET, path)
    }
    pub(crate) fn post(path: impl AsRef<str>) -> ApiCall {
        Call::at(Method::POST, path)
    }
}

impl ConnectWiseClient {
    /// Sends a call through psa-core's request layer (one codebase re-check after a 404).
    pub(crate) async fn execute(&self, call: &ApiCall) -> Result<Response> {
        self.inner.api.send(call).await
    }

    /// Sends a call and decodes its JSON body; an HTML page is an error that says so.
    pub(crate) async fn call_json<T: DeserializeOwned>(&self, call: &ApiCall) -> Result<T> {
        let resp = self.execute(call).await?;
        decode(&resp)
    }

    /// One page of a list endpoint, as raw records, with the cursor of the next page.
    ///
    /// The whole query is sent on every page; the next page's position comes from the
    /// `Link: <…>; rel="next"` header (`page` or, forward-only, `pageId`). Long queries go as
    /// `POST {path}/search`.
    pub(crate) async fn list_values(
        &self,
        path: &str,
        query: &Query,
        cursor: Option<Cursor>,
    ) -> Result<(Vec<Value>, Option<Cursor>)> {
        let (rows, next) = self.list_rows(path, query, cursor).await?;
        let items = rows
            .iter()
            .map(|r| serde_json::from_str(r.get()))
            .collect::<serde_json::Result<Vec<Value>>>()?;
        Ok((items, next))
    }

    /// [`list_values`](Self::list_values) with each record kept as its JSON text, as received:
    /// the page is read once and no `Value` is built for its rows.
    pub(crate) async fn list_rows(
        &self,
        path: &str,
        query: &Query,
        cursor: Option<Cursor>,
    ) -> Result<(Vec<Box<RawValue>>, Option<Cursor>)> {
        let params = query.params()?;
        let size = query.effective_page_size();
        let mut call = Call::get(path);
        for (k, v) in &params {
            call = call.query(*k, v.clone());
        }
        call = call.query("pageSize", size.to_string());
        match cursor {
            Some(c) => {
                let (k, v) = c.param();
                call = call.query(k, v);
            }
            None if !query.forward_only => call = call.query("page", "1"),
            None => {}
        }
        if query.forward_only {
            call = call.header("pagination-type", "forward-only");
        }
        let too_long = self.inner.api.url(&call)?.as_str().len() > MAX_URL_LEN;
        if too_long {
            call = search_call(path, query, &params, size, cursor)?;
        }
        let resp = self.execute(&call).await?;
        let items = rows_of(&resp, path)?;
        let full = items.len() as u32 >= size && !items.is_empty();
        let link = resp.header_str("link").map(str::to_string);
        let next = if query.forward_only {
            // Forward-only ends where the `Link` header names no `rel="next"` (or on a short
            // page); asking past it would cost one more round trip for an empty page. A
            // `next` link whose `pageId` cannot be read falls back to the last record's id.
            let has_next = link
                .as_deref()
                .is_some_and(|h| parse_link(h).iter().any(|(rel, _)| rel == "next"));
            if !full || !has_next {
                None
            } else {
                link.as_deref()
                    .and_then(|h| next_from_link(h, true))
                    .or_else(|| {
                        items
                            .last()
                            .and_then(|r| serde_json::from_str::<IdOnly>(r.get()).ok())
                            .and_then(|r| crate::models::de::value_to_i64(&r.id))
                            .map(Cursor::PageId)
                    })
            }
        } else {
            let current = match cursor {
                Some(Cursor::Page(n)) => n,
                _ => 1,
            };
            match link.as_deref().filter(|h| !h.trim().is_empty()) {
                Some(h) => next_from_link(h, false).filter(|c| *c != Cursor::Page(current)),
                None if full => Some(Cursor::Page(current + 1)),
                None => None,
            }
        };
        Ok((items, next))
    }

    /// `GET {path}/count` with the query's conditions.
    pub(crate) async fn count_at(&self, path: &str, query: &Query) -> Result<u64> {
        let mut call = Call::get(format!("{path}/count"));
        for (k, v) in query.params()? {
            if matches!(
                k,
                "conditions" | "childConditions" | "customFieldConditions"
            ) {
                call = call.query(k, v);
            }
        }
        if self.inner.api.url(&call)?.as_str().len() > MAX_URL_LEN {
            return Err(Error::new(
                ErrorKind::Validation,
                format!("the conditions make the {path}/count URL longer than {MAX_URL_LEN} characters; narrow them"),
            )
            .with_fields(["conditions"]));
        }
        let count: crate::models::Count = self.call_json(&call).await?;
        Ok(count.count.unwrap_or(0).max(0) as u64)
    }
}

fn search_call(
    path: &str,
    query: &Query,
    params: &[(&'static str, String)],
    size: u32,
    cursor: Option<Cursor>,
) -> Result<ApiCall> {
    let mut body = serde_json::Map::new();
    for (k, v) in params {
        let key = match *k {
            "conditions" => "conditions",
            "childConditions" => "childconditions",
            "customFieldConditions" => "customfieldconditions",
            "orderBy" => "orderBy",
            _ => continue,
        };
        body.insert(key.to_string(), Value::String(v.clone()));
    }
    let mut call = Call::post(format!("{path}/search"))
        .json(Value::Object(body))
        .idempotent(true)
        .query("pageSize", size.to_string());
    if let Some((_, fields)) = params.iter().find(|(k, _)| *k == "fields") {
        call = call.query("fields", fields.clone());
    }
    match cursor {
        Some(c) => {
            let (k, v) = c.param();
            call = call.query(k, v);
        }
        None if !query.forward_only => call = call.query("page", "1"),
        None => {}
    }
    if query.forward_only {
        call = call.header("pagination-type", "forward-only");
    }
    Ok(call)
}

/// The `id` of a record, read without decoding the rest.
#[derive(serde::Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Value,
}

/// The records of a list answer (a JSON array; `null` is empty), each kept as its JSON text.
fn rows_of(resp: &Response, path: &str) -> Result<Vec<Box<RawValue>>> {
    if !looks_like_html(resp.headers(), resp.body())
        && let Ok(rows) = serde_json::from_slice::<Option<Vec<Box<RawValue>>>>(resp.body())
    {
        return Ok(rows.unwrap_or_default());
    }
    // Not an array: decoded again only to say what came instead.
    match decode::<Value>(resp)? {
        Value::Null => Ok(Vec::new()),
        other => Err(resp.decode_error(&format!(
            "expected a JSON array of records from {path}, got {}",
            type_name(&other)
        ))),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a flag",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Decodes a JSON body, turning an HTML page into an error that names the likely cause.
pub(crate) fn decode<T: DeserializeOwned>(resp: &Response) -> Result<T> {
    if looks_like_html(resp.headers(), resp.body()) {
        return Err(resp
            .decode_error("expected JSON but got an HTML page")
            .with_hint(HTML_HINT));
    }
    resp.json()
}

/// Decodes raw records into a typed model, naming the record that did not fit.
pub(crate) fn typed<T: DeserializeOwned>(what: &str, values: &[Value]) -> Result<Vec<T>> {
    values.iter().map(|v| typed_one(what, v)).collect()
}

/// [`typed_one`] from a record's JSON text.
pub(crate) fn typed_row<T: DeserializeOwned>(what: &str, row: &RawValue) -> Result<T> {
    serde_json::from_str(row.get()).map_err(|e| {
        let id = serde_json::from_str::<IdOnly>(row.get())
            .map(|r| r.id)
            .unwrap_or(Value::Null);
        let id = if id.is_null() {
            "?".to_string()
        } else {
            id.to_string()
        };
        Error::new(
            ErrorKind::Decode,
            format!("{what} record {id} does not match the documented model: {e}"),
        )
        .with_vendor(Vendor::ConnectWise)
    })
}

pub(crate) fn typed_one<T: DeserializeOwned>(what: &str, v: &Value) -> Result<T> {
    T::deserialize(v).map_err(|e| {
        let id = v
            .get("id")
            .map(|i| i.to_string())
            .unwrap_or_else(|| "?".into());
        Error::new(
            ErrorKind::Decode,
            format!("{what} record {id} does not match the documented model: {e}"),
        )
        .with_vendor(Vendor::ConnectWise)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_encode_their_query() {
        let base: Url = "https://api-na.myconnectwise.net/v2025_1/apis/3.0/"
            .parse()
            .unwrap();
        let url = Call::get("service/tickets")
            .query("conditions", r#"summary contains "a&b""#)
            .url(&base)
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets?conditions=summary%20contains%20%22a%26b%22"
        );
    }
}
