//! Starting, seeding and stopping the Syncro simulator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use std::time::Duration;

use psa_sim::SyncroSim;
use syncro_support::Api;

#[tokio::test]
async fn stopping_the_handle_frees_the_port() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let port = sim.addr().port();
    assert_eq!(sim.base_url(), format!("http://127.0.0.1:{port}/api/v1/"));
    assert_eq!(Api::new(&sim).get("me").await.status, 200);
    sim.stop().await;
    let again = SyncroSim::builder().port(port).start().await.unwrap();
    assert_eq!(again.addr().port(), port);
    assert_eq!(Api::new(&again).get("me").await.status, 200);
    again.stop().await;
    std::net::TcpListener::bind(("127.0.0.1", port)).expect("port free after stop");
}

#[tokio::test]
async fn the_same_seed_serves_the_same_account() {
    let a = SyncroSim::builder()
        .seed(77)
        .tickets(30)
        .start()
        .await
        .unwrap();
    let b = SyncroSim::builder()
        .seed(77)
        .tickets(30)
        .start()
        .await
        .unwrap();
    let (pa, pb) = (
        Api::new(&a).get("tickets").await.body,
        Api::new(&b).get("tickets").await.body,
    );
    assert_eq!(pa, pb);
    assert_eq!(a.api_token(), b.api_token());
    let c = SyncroSim::builder()
        .seed(78)
        .tickets(30)
        .start()
        .await
        .unwrap();
    assert_ne!(Api::new(&c).get("tickets").await.body, pa);
    for s in [a, b, c] {
        s.stop().await;
    }
}

#[tokio::test]
async fn latency_delays_every_request_and_the_log_records_it() {
    let sim = SyncroSim::builder()
        .latency(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let started = std::time::Instant::now();
    api.get("me").await;
    api.get("tickets").await;
    assert!(
        started.elapsed() >= Duration::from_millis(100),
        "waited at least the latency twice"
    );
    let entries = sim.log().entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].endpoint, "/tickets");
    assert!(entries.iter().all(|e| e.status == 200));
    assert_eq!(sim.log().max_concurrency("/me"), 1);
    sim.stop().await;
}

#[tokio::test]
async fn a_fixed_token_and_offset_are_honoured() {
    let sim = SyncroSim::builder()
        .api_token("T0ken-for-tests")
        .utc_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap())
        .start()
        .await
        .unwrap();
    assert_eq!(sim.api_token(), "T0ken-for-tests");
    let api = Api::new(&sim);
    let t = api.get("tickets").await.body;
    assert!(
        t["tickets"][0]["created_at"]
            .as_str()
            .unwrap()
            .ends_with("+02:00")
    );
    assert_eq!(
        api.get("settings").await.body["locale"]["time_offset"],
        "+02:00"
    );
    sim.stop().await;
}
