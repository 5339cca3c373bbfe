//! Permission preflight, read-only: `companyinfo` → `/system/info` → `/system/mySecurity`,
//! compared row by row with the recommended security role.

use psa_core::{
    Capability, Check, CheckOutcome, CheckSet, ErrorKind, PreflightOptions, PreflightReport,
    Remedy, Result, Vendor,
};

use crate::ConnectWiseClient;
use crate::client::Call;
use crate::models::{MySecurity, SecurityLevel};

mod role;

use role::role_rows;
pub use role::{CLOUDRADIAL_ROLE, RECOMMENDED_ROLE, RecommendedRight, RoleOp};

fn norm(s: &str) -> String {
    s.trim()
        .trim_end_matches('*')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

fn purpose(cap: Capability) -> &'static str {
    match cap {
        Capability::ReadTickets => "needed to read tickets",
        Capability::CreateTickets => "needed to create tickets",
        Capability::UpdateTickets => "needed to change tickets",
        Capability::CloseTickets => "needed to close tickets",
        Capability::ReadNotes => "needed to read notes",
        Capability::AddNotes => "needed to add notes",
        Capability::ReadCompanies => "needed to read companies",
        Capability::ReadContacts => "needed to read contacts",
        Capability::ReadResources => "needed to read members",
        Capability::Attachments => "needed to attach files",
        Capability::BaseData => "needed to read boards, statuses, priorities and sources",
        Capability::ReadOpportunities => "needed to read opportunities, stages, statuses and types",
        Capability::CreateOpportunities => "needed to create and change opportunities",
        Capability::ReadTicketCategories => "needed to read board types, subtypes and items",
        Capability::TicketSource => {
            "needed only until the ticket source is registered; remove Add afterwards"
        }
        _ => "needed by the integration",
    }
}

fn role_remedy(role: &str, r: &RecommendedRight) -> Remedy {
    Remedy::new(
        format!(
            "System > Security Roles > {role} > {} > {}",
            r.module, r.function
        ),
        format!("set {} to All", r.op.label()),
    )
    .with_detail(purpose(r.capability))
}

fn right_name(r: &RecommendedRight) -> String {
    format!("{} / {}: {}", r.module, r.function, r.op.label())
}

const KEYS_SCREEN: &str = "System > Members > API Members > (the API member) > API Keys";

