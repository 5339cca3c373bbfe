//! Autotask fault injection over raw HTTP: each fault type, and faults after a stored write.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::Api;
use psa_sim::{AutotaskSim, Faults};

#[tokio::test]
async fn server_errors_use_the_api_error_body() {
    let sim = AutotaskSim::builder()
        .faults(Faults::none().server_errors(1.0))
        .start()
        .await
        .unwrap();
    let r = Api::new(&sim).get("Version").await;
    assert_eq!(r.status, 500);
    assert!(r.body["errors"][0].is_string(), "{:?}", r.body);
    assert_eq!(sim.log().entries()[0].fault, Some("server-error"));
    sim.stop().await;
}

#[tokio::test]
async fn rate_limits_are_429s_with_optional_retry_after() {
    let sim = AutotaskSim::builder()
        .faults(Faults::none().rate_limits(1.0))
        .start()
        .await
        .unwrap();
    let r = Api::new(&sim).get("Version").await;
    assert_eq!(r.status, 429);
    assert!(r.body["errors"][0].is_string());
    assert!(r.headers.get("retry-after").is_none());
    sim.stop().await;

    let sim = AutotaskSim::builder()
        .faults(Faults::none().rate_limits(1.0))
        .rate_limit_retry_after(true)
        .start()
        .await
        .unwrap();
    let r = Api::new(&sim).get("Version").await;
    assert_eq!(r.headers.get("retry-after").unwrap(), "1");
    sim.stop().await;
}

#[tokio::test]
async fn dropped_connections_fail_the_request() {
    let sim = AutotaskSim::builder()
        .faults(Faults::none().dropped_connections(1.0))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let res = api.request(reqwest::Method::GET, "Version").send().await;
    let failed = match res {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(failed);
    assert_eq!(sim.log().count_status(0), 1);
    sim.stop().await;
}

#[tokio::test]
async fn truncated_bodies_cannot_be_read() {
    let sim = AutotaskSim::builder()
        .tickets(5)
        .faults(Faults::none().truncated_bodies(1.0))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let res = api
        .request(reqwest::Method::POST, "Tickets/query")
        .json(&serde_json::json!({"filter": [{"op": "exist", "field": "id"}]}))
        .send()
        .await;
    // The body stops half-way: either hyper notices before the headers are handed over, or the
    // body read fails.
    let failed = match res {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(failed);
    assert_eq!(sim.log().entries()[0].fault, Some("truncate"));
    sim.stop().await;
}

#[tokio::test]
async fn a_fault_after_the_write_leaves_the_ticket_stored() {
    let sim = AutotaskSim::builder()
        .faults(Faults::none().server_errors(1.0).after_write_share(1.0))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let before = sim.ticket_count();
    let r = api
        .post(
            "Tickets",
            &Api::ticket_body(sim.company_ids()[0], "landed anyway"),
        )
        .await;
    assert_eq!(r.status, 500);
    assert_eq!(sim.ticket_count(), before + 1);
    assert_eq!(sim.tickets_with_title("landed anyway"), 1);
    // Queries are reads: they are never run before a fault.
    let entries = sim.log().entries();
    assert_eq!(entries.last().unwrap().endpoint, "Tickets");
    sim.stop().await;
}

#[tokio::test]
async fn faults_are_reproducible_from_their_seed() {
    async fn statuses(seed: u64) -> Vec<u16> {
        let sim = AutotaskSim::builder()
            .faults(
                Faults::none()
                    .server_errors(0.3)
                    .rate_limits(0.2)
                    .seed(seed),
            )
            .start()
            .await
            .unwrap();
        let api = Api::new(&sim);
        let mut out = Vec::new();
        for _ in 0..30 {
            out.push(api.get("Version").await.status);
        }
        sim.stop().await;
        out
    }
    let a = statuses(7).await;
    assert_eq!(a, statuses(7).await);
    assert!(
        a.contains(&500) && a.contains(&429) && a.contains(&200),
        "{a:?}"
    );
}
