//! Ticket creates that a key makes idempotent, the same way on every vendor.
//!
//! # The contract
//!
//! A create that carries an idempotency key (`NewTicket::idempotency_key`, or a vendor
//! crate's native `tickets().create_once(.., key)`):
//!
//! 1. checks the key against what the vendor's field can store ([`KeyRules`]); a key that
//!    cannot be stored exactly is an [`ErrorKind::Validation`] error before anything is sent;
//! 2. looks the key up (one query on the field the key is stored in) and returns the existing
//!    ticket if there is one — from any client, in any process;
//! 3. otherwise sends the create once; after an ambiguous failure ([`Error::may_have_landed`]:
//!    timeout, connection lost after sending, 5xx, cut-off body) it looks the key up again and
//!    only sends again when the lookup proves the first attempt was not stored.
//!
//! Keys are compared exactly: `"chat-1"`, `"CHAT-1"` and `" chat-1 "` are three keys, even where
//! the vendor's search ignores case or spaces (every hit is re-checked in the client).
//!
//! # What it costs
//!
//! One extra GET per create (the lookup in step 2), plus one GET after each ambiguous failure.
//! A caller that guarantees unique keys itself (keys taken from a database sequence, say) can
//! switch step 2 off with the builder setter `idempotency_lookup(false)`, which exists with the
//! same meaning on every vendor's builder; step 3 stays on.
//!
//! # What it cannot promise
//!
//! None of the three PSAs offers an idempotency header or a unique constraint on the field the
//! key is stored in (Autotask `externalID`, ConnectWise `externalXRef`, a Syncro ticket
//! property). Two creates with the same key that run *at the same instant* can therefore both
//! miss in step 2 and both be stored. Within one process this is closed: creates with the same
//! vendor and key are serialised. Across processes the window is one create round trip (from
//! the lookup until the vendor has stored the ticket, typically well under a second); give each
//! key to one worker if two processes may see it at once.
//!
//! ```
//! use std::sync::atomic::{AtomicU32, Ordering};
//! use psa_core::idempotency::{KeyChars, KeyRules, create_idempotent};
//! use psa_core::{Error, ErrorKind, RetryConfig, Vendor};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> psa_core::Result<()> {
//! const RULES: KeyRules = KeyRules::new(Vendor::Autotask, "externalID", 50, KeyChars::Printable);
//! let stored = AtomicU32::new(0);
//! let retry = RetryConfig::default().initial_backoff(std::time::Duration::from_millis(1));
//! let create = || async {
//!     stored.fetch_add(1, Ordering::SeqCst);
//!     // The server stored it, then the connection dropped.
//!     Err::<u32, _>(Error::new(ErrorKind::Transport, "connection reset").with_sent(true))
//! };
//! let lookup = || async { Ok(if stored.load(Ordering::SeqCst) > 0 { Some(42) } else { None }) };
//! let id = create_idempotent(&RULES, "chat-7f3a", &retry, true, create, lookup).await?;
//! assert_eq!(id, 42);
//! assert_eq!(stored.load(Ordering::SeqCst), 1);
//! // A key the field cannot hold is refused before anything is sent.
//! let long = "k".repeat(51);
//! let err = create_idempotent(&RULES, &long, &retry, true, create, lookup).await.unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Validation);
//! assert_eq!(stored.load(Ordering::SeqCst), 1);
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use tokio::time::Instant;

use crate::transport::backoff_delay;
use crate::{Error, ErrorKind, Result, RetryConfig, Vendor};

/// Which characters a vendor's key field can store and find again exactly.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyChars {
    /// Any character except control characters; surrounding spaces are kept and significant.
    Printable,
    /// Like [`Printable`](Self::Printable), without leading or trailing whitespace (the vendor
    /// pads or trims the field, so such a key would not be found again exactly).
    PrintableTrimmed,
    /// Only `A-Z a-z 0-9 - _ .`, so a free-text search finds the key as one term.
    SearchTerm,
}

