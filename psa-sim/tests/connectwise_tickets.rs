//! Tickets: create, read, JSON-patch, replace, close, delete; the vendor's 400 bodies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::Cw;
use psa_sim::ConnectWiseSim;
use serde_json::{Value, json};

#[tokio::test]
async fn crud_round_trip() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(5).set_level(
        "Service Desk",
        "Service Tickets",
        "delete",
        "All",
    ))
    .await;
    let company = cw.sim.company_ids()[1];
    let created = cw
        .post(
            "service/tickets",
            &json!({
                "summary": "Printer offline on floor 2",
                "company": {"id": company},
                "board": {"name": "Help Desk"},
                "initialDescription": "The printer shows error 49.",
                "externalXRef": "portal-123",
            }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let t = &created.body;
    let id = t["id"].as_i64().unwrap();
    assert_eq!(t["summary"], "Printer offline on floor 2");
    assert_eq!(t["company"]["id"], company);
    assert_eq!(t["board"]["name"], "Help Desk");
    assert_eq!(t["status"]["name"], "New", "the board's default status");
    assert_eq!(t["closedFlag"], false);
    assert_eq!(t["externalXRef"], "portal-123");
    assert_eq!(t["_info"]["enteredBy"], cw.sim.api_member_identifier());
    assert!(t["_info"]["dateEntered"].as_str().unwrap().ends_with('Z'));
    assert!(
        t.get("initialDescription").is_none(),
        "POST-only members are never returned"
    );
    assert_eq!(cw.sim.ticket_count(), 6);
    assert_eq!(cw.sim.tickets_with_summary("Printer offline on floor 2"), 1);
    // The initial description became the first (discussion) note.
    let notes = cw.get(&format!("service/tickets/{id}/notes")).await;
    assert_eq!(notes.body[0]["text"], "The printer shows error 49.");
    assert_eq!(notes.body[0]["detailDescriptionFlag"], true);

    let read = cw.get(&format!("service/tickets/{id}")).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.body, created.body);

    let patched = cw
        .patch(
            &format!("service/tickets/{id}"),
            &json!([
                {"op": "replace", "path": "summary", "value": "Printer fixed"},
                {"op": "replace", "path": "status", "value": {"name": "In Progress"}},
                {"op": "replace", "path": "priority", "value": {"id": 1}},
            ]),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(patched.body["summary"], "Printer fixed");
    assert_eq!(patched.body["status"]["name"], "In Progress");
    assert_eq!(patched.body["priority"]["id"], 1);
    assert_eq!(
        cw.get(&format!("service/tickets/{id}")).await.body["summary"],
        "Printer fixed"
    );

    let closed = cw
        .patch(
            &format!("service/tickets/{id}"),
            &json!([{"op": "replace", "path": "status/id", "value": 6}]),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    assert_eq!(closed.body["status"]["name"], ">Closed");
    assert_eq!(closed.body["closedFlag"], true);
    assert_eq!(closed.body["closedBy"], cw.sim.api_member_identifier());
    assert!(closed.body["closedDate"].is_string());

    let reopened = cw
        .patch(
            &format!("service/tickets/{id}"),
            &json!([{"op": "replace", "path": "status", "value": {"id": 1}}]),
        )
        .await;
    assert_eq!(reopened.body["closedFlag"], false);
    assert!(reopened.body.get("closedDate").is_none());

    let deleted = cw.delete(&format!("service/tickets/{id}")).await;
    assert_eq!(deleted.status, 204);
    let gone = cw.get(&format!("service/tickets/{id}")).await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.body,
        json!({"code": "NotFound", "message": format!("Ticket {id} not found")})
    );
    assert_eq!(cw.sim.ticket_count(), 5);
}

#[tokio::test]
async fn references_resolve_by_identifier_and_name() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(0)).await;
    let company = cw
        .get(&format!("company/companies/{}", cw.sim.company_ids()[0]))
        .await
        .body;
    let contact_email = cw.sim.contact_emails(company["id"].as_i64().unwrap())[0].clone();
    let created = cw
        .post(
            "service/tickets",
            &json!({
                "Summary": "Members bind case-insensitively",
                "company": {"identifier": company["identifier"].as_str().unwrap().to_lowercase()},
                "priority": {"name": "priority 2 - quick response"},
                "owner": {"identifier": "jreyes"},
                "contactEmailLookup": contact_email.to_uppercase(),
                "severity": "high",
                "poNumber": "PO-77",
            }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["company"]["id"], company["id"]);
    assert_eq!(
        created.body["priority"]["name"],
        "Priority 2 - Quick Response"
    );
    assert_eq!(created.body["owner"]["identifier"], "jreyes");
    assert_eq!(created.body["contactEmailAddress"], contact_email);
    assert_eq!(created.body["severity"], "High");
    assert_eq!(
        created.body["poNumber"], "PO-77",
        "other ticket members are stored and echoed"
    );
}

