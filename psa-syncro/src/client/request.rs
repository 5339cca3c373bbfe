//! How a Syncro call is sent: psa-core's request layer with the API token ([`SyncroHooks`];
//! Syncro has no host moves), errors explained with the right a call needs, and decoding of
//! Syncro's wrapped answers.

use http::Method;
use psa_core::transport::{ApiCall, Request, RequestHooks, Response};
use psa_core::{Error, ErrorKind, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

use serde_json::Value;
use serde_json::value::RawValue;
use url::Url;

use super::SyncroClient;
use crate::auth::Token;
use crate::models::{ListPage, PageMeta, Raw};
use crate::rights::{Right, TOKEN_SCREEN};

/// Syncro's side of psa-core's request layer: the `Authorization` token. Syncro accounts do not
/// move between hosts, so there is no relocation.
pub(crate) struct SyncroHooks {
    pub(crate) token: Token,
}

#[async_trait::async_trait]
impl RequestHooks for SyncroHooks {
    type Location = Url;

    fn authorize(&self, req: Request) -> Result<Request> {
        self.token.authorize(req)
    }
}

impl SyncroClient {
    /// The call for an API path given as segments (each percent-encoded) and query pairs.
    pub(crate) fn call(
        method: Method,
        segments: &[&str],
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> ApiCall {
        let call = ApiCall::new(method, segments.iter().copied()).queries(query.iter().cloned());
        match body {
            Some(b) => call.json(b.clone()),
            None => call,
        }
    }

    /// Sends one request through psa-core's request layer with the token; errors carry the
    /// right the call needs.
    pub(crate) async fn send(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(String, String)],
        body: Option<&Value>,
        right: Option<Right>,
    ) -> psa_core::Result<Response> {
        let call = Self::call(method, segments, query, body);
        self.inner
            .api
            .send(&call)
            .await
            .map_err(|e| explain(e, right))
    }

    pub(crate) async fn get_value(
        &self,
        segments: &[&str],
        query: &[(String, String)],
        right: Option<Right>,
    ) -> psa_core::Result<(Response, Value)> {
        let resp = self.send(Method::GET, segments, query, None, right).await?;
        let v = resp.json::<Value>()?;
        Ok((resp, v))
    }

    /// GET and decode the object under `key` (`{"ticket": {...}}`), or the whole body when
    /// `key` is `None` (unwrapped endpoints such as `/contacts/{id}`).
    pub(crate) async fn get_one<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        key: Option<&str>,
        right: Option<Right>,
    ) -> psa_core::Result<T> {
        let (resp, v) = self.get_value(segments, &[], right).await?;
        decode_wrapped(&resp, v, key)
    }

    /// GET one page of a list wrapped as `{"<key>": [...], "meta": {...}}`.
    pub(crate) async fn get_page<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(String, String)],
        key: &str,
        right: Option<Right>,
    ) -> psa_core::Result<ListPage<T>> {
        self.get_page_with(segments, query, key, right, |row| {
            serde_json::from_str(row.get()).map_err(|e| (e, row))
        })
        .await
    }

    /// [`get_page`](Self::get_page) for records kept typed *and* as received: each row's
    /// JSON text becomes the kept record as it is (no `Value` tree built per row).
    pub(crate) async fn get_raw_page<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(String, String)],
        key: &str,
        right: Option<Right>,
    ) -> psa_core::Result<ListPage<Raw<T>>> {
        self.get_page_with(segments, query, key, right, Raw::from_row)
            .await
    }

    async fn get_page_with<T>(
        &self,
        segments: &[&str],
        query: &[(String, String)],
        key: &str,
        right: Option<Right>,
        item: DecodeRow<T>,
    ) -> psa_core::Result<ListPage<T>> {
        let resp = self.send(Method::GET, segments, query, None, right).await?;
        let mut page: ListPage<T> = decode_page(&resp, key, item)?;
        // A `meta` without `page` would make every page look like page 1, so the stream would
        // re-request page 2 and stop there: the page asked for is the page received.
        if page.meta.page.is_none() {
            page.meta.page = Some(
                query
                    .iter()
                    .rev()
                    .find(|(k, _)| k == "page")
                    .and_then(|(_, v)| v.trim().parse::<i64>().ok())
                    .filter(|n| *n >= 1)
                    .unwrap_or(1),
            );
        }
        Ok(page)
    }

    /// Sends a JSON body and decodes the object under `key`.
    pub(crate) async fn write_one<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        segments: &[&str],
        body: &B,
        key: Option<&str>,
        right: Option<Right>,
    ) -> psa_core::Result<T> {
        let body = serde_json::to_value(body).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("cannot encode the request body: {e}"),
            )
        })?;
        let resp = self.send(method, segments, &[], Some(&body), right).await?;
        let v = resp.json::<Value>()?;
        decode_wrapped(&resp, v, key)
    }
}