/// The limits of the field a vendor stores idempotency keys in.
///
/// ```
/// use psa_core::idempotency::{KeyChars, KeyRules};
/// use psa_core::{ErrorKind, Vendor};
/// let rules = KeyRules::new(Vendor::ConnectWise, "externalXRef", 100, KeyChars::PrintableTrimmed);
/// assert!(rules.check("chat-7f3a").is_ok());
/// assert_eq!(rules.check(" chat-7f3a").unwrap_err().kind(), ErrorKind::Validation);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyRules {
    /// The vendor whose field this is.
    pub vendor: Vendor,
    /// The field (wire name) the key is stored in.
    pub field: &'static str,
    /// The most characters the field holds.
    pub max_chars: usize,
    /// The characters the field holds and finds again exactly.
    pub chars: KeyChars,
}

impl KeyRules {
    /// Rules for a field.
    pub const fn new(
        vendor: Vendor,
        field: &'static str,
        max_chars: usize,
        chars: KeyChars,
    ) -> Self {
        KeyRules {
            vendor,
            field,
            max_chars,
            chars,
        }
    }

    /// Checks a key; the error says what the vendor's field accepts.
    pub fn check<'k>(&self, key: &'k str) -> Result<&'k str> {
        let count = key.chars().count();
        let chars_ok = match self.chars {
            KeyChars::Printable => !key.chars().any(char::is_control),
            KeyChars::PrintableTrimmed => !key.chars().any(char::is_control) && key.trim() == key,
            KeyChars::SearchTerm => key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')),
        };
        if !key.trim().is_empty() && count <= self.max_chars && chars_ok {
            return Ok(key);
        }
        let allowed = match self.chars {
            KeyChars::Printable => "characters other than control characters",
            KeyChars::PrintableTrimmed => {
                "characters other than control characters, without leading or trailing spaces"
            }
            KeyChars::SearchTerm => "letters, digits, '-', '_' or '.'",
        };
        let shown: String = key.chars().take(60).collect();
        Err(Error::new(
            ErrorKind::Validation,
            format!(
                "idempotency key {shown:?}{} cannot be stored in {} {}: use 1 to {} {allowed}",
                if count > 60 { "…" } else { "" },
                self.vendor,
                self.field,
                self.max_chars,
            ),
        )
        .with_vendor(self.vendor)
        .with_fields([self.field]))
    }
}

/// Creates a record idempotently: checks the key, looks it up first (unless `lookup_first` is
/// false), then sends through [`create_once`].
///
/// `send` performs the create (the transport sends it once). `lookup` finds the record whose
/// key is *exactly* `key` and must be read-only. A lookup refused with
/// [`ErrorKind::PermissionDenied`] before the first send is logged and skipped (the create is
/// then only protected against its own retries); any other lookup error is returned before
/// anything is sent. See the [module documentation](self) for the cost and the limits.
pub async fn create_idempotent<T, S, SF, L, LF>(
    rules: &KeyRules,
    key: &str,
    retry: &RetryConfig,
    lookup_first: bool,
    send: S,
    mut lookup: L,
) -> Result<T>
where
    S: FnMut() -> SF,
    SF: Future<Output = Result<T>>,
    L: FnMut() -> LF,
    LF: Future<Output = Result<Option<T>>>,
{
    rules.check(key)?;
    if !lookup_first {
        return create_once(retry, send, lookup).await;
    }
    let lock = key_lock(rules.vendor, key);
    let _serialised = lock.lock().await;
    match lookup().await {
        Ok(Some(found)) => {
            tracing::debug!(vendor = %rules.vendor, "idempotency key already used; returning the stored record");
            return Ok(found);
        }
        Ok(None) => {}
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            tracing::warn!(error = %e, "cannot look the idempotency key up; creating without the pre-check");
        }
        Err(e) => return Err(e),
    }
    create_once(retry, send, lookup).await
}

type Locks = Mutex<HashMap<(Vendor, String), Weak<tokio::sync::Mutex<()>>>>;

