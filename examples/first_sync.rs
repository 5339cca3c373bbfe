#![allow(clippy::print_stdout, clippy::print_stderr)]
//! MSPortal's first sync, against an embedded simulator: check the connection, import the
//! MSP's staff and companies, sync tickets and opportunities through the change feed with a
//! progress line, save the cursor, then keep up with the webhooks the simulator delivers —
//! verified, turned into change events and merged with the feed, so a change that is both
//! pushed and polled is handled once.
//!
//! ```text
//! cargo run -p psa-examples --example first_sync                      # Autotask
//! cargo run -p psa-examples --example first_sync -- --vendor connectwise
//! cargo run -p psa-examples --example first_sync -- --vendor syncro   # no opportunities
//! ```
//!
//! The sync code only uses `psa_core` (`BusinessConnector`, `ChangeFeed`, `Cursor`); the
//! webhook part is the vendor's own: Autotask ticket webhooks (HMAC `X-Hook-Signature`),
//! ConnectWise callbacks (signed with a key fetched from the site), Syncro notification
//! webhooks (no signature: a secret in the receiver's path).

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use futures::TryStreamExt;
use psa_autotask::AutotaskClient;
use psa_connectwise::ConnectWiseClient;
use psa_core::changes::{ChangeEvent, ChangeFeed, Cursor, EntityKind};
use psa_core::transport::RateLimiter;
use psa_core::{BusinessConnector, BusinessConnectorExt, Capability, ClientOptions, CompanyQuery};
use psa_core::{ConnectorExt, NewTicket, PreflightOptions, ResourceQuery, WebhookSpec};
use psa_sim::{AutotaskSim, AutotaskSimHandle, ConnectWiseSim, ConnectWiseSimHandle};
use psa_sim::{SyncroSim, SyncroSimHandle};
use psa_syncro::SyncroClient;
use secrecy::SecretString;
use tokio::sync::mpsc;

type BoxError = Box<dyn Error + Send + Sync>;

const USAGE: &str = "usage: first_sync [--vendor autotask|connectwise|syncro] [--quiet]
       first_sync --help";

const HELP: &str = "
Runs MSPortal's first sync against an embedded simulator of the PSA:
  1. preflight (which rights the API user has),
  2. import staff (active resources with an email) and companies,
  3. sync tickets and opportunities through the change feed (progress on stderr),
     save the cursor,
  4. receive the simulator's webhooks, verify them, confirm them through the API and merge
     them with the feed: a change that is pushed and then polled is one event.
Syncro has no opportunities: its connector does not declare read-opportunities, and the
example says so and syncs tickets only.

  --vendor NAME   autotask (default), connectwise or syncro
  --quiet         no progress line";

/// The secret the receiver's path carries for Syncro, and the Autotask webhook's key.
const HOOK_SECRET: &str = "first-sync-0123456789abcdef0123456789";

/// What one run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The vendor name.
    pub vendor: &'static str,
    /// Whether preflight found every right the connector checks.
    pub ready: bool,
    /// Active staff with an email, imported.
    pub staff: usize,
    /// Companies imported.
    pub companies: usize,
    /// Ticket change events of the first sync.
    pub tickets: usize,
    /// Opportunity change events of the first sync (`None`: the PSA has none).
    pub opportunities: Option<usize>,
    /// The saved cursor (JSON).
    pub cursor: String,
    /// Verified webhook deliveries turned into change events.
    pub pushed: usize,
    /// Pushed changes the next poll emitted again (0: push and poll merged).
    pub repeated_by_poll: usize,
}

/// One received delivery: the path and query, the headers, the raw body.
struct Delivery {
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

/// A local listener that forwards every POST to a channel.
async fn receiver() -> Result<(String, mpsc::UnboundedReceiver<Delivery>), BoxError> {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = Router::new()
        .fallback(
            |State(tx): State<mpsc::UnboundedSender<Delivery>>,
             uri: Uri,
             headers: HeaderMap,
             body: Bytes| async move {
                // A closed channel means the run is over; the sender just gets its 200.
                let _ = tx.send(Delivery { uri, headers, body });
                "ok"
            },
        )
        .with_state(tx);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("webhook receiver stopped: {e}");
        }
    });
    Ok((url, rx))
}

/// The simulator and a client of it, per vendor.
enum Psa {
    Autotask(AutotaskClient, AutotaskSimHandle),
    ConnectWise(ConnectWiseClient, ConnectWiseSimHandle),
    Syncro(SyncroClient, SyncroSimHandle),
}

