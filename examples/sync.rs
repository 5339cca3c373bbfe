#![allow(clippy::print_stdout)]
//! Incremental sync: copy every ticket into a local store, survive a crash mid-way by saving the
//! page token, then pick up only what changed since the last run.
//!
//! ```text
//! cargo run --example sync
//! ```
//!
//! It runs against the embedded Syncro simulator, but the sync code only uses
//! `psa_core::Connector`, so it is the same for Autotask and ConnectWise.

use std::collections::HashMap;
use std::error::Error;

use psa_core::{ClientOptions, Connector, PageToken, Ticket, TicketId, TicketQuery, TicketUpdate};
use psa_sim::SyncroSim;
use psa_syncro::SyncroClient;
use time::OffsetDateTime;

/// What a real sync would keep in its database.
#[derive(Default)]
struct LocalCopy {
    tickets: HashMap<TicketId, Ticket>,
    /// The saved page token of an interrupted run, as JSON.
    checkpoint: Option<String>,
    /// The newest `updated_at` seen, for the next incremental run.
    watermark: Option<OffsetDateTime>,
}

impl LocalCopy {
    fn upsert(&mut self, t: Ticket) {
        if let Some(u) = t.updated_at {
            self.watermark = Some(self.watermark.map_or(u, |w| w.max(u)));
        }
        self.tickets.insert(t.id, t);
    }
}

/// Copies pages until done, or until `stop_after` pages (to simulate a crash).
async fn sync_pages(
    psa: &dyn Connector,
    query: &TicketQuery,
    local: &mut LocalCopy,
    stop_after: Option<usize>,
) -> Result<usize, Box<dyn Error>> {
    let mut token: Option<PageToken> = match &local.checkpoint {
        Some(json) => serde_json::from_str(json)?,
        None => None,
    };
    let mut pages = 0;
    loop {
        let page = psa.list_tickets(query, token.clone()).await?;
        let n = page.items.len();
        for t in page.items {
            local.upsert(t);
        }
        pages += 1;
        token = page.next;
        // Save progress after every page, as a real sync would commit it.
        local.checkpoint = token.as_ref().map(serde_json::to_string).transpose()?;
        println!(
            "  page {pages}: {n} tickets, {} stored",
            local.tickets.len()
        );
        if token.is_none() || stop_after == Some(pages) {
            return Ok(pages);
        }
    }
}

const USAGE: &str = "\
An incremental ticket sync against the embedded Syncro simulator: it copies every ticket, survives
a crash mid-way by saving its page token, resumes, then fetches only what changed since the last
run. The sync code uses only psa_core::Connector, so it is the same for Autotask and ConnectWise.

Usage: cargo run --example sync [-- --help]";

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
    let sim = SyncroSim::builder().seed(3).tickets(120).start().await?;
    let connect = || {
        SyncroClient::builder()
            .base_url(sim.base_url())
            .api_token(sim.api_token())
            .options(ClientOptions::default().allow_insecure_loopback(true))
            .build()
    };
    let mut local = LocalCopy::default();
    let everything = TicketQuery::new();

    println!("first run (stops after 2 pages, as if the process crashed):");
    sync_pages(&connect().await?, &everything, &mut local, Some(2)).await?;

    println!("second run, a new process resuming from the saved page token:");
    sync_pages(&connect().await?, &everything, &mut local, None).await?;
    println!(
        "full copy: {} tickets (the simulator holds {})",
        local.tickets.len(),
        sim.ticket_count()
    );

    // Someone changes two tickets in the PSA.
    let psa = connect().await?;
    let mut ids: Vec<TicketId> = local.tickets.keys().copied().collect();
    ids.sort();
    for id in ids.iter().take(2) {
        psa.update_ticket(
            *id,
            &TicketUpdate::new().title(format!("Changed ticket {id}")),
        )
        .await?;
    }

    println!("incremental run (updated since the watermark):");
    let Some(since) = local.watermark else {
        return Err("no ticket carried updated_at".into());
    };
    local.checkpoint = None;
    let before = local.tickets.len();
    sync_pages(
        &psa,
        &TicketQuery::new().updated_since(since),
        &mut local,
        None,
    )
    .await?;
    let changed = local
        .tickets
        .values()
        .filter(|t| t.title.starts_with("Changed ticket"))
        .count();
    println!(
        "after the incremental run: {} tickets ({} new), {changed} carry the change",
        local.tickets.len(),
        local.tickets.len() - before
    );

    sim.stop().await;
    Ok(std::process::ExitCode::SUCCESS)
}