/// One async lock per (vendor, key) while a create with that key runs in this process.
fn key_lock(vendor: Vendor, key: &str) -> Arc<tokio::sync::Mutex<()>> {
    static LOCKS: OnceLock<Locks> = OnceLock::new();
    let mut map = LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.retain(|_, w| w.strong_count() > 0);
    let slot = (vendor, key.to_string());
    if let Some(lock) = map.get(&slot).and_then(Weak::upgrade) {
        return lock;
    }
    let lock = Arc::new(tokio::sync::Mutex::new(()));
    map.insert(slot, Arc::downgrade(&lock));
    lock
}

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
    const RULES: KeyRules = KeyRules::new(Vendor::Autotask, "externalID", 50, KeyChars::Printable);

    #[tokio::test]
    async fn an_existing_key_is_returned_without_sending() {
        let sends = AtomicU32::new(0);
        let r = create_idempotent(
            &RULES,
            "k",
            &fast(),
            true,
            || async {
                sends.fetch_add(1, Ordering::SeqCst);
                Ok(1)
            },
            || async { Ok(Some(9)) },
        )
        .await
        .unwrap();
        assert_eq!(r, 9);
        assert_eq!(sends.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn the_opt_out_skips_only_the_first_lookup() {
        let lookups = AtomicU32::new(0);
        let sends = AtomicU32::new(0);
        let r = create_idempotent(
            &RULES,
            "k",
            &fast(),
            false,
            || async {
                if sends.fetch_add(1, Ordering::SeqCst) == 0 {
                    Err(Error::new(ErrorKind::Server, "502").with_sent(true))
                } else {
                    Ok(3)
                }
            },
            || async {
                lookups.fetch_add(1, Ordering::SeqCst);
                Ok(None)
            },
        )
        .await
        .unwrap();
        assert_eq!(r, 3);
        assert_eq!(
            lookups.load(Ordering::SeqCst),
            1,
            "only the post-failure lookup"
        );
    }

    #[tokio::test]
    async fn a_refused_first_lookup_stops_before_sending_unless_it_is_a_permission() {
        let sends = AtomicU32::new(0);
        let send = || async {
            sends.fetch_add(1, Ordering::SeqCst);
            Ok(5)
        };
        let down = create_idempotent(&RULES, "k", &fast(), true, send, || async {
            Err::<Option<u32>, _>(Error::new(ErrorKind::Server, "503"))
        })
        .await;
        assert_eq!(down.unwrap_err().kind(), ErrorKind::Server);
        assert_eq!(sends.load(Ordering::SeqCst), 0);
        let denied = create_idempotent(&RULES, "k", &fast(), true, send, || async {
            Err::<Option<u32>, _>(Error::new(ErrorKind::PermissionDenied, "no search right"))
        })
        .await;
        assert_eq!(denied.unwrap(), 5);
    }

    #[test]
    fn keys_are_checked_against_the_field() {
        assert!(RULES.check(" spaced key ").is_ok());
        assert!(RULES.check(&"é".repeat(50)).is_ok());
        for bad in ["", "   ", "tab\there", &"x".repeat(51)] {
            let e = RULES.check(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Validation, "{bad:?}");
            assert!(e.message().contains("externalID"), "{e}");
        }
        let search = KeyRules::new(
            Vendor::Syncro,
            "psa_idempotency_key",
            64,
            KeyChars::SearchTerm,
        );
        assert!(search.check("chat-7f3a_1.2").is_ok());
        assert!(search.check("has space").is_err());
        let trimmed = KeyRules::new(
            Vendor::ConnectWise,
            "externalXRef",
            100,
            KeyChars::PrintableTrimmed,
        );
        assert!(trimmed.check("a b").is_ok());
        assert!(trimmed.check("a ").is_err());
    }

    #[tokio::test]
    async fn concurrent_creates_with_one_key_make_one_record() {
        let stored = std::sync::Mutex::new(Vec::<u32>::new());
        let retry = fast();
        let one = || {
            create_idempotent(
                &RULES,
                "same",
                &retry,
                true,
                || async {
                    tokio::task::yield_now().await;
                    let mut s = stored.lock().unwrap();
                    let id = s.len() as u32 + 1;
                    s.push(id);
                    Ok(id)
                },
                || async {
                    tokio::task::yield_now().await;
                    Ok(stored.lock().unwrap().first().copied())
                },
            )
        };
        let (a, b) = tokio::join!(one(), one());
        assert_eq!(a.unwrap(), b.unwrap());
        assert_eq!(stored.lock().unwrap().len(), 1);
    }
}
