//! The one request layer every vendor client sends through.
//!
//! A vendor describes a call with [`ApiCall`] (method, path segments relative to its API base,
//! query pairs, body, whether it may be retried, rate-limit key, plain headers) and implements
//! [`RequestHooks`]: how a request is authorized (its sensitive headers) and, optionally, how
//! the client relocates after a "wrong host" answer (an Autotask zone move, a ConnectWise
//! codebase upgrade). [`Requester`] does the rest once for everybody: it builds the URL against
//! the current location, sends through the [`Transport`], and on a wrong-host answer relocates
//! under one lock — a call that finds another call already moved just resends — and resends
//! the call once.
//!
//! ```
//! use psa_core::transport::{ApiCall, Request, RequestHooks, Requester, Transport};
//! use psa_core::{ClientOptions, HostPolicy, Vendor};
//!
//! struct Token;
//! #[async_trait::async_trait]
//! impl RequestHooks for Token {
//!     type Location = url::Url;
//!     fn authorize(&self, req: Request) -> psa_core::Result<Request> {
//!         req.sensitive_header("Authorization", "Bearer t0ken")
//!     }
//! }
//!
//! # fn main() -> psa_core::Result<()> {
//! let transport = Transport::builder(Vendor::Syncro, ClientOptions::default())
//!     .host_policy(HostPolicy::new().suffix("syncromsp.com"))
//!     .build()?;
//! let base: url::Url = "https://acme.syncromsp.com/api/v1/".parse().unwrap();
//! let api = Requester::new(transport, Token, base);
//! let call = ApiCall::get(["tickets", "12"]).query("page", "2 of 3");
//! assert_eq!(
//!     api.url(&call)?.as_str(),
//!     "https://acme.syncromsp.com/api/v1/tickets/12?page=2%20of%203"
//! );
//! # Ok(()) }
//! ```

use std::sync::RwLock;

use http::Method;
use serde_json::Value;
use url::Url;

use super::{MultipartPart, Request, Response, Transport};
use crate::{Error, ErrorKind, Result};

/// Where a client currently sends its calls: something that knows its API base.
///
/// A plain [`Url`] is a location; vendors whose location carries more (Autotask's zone name,
/// ConnectWise's `companyinfo` answer) use their own type.
pub trait Location: Clone + Send + Sync + 'static {
    /// The API base that [`ApiCall`] paths are relative to (ends with `/`).
    fn api_base(&self) -> Url;
}

impl Location for Url {
    fn api_base(&self) -> Url {
        self.clone()
    }
}

/// What a vendor plugs into the [`Requester`].
#[async_trait::async_trait]
pub trait RequestHooks: Send + Sync + 'static {
    /// The vendor's location type.
    type Location: Location;

    /// Adds the vendor's credentials (as sensitive headers) and fixed headers to a request.
    fn authorize(&self, req: Request) -> Result<Request>;

    /// Whether an error answer means "this is not your host any more" (Autotask: 401 after a
    /// zone move; ConnectWise: 404 after a codebase upgrade). Default: never.
    fn is_wrong_host(&self, _error: &Error) -> bool {
        false
    }

    /// Finds where the client lives now, after `error` was answered at `from`. `Ok(None)` or the
    /// same API base means "not moved"; the caller then gets the original error. Called under
    /// the requester's relocation lock, one call at a time. Default: never moves.
    async fn relocate(
        &self,
        _transport: &Transport,
        _from: &Self::Location,
        _error: &Error,
    ) -> Result<Option<Self::Location>> {
        Ok(None)
    }
}

/// Where a call goes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallTarget {
    /// Path segments relative to the current API base (each is percent-encoded).
    Segments(Vec<String>),
    /// A URL the server handed back (a next-page link); never relocated. The transport's host
    /// policy still checks it.
    Absolute(Url),
}

/// The body of a call.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum CallBody {
    /// No body.
    Empty,
    /// A JSON body.
    Json(Value),
    /// A multipart/form-data body.
    Multipart(Vec<MultipartPart>),
}