impl ConnectWiseClient {
    /// Checks the API member's rights without writing anything.
    ///
    /// `companyinfo` (is the company on this site?), `/system/info` (do the keys and clientId
    /// work?), then `/system/mySecurity` compared row by row with [`RECOMMENDED_ROLE`] (plus
    /// [`CLOUDRADIAL_ROLE`] when the options include `CheckSet::CloudRadial`): every shortfall
    /// is Missing (None) or Partial (My) with the remedy "System > Security Roles > (role) >
    /// (module) > (function): set (column) to All"; a function absent from `mySecurity` is
    /// Unverified. Table Setup Add counts only until the ticket source is registered. When
    /// `mySecurity` is not readable, Inquire rights are probed with `GET
    /// …/count?conditions=id=0` and Add/Edit rights are reported Unverified.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use psa_core::{Capability, CheckOutcome, CheckSet, PreflightOptions, Readiness};
    /// let sim = psa_sim::ConnectWiseSim::builder().seed(1).deny(Capability::CreateTickets).start().await?;
    /// let client = psa_connectwise::ConnectWiseClient::builder()
    ///     .site(sim.site()).company_id(sim.company_id()).public_key(sim.public_key())
    ///     .private_key(sim.private_key()).client_id(sim.client_id())
    ///     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true))
    ///     .build().await?;
    /// let report = client.preflight(&PreflightOptions::all().with_extra(CheckSet::CloudRadial)).await?;
    /// assert_eq!(report.outcome(Capability::CreateTickets), Some(CheckOutcome::Missing));
    /// assert_eq!(report.readiness(&[Capability::ReadTickets]), Readiness::Ready);
    /// assert_eq!(report.readiness_all(), Readiness::Missing(vec![Capability::CreateTickets]));
    /// assert!(report.to_string().contains("Service Tickets"));
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn preflight(&self, options: &PreflightOptions) -> Result<PreflightReport> {
        let mut report = PreflightReport::new(Vendor::ConnectWise, self.api_base().as_str());
        let declared = crate::capabilities::CAPABILITIES;
        let rights = options.rights_to_check(declared);
        let wants = |c: Capability| rights.contains(&c);
        report.push_unsupported(options, declared);

        // 1. companyinfo
        let info = match self.system().company_info().await {
            Ok(info) => info,
            Err(e) if matches!(e.kind(), ErrorKind::Discovery | ErrorKind::Config) => {
                let remedy = Remedy::new(
                    "the integration's settings",
                    "site and company id (the company you log in with)",
                );
                report.push(
                    Check::new(
                        Capability::Connect,
                        "companyinfo",
                        CheckOutcome::Missing,
                        e.message().to_string(),
                    )
                    .with_remedy(remedy.clone()),
                );
                report.push_not_checked(&rights, "the company was not found on this site", &remedy);
                return Ok(report);
            }
            Err(e) => return Err(e),
        };

        // 2. /system/info: do the keys work?
        let sys = match self.system().info().await {
            Ok(s) => s,
            Err(e) if e.kind() == ErrorKind::Unauthenticated || e.status() == Some(401) => {
                let remedy = Remedy::new(KEYS_SCREEN, "create a key pair and use its public and private keys")
                    .with_detail("also check the company id and that the clientId comes from developer.connectwise.com/ClientID");
                report.push(
                    Check::new(
                        Capability::Connect,
                        "API member keys and clientId",
                        CheckOutcome::Missing,
                        format!(
                            "/system/info answered HTTP {}: {}",
                            e.status().unwrap_or(0),
                            e.message()
                        ),
                    )
                    .with_remedy(remedy.clone()),
                );
                report.push_not_checked(&rights, "the API member's keys were refused", &remedy);
                return Ok(report);
            }
            Err(e) => return Err(e),
        };
        // Like every connector, the connect check is always reported.
        report.push(Check::new(
            Capability::Connect,
            "API member keys and clientId",
            CheckOutcome::Granted,
            format!(
                "company {} on codebase {}; /system/info: version {}{}",
                info.company_id.as_deref().unwrap_or(self.company_id()),
                info.codebase,
                sys.version.as_deref().unwrap_or("?"),
                match (sys.is_cloud, sys.cloud_region.as_deref()) {
                    (Some(true), Some(r)) => format!(", cloud ({r})"),
                    (Some(true), None) => ", cloud".to_string(),
                    (Some(false), _) => ", on-premise".to_string(),
                    _ => String::new(),
                }
            ),
        ));

        // 3. /system/mySecurity
        match self.system().my_security().await {
            Ok(rows) => {
                let (user, role) = self.who_am_i(&rows).await;
                report.api_user = user;
                self.compare_rows(&mut report, &rows, &role, &role_rows(options), &wants)
                    .await?;
            }
            Err(e) if e.kind() == ErrorKind::Unauthenticated => return Err(e),
            Err(e) => {
                let why = format!(
                    "/system/mySecurity is not readable (HTTP {}: {})",
                    e.status().unwrap_or(0),
                    e.message()
                );
                self.probe_without_my_security(&mut report, &why, &role_rows(options), &wants)
                    .await?;
            }
        }

        // One probe of /system/callbacks answers both: receiving callbacks and provisioning
        // them (`ensure_webhooks`) need the same System > callbacks right.
        let hook_caps: Vec<Capability> = [Capability::Webhooks, Capability::ProvisionWebhooks]
            .into_iter()
            .filter(|c| wants(*c))
            .collect();
        if !hook_caps.is_empty() {
            let check = self.webhook_check().await?;
            for cap in hook_caps {
                let mut c = check.clone();
                c.capability = cap;
                report.push(c);
            }
        }
        Ok(report)
    }

