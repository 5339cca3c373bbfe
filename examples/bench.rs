//! Streams tickets from in-process simulators through the SDK and through a raw `reqwest` +
//! `serde_json::Value` loop issuing the same requests, and prints the ratios.
//!
//! ```text
//! cargo run --release --example bench -- --tickets 100000 --runs 3
//! cargo run --example bench -- --tickets 2000 --runs 1      # the short mode .ci/run uses
//! ```
//!
//! The simulators run on their own runtime threads; the client (SDK or raw) runs on this thread
//! alone (a current-thread runtime), so its CPU time is this thread's time on the CPU
//! (`/proc/thread-self/schedstat`, nanoseconds), free of the server's work. Peak RSS growth is
//! sampled every 2 ms while streaming (the largest growth of the runs). Medians of `--runs` runs,
//! alternating which side goes first. Nothing is asserted: the
//! numbers depend on the machine (see docs/performance.md for the table and its targets).
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
use psa_core::transport::RateLimiter;
use psa_core::{ClientOptions, Connector, ConnectorExt, TicketQuery};
use serde_json::Value;

#[derive(Clone, Copy, Debug)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    rss_growth_kb: u64,
    tickets: usize,
    requests: usize,
    /// The simulator's time serving this side's requests (from its log), summed.
    server: Duration,
    /// The client thread's time waiting for a CPU while runnable.
    runqueue: Duration,
    /// How many times the client thread was put on a CPU.
    slices: u64,
}

/// This thread's CPU time (nanosecond resolution where the kernel has schedstat).
/// Field `n` of this thread's schedstat (1: ns waiting for a CPU while runnable; 2: times
/// scheduled onto a CPU).
fn schedstat(n: usize) -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(n).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// Time this thread spent runnable but waiting for a CPU.
fn thread_runqueue_wait() -> Duration {
    Duration::from_nanos(schedstat(1))
}

