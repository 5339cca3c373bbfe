//! Permission preflight: which rights the API user has, which it lacks, and where an admin
//! grants them. Preflight never writes data.
//!
//! ```
//! use psa_core::{Capability, Check, CheckOutcome, PreflightReport, Remedy, Vendor};
//! let mut report = PreflightReport::new(Vendor::Autotask, "https://webservices5.autotask.net/ATServicesRest/V1.0/");
//! report.push(Check::new(Capability::ReadTickets, "Tickets: query", CheckOutcome::Granted, "userAccessForQuery = All"));
//! report.push(
//!     Check::new(Capability::CreateTickets, "Tickets: create", CheckOutcome::Missing, "userAccessForCreate = None")
//!         .with_remedy(Remedy::new(
//!             "Admin > Account Settings & Users > Resources/Users (HR) > Security Levels",
//!             "Service Desk > Tickets: Add = All",
//!         )),
//! );
//! assert!(report.ready_for(&[Capability::ReadTickets]));
//! assert!(!report.ready_for(&[Capability::CreateTickets]));
//! assert!(report.to_string().contains("Security Levels"));
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind, Vendor};

/// A right an integration may need, in vendor-neutral terms.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    /// Connect and authenticate at all.
    Connect,
    /// List and read tickets.
    ReadTickets,
    /// Create tickets.
    CreateTickets,
    /// Change tickets (status, priority, …).
    UpdateTickets,
    /// Close (complete) tickets.
    CloseTickets,
    /// Read ticket notes.
    ReadNotes,
    /// Add ticket notes.
    AddNotes,
    /// Read companies.
    ReadCompanies,
    /// Read contacts.
    ReadContacts,
    /// Read resources / members / users.
    ReadResources,
    /// Attach files to tickets.
    Attachments,
    /// Act on behalf of another resource.
    Impersonation,
    /// Register webhooks / callbacks.
    Webhooks,
    /// Read base data: statuses, priorities, queues, boards.
    BaseData,
    /// Register the integration as a ticket source.
    TicketSource,
}

impl Capability {
    /// Every capability, in report order.
    pub const ALL: &'static [Capability] = &[
        Capability::Connect,
        Capability::ReadTickets,
        Capability::CreateTickets,
        Capability::UpdateTickets,
        Capability::CloseTickets,
        Capability::ReadNotes,
        Capability::AddNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::ReadResources,
        Capability::Attachments,
        Capability::Impersonation,
        Capability::Webhooks,
        Capability::BaseData,
        Capability::TicketSource,
    ];

    /// The kebab-case name used on command lines and in JSON (`create-tickets`).
    ///
    /// ```
    /// assert_eq!(psa_core::Capability::CreateTickets.name(), "create-tickets");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Capability::Connect => "connect",
            Capability::ReadTickets => "read-tickets",
            Capability::CreateTickets => "create-tickets",
            Capability::UpdateTickets => "update-tickets",
            Capability::CloseTickets => "close-tickets",
            Capability::ReadNotes => "read-notes",
            Capability::AddNotes => "add-notes",
            Capability::ReadCompanies => "read-companies",
            Capability::ReadContacts => "read-contacts",
            Capability::ReadResources => "read-resources",
            Capability::Attachments => "attachments",
            Capability::Impersonation => "impersonation",
            Capability::Webhooks => "webhooks",
            Capability::BaseData => "base-data",
            Capability::TicketSource => "ticket-source",
        }
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Capability {
    type Err = Error;

    /// ```
    /// let c: psa_core::Capability = "add-notes".parse().unwrap();
    /// assert_eq!(c, psa_core::Capability::AddNotes);
    /// assert!("fly".parse::<psa_core::Capability>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Capability::ALL
            .iter()
            .copied()
            .find(|c| c.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = Capability::ALL.iter().map(|c| c.name()).collect();
                Error::new(
                    ErrorKind::Config,
                    format!(
                        "unknown capability {s:?}; expected one of: {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// The result of one check.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckOutcome {
    /// The right is there.
    Granted,
    /// The right is absent; the remedy says where to grant it.
    Missing,
    /// The right is there with restrictions (e.g. Autotask "Restricted", ConnectWise "My").
    Partial,
    /// Could not be verified without writing data; the remedy says what to make sure of.
    Unverified,
}

impl fmt::Display for CheckOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckOutcome::Granted => "granted",
            CheckOutcome::Missing => "MISSING",
            CheckOutcome::Partial => "partial",
            CheckOutcome::Unverified => "unverified",
        })
    }
}

