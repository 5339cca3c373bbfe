#![allow(clippy::print_stdout)]
//! A "Test connection" doctor: runs preflight, prints which rights the API user lacks or that
//! could not be confirmed, which admin screen grants each one, and a one-line verdict.
//!
//! ```text
//! # against a real tenant (reads AUTOTASK_* / CONNECTWISE_* / SYNCRO_* from the environment)
//! cargo run --example preflight -- syncro
//! # against the embedded simulator, with rights removed to see the remedies
//! cargo run --example preflight -- connectwise --sim --deny create-tickets --deny read-contacts
//! # machine-readable, and only the rights this integration needs
//! cargo run --example preflight -- autotask --sim --need read-tickets,add-notes --json
//! # the extra rows a product's setup guide asks for (CloudRadial Chat)
//! cargo run --example preflight -- connectwise --sim --extra cloudradial
//! ```
//!
//! Exit status (see `--help`): 0 ready, every needed right granted; 1 a needed right is missing
//! (or only partly granted, or not offered by the connector); 2 nothing is missing but a needed
//! right could not be verified (the last line names it); 3 bad arguments or a failed check.

use std::error::Error;
use std::process::ExitCode;
use std::sync::Arc;

use psa_autotask::AutotaskClient;
use psa_connectwise::ConnectWiseClient;
use psa_core::{
    Capability, CheckSet, ClientOptions, Connector, PreflightOptions, PreflightReport, Readiness,
};
use psa_sim::{AutotaskSim, ConnectWiseSim, SyncroSim};
use psa_syncro::SyncroClient;

const USAGE: &str = "usage: preflight <autotask|connectwise|syncro> [--sim] [--deny CAPABILITY]... [--need CAP,CAP] [--extra SET]... [--json]
       preflight --help";

/// Every needed right granted.
const EXIT_READY: u8 = 0;
/// A needed right is missing, partly granted, or not offered by the connector.
const EXIT_MISSING: u8 = 1;
/// Nothing is missing, but a needed right could not be verified.
const EXIT_UNVERIFIED: u8 = 2;
/// Bad arguments, or the check itself failed (network, configuration).
const EXIT_ERROR: u8 = 3;

fn help() -> String {
    let names = |caps: &mut dyn Iterator<Item = &Capability>| {
        caps.map(|c| c.name()).collect::<Vec<_>>().join(", ")
    };
    let sets: Vec<_> = CheckSet::ALL.iter().map(|s| s.name()).collect();
    format!(
        "{USAGE}

Checks what the API user may do, without writing anything, and says where an admin grants
what is missing.

  --sim            run against the embedded simulator instead of the environment's tenant
  --deny CAP       (with --sim) remove the right standing for CAP from the simulator's profile
  --need CAP,CAP   judge only these capabilities (default: every right the connector checks)
  --extra SET      also check a product's extra rights: {sets}
  --json           print the report as JSON (the verdict goes to stderr)

Rights: {rights}
Features (no right; judged from the connector's capabilities): {features}

Exit status:
  {EXIT_READY}  ready: every needed right is granted
  {EXIT_MISSING}  missing: a needed right is missing, partly granted, or not offered
  {EXIT_UNVERIFIED}  unverified: nothing is missing, but a needed right could not be confirmed
  {EXIT_ERROR}  bad arguments, or the check itself failed",
        sets = sets.join(", "),
        rights = names(&mut Capability::ALL.iter().filter(|c| c.is_right())),
        features = names(&mut Capability::ALL.iter().filter(|c| !c.is_right())),
    )
}

struct Args {
    vendor: String,
    sim: bool,
    deny: Vec<Capability>,
    need: Vec<Capability>,
    extra: Vec<CheckSet>,
    json: bool,
}

/// `Ok(None)` when help was asked for.
fn parse() -> Result<Option<Args>, Box<dyn Error>> {
    let mut it = std::env::args().skip(1);
    let vendor = it.next().ok_or(USAGE)?;
    if matches!(vendor.as_str(), "--help" | "-h" | "help") {
        return Ok(None);
    }
    let mut args = Args {
        vendor,
        sim: false,
        deny: Vec::new(),
        need: Vec::new(),
        extra: Vec::new(),
        json: false,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--help" | "-h" => return Ok(None),
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
            "--extra" => args
                .extra
                .push(it.next().ok_or("--extra needs a check set")?.parse()?),
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    if !args.sim && !args.deny.is_empty() {
        return Err("--deny only applies with --sim".into());
    }
    Ok(Some(args))
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

/// The verdict for what the integration needs: the rights through the report, the features
/// through the connector's declared capabilities.
fn verdict(psa: &dyn Connector, report: &PreflightReport, need: &[Capability]) -> Readiness {
    if need.is_empty() {
        return report.readiness_all();
    }
    let offered = psa.capabilities();
    let absent: Vec<Capability> = need
        .iter()
        .copied()
        .filter(|c| !c.is_right() && !offered.supports(*c))
        .collect();
    match report.readiness(need) {
        Readiness::Missing(mut caps) => {
            caps.extend(absent);
            Readiness::Missing(caps)
        }
        _ if !absent.is_empty() => Readiness::Missing(absent),
        other => other,
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{}", help());
            return ExitCode::from(EXIT_READY);
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let (psa, sim) = match connect(&args).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("could not connect: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut options = if args.need.is_empty() {
        PreflightOptions::all()
    } else {
        PreflightOptions::for_capabilities(args.need.iter().copied())
    };
    for set in &args.extra {
        options = options.with_extra(*set);
    }
    let result = psa.preflight(&options).await;
    match sim {
        Sim::None => {}
        Sim::Autotask(s) => s.stop().await,
        Sim::ConnectWise(s) => s.stop().await,
        Sim::Syncro(s) => s.stop().await,
    }
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("preflight failed: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(j) => println!("{j}"),
            Err(e) => {
                eprintln!("cannot encode the report: {e}");
                return ExitCode::from(EXIT_ERROR);
            }
        }
    } else {
        println!("{report}");
    }
    let verdict = verdict(psa.as_ref(), &report, &args.need);
    let (code, line) = match &verdict {
        Readiness::Ready => (EXIT_READY, "READY".to_string()),
        Readiness::Missing(_) => (EXIT_MISSING, format!("MISSING: {verdict}")),
        Readiness::Unverified(_) => (EXIT_UNVERIFIED, format!("UNVERIFIED: {verdict}")),
        _ => (EXIT_ERROR, format!("unknown verdict: {verdict:?}")),
    };
    // One line, on stderr so that --json output stays parseable.
    eprintln!("{line}");
    ExitCode::from(code)
}
