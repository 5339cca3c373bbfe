//! Page-numbered lists with `meta`: every record once, page sizes per endpoint, large seeds.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use std::collections::HashSet;

use psa_sim::SyncroSim;
use serde_json::json;
use syncro_support::Api;

#[tokio::test]
async fn paging_over_1234_tickets_returns_each_once() {
    let sim = SyncroSim::builder()
        .seed(3)
        .companies(7)
        .tickets(1_234)
        .notes_per_ticket(1)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let first = api.get("tickets").await;
    assert_eq!(first.body["tickets"].as_array().unwrap().len(), 25);
    assert_eq!(first.body["meta"], json!({"total_pages": 50, "page": 1}));
    let (all, pages) = api.all_pages("tickets", "tickets").await;
    assert_eq!(pages, 50);
    assert_eq!(all.len(), 1_234);
    let ids: HashSet<i64> = all.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 1_234);
    // Newest first across pages.
    let order: Vec<i64> = all.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] > w[1]));
    // Past the end: an empty page, not an error.
    let past = api.get("tickets?page=51").await;
    assert_eq!(past.status, 200);
    assert_eq!(past.body["tickets"], json!([]));
    assert_eq!(past.body["meta"]["page"], 51);
    // Filtered paging also returns each match once.
    let (open, _) = api
        .all_pages("tickets?status=Not%20Closed", "tickets")
        .await;
    let unique: HashSet<i64> = open.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(unique.len(), open.len());
    assert_eq!(
        open.len(),
        sim.count_tickets_where(|t| t["status"] != "Resolved" && t["status"] != "Invoiced")
    );
    sim.stop().await;
}

#[tokio::test]
async fn customers_and_contacts_page_with_full_meta() {
    let sim = SyncroSim::builder()
        .companies(60)
        .contacts_per_company(2)
        .tickets(0)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let r = api.get("customers").await;
    assert_eq!(
        r.body["meta"],
        json!({"total_pages": 3, "total_entries": 60, "per_page": 25, "page": 1})
    );
    let (customers, _) = api.all_pages("customers", "customers").await;
    let ids: HashSet<i64> = customers
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 60);
    assert_eq!(customers[0]["contacts"].as_array().unwrap().len(), 2);

    let r = api.get("contacts").await;
    assert_eq!(
        r.body["meta"],
        json!({"total_pages": 3, "total_entries": 120, "per_page": 50, "page": 1})
    );
    let (contacts, _) = api.all_pages("contacts", "contacts").await;
    assert_eq!(
        contacts
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect::<HashSet<_>>()
            .len(),
        120
    );
    let one = customers[5]["id"].as_i64().unwrap();
    let r = api.get(&format!("contacts?customer_id={one}")).await;
    assert_eq!(r.body["meta"]["total_entries"], 2);
    assert!(
        r.body["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["customer_id"] == one)
    );
    // The contact detail is NOT wrapped.
    let cid = r.body["contacts"][0]["id"].as_i64().unwrap();
    let d = api.get(&format!("contacts/{cid}")).await.body;
    assert_eq!(d["id"], cid);
    assert!(d.get("contact").is_none());
    // The customer detail is wrapped.
    assert_eq!(
        api.get(&format!("customers/{one}")).await.body["customer"]["id"],
        one
    );
    sim.stop().await;
}

#[tokio::test]
async fn customer_filters_and_search() {
    let sim = SyncroSim::builder()
        .companies(12)
        .contacts_per_company(1)
        .tickets(0)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let all = api.get("customers").await.body["customers"]
        .as_array()
        .unwrap()
        .clone();
    let target = &all[4];
    let email = target["email"].as_str().unwrap().to_uppercase();
    let body = api
        .get_query("customers", &[("email", email.as_str())])
        .await
        .body;
    assert_eq!(body["customers"].as_array().unwrap().len(), 1);
    assert_eq!(body["customers"][0]["id"], target["id"]);
    let name = target["business_name"].as_str().unwrap();
    let word = name.split(' ').next().unwrap().to_lowercase();
    let r = api
        .get(&format!("customers?business_name={word}"))
        .await
        .body;
    assert!(r["customers"].as_array().unwrap().iter().all(|c| {
        c["business_name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains(&word)
    }));
    let r = api.get(&format!("customers?query={word}")).await.body;
    assert!(r["meta"]["total_entries"].as_u64().unwrap() >= 1);
    let r = api.get("customers?sort=business_name%20DESC").await.body;
    let names: Vec<String> = r["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["business_name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] >= w[1]));
    let id = target["id"].as_i64().unwrap();
    let r = api.get(&format!("customers?not_id[]={id}")).await.body;
    assert_eq!(r["meta"]["total_entries"], 11);
    sim.stop().await;
}

#[tokio::test]
async fn page_sizes_are_per_endpoint_and_configurable() {
    let sim = SyncroSim::builder()
        .tickets(30)
        .ticket_page_size(50)
        .contact_page_size(4)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let r = api.get("tickets").await.body;
    assert_eq!(r["tickets"].as_array().unwrap().len(), 30);
    assert_eq!(r["meta"]["total_pages"], 1);
    let (contacts, pages) = api.all_pages("contacts", "contacts").await;
    assert_eq!((contacts.len(), pages), (15, 4));
    sim.stop().await;
}

#[tokio::test]
async fn a_hundred_thousand_tickets_are_practical() {
    let sim = SyncroSim::builder()
        .seed(9)
        .companies(50)
        .tickets(100_000)
        .notes_per_ticket(2)
        .start()
        .await
        .unwrap();
    assert_eq!(sim.ticket_count(), 100_000);
    let api = Api::new(&sim);
    let last = api.get("tickets?page=4000").await.body;
    assert_eq!(last["tickets"].as_array().unwrap().len(), 25);
    assert_eq!(last["meta"]["total_pages"], 4_000);
    let customer = sim.customer_ids()[0];
    let filtered = api
        .get(&format!("tickets?customer_id={customer}&page=2"))
        .await;
    assert_eq!(filtered.status, 200);
    assert!(
        filtered.body["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["customer_id"] == customer)
    );
    sim.stop().await;
}
