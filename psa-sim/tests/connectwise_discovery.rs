//! Codebase discovery: companyinfo, the versioned API path, cloud upgrades, stopping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::{Cw, read};
use psa_sim::ConnectWiseSim;
use serde_json::Value;

#[tokio::test]
async fn companyinfo_needs_no_auth_and_names_the_codebase() {
    let cw = Cw::start(ConnectWiseSim::builder().company_id("Contoso")).await;
    // Company ids are case-insensitive at login.
    let url = format!("{}/login/companyinfo/contoso", cw.sim.site());
    let got = read(cw.http.get(&url).send().await.unwrap()).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["Codebase"], "v2025_1/");
    assert_eq!(got.body["VersionCode"], "v2025.1");
    assert_eq!(got.body["CompanyID"], "Contoso");
    assert_eq!(got.body["IsCloud"], "True");
    let site_url = got.body["SiteUrl"].as_str().unwrap();
    assert!(
        cw.sim.site().ends_with(site_url),
        "SiteUrl {site_url} is the sim's host"
    );
    assert_eq!(
        cw.sim.api_base(),
        format!("{}/v2025_1/apis/3.0/", cw.sim.site())
    );
}

#[tokio::test]
async fn companyinfo_answers_null_for_an_unknown_company() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let got = read(
        cw.http
            .get(format!("{}/login/companyinfo/nobody", cw.sim.site()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.text, "null");
}

#[tokio::test]
async fn is_cloud_can_be_a_bool() {
    let cw = Cw::start(ConnectWiseSim::builder().is_cloud_as_string(false)).await;
    let got = read(
        cw.http
            .get(format!("{}/login/companyinfo/training", cw.sim.site()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(got.body["IsCloud"], Value::Bool(true));
}

#[tokio::test]
async fn system_info_reports_the_version() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let got = cw.get("system/info").await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert!(
        got.body["version"]
            .as_str()
            .unwrap()
            .starts_with("v2025.1.")
    );
    assert_eq!(got.body["isCloud"], true);
    assert!(
        got.body["licenseBits"]
            .as_array()
            .is_some_and(|b| !b.is_empty())
    );
}

#[tokio::test]
async fn an_upgrade_retires_the_old_codebase() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let old_base = cw.sim.api_base();
    cw.sim.set_codebase("v2025_2");
    assert_eq!(cw.sim.codebase(), "v2025_2/");

    let stale = cw
        .http
        .get(format!("{old_base}system/info"))
        .header("Authorization", cw.sim.authorization())
        .header("clientId", cw.sim.client_id())
        .send()
        .await
        .unwrap();
    let stale = read(stale).await;
    assert_eq!(stale.status, 404);
    assert_eq!(stale.body["code"], "ConnectWiseApi");

    let info = read(
        cw.http
            .get(format!("{}/login/companyinfo/training", cw.sim.site()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(info.body["Codebase"], "v2025_2/");
    assert_eq!(cw.get("system/info").await.status, 200);

    // `v4_6_release/` keeps routing to the current version on cloud.
    let legacy = cw
        .http
        .get(format!(
            "{}/v4_6_release/apis/3.0/system/info",
            cw.sim.site()
        ))
        .header("Authorization", cw.sim.authorization())
        .header("clientId", cw.sim.client_id())
        .send()
        .await
        .unwrap();
    assert_eq!(legacy.status(), 200);
}

#[tokio::test]
async fn unknown_routes_get_the_vendor_body() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let got = cw.get("service/nothing-here").await;
    assert_eq!(got.status, 404);
    assert_eq!(got.body["code"], "ConnectWiseApi");
    assert_eq!(got.message(), "The endpoint does not exist.");
    let got = cw.get("service/tickets/abc").await;
    assert_eq!(got.status, 404);
}

#[tokio::test]
async fn stopping_frees_the_port() {
    let sim = ConnectWiseSim::builder().tickets(1).start().await.unwrap();
    let site = sim.site();
    let addr = site.trim_start_matches("http://").to_string();
    sim.stop().await;
    // The port can be bound again at once.
    let listener = tokio::net::TcpListener::bind(&addr).await;
    assert!(listener.is_ok(), "port {addr} still taken: {listener:?}");
    drop(listener);
    let again = ConnectWiseSim::builder()
        .port(addr.rsplit(':').next().unwrap().parse().unwrap())
        .start()
        .await;
    assert!(again.is_ok());
}

#[tokio::test]
async fn same_seed_same_tenant() {
    let a = ConnectWiseSim::builder()
        .seed(11)
        .tickets(20)
        .start()
        .await
        .unwrap();
    let b = ConnectWiseSim::builder()
        .seed(11)
        .tickets(20)
        .start()
        .await
        .unwrap();
    assert_eq!(a.public_key(), b.public_key());
    assert_eq!(a.client_id(), b.client_id());
    let strip = |v: Option<Value>| {
        let mut v = v.unwrap();
        v["_info"] = Value::Null;
        v["company"]["_info"] = Value::Null;
        v.to_string().replace(&a.site(), "").replace(&b.site(), "")
    };
    assert_eq!(strip(a.ticket(1005)), strip(b.ticket(1005)));
    assert_eq!(a.contact_emails(250), b.contact_emails(250));
}
