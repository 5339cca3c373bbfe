//! Autotask company and contact webhooks over raw HTTP: registration under their own paths,
//! readiness once a field is subscribed, the webhook maximum shared with ticket webhooks, the
//! permission refusals, and a delete that takes the children along.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::{Api, refusal};
use psa_sim::AutotaskSim;
use serde_json::{Value, json};

fn hook_body(name: &str) -> Value {
    json!({"Name": name, "WebhookUrl": "https://hooks.example/at",
           "DeactivationUrl": "https://hooks.example/at/off", "SecretKey": "k-1",
           "IsActive": true, "IsSubscribedToUpdateEvents": true})
}

/// The `fieldID` value of a label in `{entity}/entityInformation/fields`.
async fn field_id(api: &Api, entity: &str, label: &str) -> i64 {
    let r = api.get(&format!("{entity}/entityInformation/fields")).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let fields = r.body["fields"].as_array().unwrap();
    let picks = fields.iter().find(|f| f["name"] == "fieldID").unwrap()["picklistValues"]
        .as_array()
        .unwrap()
        .clone();
    picks
        .iter()
        .find(|p| p["label"] == label)
        .unwrap_or_else(|| panic!("{label} in {picks:?}"))["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn company_webhooks_become_ready_with_a_field_and_delete_with_their_children() {
    let sim = AutotaskSim::builder().seed(2).start().await.unwrap();
    let api = Api::new(&sim);
    let r = api.post("CompanyWebhooks", &hook_body("crm sync")).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["itemId"].as_i64().unwrap();
    let hook = api.get(&format!("CompanyWebhooks/{id}")).await.body["item"].clone();
    assert_eq!(hook["isReady"], false);
    assert!(hook["secretKey"].is_null(), "the secret is not echoed");
    assert!(hook["webhookGUID"].as_str().is_some_and(|g| g.len() == 36));

    let name = field_id(&api, "CompanyWebhookFields", "companyName").await;
    let top = api
        .post(
            "CompanyWebhookFields",
            &json!({"fieldID": name, "webhookID": id}),
        )
        .await;
    assert_eq!(
        top.status, 404,
        "children are written under their webhook only"
    );
    let f = api
        .post(
            &format!("CompanyWebhooks/{id}/Fields"),
            &json!({"FieldID": name, "IsSubscribedField": true}),
        )
        .await;
    assert_eq!(f.status, 200, "{:?}", f.body);
    let fid = f.body["itemId"].as_i64().unwrap();
    let hook = api.get(&format!("CompanyWebhooks/{id}")).await.body["item"].clone();
    assert_eq!(hook["isReady"], true);
    let x = api
        .post(
            &format!("CompanyWebhooks/{id}/ExcludedResources"),
            &json!({"ResourceID": sim.api_resource_id()}),
        )
        .await;
    assert_eq!(x.status, 200, "{:?}", x.body);

    let d = api.delete(&format!("CompanyWebhooks/{id}")).await;
    assert_eq!(d.status, 200, "{:?}", d.body);
    let gone = api.get(&format!("CompanyWebhookFields/{fid}")).await;
    assert!(gone.body["item"].is_null(), "{:?}", gone.body);
    let excluded = api
        .query(
            "CompanyWebhookExcludedResources",
            json!([{"op": "exist", "field": "id"}]),
        )
        .await;
    assert_eq!(excluded.body["items"], json!([]));
    sim.stop().await;
}

#[tokio::test]
async fn the_webhook_maximum_counts_every_entity_and_refusals_name_the_verb() {
    let sim = AutotaskSim::builder()
        .seed(2)
        .webhooks_allowed(2)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    for entity in ["TicketWebhooks", "ContactWebhooks"] {
        let r = api.post(entity, &hook_body(entity)).await;
        assert_eq!(r.status, 200, "{entity}: {:?}", r.body);
    }
    let over = api.post("CompanyWebhooks", &hook_body("third")).await;
    assert_eq!(over.status, 500);
    assert!(
        over.error().contains("maximum number of webhooks (2)"),
        "{:?}",
        over.body
    );

    let field = field_id(&api, "ContactWebhookFields", "emailAddress").await;
    assert!(field > 0);
    sim.deny_access("ContactWebhooks", "create").unwrap();
    let denied = api.post("ContactWebhooks", &hook_body("denied")).await;
    assert_eq!(denied.status, 500);
    assert_eq!(denied.error(), refusal("create"));
    sim.stop().await;
}
