//! Ticket and comment round trips with Syncro's wrappers, validation bodies and wire details.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use psa_sim::SyncroSim;
use serde_json::{Value, json};
use syncro_support::{Api, first_customer};

fn local_offset(ts: &Value) -> bool {
    ts.as_str()
        .is_some_and(|s| s.ends_with("-05:00") && s.len() == "2025-01-29T13:31:46.716-05:00".len())
}

#[tokio::test]
async fn create_read_update_comment_round_trip() {
    let sim = SyncroSim::builder().seed(11).start().await.unwrap();
    let api = Api::new(&sim);
    let customer = first_customer(&sim);
    let before = sim.ticket_count();

    // Create: flat body, 200 {"ticket": …}.
    let created = api
        .post(
            "tickets",
            &json!({
                "customer_id": customer,
                "subject": "Printer offline",
                "problem_type": "Hardware",
                "priority": "2 Normal",
                "properties": {"psa_idempotency_key": "chat-7f3a"},
                "comments_attributes": [{"subject": "Initial Issue", "body": "It stopped at 9am", "hidden": false, "do_not_email": true}],
            }),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let t = &created.body["ticket"];
    let id = t["id"].as_i64().unwrap();
    assert!(id > 1 << 32, "ids beyond 2^32 are normal on Syncro");
    assert_eq!(t["status"], "New");
    assert_eq!(t["customer_id"], customer);
    assert_eq!(t["properties"]["psa_idempotency_key"], "chat-7f3a");
    assert!(local_offset(&t["created_at"]), "{}", t["created_at"]);
    assert_eq!(t["comments"].as_array().unwrap().len(), 1);
    assert!(t["comments"][0]["id"].as_i64().unwrap() > 1 << 32);
    assert_eq!(sim.ticket_count(), before + 1);
    assert_eq!(sim.tickets_with_subject("Printer offline"), 1);

    // Read: {"ticket": …} with the detail-only keys and the nested user's "admin?".
    let got = api.get(&format!("tickets/{id}")).await;
    assert_eq!(got.status, 200);
    let g = &got.body["ticket"];
    assert_eq!(g["subject"], "Printer offline");
    assert_eq!(g["customer"]["id"], customer);
    assert!(g["attachments"].is_array());
    assert_eq!(g["user"], Value::Null, "a new ticket is unassigned");

    // Partial update: only the keys sent change.
    let upd = api
        .put(
            &format!("tickets/{id}"),
            &json!({"status": "In Progress", "user_id": sim.user_id()}),
        )
        .await;
    assert_eq!(upd.status, 200, "{}", upd.body);
    let u = &upd.body["ticket"];
    assert_eq!(u["status"], "In Progress");
    assert_eq!(u["subject"], "Printer offline");
    assert_eq!(u["properties"]["psa_idempotency_key"], "chat-7f3a");
    assert!(
        u["user"].get("admin?").is_some() && u["user"].get("admin").is_none(),
        "{}",
        u["user"]
    );

    // Comment: POST /tickets/{id}/comment (singular) → {"comment": …} without do_not_email.
    let c = api
        .post(&format!("tickets/{id}/comment"), &json!({"subject": "Update", "body": "Replaced toner", "hidden": true, "do_not_email": true}))
        .await;
    assert_eq!(c.status, 200, "{}", c.body);
    assert_eq!(c.body["comment"]["ticket_id"], id);
    assert_eq!(c.body["comment"]["hidden"], true);
    assert!(c.body["comment"].get("do_not_email").is_none());
    let stored = sim.stored_comments(id);
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[1]["do_not_email"], true);

    // Comments list: newest first by default, meta {total_pages, page, per_page}.
    let list = api.get(&format!("tickets/{id}/comments")).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body["comments"][0]["subject"], "Update");
    assert_eq!(
        list.body["meta"],
        json!({"total_pages": 1, "page": 1, "per_page": 10})
    );
    let asc = api
        .get(&format!(
            "tickets/{id}/comments?sort_direction=ASC&per_page=1&page=2"
        ))
        .await;
    assert_eq!(asc.body["comments"][0]["subject"], "Update");
    assert_eq!(asc.body["meta"]["total_pages"], 2);

    // Resolve.
    let done = api
        .put(&format!("tickets/{id}"), &json!({"status": "Resolved"}))
        .await;
    assert!(local_offset(&done.body["ticket"]["resolved_at"]));
    assert_eq!(
        sim.count_tickets_where(|t| t["id"] == id && t["status"] == "Resolved"),
        1
    );
    sim.stop().await;
}

