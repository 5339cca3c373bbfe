//! Four worker processes share one vendor quota through Redis (psa-core feature `redis`).
//!
//! The test starts an Autotask and a Syncro simulator with their limits on, scaled to a 3 s
//! window, then re-runs this test binary four times as workers (`quota_worker`, selected by the
//! `PSA_QUOTA_WORKER` variable) that page and create tickets as fast as the shared limiters let
//! them. It checks what the simulators saw: no request over the quota (no 429 at all, thread
//! refusals included), at most 3 concurrent requests per Autotask endpoint, and at least 90% of
//! the allowed rate. A fifth worker is killed while three slow requests hold every lease of an
//! endpoint; its leases must be free again after the lease time.
//!
//! Needs a redis-server: `PSA_TEST_REDIS_URL=redis://127.0.0.1:6379/ cargo test -p psa-examples
//! --test shared_quota` (skipped with a message when unset; `.ci/run` starts one).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use psa_autotask::AutotaskClient;
use psa_core::transport::{ConcurrencyLimit, RedisLimits};
use psa_core::{ClientOptions, CompanyId, Connector, NewTicket, RetryConfig, TicketQuery};
use psa_syncro::SyncroClient;

/// The simulators' scaled-down quota window.
const WINDOW: Duration = Duration::from_secs(3);
/// The limiters' window: the simulator's plus a margin for network delay.
const PACED_WINDOW: Duration = Duration::from_millis(3_030);
/// Autotask: requests per window (its 10,000 an hour, scaled).
const AUTOTASK_LIMIT: u32 = 45;
/// Syncro: requests per window (its 180 a minute, scaled).
const SYNCRO_LIMIT: u32 = 36;
/// How long the workers run.
const RUN: Duration = Duration::from_secs(15);
/// Lease time of the concurrency leases in this test.
const LEASE: Duration = Duration::from_millis(1_500);
const WORKERS: usize = 4;

fn redis_url() -> Option<String> {
    let url = std::env::var("PSA_TEST_REDIS_URL").ok();
    if url.is_none() {
        println!(
            "skipped: set PSA_TEST_REDIS_URL=redis://127.0.0.1:PORT/ (a running redis-server) to run the multi-process quota test"
        );
    }
    url
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("worker needs {name}"))
}

fn options() -> ClientOptions {
    ClientOptions::default()
        .allow_insecure_loopback(true)
        .retry(
            RetryConfig::default()
                .initial_backoff(Duration::from_millis(5))
                .max_backoff(Duration::from_millis(50)),
        )
}