impl Psa {
    async fn start(vendor: &str, hooks: &str) -> Result<Psa, BoxError> {
        let local = ClientOptions::default().allow_insecure_loopback(true);
        Ok(match vendor {
            "autotask" => {
                let sim = AutotaskSim::builder().seed(14).tickets(40).start().await?;
                let client = AutotaskClient::builder()
                    .username(sim.username())
                    .secret(sim.secret())
                    .integration_code(sim.integration_code())
                    .discovery_url(sim.discovery_url())
                    .options(local)
                    .build()
                    .await?;
                Psa::Autotask(client, sim)
            }
            "connectwise" => {
                let sim = ConnectWiseSim::builder()
                    .seed(14)
                    .tickets(40)
                    .start()
                    .await?;
                let client = ConnectWiseClient::builder()
                    .site(sim.site())
                    .company_id(sim.company_id())
                    .public_key(sim.public_key())
                    .private_key(sim.private_key())
                    .client_id(sim.client_id())
                    .options(local)
                    .build()
                    .await?;
                Psa::ConnectWise(client, sim)
            }
            "syncro" => {
                let sim = SyncroSim::builder()
                    .seed(14)
                    .tickets(40)
                    .rate_limit(100_000, Duration::from_secs(60))
                    .webhook_url(&format!("{hooks}/hooks/syncro/{HOOK_SECRET}"))
                    .start()
                    .await?;
                let client = SyncroClient::builder()
                    .base_url(sim.base_url())
                    .api_token(sim.api_token())
                    .options(local)
                    .rate_limiter(RateLimiter::new(100_000, Duration::from_secs(60)))
                    .build()
                    .await?;
                Psa::Syncro(client, sim)
            }
            other => return Err(format!("unknown vendor {other:?}\n{USAGE}").into()),
        })
    }

    fn connector(&self) -> &dyn BusinessConnector {
        match self {
            Psa::Autotask(c, _) => c,
            Psa::ConnectWise(c, _) => c,
            Psa::Syncro(c, _) => c,
        }
    }

    /// Provisions the webhooks for ticket and company changes the way MSPortal's "Provision
    /// webhooks" button does: `ensure_webhooks` creates what is missing and repairs drift, so
    /// pressing it again changes nothing (Syncro: configured when the simulator started, as an
    /// admin does in its Notification Center; its API has no provisioning).
    async fn subscribe(&self, hooks: &str) -> Result<(), BoxError> {
        let spec = |url: String| -> Result<WebhookSpec, BoxError> {
            Ok(WebhookSpec::new(url.parse()?)
                .entity(EntityKind::Ticket)
                .entity(EntityKind::Company)
                .name_prefix("msportal")
                .secret(HOOK_SECRET))
        };
        let report = match self {
            Psa::Autotask(c, _) => {
                c.ensure_webhooks(&spec(format!("{hooks}/hooks/autotask"))?)
                    .await?
            }
            Psa::ConnectWise(c, _) => {
                c.ensure_webhooks(&spec(format!("{hooks}/hooks/connectwise?recordId="))?)
                    .await?
            }
            Psa::Syncro(..) => return Ok(()),
        };
        println!(
            "webhooks provisioned: {} created, {} repaired, {} unchanged",
            report.created.len(),
            report.updated.len(),
            report.unchanged.len()
        );
        Ok(())
    }

    /// Verifies a delivery and turns it into a change event (`None`: not a change this
    /// example follows, e.g. an Autotask deactivation notice).
    async fn to_event(&self, d: &Delivery) -> Result<Option<ChangeEvent>, BoxError> {
        let event = match self {
            Psa::Autotask(..) => {
                if d.uri.path() != "/hooks/autotask" {
                    return Ok(None);
                }
                let secret = SecretString::from(HOOK_SECRET);
                psa_autotask::verify_signature(&secret, &d.headers, &d.body)?;
                psa_autotask::WebhookPayload::parse(&d.body)?.to_change_event()?
            }
            Psa::ConnectWise(c, _) => c
                .verify_callback(&d.body, &d.headers)
                .await?
                .to_change_event()?,
            Psa::Syncro(..) => {
                let path = d.uri.path();
                if !psa_syncro::webhooks::secret_path_matches(path, "/hooks/syncro/", HOOK_SECRET) {
                    return Err("a Syncro delivery without the receiver's secret".into());
                }
                let payload = psa_syncro::webhooks::WebhookPayload::from_slice(&d.body)?;
                if !payload.is_ticket_event() {
                    return Ok(None);
                }
                payload.to_change_event()?
            }
        };
        Ok(Some(event))
    }

    async fn stop(self) {
        match self {
            Psa::Autotask(_, sim) => sim.stop().await,
            Psa::ConnectWise(_, sim) => sim.stop().await,
            Psa::Syncro(_, sim) => sim.stop().await,
        }
    }
}

/// The whole first sync for one vendor (`autotask`, `connectwise` or `syncro`).
pub async fn first_sync(vendor: &str, progress: bool) -> Result<Summary, BoxError> {
    let vendor: &'static str = match vendor {
        "autotask" => "autotask",
        "connectwise" => "connectwise",
        "syncro" => "syncro",
        other => return Err(format!("unknown vendor {other:?}\n{USAGE}").into()),
    };
    let (hooks, mut deliveries) = receiver().await?;
    let psa = Psa::start(vendor, &hooks).await?;
    let result = run(vendor, &psa, &hooks, &mut deliveries, progress).await;
    psa.stop().await;
    result
}

