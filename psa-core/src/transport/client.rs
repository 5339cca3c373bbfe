use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use tokio::time::Instant;
use tracing::Instrument;
use url::Url;

use super::body::{BodyError, body_too_large, read_capped};
use super::redact::Shown;
use super::retry::{backoff_delay, parse_retry_after};
use super::{
    Body, ConcurrencyLimit, ErrorClassifier, HostPolicy, RateLimit, Redactor, Request, Response,
    StatusClassifier, redact_url,
};
use crate::{ClientOptions, Error, ErrorKind, Result, Vendor};

/// The HTTP transport: cheap to clone, shared by all handles of one client.
///
/// See the [module docs](super) for what it does on every request.
#[derive(Debug, Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    vendor: Vendor,
    client: reqwest::Client,
    options: ClientOptions,
    hosts: HostPolicy,
    rate: Option<Arc<dyn RateLimit>>,
    concurrency: Option<Arc<dyn ConcurrencyLimit>>,
    classifier: Arc<dyn ErrorClassifier>,
    redactor: Redactor,
}

/// Builds a [`Transport`].
#[derive(Debug)]
pub struct TransportBuilder {
    vendor: Vendor,
    options: ClientOptions,
    hosts: HostPolicy,
    rate: Option<Arc<dyn RateLimit>>,
    concurrency: Option<Arc<dyn ConcurrencyLimit>>,
    classifier: Arc<dyn ErrorClassifier>,
    redactor: Redactor,
}

/// With the `rustls-ring` feature alone, reqwest has no crypto provider of its own: ring's becomes
/// the process default, unless the application installed one before.
#[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
fn install_ring_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // An error means another thread installed a provider first, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

impl TransportBuilder {
    /// Sets the hosts credentials may go to (the caller's options are added on `build`).
    pub fn host_policy(mut self, hosts: HostPolicy) -> Self {
        self.hosts = hosts;
        self
    }

    /// Paces requests under a rate limit: an in-process [`RateLimiter`](super::RateLimiter)
    /// (clones share the quota) or any [`RateLimit`], such as the Redis one shared by processes.
    pub fn rate_limiter(mut self, limiter: impl Into<Arc<dyn RateLimit>>) -> Self {
        self.rate = Some(limiter.into());
        self
    }

    /// Caps concurrent requests per [`Request::limit_key`]: an in-process
    /// [`ConcurrencyLimiter`](super::ConcurrencyLimiter) or any [`ConcurrencyLimit`].
    pub fn concurrency_limiter(mut self, limiter: impl Into<Arc<dyn ConcurrencyLimit>>) -> Self {
        self.concurrency = Some(limiter.into());
        self
    }

    /// Sets how error responses are classified.
    pub fn classifier(mut self, classifier: Arc<dyn ErrorClassifier>) -> Self {
        self.classifier = classifier;
        self
    }

    /// Sets the secrets to scrub from error messages.
    pub fn redactor(mut self, redactor: Redactor) -> Self {
        self.redactor = redactor;
        self
    }

    /// Builds the transport and its reqwest client.
    pub fn build(self) -> Result<Transport> {
        #[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
        install_ring_provider();
        let client = reqwest::Client::builder()
            .connect_timeout(self.options.connect_timeout)
            .timeout(self.options.request_timeout)
            .user_agent(self.options.user_agent.clone())
            // Redirects would carry our auth headers to whatever host the server names.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                Error::new(
                    ErrorKind::Config,
                    format!("cannot build the HTTP client: {e}"),
                )
                .with_source(e)
            })?;
        let hosts = self.hosts.with_options(&self.options)?;
        Ok(Transport {
            inner: Arc::new(Inner {
                vendor: self.vendor,
                client,
                options: self.options,
                hosts,
                rate: self.rate,
                concurrency: self.concurrency,
                classifier: self.classifier,
                redactor: self.redactor,
            }),
        })
    }
}

/// A 2xx answer with its body read, before it becomes a [`Response`].
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
}

enum Attempt {
    Done(Answer),
    /// `wait`: the server's `Retry-After`, honoured for any retryable status (429, 503, …).
    Failed {
        error: Error,
        retry: bool,
        wait: Option<Duration>,
    },
}

impl Transport {
    /// Starts a builder for a vendor with the caller's options.
    pub fn builder(vendor: Vendor, options: ClientOptions) -> TransportBuilder {
        TransportBuilder {
            vendor,
            options,
            hosts: HostPolicy::new(),
            rate: None,
            concurrency: None,
            classifier: Arc::new(StatusClassifier),
            redactor: Redactor::new(),
        }
    }

    /// The vendor.
    pub fn vendor(&self) -> Vendor {
        self.inner.vendor
    }