/// One API call, independent of the host it is sent to, so it can be resent after relocation.
///
/// ```
/// use psa_core::transport::{ApiCall, CallTarget};
/// let call = ApiCall::path(http::Method::GET, "service/tickets/5");
/// assert_eq!(call.target(), &CallTarget::Segments(vec!["service".into(), "tickets".into(), "5".into()]));
/// assert!(call.is_idempotent());
/// assert!(!ApiCall::post(["tickets"]).is_idempotent());
/// ```
#[derive(Debug, Clone)]
pub struct ApiCall {
    method: Method,
    target: CallTarget,
    query: Vec<(String, String)>,
    body: CallBody,
    idempotent: bool,
    limit_key: Option<String>,
    headers: Vec<(String, String)>,
}

impl ApiCall {
    /// A call to path segments under the API base; idempotent unless the method is POST.
    pub fn new<I, S>(method: Method, segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let idempotent = method != Method::POST;
        ApiCall {
            method,
            target: CallTarget::Segments(segments.into_iter().map(Into::into).collect()),
            query: Vec::new(),
            body: CallBody::Empty,
            idempotent,
            limit_key: None,
            headers: Vec::new(),
        }
    }

    /// A call to a `/`-separated path under the API base (`"service/tickets/5"`).
    pub fn path(method: Method, path: &str) -> Self {
        let trimmed = path.trim_matches('/');
        let segments: Vec<&str> = if trimmed.is_empty() {
            Vec::new()
        } else {
            trimmed.split('/').collect()
        };
        ApiCall::new(method, segments)
    }

    /// A call to a URL the server handed back (a next-page link).
    pub fn absolute(method: Method, url: Url) -> Self {
        let mut call = ApiCall::new(method, Vec::<String>::new());
        call.target = CallTarget::Absolute(url);
        call
    }

    /// A GET.
    pub fn get<I: IntoIterator<Item = S>, S: Into<String>>(segments: I) -> Self {
        ApiCall::new(Method::GET, segments)
    }

    /// A POST (not idempotent unless marked).
    pub fn post<I: IntoIterator<Item = S>, S: Into<String>>(segments: I) -> Self {
        ApiCall::new(Method::POST, segments)
    }

    /// Adds a query pair (encoded when the URL is built).
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Adds several query pairs.
    pub fn queries<K: Into<String>, V: Into<String>>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.query
            .extend(pairs.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = CallBody::Json(body);
        self
    }

    /// Sets a multipart/form-data body.
    pub fn multipart(mut self, parts: Vec<MultipartPart>) -> Self {
        self.body = CallBody::Multipart(parts);
        self
    }

    /// Marks whether the call may be retried after it may have reached the server.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    /// The key for per-endpoint concurrency limits.
    pub fn limit_key(mut self, key: impl Into<String>) -> Self {
        self.limit_key = Some(key.into());
        self
    }

    /// Adds a plain (non-secret) header; secrets come from [`RequestHooks::authorize`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Where the call goes.
    pub fn target(&self) -> &CallTarget {
        &self.target
    }

    /// The query pairs.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The body.
    pub fn body(&self) -> &CallBody {
        &self.body
    }

    /// Whether the call may be retried after it may have reached the server.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent
    }

    /// The URL of this call under `base`. Segments are percent-encoded one by one (a `/` inside
    /// a segment cannot change the path); query pairs are encoded as RFC 3986 unreserved
    /// characters plus `%XX` (spaces become `%20`).
    pub fn url(&self, base: &Url) -> Result<Url> {
        let mut url = match &self.target {
            CallTarget::Absolute(u) => u.clone(),
            CallTarget::Segments(segments) => {
                let mut url = base.clone();
                url.set_query(None);
                url.path_segments_mut()
                    .map_err(|()| {
                        Error::new(
                            ErrorKind::Config,
                            format!("the API base {base} cannot have a path"),
                        )
                    })?
                    .pop_if_empty()
                    .extend(segments);
                url
            }
        };
        if !self.query.is_empty() {
            let mut text = url.query().map(str::to_string).unwrap_or_default();
            for (k, v) in &self.query {
                if !text.is_empty() {
                    text.push('&');
                }
                text.push_str(&encode_component(k));
                text.push('=');
                text.push_str(&encode_component(v));
            }
            url.set_query(Some(&text));
        }
        Ok(url)
    }

    fn request(&self, url: Url) -> Result<Request> {
        let mut req = Request::new(self.method.clone(), url).idempotent(self.idempotent);
        for (k, v) in &self.headers {
            req = req.header(k, v)?;
        }
        if let Some(k) = &self.limit_key {
            req = req.limit_key(k.clone());
        }
        Ok(match &self.body {
            CallBody::Empty => req,
            CallBody::Json(v) => req.json(v)?,
            CallBody::Multipart(parts) => req.multipart(parts.clone()),
        })
    }
}

