//! The Autotask query language over raw HTTP: every operator, groups, UDFs, IncludeFields,
//! MaxRecords, counts and the GET form.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::{Api, with_query};
use psa_sim::AutotaskSim;
use serde_json::{Value, json};

async fn sim() -> (psa_sim::AutotaskSimHandle, Api) {
    let sim = AutotaskSim::builder()
        .seed(11)
        .companies(4)
        .tickets(300)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    (sim, api)
}

/// A predicate over a ticket as the API sends it.
type Pred = Box<dyn Fn(&Value) -> bool>;

/// The ids a filter returns over HTTP, every page.
async fn ids(api: &Api, filter: Value) -> Vec<i64> {
    api.query_all("Tickets", &json!({ "filter": filter }))
        .await
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn every_operator_agrees_with_the_store() {
    let (sim, api) = sim().await;
    let company = sim.company_ids()[2];
    let s = |v: &Value| v.as_str().unwrap_or("").to_lowercase();
    let cases: Vec<(Value, Pred)> = vec![
        (
            json!([{"op": "eq", "field": "status", "value": 8}]),
            Box::new(|t| t["status"] == 8),
        ),
        (
            json!([{"op": "noteq", "field": "status", "value": 5}]),
            Box::new(|t| t["status"] != 5),
        ),
        (
            json!([{"op": "gt", "field": "priority", "value": 2}]),
            Box::new(|t| t["priority"].as_i64().unwrap() > 2),
        ),
        (
            json!([{"op": "gte", "field": "priority", "value": 2}]),
            Box::new(|t| t["priority"].as_i64().unwrap() >= 2),
        ),
        (
            json!([{"op": "lt", "field": "priority", "value": 2}]),
            Box::new(|t| t["priority"].as_i64().unwrap() < 2),
        ),
        (
            json!([{"op": "lte", "field": "priority", "value": 2}]),
            Box::new(|t| t["priority"].as_i64().unwrap() <= 2),
        ),
        (
            json!([{"op": "beginsWith", "field": "title", "value": "printer"}]),
            Box::new(move |t| s(&t["title"]).starts_with("printer")),
        ),
        (
            json!([{"op": "endsWith", "field": "title", "value": "VPN"}]),
            Box::new(move |t| s(&t["title"]).ends_with("vpn")),
        ),
        (
            json!([{"op": "contains", "field": "title", "value": "password"}]),
            Box::new(move |t| s(&t["title"]).contains("password")),
        ),
        (
            json!([{"op": "exist", "field": "contactID"}]),
            Box::new(|t| !t["contactID"].is_null()),
        ),
        (
            json!([{"op": "notExist", "field": "contactID"}]),
            Box::new(|t| t["contactID"].is_null()),
        ),
        (
            json!([{"op": "in", "field": "status", "value": [1, 7]}]),
            Box::new(|t| t["status"] == 1 || t["status"] == 7),
        ),
        (
            json!([{"op": "notIn", "field": "status", "value": [1, 7]}]),
            Box::new(|t| t["status"] != 1 && t["status"] != 7),
        ),
        (
            json!([{"op": "eq", "field": "companyID", "value": company}]),
            Box::new(move |t| t["companyID"] == company),
        ),
        (
            json!([{"op": "gte", "field": "createDate", "value": "2024-01-01T12:00:00Z"}]),
            Box::new(|t| t["createDate"].as_str().unwrap() >= "2024-01-01T12:00:00"),
        ),
        (
            json!([{"op": "or", "items": [
                {"op": "eq", "field": "status", "value": 1},
                {"op": "eq", "field": "priority", "value": 4}]}]),
            Box::new(|t| t["status"] == 1 || t["priority"] == 4),
        ),
        (
            json!([{"op": "and", "items": [
                {"op": "eq", "field": "status", "value": 1},
                {"op": "or", "items": [
                    {"op": "eq", "field": "priority", "value": 1},
                    {"op": "eq", "field": "priority", "value": 3}]}]}]),
            Box::new(|t| t["status"] == 1 && (t["priority"] == 1 || t["priority"] == 3)),
        ),
        (
            json!([{"op": "eq", "field": "status", "value": 1}, {"op": "eq", "field": "priority", "value": 2}]),
            Box::new(|t| t["status"] == 1 && t["priority"] == 2),
        ),
        (
            json!([{"op": "eq", "field": "CustomerRanking", "udf": true, "value": "Golden"}]),
            Box::new(|t| {
                t["userDefinedFields"]
                    .as_array()
                    .is_some_and(|u| u.iter().any(|f| f["value"] == "Golden"))
            }),
        ),
    ];
    for (filter, pred) in cases {
        let got = ids(&api, filter.clone()).await;
        let want = sim.count_tickets_where(|t| pred(t));
        assert_eq!(got.len(), want, "{filter}");
        assert!(
            want > 0 || filter.to_string().contains("notExist"),
            "the seed exercises {filter}"
        );
        let mut sorted = got.clone();
        sorted.sort_unstable();
        assert_eq!(got, sorted, "ascending ids");
    }
    sim.stop().await;
}

#[tokio::test]
async fn external_id_is_queryable() {
    let (sim, api) = sim().await;
    let mut body = Api::ticket_body(sim.company_ids()[0], "Keyed");
    body["externalID"] = json!("idem-42");
    let id = api.post("Tickets", &body).await.body["itemId"]
        .as_i64()
        .unwrap();
    let got = ids(
        &api,
        json!([{"op": "eq", "field": "externalID", "value": "idem-42"}]),
    )
    .await;
    assert_eq!(got, vec![id]);
    sim.stop().await;
}

#[tokio::test]
async fn include_fields_and_udfs_shape_the_rows() {
    let (sim, api) = sim().await;
    let r = api
        .post(
            "Tickets/query",
            &json!({
                "MaxRecords": 50,
                "IncludeFields": ["id", "Title", "status"],
                "filter": [{"op": "exist", "field": "id"}]
            }),
        )
        .await;
    assert_eq!(r.status, 200);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 50);
    for t in items {
        let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
        let plain: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| *k != "userDefinedFields")
            .collect();
        assert_eq!(plain.len(), 3, "{keys:?}");
        for k in ["id", "title", "status"] {
            assert!(keys.contains(&k), "{keys:?}");
        }
    }
    assert_eq!(r.body["pageDetails"]["count"], 50);
    assert_eq!(r.body["pageDetails"]["requestCount"], 50);
    // UDFs are sent when some row has a value, then on every row.
    let with = items
        .iter()
        .filter(|t| t.get("userDefinedFields").is_some())
        .count();
    assert!(with == 0 || with == items.len());
    // Rows without UDF values carry none.
    let none = api
        .query(
            "Tickets",
            json!([{"op": "notExist", "field": "CustomerRanking", "udf": true}]),
        )
        .await;
    assert!(
        none.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t.get("userDefinedFields").is_none())
    );
    sim.stop().await;
}

