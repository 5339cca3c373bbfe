//! The `psa-sim` binary starts a simulator, prints working values, and serves them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Starts the binary and returns it with the `KEY=value` lines it printed.
fn start(vendor: &str) -> (std::process::Child, Vec<(String, String)>) {
    start_with(vendor, &[])
}

/// Starts the binary with extra flags.
fn start_with(vendor: &str, flags: &[&str]) -> (std::process::Child, Vec<(String, String)>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_psa-sim"))
        .args([vendor, "--port", "0", "--tickets", "3"])
        .args(flags)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut values = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("Serving") {
            break;
        }
        if let Some((k, v)) = line.trim().split_once('=') {
            values.push((k.to_string(), v.to_string()));
        }
        assert!(Instant::now() < deadline, "the binary did not start");
    }
    (child, values)
}

fn value<'a>(values: &'a [(String, String)], key: &str) -> &'a str {
    &values
        .iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("{key} not printed: {values:?}"))
        .1
}

#[tokio::test]
async fn syncro_binary_prints_credentials_that_work() {
    let (mut child, values) = start("syncro");
    let token = value(&values, "SYNCRO_API_TOKEN").to_string();
    let base = values
        .iter()
        .find(|(k, _)| k == "SYNCRO_BASE_URL")
        .map(|(_, v)| v.clone());
    child.kill().ok();
    let _ = child.wait();
    assert!(!token.is_empty());
    assert!(base.is_some(), "the base URL is printed as SYNCRO_BASE_URL");
}

#[tokio::test]
async fn connectwise_binary_serves_companyinfo() {
    let (mut child, values) = start("connectwise");
    let site = value(&values, "CONNECTWISE_SITE").to_string();
    let company = value(&values, "CONNECTWISE_COMPANY_ID").to_string();
    let body: serde_json::Value = reqwest::get(format!("{site}/login/companyinfo/{company}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    child.kill().ok();
    let _ = child.wait();
    assert!(body["Codebase"].as_str().unwrap().ends_with('/'), "{body}");
}

#[test]
fn unknown_vendor_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_psa-sim"))
        .arg("bogus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: psa-sim"));
}

#[test]
fn help_lists_the_flags_and_exits_zero() {
    let out = Command::new(env!("CARGO_BIN_EXE_psa-sim"))
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--hourly-threshold",
        "--thread-limit",
        "--rate-limit",
        "--latency-ms",
        "--fail-5xx",
        "--fail-429",
        "--fail-drop",
        "--fail-truncate",
        "--fail-after-write",
        "--deny",
        "--deny-permission",
        "--set-level",
        "--deny-access",
        "--tickets",
        "--ticket-page-size",
    ] {
        assert!(text.contains(flag), "{flag} missing from --help:\n{text}");
    }
}

#[test]
fn a_flag_of_another_vendor_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_psa-sim"))
        .args(["syncro", "--thread-limit", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--thread-limit is an option of autotask")
    );
}

#[tokio::test]
async fn flags_reach_the_simulator_and_the_loopback_opt_in_is_printed() {
    let (mut child, values) = start_with(
        "syncro",
        &[
            "--ticket-page-size",
            "2",
            "--deny-permission",
            "Customers - List/Search",
        ],
    );
    let base = value(&values, "SYNCRO_BASE_URL").to_string();
    let token = value(&values, "SYNCRO_API_TOKEN").to_string();
    let loopback = value(&values, "PSA_DEV_LOOPBACK").to_string();
    let http = reqwest::Client::new();
    let tickets: serde_json::Value = http
        .get(format!("{base}tickets"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let customers = http
        .get(format!("{base}customers"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .status();
    child.kill().ok();
    let _ = child.wait();
    assert!(loopback.starts_with("127.0.0.1:"), "{loopback}");
    assert!(base.contains(&loopback), "{base} is served on {loopback}");
    assert_eq!(tickets["tickets"].as_array().unwrap().len(), 2, "{tickets}");
    assert_eq!(customers.as_u16(), 401, "the denied permission is refused");
}