/// Where an admin fixes a missing right.
///
/// ```
/// let r = psa_core::Remedy::new("System > Security Roles > CloudRadial Chat > Service Desk", "Service Tickets: Add = All")
///     .with_detail("Needed to create tickets.");
/// assert!(r.to_string().contains("Service Tickets: Add = All"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedy {
    /// The admin menu path of the screen.
    pub screen: String,
    /// The exact setting to change on that screen.
    pub setting: String,
    /// Further advice.
    pub detail: Option<String>,
}

impl Remedy {
    /// A remedy: the screen and the setting.
    pub fn new(screen: impl Into<String>, setting: impl Into<String>) -> Self {
        Remedy {
            screen: screen.into(),
            setting: setting.into(),
            detail: None,
        }
    }

    /// Adds advice.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.screen, self.setting)?;
        if let Some(d) = &self.detail {
            write!(f, " ({d})")?;
        }
        Ok(())
    }
}

/// One checked right.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// The vendor-neutral capability this right serves.
    pub capability: Capability,
    /// The vendor's own name for the right (`Service Desk / Service Tickets: Add`).
    pub right: String,
    /// The result.
    pub outcome: CheckOutcome,
    /// What the server said that led to the outcome.
    pub evidence: String,
    /// Where to fix it (set for everything that is not granted).
    pub remedy: Option<Remedy>,
}

impl Check {
    /// A check.
    pub fn new(
        capability: Capability,
        right: impl Into<String>,
        outcome: CheckOutcome,
        evidence: impl Into<String>,
    ) -> Self {
        Check {
            capability,
            right: right.into(),
            outcome,
            evidence: evidence.into(),
            remedy: None,
        }
    }

    /// Adds the remedy.
    pub fn with_remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = Some(remedy);
        self
    }
}

/// API usage against the vendor's quota.
///
/// ```
/// let u = psa_core::ApiUsage::new(124, Some(10_000), Some(3600));
/// assert_eq!(u.percent(), Some(1.24));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiUsage {
    /// Requests made in the current window.
    pub used: u64,
    /// The quota for the window, when known.
    pub limit: Option<u64>,
    /// The window's length in seconds, when known.
    pub window_secs: Option<u64>,
}

impl ApiUsage {
    /// Usage figures.
    pub fn new(used: u64, limit: Option<u64>, window_secs: Option<u64>) -> Self {
        ApiUsage {
            used,
            limit,
            window_secs,
        }
    }

    /// Percentage of the quota used.
    pub fn percent(&self) -> Option<f64> {
        self.limit
            .filter(|l| *l > 0)
            .map(|l| (self.used as f64) * 100.0 / (l as f64))
    }
}

/// What to check.
///
/// ```
/// use psa_core::{Capability, PreflightOptions};
/// let opts = PreflightOptions::for_capabilities([Capability::ReadTickets, Capability::AddNotes]);
/// assert!(opts.wants(Capability::AddNotes));
/// assert!(!opts.wants(Capability::Webhooks));
/// assert!(PreflightOptions::all().wants(Capability::Webhooks));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreflightOptions {
    /// The capabilities the integration needs; empty means all.
    pub capabilities: Vec<Capability>,
}

impl PreflightOptions {
    /// Check every capability.
    pub fn all() -> Self {
        Self::default()
    }

    /// Check only these capabilities.
    pub fn for_capabilities(caps: impl IntoIterator<Item = Capability>) -> Self {
        PreflightOptions {
            capabilities: caps.into_iter().collect(),
        }
    }

    /// Whether `cap` is to be checked.
    pub fn wants(&self, cap: Capability) -> bool {
        self.capabilities.is_empty() || self.capabilities.contains(&cap)
    }
}

/// The answer to "can my integration run, and if not, what must the admin change?".
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreflightReport {
    /// The PSA checked.
    pub vendor: Vendor,
    /// The API base URL that was checked (no secrets).
    pub endpoint: String,
    /// Who the API user is, as the PSA names it.
    pub api_user: Option<String>,
    /// API usage against the quota, where the vendor reports it.
    pub usage: Option<ApiUsage>,
    /// Each right checked.
    pub checks: Vec<Check>,
}

impl PreflightReport {
    /// An empty report.
    pub fn new(vendor: Vendor, endpoint: impl Into<String>) -> Self {
        PreflightReport {
            vendor,
            endpoint: endpoint.into(),
            api_user: None,
            usage: None,
            checks: Vec::new(),
        }
    }

    /// Adds a check.
    pub fn push(&mut self, check: Check) {
        self.checks.push(check);
    }

