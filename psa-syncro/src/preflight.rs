//! Read-only permission preflight: which token permissions are there, which are missing, and
//! which box an admin ticks to fix it.
//!
//! `GET /me` first (its `user_token` is dropped unread), then read probes mapped to
//! capabilities: `GET /tickets?page=1` (Tickets - List/Search), `GET /tickets/{id}` of the first
//! ticket (Tickets - View Details), `GET /customers?page=1` (Customers - List/Search),
//! `GET /customers/{id}` and `GET /contacts?page=1` (Customers - View Detail),
//! `GET /tickets/settings` and `GET /settings` (base data, problem types), `GET /users`
//! (resources), `GET /contracts?page=1` (Contracts - List/Search), `GET /ticket_timers?page=1`
//! (Ticket Timers - Overview).
//! Write permissions cannot be seen without writing: they are reported Unverified, or Missing
//! when `/me` says the user cannot write tickets at all.

use psa_core::{
    ApiUsage, Capability, Check, CheckOutcome, CheckSet, Error, ErrorKind, PreflightOptions,
    PreflightReport, Remedy, Vendor,
};

use crate::SyncroClient;
use crate::api::InvoiceFilter;
use crate::models::Ticket;
use crate::query::{CustomerFilter, LeadFilter, TicketFilter, TimerFilter};
use crate::rights::TOKEN_SCREEN;

const CHANGE_DETAIL: &str = "If the token's boxes cannot be changed, create a new token with them ticked \
     (+ New Token > Custom Permissions) and replace the key; Syncro's help also names the path Admin > API - API Tokens. \
     A token cannot have more rights than the user who created it.";

fn tick(right: &str) -> Remedy {
    Remedy::new(TOKEN_SCREEN, format!("tick '{right}'")).with_detail(CHANGE_DETAIL)
}

/// How a probe went.
enum Probe<T> {
    Ok(T),
    Denied(String),
    Unclear(String),
}

