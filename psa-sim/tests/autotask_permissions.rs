//! The Autotask security level over raw HTTP: each denial, Restricted rows, entityInformation
//! and Resource Impersonation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::{Api, refusal};
use psa_core::Capability;
use psa_sim::AutotaskSim;
use serde_json::{Value, json};

fn all() -> Value {
    json!([{"op": "exist", "field": "id"}])
}

/// Runs the call that exercises one right and returns (status, first error).
async fn attempt(sim: &psa_sim::AutotaskSimHandle, cap: Capability) -> (u16, String) {
    let api = Api::new(sim);
    let ticket = sim.ticket_ids()[0];
    let company = sim.company_ids()[0];
    let r = match cap {
        Capability::ReadTickets => api.query("Tickets", all()).await,
        Capability::CreateTickets => api.post("Tickets", &Api::ticket_body(company, "x")).await,
        Capability::UpdateTickets | Capability::CloseTickets => {
            api.patch("Tickets", &json!({"id": ticket, "status": 5}))
                .await
        }
        Capability::ReadNotes => api.query("TicketNotes", all()).await,
        Capability::AddNotes => {
            api.post(
                &format!("Tickets/{ticket}/Notes"),
                &json!({"title": "t", "description": "d", "noteType": 1, "publish": 1}),
            )
            .await
        }
        Capability::ReadCompanies => api.query("Companies", all()).await,
        Capability::ReadContacts => api.query("Contacts", all()).await,
        Capability::ReadResources => api.query("Resources", all()).await,
        Capability::Attachments => {
            api.post(
                &format!("Tickets/{ticket}/Attachments"),
                &json!({"attachmentType": "FILE_ATTACHMENT", "fullPath": "a.txt", "title": "a",
                        "publish": 1, "data": "aGVsbG8="}),
            )
            .await
        }
        Capability::Webhooks => {
            api.post(
                "TicketWebhooks",
                &json!({"name": "w", "webhookUrl": "http://127.0.0.1:9/hook",
                        "deactivationUrl": "http://127.0.0.1:9/off", "isActive": true,
                        "secretKey": "k"}),
            )
            .await
        }
        Capability::BaseData => api.get("Tickets/entityInformation/fields").await,
        other => panic!("not exercised: {other:?}"),
    };
    (r.status, r.error().to_string())
}

#[tokio::test]
async fn each_denied_capability_fails_with_the_500_permission_text() {
    let cases = [
        (Capability::ReadTickets, "query"),
        (Capability::CreateTickets, "create"),
        (Capability::UpdateTickets, "update"),
        (Capability::CloseTickets, "update"),
        (Capability::ReadNotes, "query"),
        (Capability::AddNotes, "create"),
        (Capability::ReadCompanies, "query"),
        (Capability::ReadContacts, "query"),
        (Capability::ReadResources, "query"),
        (Capability::Attachments, "create"),
        (Capability::Webhooks, "create"),
        (Capability::BaseData, "query"),
    ];
    for (cap, verb) in cases {
        let granted = AutotaskSim::builder().tickets(3).start().await.unwrap();
        let (status, err) = attempt(&granted, cap).await;
        assert_eq!(status, 200, "{cap:?} with the default level: {err}");
        granted.stop().await;

        let denied = AutotaskSim::builder()
            .tickets(3)
            .deny(cap)
            .start()
            .await
            .unwrap();
        let (status, err) = attempt(&denied, cap).await;
        assert_eq!(status, 500, "{cap:?}");
        assert_eq!(err, refusal(verb), "{cap:?}");
        denied.stop().await;
    }
}

