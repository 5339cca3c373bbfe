//! The one error type of psa-sdk.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::Vendor;

/// Result alias used across psa-sdk.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Largest number of bytes of a raw (non-vendor-JSON) body kept in an error message.
pub(crate) const RAW_BODY_LIMIT: usize = 2048;

/// What went wrong, as a category the caller can act on.
///
/// ```
/// use psa_core::{Error, ErrorKind};
/// let err = Error::new(ErrorKind::NotFound, "ticket 42 does not exist");
/// assert!(matches!(err.kind(), ErrorKind::NotFound));
/// assert!(!err.is_retryable());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A setting is missing or malformed; the message names it.
    Config,
    /// The vendor's discovery step (Autotask zone, ConnectWise codebase) failed or pointed
    /// somewhere credentials must not go.
    Discovery,
    /// The credentials were rejected.
    Unauthenticated,
    /// The credentials are valid but the API user lacks a right.
    PermissionDenied,
    /// The record or route does not exist.
    NotFound,
    /// The server refused the input; the message says which field.
    Validation,
    /// The record changed or already exists.
    Conflict,
    /// The vendor asked us to slow down.
    RateLimited {
        /// How long the server asked us to wait, when it said.
        retry_after: Option<Duration>,
    },
    /// The connector does not support this call (see [`crate::Capabilities`]).
    Unsupported,
    /// The request timed out; it may or may not have reached the server.
    Timeout,
    /// The connection failed.
    Transport,
    /// The server failed (5xx) in a way that is not one of the kinds above.
    Server,
    /// The response could not be decoded.
    Decode,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Config => "invalid configuration",
            ErrorKind::Discovery => "discovery failed",
            ErrorKind::Unauthenticated => "authentication failed",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::NotFound => "not found",
            ErrorKind::Validation => "rejected as invalid",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited { .. } => "rate limited",
            ErrorKind::Unsupported => "not supported by this connector",
            ErrorKind::Timeout => "timed out",
            ErrorKind::Transport => "connection failed",
            ErrorKind::Server => "server error",
            ErrorKind::Decode => "unexpected response",
        }
    }

    fn default_hint(self) -> Option<&'static str> {
        match self {
            ErrorKind::Unauthenticated => {
                Some("check the API credentials (username/public key, secret/private key or token)")
            }
            ErrorKind::PermissionDenied => Some(
                "grant the API user the missing right; run preflight to see which right and where",
            ),
            ErrorKind::RateLimited { .. } => {
                Some("slow down or lower the client's rate limit; the vendor's quota is shared")
            }
            ErrorKind::Timeout | ErrorKind::Transport => {
                Some("check network access to the vendor host, then retry")
            }
            _ => None,
        }
    }
}

