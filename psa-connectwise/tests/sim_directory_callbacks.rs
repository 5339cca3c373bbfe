//! Company and contact callbacks against the simulator: `ensure_webhooks` provisions them, a
//! company change and a contact change arrive as verified callbacks, become `ChangeEvent`s,
//! and a poll of the same change through the `ChangeFeed` yields one event.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use std::time::Duration;

use psa_core::WebhookSpec;
use psa_core::changes::{ChangeEvent, ChangeKind, EntityKind};
use psa_core::testkit::changes::{assert_push_then_poll_yields_one, synced_cursor};
use psa_sim::{ConnectWiseSim, ConnectWiseSimHandle};
use serde_json::json;

async fn start() -> ConnectWiseSimHandle {
    let mut b = ConnectWiseSim::builder()
        .seed(11)
        .companies(3)
        .contacts_per_company(2)
        .tickets(4);
    for op in ["add", "edit", "delete"] {
        b = b
            .set_level("Companies", "Company Maintenance", op, "All")
            .set_level("Companies", "Contacts", op, "All");
    }
    b.start().await.unwrap()
}

/// The newest delivery of this type, record and action: (body, signature).
async fn wait_for(
    sim: &ConnectWiseSimHandle,
    kind: &str,
    id: i64,
    action: &str,
) -> (String, String) {
    for _ in 0..500 {
        if let Some(d) = sim
            .callback_deliveries()
            .into_iter()
            .rev()
            .find(|d| d.record_type == kind && d.record_id == id && d.action == action)
        {
            assert_eq!(d.status, Some(200), "the receiver took the delivery");
            return (d.body, d.signature);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no {action} callback for {kind} {id}");
}

async fn verified(
    client: &psa_connectwise::ConnectWiseClient,
    (body, signature): (String, String),
) -> ChangeEvent {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-content-signature", signature.parse().unwrap());
    client
        .verify_callback(body.as_bytes(), &headers)
        .await
        .unwrap()
        .to_change_event()
        .unwrap()
}

#[tokio::test]
async fn company_and_contact_changes_arrive_as_callbacks_and_poll_once() {
    let receiver = httpmock::MockServer::start_async().await;
    let hook = receiver
        .mock_async(|when, then| {
            when.method(httpmock::Method::POST).path("/cw");
            then.status(200);
        })
        .await;
    let sim = start().await;
    let client = sim::client(&sim).await;
    let spec = WebhookSpec::new(
        format!("{}/cw?recordId=", receiver.base_url())
            .parse()
            .unwrap(),
    )
    .entity(EntityKind::Company)
    .entity(EntityKind::Contact);
    let report = client.ensure_webhooks(&spec).await.unwrap();
    assert_eq!(report.created.len(), 2);
    let types: Vec<_> = client
        .callbacks()
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|c| c.callback_type.map(|t| t.as_str().to_string()))
        .collect();
    assert!(
        types.iter().any(|t| t.eq_ignore_ascii_case("company")),
        "{types:?}"
    );
    assert!(
        types.iter().any(|t| t.eq_ignore_ascii_case("contact")),
        "{types:?}"
    );
    assert!(
        !client
            .ensure_webhooks(&spec)
            .await
            .unwrap()
            .changed_anything()
    );

    let mut cursor = synced_cursor(&client).await;
    tokio::time::sleep(Duration::from_millis(1_100)).await;

    // A company change.
    let company = sim.company_ids()[1];
    client
        .raw()
        .patch(
            &format!("company/companies/{company}"),
            &json!([{"op": "replace", "path": "name", "value": "Renamed Ltd"}]),
        )
        .await
        .unwrap();
    let pushed = verified(&client, wait_for(&sim, "company", company, "updated").await).await;
    assert_eq!(
        (pushed.entity, pushed.id, pushed.kind),
        (EntityKind::Company, company, ChangeKind::Updated)
    );
    let sent_at = pushed
        .changed_at
        .expect("the entity carries _info.lastUpdated");
    let confirmed = assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;
    assert_eq!(confirmed.changed_at, Some(sent_at));

    // A contact change.
    let contact = client
        .contacts()
        .list(&psa_connectwise::Query::new().page_size(1), None)
        .await
        .unwrap()
        .items[0]
        .id;
    client
        .raw()
        .patch(
            &format!("company/contacts/{contact}"),
            &json!([{"op": "replace", "path": "title", "value": "CFO"}]),
        )
        .await
        .unwrap();
    let pushed = verified(&client, wait_for(&sim, "contact", contact, "updated").await).await;
    assert_eq!(
        (pushed.entity, pushed.id, pushed.kind),
        (EntityKind::Contact, contact, ChangeKind::Updated)
    );
    assert!(pushed.changed_at.is_some());
    assert_push_then_poll_yields_one(&client, &mut cursor, pushed).await;

    // Created and deleted contacts are announced too; a deletion carries no entity.
    let created = client
        .raw()
        .post(
            "company/contacts",
            &json!({"firstName": "Grace", "lastName": "Hopper", "company": {"id": company}}),
        )
        .await
        .unwrap();
    let new_id = created["id"].as_i64().unwrap();
    let added = verified(&client, wait_for(&sim, "contact", new_id, "added").await).await;
    assert_eq!((added.id, added.kind), (new_id, ChangeKind::Created));
    client
        .raw()
        .delete(&format!("company/contacts/{new_id}"))
        .await
        .unwrap();
    let deleted = verified(&client, wait_for(&sim, "contact", new_id, "deleted").await).await;
    assert_eq!(
        (deleted.kind, deleted.changed_at),
        (ChangeKind::Deleted, None)
    );
    assert!(hook.calls_async().await >= 4);
    sim.stop().await;
}

#[tokio::test]
async fn company_level_contact_callbacks_only_cover_that_company() {
    use psa_connectwise::models::{CallbackLevel, CallbackType, NewCallback};
    let receiver = httpmock::MockServer::start_async().await;
    let _hook = receiver
        .mock_async(|when, then| {
            when.method(httpmock::Method::POST);
            then.status(200);
        })
        .await;
    let sim = start().await;
    let client = sim::client(&sim).await;
    let ids = sim.company_ids();
    client
        .callbacks()
        .create(
            &NewCallback::new(
                format!("{}/only?recordId=", receiver.base_url()),
                CallbackType::Contact,
                CallbackLevel::Company,
            )
            .object_id(ids[0]),
        )
        .await
        .unwrap();
    for company in [ids[0], ids[1]] {
        client
            .raw()
            .post(
                "company/contacts",
                &json!({"firstName": "Watched", "company": {"id": company}}),
            )
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let contacts: Vec<_> = sim
        .callback_deliveries()
        .into_iter()
        .filter(|d| d.record_type == "contact")
        .collect();
    assert_eq!(contacts.len(), 1, "{contacts:?}");
    let body: serde_json::Value = serde_json::from_str(&contacts[0].body).unwrap();
    let entity: serde_json::Value = serde_json::from_str(body["Entity"].as_str().unwrap()).unwrap();
    assert_eq!(entity["company"]["id"], ids[0]);
    assert_eq!(body["Type"], "contact");
    sim.stop().await;
}