#[tokio::test]
async fn max_records_above_500_is_an_error() {
    let (sim, api) = sim().await;
    let r = api
        .post(
            "Tickets/query",
            &json!({"MaxRecords": 501, "filter": [{"op": "exist", "field": "id"}]}),
        )
        .await;
    assert_eq!(r.status, 500);
    assert!(r.error().contains("MaxRecords"), "{:?}", r.body);
    sim.stop().await;
}

#[tokio::test]
async fn bad_filters_are_500s_with_errors() {
    let (sim, api) = sim().await;
    for body in [
        json!({}),
        json!({"filter": []}),
        json!({"filter": [{"op": "like", "field": "title", "value": "x"}]}),
        json!({"filter": [{"op": "eq", "field": "nope", "value": 1}]}),
        json!({"filter": [{"op": "eq", "field": "status", "value": "open"}]}),
        json!({"filter": [{"op": "in", "field": "status", "value": 1}]}),
        json!({"filter": [{"op": "eq", "field": "creatorType", "value": 1}]}),
    ] {
        let r = api.post("Tickets/query", &body).await;
        assert_eq!(r.status, 500, "{body}");
        assert!(!r.error().is_empty(), "{body}: {:?}", r.body);
    }
    sim.stop().await;
}

#[tokio::test]
async fn keys_are_case_insensitive() {
    let (sim, api) = sim().await;
    let a = api
        .post(
            "Tickets/query",
            &json!({"maxRecords": 7, "Filter": [{"OP": "eq", "Field": "STATUS", "Value": 1}]}),
        )
        .await;
    let b = api
        .post(
            "tickets/QUERY",
            &json!({"MaxRecords": 7, "filter": [{"op": "eq", "field": "status", "value": 1}]}),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["items"], b.body["items"]);
    assert_eq!(a.body["items"].as_array().unwrap().len(), 7);
    sim.stop().await;
}

