//! Every way authentication fails: no header, wrong keys, wrong company, missing or wrong
//! clientId; and the Accept version pitfall.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use base64::Engine;
use connectwise_support::{Cw, read};
use psa_sim::ConnectWiseSim;

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

async fn status_with(
    cw: &Cw,
    auth: Option<String>,
    client_id: Option<&str>,
) -> connectwise_support::Got {
    let mut req = cw
        .http
        .get(format!("{}service/tickets/count", cw.sim.api_base()));
    if let Some(a) = auth {
        req = req.header("Authorization", a);
    }
    if let Some(c) = client_id {
        req = req.header("clientId", c);
    }
    read(req.send().await.unwrap()).await
}

#[tokio::test]
async fn valid_credentials_pass() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(7)).await;
    let user = format!("{}+{}", cw.sim.company_id(), cw.sim.public_key());
    let got = status_with(
        &cw,
        Some(basic(&user, cw.sim.private_key())),
        Some(cw.sim.client_id()),
    )
    .await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.body["count"], 7);
    // The company part is case-insensitive; the clientId header name is too.
    let upper = format!(
        "{}+{}",
        cw.sim.company_id().to_uppercase(),
        cw.sim.public_key()
    );
    let resp = cw
        .http
        .get(format!("{}service/tickets/count", cw.sim.api_base()))
        .header("Authorization", basic(&upper, cw.sim.private_key()))
        .header("ClientID", cw.sim.client_id())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn each_auth_failure_is_a_401_with_the_vendor_body() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let company = cw.sim.company_id().to_string();
    let public = cw.sim.public_key().to_string();
    let private = cw.sim.private_key().to_string();
    let client_id = cw.sim.client_id().to_string();
    let cases = [
        ("no Authorization header", None, Some(client_id.as_str())),
        (
            "wrong private key",
            Some(basic(&format!("{company}+{public}"), "wrong")),
            Some(client_id.as_str()),
        ),
        (
            "wrong public key",
            Some(basic(&format!("{company}+nope"), &private)),
            Some(client_id.as_str()),
        ),
        (
            "wrong company",
            Some(basic(&format!("other+{public}"), &private)),
            Some(client_id.as_str()),
        ),
        (
            "no company prefix",
            Some(basic(&public, &private)),
            Some(client_id.as_str()),
        ),
        (
            "bearer scheme",
            Some(format!("Bearer {private}")),
            Some(client_id.as_str()),
        ),
        (
            "missing clientId",
            Some(basic(&format!("{company}+{public}"), &private)),
            None,
        ),
        (
            "wrong clientId",
            Some(basic(&format!("{company}+{public}"), &private)),
            Some("00000000-0000-0000-0000-000000000000"),
        ),
    ];
    for (what, auth, cid) in cases {
        let got = status_with(&cw, auth, cid).await;
        assert_eq!(got.status, 401, "{what}: {}", got.text);
        assert_eq!(got.body["code"], "Unauthorized", "{what}");
        assert!(!got.message().is_empty(), "{what}");
        assert!(
            !got.text.contains(&private),
            "{what}: the body echoes the key"
        );
    }
    let wrong_key = status_with(
        &cw,
        Some(basic(&format!("{company}+{public}"), "x")),
        Some(&client_id),
    )
    .await;
    assert_eq!(
        wrong_key.message(),
        "The supplied authentication is incorrect"
    );
    let no_client = status_with(
        &cw,
        Some(basic(&format!("{company}+{public}"), &private)),
        None,
    )
    .await;
    assert!(no_client.message().contains("clientId"));
}

#[tokio::test]
async fn companyinfo_and_the_key_url_need_no_auth_but_the_api_does() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let info = cw
        .http
        .get(format!("{}/login/companyinfo/training", cw.sim.site()))
        .send()
        .await
        .unwrap();
    assert_eq!(info.status(), 200);
    let api = cw
        .http
        .get(format!("{}system/info", cw.sim.api_base()))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401);
}

#[tokio::test]
async fn a_bad_accept_version_is_refused_like_the_real_service() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let resp = cw
        .api(reqwest::Method::GET, "system/info")
        .header(
            "Accept",
            "application/vnd.connectwise.com+json; version=3.0.0, application/json",
        )
        .send()
        .await
        .unwrap();
    let got = read(resp).await;
    assert_eq!(got.status, 400);
    assert!(
        got.message()
            .contains("does not support the API version '0.0'"),
        "{}",
        got.text
    );
    // No Accept header at all is fine (latest models).
    let plain = cw
        .http
        .get(format!("{}system/info", cw.sim.api_base()))
        .header("Authorization", cw.sim.authorization())
        .header("clientId", cw.sim.client_id())
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 200);
}

#[tokio::test]
async fn the_handle_debug_hides_the_keys() {
    let sim = ConnectWiseSim::builder().start().await.unwrap();
    let shown = format!(
        "{sim:?} {:?}",
        ConnectWiseSim::builder().private_key("s3cr3t-key")
    );
    assert!(!shown.contains(sim.private_key()));
    assert!(!shown.contains("s3cr3t-key"));
    assert!(!shown.contains(sim.client_id()));
}
