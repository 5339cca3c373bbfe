//! Injected faults carry Syncro's own bodies, and a fault may strike after a write was stored.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use psa_sim::{Faults, SyncroSim};
use serde_json::json;
use syncro_support::{Api, first_customer};

#[tokio::test]
async fn server_errors_answer_the_rails_500_page() {
    let sim = SyncroSim::builder()
        .faults(Faults::none().server_errors(1.0).seed(3))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let r = api.get("tickets").await;
    assert_eq!(r.status, 500);
    assert!(r.body.as_str().unwrap().contains("something went wrong"));
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(sim.log().count_status(500), 1);
    assert_eq!(sim.log().entries()[0].fault, Some("server-error"));
    sim.stop().await;
}

#[tokio::test]
async fn injected_429s_look_like_the_throttle() {
    let sim = SyncroSim::builder()
        .faults(Faults::none().rate_limits(1.0))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let r = api.get("tickets").await;
    assert_eq!((r.status, r.body.as_str()), (429, Some("Retry later\n")));
    assert!(
        r.headers.get("retry-after").is_none(),
        "Syncro documents no Retry-After"
    );
    sim.stop().await;

    let sim = SyncroSim::builder()
        .faults(Faults::none().rate_limits(1.0))
        .rate_limit_retry_after(true)
        .start()
        .await
        .unwrap();
    let r = Api::new(&sim).get("tickets").await;
    assert_eq!(r.status, 429);
    let secs: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&secs), "{secs}");
    sim.stop().await;
}

#[tokio::test]
async fn dropped_connections_fail_the_request() {
    let sim = SyncroSim::builder()
        .faults(Faults::none().dropped_connections(1.0))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let outcome = match api
        .client
        .get(api.url("tickets"))
        .bearer_auth(&api.token)
        .send()
        .await
    {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(outcome, "a dropped connection must not read as a response");
    assert_eq!(sim.log().entries()[0].fault, Some("drop"));
    sim.stop().await;
}

#[tokio::test]
async fn truncated_bodies_never_parse() {
    let sim = SyncroSim::builder()
        .faults(Faults::none().truncated_bodies(1.0))
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let outcome = match api
        .client
        .get(api.url("tickets"))
        .bearer_auth(&api.token)
        .send()
        .await
    {
        Err(_) => true,
        Ok(r) => match r.bytes().await {
            Err(_) => true,
            Ok(b) => serde_json::from_slice::<serde_json::Value>(&b).is_err(),
        },
    };
    assert!(outcome);
    assert_eq!(sim.log().entries()[0].fault, Some("truncate"));
    sim.stop().await;
}

#[tokio::test]
async fn a_fault_after_the_write_leaves_the_ticket_stored() {
    let faults = Faults::none().server_errors(1.0).after_write_share(1.0);
    let sim = SyncroSim::builder().faults(faults).start().await.unwrap();
    let api = Api::new(&sim);
    let before = sim.ticket_count();
    let body = json!({"customer_id": first_customer(&sim), "subject": "Duplicate-safety probe", "properties": {"k": "probe-1"}});
    let r = api.post("tickets", &body).await;
    assert_eq!(r.status, 500);
    assert_eq!(
        sim.ticket_count(),
        before + 1,
        "the write landed although the client saw a 500"
    );
    assert_eq!(sim.tickets_with_subject("Duplicate-safety probe"), 1);
    sim.stop().await;

    let faults = Faults::none().server_errors(1.0).after_write_share(0.0);
    let sim = SyncroSim::builder().faults(faults).start().await.unwrap();
    let api = Api::new(&sim);
    let before = sim.ticket_count();
    let r = api
        .post(
            "tickets",
            &json!({"customer_id": first_customer(&sim), "subject": "x"}),
        )
        .await;
    assert_eq!(r.status, 500);
    assert_eq!(sim.ticket_count(), before);
    sim.stop().await;
}

#[tokio::test]
async fn faults_are_deterministic_for_a_seed() {
    async fn statuses(seed: u64) -> Vec<u16> {
        let sim = SyncroSim::builder()
            .faults(Faults::none().server_errors(0.3).seed(seed))
            .start()
            .await
            .unwrap();
        let api = Api::new(&sim);
        let mut out = Vec::new();
        for _ in 0..20 {
            out.push(api.get("me").await.status);
        }
        sim.stop().await;
        out
    }
    let a = statuses(21).await;
    assert_eq!(a, statuses(21).await);
    assert!(a.contains(&500) && a.contains(&200), "{a:?}");
}
