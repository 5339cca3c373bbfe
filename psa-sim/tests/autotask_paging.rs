//! Autotask paging over raw HTTP: `nextPageUrl` POSTed with the same body returns every record
//! once; the GET form and a changed body are refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use std::collections::HashSet;

use autotask_support::Api;
use psa_sim::AutotaskSim;
use serde_json::json;

#[tokio::test]
async fn paging_over_1234_tickets_returns_each_once() {
    let sim = AutotaskSim::builder().tickets(1_234).start().await.unwrap();
    let api = Api::new(&sim);
    let body = json!({"MaxRecords": 500, "filter": [{"op": "gte", "field": "id", "value": 0}]});
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    let mut r = api.post("Tickets/query", &body).await;
    loop {
        assert_eq!(r.status, 200, "{:?}", r.body);
        let items = r.body["items"].as_array().unwrap();
        assert_eq!(r.body["pageDetails"]["count"], items.len());
        pages.push(items.len());
        for t in items {
            assert!(
                seen.insert(t["id"].as_i64().unwrap()),
                "duplicate {}",
                t["id"]
            );
        }
        match r.body["pageDetails"]["nextPageUrl"].as_str() {
            Some(next) => {
                assert!(next.starts_with(&sim.zone_url()), "{next}");
                assert!(next.contains("/V1.0/Tickets/query/next?paging="), "{next}");
                r = api.post(next, &body).await;
            }
            None => break,
        }
    }
    assert_eq!(pages, vec![500, 500, 234]);
    assert_eq!(seen.len(), 1_234);
    assert_eq!(seen.len(), sim.ticket_count());
    sim.stop().await;
}

#[tokio::test]
async fn a_filtered_query_pages_too() {
    let sim = AutotaskSim::builder().tickets(1_234).start().await.unwrap();
    let api = Api::new(&sim);
    let body =
        json!({"MaxRecords": 100, "filter": [{"op": "noteq", "field": "status", "value": 5}]});
    let all = api.query_all("Tickets", &body).await;
    let ids: HashSet<i64> = all.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), all.len());
    assert_eq!(all.len(), sim.count_tickets_where(|t| t["status"] != 5));
    sim.stop().await;
}

#[tokio::test]
async fn get_on_the_next_page_url_is_a_405() {
    let sim = AutotaskSim::builder().tickets(30).start().await.unwrap();
    let api = Api::new(&sim);
    let body = json!({"MaxRecords": 10, "filter": [{"op": "exist", "field": "id"}]});
    let r = api.post("Tickets/query", &body).await;
    let next = r.body["pageDetails"]["nextPageUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let g = api.get(&next).await;
    assert_eq!(g.status, 405);
    assert_eq!(
        g.body,
        json!({"Message": "The requested resource does not support http method 'GET'."})
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_next_page_needs_the_same_body() {
    let sim = AutotaskSim::builder().tickets(30).start().await.unwrap();
    let api = Api::new(&sim);
    let body = json!({"MaxRecords": 10, "filter": [{"op": "exist", "field": "id"}]});
    let r = api.post("Tickets/query", &body).await;
    let next = r.body["pageDetails"]["nextPageUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let other = json!({"MaxRecords": 10, "filter": [{"op": "eq", "field": "status", "value": 1}]});
    let bad = api.post(&next, &other).await;
    assert_eq!(bad.status, 500);
    assert!(bad.error().contains("original query"), "{:?}", bad.body);
    // Key case and order do not matter.
    let same = json!({"filter": [{"field": "id", "op": "exist"}], "maxrecords": 10});
    let ok = api.post(&next, &same).await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert_eq!(ok.body["items"].as_array().unwrap().len(), 10);
    sim.stop().await;
}

#[tokio::test]
async fn the_previous_page_url_goes_back() {
    let sim = AutotaskSim::builder().tickets(25).start().await.unwrap();
    let api = Api::new(&sim);
    let body = json!({"MaxRecords": 10, "filter": [{"op": "exist", "field": "id"}]});
    let first = api.post("Tickets/query", &body).await;
    assert!(first.body["pageDetails"]["prevPageUrl"].is_null());
    let next = first.body["pageDetails"]["nextPageUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let second = api.post(&next, &body).await;
    let prev = second.body["pageDetails"]["prevPageUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let back = api.post(&prev, &body).await;
    assert_eq!(back.body["items"], first.body["items"]);
    sim.stop().await;
}

#[tokio::test]
async fn records_created_while_paging_show_up_at_the_end() {
    let sim = AutotaskSim::builder().tickets(15).start().await.unwrap();
    let api = Api::new(&sim);
    let body = json!({"MaxRecords": 10, "filter": [{"op": "exist", "field": "id"}]});
    let first = api.post("Tickets/query", &body).await;
    let id = api
        .post("Tickets", &Api::ticket_body(sim.company_ids()[0], "late"))
        .await
        .body["itemId"]
        .as_i64()
        .unwrap();
    let next = first.body["pageDetails"]["nextPageUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let second = api.post(&next, &body).await;
    let items = second.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(items.last().unwrap()["id"], id);
    sim.stop().await;
}
