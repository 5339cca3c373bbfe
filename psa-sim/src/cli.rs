//! The command line of the `psa-sim` binary: one table of flags, the parser, and `--help`
//! written from the table, so a flag cannot exist without its help line.

use std::str::FromStr;

/// Which simulators a flag applies to: none listed means every one.
type For = &'static [&'static str];

const ALL: For = &[];
const AT: For = &["autotask"];
const CW: For = &["connectwise"];
const SY: For = &["syncro"];
const CW_SY: For = &["connectwise", "syncro"];
const AT_SY: For = &["autotask", "syncro"];

/// The vendors, as the first argument names them, with their display names.
const VENDORS: [(&str, &str); 3] = [
    ("autotask", "Autotask"),
    ("connectwise", "ConnectWise PSA"),
    ("syncro", "Syncro"),
];

fn admits(of: For, vendor: &str) -> bool {
    of.is_empty() || of.contains(&vendor)
}

/// One flag: its name, the placeholder of its value (`None` for a switch), its simulators and
/// its help line.
pub(crate) struct Flag {
    name: &'static str,
    value: Option<&'static str>,
    of: For,
    help: &'static str,
}

const fn flag(name: &'static str, value: &'static str, of: For, help: &'static str) -> Flag {
    Flag {
        name,
        value: Some(value),
        of,
        help,
    }
}

const fn switch(name: &'static str, of: For, help: &'static str) -> Flag {
    Flag {
        name,
        value: None,
        of,
        help,
    }
}

/// Every flag the binary takes; each stands for a knob of the library builders.
pub(crate) const FLAGS: &[Flag] = &[
    flag(
        "--port",
        "N",
        ALL,
        "port on 127.0.0.1 (default 0: any free port)",
    ),
    flag(
        "--seed",
        "N",
        ALL,
        "seed of the generated tenant (default 1)",
    ),
    flag(
        "--companies",
        "N",
        ALL,
        "companies (Syncro: customers) to seed (default 5)",
    ),
    flag(
        "--contacts-per-company",
        "N",
        ALL,
        "contacts seeded per company (default 3)",
    ),
    flag(
        "--tickets",
        "N",
        ALL,
        "tickets to seed (default 50; 100000 is practical)",
    ),
    flag(
        "--notes-per-ticket",
        "N",
        ALL,
        "notes (Syncro: comments) per ticket (default 2)",
    ),
    flag(
        "--latency-ms",
        "MS",
        ALL,
        "delay added to every request (default 0)",
    ),
    flag(
        "--fail-5xx",
        "RATE",
        ALL,
        "share of requests answered with the vendor's 5xx (0-1)",
    ),
    flag(
        "--fail-429",
        "RATE",
        ALL,
        "share of requests answered with the vendor's 429 (0-1)",
    ),
    flag(
        "--fail-drop",
        "RATE",
        ALL,
        "share of connections dropped before the body (0-1)",
    ),
    flag(
        "--fail-truncate",
        "RATE",
        ALL,
        "share of bodies cut off half-way (0-1)",
    ),
    flag(
        "--fail-after-write",
        "SHARE",
        ALL,
        "for writes: share of faults that strike after the write was stored (default 0.5)",
    ),
    flag(
        "--fault-seed",
        "N",
        ALL,
        "seed of the fault draws (default 1)",
    ),
    flag(
        "--deny",
        "CAPABILITY",
        ALL,
        "remove the right behind a capability (kebab-case, e.g. create-tickets); repeatable",
    ),
    flag(
        "--hourly-threshold",
        "N",
        AT,
        "requests per rolling hour, then 429 (default 10000; 0 = off)",
    ),
    flag(
        "--threshold-window-secs",
        "S",
        AT,
        "the rolling window of the threshold (default 3600)",
    ),
    switch(
        "--threshold-delays",
        AT,
        "add Autotask's 0.5 s / 1 s delays above 50% / 75% of the threshold",
    ),
    flag(
        "--thread-limit",
        "N",
        AT,
        "requests in flight per endpoint (default 3; 0 = no limit)",
    ),
    flag(
        "--thread-limit-status",
        "CODE",
        AT,
        "HTTP status of the thread-limit refusal (default 429)",
    ),
    flag(
        "--deny-access",
        "ENTITY:VERB",
        AT,
        "security level row to None (e.g. TicketNotes:create); repeatable",
    ),
    flag(
        "--restrict-access",
        "ENTITY:VERB",
        AT,
        "security level row to Restricted; repeatable",
    ),
    switch("--no-impersonation", AT, "turn Resource Impersonation off"),
    flag(
        "--webhooks-allowed",
        "N",
        AT,
        "maximum number of webhooks (default 25; 0 = off)",
    ),
    flag(
        "--max-attachment-bytes",
        "N",
        AT,
        "largest attachment accepted (default 6 MiB)",
    ),
    flag("--username", "NAME", AT, "fixed API user name"),
    flag("--secret", "SECRET", AT, "fixed API user secret"),
    flag(
        "--integration-code",
        "CODE",
        AT,
        "fixed API tracking identifier",
    ),
    flag(
        "--rate-limit",
        "N",
        CW_SY,
        "requests per --rate-window-secs, then 429 (ConnectWise: default off; Syncro: default 180)",
    ),
    flag(
        "--rate-window-secs",
        "S",
        CW_SY,
        "the window of --rate-limit (default 60)",
    ),
    flag(
        "--set-level",
        "MODULE:FUNCTION:OP:LEVEL",
        CW,
        "one level of the API member's role, e.g. 'Service Desk:Service Tickets:add:None'; repeatable",
    ),
    switch(
        "--my-security-unreadable",
        CW,
        "answer /system/mySecurity with 403",
    ),
    flag("--company-id", "ID", CW, "the company id of the login"),
    flag("--public-key", "KEY", CW, "fixed public key"),
    flag("--private-key", "KEY", CW, "fixed private key"),
    flag("--client-id", "ID", CW, "fixed clientId"),
    flag(
        "--deny-permission",
        "NAME",
        SY,
        "remove a token permission, e.g. 'Tickets - Create'; repeatable",
    ),
    flag(
        "--ticket-page-size",
        "N",
        SY,
        "tickets per page of GET /tickets (default 25)",
    ),
    flag(
        "--customer-page-size",
        "N",
        SY,
        "customers per page of GET /customers (default 25)",
    ),
    flag(
        "--contact-page-size",
        "N",
        SY,
        "contacts per page of GET /contacts (default 50)",
    ),
    flag("--subdomain", "NAME", SY, "the account subdomain"),
    flag("--api-token", "TOKEN", SY, "fixed API token"),
    switch(
        "--retry-after",
        AT_SY,
        "send Retry-After on the rate limit's 429 (ConnectWise always does)",
    ),
];

