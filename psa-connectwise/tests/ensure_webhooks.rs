//! `ensure_webhooks` against psa-sim: creates what is missing, changes nothing on a second
//! run, restores a deleted callback, repairs an altered one, leaves foreign ones alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
use psa_core::WebhookSpec;
use psa_core::changes::EntityKind;
use psa_sim::ConnectWiseSim;

#[tokio::test]
async fn ensure_webhooks_is_idempotent_and_repairs_drift() {
    let sim = ConnectWiseSim::builder().seed(8).start().await.unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let url = "https://hooks.example.com/cw?recordId=";
    let foreign = client
        .callbacks()
        .create(
            &NewCallback::new(
                "https://billing.example/x",
                CallbackType::Ticket,
                CallbackLevel::Owner,
            )
            .object_id(1)
            .description("billing-ticket"),
        )
        .await
        .unwrap();
    let spec = WebhookSpec::new(url.parse().unwrap())
        .entity(EntityKind::Ticket)
        .entity(EntityKind::Company)
        .entity(EntityKind::Contact);

    let first = client.ensure_webhooks(&spec).await.unwrap();
    assert_eq!(first.created.len(), 3, "{first:?}");
    let second = client.ensure_webhooks(&spec).await.unwrap();
    assert!(!second.changed_anything(), "{second:?}");
    assert_eq!(second.unchanged.len(), 3);

    // Deleted in the PSA → restored.
    let ticket_cb = first
        .created
        .iter()
        .find(|r| r.entity == EntityKind::Ticket)
        .unwrap();
    client
        .callbacks()
        .delete(ticket_cb.id.parse().unwrap())
        .await
        .unwrap();
    let third = client.ensure_webhooks(&spec).await.unwrap();
    assert_eq!(third.created.len(), 1);
    assert_eq!(third.created[0].entity, EntityKind::Ticket);

    // Altered (another URL under our name) → replaced by the right one, once.
    let company_cb = first
        .created
        .iter()
        .find(|r| r.entity == EntityKind::Company)
        .unwrap();
    client
        .callbacks()
        .delete(company_cb.id.parse().unwrap())
        .await
        .unwrap();
    client
        .callbacks()
        .create(
            &NewCallback::new(
                "https://stale.example/old",
                CallbackType::Company,
                CallbackLevel::Owner,
            )
            .object_id(1)
            .description("psa-sdk-company"),
        )
        .await
        .unwrap();
    let fourth = client.ensure_webhooks(&spec).await.unwrap();
    assert_eq!(fourth.updated.len(), 1, "{fourth:?}");
    assert_eq!(fourth.updated[0].entity, EntityKind::Company);
    assert!(
        !client
            .ensure_webhooks(&spec)
            .await
            .unwrap()
            .changed_anything()
    );

    let all = client.callbacks().all().await.unwrap();
    let ours: Vec<_> = all
        .iter()
        .filter(|c| {
            c.description
                .as_deref()
                .is_some_and(|d| d.starts_with("psa-sdk-"))
        })
        .collect();
    assert_eq!(ours.len(), 3);
    assert!(ours.iter().all(|c| c.url.as_deref() == Some(url)));
    assert!(
        all.iter().any(|c| c.id == foreign.id),
        "a foreign callback was touched"
    );
    sim.stop().await;
}
