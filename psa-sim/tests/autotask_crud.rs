//! Autotask creates, reads, updates and deletes, over raw HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::Api;
use psa_sim::AutotaskSim;
use serde_json::{Value, json};

#[tokio::test]
async fn ticket_round_trip() {
    let sim = AutotaskSim::builder().tickets(3).start().await.unwrap();
    let api = Api::new(&sim);
    let company = sim.company_ids()[1];
    let before = sim.ticket_count();

    let created = api
        .post(
            "Tickets",
            &json!({
                "companyID": company, "title": "Round trip", "description": "made by a test",
                "status": 1, "priority": 2, "queueID": 29683482, "externalID": "ext-1",
                "dueDateTime": "2030-03-21T00:00:00"
            }),
        )
        .await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let id = created.body["itemId"].as_i64().unwrap();
    assert_eq!(created.body, json!({ "itemId": id }));
    assert_eq!(sim.ticket_count(), before + 1);
    assert_eq!(sim.tickets_with_title("Round trip"), 1);

    let got = api.get(&format!("Tickets/{id}")).await;
    assert_eq!(got.status, 200);
    let t = &got.body["item"];
    assert_eq!(t["id"], id);
    assert_eq!(t["title"], "Round trip");
    assert_eq!(t["externalID"], "ext-1");
    assert_eq!(t["dueDateTime"], "2030-03-21T00:00:00Z");
    assert_eq!(t["creatorResourceID"], sim.api_resource_id());
    assert!(t["impersonatorCreatorResourceID"].is_null());
    assert!(t["ticketNumber"].as_str().unwrap().starts_with('T'));
    assert!(t["createDate"].as_str().unwrap().ends_with('Z'));
    assert!(t["completedDate"].is_null());
    assert_eq!(
        t.as_object().unwrap().len(),
        75,
        "every model field, null when empty"
    );

    // PATCH on the collection with the id in the body changes only what is sent.
    let patched = api
        .patch(
            "Tickets",
            &json!({"id": id, "status": 5, "resolution": "fixed"}),
        )
        .await;
    assert_eq!(patched.status, 200, "{:?}", patched.body);
    assert_eq!(patched.body, json!({ "itemId": id }));
    let t = api.get(&format!("Tickets/{id}")).await.body["item"].clone();
    assert_eq!(t["status"], 5);
    assert_eq!(t["title"], "Round trip");
    assert!(t["completedDate"].is_string());

    // Reopening clears the completion.
    api.patch("Tickets", &json!({"id": id, "status": 8})).await;
    let t = api.get(&format!("Tickets/{id}")).await.body["item"].clone();
    assert!(t["completedDate"].is_null());

    // The store agrees.
    assert_eq!(sim.ticket(id).unwrap()["status"], 8);
    sim.stop().await;
}

#[tokio::test]
async fn input_keys_are_case_insensitive() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let company = sim.company_ids()[0];
    let r = api
        .post(
            "tickets",
            &json!({
                "CompanyID": company, "Title": "Casing", "Status": 1, "Priority": 2, "QueueID": 5
            }),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["itemId"].as_i64().unwrap();
    assert_eq!(sim.ticket(id).unwrap()["queueID"], 5);
    sim.stop().await;
}

#[tokio::test]
async fn a_missing_id_reads_as_null() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let r = api.get("Tickets/999999999").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body, json!({"item": null}));
    sim.stop().await;
}

#[tokio::test]
async fn invalid_creates_fail_with_the_api_texts() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let company = sim.company_ids()[0];
    let before = sim.ticket_count();
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"companyID": company, "status": 1, "priority": 2}),
            "title is required",
        ),
        (
            json!({"companyID": company, "title": "x", "status": 1, "priority": 9}),
            "Picklist value [9] does not exist for priority",
        ),
        (
            json!({"companyID": 123456, "title": "x", "status": 1, "priority": 2}),
            "Value does not reference an existing entity for companyID . ",
        ),
        (
            json!({"companyID": company, "title": "x", "status": 1, "priority": 2, "assignedResourceID": sim.technician_ids()[0]}),
            "When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.",
        ),
        (
            json!({"companyID": company, "title": "x", "status": 1, "priority": 2, "contactID": null}),
            "Object reference not set to an instance of an object.",
        ),
        (
            json!({"companyID": company, "title": "x", "status": "new", "priority": 2}),
            "Error converting value \"new\" to type 'System.Int32'. Path 'status'.",
        ),
    ];
    for (body, text) in cases {
        let r = api.post("Tickets", &body).await;
        assert_eq!(r.status, 500, "{body}");
        assert_eq!(r.error(), text, "{body}");
    }
    assert_eq!(sim.ticket_count(), before);
    sim.stop().await;
}