async fn run(
    vendor: &'static str,
    psa: &Psa,
    hooks: &str,
    deliveries: &mut mpsc::UnboundedReceiver<Delivery>,
    progress: bool,
) -> Result<Summary, BoxError> {
    let c = psa.connector();

    // 1. Preflight: what may this API user do?
    // Ask for the rights this sync uses, not every right the connector can check: a billing
    // right the tool never needs must not make it "not ready".
    let report = c.preflight(&PreflightOptions::default()).await?;
    let needed: Vec<Capability> = [
        Capability::ReadTickets,
        Capability::ReadCompanies,
        Capability::ReadResources,
        Capability::ReadOpportunities,
    ]
    .into_iter()
    .filter(|cap| c.capabilities().supports(*cap))
    .collect();
    let readiness = report.readiness(&needed);
    println!("{vendor}: preflight: {readiness}");

    // 2. Staff and companies.
    let staff = if c.capabilities().supports(Capability::ReadResources) {
        c.stream_resources(&ResourceQuery::new().active(true))
            .try_filter(|r| std::future::ready(r.email.is_some()))
            .try_fold(0usize, |n, _| async move { Ok(n + 1) })
            .await?
    } else {
        0
    };
    let companies = c
        .stream_companies(&CompanyQuery::new())
        .try_fold(0usize, |n, _| async move { Ok(n + 1) })
        .await?;
    println!("{vendor}: imported {staff} staff members with an email and {companies} companies");

    // 3. Tickets and opportunities through the change feed.
    let with_opportunities = c.capabilities().supports(Capability::ReadOpportunities);
    let mut entities = vec![EntityKind::Ticket];
    if with_opportunities {
        entities.push(EntityKind::Opportunity);
    } else {
        println!(
            "{vendor}: no opportunities (the connector does not declare {}); syncing tickets only",
            Capability::ReadOpportunities
        );
    }
    let feed = ChangeFeed::with_business(c).entities(entities);
    let mut cursor = Cursor::new();
    let (mut tickets, mut opportunities) = (0usize, 0usize);
    {
        let mut changes = feed.changes(&cursor);
        while let Some(event) = changes.try_next().await? {
            // A real sync writes the record to its store here, then commits.
            match event.entity {
                EntityKind::Opportunity => opportunities += 1,
                _ => tickets += 1,
            }
            cursor.commit(&event);
            if progress {
                eprint!("\r{vendor}: synced {tickets} tickets, {opportunities} opportunities");
            }
        }
        if progress {
            eprintln!();
        }
    }
    let saved = cursor.to_json()?;
    println!("{vendor}: cursor saved ({} bytes)", saved.len());

    // 4. Keep up with webhooks: a customer raises a ticket after the first sync.
    psa.subscribe(hooks).await?;
    let company = c
        .list_companies(&CompanyQuery::new(), None)
        .await?
        .items
        .first()
        .map(|co| co.id)
        .ok_or("the simulator has no company")?;
    let raised = c
        .create_ticket(&NewTicket::new("Printer offline after the first sync").company(company))
        .await?;
    let mut cursor = Cursor::from_json(&saved)?;
    let mut pushed = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while pushed == 0 {
        let d = tokio::time::timeout_at(deadline, deliveries.recv())
            .await
            .map_err(|_| "no webhook delivery about the new ticket within 20 s")?
            .ok_or("the webhook receiver stopped")?;
        let Some(event) = psa.to_event(&d).await? else {
            continue;
        };
        if event.entity != EntityKind::Ticket || event.id != raised.id.get() {
            continue;
        }
        let event = feed.confirm(event).await?;
        if cursor.is_new(&event) {
            println!(
                "{vendor}: pushed {} {} {:?}, confirmed through the API",
                event.entity, event.id, event.kind
            );
            cursor.commit(&event);
        }
        pushed += 1;
    }
    // The next poll finds the same change and drops it: push and poll are one event.
    let polled = feed.poll(&cursor).await?;
    let repeated_by_poll = polled
        .iter()
        .filter(|e| e.entity == EntityKind::Ticket && e.id == raised.id.get())
        .count();
    for e in &polled {
        cursor.commit(e);
    }
    println!(
        "{vendor}: summary: {staff} staff, {companies} companies, {tickets} tickets, {}, \
         {pushed} webhook change(s), {repeated_by_poll} repeated by the next poll",
        if with_opportunities {
            format!("{opportunities} opportunities")
        } else {
            "opportunities unsupported".to_string()
        }
    );
    Ok(Summary {
        vendor,
        ready: readiness.is_ready(),
        staff,
        companies,
        tickets,
        opportunities: with_opportunities.then_some(opportunities),
        cursor: cursor.to_json()?,
        pushed,
        repeated_by_poll,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut vendor = "autotask".to_string();
    let mut progress = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--help" | "-h" => {
                println!("{USAGE}\n{HELP}");
                return ExitCode::SUCCESS;
            }
            "--vendor" => match args.next() {
                Some(v) => vendor = v,
                None => {
                    eprintln!("--vendor needs a name\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--quiet" => progress = false,
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match first_sync(&vendor, progress).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("first sync failed: {e}");
            ExitCode::FAILURE
        }
    }
}
