//! `psa-sim`: serve one vendor's simulated API on 127.0.0.1 until Ctrl-C.
//!
//! ```text
//! cargo run -p psa-sim -- autotask --port 8090
//! cargo run -p psa-sim -- connectwise --port 8091 --tickets 500
//! cargo run -p psa-sim -- syncro --port 8092 --seed 7
//! ```

use std::process::ExitCode;

use psa_sim::{AutotaskSim, ConnectWiseSim, SyncroSim};

const USAGE: &str = "usage: psa-sim <autotask|connectwise|syncro> [--port N] [--seed N] [--companies N] [--tickets N]";

struct Args {
    vendor: String,
    port: u16,
    seed: u64,
    companies: usize,
    tickets: usize,
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let vendor = it.next().ok_or_else(|| USAGE.to_string())?;
    let mut args = Args {
        vendor,
        port: 0,
        seed: 1,
        companies: 5,
        tickets: 50,
    };
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |_| format!("{flag} takes a whole number, got {value:?}\n{USAGE}");
        match flag.as_str() {
            "--port" => args.port = value.parse().map_err(bad)?,
            "--seed" => args.seed = value.parse().map_err(bad)?,
            "--companies" => args.companies = value.parse().map_err(bad)?,
            "--tickets" => args.tickets = value.parse().map_err(bad)?,
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result: Result<(), String> = async {
        match args.vendor.as_str() {
            "autotask" => {
                let sim = AutotaskSim::builder()
                    .port(args.port)
                    .seed(args.seed)
                    .companies(args.companies)
                    .tickets(args.tickets)
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
                wait(sim.stop()).await;
            }
            "connectwise" => {
                let sim = ConnectWiseSim::builder()
                    .port(args.port)
                    .seed(args.seed)
                    .companies(args.companies)
                    .tickets(args.tickets)
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
                wait(sim.stop()).await;
            }
            "syncro" => {
                let sim = SyncroSim::builder()
                    .port(args.port)
                    .seed(args.seed)
                    .companies(args.companies)
                    .tickets(args.tickets)
                    .start()
                    .await
                    .map_err(|e| e.to_string())?;
                eprintln!("Syncro simulator");
                eprintln!("  API              {}", sim.base_url());
                eprintln!("  SYNCRO_BASE_URL={}", sim.base_url());
                eprintln!("  SYNCRO_SUBDOMAIN={}", sim.subdomain());
                eprintln!("  SYNCRO_API_TOKEN={}", sim.api_token());
                wait(sim.stop()).await;
            }
            other => return Err(format!("unknown vendor {other:?}\n{USAGE}")),
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("psa-sim: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn wait(stop: impl std::future::Future<Output = ()>) {
    eprintln!(
        "  (plain http on 127.0.0.1: clients need ClientOptions::allow_insecure_loopback(true))"
    );
    eprintln!("Serving until Ctrl-C.");
    let _ = tokio::signal::ctrl_c().await;
    stop.await;
}