    /// The checks of one capability.
    pub fn checks_for(&self, cap: Capability) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(move |c| c.capability == cap)
    }

    /// The checks that are missing or partial.
    pub fn problems(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|c| matches!(c.outcome, CheckOutcome::Missing | CheckOutcome::Partial))
    }

    /// Whether the integration can run with these capabilities: every check for them is Granted
    /// or Unverified (nothing proven missing or partial), and each was checked at all.
    pub fn ready_for(&self, caps: &[Capability]) -> bool {
        caps.iter().all(|cap| {
            let mut any = false;
            for c in self.checks_for(*cap) {
                any = true;
                if matches!(c.outcome, CheckOutcome::Missing | CheckOutcome::Partial) {
                    return false;
                }
            }
            any
        })
    }

    /// Like [`ready_for`](Self::ready_for), but Unverified counts as not ready.
    pub fn verified_for(&self, caps: &[Capability]) -> bool {
        caps.iter().all(|cap| {
            let mut any = false;
            for c in self.checks_for(*cap) {
                any = true;
                if c.outcome != CheckOutcome::Granted {
                    return false;
                }
            }
            any
        })
    }

    /// The overall outcome of one capability: the worst of its checks.
    pub fn outcome(&self, cap: Capability) -> Option<CheckOutcome> {
        let rank = |o: CheckOutcome| match o {
            CheckOutcome::Granted => 0,
            CheckOutcome::Unverified => 1,
            CheckOutcome::Partial => 2,
            CheckOutcome::Missing => 3,
        };
        self.checks_for(cap)
            .map(|c| c.outcome)
            .max_by_key(|o| rank(*o))
    }
}

impl fmt::Display for PreflightReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} preflight for {}", self.vendor, self.endpoint)?;
        if let Some(u) = &self.api_user {
            writeln!(f, "API user: {u}")?;
        }
        if let Some(u) = &self.usage {
            match (u.limit, u.percent()) {
                (Some(l), Some(p)) => {
                    writeln!(f, "API usage: {} of {} requests ({p:.1}%)", u.used, l)?
                }
                _ => writeln!(f, "API usage: {} requests", u.used)?,
            }
        }
        let cap_w = self
            .checks
            .iter()
            .map(|c| c.capability.name().len())
            .max()
            .unwrap_or(10)
            .max(10);
        let right_w = self
            .checks
            .iter()
            .map(|c| c.right.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 60);
        writeln!(
            f,
            "{:<cap_w$}  {:<right_w$}  {:<10}  evidence",
            "capability", "right", "outcome"
        )?;
        for c in &self.checks {
            writeln!(
                f,
                "{:<cap_w$}  {:<right_w$}  {:<10}  {}",
                c.capability.name(),
                c.right,
                c.outcome.to_string(),
                c.evidence
            )?;
        }
        let fixes: Vec<_> = self
            .checks
            .iter()
            .filter(|c| c.outcome != CheckOutcome::Granted)
            .collect();
        if !fixes.is_empty() {
            writeln!(f, "\nTo fix:")?;
            for c in fixes {
                match &c.remedy {
                    Some(r) => writeln!(f, "- [{}] {}: {r}", c.outcome, c.right)?,
                    None => writeln!(f, "- [{}] {}", c.outcome, c.right)?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capability_names_round_trip() {
        for c in Capability::ALL {
            assert_eq!(c.name().parse::<Capability>().unwrap(), *c);
            assert_eq!(
                serde_json::to_string(c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
    }

    #[test]
    fn unverified_is_ready_but_not_verified() {
        let mut r = PreflightReport::new(Vendor::Syncro, "https://acme.syncromsp.com/api/v1");
        r.push(Check::new(
            Capability::CreateTickets,
            "Tickets - Create",
            CheckOutcome::Unverified,
            "needs a write",
        ));
        assert!(r.ready_for(&[Capability::CreateTickets]));
        assert!(!r.verified_for(&[Capability::CreateTickets]));
        assert!(
            !r.ready_for(&[Capability::Webhooks]),
            "unchecked capability is not ready"
        );
    }

    #[test]
    fn report_serializes_to_json() {
        let mut r = PreflightReport::new(
            Vendor::ConnectWise,
            "https://api-na.myconnectwise.net/v2025_1/apis/3.0/",
        );
        r.push(
            Check::new(
                Capability::ReadTickets,
                "Service Desk / Service Tickets: Inquire",
                CheckOutcome::Missing,
                "inquireLevel None",
            )
            .with_remedy(Remedy::new(
                "System > Security Roles > Role > Service Desk",
                "Service Tickets: Inquire Level = All",
            )),
        );
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["vendor"], "connectwise");
        assert_eq!(v["checks"][0]["capability"], "read-tickets");
        assert_eq!(v["checks"][0]["outcome"], "missing");
        assert_eq!(
            r.outcome(Capability::ReadTickets),
            Some(CheckOutcome::Missing)
        );
    }
}
