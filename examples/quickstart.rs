//! Quickstart (stand-in until the vendor crates land): builds a preflight report by hand and
//! prints it, showing what an admin sees when a right is missing.
use psa_core::{Capability, Check, CheckOutcome, PreflightReport, Remedy, Vendor};

fn main() {
    let mut report = PreflightReport::new(Vendor::Autotask, "simulated");
    report.push(Check::new(
        Capability::ReadTickets,
        "Tickets: query",
        CheckOutcome::Granted,
        "userAccessForQuery = All",
    ));
    report.push(
        Check::new(
            Capability::CreateTickets,
            "Tickets: create",
            CheckOutcome::Missing,
            "userAccessForCreate = None",
        )
        .with_remedy(Remedy::new(
            "Admin > Account Settings & Users > Resources/Users (HR) > Security Levels",
            "Service Desk > Tickets: Add",
        )),
    );
    eprintln!("{report}");
}