impl SyncroClient {
    /// Checks the token's permissions without writing anything.
    ///
    /// ```no_run
    /// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
    /// use psa_core::{Capability, PreflightOptions, Readiness};
    /// let report = syncro.preflight(&PreflightOptions::all()).await?;
    /// println!("{report}");
    /// match report.readiness(&[Capability::ReadTickets, Capability::CreateTickets]) {
    ///     Readiness::Ready => {}
    ///     Readiness::Unverified(caps) => eprintln!("make sure the token has the boxes for {caps:?}"),
    ///     Readiness::Missing(caps) => eprintln!("ask the Syncro admin to grant {caps:?}"),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn preflight(&self, options: &PreflightOptions) -> psa_core::Result<PreflightReport> {
        let mut report = PreflightReport::new(Vendor::Syncro, self.base_url().as_str());
        let declared = crate::capabilities::CAPABILITIES;
        let rights = options.rights_to_check(declared);
        let wants = |cap: Capability| rights.contains(&cap);
        report.push_unsupported(options, declared);
        let me = match self.me().await {
            Ok(me) => {
                report.api_user = me.display();
                report.push(Check::new(
                    Capability::Connect,
                    "API token",
                    CheckOutcome::Granted,
                    format!(
                        "GET /me answered for {}",
                        me.display().unwrap_or_else(|| "the token's user".into())
                    ),
                ));
                Some(me)
            }
            Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                report.push(Check::new(
                    Capability::Connect,
                    "API token",
                    CheckOutcome::Granted,
                    format!("the token was accepted, but GET /me was refused ({}); rights are checked one by one", e.message()),
                ));
                None
            }
            Err(e) if e.kind() == ErrorKind::Unauthenticated => {
                let remedy = Remedy::new(
                    "Syncro: click your username (top right) > Profile/Password > API Tokens",
                    "make sure the token exists, is not expired or disabled, and was pasted exactly; otherwise create a new one (+ New Token)",
                )
                .with_detail(format!("Also check the account address: {}", self.base_url()));
                report.push(
                    Check::new(
                        Capability::Connect,
                        "API token",
                        CheckOutcome::Missing,
                        format!(
                            "GET /me: HTTP {}: {}",
                            e.status().unwrap_or(401),
                            e.message()
                        ),
                    )
                    .with_remedy(remedy.clone()),
                );
                report.push_not_checked(&rights, "the token was refused", &remedy);
                return Ok(report);
            }
            Err(e) => return Err(e),
        };

        let ticket_write = me
            .as_ref()
            .and_then(|m| m.permissions.ticket)
            .and_then(|t| t.write);

        // Tickets - List/Search, then Tickets - View Details on the first ticket found.
        let mut first_ticket: Option<i64> = None;
        if wants(Capability::ReadTickets) || wants(Capability::ReadNotes) {
            let list = probe(self.tickets().list(&TicketFilter::new().page(1)).await)?;
            let evidence = match &list {
                Probe::Ok(p) => {
                    first_ticket = p.items.first().map(|t: &Ticket| t.id);
                    format!(
                        "GET /tickets?page=1 → 200, {} ticket(s) on the page",
                        p.items.len()
                    )
                }
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /tickets?page=1: {m}"),
            };
            if wants(Capability::ReadTickets) {
                report.push(outcome_check(
                    Capability::ReadTickets,
                    "Tickets - List/Search",
                    &list,
                    evidence,
                ));
            }
            let view = match first_ticket {
                Some(id) => match probe(self.tickets().get(id).await)? {
                    Probe::Ok(_) => (CheckOutcome::Granted, format!("GET /tickets/{id} → 200")),
                    Probe::Denied(m) => (CheckOutcome::Missing, format!("GET /tickets/{id}: {m}")),
                    Probe::Unclear(m) => {
                        (CheckOutcome::Unverified, format!("GET /tickets/{id}: {m}"))
                    }
                },
                None => (
                    CheckOutcome::Unverified,
                    "no ticket could be listed to read its details".to_string(),
                ),
            };
            for cap in [Capability::ReadTickets, Capability::ReadNotes] {
                if wants(cap) {
                    report.push(with_remedy(Check::new(
                        cap,
                        "Tickets - View Details",
                        view.0,
                        view.1.clone(),
                    )));
                }
            }
        }

        // Writes: never tried.
        let write_check = |cap: Capability, right: &str, create: bool| -> Check {
            match ticket_write {
                Some(false) if !create => Check::new(
                    cap,
                    right,
                    CheckOutcome::Missing,
                    "GET /me reports permissions.ticket.write = false: this token's user cannot edit tickets",
                ),
                Some(false) => Check::new(
                    cap,
                    right,
                    CheckOutcome::Unverified,
                    "GET /me reports permissions.ticket.write = false (the user cannot edit tickets; creating may be refused too); not tested, as that would write",
                ),
                Some(true) => Check::new(
                    cap,
                    right,
                    CheckOutcome::Unverified,
                    "GET /me reports permissions.ticket.write = true for the user, but the token's own boxes cannot be read without writing",
                ),
                None => Check::new(
                    cap,
                    right,
                    CheckOutcome::Unverified,
                    "cannot be checked without writing",
                ),
            }
        };
        if wants(Capability::CreateTickets) {
            report.push(with_remedy(write_check(
                Capability::CreateTickets,
                "Tickets - Create",
                true,
            )));
        }
        for cap in [Capability::UpdateTickets, Capability::CloseTickets] {
            if wants(cap) {
                report.push(with_remedy(write_check(cap, "Tickets - Edit", false)));
            }
        }
        if wants(Capability::AddNotes) {
            let both = "Tickets - Edit + Ticket Comments - New";
            let c = write_check(Capability::AddNotes, both, false).with_remedy(
                Remedy::new(TOKEN_SCREEN, "tick 'Tickets - Edit' and 'Ticket Comments - New'").with_detail(
                    "Syncro's API documentation gates POST /tickets/{id}/comment on 'Tickets - Edit', while the token screen also \
                     lists 'Ticket Comments - New'; tick both. "
                        .to_string()
                        + CHANGE_DETAIL,
                ),
            );
            report.push(c);
        }
        if wants(Capability::AttachmentUrls) {
            let mut c = write_check(Capability::AttachmentUrls, "Tickets - Edit", false);
            c.evidence = format!("{} (attach_file_url)", c.evidence);
            report.push(with_remedy(c));
        }

        // Customers - List/Search, Customers - View Detail.
        if wants(Capability::ReadCompanies) {
            let list = probe(self.customers().list(&CustomerFilter::new().page(1)).await)?;
            let mut first_customer = None;
            let evidence = match &list {
                Probe::Ok(p) => {
                    first_customer = p.items.first().map(|c| c.id);
                    format!(
                        "GET /customers?page=1 → 200, {} customer(s) on the page",
                        p.items.len()
                    )
                }
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /customers?page=1: {m}"),
            };
            report.push(outcome_check(
                Capability::ReadCompanies,
                "Customers - List/Search",
                &list,
                evidence,
            ));
            let view = match first_customer {
                Some(id) => match probe(self.customers().get(id).await)? {
                    Probe::Ok(_) => (CheckOutcome::Granted, format!("GET /customers/{id} → 200")),
                    Probe::Denied(m) => {
                        (CheckOutcome::Missing, format!("GET /customers/{id}: {m}"))
                    }
                    Probe::Unclear(m) => (
                        CheckOutcome::Unverified,
                        format!("GET /customers/{id}: {m}"),
                    ),
                },
                None => (
                    CheckOutcome::Unverified,
                    "no customer could be listed to read its details".to_string(),
                ),
            };
            report.push(with_remedy(Check::new(
                Capability::ReadCompanies,
                "Customers - View Detail",
                view.0,
                view.1,
            )));
        }
        if wants(Capability::ReadContacts) {
            let list = probe(self.contacts().list(None, 1).await)?;
            let evidence = match &list {
                Probe::Ok(p) => format!(
                    "GET /contacts?page=1 → 200, {} contact(s) on the page",
                    p.items.len()
                ),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /contacts?page=1: {m}"),
            };
            report.push(outcome_check(
                Capability::ReadContacts,
                "Customers - View Detail",
                &list,
                evidence,
            ));
        }

        // Base data and users: no permission is documented for these.
        if wants(Capability::BaseData) {
            for (path, result) in [
                (
                    "/tickets/settings",
                    probe(self.cached_ticket_settings().await.map(|_| ()))?,
                ),
                (
                    "/settings",
                    probe(self.cached_account_settings().await.map(|_| ()))?,
                ),
            ] {
                let evidence = match &result {
                    Probe::Ok(_) => format!("GET {path} → 200"),
                    Probe::Denied(m) | Probe::Unclear(m) => format!("GET {path}: {m}"),
                };
                let right = format!("{path} (statuses, priorities; no permission documented)");
                let mut c = outcome_check(Capability::BaseData, &right, &result, evidence);
                if c.outcome != CheckOutcome::Granted {
                    c = c.with_remedy(
                        Remedy::new(TOKEN_SCREEN, "tick the Tickets permissions listed above")
                            .with_detail("Syncro documents no permission for this call; a refusal usually means the token's user is restricted."),
                    );
                }
                report.push(c);
            }
        }
        if wants(Capability::ReadResources) {
            let result = probe(self.users().list().await)?;
            let evidence = match &result {
                Probe::Ok(u) => format!("GET /users → 200, {} user(s)", u.len()),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /users: {m}"),
            };
            let mut c = outcome_check(
                Capability::ReadResources,
                "/users (no permission documented)",
                &result,
                evidence,
            );
            if c.outcome != CheckOutcome::Granted {
                c = c.with_remedy(Remedy::new(TOKEN_SCREEN, "review the token's user and its group").with_detail(
                    "Syncro documents no permission for GET /users; a refusal usually means the token's user is restricted.",
                ));
            }
            report.push(c);
        }
        // Contracts - List/Search, Ticket Timers - Overview (BusinessConnector).
        if wants(Capability::ReadContracts) {
            let result = probe(self.contracts().list(1).await)?;
            let evidence = match &result {
                Probe::Ok(p) => format!(
                    "GET /contracts?page=1 → 200, {} contract(s) on the page",
                    p.items.len()
                ),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /contracts?page=1: {m}"),
            };
            report.push(outcome_check(
                Capability::ReadContracts,
                "Contracts - List/Search",
                &result,
                evidence,
            ));
        }
        // Invoices are billing reads like contracts: the same capability, their own permission.
        if wants(Capability::ReadContracts) {
            let result = probe(self.invoices().list(&InvoiceFilter::new().page(1)).await)?;
            let evidence = match &result {
                Probe::Ok(p) => format!(
                    "GET /invoices?page=1 → 200, {} invoice(s) on the page",
                    p.items.len()
                ),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /invoices?page=1: {m}"),
            };
            report.push(outcome_check(
                Capability::ReadContracts,
                "Invoices - List/Search",
                &result,
                evidence,
            ));
        }
        if wants(Capability::ReadTimeEntries) {
            let result = probe(self.ticket_timers().list(&TimerFilter::new().page(1)).await)?;
            let evidence = match &result {
                Probe::Ok(p) => format!(
                    "GET /ticket_timers?page=1 → 200, {} timer(s) on the page",
                    p.items.len()
                ),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /ticket_timers?page=1: {m}"),
            };
            report.push(outcome_check(
                Capability::ReadTimeEntries,
                "Ticket Timers - Overview",
                &result,
                evidence,
            ));
        }
        // Leads: optional (`CheckSet::Leads`), under read-companies (prospective customers).
        if options.includes(CheckSet::Leads) {
            let result = probe(self.leads().list(&LeadFilter::new().page(1)).await)?;
            let evidence = match &result {
                Probe::Ok(p) => format!(
                    "GET /leads?page=1 → 200, {} lead(s) on the page",
                    p.items.len()
                ),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /leads?page=1: {m}"),
            };
            report.push(
                outcome_check(
                    Capability::ReadCompanies,
                    "Leads - List/Search",
                    &result,
                    evidence,
                )
                .in_set(CheckSet::Leads),
            );
        }
        if wants(Capability::ReadTicketCategories) {
            let result = probe(self.cached_account_settings().await.map(|_| ()))?;
            let evidence = match &result {
                Probe::Ok(_) => "GET /settings → 200 (problem types)".to_string(),
                Probe::Denied(m) | Probe::Unclear(m) => format!("GET /settings: {m}"),
            };
            let mut c = outcome_check(
                Capability::ReadTicketCategories,
                "/settings (problem types; no permission documented)",
                &result,
                evidence,
            );
            if c.outcome != CheckOutcome::Granted {
                c = c.with_remedy(Remedy::new(TOKEN_SCREEN, "review the token's user and its group").with_detail(
                    "Syncro documents no permission for GET /settings; a refusal usually means the token's user is restricted.",
                ));
            }
            report.push(c);
        }
        if wants(Capability::Webhooks) {
            report.push(
                Check::new(
                    Capability::Webhooks,
                    "Notification Set webhook",
                    CheckOutcome::Unverified,
                    "webhooks are configured in Syncro's web UI; the API cannot list them",
                )
                .with_remedy(
                    Remedy::new("Syncro: Admin > Notification Center > Notification Sets", "add your webhook URL to the events you need (e.g. 'A Ticket was created')")
                        .with_detail("Syncro does not sign webhooks: use a long secret path in the URL and re-fetch the ticket through the API."),
                ),
            );
        }

        if let Some(rate) = self.transport().rate_limiter() {
            let (limit, window) = rate.limit();
            report.usage = Some(ApiUsage::new(
                rate.in_window() as u64,
                Some(u64::from(limit)),
                Some(window.as_secs()),
            ));
        }
        Ok(report)
    }
}