#[tokio::test]
async fn unknown_members_are_rejected_with_the_vendor_message() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(0)).await;
    let body = format!(
        r#"{{"summary":"x","company":{{"id":{}}},"enteredBy":"me"}}"#,
        cw.sim.company_ids()[0]
    );
    let resp = cw
        .api(reqwest::Method::POST, "service/tickets")
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let got = connectwise_support::read(resp).await;
    assert_eq!(got.status, 400);
    assert_eq!(got.body["code"], "ConnectWiseApi");
    assert!(
        got.message().starts_with("Could not find member 'enteredBy' on object of type 'Ticket'. Path 'enteredBy', line 1, position "),
        "{}",
        got.text
    );
    // Inside a reference too.
    let got = cw
        .post(
            "service/tickets",
            &json!({"summary": "x", "company": {"id": 250, "code": "X"}}),
        )
        .await;
    assert_eq!(got.status, 400);
    assert!(
        got.message()
            .contains("on object of type 'CompanyReference'. Path 'company.code'"),
        "{}",
        got.text
    );
    assert_eq!(cw.sim.ticket_count(), 0);
}

#[tokio::test]
async fn missing_summary_and_company_are_invalid_object() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(0)).await;
    let got = cw
        .post(
            "service/tickets",
            &json!({"initialDescription": "no summary"}),
        )
        .await;
    assert_eq!(got.status, 400);
    assert_eq!(got.body["code"], "InvalidObject");
    assert_eq!(got.body["message"], "ticket object is invalid");
    let errors = got.body["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["summary", "company"]);
    assert!(
        errors
            .iter()
            .all(|e| e["code"] == "MissingRequiredField" && e["resource"] == "ticket")
    );
    assert_eq!(errors[0]["message"], "The summary field is required.");

    let blank = cw
        .post(
            "service/tickets",
            &json!({"summary": "   ", "company": {"id": 250}}),
        )
        .await;
    assert_eq!(blank.status, 400);
    assert_eq!(blank.body["errors"][0]["field"], "summary");

    let long = cw
        .post(
            "service/tickets",
            &json!({"summary": "x".repeat(101), "company": {"id": 250}}),
        )
        .await;
    assert_eq!(long.status, 400);
    assert_eq!(long.body["errors"][0]["code"], "InvalidField");

    let no_company = cw
        .post(
            "service/tickets",
            &json!({"summary": "x", "company": {"id": 99999}}),
        )
        .await;
    assert_eq!(no_company.status, 400);
    assert_eq!(no_company.body["errors"][0]["field"], "company");

    let wrong_type = cw
        .post("service/tickets", &json!({"summary": "x", "company": 250}))
        .await;
    assert_eq!(wrong_type.status, 400);
    assert!(
        wrong_type
            .message()
            .contains("Error converting value 250 to type 'CompanyReference'")
    );

    let not_json = cw
        .api(reqwest::Method::POST, "service/tickets")
        .header("Content-Type", "application/json")
        .body("{summary:")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
    assert_eq!(cw.sim.ticket_count(), 0);
}

#[tokio::test]
async fn patch_paths_are_case_sensitive_and_validated() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(3)).await;
    let got = cw
        .patch(
            "service/tickets/1001",
            &json!([{"op": "replace", "path": "Summary", "value": "x"}]),
        )
        .await;
    assert_eq!(got.status, 400);
    assert_eq!(got.message(), "path Summary is not valid");
    let got = cw
        .patch(
            "service/tickets/1001",
            &json!({"op": "replace", "path": "summary", "value": "x"}),
        )
        .await;
    assert_eq!(got.status, 400, "a patch document is an array");
    let got = cw
        .patch(
            "service/tickets/1001",
            &json!([{"op": "remove", "path": "summary"}]),
        )
        .await;
    assert_eq!(got.status, 400);
    assert_eq!(got.body["errors"][0]["code"], "MissingRequiredField");
    let got = cw
        .patch(
            "service/tickets/1001",
            &json!([{"op": "replace", "path": "status", "value": {"name": "No Such"}}]),
        )
        .await;
    assert_eq!(got.status, 400);
    assert_eq!(got.body["errors"][0]["field"], "status");
    let got = cw
        .patch(
            "service/tickets/424242",
            &json!([{"op": "replace", "path": "summary", "value": "x"}]),
        )
        .await;
    assert_eq!(got.status, 404);
    // JSON-pointer style with a leading slash works, and customFields take the whole array.
    let got = cw
        .patch(
            "service/tickets/1001",
            &json!([
                {"op": "replace", "path": "/externalXRef", "value": "ext-9"},
                {"op": "replace", "path": "customFields", "value": [{"id": 12, "value": "VC-1"}]},
            ]),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.body["externalXRef"], "ext-9");
    let cf = got.body["customFields"].as_array().unwrap();
    assert_eq!(cf.iter().find(|c| c["id"] == 12).unwrap()["value"], "VC-1");
    assert!(
        cf.iter()
            .find(|c| c["id"] == 17)
            .unwrap()
            .get("value")
            .is_none()
    );
}

