//! The `ensure_webhooks` conformance (`psa_core::testkit::webhooks`) against the Autotask
//! simulator: ticket, company and contact webhooks, deleted and altered behind the SDK's back
//! through the raw API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_autotask::AutotaskClient;
use psa_core::changes::EntityKind;
use psa_core::testkit::webhooks::{WebhookProvisioner, run_ensure_webhooks_conformance};
use psa_core::{ClientOptions, EnsureReport, Result, WebhookRef, WebhookSpec};
use serde_json::json;

struct Autotask(AutotaskClient);

fn collection(entity: EntityKind) -> &'static str {
    match entity {
        EntityKind::Ticket => "TicketWebhooks",
        EntityKind::Company => "CompanyWebhooks",
        EntityKind::Contact => "ContactWebhooks",
        other => panic!("no Autotask webhooks for {other}"),
    }
}

#[async_trait::async_trait]
impl WebhookProvisioner for Autotask {
    async fn ensure(&self, spec: &WebhookSpec) -> Result<EnsureReport> {
        self.0.ensure_webhooks(spec).await
    }
    async fn delete(&self, hook: &WebhookRef) -> Result<()> {
        let path = format!("{}/{}", collection(hook.entity), hook.id);
        self.0.raw().delete(&path).await
    }
    async fn alter(&self, hook: &WebhookRef) -> Result<()> {
        let body = json!({"id": hook.id.parse::<i64>().unwrap(),
                          "webhookUrl": "https://stale.example/old", "isActive": false});
        self.0.raw().patch(collection(hook.entity), &body).await?;
        Ok(())
    }
    async fn create_foreign(&self, entity: EntityKind, name: &str) -> Result<String> {
        let body = json!({"name": name, "webhookUrl": "https://billing.example/hook",
                          "deactivationUrl": "https://billing.example/off",
                          "secretKey": "billing-key", "isActive": true,
                          "isSubscribedToUpdateEvents": true});
        let r = self.0.raw().post(collection(entity), &body).await?;
        Ok(r["itemId"].to_string())
    }
    async fn exists(&self, entity: EntityKind, id: &str) -> Result<bool> {
        let r = self
            .0
            .raw()
            .get(&format!("{}/{id}", collection(entity)), &[])
            .await?;
        Ok(r["item"]["webhookUrl"] == "https://billing.example/hook")
    }
}

#[tokio::test]
async fn ensure_webhooks_is_idempotent_and_repairs_drift() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(8)
        .start()
        .await
        .unwrap();
    let client = AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    let spec = WebhookSpec::new("https://hooks.example.com/autotask".parse().unwrap())
        .entity(EntityKind::Ticket)
        .entity(EntityKind::Company)
        .entity(EntityKind::Contact)
        .secret("conformance-key");
    run_ensure_webhooks_conformance(&Autotask(client), &spec).await;
    sim.stop().await;
}

#[tokio::test]
async fn every_provisioned_webhook_ends_ready_with_its_sync_fields() {
    use futures::TryStreamExt;
    use psa_autotask::{Filter, Query, SyncFields};
    let sim = psa_sim::AutotaskSim::builder()
        .seed(9)
        .start()
        .await
        .unwrap();
    let client = AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    let spec = WebhookSpec::new("https://hooks.example.com/autotask".parse().unwrap())
        .entity(EntityKind::Contact)
        .secret("conformance-key");
    let report = client.ensure_webhooks(&spec).await.unwrap();
    let id: i64 = report.created[0].id.parse().unwrap();
    let hook = client.contact_webhooks().get(id).await.unwrap();
    assert_eq!(hook.is_ready, Some(true));
    assert_eq!(hook.is_active, Some(true));
    assert_eq!(hook.name.as_deref(), Some("psa-sdk-contact"));
    let fields: Vec<_> = client
        .contact_webhook_fields()
        .stream(Query::with(Filter::eq("webhookID", id)))
        .try_collect()
        .await
        .unwrap();
    let wanted = SyncFields::of(EntityKind::Contact).unwrap();
    assert_eq!(
        fields.len(),
        wanted.subscribed.len() + wanted.always.len(),
        "{fields:?}"
    );
    assert_eq!(
        fields
            .iter()
            .filter(|f| f.is_display_always_field == Some(true))
            .count(),
        1
    );
    sim.stop().await;
}