/// Sorts a probe's result; a failure to reach Syncro at all stops the preflight.
fn probe<T>(r: psa_core::Result<T>) -> psa_core::Result<Probe<T>> {
    match r {
        Ok(v) => Ok(Probe::Ok(v)),
        Err(e) => match e.kind() {
            ErrorKind::PermissionDenied => Ok(Probe::Denied(format!(
                "HTTP {}: {}",
                e.status().unwrap_or(401),
                e.message()
            ))),
            ErrorKind::Transport
            | ErrorKind::Timeout
            | ErrorKind::Unauthenticated
            | ErrorKind::Config => Err(e),
            _ => Ok(Probe::Unclear(unclear(&e))),
        },
    }
}

fn unclear(e: &Error) -> String {
    match e.status() {
        Some(s) => format!("HTTP {s}: {}", e.message()),
        None => e.message().to_string(),
    }
}

fn outcome_check<T>(cap: Capability, right: &str, p: &Probe<T>, evidence: String) -> Check {
    let outcome = match p {
        Probe::Ok(_) => CheckOutcome::Granted,
        Probe::Denied(_) => CheckOutcome::Missing,
        Probe::Unclear(_) => CheckOutcome::Unverified,
    };
    let c = Check::new(cap, right, outcome, evidence);
    if right.starts_with('/') {
        c
    } else {
        with_remedy(c)
    }
}

/// Adds the "tick this box" remedy to a check that is not granted.
fn with_remedy(c: Check) -> Check {
    if c.outcome == CheckOutcome::Granted || c.remedy.is_some() {
        return c;
    }
    let right = c.right.clone();
    c.with_remedy(tick(&right))
}