#[tokio::test]
async fn counts_and_the_get_form() {
    let (sim, api) = sim().await;
    let filter = json!({"filter": [{"op": "eq", "field": "status", "value": 5}]});
    let want = sim.count_tickets_where(|t| t["status"] == 5);
    let r = api.post("Tickets/query/count", &filter).await;
    assert_eq!(r.body, json!({"queryCount": want}));
    let url = with_query(
        &api.url("Tickets/query/count"),
        &[("search", &filter.to_string())],
    );
    let r = api.get(&url).await;
    assert_eq!(r.body, json!({"queryCount": want}));
    let url = with_query(
        &api.url("Tickets/query"),
        &[("search", &filter.to_string())],
    );
    let r = api.get(&url).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), want.min(500));
    sim.stop().await;
}

#[tokio::test]
async fn other_entities_query_too() {
    let sim = AutotaskSim::builder()
        .companies(3)
        .contacts_per_company(4)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let all = json!([{"op": "exist", "field": "id"}]);
    assert_eq!(
        api.query("Companies", all.clone()).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        api.query("Contacts", all.clone()).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    let company = sim.company_ids()[1];
    let r = api
        .query(
            "Contacts",
            json!([{"op": "eq", "field": "companyID", "value": company}]),
        )
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 4);
    let email = r.body["items"][0]["emailAddress"]
        .as_str()
        .unwrap()
        .to_uppercase();
    let r = api
        .query(
            "Contacts",
            json!([{"op": "eq", "field": "emailAddress", "value": email}]),
        )
        .await;
    assert_eq!(
        r.body["items"].as_array().unwrap().len(),
        1,
        "emails compare without case"
    );
    let me = api
        .query(
            "Resources",
            json!([{"op": "eq", "field": "userName", "value": sim.username()}]),
        )
        .await;
    assert_eq!(me.body["items"][0]["id"], sim.api_resource_id());
    let notes = api.query("TicketNotes", all).await;
    assert_eq!(notes.body["items"].as_array().unwrap().len(), 100);
    sim.stop().await;
}

#[tokio::test]
async fn child_queries_by_parent_find_seeded_and_new_children() {
    let sim = AutotaskSim::builder()
        .tickets(20_000)
        .notes_per_ticket(2)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let ticket = sim.ticket_ids()[12_345];
    let note = json!({"title": "t", "description": "d", "noteType": 1, "publish": 1});
    let id = api
        .post(&format!("Tickets/{ticket}/Notes"), &note)
        .await
        .body["itemId"]
        .clone();
    let r = api
        .query(
            "TicketNotes",
            json!([{"op": "eq", "field": "ticketID", "value": ticket}]),
        )
        .await;
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|n| n["ticketID"] == ticket));
    assert_eq!(items[2]["id"], id);
    let count = api
        .post(
            "TicketNotes/query/count",
            &json!({"filter": [{"op": "eq", "field": "ticketID", "value": ticket},
                               {"op": "eq", "field": "noteType", "value": 1}]}),
        )
        .await;
    let want = items.iter().filter(|n| n["noteType"] == 1).count();
    assert_eq!(count.body["queryCount"], want);
    sim.stop().await;
}
