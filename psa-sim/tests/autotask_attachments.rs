//! Autotask ticket attachments over raw HTTP: base64 upload under the ticket, download with
//! `items`, size limit, top-level create 404.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::Api;
use base64::Engine as _;
use psa_sim::AutotaskSim;
use serde_json::json;

fn body(bytes: &[u8]) -> serde_json::Value {
    json!({
        "attachmentType": "FILE_ATTACHMENT", "fullPath": "log.txt", "title": "Log",
        "publish": 1, "data": base64::engine::general_purpose::STANDARD.encode(bytes)
    })
}

#[tokio::test]
async fn attachments_round_trip_under_the_ticket() {
    let sim = AutotaskSim::builder().tickets(2).start().await.unwrap();
    let api = Api::new(&sim);
    let ticket = sim.ticket_ids()[1];
    let r = api
        .post(
            &format!("Tickets/{ticket}/Attachments"),
            &body(b"hello world"),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["itemId"].as_i64().unwrap();

    let got = api.get(&format!("Tickets/{ticket}/Attachments/{id}")).await;
    assert_eq!(got.status, 200);
    let a = &got.body["items"][0];
    assert_eq!(a["id"], id);
    assert_eq!(
        a["data"],
        base64::engine::general_purpose::STANDARD.encode(b"hello world")
    );
    assert_eq!(a["fileSize"], 11.0);
    assert_eq!(a["contentType"], "text/plain");
    assert_eq!(a["parentID"], ticket);
    assert_eq!(a["ticketID"], ticket);
    assert_eq!(a["attachedByResourceID"], sim.api_resource_id());

    let info = api.get(&format!("TicketAttachments/{id}")).await;
    assert!(
        info.body["item"]["data"].is_null(),
        "only the child GET carries data"
    );
    assert_eq!(info.body["item"]["title"], "Log");
    let q = api
        .query(
            "TicketAttachments",
            json!([{"op": "eq", "field": "parentID", "value": ticket}]),
        )
        .await;
    assert_eq!(q.body["items"].as_array().unwrap().len(), 1);

    let d = api
        .delete(&format!("Tickets/{ticket}/Attachments/{id}"))
        .await;
    assert_eq!(d.body, json!({"itemId": id}));
    let gone = api.get(&format!("Tickets/{ticket}/Attachments/{id}")).await;
    assert_eq!(gone.body, json!({"items": []}));
    sim.stop().await;
}

#[tokio::test]
async fn attachments_are_checked() {
    let sim = AutotaskSim::builder()
        .max_attachment_bytes(16)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let ticket = sim.ticket_ids()[0];
    assert_eq!(api.post("TicketAttachments", &body(b"x")).await.status, 404);
    let big = api
        .post(&format!("Tickets/{ticket}/Attachments"), &body(&[7u8; 17]))
        .await;
    assert_eq!(big.status, 500);
    assert!(big.error().contains("maximum file size"), "{:?}", big.body);
    let mut bad = body(b"x");
    bad["data"] = json!("***not base64***");
    assert_eq!(
        api.post(&format!("Tickets/{ticket}/Attachments"), &bad)
            .await
            .status,
        500
    );
    let missing = api.post("Tickets/999999/Attachments", &body(b"x")).await;
    assert_eq!(missing.status, 500);
    // Impersonated uploads record who attached it.
    let tech = sim.technician_ids()[0];
    let r = api
        .as_resource(tech)
        .post(&format!("Tickets/{ticket}/Attachments"), &body(b"ok"))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let a = api
        .get(&format!("TicketAttachments/{}", r.body["itemId"]))
        .await
        .body["item"]
        .clone();
    assert_eq!(a["attachedByResourceID"], tech);
    assert_eq!(a["impersonatorCreatorResourceID"], sim.api_resource_id());
    sim.stop().await;
}

#[tokio::test]
async fn the_upload_budget_blocks_further_attachments() {
    let sim = AutotaskSim::builder()
        .attachment_budget(20, std::time::Duration::from_secs(300))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let path = format!("Tickets/{}/Attachments", sim.ticket_ids()[0]);
    assert_eq!(api.post(&path, &body(&[1u8; 15])).await.status, 200);
    let blocked = api.post(&path, &body(&[1u8; 6])).await;
    assert_eq!(blocked.status, 500);
    assert!(blocked.error().contains("blocked"), "{:?}", blocked.body);
    assert_eq!(api.post(&path, &body(&[1u8; 5])).await.status, 200);
    sim.stop().await;
}