fn thread_cpu() -> Duration {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat")
        && let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
    {
        return Duration::from_nanos(ns);
    }
    // utime + stime in clock ticks (100 Hz on Linux).
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs `f` on the client runtime, measuring wall, this thread's CPU and peak RSS growth.
fn measure<F: std::future::Future<Output = usize>>(
    rt: &tokio::runtime::Runtime,
    log: &psa_sim::RequestLog,
    f: F,
) -> Sample {
    let base = rss_kb();
    let peak = Arc::new(AtomicU64::new(base));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        let sample = !std::env::args().any(|a| a == "--no-rss");
        std::thread::spawn(move || {
            while sample && !done.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kb(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let requests = log.len();
    let (cpu0, wait0, slices0) = (thread_cpu(), thread_runqueue_wait(), schedstat(2));
    let t0 = Instant::now();
    let tickets = rt.block_on(f);
    let (wall, cpu) = (t0.elapsed(), thread_cpu().saturating_sub(cpu0));
    let runqueue = thread_runqueue_wait().saturating_sub(wait0);
    let slices = schedstat(2).saturating_sub(slices0);
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let entries = log.entries();
    let served = entries.get(requests..).unwrap_or_default();
    Sample {
        wall,
        cpu,
        rss_growth_kb: peak.load(Ordering::Relaxed).saturating_sub(base),
        tickets,
        requests: served.len(),
        server: served.iter().map(|e| e.elapsed).sum(),
        runqueue,
        slices,
    }
}

async fn sdk_stream(psa: &dyn Connector) -> usize {
    let query = TicketQuery::new();
    let mut stream = psa.stream_tickets(&query);
    let mut n = 0;
    while let Some(t) = stream.next().await {
        let t = t.expect("the SDK stream failed");
        std::hint::black_box(&t);
        n += 1;
    }
    n
}

fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Autotask: POST `Tickets/query` with the SDK's body (all tickets; Autotask's default and
/// largest page, 500), then POST the same body to `nextPageUrl`.
async fn raw_autotask(http: &reqwest::Client, sim: &psa_sim::AutotaskSimHandle) -> usize {
    let body = serde_json::json!({"filter": [{"op": "gte", "field": "id", "value": 0}]});
    let mut url = format!("{}V1.0/Tickets/query", sim.zone_url());
    let mut n = 0;
    loop {
        let page: Value = http
            .post(&url)
            .header("UserName", sim.username())
            .header("Secret", sim.secret())
            .header("ApiIntegrationCode", sim.integration_code())
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        n += page["items"].as_array().map_or(0, |a| a.len());
        match page["pageDetails"]["nextPageUrl"].as_str() {
            Some(next) => url = next.to_string(),
            None => return n,
        }
    }
}

/// ConnectWise: GET `service/tickets` (1000 a page), following the `Link: rel="next"` header.
async fn raw_connectwise(http: &reqwest::Client, sim: &psa_sim::ConnectWiseSimHandle) -> usize {
    let mut url = format!("{}service/tickets?pageSize=1000", sim.api_base());
    let mut n = 0;
    loop {
        let resp = http
            .get(&url)
            .header("Authorization", sim.authorization())
            .header("clientId", sim.client_id())
            .header("pagination-type", "forward-only")
            .send()
            .await
            .unwrap();
        let next = resp
            .headers()
            .get("link")
            .and_then(|v| v.to_str().ok())
            .and_then(|l| {
                l.split(',')
                    .find(|p| p.contains("rel=\"next\""))
                    .and_then(|p| p.split_once('<'))
                    .and_then(|(_, r)| r.split_once('>'))
                    .map(|(u, _)| u.to_string())
            });
        let page: Value = resp.json().await.unwrap();
        n += page.as_array().map_or(0, |a| a.len());
        match next {
            Some(next) => url = next,
            None => return n,
        }
    }
}

/// Syncro: GET `tickets?page=N` (25 a page) until `meta.total_pages`.
async fn raw_syncro(http: &reqwest::Client, sim: &psa_sim::SyncroSimHandle) -> usize {
    let mut n = 0;
    let mut page_no = 1u64;
    loop {
        let page: Value = http
            .get(format!("{}tickets?page={page_no}", sim.base_url()))
            .bearer_auth(sim.api_token())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        n += page["tickets"].as_array().map_or(0, |a| a.len());
        let total = page["meta"]["total_pages"].as_u64().unwrap_or(0);
        if page_no >= total {
            return n;
        }
        page_no += 1;
    }
}

/// Measures `runs` runs of each side, alternating which side goes first (SDK first in the first
/// run; raw first with `--raw-first`). On a loaded machine the side measured right after the
/// simulator's setup waits longer for a CPU, and RSS is the process's: the allocator keeps what
/// the first side freed, so the side measured second grows less. Alternating evens out the
/// medians; the RSS growth of the first run's first side is the one that counts.
fn sides<S, R>(
    rt: &tokio::runtime::Runtime,
    log: &psa_sim::RequestLog,
    runs: usize,
    sdk: impl Fn() -> S,
    raw: impl Fn() -> R,
) -> (Vec<Sample>, Vec<Sample>)
where
    S: std::future::Future<Output = usize>,
    R: std::future::Future<Output = usize>,
{
    let raw_first = std::env::args().any(|a| a == "--raw-first");
    let (mut sdk_samples, mut raw_samples) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let sdk_first = (run % 2 == 0) != raw_first;
        if !sdk_first {
            let from = log.len();
            raw_samples.push(measure(rt, log, raw()));
            show(log, from, "raw");
        }
        let from = log.len();
        sdk_samples.push(measure(rt, log, sdk()));
        show(log, from, "SDK");
        if sdk_first {
            let from = log.len();
            raw_samples.push(measure(rt, log, raw()));
            show(log, from, "raw");
        }
    }
    (sdk_samples, raw_samples)
}

/// The largest RSS growth of the runs: only a side measured on a cold heap grows at all.
fn max_rss_kb(v: &[Sample]) -> u64 {
    v.iter().map(|s| s.rss_growth_kb).max().unwrap_or(0)
}

fn median(v: &[Sample], key: impl Fn(&Sample) -> f64) -> f64 {
    let mut xs: Vec<f64> = v.iter().map(key).collect();
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// With `--show-requests`: the first requests each side sent, to check they match.
fn show(log: &psa_sim::RequestLog, from: usize, side: &str) {
    if std::env::args().any(|a| a == "--show-requests") {
        for e in log.entries().iter().skip(from).take(3) {
            println!("  {side}: {} {} -> {}", e.method, e.path, e.status);
        }
    }
}

/// One row of the main table; returns the row of the per-request table.
fn report(vendor: &str, page: u32, sdk: Vec<Sample>, raw: Vec<Sample>) -> String {
    let wall = |s: &Sample| s.wall.as_secs_f64();
    let cpu = |s: &Sample| s.cpu.as_secs_f64();
    let (sw, rw) = (median(&sdk, wall), median(&raw, wall));
    let (sc, rc) = (median(&sdk, cpu), median(&raw, cpu));
    let tickets = sdk[0].tickets as f64;
    println!(
        "| {vendor} ({page}/page) | {rw:.2} s | {sw:.2} s | {:.2} | {rc:.2} s | {sc:.2} s | {:.2} | {:.0} | {:.0} | {} / {} | {:.1} MiB / {:.1} MiB |",
        sw / rw,
        sc / rc,
        tickets / sw,
        tickets / rw,
        sdk[0].requests,
        raw[0].requests,
        max_rss_kb(&sdk) as f64 / 1024.0,
        max_rss_kb(&raw) as f64 / 1024.0,
    );
    // Per request, in ms: wall, the client thread's CPU, the simulator's serving time, and the
    // rest (waiting on sockets and the scheduler: wall - client CPU - server).
    let per = |v: &[Sample]| {
        let n = v[0].requests.max(1) as f64;
        let w = median(v, wall) * 1e3 / n;
        let c = median(v, cpu) * 1e3 / n;
        let s = median(v, |s| s.server.as_secs_f64()) * 1e3 / n;
        let q = median(v, |s| s.runqueue.as_secs_f64()) * 1e3 / n;
        let k = median(v, |s| s.slices as f64) / n;
        (w, c, s, (w - c - s).max(0.0), q, k)
    };
    let ((sw, sc, ss, so, sq, sk), (rw, rc, rs, ro, rq, rk)) = (per(&sdk), per(&raw));
    format!(
        "| {vendor} | {sw:.2} / {rw:.2} | {sc:.2} / {rc:.2} | {ss:.2} / {rs:.2} | {so:.2} / {ro:.2} | {sq:.2} / {rq:.2} | {sk:.1} / {rk:.1} |"
    )
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const USAGE: &str = "\
Streams N tickets per vendor from an in-process simulator through the SDK and through a raw
reqwest + serde_json::Value loop issuing the same requests, and prints SDK/raw ratios.

usage: cargo run --release --example bench -- [--tickets N] [--runs R] [--show-requests] [--raw-first] [--no-rss]

  --tickets N        tickets per vendor (default 100000)
  --runs R           runs per side; medians are printed (default 3)
  --show-requests    print the first requests of each side, to check they match
  --no-rss           do not sample RSS (the sampler thread wakes every 2 ms)
  --raw-first        measure the raw side first in the first run (runs alternate which side
                     goes first; RSS growth is the process's: the side measured second
                     reuses what the first one freed)
  -h, --help         this text
";

fn main() {
    if std::env::args().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return;
    }
    let n = arg("--tickets", 100_000);
    let runs = arg("--runs", 3).max(1);
    let sims = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let options = ClientOptions::default().allow_insecure_loopback(true);
    let http = raw_client();
    println!(
        "{n} tickets per vendor, medians of {runs} runs; client CPU = the client thread's time on the CPU"
    );
    println!(
        "| vendor | raw wall | SDK wall | SDK/raw wall | raw CPU | SDK CPU | SDK/raw CPU | SDK tickets/s | raw tickets/s | requests SDK / raw | peak RSS growth SDK / raw |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");

    // Autotask
    let sim = sims
        .block_on(
            psa_sim::AutotaskSim::builder()
                .seed(1)
                .companies(20)
                .tickets(n)
                .hourly_threshold(0)
                .thread_limit(0)
                .start(),
        )
        .unwrap();
    let client = rt
        .block_on(
            psa_autotask::AutotaskClient::builder()
                .username(sim.username())
                .secret(sim.secret())
                .integration_code(sim.integration_code())
                .base_url(sim.zone_url())
                .options(options.clone())
                .build(),
        )
        .unwrap();
    let _warm = rt.block_on(client.list_tickets(&TicketQuery::new(), None));
    let (sdk, raw) = sides(
        &rt,
        sim.log(),
        runs,
        || sdk_stream(&client),
        || raw_autotask(&http, &sim),
    );
    let mut per_request = vec![report("Autotask", 500, sdk, raw)];
    sims.block_on(sim.stop());

    // ConnectWise
    let sim = sims
        .block_on(
            psa_sim::ConnectWiseSim::builder()
                .seed(1)
                .companies(20)
                .tickets(n)
                .start(),
        )
        .unwrap();
    let client = rt
        .block_on(
            psa_connectwise::ConnectWiseClient::builder()
                .site(sim.site())
                .company_id(sim.company_id())
                .public_key(sim.public_key())
                .private_key(sim.private_key())
                .client_id(sim.client_id())
                .page_size(1000)
                .options(options.clone())
                .build(),
        )
        .unwrap();
    let _warm = rt.block_on(client.list_tickets(&TicketQuery::new(), None));
    let (sdk, raw) = sides(
        &rt,
        sim.log(),
        runs,
        || sdk_stream(&client),
        || raw_connectwise(&http, &sim),
    );
    per_request.push(report("ConnectWise", 1000, sdk, raw));
    sims.block_on(sim.stop());

    // Syncro
    let sim = sims
        .block_on(
            psa_sim::SyncroSim::builder()
                .seed(1)
                .companies(20)
                .tickets(n)
                .rate_limit(0, Duration::from_secs(60))
                .start(),
        )
        .unwrap();
    let client = rt
        .block_on(
            psa_syncro::SyncroClient::builder()
                .base_url(sim.base_url())
                .api_token(sim.api_token())
                .options(options.clone())
                .rate_limiter(RateLimiter::new(u32::MAX, Duration::from_secs(60)))
                .build(),
        )
        .unwrap();
    let _warm = rt.block_on(client.list_tickets(&TicketQuery::new(), None));
    let (sdk, raw) = sides(
        &rt,
        sim.log(),
        runs,
        || sdk_stream(&client),
        || raw_syncro(&http, &sim),
    );
    per_request.push(report("Syncro", 25, sdk, raw));
    sims.block_on(sim.stop());

    println!();
    println!(
        "per request, ms (medians of the runs / requests); other = wall - client CPU - server"
    );
    println!(
        "| vendor | wall SDK / raw | client CPU SDK / raw | server SDK / raw | other SDK / raw | of which the client waited for a CPU SDK / raw | times on a CPU SDK / raw |"
    );
    println!("|---|---|---|---|---|---|---|");
    for row in per_request {
        println!("{row}");
    }
}
