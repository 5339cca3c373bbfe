//! Preflight promises, the same for every connector: with every right granted nothing is
//! missing and every declared right is checked; with one right denied the verdict names it.

use crate::{Capability, CheckOutcome, Connector, PreflightOptions, PreflightReport, Readiness};

/// Runs a full preflight on a PSA that grants every right the setup guide asks for and checks
/// that no check is Missing or Partial, that each right the connector declares has a check, and
/// that the verdict is not Missing. Returns the report for vendor-specific checks.
/// Panics on the first failure.
pub async fn assert_preflight_ready(c: &dyn Connector) -> PreflightReport {
    let declared = c.capabilities();
    let report = c
        .preflight(&PreflightOptions::all())
        .await
        .unwrap_or_else(|e| panic!("preflight: {e}"));
    for check in &report.checks {
        assert!(
            !matches!(check.outcome, CheckOutcome::Missing | CheckOutcome::Partial),
            "{} is {} although every right is granted\n{report}",
            check.right,
            check.outcome
        );
    }
    for cap in declared.rights() {
        assert!(
            report.checks_for(cap).next().is_some(),
            "{cap} is declared but preflight did not check it\n{report}"
        );
    }
    for check in &report.checks {
        assert!(
            declared.supports(check.capability),
            "preflight checked {} which the connector does not declare",
            check.capability
        );
        if check.outcome != CheckOutcome::Granted {
            assert!(
                check.remedy.is_some(),
                "{} is {} without a remedy",
                check.right,
                check.outcome
            );
        }
    }
    assert!(
        !matches!(report.readiness_all(), Readiness::Missing(_)),
        "verdict: {}\n{report}",
        report.readiness_all()
    );
    report
}

/// Runs a full preflight on a PSA where the right standing for `denied` was removed and checks
/// that the verdict for `denied` is Missing and names it, in the text too. Returns the report.
/// Panics on failure.
pub async fn assert_preflight_names_denied(
    c: &dyn Connector,
    denied: Capability,
) -> PreflightReport {
    let report = c
        .preflight(&PreflightOptions::all())
        .await
        .unwrap_or_else(|e| panic!("preflight: {e}"));
    match report.readiness(&[denied]) {
        Readiness::Missing(caps) => assert!(
            caps.contains(&denied),
            "denying {denied} made {caps:?} missing instead\n{report}"
        ),
        other => panic!("denying {denied} gave the verdict {other:?}\n{report}"),
    }
    let text = report.to_string();
    assert!(
        text.lines()
            .any(|l| l.starts_with("Verdict:") && l.contains(denied.name())),
        "the verdict line does not name {denied}\n{text}"
    );
    report
}