#[tokio::test]
async fn validation_bodies_are_the_vendors() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let customer = first_customer(&sim);

    let r = api
        .post("tickets", &json!({"subject": "No customer"}))
        .await;
    assert_eq!(
        (r.status, r.body),
        (422, json!({"error": "Customer required field"}))
    );
    let r = api
        .post(
            "tickets",
            &json!({"customer_id": 1, "subject": "Unknown customer"}),
        )
        .await;
    assert_eq!(r.status, 422);

    let id = api
        .post("tickets", &json!({"customer_id": customer, "subject": "x"}))
        .await
        .body["ticket"]["id"]
        .as_i64()
        .unwrap();
    let r = api
        .put(&format!("tickets/{id}"), &json!({"subject": ""}))
        .await;
    assert_eq!(
        (r.status, r.body),
        (
            422,
            json!({"success": false, "message": ["Subject can't be blank"]})
        )
    );
    let r = api
        .put(&format!("tickets/{id}"), &json!({"status": "Not Closed"}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["success"], false);

    let r = api
        .post(&format!("tickets/{id}/comment"), &json!({"hidden": true}))
        .await;
    assert_eq!(
        (r.status, r.body),
        (
            422,
            json!({"success": false, "message": ["Body can't be blank", "Subject can't be blank"]})
        )
    );
    let r = api
        .post(
            &format!("tickets/{id}/comment"),
            &json!({"body": "only a body"}),
        )
        .await;
    assert_eq!(
        r.body,
        json!({"success": false, "message": ["Subject can't be blank"]})
    );
    assert_eq!(sim.comment_count(id), 0);

    // Bodies that are not JSON are a 400; JSON that is not an object carries no params.
    let raw = api
        .client
        .post(api.url("tickets"))
        .bearer_auth(&api.token)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let r = api.post("tickets", &json!([1, 2, 3])).await;
    assert_eq!(r.body, json!({"error": "Customer required field"}));
    sim.stop().await;
}

#[tokio::test]
async fn missing_records_are_404_not_found() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    for path in [
        "tickets/999999937",
        "tickets/abc",
        "tickets/999999937/comments",
        "customers/5",
        "contacts/5",
        "users/5",
    ] {
        let r = api.get(path).await;
        assert_eq!(
            (r.status, &r.body),
            (404, &json!({"message": "Not found"})),
            "{path}"
        );
    }
    let r = api.put("tickets/999999937", &json!({"subject": "x"})).await;
    assert_eq!(r.status, 404);
    let r = api
        .post(
            "tickets/999999937/comment",
            &json!({"subject": "x", "body": "y"}),
        )
        .await;
    assert_eq!(r.status, 404);
    // An unrouted path is Rails' 404 page.
    let r = api.get("no_such_thing").await;
    assert_eq!(r.status, 404);
    let r = api
        .client
        .get(api.url("no_such_thing"))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"status": 404, "error": "Not Found"})
    );
    sim.stop().await;
}