    /// The API member's name and role, from the rows' `member` and `/system/members/{id}`.
    async fn who_am_i(&self, rows: &[MySecurity]) -> (Option<String>, String) {
        let member = rows.iter().find_map(|r| r.member.clone());
        let user = member
            .as_ref()
            .map(|m| match (m.identifier.as_deref(), m.name.as_deref()) {
                (Some(i), Some(n)) if i != n => format!("{n} ({i})"),
                (Some(i), _) => i.to_string(),
                (None, Some(n)) => n.to_string(),
                (None, None) => m.id.map(|i| format!("member {i}")).unwrap_or_default(),
            });
        let role = match member.as_ref().and_then(|m| m.id) {
            Some(id) => match self.members().get(id).await {
                Ok(m) => m.security_role.and_then(|r| r.name),
                Err(e) => {
                    tracing::debug!(error = %e, "cannot read the API member's role name");
                    None
                }
            },
            None => None,
        };
        (
            user.filter(|u| !u.is_empty()),
            role.unwrap_or_else(|| "(the API member's role)".to_string()),
        )
    }

    async fn compare_rows(
        &self,
        report: &mut PreflightReport,
        rows: &[MySecurity],
        role: &str,
        expected: &[(&'static RecommendedRight, Option<CheckSet>)],
        wants: &(dyn Fn(Capability) -> bool + Sync),
    ) -> Result<()> {
        for (r, set) in expected.iter().copied() {
            if !wants(r.capability) {
                continue;
            }
            let row = rows.iter().find(|row| {
                row.module_name.as_deref().map(norm) == Some(norm(r.module))
                    && row.module_function_name.as_deref().map(norm) == Some(norm(r.function))
            });
            if r.capability == Capability::TicketSource
                && let Some(check) = self.source_registered_check(r).await
            {
                report.push(check);
                continue;
            }
            let check = match row.map(|row| (row, r.op.level(row))) {
                // The role's own data cannot confirm the right: unverified, never missing.
                None => Check::new(
                    r.capability,
                    right_name(r),
                    CheckOutcome::Unverified,
                    format!(
                        "mySecurity has no row for {} / {}; the right cannot be confirmed from it",
                        r.module, r.function
                    ),
                )
                .with_remedy(role_remedy(role, r)),
                Some((_, level)) => {
                    let shown = level
                        .map(|l| l.to_string())
                        .unwrap_or_else(|| "none".into());
                    let evidence = format!("mySecurity: {} {shown}", r.op.field());
                    match level {
                        Some(SecurityLevel::All) => {
                            Check::new(r.capability, right_name(r), CheckOutcome::Granted, evidence)
                        }
                        Some(SecurityLevel::My) => Check::new(
                            r.capability,
                            right_name(r),
                            CheckOutcome::Partial,
                            format!("{evidence} (only the member's own records)"),
                        )
                        .with_remedy(role_remedy(role, r)),
                        _ => {
                            Check::new(r.capability, right_name(r), CheckOutcome::Missing, evidence)
                                .with_remedy(role_remedy(role, r))
                        }
                    }
                }
            };
            report.push(match set {
                Some(set) => check.in_set(set),
                None => check,
            });
        }
        Ok(())
    }

    /// When the configured source already exists, Table Setup Add is no longer needed.
    async fn source_registered_check(&self, r: &RecommendedRight) -> Option<Check> {
        let name = self.inner.source_name.as_deref()?;
        match self.sources().find_by_name(name).await {
            Ok(Some(s)) => Some(Check::new(
                r.capability,
                right_name(r),
                CheckOutcome::Granted,
                format!(
                    "the ticket source {name:?} is registered (id {}); Table Setup Add is no longer needed",
                    s.id
                ),
            )),
            Ok(None) => None,
            Err(e) => {
                tracing::debug!(error = %e, "cannot look the ticket source up");
                None
            }
        }
    }

    async fn probe_without_my_security(
        &self,
        report: &mut PreflightReport,
        why: &str,
        expected: &[(&'static RecommendedRight, Option<CheckSet>)],
        wants: &(dyn Fn(Capability) -> bool + Sync),
    ) -> Result<()> {
        let probes: &[(Capability, &str, &str, &str)] = &[
            (
                Capability::ReadTickets,
                "service/tickets",
                "Service Desk",
                "Service Tickets",
            ),
            (
                Capability::ReadCompanies,
                "company/companies",
                "Companies",
                "Company Maintenance",
            ),
            (
                Capability::ReadContacts,
                "company/contacts",
                "Companies",
                "Contacts",
            ),
            (
                Capability::ReadResources,
                "system/members",
                "System",
                "Member Maintenance",
            ),
            (
                Capability::BaseData,
                "service/boards",
                "System",
                "Table Setup",
            ),
            (
                Capability::ReadOpportunities,
                "sales/opportunities",
                "Sales",
                "Opportunity",
            ),
            (
                Capability::ReadContracts,
                "finance/agreements",
                "Finance",
                "Agreements",
            ),
            (
                Capability::ReadTimeEntries,
                "time/entries",
                "Time & Expense",
                "Time Entry",
            ),
            (
                Capability::ReadTickets,
                "project/tickets",
                "Project",
                "Project Tickets",
            ),
            (
                Capability::ReadTickets,
                "project/projects",
                "Project",
                "Project Management",
            ),
            (
                Capability::UpdateTickets,
                "schedule/entries",
                "Service Desk",
                "Resource Scheduling",
            ),
        ];
        for (cap, path, module, function) in probes {
            // Only the rows asked for: the project probes belong to the CloudRadial set.
            let Some(set) = expected
                .iter()
                .find(|(r, _)| {
                    r.op == RoleOp::Inquire && r.module == *module && r.function == *function
                })
                .map(|(_, set)| *set)
            else {
                continue;
            };
            if !wants(*cap) {
                continue;
            }
            let r = RecommendedRight {
                module,
                function,
                op: RoleOp::Inquire,
                capability: *cap,
            };
            let call = Call::get(format!("{path}/count")).query("conditions", "id=0");
            let check = match self.execute(&call).await {
                Ok(_) => Check::new(
                    *cap,
                    right_name(&r),
                    CheckOutcome::Granted,
                    format!("{why}; GET {path}/count answered 200"),
                ),
                Err(e) if e.kind() == ErrorKind::PermissionDenied => Check::new(
                    *cap,
                    right_name(&r),
                    CheckOutcome::Missing,
                    format!("{why}; GET {path}/count answered HTTP 403: {}", e.message()),
                )
                .with_remedy(role_remedy("(the API member's role)", &r)),
                Err(e) if e.kind() == ErrorKind::Unauthenticated => return Err(e),
                Err(e) => Check::new(
                    *cap,
                    right_name(&r),
                    CheckOutcome::Unverified,
                    format!("{why}; GET {path}/count failed: {}", e.message()),
                )
                .with_remedy(role_remedy("(the API member's role)", &r)),
            };
            report.push(match set {
                Some(set) => check.in_set(set),
                None => check,
            });
        }
        for (r, set) in expected.iter().copied() {
            let probed = r.op == RoleOp::Inquire
                && probes
                    .iter()
                    .any(|(_, _, m, f)| *m == r.module && *f == r.function);
            if probed || !wants(r.capability) {
                continue;
            }
            let how = if r.op == RoleOp::Inquire {
                "no read-only probe shows this Inquire level"
            } else {
                "this level cannot be checked without writing"
            };
            let check = Check::new(
                r.capability,
                right_name(r),
                CheckOutcome::Unverified,
                format!("{why}; {how}"),
            )
            .with_remedy(role_remedy("(the API member's role)", r));
            report.push(match set {
                Some(set) => check.in_set(set),
                None => check,
            });
        }
        Ok(())
    }

    async fn webhook_check(&self) -> Result<Check> {
        let remedy = Remedy::new(
            "System > Security Roles > (the API member's role) > System",
            "allow the API member to manage callbacks (/system/callbacks)",
        )
        .with_detail("callbacks are not part of the recommended role; registering one is only proven by doing it");
        let call = Call::get("system/callbacks/count");
        Ok(match self.execute(&call).await {
            Ok(_) => Check::new(
                Capability::Webhooks,
                "System / callbacks",
                CheckOutcome::Unverified,
                "GET system/callbacks/count answered 200; registering is not checked without writing",
            )
            .with_remedy(remedy),
            Err(e) if e.kind() == ErrorKind::PermissionDenied => Check::new(
                Capability::Webhooks,
                "System / callbacks",
                CheckOutcome::Missing,
                format!("GET system/callbacks/count answered HTTP 403: {}", e.message()),
            )
            .with_remedy(remedy),
            Err(e) if e.kind() == ErrorKind::Unauthenticated => return Err(e),
            Err(e) => Check::new(
                Capability::Webhooks,
                "System / callbacks",
                CheckOutcome::Unverified,
                format!("GET system/callbacks/count failed: {}", e.message()),
            )
            .with_remedy(remedy),
        })
    }
}