#[tokio::test]
async fn entity_information_reports_the_level() {
    let sim = AutotaskSim::builder()
        .deny_access("Tickets", "create")
        .restrict_access("Companies", "query")
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let t = api.get("Tickets/entityInformation").await.body["info"].clone();
    assert_eq!(t["name"], "Tickets");
    assert_eq!(t["canCreate"], true);
    assert_eq!(t["canDelete"], false);
    assert_eq!(t["userAccessForCreate"], 0);
    assert_eq!(t["userAccessForQuery"], 1);
    assert_eq!(t["userAccessForUpdate"], 1);
    assert_eq!(t["userAccessForDelete"], 0);
    assert_eq!(t["hasUserDefinedFields"], true);
    assert_eq!(t["supportsWebhookCallouts"], true);
    let c = api.get("Companies/entityInformation").await.body["info"].clone();
    assert_eq!(c["userAccessForQuery"], 2);
    let n = api.get("Tickets/1/Notes/entityInformation").await.body["info"].clone();
    assert_eq!(n["name"], "TicketNotes");
    let all = api.get("EntityInformation").await;
    assert!(all.body["entityDescriptions"].as_array().unwrap().len() >= 6);
    sim.stop().await;

    let named = AutotaskSim::builder()
        .user_access_as_names(true)
        .start()
        .await
        .unwrap();
    let t = Api::new(&named).get("Tickets/entityInformation").await.body["info"].clone();
    assert_eq!(t["userAccessForCreate"], "All");
    assert_eq!(t["userAccessForDelete"], "None");
    named.stop().await;
}

#[tokio::test]
async fn deny_access_covers_every_verb() {
    let sim = AutotaskSim::builder()
        .deny_access("Contacts", "delete")
        .deny_access("Companies", "update")
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let company = sim.company_ids()[0];
    let contact = api
        .query(
            "Contacts",
            json!([{"op": "eq", "field": "companyID", "value": company}]),
        )
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let r = api
        .delete(&format!("Companies/{company}/Contacts/{contact}"))
        .await;
    assert_eq!(r.error(), refusal("delete"));
    let r = api
        .patch("Companies", &json!({"id": company, "phone": "1"}))
        .await;
    assert_eq!(r.error(), refusal("update"));
    sim.deny_access("Contacts", "query").unwrap();
    assert_eq!(
        api.get(&format!("Contacts/{contact}")).await.error(),
        refusal("query")
    );
    sim.grant_access("Contacts", "query").unwrap();
    assert_eq!(api.get(&format!("Contacts/{contact}")).await.status, 200);
    assert!(sim.deny_access("Widgets", "query").is_err());
    assert!(
        AutotaskSim::builder()
            .deny_access("Tickets", "fly")
            .start()
            .await
            .is_err()
    );
    sim.stop().await;
}

#[tokio::test]
async fn restricted_query_sees_only_own_records() {
    let sim = AutotaskSim::builder()
        .tickets(40)
        .restrict_access("Tickets", "query")
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let before = api.query("Tickets", all()).await;
    assert_eq!(before.status, 200);
    assert_eq!(
        before.body["items"].as_array().unwrap().len(),
        0,
        "no seeded ticket is the API user's"
    );
    let id = api
        .post("Tickets", &Api::ticket_body(sim.company_ids()[0], "mine"))
        .await
        .body["itemId"]
        .as_i64()
        .unwrap();
    let after = api.query("Tickets", all()).await;
    let items = after.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id);
    let other = sim.ticket_ids()[0];
    assert_eq!(
        api.get(&format!("Tickets/{other}")).await.body,
        json!({"item": null})
    );
    sim.stop().await;
}