#[tokio::test]
async fn list_filters_query_properties_status_and_dates() {
    let sim = SyncroSim::builder()
        .seed(5)
        .tickets(60)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let customer = first_customer(&sim);
    let id = api
        .post("tickets", &json!({"customer_id": customer, "subject": "Mail flow", "properties": {"psa_idempotency_key": "key-Z9Q"}}))
        .await
        .body["ticket"]["id"]
        .as_i64()
        .unwrap();

    // `query` searches properties (where clients keep an idempotency marker) and subjects.
    let r = api.get("tickets?query=key-z9q").await;
    let hits: Vec<i64> = r.body["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(hits, vec![id]);
    assert!(
        r.body["meta"].get("total_entries").is_none(),
        "tickets meta has no total_entries"
    );
    assert_eq!(r.body["meta"], json!({"total_pages": 1, "page": 1}));

    // Newest first, and only the initial comment unless all_comments=true.
    let r = api.get("tickets").await;
    assert_eq!(r.body["tickets"][0]["id"], id);
    let first_seeded = r.body["tickets"][1].clone();
    assert!(first_seeded["comments"].as_array().unwrap().len() <= 1);
    let all = api.get("tickets?all_comments=true").await;
    assert_eq!(
        all.body["tickets"][1]["comments"].as_array().unwrap().len(),
        2
    );

    // Not Closed leaves out resolved tickets; a status matches exactly.
    let (open, _) = api
        .all_pages("tickets?status=Not%20Closed", "tickets")
        .await;
    assert!(!open.is_empty());
    assert!(
        open.iter()
            .all(|t| t["status"] != "Resolved" && t["status"] != "Invoiced")
    );
    let (resolved, _) = api.all_pages("tickets?status=Resolved", "tickets").await;
    assert_eq!(
        open.len() + resolved.len(),
        sim.count_tickets_where(|t| t["status"] != "Invoiced")
    );

    let r = api.get(&format!("tickets?customer_id={customer}")).await;
    assert!(
        r.body["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["customer_id"] == customer)
    );
    let r = api.get("tickets?customer_id=abc").await;
    assert_eq!(r.body["tickets"], json!([]));
    assert_eq!(r.body["meta"]["total_pages"], 0);

    // since_updated_at: the new ticket was updated now, every seeded one long ago.
    let r = api.get("tickets?since_updated_at=2030-01-01").await;
    assert_eq!(r.body["tickets"], json!([]));
    let updated = api.get(&format!("tickets/{id}")).await.body["ticket"]["updated_at"]
        .as_str()
        .unwrap()
        .to_string();
    let body = api
        .get_query("tickets", &[("since_updated_at", updated.as_str())])
        .await
        .body;
    let ids: Vec<i64> = body["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![id],
        "inclusive: the ticket updated exactly then is listed"
    );
    sim.stop().await;
}

#[tokio::test]
async fn attach_file_url_processes_urls_and_refuses_bad_bodies() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let id = api
        .post(
            "tickets",
            &json!({"customer_id": first_customer(&sim), "subject": "Logs"}),
        )
        .await
        .body["ticket"]["id"]
        .as_i64()
        .unwrap();
    let r = api
        .post(&format!("tickets/{id}/attach_file_url"), &json!({"files": [{"url": "https://files.example/logs/app.log", "filename": "app.log"}]}))
        .await;
    assert_eq!(
        (r.status, r.body),
        (
            200,
            json!({"message": "Processing - refresh ticket in a moment to see if it worked."})
        )
    );
    let t = api.get(&format!("tickets/{id}")).await.body["ticket"].clone();
    assert_eq!(t["attachments"][0]["file_name"], "app.log");
    let bad = json!({"error": "Missing files param - or not an array like [{'url':'http://foo','filename': 'test'}]"});
    for body in [json!({}), json!({"files": "x"}), json!({"files": [1]})] {
        let r = api
            .post(&format!("tickets/{id}/attach_file_url"), &body)
            .await;
        assert_eq!((r.status, &r.body), (422, &bad), "{body}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn delete_attachment_removes_it_and_404s_unknown_ids() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let id = api
        .post(
            "tickets",
            &json!({"customer_id": first_customer(&sim), "subject": "Screenshots"}),
        )
        .await
        .body["ticket"]["id"]
        .as_i64()
        .unwrap();
    api.post(
        &format!("tickets/{id}/attach_file_url"),
        &json!({"files": [{"url": "https://files.example/a.png", "filename": "a.png"}]}),
    )
    .await;
    let t = api.get(&format!("tickets/{id}")).await.body["ticket"].clone();
    let att = t["attachments"][0]["id"].as_i64().unwrap();
    let r = api
        .post(
            &format!("tickets/{id}/delete_attachment"),
            &json!({"attachment_id": att}),
        )
        .await;
    assert_eq!((r.status, r.body), (200, json!({"success": true})));
    let t = api.get(&format!("tickets/{id}")).await.body["ticket"].clone();
    assert_eq!(t["attachments"], json!([]));
    let again = api
        .post(
            &format!("tickets/{id}/delete_attachment"),
            &json!({"attachment_id": att}),
        )
        .await;
    assert_eq!(again.status, 404);
    sim.stop().await;
}

#[tokio::test]
async fn customers_autocomplete_lists_matches_without_meta() {
    let sim = SyncroSim::builder().companies(5).start().await.unwrap();
    let api = Api::new(&sim);
    let all = api.get("customers").await.body["customers"].clone();
    let name = all[0]["business_then_name"].as_str().unwrap().to_string();
    let r = api
        .get_query("customers/autocomplete", &[("query", &name)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.get("meta").is_none());
    let hits = r.body["customers"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|c| c["business_then_name"].as_str().unwrap().contains(&name))
    );
    assert_eq!(hits[0]["id"], all[0]["id"]);
    sim.stop().await;
}

#[tokio::test]
async fn account_settings_and_users_have_their_shapes() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let users = api.get("users").await.body;
    let pairs = users["users"].as_array().unwrap();
    assert!(pairs.iter().all(|p| {
        p.as_array()
            .is_some_and(|p| p.len() == 2 && p[0].is_i64() && p[1].is_string())
    }));
    let one = api.get(&format!("users/{}", sim.user_id())).await.body;
    assert_eq!(one["user"]["id"], sim.user_id());
    let settings = api.get("settings").await.body;
    assert_eq!(settings["locale"]["time_offset"], "-05:00");
    assert!(
        settings["ticket"]["priorities"]
            .as_array()
            .unwrap()
            .contains(&json!("2 Normal"))
    );
    let ts = api.get("tickets/settings").await.body;
    assert!(
        ts["ticket_status_list"]
            .as_array()
            .unwrap()
            .contains(&json!("Resolved"))
    );
    assert_eq!(ts["users"][0]["id"], pairs[0][0]);
    sim.stop().await;
}
