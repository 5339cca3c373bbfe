//! Creates that are never duplicated by retries.
//!
//! A create that fails ambiguously ([`Error::may_have_landed`]: timeout, connection lost after
//! sending, 5xx, cut-off body) may have been stored. [`create_once`] then asks `lookup` (a query
//! for the idempotency key) before it sends again, so a retry never makes a second record.
//!
//! ```
//! use std::sync::atomic::{AtomicU32, Ordering};
//! use psa_core::{Error, ErrorKind, RetryConfig, idempotency::create_once};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> psa_core::Result<()> {
//! let stored = AtomicU32::new(0);
//! let id = create_once(
//!     &RetryConfig::default().initial_backoff(std::time::Duration::from_millis(1)),
//!     || async {
//!         stored.fetch_add(1, Ordering::SeqCst);
//!         // The server stored it, then the connection dropped.
//!         Err::<u32, _>(Error::new(ErrorKind::Transport, "connection reset").with_sent(true))
//!     },
//!     || async { Ok(if stored.load(Ordering::SeqCst) > 0 { Some(42) } else { None }) },
//! ).await?;
//! assert_eq!(id, 42);
//! assert_eq!(stored.load(Ordering::SeqCst), 1);
//! # Ok(()) }
//! ```

use std::future::Future;

use tokio::time::Instant;

use crate::transport::backoff_delay;
use crate::{Error, Result, RetryConfig};

/// Sends a create once; after an ambiguous failure, looks it up before sending again.
///
/// `send` performs the create (the transport sends it exactly once). `lookup` searches for the
/// record by its idempotency key and must be read-only. Returns the first success, the found
/// record, or the last error once retries or the budget run out.
pub async fn create_once<T, S, SF, L, LF>(
    retry: &RetryConfig,
    mut send: S,
    mut lookup: L,
) -> Result<T>
where
    S: FnMut() -> SF,
    SF: Future<Output = Result<T>>,
    L: FnMut() -> LF,
    LF: Future<Output = Result<Option<T>>>,
{
    let started = Instant::now();
    let mut round: u32 = 0;
    loop {
        round += 1;
        let err = match send().await {
            Ok(v) => return Ok(v),
            Err(e) if e.may_have_landed() => e,
            Err(e) if e.is_retryable() && !e.was_sent() => e,
            Err(e) => return Err(e),
        };
        if round > retry.max_retries || started.elapsed() > retry.total_budget {
            return Err(err);
        }
        tokio::time::sleep(
            err.retry_after()
                .unwrap_or_else(|| backoff_delay(retry, round)),
        )
        .await;
        if err.was_sent() {
            match lookup_patiently(retry, &mut lookup, &err).await? {
                Some(found) => {
                    tracing::debug!(
                        round,
                        "create landed despite the error; returning the stored record"
                    );
                    return Ok(found);
                }
                None => tracing::debug!(round, "create did not land; sending again"),
            }
        }
    }
}

async fn lookup_patiently<T, L, LF>(
    retry: &RetryConfig,
    lookup: &mut L,
    original: &Error,
) -> Result<Option<T>>
where
    L: FnMut() -> LF,
    LF: Future<Output = Result<Option<T>>>,
{
    let mut tries = 0;
    loop {
        tries += 1;
        match lookup().await {
            Ok(found) => return Ok(found),
            Err(e) if e.is_retryable() || matches!(e.kind(), crate::ErrorKind::Decode) => {
                if tries > retry.max_retries.max(1) {
                    return Err(original_with_lookup(original, &e));
                }
                tokio::time::sleep(backoff_delay(retry, tries)).await;
            }
            Err(e) => return Err(original_with_lookup(original, &e)),
        }
    }
}

fn original_with_lookup(original: &Error, lookup: &Error) -> Error {
    Error::new(
        original.kind(),
        format!(
            "{}; the create may have been stored, and looking it up by its idempotency key failed too ({}), so it was not sent again",
            original.message(),
            lookup.message()
        ),
    )
    .with_sent(true)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::ErrorKind;

    fn fast() -> RetryConfig {
        RetryConfig::default()
            .initial_backoff(Duration::from_millis(1))
            .max_backoff(Duration::from_millis(2))
    }

    #[tokio::test]
    async fn definite_failures_are_not_retried() {
        let sends = AtomicU32::new(0);
        let r: Result<u32> = create_once(
            &fast(),
            || async {
                sends.fetch_add(1, Ordering::SeqCst);
                Err(Error::new(ErrorKind::Validation, "title required").with_sent(true))
            },
            || async { Ok(None) },
        )
        .await;
        assert!(matches!(r.unwrap_err().kind(), ErrorKind::Validation));
        assert_eq!(sends.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn resends_when_lookup_proves_absence() {
        let sends = AtomicU32::new(0);
        let lookups = AtomicU32::new(0);
        let r = create_once(
            &fast(),
            || async {
                if sends.fetch_add(1, Ordering::SeqCst) == 0 {
                    Err(Error::new(ErrorKind::Server, "503").with_sent(true))
                } else {
                    Ok(7)
                }
            },
            || async {
                lookups.fetch_add(1, Ordering::SeqCst);
                Ok(None)
            },
        )
        .await
        .unwrap();
        assert_eq!(r, 7);
        assert_eq!(sends.load(Ordering::SeqCst), 2);
        assert_eq!(lookups.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn failed_lookup_does_not_resend() {
        let sends = AtomicU32::new(0);
        let r: Result<u32> = create_once(
            &fast(),
            || async {
                sends.fetch_add(1, Ordering::SeqCst);
                Err(Error::new(ErrorKind::Timeout, "timed out").with_sent(true))
            },
            || async { Err(Error::new(ErrorKind::PermissionDenied, "no query right")) },
        )
        .await;
        let e = r.unwrap_err();
        assert!(e.message().contains("not sent again"), "{e}");
        assert_eq!(sends.load(Ordering::SeqCst), 1);
    }
}
