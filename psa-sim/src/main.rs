//! `psa-sim`: serve one vendor's simulated API on 127.0.0.1 until Ctrl-C.
//!
//! ```text
//! cargo run -p psa-sim -- --help
//! cargo run -p psa-sim -- autotask --port 8090 --thread-limit 3 --hourly-threshold 500
//! cargo run -p psa-sim -- connectwise --port 8091 --tickets 500 --rate-limit 60
//! cargo run -p psa-sim -- syncro --port 8092 --seed 7 --fail-5xx 0.1 --ticket-page-size 10
//! ```
//!
//! Every flag stands for a knob of the library builders; `--help` lists them (see `cli.rs`).

mod cli;

use std::process::ExitCode;
use std::time::Duration;

use psa_core::Capability;
use psa_sim::{AutotaskSim, ConnectWiseSim, Faults, SyncroSim};

use cli::{Args, Command, USAGE};

/// Applies the flags every simulator takes to a builder of any vendor.
macro_rules! shared_knobs {
    ($builder:expr, $args:expr) => {{
        let a: &Args = $args;
        let mut b = $builder;
        if let Some(v) = a.get("--port")? {
            b = b.port(v);
        }
        if let Some(v) = a.get("--seed")? {
            b = b.seed(v);
        }
        if let Some(v) = a.get("--companies")? {
            b = b.companies(v);
        }
        if let Some(v) = a.get("--contacts-per-company")? {
            b = b.contacts_per_company(v);
        }
        if let Some(v) = a.get("--tickets")? {
            b = b.tickets(v);
        }
        if let Some(v) = a.get("--notes-per-ticket")? {
            b = b.notes_per_ticket(v);
        }
        if let Some(ms) = a.get("--latency-ms")? {
            b = b.latency(Duration::from_millis(ms));
        }
        if let Some(f) = faults(a)? {
            b = b.faults(f);
        }
        for name in a.all("--deny") {
            let cap: Capability = name
                .parse()
                .map_err(|e: psa_core::Error| format!("--deny: {e}\n{USAGE}"))?;
            b = b.deny(cap);
        }
        b
    }};
}

/// A `Faults` setter taking a rate.
type SetRate = fn(Faults, f64) -> Faults;

/// The fault flags, if any was given.
fn faults(a: &Args) -> Result<Option<Faults>, String> {
    let mut f = Faults::none();
    let mut any = false;
    let rates: [(&str, SetRate); 5] = [
        ("--fail-5xx", Faults::server_errors),
        ("--fail-429", Faults::rate_limits),
        ("--fail-drop", Faults::dropped_connections),
        ("--fail-truncate", Faults::truncated_bodies),
        ("--fail-after-write", Faults::after_write_share),
    ];
    for (name, set) in rates {
        if let Some(r) = a.rate(name)? {
            f = set(f, r);
            any = true;
        }
    }
    if let Some(seed) = a.get("--fault-seed")? {
        f = f.seed(seed);
        any = true;
    }
    Ok(any.then_some(f))
}

/// `--rate-limit N` with `--rate-window-secs S` (default 60).
fn rate(a: &Args) -> Result<Option<(u32, Duration)>, String> {
    let window = Duration::from_secs(a.get("--rate-window-secs")?.unwrap_or(60));
    Ok(a.get::<u32>("--rate-limit")?.map(|n| (n, window)))
}

async fn autotask(a: &Args) -> Result<(), String> {
    let mut b = shared_knobs!(AutotaskSim::builder(), a);
    if let Some(n) = a.get("--hourly-threshold")? {
        b = b.hourly_threshold(n);
    }
    if let Some(s) = a.get("--threshold-window-secs")? {
        b = b.threshold_window(Duration::from_secs(s));
    }
    if let Some(n) = a.get("--thread-limit")? {
        b = b.thread_limit(n);
    }
    if let Some(code) = a.get::<u16>("--thread-limit-status")? {
        let status = http::StatusCode::from_u16(code)
            .map_err(|_| format!("--thread-limit-status takes an HTTP status, got {code}"))?;
        b = b.thread_limit_status(status);
    }
    for row in a.all("--deny-access") {
        let p = cli::parts("--deny-access", row, 2)?;
        b = b.deny_access(p[0], p[1]);
    }
    for row in a.all("--restrict-access") {
        let p = cli::parts("--restrict-access", row, 2)?;
        b = b.restrict_access(p[0], p[1]);
    }
    if let Some(n) = a.get("--webhooks-allowed")? {
        b = b.webhooks_allowed(n);
    }
    if let Some(n) = a.get("--max-attachment-bytes")? {
        b = b.max_attachment_bytes(n);
    }
    if let Some(v) = a.get::<String>("--username")? {
        b = b.username(&v);
    }
    if let Some(v) = a.get::<String>("--secret")? {
        b = b.secret(&v);
    }
    if let Some(v) = a.get::<String>("--integration-code")? {
        b = b.integration_code(&v);
    }
    let sim = b
        .threshold_delays(a.on("--threshold-delays"))
        .impersonation(!a.on("--no-impersonation"))
        .rate_limit_retry_after(a.on("--retry-after"))
        .start()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("Autotask simulator");
    eprintln!(
        "  zone discovery   {}V1.0/zoneInformation?user={}",
        sim.discovery_url(),
        sim.username()
    );
    eprintln!("  API              {}V1.0/", sim.zone_url());
    eprintln!("  AUTOTASK_USERNAME={}", sim.username());
    eprintln!("  AUTOTASK_SECRET={}", sim.secret());
    eprintln!("  AUTOTASK_INTEGRATION_CODE={}", sim.integration_code());
    eprintln!("  AUTOTASK_ZONE_URL={}", sim.zone_url());
    serve(sim.addr(), sim.stop()).await;
    Ok(())
}

