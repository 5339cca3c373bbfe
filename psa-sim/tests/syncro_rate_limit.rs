//! The per-minute request limit (scaled down for the test): 429 `Retry later` above it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use std::time::Duration;

use psa_sim::SyncroSim;
use syncro_support::Api;

#[tokio::test]
async fn requests_above_the_window_get_429_until_it_ends() {
    let sim = SyncroSim::builder()
        .rate_limit(20, Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    for i in 0..20 {
        assert_eq!(api.get("me").await.status, 200, "request {i}");
    }
    let r = api.get("tickets").await;
    assert_eq!((r.status, r.body.as_str()), (429, Some("Retry later\n")));
    assert!(r.headers.get("retry-after").is_none());
    assert_eq!(sim.log().count_status(429), 1);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert_eq!(api.get("me").await.status, 200, "a new window admits again");
    sim.stop().await;
}

#[tokio::test]
async fn every_request_counts_even_refused_ones() {
    let sim = SyncroSim::builder()
        .rate_limit(5, Duration::from_secs(30))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let c = reqwest::Client::new();
    for _ in 0..3 {
        let r = c
            .get(format!("{}me", sim.base_url()))
            .header("Authorization", "wrong")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    assert_eq!(api.get("no_such_route").await.status, 404);
    assert_eq!(api.get("me").await.status, 200);
    assert_eq!(api.get("me").await.status, 429);
    sim.stop().await;
}

#[tokio::test]
async fn retry_after_is_sent_only_when_asked() {
    let sim = SyncroSim::builder()
        .rate_limit(1, Duration::from_secs(30))
        .rate_limit_retry_after(true)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    assert_eq!(api.get("me").await.status, 200);
    let r = api.get("me").await;
    assert_eq!(r.status, 429);
    let secs: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&secs), "{secs}");
    sim.stop().await;
}

#[tokio::test]
async fn zero_turns_the_limit_off() {
    let sim = SyncroSim::builder()
        .rate_limit(0, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    for _ in 0..250 {
        assert_eq!(api.get("me").await.status, 200);
    }
    sim.stop().await;
}

#[tokio::test]
async fn the_default_is_180_per_minute() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let mut ok = 0;
    let mut limited = 0;
    for _ in 0..185 {
        match api.get("me").await.status {
            200 => ok += 1,
            429 => limited += 1,
            s => panic!("unexpected {s}"),
        }
    }
    // 185 local requests take far less than the 60 s window.
    assert_eq!((ok, limited), (180, 5));
    sim.stop().await;
}
