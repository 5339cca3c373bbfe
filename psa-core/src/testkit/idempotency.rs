//! Conformance of idempotent creates: same key, same ticket — on every vendor.

use std::future::Future;

use crate::{CompanyId, Connector, ErrorKind, NewTicket, Result, Ticket, TicketId};

/// What the idempotency suite needs besides a connector.
#[non_exhaustive]
#[derive(Debug, Clone)]
pub struct IdempotencyFixture {
    /// A company tickets can be created for.
    pub company: CompanyId,
    /// A marker put in the titles and keys of the tickets the suite creates (letters, digits
    /// and `-` only, so every vendor can store it in a key).
    pub marker: String,
}

impl IdempotencyFixture {
    /// A fixture around an existing company, with a random marker.
    pub fn new(company: CompanyId) -> Self {
        IdempotencyFixture {
            company,
            marker: format!("idem-{}", fastrand::u32(..)),
        }
    }
}

async fn create(
    c: &dyn Connector,
    f: &IdempotencyFixture,
    title: &str,
    key: &str,
) -> Result<Ticket> {
    c.create_ticket(
        &NewTicket::new(title)
            .company(f.company)
            .idempotency_key(key),
    )
    .await
}

/// Same key → same ticket, also from a client built from scratch; keys differing by case or
/// surrounding spaces are other keys; keys the vendor cannot store are refused before sending.
///
/// `fresh_client` builds a new client against the same PSA (no state shared with earlier
/// ones); `tickets_titled` counts the tickets with exactly this title in the PSA (for a
/// simulator, straight from its store). The PSA must not inject faults. Panics on failure.
///
/// ```no_run
/// # async fn demo(sim_count: impl Fn(&str) -> usize, make: impl Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Box<dyn psa_core::Connector>>>>) {
/// use psa_core::testkit::{IdempotencyFixture, run_idempotency_conformance};
/// let fixture = IdempotencyFixture::new(psa_core::CompanyId(1));
/// run_idempotency_conformance(make, sim_count, &fixture).await;
/// # }
/// ```
pub async fn run_idempotency_conformance<F, Fut>(
    fresh_client: F,
    tickets_titled: impl Fn(&str) -> usize,
    f: &IdempotencyFixture,
) where
    F: Fn() -> Fut,
    Fut: Future<Output = Box<dyn Connector>>,
{
    let first = fresh_client().await;
    if !first
        .capabilities()
        .supports(crate::Capability::IdempotentCreate)
    {
        return;
    }
    let m = &f.marker;
    let key = format!("{m}-a");
    let title = format!("{m} idempotent A");

    // Same key twice → same ticket, one in the PSA.
    let a = create(first.as_ref(), f, &title, &key)
        .await
        .unwrap_or_else(|e| panic!("create with key {key:?}: {e}"));
    let b = create(first.as_ref(), f, &title, &key)
        .await
        .unwrap_or_else(|e| panic!("second create with key {key:?}: {e}"));
    assert_eq!(a.id, b.id, "the same key made two tickets");
    assert_eq!(tickets_titled(&title), 1, "the same key stored two tickets");

    // A client built from scratch finds the key too, whatever the rest of the ticket says.
    let second = fresh_client().await;
    let other_title = format!("{m} idempotent A, new title");
    let c = create(second.as_ref(), f, &other_title, &key)
        .await
        .unwrap_or_else(|e| panic!("create with key {key:?} from a fresh client: {e}"));
    assert_eq!(
        c.id, a.id,
        "a fresh client made a second ticket for the same key"
    );
    assert_eq!(tickets_titled(&title), 1);
    assert_eq!(
        tickets_titled(&other_title),
        0,
        "a used key stored a new ticket"
    );

    // Case and surrounding whitespace are significant: another ticket, or refused.
    for (other, what) in [
        (key.to_uppercase(), "upper case"),
        (format!(" {key} "), "spaces"),
    ] {
        let t = format!("{m} idempotent A, {what}");
        match create(second.as_ref(), f, &t, &other).await {
            Ok(x) => {
                assert_ne!(x.id, a.id, "key {other:?} ({what}) matched key {key:?}");
                assert_eq!(tickets_titled(&t), 1, "key {other:?} ({what})");
            }
            Err(e) => {
                assert_eq!(
                    e.kind(),
                    ErrorKind::Validation,
                    "key {other:?} ({what}): {e}"
                );
                assert_eq!(
                    tickets_titled(&t),
                    0,
                    "a refused key {other:?} sent a create"
                );
            }
        }
    }

    // Keys no vendor field can store are a Validation error before anything is sent.
    for (bad, what) in [
        ("k".repeat(1_001), "1,001 characters"),
        (format!("{m}\nnewline"), "a control character"),
        ("   ".to_string(), "blank"),
    ] {
        let t = format!("{m} idempotent bad key, {what}");
        let err = create(second.as_ref(), f, &t, &bad)
            .await
            .err()
            .unwrap_or_else(|| panic!("an idempotency key with {what} was accepted"));
        assert_eq!(err.kind(), ErrorKind::Validation, "key with {what}: {err}");
        assert_eq!(tickets_titled(&t), 0, "a key with {what} sent a create");
    }
}

/// Five creates with one key against a PSA that fails some requests (also after storing a
/// write) make exactly one ticket, and every create that succeeds returns it.
///
/// `c` must talk to a PSA with injected faults (for the simulators: 30% 5xx, half of the
/// write faults after storing); `tickets_titled` counts tickets with a title. Panics on failure.
pub async fn run_idempotency_under_faults(
    c: &dyn Connector,
    tickets_titled: impl Fn(&str) -> usize,
    f: &IdempotencyFixture,
) {
    if !c
        .capabilities()
        .supports(crate::Capability::IdempotentCreate)
    {
        return;
    }
    let key = format!("{}-faults", f.marker);
    let title = format!("{} idempotent under faults", f.marker);
    let mut ids: Vec<TicketId> = Vec::new();
    let mut errors = Vec::new();
    for _ in 0..5 {
        match create(c, f, &title, &key).await {
            Ok(t) => ids.push(t.id),
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(!ids.is_empty(), "no create succeeded: {errors:#?}");
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "creates with one key returned different tickets: {ids:?}"
    );
    assert_eq!(
        tickets_titled(&title),
        1,
        "five creates with one key under faults stored another number of tickets (errors: {errors:#?})"
    );
}
