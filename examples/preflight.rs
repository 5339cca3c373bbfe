#![allow(clippy::print_stdout)]
//! A "Test connection" doctor: runs preflight and prints which rights the API user lacks and
//! which admin screen grants each one.
//!
//! ```text
//! # against a real tenant (reads AUTOTASK_* / CONNECTWISE_* / SYNCRO_* from the environment)
//! cargo run --example preflight -- syncro
//! # against the embedded simulator, with rights removed to see the remedies
//! cargo run --example preflight -- connectwise --sim --deny create-tickets --deny read-contacts
//! # machine-readable, and only the rights this integration needs
//! cargo run --example preflight -- autotask --sim --need read-tickets,add-notes --json
//! ```
//!
//! Exit status: 0 when the integration can run with the needed capabilities, 1 when a right is
//! missing, 2 on bad arguments or a failed connection.

use std::error::Error;
use std::process::ExitCode;
use std::sync::Arc;

use psa_autotask::AutotaskClient;
use psa_connectwise::ConnectWiseClient;
use psa_core::{Capability, ClientOptions, Connector, PreflightOptions};
use psa_sim::{AutotaskSim, ConnectWiseSim, SyncroSim};
use psa_syncro::SyncroClient;

const USAGE: &str = "usage: preflight <autotask|connectwise|syncro> [--sim] [--deny CAPABILITY]... [--need CAP,CAP] [--json]";

struct Args {
    vendor: String,
    sim: bool,
    deny: Vec<Capability>,
    need: Vec<Capability>,
    json: bool,
}

fn parse() -> Result<Args, Box<dyn Error>> {
    let mut it = std::env::args().skip(1);
    let vendor = it.next().ok_or(USAGE)?;
    let mut args = Args {
        vendor,
        sim: false,
        deny: Vec::new(),
        need: Vec::new(),
        json: false,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sim" => args.sim = true,
            "--json" => args.json = true,
            "--deny" => args
                .deny
                .push(it.next().ok_or("--deny needs a capability")?.parse()?),
            "--need" => {
                for c in it.next().ok_or("--need needs a list")?.split(',') {
                    args.need.push(c.parse()?);
                }
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    if !args.sim && !args.deny.is_empty() {
        return Err("--deny only applies with --sim".into());
    }
    Ok(args)
}

/// Keeps whichever simulator was started alive while the check runs.
enum Sim {
    None,
    Autotask(psa_sim::AutotaskSimHandle),
    ConnectWise(psa_sim::ConnectWiseSimHandle),
    Syncro(psa_sim::SyncroSimHandle),
}

async fn connect(args: &Args) -> Result<(Arc<dyn Connector>, Sim), Box<dyn Error>> {
    let local = ClientOptions::default().allow_insecure_loopback(true);
    Ok(match (args.vendor.as_str(), args.sim) {
        ("autotask", false) => (Arc::new(AutotaskClient::from_env().await?), Sim::None),
        ("connectwise", false) => (Arc::new(ConnectWiseClient::from_env().await?), Sim::None),
        ("syncro", false) => (Arc::new(SyncroClient::from_env().await?), Sim::None),
        ("autotask", true) => {
            let mut b = AutotaskSim::builder();
            for c in &args.deny {
                b = b.deny(*c);
            }
            let sim = b.start().await?;
            let client = AutotaskClient::builder()
                .username(sim.username())
                .secret(sim.secret())
                .integration_code(sim.integration_code())
                .discovery_url(sim.discovery_url())
                .options(local)
                .build()
                .await?;
            (Arc::new(client), Sim::Autotask(sim))
        }
        ("connectwise", true) => {
            let mut b = ConnectWiseSim::builder();
            for c in &args.deny {
                b = b.deny(*c);
            }
            let sim = b.start().await?;
            let client = ConnectWiseClient::builder()
                .site(sim.site())
                .company_id(sim.company_id())
                .public_key(sim.public_key())
                .private_key(sim.private_key())
                .client_id(sim.client_id())
                .options(local)
                .build()
                .await?;
            (Arc::new(client), Sim::ConnectWise(sim))
        }
        ("syncro", true) => {
            let mut b = SyncroSim::builder();
            for c in &args.deny {
                b = b.deny(*c);
            }
            let sim = b.start().await?;
            let client = SyncroClient::builder()
                .base_url(sim.base_url())
                .api_token(sim.api_token())
                .options(local)
                .build()
                .await?;
            (Arc::new(client), Sim::Syncro(sim))
        }
        (other, _) => return Err(format!("unknown vendor {other:?}\n{USAGE}").into()),
    })
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
    let (psa, sim) = match connect(&args).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("could not connect: {e}");
            return ExitCode::from(2);
        }
    };
    let options = if args.need.is_empty() {
        PreflightOptions::all()
    } else {
        PreflightOptions::for_capabilities(args.need.iter().copied())
    };
    let report = match psa.preflight(&options).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("preflight failed: {e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(j) => println!("{j}"),
            Err(e) => {
                eprintln!("cannot encode the report: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        println!("{report}");
    }
    let needed: Vec<Capability> = if args.need.is_empty() {
        report.checks.iter().map(|c| c.capability).collect()
    } else {
        args.need.clone()
    };
    let ready = report.ready_for(&needed);
    match sim {
        Sim::None => {}
        Sim::Autotask(s) => s.stop().await,
        Sim::ConnectWise(s) => s.stop().await,
        Sim::Syncro(s) => s.stop().await,
    }
    if ready {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