async fn connectwise(a: &Args) -> Result<(), String> {
    let mut b = shared_knobs!(ConnectWiseSim::builder(), a);
    if let Some((n, window)) = rate(a)? {
        b = b.rate_limit(n, window);
    }
    for level in a.all("--set-level") {
        let p = cli::parts("--set-level", level, 4)?;
        b = b.set_level(p[0], p[1], p[2], p[3]);
    }
    if let Some(v) = a.get::<String>("--company-id")? {
        b = b.company_id(&v);
    }
    if let Some(v) = a.get::<String>("--public-key")? {
        b = b.public_key(&v);
    }
    if let Some(v) = a.get::<String>("--private-key")? {
        b = b.private_key(&v);
    }
    if let Some(v) = a.get::<String>("--client-id")? {
        b = b.client_id(&v);
    }
    let sim = b
        .my_security_readable(!a.on("--my-security-unreadable"))
        .start()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("ConnectWise PSA simulator");
    eprintln!(
        "  companyinfo      {}/login/companyinfo/{}",
        sim.site(),
        sim.company_id()
    );
    eprintln!("  API              {}", sim.api_base());
    eprintln!("  CONNECTWISE_SITE={}", sim.site());
    eprintln!("  CONNECTWISE_COMPANY_ID={}", sim.company_id());
    eprintln!("  CONNECTWISE_PUBLIC_KEY={}", sim.public_key());
    eprintln!("  CONNECTWISE_PRIVATE_KEY={}", sim.private_key());
    eprintln!("  CONNECTWISE_CLIENT_ID={}", sim.client_id());
    serve(sim.addr(), sim.stop()).await;
    Ok(())
}

async fn syncro(a: &Args) -> Result<(), String> {
    let mut b = shared_knobs!(SyncroSim::builder(), a);
    if let Some((n, window)) = rate(a)? {
        b = b.rate_limit(n, window);
    }
    for name in a.all("--deny-permission") {
        b = b.deny_permission(name);
    }
    if let Some(n) = a.get("--ticket-page-size")? {
        b = b.ticket_page_size(n);
    }
    if let Some(n) = a.get("--customer-page-size")? {
        b = b.customer_page_size(n);
    }
    if let Some(n) = a.get("--contact-page-size")? {
        b = b.contact_page_size(n);
    }
    if let Some(v) = a.get::<String>("--subdomain")? {
        b = b.subdomain(&v);
    }
    if let Some(v) = a.get::<String>("--api-token")? {
        b = b.api_token(&v);
    }
    let sim = b
        .rate_limit_retry_after(a.on("--retry-after"))
        .start()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("Syncro simulator");
    eprintln!("  API              {}", sim.base_url());
    eprintln!("  SYNCRO_BASE_URL={}", sim.base_url());
    eprintln!("  SYNCRO_SUBDOMAIN={}", sim.subdomain());
    eprintln!("  SYNCRO_API_TOKEN={}", sim.api_token());
    serve(sim.addr(), sim.stop()).await;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(cli::help().as_bytes());
            return ExitCode::SUCCESS;
        }
        Ok(Command::Serve(a)) => a,
        Err(e) => {
            eprintln!("psa-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match args.vendor.as_str() {
        "autotask" => autotask(&args).await,
        "connectwise" => connectwise(&args).await,
        _ => syncro(&args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("psa-sim: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the loopback opt-in the clients' `from_env()` read, then serves until Ctrl-C.
async fn serve(addr: std::net::SocketAddr, stop: impl std::future::Future<Output = ()>) {
    eprintln!("  PSA_DEV_LOOPBACK={addr}");
    eprintln!(
        "  (plain http on 127.0.0.1: clients opt in with PSA_DEV_LOOPBACK above, or in code with ClientOptions::allow_insecure_loopback(true))"
    );
    eprintln!("Serving until Ctrl-C.");
    let _ = tokio::signal::ctrl_c().await;
    stop.await;
}