#[tokio::test]
async fn impersonated_writes_record_both_resources() {
    let sim = AutotaskSim::builder().tickets(2).start().await.unwrap();
    let tech = sim.technician_ids()[1];
    let api = Api::new(&sim).as_resource(tech);
    let r = api
        .post(
            "Tickets",
            &Api::ticket_body(sim.company_ids()[0], "as tech"),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let t = sim.ticket(r.body["itemId"].as_i64().unwrap()).unwrap();
    assert_eq!(t["creatorResourceID"], tech);
    assert_eq!(t["impersonatorCreatorResourceID"], sim.api_resource_id());

    let ticket = sim.ticket_ids()[0];
    let r = api
        .post(
            &format!("Tickets/{ticket}/Notes"),
            &json!({"title": "t", "description": "d", "noteType": 1, "publish": 1}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let note = Api::new(&sim)
        .get(&format!("TicketNotes/{}", r.body["itemId"]))
        .await
        .body["item"]
        .clone();
    assert_eq!(note["creatorResourceID"], tech);
    assert_eq!(note["impersonatorCreatorResourceID"], sim.api_resource_id());
    sim.stop().await;
}

#[tokio::test]
async fn impersonation_refusals() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let company = sim.company_ids()[0];
    let body = Api::ticket_body(company, "x");
    let base = Api::new(&sim);
    // On a query the header is a permission error.
    let r = base
        .as_resource(sim.technician_ids()[0])
        .query("Tickets", all())
        .await;
    assert_eq!(r.error(), refusal("query"));
    // API-only and inactive resources cannot be impersonated, nor unknown ids.
    for who in [sim.api_resource_id(), sim.inactive_resource_id(), 1] {
        let r = base.as_resource(who).post("Tickets", &body).await;
        assert_eq!(r.error(), refusal("create"), "resource {who}");
    }
    // Entities without a Resource Impersonation row refuse it.
    let r = base
        .as_resource(sim.technician_ids()[0])
        .post("Companies", &json!({"companyName": "c", "companyType": 1, "ownerResourceID": sim.technician_ids()[0], "phone": "1"}))
        .await;
    assert_eq!(r.error(), refusal("create"));
    // With the rows off, every impersonated write fails.
    sim.set_impersonation(false);
    let r = base
        .as_resource(sim.technician_ids()[0])
        .post("Tickets", &body)
        .await;
    assert_eq!(r.error(), refusal("create"));
    sim.stop().await;

    let off = AutotaskSim::builder()
        .deny(Capability::Impersonation)
        .start()
        .await
        .unwrap();
    let r = Api::new(&off)
        .as_resource(off.technician_ids()[0])
        .post("Tickets", &body)
        .await;
    assert_eq!(r.error(), refusal("create"));
    off.stop().await;
}

#[tokio::test]
async fn picklists_come_with_string_values() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let r = api.get("Tickets/entityInformation/fields").await;
    assert_eq!(r.status, 200);
    let fields = r.body["fields"].as_array().unwrap();
    let field = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap().clone();
    for name in [
        "status",
        "priority",
        "queueID",
        "source",
        "issueType",
        "subIssueType",
    ] {
        let f = field(name);
        assert_eq!(f["isPickList"], true, "{name}");
        let values = f["picklistValues"].as_array().unwrap();
        assert!(!values.is_empty(), "{name}");
        assert!(values.iter().all(|v| v["value"].is_string()), "{name}");
    }
    let status = field("status");
    let label = |v: &str| {
        status["picklistValues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["value"] == v)
            .unwrap()["label"]
            .clone()
    };
    assert_eq!(label("1"), "New");
    assert_eq!(label("5"), "Complete");
    assert_eq!(label("7"), "Waiting Customer");
    assert_eq!(label("8"), "In Progress");
    assert_eq!(
        field("subIssueType")["picklistParentValueField"],
        "issueType"
    );
    assert_eq!(field("title")["dataType"], "string");
    assert_eq!(field("companyID")["isReference"], true);
    assert_eq!(field("creatorType")["isQueryable"], false);
    let udfs = api.get("Tickets/entityInformation/userDefinedFields").await;
    assert_eq!(udfs.body["fields"][0]["name"], "CustomerRanking");
    let notes = api.get("TicketNotes/entityInformation/fields").await;
    let note_type = notes.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "noteType")
        .unwrap()
        .clone();
    assert!(!note_type["picklistValues"].as_array().unwrap().is_empty());
    sim.stop().await;
}
