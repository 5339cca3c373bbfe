#![allow(clippy::print_stdout)]
//! Quickstart: the same integration code against Autotask, ConnectWise PSA and Syncro — here the
//! embedded simulators, so it runs with no account and no credentials.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! It runs preflight (the "Test connection" an admin sees), finds a company and a contact,
//! creates a ticket with an idempotency key, adds a note, moves the ticket on, and lists open
//! tickets — through `Arc<dyn Connector>`, identical for the three PSAs. Then it shows what
//! preflight tells an admin when the API user lacks a right.

use std::error::Error;
use std::sync::Arc;

use futures::TryStreamExt;
use psa_autotask::AutotaskClient;
use psa_connectwise::ConnectWiseClient;
use psa_core::{
    Capability, CheckOutcome, ClientOptions, CompanyQuery, Connector, ConnectorExt, ContactQuery,
    NewNote, NewTicket, NoteVisibility, PreflightOptions, TicketQuery, TicketUpdate,
};
use psa_sim::{AutotaskSim, ConnectWiseSim, SyncroSim};
use psa_syncro::SyncroClient;

const USAGE: &str = "\
Runs the same integration code against Autotask, ConnectWise PSA and Syncro (embedded simulators:
no account, no credentials, no network): preflight, find a company and a contact, create a ticket
with an idempotency key, add a note, close it, list open tickets; then what preflight tells an
admin when the API user lacks a right.

Usage: cargo run --example quickstart [-- --help]";

/// `--help` prints the usage; any other argument is refused (this example takes none).
fn usage_or_refuse(usage: &str) -> Option<std::process::ExitCode> {
    match std::env::args().nth(1).as_deref() {
        None => None,
        Some("-h" | "--help") => {
            println!("{usage}");
            Some(std::process::ExitCode::SUCCESS)
        }
        Some(other) => {
            eprintln!("error: unexpected argument {other:?}\n\n{usage}");
            Some(std::process::ExitCode::from(2))
        }
    }
}

#[tokio::main]
async fn main() -> Result<std::process::ExitCode, Box<dyn Error>> {
    if let Some(code) = usage_or_refuse(USAGE) {
        return Ok(code);
    }
    // The simulators listen on 127.0.0.1 over plain http: clients must opt in to that explicitly.
    let local = ClientOptions::default().allow_insecure_loopback(true);

    let at = AutotaskSim::builder().seed(1).start().await?;
    let cw = ConnectWiseSim::builder().seed(1).start().await?;
    let sy = SyncroSim::builder().seed(1).start().await?;

    let autotask = AutotaskClient::builder()
        .username(at.username())
        .secret(at.secret())
        .integration_code(at.integration_code())
        .discovery_url(at.discovery_url())
        .options(local.clone())
        .build()
        .await?;
    let connectwise = ConnectWiseClient::builder()
        .site(cw.site())
        .company_id(cw.company_id())
        .public_key(cw.public_key())
        .private_key(cw.private_key())
        .client_id(cw.client_id())
        .options(local.clone())
        .build()
        .await?;
    let syncro = SyncroClient::builder()
        .base_url(sy.base_url())
        .api_token(sy.api_token())
        .options(local.clone())
        .build()
        .await?;

    let psas: Vec<Arc<dyn Connector>> =
        vec![Arc::new(autotask), Arc::new(connectwise), Arc::new(syncro)];
    for psa in psas {
        run(psa).await?;
    }

    // What an admin sees when the API user lacks a right: the ConnectWise role without
    // "Service Tickets: Add".
    let limited = ConnectWiseSim::builder()
        .seed(1)
        .deny(Capability::CreateTickets)
        .start()
        .await?;
    let connectwise = ConnectWiseClient::builder()
        .site(limited.site())
        .company_id(limited.company_id())
        .public_key(limited.public_key())
        .private_key(limited.private_key())
        .client_id(limited.client_id())
        .options(local)
        .build()
        .await?;
    let report = connectwise
        .preflight(&PreflightOptions::for_capabilities([
            Capability::ReadTickets,
            Capability::CreateTickets,
        ]))
        .await?;
    println!("\n== Preflight when the role lacks Service Tickets: Add\n{report}");

    at.stop().await;
    cw.stop().await;
    sy.stop().await;
    limited.stop().await;
    Ok(std::process::ExitCode::SUCCESS)
}

async fn run(psa: Arc<dyn Connector>) -> Result<(), Box<dyn Error>> {
    println!("\n== {}", psa.vendor());

    let report = psa.preflight(&PreflightOptions::all()).await?;
    let granted = report
        .checks
        .iter()
        .filter(|c| c.outcome == CheckOutcome::Granted)
        .count();
    println!(
        "preflight: {granted} of {} rights granted; to create tickets and add notes: {}",
        report.checks.len(),
        report.readiness(&[Capability::CreateTickets, Capability::AddNotes])
    );

    let Some(company) = psa
        .stream_companies(&CompanyQuery::new())
        .try_next()
        .await?
    else {
        return Err("the simulator has no companies".into());
    };
    let contacts: Vec<_> = psa
        .stream_contacts(&ContactQuery::new().company(company.id))
        .try_collect()
        .await?;
    println!(
        "company: {} (#{}) with {} contacts",
        company.name,
        company.id,
        contacts.len()
    );
    if let Some(email) = contacts.iter().find_map(|c| c.email.clone()) {
        let found = psa.find_contact_by_email(&email).await?;
        println!(
            "contact by email {email}: {}",
            found.map(|c| c.name).unwrap_or_else(|| "none".into())
        );
    }

    let ticket = psa
        .create_ticket(
            &NewTicket::new("Outlook cannot connect to the mail server")
                .company(company.id)
                .description("Reported through the chat assistant")
                .idempotency_key(format!("quickstart-{}", psa.vendor().id())),
        )
        .await?;
    println!("created ticket #{} {:?}", ticket.id, ticket.title);

    let note = psa
        .add_note(
            ticket.id,
            &NewNote::new("Asked the user to restart Outlook.").visibility(NoteVisibility::Public),
        )
        .await?;
    println!("added note #{}", note.id);

    let statuses = psa.statuses().await?;
    if let Some(done) = statuses.iter().find(|s| s.is_closed) {
        let closed = psa
            .update_ticket(ticket.id, &TicketUpdate::new().status(done.id.clone()))
            .await?;
        println!(
            "moved ticket to {:?}: closed = {}",
            done.name,
            closed.is_closed()
        );
    }

    let open = psa
        .collect_tickets(&TicketQuery::new().company(company.id).open_only(true), 100)
        .await?;
    println!("open tickets of {}: {}", company.name, open.len());
    Ok(())
}