/// The `--help` text.
pub(crate) fn help() -> String {
    let mut out = String::from(
        "psa-sim: serve a simulated Autotask, ConnectWise PSA or Syncro API on 127.0.0.1\n\n\
         usage: psa-sim <autotask|connectwise|syncro> [flags]\n       psa-sim --help\n\n\
         Prints the URLs and working credentials as the environment variables the clients'\n\
         from_env() read (with PSA_DEV_LOOPBACK), then serves until Ctrl-C.\n",
    );
    let line = |out: &mut String, f: &Flag| {
        let head = match f.value {
            Some(v) => format!("{} {v}", f.name),
            None => f.name.to_string(),
        };
        out.push_str(&format!("  {head:<34} {}\n", f.help));
    };
    out.push_str("\nevery simulator:\n");
    for f in FLAGS.iter().filter(|f| f.of.is_empty()) {
        line(&mut out, f);
    }
    for (vendor, label) in VENDORS {
        out.push_str(&format!("\n{label}:\n"));
        for f in FLAGS.iter().filter(|f| f.of.contains(&vendor)) {
            line(&mut out, f);
        }
    }
    out
}

/// A parsed command line.
#[derive(Debug)]
pub(crate) struct Args {
    pub(crate) vendor: String,
    given: Vec<(&'static str, String)>,
}

/// What the command line asks for.
#[derive(Debug)]
pub(crate) enum Command {
    Help,
    Serve(Args),
}

/// The usage line, appended to every command-line mistake.
pub(crate) const USAGE: &str =
    "usage: psa-sim <autotask|connectwise|syncro> [flags] (psa-sim --help lists them)";

/// Parses the arguments after the program name.
pub(crate) fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut it = args.into_iter();
    let vendor = it.next().ok_or_else(|| USAGE.to_string())?;
    if vendor == "--help" || vendor == "-h" {
        return Ok(Command::Help);
    }
    if !VENDORS.iter().any(|(v, _)| *v == vendor) {
        return Err(format!("unknown vendor {vendor:?}\n{USAGE}"));
    }
    let mut given = Vec::new();
    while let Some(arg) = it.next() {
        if arg == "--help" || arg == "-h" {
            return Ok(Command::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let f = FLAGS
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| format!("unknown option {name}\n{USAGE}"))?;
        if !admits(f.of, &vendor) {
            return Err(format!(
                "{name} is an option of {}, not of {vendor}\n{USAGE}",
                f.of.join(" and ")
            ));
        }
        let value = match (f.value, inline) {
            (None, None) => String::new(),
            (None, Some(_)) => return Err(format!("{name} takes no value\n{USAGE}")),
            (Some(_), Some(v)) => v,
            (Some(p), None) => it
                .next()
                .ok_or_else(|| format!("{name} needs a value ({p})\n{USAGE}"))?,
        };
        given.push((f.name, value));
    }
    Ok(Command::Serve(Args { vendor, given }))
}

impl Args {
    /// The last value of a flag, parsed.
    pub(crate) fn get<T: FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        match self.given.iter().rev().find(|(n, _)| *n == name) {
            None => Ok(None),
            Some((_, v)) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("{name} takes {}, got {v:?}\n{USAGE}", placeholder(name))),
        }
    }

    /// Every value of a repeatable flag, in order.
    pub(crate) fn all(&self, name: &str) -> impl Iterator<Item = &str> + '_ {
        let name = name.to_string();
        self.given
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a switch was given.
    pub(crate) fn on(&self, name: &str) -> bool {
        self.given.iter().any(|(n, _)| *n == name)
    }

    /// A share between 0 and 1.
    pub(crate) fn rate(&self, name: &str) -> Result<Option<f64>, String> {
        match self.get::<f64>(name)? {
            Some(r) if !(0.0..=1.0).contains(&r) => Err(format!(
                "{name} takes a share between 0 and 1, got {r}\n{USAGE}"
            )),
            r => Ok(r),
        }
    }
}

