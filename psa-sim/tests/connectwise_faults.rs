//! Injected faults and the throttle: 5xx, 429 with `Retry-After`, dropped connections,
//! truncated bodies, faults after a write was stored, and the configured request rate.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use std::time::Duration;

use connectwise_support::{Cw, read};
use psa_sim::{ConnectWiseSim, Faults};
use serde_json::json;

#[tokio::test]
async fn server_errors_carry_the_vendor_body() {
    let cw = Cw::start(ConnectWiseSim::builder().faults(Faults::none().server_errors(1.0).seed(3)))
        .await;
    let got = cw.get("service/tickets").await;
    assert_eq!(got.status, 500);
    assert_eq!(got.body["code"], "ConnectWiseApi");
    assert!(!got.message().is_empty());
    assert_eq!(cw.sim.log().count_status(500), 1);
    assert_eq!(cw.sim.log().entries()[0].fault, Some("server-error"));
}

#[tokio::test]
async fn injected_429s_use_the_vendor_shape() {
    let cw = Cw::start(ConnectWiseSim::builder().faults(Faults::none().rate_limits(1.0))).await;
    let got = cw.get("service/tickets").await;
    assert_eq!(got.status, 429);
    assert_eq!(got.body["error"], "ConnectWiseAPI");
    assert!(
        got.body["message"]
            .as_str()
            .unwrap()
            .starts_with("Too many requests. Please try again in ")
    );
    assert!(got.headers.get("retry-after").is_some());
}

#[tokio::test]
async fn dropped_connections_fail_at_the_transport() {
    let cw =
        Cw::start(ConnectWiseSim::builder().faults(Faults::none().dropped_connections(1.0))).await;
    let sent = cw.api(reqwest::Method::GET, "service/tickets").send().await;
    let failed = match sent {
        Err(_) => true,
        Ok(resp) => resp.bytes().await.is_err(),
    };
    assert!(failed, "a dropped connection must not read as a response");
    assert_eq!(cw.sim.log().entries()[0].fault, Some("drop"));
}

#[tokio::test]
async fn truncated_bodies_do_not_parse() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .tickets(5)
            .faults(Faults::none().truncated_bodies(1.0)),
    )
    .await;
    // The headers may or may not have gone out before the connection broke.
    let parsed = match cw.api(reqwest::Method::GET, "service/tickets").send().await {
        Err(_) => None,
        Ok(resp) => resp
            .bytes()
            .await
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok()),
    };
    assert!(parsed.is_none(), "a truncated body must not parse as JSON");
    assert_eq!(cw.sim.log().entries()[0].fault, Some("truncate"));
}

#[tokio::test]
async fn a_fault_after_the_write_leaves_the_ticket_stored() {
    let cw = Cw::start(
        ConnectWiseSim::builder().tickets(0).faults(
            Faults::none()
                .server_errors(1.0)
                .after_write_share(1.0)
                .seed(9),
        ),
    )
    .await;
    let got = cw
        .post(
            "service/tickets",
            &json!({"summary": "Maybe landed", "company": {"id": 250}, "externalXRef": "k-1"}),
        )
        .await;
    assert_eq!(got.status, 500);
    // The client saw a failure, yet the ticket exists: a blind retry would duplicate it.
    assert_eq!(cw.sim.tickets_with_summary("Maybe landed"), 1);
}

#[tokio::test]
async fn faults_are_seeded() {
    let run = || async {
        let cw = Cw::start(
            ConnectWiseSim::builder()
                .tickets(1)
                .faults(Faults::none().server_errors(0.5).seed(21)),
        )
        .await;
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(cw.get("service/tickets/count").await.status);
        }
        statuses
    };
    let a = run().await;
    assert_eq!(a, run().await);
    assert!(a.contains(&500) && a.contains(&200));
}

#[tokio::test]
async fn the_throttle_answers_429_above_the_configured_rate() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .tickets(1)
            .rate_limit(20, Duration::from_secs(2)),
    )
    .await;
    let mut ok = 0;
    let mut limited = None;
    for _ in 0..25 {
        let got = cw.get("service/tickets/count").await;
        match got.status {
            200 => ok += 1,
            429 => {
                limited.get_or_insert(got);
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 20);
    let limited = limited.expect("a 429 above 20 requests");
    assert_eq!(limited.body["error"], "ConnectWiseAPI");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry), "Retry-After {retry}");
    assert_eq!(
        limited.body["message"],
        format!("Too many requests. Please try again in {retry} seconds.")
    );
    // Discovery is not throttled; the API is again once the window has passed.
    let info = read(
        cw.http
            .get(format!("{}/login/companyinfo/training", cw.sim.site()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(info.status, 200);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(cw.get("service/tickets/count").await.status, 200);
}

#[tokio::test]
async fn the_log_counts_concurrency_per_endpoint() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .tickets(3)
            .latency(Duration::from_millis(150)),
    )
    .await;
    let a = cw.get("service/tickets/1001");
    let b = cw.get("service/tickets/1002");
    let c = cw.get("service/tickets/1003");
    let (a, b, c) = tokio::join!(a, b, c);
    assert!([a.status, b.status, c.status].iter().all(|s| *s == 200));
    let max = cw.sim.log().max_concurrency("service/tickets/{id}");
    assert!((1..=3).contains(&max), "max concurrency {max}");
    assert_eq!(cw.sim.log().len(), 3);
}
