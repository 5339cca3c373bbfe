//! The text form of a report: a table whose columns fit the longest right, the verdict naming
//! what is missing, and each remedy once with the rights it fixes.

use std::fmt;

use super::{Check, CheckOutcome, PreflightReport, Readiness, Remedy};

fn capability_label(c: &Check) -> String {
    match c.set {
        Some(set) => format!("{} ({set})", c.capability),
        None => c.capability.name().to_string(),
    }
}

/// One remedy (or none) and the rights it fixes, each with its worst outcome.
type FixGroup<'a> = (Option<&'a Remedy>, Vec<(&'a str, CheckOutcome)>);

/// The remedies of the checks that are not granted, each once, with the rights it fixes
/// (each right once, with its worst outcome), in order of first appearance.
pub(super) fn grouped_fixes(checks: &[Check]) -> Vec<FixGroup<'_>> {
    let mut groups: Vec<FixGroup<'_>> = Vec::new();
    for c in checks.iter().filter(|c| c.outcome != CheckOutcome::Granted) {
        let remedy = c.remedy.as_ref();
        let idx = match groups.iter().position(|(r, _)| *r == remedy) {
            Some(i) => i,
            None => {
                groups.push((remedy, Vec::new()));
                groups.len() - 1
            }
        };
        let rights = &mut groups[idx].1;
        match rights.iter_mut().find(|(r, _)| *r == c.right.as_str()) {
            Some(entry) => {
                if super::readiness::rank(c.outcome) > super::readiness::rank(entry.1) {
                    entry.1 = c.outcome;
                }
            }
            None => rights.push((c.right.as_str(), c.outcome)),
        }
    }
    groups
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
        let labels: Vec<String> = self.checks.iter().map(capability_label).collect();
        let cap_w = labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            .max("capability".len());
        let right_w = self
            .checks
            .iter()
            .map(|c| c.right.chars().count())
            .max()
            .unwrap_or(0)
            .max("right".len());
        writeln!(
            f,
            "{:<cap_w$}  {:<right_w$}  {:<10}  evidence",
            "capability", "right", "outcome"
        )?;
        for (c, label) in self.checks.iter().zip(&labels) {
            writeln!(
                f,
                "{:<cap_w$}  {:<right_w$}  {:<10}  {}",
                label,
                c.right,
                c.outcome.to_string(),
                c.evidence
            )?;
        }
        let verdict = self.readiness_all();
        write!(f, "\nVerdict: {verdict}")?;
        if let Readiness::Missing(caps) = &verdict {
            // Name the vendor's rights too, each once.
            let mut rights: Vec<&str> = Vec::new();
            for c in self.problems().filter(|c| caps.contains(&c.capability)) {
                if !rights.contains(&c.right.as_str()) {
                    rights.push(&c.right);
                }
            }
            if !rights.is_empty() {
                write!(f, " (rights: {})", rights.join("; "))?;
            }
        }
        writeln!(f)?;
        let fixes = grouped_fixes(&self.checks);
        if !fixes.is_empty() {
            writeln!(f, "\nTo fix:")?;
            for (remedy, rights) in fixes {
                let rights = rights
                    .iter()
                    .map(|(r, o)| format!("{r} [{o}]"))
                    .collect::<Vec<_>>()
                    .join("; ");
                match remedy {
                    Some(r) => writeln!(f, "- {r}\n  for: {rights}")?,
                    None => writeln!(f, "- no remedy known for: {rights}")?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Capability, Check, CheckOutcome, Remedy};
    use super::*;
    use crate::Vendor;

    #[test]
    fn each_remedy_is_listed_once_with_its_rights() {
        let mut r = PreflightReport::new(Vendor::Syncro, "https://acme.syncromsp.com/api/v1");
        let tick = Remedy::new("API Tokens", "tick 'Tickets - Edit'");
        for cap in [
            Capability::UpdateTickets,
            Capability::CloseTickets,
            Capability::AttachmentUrls,
        ] {
            r.push(
                Check::new(
                    cap,
                    "Tickets - Edit",
                    CheckOutcome::Unverified,
                    "needs a write",
                )
                .with_remedy(tick.clone()),
            );
        }
        r.push(Check::new(
            Capability::ReadTickets,
            "Tickets - List/Search",
            CheckOutcome::Granted,
            "200",
        ));
        let text = r.to_string();
        assert_eq!(text.matches("tick 'Tickets - Edit'").count(), 1, "{text}");
        assert!(
            text.contains("for: Tickets - Edit [unverified]\n"),
            "{text}"
        );
        assert!(
            text.contains("Verdict: ready only if these unverified rights hold"),
            "{text}"
        );
    }

    #[test]
    fn long_right_names_keep_the_columns_aligned() {
        let mut r = PreflightReport::new(Vendor::Autotask, "https://x.example/");
        let long = "Web Services API > Resource Impersonation (Tickets, Ticket Notes, Attachments) and more";
        r.push(Check::new(
            Capability::Impersonation,
            long,
            CheckOutcome::Unverified,
            "e1",
        ));
        r.push(Check::new(
            Capability::ReadTickets,
            "Tickets: query",
            CheckOutcome::Missing,
            "e2",
        ));
        let text = r.to_string();
        let col = |needle: &str| {
            text.lines()
                .find(|l| l.ends_with(needle))
                .and_then(|l| l.find(needle))
                .unwrap()
        };
        assert_eq!(col("e1"), col("e2"), "{text}");
        assert_eq!(col("evidence"), col("e1"), "{text}");
        assert!(
            text.contains("Verdict: not ready, missing: read-tickets"),
            "{text}"
        );
    }
}
