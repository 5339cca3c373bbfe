//! Permission preflight: which rights the API user has, which it lacks, and where an admin
//! grants them. Preflight never writes data.
//!
//! Each connector checks the rights among its declared [`crate::Capabilities`]; a right its
//! vendor's data cannot confirm is `Unverified`, never `Missing`, and
//! [`PreflightReport::readiness`] never counts it as ready. Rights one product needs on top of the
//! SDK's own calls come in optional [`CheckSet`]s.
//!
//! ```
//! use psa_core::{Capability, Check, CheckOutcome, PreflightReport, Readiness, Remedy, Vendor};
//! let mut report = PreflightReport::new(Vendor::Autotask, "https://webservices5.autotask.net/ATServicesRest/V1.0/");
//! report.push(Check::new(Capability::ReadTickets, "Tickets: query", CheckOutcome::Granted, "userAccessForQuery = All"));
//! report.push(
//!     Check::new(Capability::CreateTickets, "Tickets: create", CheckOutcome::Missing, "userAccessForCreate = None")
//!         .with_remedy(Remedy::new(
//!             "Admin > Account Settings & Users > Resources/Users (HR) > Security Levels",
//!             "Service Desk > Tickets: Add = All",
//!         )),
//! );
//! assert!(report.readiness(&[Capability::ReadTickets]).is_ready());
//! assert_eq!(report.readiness(&[Capability::CreateTickets]), Readiness::Missing(vec![Capability::CreateTickets]));
//! assert!(report.to_string().contains("Security Levels"));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::capabilities::Capability;
use crate::{Capabilities, Error, ErrorKind, Vendor};

mod readiness;
mod text;

pub use readiness::Readiness;

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
    /// The optional check set this right belongs to; `None` for the rights the SDK's own calls
    /// need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<CheckSet>,
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
            set: None,
        }
    }

    /// Marks the check as part of an optional check set.
    pub fn in_set(mut self, set: CheckSet) -> Self {
        self.set = Some(set);
        self
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

/// A named, optional set of rights that one product needs on top of the rights the SDK's own
/// calls need. Ask for it with [`PreflightOptions::with_extra`]; a connector without rows for a
/// set reports nothing for it.
///
/// ```
/// use psa_core::{CheckSet, PreflightOptions};
/// let opts = PreflightOptions::all().with_extra(CheckSet::CloudRadial);
/// assert!(opts.includes(CheckSet::CloudRadial));
/// assert_eq!("cloudradial".parse::<CheckSet>().unwrap(), CheckSet::CloudRadial);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckSet {
    /// The extra rows of the CloudRadial Chat setup guides (e.g. the ConnectWise role's
    /// Project, Team Members, Contact Group and Resource Scheduling rows).
    #[serde(rename = "cloudradial")]
    CloudRadial,
    /// The rights of the vendor-native project handlers (Autotask Projects, Tasks, ProjectNotes
    /// and TaskNotes), which the vendor-neutral traits do not use. Their checks carry the
    /// ticket capabilities (`read-tickets` for reads, `update-tickets` for writes).
    Projects,
}

impl CheckSet {
    /// Every check set.
    pub const ALL: &'static [CheckSet] = &[CheckSet::CloudRadial, CheckSet::Projects];

    /// The name used on command lines and in JSON (`cloudradial`).
    pub fn name(self) -> &'static str {
        match self {
            CheckSet::CloudRadial => "cloudradial",
            CheckSet::Projects => "projects",
        }
    }
}

