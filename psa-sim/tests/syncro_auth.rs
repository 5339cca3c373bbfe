//! Syncro token auth: every accepted form and every refusal, over raw HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use psa_sim::SyncroSim;
use serde_json::{Value, json};
use syncro_support::{permission_body, reply};

async fn me_with(
    client: &reqwest::Client,
    base: &str,
    auth: Option<&str>,
    query: &str,
) -> (u16, Value) {
    let mut req = client.get(format!("{base}me{query}"));
    if let Some(a) = auth {
        req = req.header("Authorization", a);
    }
    let r = reply(req.send().await.unwrap()).await;
    (r.status, r.body)
}

#[tokio::test]
async fn every_documented_token_form_is_accepted() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let base = sim.base_url();
    let tok = sim.api_token().to_string();
    for auth in [
        format!("Bearer {tok}"),
        format!("bearer {tok}"),
        tok.clone(),
    ] {
        let (status, body) = me_with(&c, &base, Some(&auth), "").await;
        assert_eq!(status, 200, "{auth}: {body}");
        assert_eq!(body["user_id"], sim.user_id());
    }
    let (status, _) = me_with(&c, &base, None, &format!("?api_key={tok}")).await;
    assert_eq!(status, 200);
    // The key may also come last, after other parameters.
    let r = reply(
        c.get(format!("{base}tickets?page=1&api_key={tok}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200);
    sim.stop().await;
}

#[tokio::test]
async fn missing_wrong_and_revoked_tokens_get_401_without_the_permission_text() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let c = reqwest::Client::new();
    let base = sim.base_url();
    let tok = sim.api_token().to_string();
    let cases: Vec<(Option<String>, String)> = vec![
        (None, String::new()),
        (Some("Bearer not-the-token".into()), String::new()),
        (Some("not-the-token".into()), String::new()),
        (Some("Bearer ".into()), String::new()),
        (None, "?api_key=not-the-token".into()),
        // The header decides when both are sent.
        (Some("Bearer wrong".into()), format!("?api_key={tok}")),
    ];
    for (auth, query) in &cases {
        let (status, body) = me_with(&c, &base, auth.as_deref(), query).await;
        assert_eq!(status, 401, "{auth:?} {query}");
        assert!(body["error"].is_string(), "{body}");
        assert_ne!(
            body,
            permission_body(),
            "a bad token must not read as a missing permission"
        );
    }
    sim.revoke_token();
    let (status, _) = me_with(&c, &base, Some(&format!("Bearer {tok}")), "").await;
    assert_eq!(status, 401);
    sim.restore_token();
    let (status, _) = me_with(&c, &base, Some(&format!("Bearer {tok}")), "").await;
    assert_eq!(status, 200);
    sim.stop().await;
}

#[tokio::test]
async fn the_token_is_checked_before_permissions_and_records() {
    let sim = SyncroSim::builder()
        .deny_permission("Tickets - View Details")
        .start()
        .await
        .unwrap();
    let c = reqwest::Client::new();
    let r = reply(
        c.get(format!("{}tickets/1", sim.base_url()))
            .header("Authorization", "nope")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 401);
    assert_ne!(r.body, permission_body());
    sim.stop().await;
}

#[tokio::test]
async fn denying_connect_refuses_the_token_everywhere() {
    let sim = SyncroSim::builder()
        .deny(psa_core::Capability::Connect)
        .start()
        .await
        .unwrap();
    let c = reqwest::Client::new();
    for path in ["me", "tickets", "customers", "settings"] {
        let r = reply(
            c.get(format!("{}{path}", sim.base_url()))
                .bearer_auth(sim.api_token())
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 401, "{path}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn me_reports_the_account_without_leaking_the_api_key() {
    let sim = SyncroSim::builder()
        .subdomain("Northwind")
        .start()
        .await
        .unwrap();
    let c = reqwest::Client::new();
    let (status, me) = me_with(&c, &sim.base_url(), Some(sim.api_token()), "").await;
    assert_eq!(status, 200);
    assert_eq!(me["subdomain"], "northwind");
    assert_eq!(sim.subdomain(), "northwind");
    assert!(me["user_token"].is_string());
    assert_ne!(me["user_token"], json!(sim.api_token()));
    for key in [
        "user_email",
        "user_name",
        "admin",
        "can_use_app",
        "locations_allowed",
        "permissions",
    ] {
        assert!(me.get(key).is_some(), "{key}");
    }
    assert!(!format!("{sim:?}").contains(sim.api_token()));
    let builder = SyncroSim::builder().api_token("T-secret-in-builder");
    assert!(!format!("{builder:?}").contains("T-secret-in-builder"));
    sim.stop().await;
}

#[tokio::test]
async fn builder_mistakes_are_named_at_start() {
    let e = SyncroSim::builder()
        .deny_permission("Tickets - Destroy")
        .start()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert!(e.to_string().contains("Tickets - Destroy"), "{e}");
    let e = SyncroSim::builder()
        .subdomain("acme.evil.example")
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("subdomain"), "{e}");
    let e = SyncroSim::builder()
        .companies(0)
        .tickets(3)
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("companies"), "{e}");
    let e = SyncroSim::builder()
        .ticket_page_size(0)
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("page"), "{e}");
    let e = SyncroSim::builder()
        .webhook_url("ftp://x.example/")
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("webhook_url"), "{e}");
}