fn spawn_worker(role: &str, envs: &[(&str, String)]) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args([
        "quota_worker",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("PSA_QUOTA_WORKER", role)
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_workers_share_one_quota_through_redis() {
    let Some(url) = redis_url() else { return };
    let tag = format!("{}-{:x}", std::process::id(), now_ms());
    let autotask = psa_sim::AutotaskSim::builder()
        .seed(7)
        .companies(3)
        .tickets(25)
        .hourly_threshold(AUTOTASK_LIMIT)
        .threshold_window(WINDOW)
        .start()
        .await
        .unwrap();
    let syncro = psa_sim::SyncroSim::builder()
        .seed(7)
        .companies(3)
        .tickets(25)
        .rate_limit(SYNCRO_LIMIT, WINDOW)
        .start()
        .await
        .unwrap();

    let start_at = now_ms() + 4_000;
    let envs = vec![
        ("PSA_TEST_REDIS_URL", url.clone()),
        ("QW_TAG", tag.clone()),
        ("QW_START_MS", start_at.to_string()),
        ("QW_AT_ZONE", autotask.zone_url()),
        ("QW_AT_USER", autotask.username().to_string()),
        ("QW_AT_SECRET", autotask.secret().to_string()),
        ("QW_AT_CODE", autotask.integration_code().to_string()),
        ("QW_AT_COMPANY", autotask.company_ids()[0].to_string()),
        ("QW_SY_BASE", syncro.base_url()),
        ("QW_SY_TOKEN", syncro.api_token().to_string()),
        ("QW_SY_COMPANY", syncro.customer_ids()[0].to_string()),
    ];
    let children: Vec<Child> = (0..WORKERS).map(|_| spawn_worker("work", &envs)).collect();

    // The simulators' counts from the moment the workers start to the moment they stop.
    tokio::time::sleep(Duration::from_millis(start_at.saturating_sub(now_ms()))).await;
    let (at0, sy0) = (autotask.log().len(), syncro.log().len());
    tokio::time::sleep(RUN).await;
    let (at1, sy1) = (autotask.log().len(), syncro.log().len());

    let mut errors = 0;
    for child in children {
        let out = tokio::task::spawn_blocking(move || child.wait_with_output())
            .await
            .unwrap()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "a worker failed: {text}");
        let line = text
            .lines()
            .find_map(|l| l.split_once("QUOTA_RESULT ").map(|(_, r)| r))
            .unwrap_or_else(|| panic!("no result from a worker: {text}"));
        let errs: u64 = line
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix("errors="))
            .and_then(|v| v.parse().ok())
            .unwrap();
        println!("worker: {line}");
        errors += errs;
    }

    let windows = RUN.as_secs_f64() / WINDOW.as_secs_f64();
    let at_rate = (at1 - at0) as f64 / (f64::from(AUTOTASK_LIMIT) * windows);
    let sy_rate = (sy1 - sy0) as f64 / (f64::from(SYNCRO_LIMIT) * windows);
    let at_429 = autotask.log().count_status(429);
    let sy_429 = syncro.log().count_status(429);
    let at_max = autotask.log().max_concurrency("Tickets");
    println!(
        "quota efficiency: autotask {at_rate:.3} of {AUTOTASK_LIMIT}/{WINDOW:?} ({} requests, {at_429} x 429, max {at_max} concurrent on Tickets), syncro {sy_rate:.3} of {SYNCRO_LIMIT}/{WINDOW:?} ({} requests, {sy_429} x 429), errors surfaced {errors}",
        at1 - at0,
        sy1 - sy0,
    );
    assert_eq!(
        at_429, 0,
        "Autotask saw requests over its quota or thread limit"
    );
    assert_eq!(sy_429, 0, "Syncro saw requests over its quota");
    assert_eq!(errors, 0, "errors surfaced to the workers");
    for entry in autotask.log().entries() {
        assert!(
            entry.concurrency <= 3,
            "{} concurrent on {}",
            entry.concurrency,
            entry.endpoint
        );
    }
    assert!(at_max >= 1, "no Autotask ticket requests were seen");
    assert!(
        at_rate >= 0.90,
        "Autotask: only {at_rate:.3} of the allowed rate"
    );
    assert!(
        sy_rate >= 0.90,
        "Syncro: only {sy_rate:.3} of the allowed rate"
    );

    // A worker killed while its requests hold every lease of an endpoint.
    let slow = psa_sim::AutotaskSim::builder()
        .seed(8)
        .companies(1)
        .tickets(5)
        .latency(Duration::from_secs(30))
        .start()
        .await
        .unwrap();
    let hog_envs = vec![
        ("PSA_TEST_REDIS_URL", url.clone()),
        ("QW_TAG", format!("{tag}-hog")),
        ("QW_AT_ZONE", slow.zone_url()),
        ("QW_AT_USER", slow.username().to_string()),
        ("QW_AT_SECRET", slow.secret().to_string()),
        ("QW_AT_CODE", slow.integration_code().to_string()),
        ("QW_AT_TICKET", slow.ticket_ids()[0].to_string()),
    ];
    let mut hog = spawn_worker("hog", &hog_envs);
    let limits = RedisLimits::connect(url, &format!("autotask:{tag}-hog"))
        .await
        .unwrap();
    let limiter = limits.concurrency_limiter(3).lease(LEASE);
    // Wait until the hog's three requests are in flight at the simulator.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while slow.log().in_flight("Tickets") < 3 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the hog never held 3 requests"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let blocked =
        tokio::time::timeout(Duration::from_millis(300), limiter.acquire("Tickets")).await;
    assert!(
        blocked.is_err(),
        "a fourth lease was granted while 3 requests were in flight"
    );
    hog.kill().unwrap();
    let _ = hog.wait();
    let killed = tokio::time::Instant::now();
    let permit = tokio::time::timeout(LEASE * 3, limiter.acquire("Tickets")).await;
    let waited = killed.elapsed();
    assert!(
        matches!(permit, Ok(Ok(_))),
        "the killed worker's leases were not freed within {:?}",
        LEASE * 3
    );
    println!("a killed worker's lease was free again {waited:?} after the kill (lease {LEASE:?})");
    assert!(
        waited <= LEASE + Duration::from_millis(500),
        "freed only after {waited:?}"
    );
}