impl fmt::Display for CheckSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for CheckSet {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CheckSet::ALL
            .iter()
            .copied()
            .find(|c| c.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = CheckSet::ALL.iter().map(|c| c.name()).collect();
                Error::new(
                    ErrorKind::Config,
                    format!(
                        "unknown check set {s:?}; expected one of: {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// What to check: which capabilities (empty means every right the connector declares) and
/// which optional [`CheckSet`]s.
///
/// ```
/// use psa_core::{Capabilities, Capability, PreflightOptions};
/// let opts = PreflightOptions::for_capabilities([Capability::ReadTickets, Capability::AddNotes]);
/// assert!(opts.wants(Capability::AddNotes));
/// assert!(!opts.wants(Capability::Webhooks));
/// let declared = Capabilities::new(&[Capability::Connect, Capability::ReadTickets, Capability::Queues]);
/// assert_eq!(PreflightOptions::all().rights_to_check(declared), [Capability::Connect, Capability::ReadTickets]);
/// assert_eq!(opts.unsupported(declared), [Capability::AddNotes]);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreflightOptions {
    /// The capabilities the integration needs; empty means every right the connector declares.
    pub capabilities: Vec<Capability>,
    /// Optional check sets to add.
    #[serde(default)]
    pub extra: Vec<CheckSet>,
}

impl PreflightOptions {
    /// Check every right the connector declares.
    pub fn all() -> Self {
        Self::default()
    }

    /// Check only these capabilities.
    pub fn for_capabilities(caps: impl IntoIterator<Item = Capability>) -> Self {
        PreflightOptions {
            capabilities: caps.into_iter().collect(),
            extra: Vec::new(),
        }
    }

    /// Adds an optional check set.
    pub fn with_extra(mut self, set: CheckSet) -> Self {
        if !self.extra.contains(&set) {
            self.extra.push(set);
        }
        self
    }

    /// Whether the optional check set is asked for.
    pub fn includes(&self, set: CheckSet) -> bool {
        self.extra.contains(&set)
    }

    /// Whether `cap` is asked for (always true for [`all`](Self::all)).
    pub fn wants(&self, cap: Capability) -> bool {
        self.capabilities.is_empty() || self.capabilities.contains(&cap)
    }

    /// The rights to check on a connector that declares `declared`, in report order: the
    /// declared rights that are asked for.
    pub fn rights_to_check(&self, declared: Capabilities) -> Vec<Capability> {
        declared.rights().filter(|c| self.wants(*c)).collect()
    }

    /// The rights asked for by name that the connector does not declare.
    pub fn unsupported(&self, declared: Capabilities) -> Vec<Capability> {
        let mut out: Vec<Capability> = self
            .capabilities
            .iter()
            .copied()
            .filter(|c| c.is_right() && !declared.supports(*c))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The answer to "can my integration run, and if not, what must the admin change?".
/// [`readiness`](Self::readiness) gives the verdict; `Display` prints a table, the verdict and
/// each remedy once.
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

    /// Adds a Missing check for each right asked for by name that the connector does not
    /// declare, so that the verdict names it instead of leaving it unchecked.
    pub fn push_unsupported(&mut self, options: &PreflightOptions, declared: Capabilities) {
        for cap in options.unsupported(declared) {
            let vendor = self.vendor;
            self.push(Check::new(
                cap,
                cap.name(),
                CheckOutcome::Missing,
                format!(
                    "the {vendor} connector does not offer {cap} (see Connector::capabilities)"
                ),
            ));
        }
    }

    /// After a failed `connect` check: adds each of `rights` but `connect` as Unverified ("not
    /// checked") with the connect remedy, so that the verdict names `connect` as missing and the
    /// text lists that remedy once.
    ///
    /// ```
    /// use psa_core::{Capability, Check, CheckOutcome, PreflightReport, Readiness, Remedy, Vendor};
    /// let mut r = PreflightReport::new(Vendor::Syncro, "https://acme.syncromsp.com/api/v1");
    /// let fix = Remedy::new("API Tokens", "create a new token");
    /// r.push(Check::new(Capability::Connect, "API token", CheckOutcome::Missing, "401").with_remedy(fix.clone()));
    /// r.push_not_checked(&[Capability::Connect, Capability::ReadTickets], "the token was refused", &fix);
    /// assert_eq!(r.outcome(Capability::ReadTickets), Some(CheckOutcome::Unverified));
    /// assert_eq!(r.readiness_all(), Readiness::Missing(vec![Capability::Connect]));
    /// ```
    pub fn push_not_checked(&mut self, rights: &[Capability], why: &str, remedy: &Remedy) {
        for cap in rights.iter().copied().filter(|c| *c != Capability::Connect) {
            self.push(
                Check::new(
                    cap,
                    cap.name(),
                    CheckOutcome::Unverified,
                    format!("not checked: {why}"),
                )
                .with_remedy(remedy.clone()),
            );
        }
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

    /// The capabilities that have at least one check, in report order.
    pub fn checked(&self) -> Vec<Capability> {
        let mut caps: Vec<Capability> = self.checks.iter().map(|c| c.capability).collect();
        caps.sort();
        caps.dedup();
        caps
    }

    /// The overall outcome of one capability: the worst of its checks.
    pub fn outcome(&self, cap: Capability) -> Option<CheckOutcome> {
        self.checks_for(cap)
            .map(|c| c.outcome)
            .max_by_key(|o| readiness::rank(*o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        r.push(
            Check::new(
                Capability::ReadTickets,
                "Project / Project Tickets: Inquire",
                CheckOutcome::Granted,
                "All",
            )
            .in_set(CheckSet::CloudRadial),
        );
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["vendor"], "connectwise");
        assert_eq!(v["checks"][0]["capability"], "read-tickets");
        assert_eq!(v["checks"][0]["outcome"], "missing");
        assert!(v["checks"][0].get("set").is_none());
        assert_eq!(v["checks"][1]["set"], "cloudradial");
        assert_eq!(
            r.outcome(Capability::ReadTickets),
            Some(CheckOutcome::Missing)
        );
        let back: PreflightReport = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn unsupported_rights_asked_for_are_named_missing() {
        let declared = Capabilities::new(&[Capability::Connect, Capability::ReadTickets]);
        let opts = PreflightOptions::for_capabilities([
            Capability::Impersonation,
            Capability::ReadTickets,
            Capability::SignedWebhooks,
        ]);
        let mut r = PreflightReport::new(Vendor::Syncro, "https://acme.syncromsp.com/api/v1");
        r.push_unsupported(&opts, declared);
        assert_eq!(r.checks.len(), 1);
        assert_eq!(
            r.readiness(&opts.capabilities),
            Readiness::Missing(vec![Capability::Impersonation])
        );
    }
}