#[tokio::test]
async fn children_are_created_only_under_their_parent() {
    let sim = AutotaskSim::builder()
        .tickets(2)
        .notes_per_ticket(1)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let ticket = api
        .query("Tickets", json!([{"op": "exist", "field": "id"}]))
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let note = json!({"ticketID": ticket, "title": "Call", "description": "Called the user",
                      "noteType": 1, "publish": 1});
    let top = api.post("TicketNotes", &note).await;
    assert_eq!(top.status, 404);
    assert!(top.body["Message"].is_string());

    let r = api.post(&format!("Tickets/{ticket}/Notes"), &note).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let note_id = r.body["itemId"].as_i64().unwrap();
    let listed = api.get(&format!("Tickets/{ticket}/Notes")).await;
    assert_eq!(listed.status, 200);
    let items = listed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "the seeded note and the new one");
    assert!(
        items
            .iter()
            .any(|n| n["id"] == note_id && n["ticketID"] == ticket)
    );
    assert_eq!(sim.ticket_notes(ticket).len(), 2);
    let one = api.get(&format!("TicketNotes/{note_id}")).await;
    assert_eq!(one.body["item"]["description"], "Called the user");
    assert_eq!(one.body["item"]["creatorResourceID"], sim.api_resource_id());
    let child = api.get(&format!("Tickets/{ticket}/Notes/{note_id}")).await;
    assert_eq!(child.body["item"]["id"], note_id);

    // A note without a title (the category requires one) and one with a bad publish value.
    let r = api
        .post(
            &format!("Tickets/{ticket}/Notes"),
            &json!({"description": "x", "noteType": 1, "publish": 1}),
        )
        .await;
    assert_eq!(r.error(), "title is required");
    let r = api
        .post(
            &format!("Tickets/{ticket}/Notes"),
            &json!({"title": "t", "description": "x", "noteType": 1, "publish": 3}),
        )
        .await;
    assert_eq!(r.error(), "Picklist value [3] does not exist for publish");

    // Notes are patched under the ticket and need noteType and publish.
    let r = api
        .patch(
            &format!("Tickets/{ticket}/Notes"),
            &json!({"id": note_id, "description": "edited"}),
        )
        .await;
    assert_eq!(r.status, 500);
    let r = api
        .patch(
            &format!("Tickets/{ticket}/Notes"),
            &json!({"id": note_id, "description": "edited", "noteType": 1, "publish": 2}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(
        api.get(&format!("TicketNotes/{note_id}")).await.body["item"]["publish"],
        2
    );
    // Notes cannot be deleted.
    assert_eq!(
        api.delete(&format!("Tickets/{ticket}/Notes/{note_id}"))
            .await
            .status,
        405
    );
    sim.stop().await;
}

#[tokio::test]
async fn contacts_live_under_companies() {
    let sim = AutotaskSim::builder()
        .companies(2)
        .contacts_per_company(2)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let company = sim.company_ids()[1];
    let body = json!({"firstName": "Ada", "lastName": "Byron", "emailAddress": "ada@example.com", "isActive": 1});
    assert_eq!(api.post("Contacts", &body).await.status, 404);
    let r = api
        .post(&format!("Companies/{company}/Contacts"), &body)
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["itemId"].as_i64().unwrap();
    let c = api.get(&format!("Contacts/{id}")).await.body["item"].clone();
    assert_eq!(c["companyID"], company);
    assert_eq!(c["isActive"], 1);
    let listed = api.get(&format!("Companies/{company}/Contacts")).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 3);
    let r = api
        .patch(
            &format!("Companies/{company}/Contacts"),
            &json!({"id": id, "phone": "555-0199"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(
        api.get(&format!("Contacts/{id}")).await.body["item"]["phone"],
        "555-0199"
    );
    // Deleted under the company; the top-level path has no DELETE.
    assert_eq!(api.delete(&format!("Contacts/{id}")).await.status, 405);
    let r = api
        .delete(&format!("Companies/{company}/Contacts/{id}"))
        .await;
    assert_eq!(r.body, json!({"itemId": id}));
    assert_eq!(
        api.get(&format!("Contacts/{id}")).await.body,
        json!({"item": null})
    );
    let again = api
        .delete(&format!("Companies/{company}/Contacts/{id}"))
        .await;
    assert_eq!(again.status, 500);
    assert!(again.error().contains("No matching records found"));
    sim.stop().await;
}

#[tokio::test]
async fn companies_and_resources() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let owner = sim.technician_ids()[0];
    let r = api
        .post("Companies", &json!({"companyName": "Acme", "companyType": 1, "ownerResourceID": owner, "phone": "5555555555"}))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["itemId"].as_i64().unwrap();
    let c = api.get(&format!("Companies/{id}")).await.body["item"].clone();
    assert_eq!(c["companyName"], "Acme");
    assert_eq!(c["isActive"], true);
    assert_eq!(api.delete(&format!("Companies/{id}")).await.status, 405);

    // Resources: no create, PATCH works, the API user is one of them.
    assert_eq!(
        api.post("Resources", &json!({"firstName": "x"}))
            .await
            .status,
        405
    );
    let me = api
        .get(&format!("Resources/{}", sim.api_resource_id()))
        .await
        .body["item"]
        .clone();
    assert_eq!(me["userName"], sim.username());
    let r = api
        .patch(
            "Resources",
            &json!({"id": owner, "officePhone": "555-0100"}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    sim.stop().await;
}

#[tokio::test]
async fn wrong_verbs_get_the_web_api_405() {
    let sim = AutotaskSim::builder().tickets(1).start().await.unwrap();
    let api = Api::new(&sim);
    let id = sim.ticket_ids()[0];
    for (method, path) in [
        (reqwest::Method::PATCH, format!("Tickets/{id}")),
        (reqwest::Method::DELETE, format!("Tickets/{id}")),
        (reqwest::Method::GET, "Tickets".to_string()),
    ] {
        let r = api
            .call(
                method.clone(),
                &path,
                Some(&json!({"id": id, "title": "x"})),
            )
            .await;
        assert_eq!(r.status, 405, "{method} {path}");
        assert_eq!(
            r.body["Message"],
            format!("The requested resource does not support http method '{method}'.")
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn put_empties_what_it_does_not_send() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let company = sim.company_ids()[0];
    let mut body = Api::ticket_body(company, "Put me");
    body["description"] = json!("will be dropped");
    let id = api.post("Tickets", &body).await.body["itemId"]
        .as_i64()
        .unwrap();
    let r = api
        .put(
            "Tickets",
            &json!({"id": id, "companyID": company, "title": "Put me", "status": 1, "priority": 3}),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let t = sim.ticket(id).unwrap();
    assert!(t["description"].is_null());
    assert_eq!(t["priority"], 3);
    assert!(t["createDate"].is_string(), "read-only fields survive");
    // A PUT without a required field fails.
    let r = api
        .put("Tickets", &json!({"id": id, "title": "Put me"}))
        .await;
    assert_eq!(r.status, 500);
    sim.stop().await;
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused() {
    let sim = AutotaskSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let r = autotask_support::reply(
        api.request(reqwest::Method::POST, "Tickets")
            .header("Content-Type", "text/plain")
            .body("title=x")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 415);
    let r = autotask_support::reply(
        api.request(reqwest::Method::POST, "Tickets")
            .header("Content-Type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 500);
    assert!(r.error().contains("JSON"));
    sim.stop().await;
}

#[tokio::test]
async fn a_date_beyond_year_9999_in_utc_is_a_500_and_the_sim_keeps_answering() {
    let sim = AutotaskSim::builder().tickets(1).start().await.unwrap();
    let api = Api::new(&sim);
    let mut body = Api::ticket_body(sim.company_ids()[0], "Far future");
    body["dueDateTime"] = json!("9999-12-31T23:30:00-05:00");
    let r = api.post("Tickets", &body).await;
    assert_eq!(r.status, 500, "{:?}", r.body);
    assert!(r.body["errors"].is_array(), "{:?}", r.body);
    let q = api
        .query(
            "Tickets",
            json!([{"op": "gt", "field": "dueDateTime", "value": "9999-12-31T23:30:00-05:00"}]),
        )
        .await;
    assert_eq!(q.status, 500, "{:?}", q.body);
    assert_eq!(sim.tickets_with_title("Far future"), 0);
    let after = api
        .post(
            "Tickets",
            &Api::ticket_body(sim.company_ids()[0], "Still here"),
        )
        .await;
    assert_eq!(after.status, 200, "{:?}", after.body);
    sim.stop().await;
}