/// Percent-encodes a query component: everything but `A-Z a-z 0-9 - . _ ~` becomes `%XX`.
///
/// ```
/// assert_eq!(psa_core::transport::encode_component(r#"a "b" & c*+[é]"#), "a%20%22b%22%20%26%20c%2A%2B%5B%C3%A9%5D");
/// ```
pub fn encode_component(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}

/// What [`encode_component`] encodes: all but the unreserved characters of RFC 3986.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Sends [`ApiCall`]s for one client: builds them against the current location, authorizes them
/// through the vendor's hooks, and relocates once after a wrong-host answer.
///
/// Relocation happens under one lock: when several calls see a wrong-host answer at once, the
/// first asks the vendor's [`RequestHooks::relocate`], the others find the location already
/// changed and just resend. Each call is resent at most once. A failed relocation returns the
/// call's original error (the relocation failure is logged, scrubbed of secrets).
pub struct Requester<H: RequestHooks> {
    transport: Transport,
    hooks: H,
    location: RwLock<H::Location>,
    relocating: tokio::sync::Mutex<()>,
}

impl<H: RequestHooks> std::fmt::Debug for Requester<H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Requester")
            .field("api_base", &self.api_base().as_str())
            .finish_non_exhaustive()
    }
}

impl<H: RequestHooks> Requester<H> {
    /// A requester over a transport, with the vendor's hooks and its first location.
    pub fn new(transport: Transport, hooks: H, location: H::Location) -> Self {
        Requester {
            transport,
            hooks,
            location: RwLock::new(location),
            relocating: tokio::sync::Mutex::new(()),
        }
    }

    /// The transport.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The vendor's hooks.
    pub fn hooks(&self) -> &H {
        &self.hooks
    }

    /// The current location (a poisoned lock is recovered: the location is always whole).
    pub fn location(&self) -> H::Location {
        self.location
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The current API base (read under the lock; the location itself is not cloned).
    pub fn api_base(&self) -> Url {
        self.location
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .api_base()
    }

    /// The URL a call would be sent to now.
    pub fn url(&self, call: &ApiCall) -> Result<Url> {
        call.url(&self.api_base())
    }

    /// Sends a call; a non-2xx answer is an [`Error`].
    pub async fn send(&self, call: &ApiCall) -> Result<Response> {
        let mut relocated = false;
        loop {
            let seen = self.api_base();
            let url = call.url(&seen)?;
            let req = self.hooks.authorize(call.request(url)?)?;
            match self.transport.send(req).await {
                Ok(resp) => return Ok(resp),
                Err(e) => {
                    let may_move = !relocated
                        && matches!(call.target, CallTarget::Segments(_))
                        && self.hooks.is_wrong_host(&e);
                    if may_move && self.relocate(&seen, &e).await {
                        relocated = true;
                        continue;
                    }
                    return Err(e);
                }
            }
        }
    }

    /// Moves to the vendor's current location; true when the API base changed (here or in
    /// another call since `seen_base` was read).
    async fn relocate(&self, seen_base: &Url, error: &Error) -> bool {
        let _one_at_a_time = self.relocating.lock().await;
        let current = self.location();
        if current.api_base() != *seen_base {
            return true;
        }
        match self.hooks.relocate(&self.transport, &current, error).await {
            Ok(Some(moved)) if moved.api_base() != *seen_base => {
                tracing::info!(
                    old = %seen_base,
                    new = %moved.api_base(),
                    "the API moved; resending the call at the new location"
                );
                *self
                    .location
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = moved;
                true
            }
            Ok(_) => false,
            Err(e) => {
                tracing::warn!(error = %self.transport.scrub(&e.to_string()), "relocation failed");
                false
            }
        }
    }
}

#[cfg(test)]
#[path = "call_tests.rs"]
mod tests;
