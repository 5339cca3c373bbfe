//! The promise of `ensure_webhooks`, written once and run for every vendor that provisions
//! webhooks (Autotask, ConnectWise): run twice, the second run changes nothing; a webhook
//! deleted or altered in the PSA is restored; a webhook the spec does not own is never touched.
//!
//! `ensure_webhooks` is an inherent method of each client (the
//! [`WebhookSpec`]/[`EnsureReport`] contract is shared), and breaking a webhook in the PSA is
//! vendor-specific, so the caller supplies both through [`WebhookProvisioner`].

use async_trait::async_trait;

use crate::changes::EntityKind;
use crate::{EnsureReport, Result, WebhookRef, WebhookSpec};

/// What [`run_ensure_webhooks_conformance`] needs of a vendor: its `ensure_webhooks`, and the
/// vendor's own ways to delete, alter and add webhooks behind the SDK's back.
///
/// ```no_run
/// use psa_core::changes::EntityKind;
/// use psa_core::testkit::webhooks::WebhookProvisioner;
/// use psa_core::{EnsureReport, Result, WebhookRef, WebhookSpec};
///
/// struct Fake;
/// #[async_trait::async_trait]
/// impl WebhookProvisioner for Fake {
///     async fn ensure(&self, _spec: &WebhookSpec) -> Result<EnsureReport> { Ok(EnsureReport::new()) }
///     async fn delete(&self, _hook: &WebhookRef) -> Result<()> { Ok(()) }
///     async fn alter(&self, _hook: &WebhookRef) -> Result<()> { Ok(()) }
///     async fn create_foreign(&self, _e: EntityKind, _name: &str) -> Result<String> { Ok("9".into()) }
///     async fn exists(&self, _e: EntityKind, _id: &str) -> Result<bool> { Ok(true) }
/// }
/// ```
#[async_trait]
pub trait WebhookProvisioner: Send + Sync {
    /// The client's `ensure_webhooks`.
    async fn ensure(&self, spec: &WebhookSpec) -> Result<EnsureReport>;
    /// Deletes one of the SDK's webhooks in the PSA.
    async fn delete(&self, hook: &WebhookRef) -> Result<()>;
    /// Changes one of the SDK's webhooks in the PSA so it no longer matches the spec (another
    /// URL, deactivated, …), keeping its name.
    async fn alter(&self, hook: &WebhookRef) -> Result<()>;
    /// Creates a webhook for `entity` under a name the spec does not own; returns its id.
    async fn create_foreign(&self, entity: EntityKind, name: &str) -> Result<String>;
    /// Whether the webhook with this id still exists.
    async fn exists(&self, entity: EntityKind, id: &str) -> Result<bool>;
}

fn must<T>(r: Result<T>, what: &str) -> T {
    r.unwrap_or_else(|e| panic!("{what}: {e}"))
}

fn entities(list: &[WebhookRef]) -> Vec<EntityKind> {
    let mut v: Vec<EntityKind> = list.iter().map(|r| r.entity).collect();
    v.sort();
    v
}

/// Checks the `ensure_webhooks` promise against a PSA (a simulator) that has none of the
/// spec's webhooks yet. Panics on the first failure.
///
/// 1. A foreign webhook (`"{other prefix}-{entity}"`) is created first.
/// 2. The first run creates one webhook per entity, named [`WebhookSpec::webhook_name`].
/// 3. The second run changes nothing and reports the same ids.
/// 4. A webhook deleted in the PSA is created again, and only it.
/// 5. A webhook altered in the PSA is reported updated, and only it; the next run changes
///    nothing.
/// 6. The foreign webhook still exists.
pub async fn run_ensure_webhooks_conformance(p: &dyn WebhookProvisioner, spec: &WebhookSpec) {
    assert!(
        !spec.entities.is_empty(),
        "the conformance spec needs an entity"
    );
    let mut wanted = spec.entities.clone();
    wanted.sort();
    let first_entity = spec.entities[0];
    let foreign_name = format!("{}x-{}", spec.name_prefix, first_entity.as_str());
    assert!(!spec.owns(&foreign_name));
    let foreign = must(
        p.create_foreign(first_entity, &foreign_name).await,
        "create the foreign webhook",
    );

    let first = must(p.ensure(spec).await, "first ensure_webhooks");
    assert_eq!(entities(&first.created), wanted, "first run: {first:?}");
    assert!(
        first.updated.is_empty() && first.unchanged.is_empty(),
        "first run: {first:?}"
    );
    for r in &first.created {
        assert_eq!(r.name, spec.webhook_name(r.entity), "{r:?}");
    }

    let second = must(p.ensure(spec).await, "second ensure_webhooks");
    assert!(
        !second.changed_anything(),
        "the second run changed something: {second:?}"
    );
    let ids = |l: &[WebhookRef]| {
        let mut v: Vec<(EntityKind, String)> = l.iter().map(|r| (r.entity, r.id.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(&second.unchanged),
        ids(&first.created),
        "second run: {second:?}"
    );

    // Deleted in the PSA → created again.
    let victim = &first.created[0];
    must(p.delete(victim).await, "delete a webhook in the PSA");
    let third = must(p.ensure(spec).await, "ensure after a delete");
    assert_eq!(
        entities(&third.created),
        [victim.entity],
        "after a delete: {third:?}"
    );
    assert!(third.updated.is_empty(), "after a delete: {third:?}");
    assert_eq!(third.unchanged.len(), wanted.len() - 1, "{third:?}");

    // Altered in the PSA → repaired.
    let now: Vec<WebhookRef> = third
        .created
        .iter()
        .chain(&third.unchanged)
        .cloned()
        .collect();
    let target = now
        .iter()
        .find(|r| r.entity == *spec.entities.last().unwrap_or(&first_entity))
        .unwrap_or_else(|| panic!("the report lists every entity: {third:?}"));
    must(p.alter(target).await, "alter a webhook in the PSA");
    let fourth = must(p.ensure(spec).await, "ensure after an alteration");
    assert_eq!(
        entities(&fourth.updated),
        [target.entity],
        "after an alteration: {fourth:?}"
    );
    assert!(fourth.created.is_empty(), "after an alteration: {fourth:?}");
    let fifth = must(p.ensure(spec).await, "ensure after the repair");
    assert!(
        !fifth.changed_anything(),
        "the run after a repair changed something: {fifth:?}"
    );

    assert!(
        must(
            p.exists(first_entity, &foreign).await,
            "look up the foreign webhook"
        ),
        "ensure_webhooks touched a webhook it does not own ({foreign_name})"
    );
}
