//! The three-way verdict: ready, ready but unverified, or missing.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Capability, CheckOutcome, PreflightReport};

/// Whether an integration can run with the capabilities it needs.
///
/// Nothing here treats an unverified right as ready: [`Readiness::Unverified`] lists the rights
/// that neither the vendor's data nor a read-only call could confirm, so that a caller decides
/// (and tells the user) what to make sure of by hand.
///
/// ```
/// use psa_core::{Capability, Check, CheckOutcome, PreflightReport, Readiness, Vendor};
/// let mut r = PreflightReport::new(Vendor::Syncro, "https://acme.syncromsp.com/api/v1");
/// r.push(Check::new(Capability::ReadTickets, "Tickets - List/Search", CheckOutcome::Granted, "200"));
/// r.push(Check::new(Capability::CreateTickets, "Tickets - Create", CheckOutcome::Unverified, "needs a write"));
/// assert_eq!(r.readiness(&[Capability::ReadTickets]), Readiness::Ready);
/// assert_eq!(
///     r.readiness(&[Capability::ReadTickets, Capability::CreateTickets]),
///     Readiness::Unverified(vec![Capability::CreateTickets])
/// );
/// assert_eq!(r.readiness(&[Capability::Webhooks]), Readiness::Unverified(vec![Capability::Webhooks]));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", content = "capabilities", rename_all = "kebab-case")]
pub enum Readiness {
    /// Every needed right is granted.
    Ready,
    /// Nothing is proven missing, but these rights could not be confirmed (or were not checked).
    Unverified(Vec<Capability>),
    /// These rights are missing or only partly granted.
    Missing(Vec<Capability>),
}

impl Readiness {
    /// Whether every needed right is granted.
    pub fn is_ready(&self) -> bool {
        matches!(self, Readiness::Ready)
    }

    /// The capabilities the verdict names (empty when ready).
    pub fn capabilities(&self) -> &[Capability] {
        match self {
            Readiness::Ready => &[],
            Readiness::Unverified(c) | Readiness::Missing(c) => c,
        }
    }
}

impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names =
            |caps: &[Capability]| caps.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ");
        match self {
            Readiness::Ready => f.write_str("ready: every needed right is granted"),
            Readiness::Unverified(c) => write!(
                f,
                "ready only if these unverified rights hold (make sure of them by hand): {}",
                names(c)
            ),
            Readiness::Missing(c) => write!(f, "not ready, missing: {}", names(c)),
        }
    }
}

/// Worst-first order of outcomes.
pub(super) fn rank(o: CheckOutcome) -> u8 {
    match o {
        CheckOutcome::Granted => 0,
        CheckOutcome::Unverified => 1,
        CheckOutcome::Partial => 2,
        CheckOutcome::Missing => 3,
    }
}

impl PreflightReport {
    /// The verdict for these needed capabilities. Features (see [`Capability::is_right`]) are
    /// ignored: ask [`crate::Connector::capabilities`] for those. A failed `connect` check always
    /// counts, whatever is needed. A needed right without any check is unverified; Missing and
    /// Partial are missing.
    pub fn readiness(&self, needed: &[Capability]) -> Readiness {
        let mut caps: Vec<Capability> = needed.iter().copied().filter(|c| c.is_right()).collect();
        if self.checks_for(Capability::Connect).next().is_some() {
            caps.push(Capability::Connect);
        }
        caps.sort();
        caps.dedup();
        let mut missing = Vec::new();
        let mut unverified = Vec::new();
        for cap in caps {
            match self.outcome(cap) {
                Some(CheckOutcome::Granted) => {}
                Some(CheckOutcome::Missing | CheckOutcome::Partial) => missing.push(cap),
                _ => unverified.push(cap),
            }
        }
        if !missing.is_empty() {
            Readiness::Missing(missing)
        } else if !unverified.is_empty() {
            Readiness::Unverified(unverified)
        } else {
            Readiness::Ready
        }
    }

    /// The verdict over every capability the report checked.
    pub fn readiness_all(&self) -> Readiness {
        self.readiness(&self.checked())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Check, Remedy};
    use super::*;
    use crate::Vendor;

    fn report(checks: &[(Capability, CheckOutcome)]) -> PreflightReport {
        let mut r = PreflightReport::new(Vendor::Autotask, "https://x.example/");
        for (cap, o) in checks {
            r.push(Check::new(*cap, cap.name(), *o, "e").with_remedy(Remedy::new("s", "x")));
        }
        r
    }

    #[test]
    fn unverified_is_never_ready() {
        let r = report(&[
            (Capability::Connect, CheckOutcome::Granted),
            (Capability::CreateTickets, CheckOutcome::Unverified),
        ]);
        let v = r.readiness(&[Capability::CreateTickets]);
        assert_eq!(v, Readiness::Unverified(vec![Capability::CreateTickets]));
        assert!(!v.is_ready());
        assert!(v.to_string().contains("create-tickets"));
    }

    #[test]
    fn missing_and_partial_win_over_unverified_and_name_the_rights() {
        let r = report(&[
            (Capability::ReadTickets, CheckOutcome::Partial),
            (Capability::AddNotes, CheckOutcome::Missing),
            (Capability::Webhooks, CheckOutcome::Unverified),
        ]);
        let v = r.readiness_all();
        assert_eq!(
            v,
            Readiness::Missing(vec![Capability::ReadTickets, Capability::AddNotes])
        );
        assert_eq!(v.to_string(), "not ready, missing: read-tickets, add-notes");
    }

    #[test]
    fn a_failed_connect_counts_whatever_is_needed() {
        let r = report(&[
            (Capability::Connect, CheckOutcome::Missing),
            (Capability::ReadTickets, CheckOutcome::Unverified),
        ]);
        assert_eq!(
            r.readiness(&[Capability::ReadTickets]),
            Readiness::Missing(vec![Capability::Connect])
        );
    }

    #[test]
    fn features_are_not_judged_and_granted_rights_are_ready() {
        let r = report(&[(Capability::ReadTickets, CheckOutcome::Granted)]);
        assert_eq!(
            r.readiness(&[Capability::ReadTickets, Capability::InternalNotes]),
            Readiness::Ready
        );
        let json = serde_json::to_value(r.readiness(&[Capability::Webhooks])).unwrap();
        assert_eq!(json["verdict"], "unverified");
        assert_eq!(json["capabilities"][0], "webhooks");
    }
}
