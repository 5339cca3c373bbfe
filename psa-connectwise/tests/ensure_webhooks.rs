//! The `ensure_webhooks` conformance (`psa_core::testkit::webhooks`) against psa-sim: creates
//! what is missing, changes nothing on a second run, restores a deleted callback, repairs an
//! altered one, leaves foreign ones alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use psa_connectwise::ConnectWiseClient;
use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
use psa_core::changes::EntityKind;
use psa_core::testkit::webhooks::{WebhookProvisioner, run_ensure_webhooks_conformance};
use psa_core::{EnsureReport, Result, WebhookRef, WebhookSpec};
use psa_sim::ConnectWiseSim;

const URL: &str = "https://hooks.example.com/cw?recordId=";

struct ConnectWise(ConnectWiseClient);

fn callback_type(entity: EntityKind) -> CallbackType {
    match entity {
        EntityKind::Ticket => CallbackType::Ticket,
        EntityKind::Company => CallbackType::Company,
        EntityKind::Contact => CallbackType::Contact,
        other => panic!("not used here: {other}"),
    }
}

#[async_trait::async_trait]
impl WebhookProvisioner for ConnectWise {
    async fn ensure(&self, spec: &WebhookSpec) -> Result<EnsureReport> {
        self.0.ensure_webhooks(spec).await
    }
    async fn delete(&self, hook: &WebhookRef) -> Result<()> {
        self.0.callbacks().delete(hook.id.parse().unwrap()).await
    }
    /// Another URL under the SDK's description (the callback replaced in the PSA).
    async fn alter(&self, hook: &WebhookRef) -> Result<()> {
        self.0.callbacks().delete(hook.id.parse().unwrap()).await?;
        let stale = NewCallback::new(
            "https://stale.example/old",
            callback_type(hook.entity),
            CallbackLevel::Owner,
        )
        .object_id(1)
        .description(hook.name.clone());
        self.0.callbacks().create(&stale).await?;
        Ok(())
    }
    async fn create_foreign(&self, entity: EntityKind, name: &str) -> Result<String> {
        let cb = NewCallback::new(
            "https://billing.example/x",
            callback_type(entity),
            CallbackLevel::Owner,
        )
        .object_id(1)
        .description(name);
        Ok(self.0.callbacks().create(&cb).await?.id.to_string())
    }
    async fn exists(&self, _entity: EntityKind, id: &str) -> Result<bool> {
        let all = self.0.callbacks().all().await?;
        Ok(all.iter().any(|c| {
            c.id.to_string() == id && c.url.as_deref() == Some("https://billing.example/x")
        }))
    }
}

#[tokio::test]
async fn ensure_webhooks_is_idempotent_and_repairs_drift() {
    let sim = ConnectWiseSim::builder().seed(8).start().await.unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let spec = WebhookSpec::new(URL.parse().unwrap())
        .entity(EntityKind::Ticket)
        .entity(EntityKind::Company)
        .entity(EntityKind::Contact);
    let cw = ConnectWise(client);
    run_ensure_webhooks_conformance(&cw, &spec).await;

    // Every SDK callback ends on the spec's URL, once per entity.
    let all = cw.0.callbacks().all().await.unwrap();
    let ours: Vec<_> = all
        .iter()
        .filter(|c| c.description.as_deref().is_some_and(|d| spec.owns(d)))
        .collect();
    assert_eq!(ours.len(), 3);
    assert!(ours.iter().all(|c| c.url.as_deref() == Some(URL)));
    sim.stop().await;
}