/// The placeholder of a flag's value in `--help` (`N`, `ENTITY:VERB`, …).
fn placeholder(name: &str) -> &'static str {
    FLAGS
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| f.value)
        .unwrap_or("a value")
}

/// Splits `A:B` (or more parts) into exactly `n` non-empty parts.
pub(crate) fn parts<'a>(name: &str, value: &'a str, n: usize) -> Result<Vec<&'a str>, String> {
    let p: Vec<&str> = value.splitn(n, ':').map(str::trim).collect();
    if p.len() != n || p.iter().any(|s| s.is_empty()) {
        return Err(format!(
            "{name} takes {}, got {value:?}\n{USAGE}",
            placeholder(name)
        ));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &[&str]) -> Result<Command, String> {
        parse(line.iter().map(|s| s.to_string()))
    }

    #[test]
    fn every_flag_is_in_the_help() {
        let h = help();
        for f in FLAGS {
            assert!(h.contains(f.name), "{} missing from --help", f.name);
        }
    }

    #[test]
    fn values_switches_and_mistakes() {
        let Ok(Command::Serve(a)) = args(&[
            "autotask",
            "--port=8090",
            "--thread-limit",
            "2",
            "--deny-access",
            "Tickets:create",
            "--deny-access",
            "TicketNotes:create",
            "--no-impersonation",
        ]) else {
            panic!("parses");
        };
        assert_eq!(a.get::<u16>("--port"), Ok(Some(8090)));
        assert_eq!(a.get::<usize>("--thread-limit"), Ok(Some(2)));
        assert_eq!(a.all("--deny-access").count(), 2);
        assert!(a.on("--no-impersonation"));
        assert!(matches!(args(&["syncro", "--help"]), Ok(Command::Help)));
        assert!(
            args(&["syncro", "--thread-limit", "2"])
                .unwrap_err()
                .contains("option of autotask")
        );
        assert!(matches!(
            args(&["syncro", "--rate-limit", "5"]),
            Ok(Command::Serve(_))
        ));
        assert!(args(&["autotask", "--rate-limit", "5"]).is_err());
        assert!(
            args(&["autotask", "--port"])
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(
            args(&["autotask", "--bogus"])
                .unwrap_err()
                .contains("unknown option")
        );
        let Ok(Command::Serve(a)) = args(&["connectwise", "--fail-5xx", "1.5"]) else {
            panic!("parses");
        };
        assert!(a.rate("--fail-5xx").is_err());
        assert_eq!(
            parts("--set-level", "a:b:c:d", 4).unwrap(),
            ["a", "b", "c", "d"]
        );
        assert!(parts("--deny-access", "Tickets", 2).is_err());
    }
}