/// The worker process (run by the test above, never on its own).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a worker process of four_workers_share_one_quota_through_redis"]
async fn quota_worker() {
    let Ok(role) = std::env::var("PSA_QUOTA_WORKER") else {
        println!("quota_worker runs only as a child of four_workers_share_one_quota_through_redis");
        return;
    };
    let url = var("PSA_TEST_REDIS_URL");
    let tag = var("QW_TAG");
    let at_limits = RedisLimits::connect(url.clone(), &format!("autotask:{tag}"))
        .await
        .unwrap();
    let autotask = AutotaskClient::builder()
        .username(var("QW_AT_USER"))
        .secret(var("QW_AT_SECRET"))
        .integration_code(var("QW_AT_CODE"))
        .base_url(var("QW_AT_ZONE"))
        .options(options())
        .concurrency_limiter(at_limits.concurrency_limiter(3).lease(LEASE))
        .rate_limiter(
            at_limits
                .rate_limiter(AUTOTASK_LIMIT, PACED_WINDOW)
                .smooth(true),
        )
        .build()
        .await
        .unwrap();
    if role == "hog" {
        // Three slow requests hold all three leases until this process is killed.
        let id = psa_core::TicketId::from(var("QW_AT_TICKET").parse::<i64>().unwrap());
        let calls = (0..3).map(|_| autotask.ticket(id));
        let _ = futures::future::join_all(calls).await;
        return;
    }
    let sy_limits = RedisLimits::connect(url, &format!("syncro:{tag}"))
        .await
        .unwrap();
    let syncro = SyncroClient::builder()
        .base_url(var("QW_SY_BASE"))
        .api_token(var("QW_SY_TOKEN"))
        .options(options())
        .rate_limiter(
            sy_limits
                .rate_limiter(SYNCRO_LIMIT, PACED_WINDOW)
                .smooth(true),
        )
        .build()
        .await
        .unwrap();
    let at: Arc<dyn Connector> = Arc::new(autotask);
    let sy: Arc<dyn Connector> = Arc::new(syncro);
    let at_company = CompanyId::from(var("QW_AT_COMPANY").parse::<i64>().unwrap());
    let sy_company = CompanyId::from(var("QW_SY_COMPANY").parse::<i64>().unwrap());

    let start: u64 = var("QW_START_MS").parse().unwrap();
    tokio::time::sleep(Duration::from_millis(start.saturating_sub(now_ms()))).await;
    let stop = start + RUN.as_millis() as u64;
    let (ok, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut tasks = Vec::new();
    for (psa, company) in [(at, at_company), (sy, sy_company)] {
        for lane in 0..3 {
            let (psa, ok, errors) = (psa.clone(), ok.clone(), errors.clone());
            tasks.push(tokio::spawn(async move {
                let mut page = None;
                let mut n = 0u64;
                while now_ms() < stop {
                    n += 1;
                    let result = if n.is_multiple_of(5) {
                        let title = format!("quota test {} {lane} {n}", std::process::id());
                        psa.create_ticket(&NewTicket::new(title).company(company))
                            .await
                            .map(|_| ())
                    } else {
                        psa.list_tickets(&TicketQuery::new(), page.take())
                            .await
                            .map(|p| page = p.next)
                    };
                    match result {
                        Ok(()) => ok.fetch_add(1, Ordering::Relaxed),
                        Err(e) => {
                            eprintln!("worker error: {e}");
                            errors.fetch_add(1, Ordering::Relaxed)
                        }
                    };
                }
            }));
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    println!(
        "QUOTA_RESULT ok={} errors={}",
        ok.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed)
    );
}