/// An error from any psa-sdk call.
///
/// It keeps the vendor, the HTTP method, the URL (with secrets removed), the status, the number of
/// attempts and the vendor's own message, so `Display` says what failed and what to do:
///
/// ```
/// use psa_core::{Error, ErrorKind, Vendor};
/// let err = Error::new(ErrorKind::PermissionDenied, "The logged in Resource does not have the adequate permissions to create this entity type.")
///     .with_vendor(Vendor::Autotask)
///     .with_status(500)
///     .with_entity("Tickets")
///     .with_action("create");
/// let text = err.to_string();
/// assert!(text.contains("Autotask"));
/// assert!(text.contains("adequate permissions"));
/// assert_eq!(err.entity(), Some("Tickets"));
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    vendor: Option<Vendor>,
    method: Option<String>,
    url: Option<String>,
    status: Option<u16>,
    attempts: u32,
    sent: bool,
    entity: Option<String>,
    action: Option<String>,
    fields: Vec<String>,
    code: Option<String>,
    hint: Option<String>,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl Error {
    /// A new error of `kind` with a message (the vendor's own words where there are any).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                vendor: None,
                method: None,
                url: None,
                status: None,
                attempts: 0,
                sent: false,
                entity: None,
                action: None,
                fields: Vec::new(),
                code: None,
                hint: None,
                source: None,
            }),
        }
    }

    /// A [`ErrorKind::Config`] error naming the setting to fix.
    ///
    /// ```
    /// let err = psa_core::Error::config("AUTOTASK_SECRET", "is not set");
    /// assert!(err.to_string().contains("AUTOTASK_SECRET is not set"));
    /// ```
    pub fn config(setting: &str, problem: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Config, format!("{setting} {problem}"))
    }

    /// A [`ErrorKind::Unsupported`] error for a call outside a connector's capabilities.
    ///
    /// ```
    /// let err = psa_core::Error::unsupported(psa_core::Vendor::Syncro, "queues");
    /// assert!(matches!(err.kind(), psa_core::ErrorKind::Unsupported));
    /// ```
    pub fn unsupported(vendor: Vendor, what: &str) -> Self {
        Error::new(
            ErrorKind::Unsupported,
            format!("{vendor} does not support {what}"),
        )
        .with_vendor(vendor)
    }

    /// The category of this error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The vendor's own message, or our description when there is none.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The vendor the failing call was made to.
    pub fn vendor(&self) -> Option<Vendor> {
        self.inner.vendor
    }

    /// The HTTP method of the failing request.
    pub fn method(&self) -> Option<&str> {
        self.inner.method.as_deref()
    }

    /// The URL of the failing request, with credentials and secret query values removed.
    pub fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// How many times the request was sent (0 when it never was).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The entity named by a permission or validation error (`Tickets`, `service/tickets`).
    pub fn entity(&self) -> Option<&str> {
        self.inner.entity.as_deref()
    }

    /// The action refused by a permission error (`query`, `create`, `update`, …).
    pub fn action(&self) -> Option<&str> {
        self.inner.action.as_deref()
    }

    /// The fields a validation error names.
    pub fn fields(&self) -> &[String] {
        &self.inner.fields
    }

    /// The vendor's own error code, where its error body has one (ConnectWise `code`, such as
    /// `NotFound`, `InvalidObject` or `ConnectWiseApi`).
    ///
    /// ```
    /// let e = psa_core::Error::new(psa_core::ErrorKind::NotFound, "Contact 57919 not found").with_code("NotFound");
    /// assert_eq!(e.code(), Some("NotFound"));
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The advice shown after the message.
    pub fn hint(&self) -> Option<&str> {
        self.inner
            .hint
            .as_deref()
            .or(self.inner.kind.default_hint())
    }

    /// How long the server asked us to wait, for [`ErrorKind::RateLimited`].
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self.inner.kind {
            ErrorKind::RateLimited { retry_after } => retry_after,
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed: rate limits, timeouts, connection
    /// failures and server errors. Whether a *write* may be resent is a separate question,
    /// answered by [`Error::may_have_landed`].
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.inner.kind,
            ErrorKind::RateLimited { .. }
                | ErrorKind::Timeout
                | ErrorKind::Transport
                | ErrorKind::Server
        )
    }

    /// Whether the request may have been carried out by the server although we got no usable
    /// answer: it was sent and then timed out, lost its connection, got a 5xx, or got a success
    /// whose body was cut off. A create that fails this way must be looked up before it is sent
    /// again (see [`crate::idempotency`]).
    pub fn may_have_landed(&self) -> bool {
        self.inner.sent
            && matches!(
                self.inner.kind,
                ErrorKind::Timeout | ErrorKind::Transport | ErrorKind::Server | ErrorKind::Decode
            )
    }

    /// Whether the request reached the network before failing.
    pub fn was_sent(&self) -> bool {
        self.inner.sent
    }

    /// Sets the vendor.
    pub fn with_vendor(mut self, vendor: Vendor) -> Self {
        self.inner.vendor = Some(vendor);
        self
    }

    /// Sets the HTTP method and the URL; the URL must already be redacted
    /// (see [`crate::transport::redact_url`]).
    pub fn with_request(
        mut self,
        method: impl Into<String>,
        redacted_url: impl Into<String>,
    ) -> Self {
        self.inner.method = Some(method.into());
        self.inner.url = Some(redacted_url.into());
        self
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.inner.status = Some(status);
        self
    }

    /// Sets the number of attempts.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// Records whether the request reached the network.
    pub fn with_sent(mut self, sent: bool) -> Self {
        self.inner.sent = sent;
        self
    }

    /// Sets the entity a permission or validation error is about.
    pub fn with_entity(mut self, entity: impl Into<String>) -> Self {
        self.inner.entity = Some(entity.into());
        self
    }

    /// Sets the refused action.
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.inner.action = Some(action.into());
        self
    }

    /// Sets the fields a validation error names.
    pub fn with_fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.inner.fields = fields.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the vendor's own error code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.inner.code = Some(code.into());
        self
    }

    /// Replaces the advice shown after the message.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.inner.hint = Some(hint.into());
        self
    }

    /// Changes the kind, keeping everything else.
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.inner.kind = kind;
        self
    }

    /// Replaces the message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.inner.message = message.into();
        self
    }

    /// Sets the underlying cause.
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        if let Some(v) = i.vendor {
            write!(f, "{v}: ")?;
        }
        f.write_str(i.kind.describe())?;
        if let (Some(m), Some(u)) = (&i.method, &i.url) {
            write!(f, " ({m} {u}")?;
            if let Some(s) = i.status {
                write!(f, ", HTTP {s}")?;
            }
            if i.attempts > 1 {
                write!(f, ", {} attempts", i.attempts)?;
            }
            f.write_str(")")?;
        } else if let Some(s) = i.status {
            write!(f, " (HTTP {s})")?;
        }
        if !i.message.is_empty() {
            write!(f, ": {}", i.message)?;
        }
        if let Some(hint) = self.hint() {
            write!(f, " — {hint}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &i.kind).field("message", &i.message);
        if let Some(v) = i.vendor {
            d.field("vendor", &v);
        }
        if let Some(m) = &i.method {
            d.field("method", m);
        }
        if let Some(u) = &i.url {
            d.field("url", u);
        }
        if let Some(s) = i.status {
            d.field("status", &s);
        }
        d.field("attempts", &i.attempts);
        if let Some(e) = &i.entity {
            d.field("entity", e);
        }
        if let Some(a) = &i.action {
            d.field("action", a);
        }
        if !i.fields.is_empty() {
            d.field("fields", &i.fields);
        }
        if let Some(c) = &i.code {
            d.field("code", c);
        }
        if let Some(s) = &i.source {
            d.field("source", s);
        }
        d.finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|s| s.as_ref() as &(dyn StdError + 'static))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::new(ErrorKind::Decode, e.to_string()).with_source(e)
    }
}

/// Keeps the first 2 KB of a body as text, on a character boundary.
///
/// ```
/// let html = "<html>".repeat(1000);
/// let kept = psa_core::error::truncate_body(html.as_bytes());
/// assert!(kept.starts_with("<html>"));
/// assert!(kept.len() <= 2048 + 40);
/// ```
pub fn truncate_body(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.len() <= RAW_BODY_LIMIT {
        return text.to_string();
    }
    let mut end = RAW_BODY_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… [{} bytes in all]", &text[..end], text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_vendor_request_status_and_message() {
        let err = Error::new(ErrorKind::Server, "IIS says no")
            .with_vendor(Vendor::Autotask)
            .with_request(
                "GET",
                "https://webservices5.autotask.net/ATServicesRest/V1.0/Version",
            )
            .with_status(502)
            .with_attempts(3);
        let text = err.to_string();
        assert_eq!(
            text,
            "Autotask: server error (GET https://webservices5.autotask.net/ATServicesRest/V1.0/Version, HTTP 502, 3 attempts): IIS says no"
        );
    }

    #[test]
    fn only_sent_ambiguous_failures_may_have_landed() {
        let e = Error::new(ErrorKind::Timeout, "t").with_sent(true);
        assert!(e.may_have_landed());
        let e = Error::new(ErrorKind::Transport, "refused").with_sent(false);
        assert!(!e.may_have_landed());
        let e = Error::new(ErrorKind::Validation, "bad").with_sent(true);
        assert!(!e.may_have_landed());
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let body = "é".repeat(3000);
        let kept = truncate_body(body.as_bytes());
        assert!(kept.contains("bytes in all"));
    }

    #[test]
    fn rate_limited_exposes_retry_after() {
        let e = Error::new(
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_secs(30)),
            },
            "slow down",
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
        assert!(e.is_retryable());
    }
}