    /// The options in force.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// The host policy in force.
    pub fn host_policy(&self) -> &HostPolicy {
        &self.inner.hosts
    }

    /// The rate limiter, if any.
    pub fn rate_limiter(&self) -> Option<&dyn RateLimit> {
        self.inner.rate.as_deref()
    }

    /// The per-endpoint concurrency limiter, if any.
    pub fn concurrency_limiter(&self) -> Option<&dyn ConcurrencyLimit> {
        self.inner.concurrency.as_deref()
    }

    /// Checks that credentials may be sent to `url`.
    pub fn check_host(&self, url: &Url) -> Result<()> {
        self.inner
            .hosts
            .check(url)
            .map_err(|e| e.with_vendor(self.inner.vendor))
    }

    /// Removes known secrets from a text.
    pub fn scrub(&self, text: &str) -> String {
        self.inner.redactor.scrub(text)
    }

    /// Sends a request with retries; a non-2xx answer becomes an [`Error`].
    ///
    /// The URL is redacted only when it is shown (an enabled `psa.request` span, an error), not
    /// for every request.
    pub async fn send(&self, req: Request) -> Result<Response> {
        self.check_host(&req.url)?;
        let span = tracing::debug_span!(
            "psa.request",
            vendor = self.inner.vendor.id(),
            method = %req.method,
            url = %Shown(&req.url),
        );
        let answer = self.send_with_retries(&req).instrument(span).await?;
        Ok(Response {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
            method: req.method,
            url: req.url,
            attempts: answer.attempts,
            vendor: self.inner.vendor,
        })
    }

    /// Sends a request and decodes a JSON answer.
    pub async fn send_json<T: serde::de::DeserializeOwned>(&self, req: Request) -> Result<T> {
        self.send(req).await?.json()
    }