#[tokio::test]
async fn put_replaces_the_record() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(0)).await;
    let t = cw.new_ticket("Original").await;
    let id = t["id"].as_i64().unwrap();
    let resp = cw
        .api(reqwest::Method::PUT, &format!("service/tickets/{id}"))
        .json(&json!({"summary": "Replaced", "company": {"id": t["company"]["id"]}, "poNumber": "P1"}))
        .send()
        .await
        .unwrap();
    let got = connectwise_support::read(resp).await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.body["summary"], "Replaced");
    assert_eq!(got.body["poNumber"], "P1");
    assert_eq!(got.body["_info"]["dateEntered"], t["_info"]["dateEntered"]);
}

#[tokio::test]
async fn delete_needs_the_delete_right_which_the_recommended_role_lacks() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(2)).await;
    let got = cw.delete("service/tickets/1001").await;
    assert_eq!(got.status, 403);
    assert_eq!(cw.sim.ticket_count(), 2);
}

#[tokio::test]
async fn external_xref_finds_a_ticket_for_idempotent_creates() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(40)).await;
    let company = cw.sim.company_ids()[0];
    let key = "psa-sdk:7f3c \"quoted\"";
    let created = cw
        .post(
            "service/tickets",
            &json!({"summary": "Once", "company": {"id": company}, "externalXRef": key}),
        )
        .await;
    assert_eq!(created.status, 201);
    let cond = "externalXRef = \"psa-sdk:7f3c \\\"quoted\\\"\"";
    let found = cw.get_q("service/tickets", &[("conditions", cond)]).await;
    assert_eq!(found.status, 200, "{}", found.text);
    let ids: Vec<i64> = found
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![created.body["id"].as_i64().unwrap()]);
    let count = cw
        .get_q("service/tickets/count", &[("conditions", cond)])
        .await;
    assert_eq!(count.body, json!({"count": 1}));
}

#[tokio::test]
async fn search_takes_conditions_in_the_body() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(30)).await;
    let got = cw
        .post(
            "service/tickets/search",
            &json!({"conditions": "closedFlag = false and board/id = 1", "orderBy": "id desc"}),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let items = got.body.as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|t| t["closedFlag"] == false && t["board"]["id"] == 1)
    );
    let ids: Vec<i64> = items.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]));
    let expected = cw
        .sim
        .count_tickets_where(|t| t["closedFlag"] == false && t["board"]["id"] == 1);
    assert_eq!(items.len(), expected.min(25));
    let bad = cw
        .post(
            "service/tickets/search",
            &json!({"conditions": "id = 1", "page": 2}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.message()
            .contains("Could not find member 'page' on object of type 'FilterValues'")
    );
}

#[tokio::test]
async fn seeded_records_look_like_the_real_service() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(6)).await;
    let t = cw.get("service/tickets/1001").await.body;
    // Odd casing the real service sends: `Sort` on status, `sort` on priority.
    assert!(t["status"].get("Sort").is_some());
    assert!(t["priority"].get("sort").is_some());
    assert!(t["_info"]["lastUpdated"].is_string());
    assert!(
        t["_info"]["notes_href"]
            .as_str()
            .unwrap()
            .ends_with("/service/tickets/1001/notes")
    );
    // Some audit columns come back right-padded.
    assert_eq!(t["_info"]["updatedBy"].as_str().unwrap().len(), 15);
    let padded = cw.sim.count_tickets_where(|t| {
        t["_info"]["updatedBy"]
            .as_str()
            .is_some_and(|s| s.ends_with(' '))
    });
    assert!(padded > 0 && padded < 6);
    assert!(t["customFields"].as_array().is_some_and(|c| c.len() == 3));
    assert!(matches!(t["recordType"], Value::String(_)));
}
