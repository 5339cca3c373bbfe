use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::truncate_body;
use crate::{Error, ErrorKind};

/// A request body.
#[non_exhaustive]
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// Bytes with a content type (JSON bodies use this).
    Bytes {
        /// The `Content-Type`.
        content_type: String,
        /// The bytes.
        bytes: Bytes,
    },
    /// A multipart/form-data body; rebuilt for every attempt.
    Multipart(Vec<MultipartPart>),
}

/// One part of a multipart body.
///
/// ```
/// let p = psa_core::transport::MultipartPart::text("recordType", "Ticket");
/// assert_eq!(p.name, "recordType");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone)]
pub struct MultipartPart {
    /// The form field name.
    pub name: String,
    /// A file name, for file parts.
    pub file_name: Option<String>,
    /// The part's content type.
    pub content_type: Option<String>,
    /// The content.
    pub data: Bytes,
}

impl MultipartPart {
    /// A text field.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        MultipartPart {
            name: name.into(),
            file_name: None,
            content_type: None,
            data: Bytes::from(value.into()),
        }
    }

    /// A file field.
    pub fn file(
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: Option<String>,
        data: impl Into<Bytes>,
    ) -> Self {
        MultipartPart {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type,
            data: data.into(),
        }
    }
}

/// A request for the [`Transport`](super::Transport).
///
/// GET, PUT, PATCH, DELETE are idempotent by default; POST is not (mark query POSTs with
/// [`idempotent`](Self::idempotent)). Header values given as sensitive never appear in `Debug`.
///
/// ```
/// use psa_core::transport::Request;
/// let req = Request::post("https://webservices5.autotask.net/ATServicesRest/V1.0/Tickets/query".parse().unwrap())
///     .json(&serde_json::json!({"filter": [{"op": "exist", "field": "id"}]})).unwrap()
///     .idempotent(true)
///     .limit_key("Tickets")
///     .sensitive_header("Secret", "do-not-print").unwrap();
/// assert!(req.is_idempotent());
/// assert!(!format!("{req:?}").contains("do-not-print"));
/// ```
#[derive(Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    pub(crate) idempotent: bool,
    pub(crate) limit_key: Option<String>,
}

impl Request {
    /// A request with a method and URL.
    pub fn new(method: Method, url: Url) -> Self {
        let idempotent = !matches!(method, Method::POST);
        Request {
            method,
            url,
            headers: HeaderMap::new(),
            body: Body::Empty,
            idempotent,
            limit_key: None,
        }
    }

    /// A GET.
    pub fn get(url: Url) -> Self {
        Self::new(Method::GET, url)
    }

    /// A POST (not idempotent unless marked).
    pub fn post(url: Url) -> Self {
        Self::new(Method::POST, url)
    }

    /// A PATCH.
    pub fn patch(url: Url) -> Self {
        Self::new(Method::PATCH, url)
    }

    /// A PUT.
    pub fn put(url: Url) -> Self {
        Self::new(Method::PUT, url)
    }

    /// A DELETE.
    pub fn delete(url: Url) -> Self {
        Self::new(Method::DELETE, url)
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// Whether the request may be sent again after an ambiguous failure.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent
    }

    /// Adds a header; a bad name or value is a `Config` error naming the header.
    pub fn header(mut self, name: &str, value: &str) -> crate::Result<Self> {
        let (n, v) = header_pair(name, value)?;
        self.headers.insert(n, v);
        Ok(self)
    }

    /// Adds a header whose value is a secret: marked sensitive, never printed.
    pub fn sensitive_header(mut self, name: &str, value: &str) -> crate::Result<Self> {
        let (n, mut v) = header_pair(name, value)?;
        v.set_sensitive(true);
        self.headers.insert(n, v);
        Ok(self)
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> crate::Result<Self> {
        let bytes = serde_json::to_vec(value).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("cannot encode the request body: {e}"),
            )
        })?;
        self.body = Body::Bytes {
            content_type: "application/json".into(),
            bytes: Bytes::from(bytes),
        };
        Ok(self)
    }

    /// Sets a raw body.
    pub fn bytes(mut self, content_type: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        self.body = Body::Bytes {
            content_type: content_type.into(),
            bytes: bytes.into(),
        };
        self
    }

    /// Sets a multipart/form-data body.
    pub fn multipart(mut self, parts: Vec<MultipartPart>) -> Self {
        self.body = Body::Multipart(parts);
        self
    }

    /// Marks whether the request is idempotent.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    /// The key for per-endpoint concurrency limits (e.g. the Autotask entity).
    pub fn limit_key(mut self, key: impl Into<String>) -> Self {
        self.limit_key = Some(key.into());
        self
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &super::redact_url(&self.url))
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("idempotent", &self.idempotent)
            .field("limit_key", &self.limit_key)
            .finish()
    }
}

fn header_pair(name: &str, value: &str) -> crate::Result<(HeaderName, HeaderValue)> {
    let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        Error::config(
            &format!("header name {name:?}"),
            "is not a valid HTTP header name",
        )
    })?;
    let v = HeaderValue::from_str(value).map_err(|_| {
        Error::config(
            &format!("the value of header {name}"),
            "contains characters not allowed in HTTP headers (control characters or line breaks)",
        )
    })?;
    Ok((n, v))
}

/// A successful (2xx) response, with its body read.
#[derive(Clone)]
pub struct Response {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) method: Method,
    /// The URL asked for; shown only redacted (`Debug`, decode errors).
    pub(crate) url: Url,
    pub(crate) attempts: u32,
    pub(crate) vendor: crate::Vendor,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("method", &self.method)
            .field("url", &super::redact_url(&self.url))
            .field("attempts", &self.attempts)
            .field("vendor", &self.vendor)
            .finish()
    }
}

impl Response {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// How many attempts it took.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Decodes the body as JSON. A body that is not the expected JSON (an HTML login page, a cut-off
    /// body) is a [`ErrorKind::Decode`] error that quotes the body's first bytes.
    pub fn json<T: DeserializeOwned>(&self) -> crate::Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| self.decode_error(&e.to_string()))
    }

    /// A [`ErrorKind::Decode`] error about this response, quoting its body.
    pub fn decode_error(&self, what: &str) -> Error {
        let snippet = truncate_body(&self.body);
        let ct = self.header_str("content-type").unwrap_or("none");
        Error::new(
            ErrorKind::Decode,
            format!(
                "{what}; content-type {ct}; body: {}",
                if snippet.is_empty() {
                    "<empty>"
                } else {
                    &snippet
                }
            ),
        )
        .with_vendor(self.vendor)
        .with_request(self.method.as_str(), super::redact_url(&self.url))
        .with_status(self.status.as_u16())
        .with_attempts(self.attempts)
        .with_sent(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_shows_its_url_redacted_in_debug_and_decode_errors() {
        let resp = Response {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"<html>"),
            method: Method::GET,
            url: "https://acme.syncromsp.com/api/v1/tickets?page=2&api_key=s3cret-token"
                .parse()
                .unwrap(),
            attempts: 1,
            vendor: crate::Vendor::Syncro,
        };
        let debug = format!("{resp:?}");
        assert!(!debug.contains("s3cret-token"), "{debug}");
        assert!(debug.contains("page=2"), "{debug}");
        let error = resp.json::<serde_json::Value>().unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("s3cret-token"), "{shown}");
        assert!(shown.contains("/api/v1/tickets"), "{shown}");
    }
}
