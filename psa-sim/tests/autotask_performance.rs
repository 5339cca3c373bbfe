//! Paging 100,000 Autotask tickets out of the simulator with a raw client, 500 a page.
//!
//! Asserts only correctness (every ticket once); the elapsed time is printed for the record
//! (`cargo test -p psa-sim --release --test autotask_performance -- --nocapture`). A debug
//! build takes about 12 s, most of it unoptimised JSON encoding and decoding of 100,000 full
//! ticket records (about 220 MB).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use std::collections::HashSet;
use std::time::Instant;

use autotask_support::Api;
use psa_sim::AutotaskSim;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_100k_tickets_returns_each_once() {
    let started = Instant::now();
    let sim = AutotaskSim::builder()
        .seed(100)
        .companies(50)
        .tickets(100_000)
        .start()
        .await
        .unwrap();
    let seeded = started.elapsed();
    let api = Api::new(&sim);
    let body = json!({"MaxRecords": 500, "filter": [{"op": "gte", "field": "id", "value": 0}]});
    let paging = Instant::now();
    let mut seen = HashSet::with_capacity(100_000);
    let mut pages = 0;
    let mut r = api.post("Tickets/query", &body).await;
    loop {
        assert_eq!(r.status, 200);
        pages += 1;
        for t in r.body["items"].as_array().unwrap() {
            assert!(seen.insert(t["id"].as_i64().unwrap()));
        }
        match r.body["pageDetails"]["nextPageUrl"].as_str() {
            Some(next) => r = api.post(next, &body).await,
            None => break,
        }
    }
    let elapsed = paging.elapsed();
    assert_eq!(seen.len(), 100_000);
    assert_eq!(pages, 200);
    eprintln!(
        "autotask sim: seeded 100,000 tickets in {seeded:?}; paged them (200 pages of 500, full records) in {elapsed:?}"
    );
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn id_gt_paging_starts_at_the_bound_and_returns_each_once() {
    // The paging idiom of several clients: `id gt <last id seen>`, 500 at a time. Each page
    // starts its scan at the bound, so the last page costs what the first one does.
    let sim = AutotaskSim::builder()
        .seed(101)
        .companies(10)
        .tickets(100_000)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let page = |after: i64| json!({"MaxRecords": 500, "filter": [{"op": "gt", "field": "id", "value": after}]});
    let mut seen = HashSet::with_capacity(100_000);
    let mut after = 0;
    let mut slowest = std::time::Duration::ZERO;
    let mut first = None;
    loop {
        let started = Instant::now();
        let r = api.post("Tickets/query", &page(after)).await;
        let took = started.elapsed();
        assert_eq!(r.status, 200);
        let items = r.body["items"].as_array().unwrap();
        if items.is_empty() {
            break;
        }
        first.get_or_insert(took);
        slowest = slowest.max(took);
        for t in items {
            let id = t["id"].as_i64().unwrap();
            assert!(id > after && seen.insert(id));
        }
        after = items.last().unwrap()["id"].as_i64().unwrap();
    }
    assert_eq!(seen.len(), 100_000);
    eprintln!(
        "autotask sim: `id gt N` paging of 100,000 tickets: first page {:?}, slowest page {slowest:?}",
        first.unwrap()
    );
    sim.stop().await;
}