    async fn send_with_retries(&self, req: &Request) -> Result<Answer> {
        let cfg = &self.inner.options.retry;
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let outcome = self.attempt(req, attempt).await;
            let (error, retry, wait) = match outcome {
                Attempt::Done(resp) => return Ok(resp),
                Attempt::Failed { error, retry, wait } => (error, retry, wait),
            };
            let error = error.with_attempts(attempt);
            if !retry || attempt > cfg.max_retries {
                return Err(error);
            }
            let delay = match wait.or(error.retry_after()) {
                Some(d) => d,
                None => backoff_delay(cfg, attempt),
            };
            if started.elapsed() + delay > cfg.total_budget {
                tracing::debug!(attempt, ?delay, "retry budget exhausted");
                return Err(error);
            }
            tracing::debug!(attempt, ?delay, error = %error.kind_name(), "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(&self, req: &Request, attempt: u32) -> Attempt {
        if let Some(rate) = &self.inner.rate
            && let Err(error) = rate.acquire().await
        {
            return self.limiter_failed(req, error);
        }
        let _permit = match (&self.inner.concurrency, &req.limit_key) {
            (Some(c), Some(k)) => match c.acquire(k).await {
                Ok(p) => Some(p),
                Err(error) => return self.limiter_failed(req, error),
            },
            _ => None,
        };
        let started = Instant::now();
        let mut builder = self
            .inner
            .client
            .request(req.method.clone(), req.url.clone())
            .headers(req.headers.clone());
        builder = match &req.body {
            Body::Empty => builder,
            Body::Bytes {
                content_type,
                bytes,
            } => builder
                .header(http::header::CONTENT_TYPE, content_type.as_str())
                .body(bytes.clone()),
            Body::Multipart(parts) => match build_form(parts) {
                Ok(form) => builder.multipart(form),
                Err(error) => {
                    return Attempt::Failed {
                        error,
                        retry: false,
                        wait: None,
                    };
                }
            },
        };
        let result = match builder.send().await {
            Ok(mut resp) => {
                let status = resp.status();
                // Taken, not cloned: the body's length comes from the body, not the headers.
                let headers = std::mem::take(resp.headers_mut());
                match read_capped(resp, self.inner.options.max_response_bytes).await {
                    Ok(body) => Ok((status, headers, body)),
                    Err(BodyError::Read(e)) => Err(e),
                    Err(BodyError::TooLarge(limit)) => {
                        tracing::debug!(attempt, limit, "response body over the cap, dropped");
                        return Attempt::Failed {
                            error: body_too_large(limit)
                                .with_vendor(self.inner.vendor)
                                .with_request(req.method.as_str(), redact_url(&req.url))
                                .with_status(status.as_u16())
                                .with_sent(true),
                            retry: false,
                            wait: None,
                        };
                    }
                }
            }
            Err(e) => Err(e),
        };
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match result {
            Ok((status, headers, body)) => {
                tracing::debug!(attempt, status = status.as_u16(), elapsed_ms, "response");
                if status.is_success() {
                    return Attempt::Done(Answer {
                        status,
                        headers,
                        body,
                        attempts: attempt,
                    });
                }
                let error = self.http_error(req, status, &headers, &body);
                let retry = match error.kind() {
                    ErrorKind::RateLimited { .. } => true,
                    ErrorKind::Server | ErrorKind::Timeout => req.idempotent,
                    _ => false,
                };
                Attempt::Failed {
                    error,
                    retry,
                    wait: parse_retry_after(&headers),
                }
            }
            Err(e) => {
                let never_sent = e.is_connect() || e.is_builder();
                let kind = if e.is_timeout() && !never_sent {
                    ErrorKind::Timeout
                } else {
                    ErrorKind::Transport
                };
                tracing::debug!(attempt, elapsed_ms, never_sent, kind = ?kind, "request failed");
                let message = self.inner.redactor.scrub(&describe_reqwest(&e));
                let error = Error::new(kind, message)
                    .with_vendor(self.inner.vendor)
                    .with_request(req.method.as_str(), redact_url(&req.url))
                    .with_sent(!never_sent)
                    .with_source(StrippedError(describe_reqwest(&e)));
                let retry = if e.is_builder() {
                    false
                } else {
                    never_sent || req.idempotent
                };
                Attempt::Failed {
                    error,
                    retry,
                    wait: None,
                }
            }
        }
    }

    /// A limiter that cannot decide (its backend is down) stops the attempt before sending; the
    /// attempt is retried like a connection that never opened, then surfaces the error.
    fn limiter_failed(&self, req: &Request, error: Error) -> Attempt {
        Attempt::Failed {
            error: error
                .with_vendor(self.inner.vendor)
                .with_request(req.method.as_str(), redact_url(&req.url))
                .with_sent(false),
            retry: true,
            wait: None,
        }
    }

    fn http_error(
        &self,
        req: &Request,
        status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Error {
        let mut error = self.inner.classifier.classify(status, headers, body);
        if let ErrorKind::RateLimited { retry_after: None } = error.kind() {
            error = error.with_kind(ErrorKind::RateLimited {
                retry_after: parse_retry_after(headers),
            });
        }
        let message = self.inner.redactor.scrub(error.message());
        error
            .with_message(message)
            .with_vendor(self.inner.vendor)
            .with_request(req.method.as_str(), redact_url(&req.url))
            .with_status(status.as_u16())
            .with_sent(true)
    }
}

impl Error {
    fn kind_name(&self) -> String {
        format!("{:?}", self.kind())
    }
}

fn build_form(parts: &[super::MultipartPart]) -> Result<reqwest::multipart::Form> {
    let mut form = reqwest::multipart::Form::new();
    for p in parts {
        let mut part = reqwest::multipart::Part::bytes(p.data.to_vec());
        if let Some(f) = &p.file_name {
            part = part.file_name(f.clone());
        }
        if let Some(ct) = &p.content_type {
            part = part.mime_str(ct).map_err(|_| {
                Error::new(
                    ErrorKind::Validation,
                    format!("invalid content type {ct:?} for part {}", p.name),
                )
            })?;
        }
        form = form.part(p.name.clone(), part);
    }
    Ok(form)
}

/// reqwest's error text includes the full URL; describe the error without it.
fn describe_reqwest(e: &reqwest::Error) -> String {
    let what = if e.is_connect() {
        "could not connect"
    } else if e.is_timeout() {
        "timed out"
    } else if e.is_body() || e.is_decode() {
        "the response body was cut off or unreadable"
    } else if e.is_request() {
        "the request failed"
    } else if e.is_redirect() {
        "redirect refused"
    } else {
        "HTTP error"
    };
    let mut cause = String::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        cause = s.to_string();
        src = s.source();
    }
    if cause.is_empty() {
        what.to_string()
    } else {
        format!("{what}: {cause}")
    }
}

/// The cause of a transport failure, as text without the URL.
#[derive(Debug)]
struct StrippedError(String);

impl std::fmt::Display for StrippedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StrippedError {}

#[cfg(all(test, feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
mod ring_tests {
    use super::*;

    #[test]
    fn with_rustls_ring_alone_a_transport_builds_on_ring() {
        let built = Transport::builder(Vendor::Syncro, ClientOptions::default()).build();
        assert!(
            built.is_ok(),
            "the transport did not build: {:?}",
            built.err()
        );
        let provider = rustls::crypto::CryptoProvider::get_default();
        assert!(
            provider.is_some(),
            "no process-default crypto provider after build"
        );
    }
}