/// Adds the right a call needs to a permission error, with the screen that grants it.
pub(crate) fn explain(e: Error, right: Option<Right>) -> Error {
    match (e.kind(), right) {
        (ErrorKind::PermissionDenied, Some(r)) => {
            let also = r.also.map(|a| format!(" (and '{a}')")).unwrap_or_default();
            e.with_entity(r.entity).with_action(r.action).with_hint(format!(
                "the API token needs the permission '{}'{also}: {TOKEN_SCREEN} > tick '{}', then run preflight again",
                r.name, r.name
            ))
        }
        _ => e,
    }
}

pub(crate) fn decode_wrapped<T: DeserializeOwned>(
    resp: &Response,
    v: Value,
    key: Option<&str>,
) -> psa_core::Result<T> {
    let inner = match key {
        None => v,
        Some(k) => match v {
            Value::Object(mut m) => match m.remove(k) {
                Some(inner) => inner,
                None => {
                    return Err(resp.decode_error(&format!("the response has no \"{k}\" object")));
                }
            },
            _ => return Err(resp.decode_error(&format!("expected an object with \"{k}\""))),
        },
    };
    serde_json::from_value(inner)
        .map_err(|e| resp.decode_error(&format!("cannot decode the record: {e}")))
}

/// Decodes one list row from its JSON text; on failure the error comes back with the row.
pub(crate) type DecodeRow<T> = fn(Box<RawValue>) -> Result<T, (serde_json::Error, Box<RawValue>)>;

/// One page of a list wrapped as `{"<key>": [...], "meta": {...}}`, its rows decoded by
/// `decode_item`; every other shape is a `Decode` error that says what was wrong.
pub(crate) fn decode_page<T>(
    resp: &Response,
    key: &str,
    decode_item: DecodeRow<T>,
) -> psa_core::Result<ListPage<T>> {
    // The envelope's members are read as JSON text: the rows are decoded from their own text
    // once, never built as `Value`s.
    let mut m = match serde_json::from_slice::<HashMap<String, Box<RawValue>>>(resp.body()) {
        Ok(m) => m,
        Err(_) => {
            // Not an object: the same errors as a `Value` decode gives (bad JSON, other shape).
            resp.json::<Value>()?;
            return Err(
                resp.decode_error(&format!("expected an object with \"{key}\" and \"meta\""))
            );
        }
    };
    let items: Vec<Box<RawValue>> = match m.remove(key) {
        Some(list) => match serde_json::from_str::<Option<Vec<Box<RawValue>>>>(list.get()) {
            Ok(items) => items.unwrap_or_default(),
            Err(_) => return Err(resp.decode_error(&format!("\"{key}\" is not an array"))),
        },
        None => return Err(resp.decode_error(&format!("the response has no \"{key}\" list"))),
    };
    let meta: PageMeta = match m.remove("meta") {
        Some(meta) => serde_json::from_str(meta.get())
            .map_err(|e| resp.decode_error(&format!("cannot decode \"meta\": {e}")))?,
        None => PageMeta::default(),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        out.push(decode_item(item).map_err(|(e, row)| {
            let id = serde_json::from_str::<Value>(row.get())
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            resp.decode_error(&format!("cannot decode {key}[{i}] (id {id}): {e}"))
        })?);
    }
    Ok(ListPage::new(out, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_encode_segments_and_queries() {
        let base: Url = "https://acme.syncromsp.com/api/v1/".parse().unwrap();
        let call = SyncroClient::call(
            Method::GET,
            &["tickets", "42", "comments"],
            &[("query".into(), "a&b c".into())],
            None,
        );
        assert_eq!(
            call.url(&base).unwrap().as_str(),
            "https://acme.syncromsp.com/api/v1/tickets/42/comments?query=a%26b%20c"
        );
        let call = SyncroClient::call(Method::GET, &["we/ird"], &[], None);
        assert_eq!(call.url(&base).unwrap().path(), "/api/v1/we%2Fird");
        let post = SyncroClient::call(Method::POST, &["tickets"], &[], Some(&Value::Null));
        assert!(!post.is_idempotent());
    }
}
