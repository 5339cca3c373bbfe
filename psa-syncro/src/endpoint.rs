//! Where the API lives: the account's subdomain on `syncromsp.com` (or `repairshopr.com`), or an
//! explicit base URL.
//!
//! Syncro has no discovery call: the API root is `https://{subdomain}.syncromsp.com/api/v1/`.
//! Users paste their subdomain in many forms, so [`normalize_subdomain`] accepts `acme`,
//! `acme.syncromsp.com` and `https://acme.syncromsp.com/` and refuses anything that is not one
//! DNS label once those are stripped.

use psa_core::{Error, HostPolicy};
use url::Url;

/// The default base domain.
pub const SYNCRO_DOMAIN: &str = "syncromsp.com";
/// RepairShopr, Syncro's sister product, serves the same API on this domain.
pub const REPAIRSHOPR_DOMAIN: &str = "repairshopr.com";

/// The base domains accepted without [`allow_custom_base_domain`](crate::SyncroClientBuilder::allow_custom_base_domain).
pub const KNOWN_DOMAINS: &[&str] = &[SYNCRO_DOMAIN, REPAIRSHOPR_DOMAIN];

/// Normalises what a user typed as the subdomain into one lowercase DNS label.
///
/// Strips surrounding spaces, an `http(s)://` scheme, a trailing `/` or `/api/v1[/]`, and the
/// base domain (`.syncromsp.com`, `.repairshopr.com` or the custom one). Returns the label and,
/// when the input named a known base domain, that domain. Anything left that is not one label —
/// dots, slashes, `@`, a port, spaces, non-ASCII — is a `Config` error quoting the value.
///
/// ```
/// use psa_syncro::endpoint::normalize_subdomain;
/// assert_eq!(normalize_subdomain("acme", "subdomain", "syncromsp.com").unwrap().0, "acme");
/// assert_eq!(normalize_subdomain("https://Acme.SyncroMSP.com/", "subdomain", "syncromsp.com").unwrap().0, "acme");
/// let (label, domain) = normalize_subdomain("shop.repairshopr.com", "subdomain", "syncromsp.com").unwrap();
/// assert_eq!((label.as_str(), domain), ("shop", Some("repairshopr.com".to_string())));
/// for bad in ["acme.evil.com", "acme/x", "me@acme", "acme:8443", "ac me", "acmé", "", "-acme"] {
///     assert!(normalize_subdomain(bad, "subdomain", "syncromsp.com").is_err(), "{bad}");
/// }
/// ```
pub fn normalize_subdomain(
    input: &str,
    setting: &str,
    base_domain: &str,
) -> psa_core::Result<(String, Option<String>)> {
    let refuse = |why: &str| {
        Error::config(
            setting,
            format!(
                "{input:?} is not a Syncro subdomain: {why} (expected e.g. \"acme\" for https://acme.syncromsp.com)"
            ),
        )
    };
    let mut s = input.trim().to_string();
    if s.is_empty() {
        return Err(Error::config(
            setting,
            "is empty (expected e.g. \"acme\" for https://acme.syncromsp.com)",
        ));
    }
    if !s.is_ascii() {
        return Err(refuse("it contains non-ASCII characters"));
    }
    let lower = s.to_ascii_lowercase();
    for scheme in ["https://", "http://"] {
        if lower.starts_with(scheme) {
            s = s[scheme.len()..].to_string();
            break;
        }
    }
    let mut host = s.to_ascii_lowercase();
    for suffix in ["/api/v1/", "/api/v1", "/"] {
        if let Some(h) = host.strip_suffix(suffix) {
            host = h.to_string();
            break;
        }
    }
    if host.contains('@') {
        return Err(refuse("it contains '@' (user information is not allowed)"));
    }
    if host.contains(':') {
        return Err(refuse("it contains ':' (ports are not allowed)"));
    }
    if host.contains('/') || host.contains('\\') || host.contains('?') || host.contains('#') {
        return Err(refuse("it contains a path"));
    }
    if host.chars().any(char::is_whitespace) {
        return Err(refuse("it contains spaces"));
    }
    let host = host.trim_end_matches('.').to_string();
    let base = base_domain.to_ascii_lowercase();
    let mut named_domain = None;
    let mut label = host.clone();
    let mut candidates: Vec<&str> = vec![base.as_str()];
    candidates.extend(KNOWN_DOMAINS.iter().copied().filter(|d| *d != base));
    for d in candidates {
        if let Some(l) = host.strip_suffix(&format!(".{d}")) {
            label = l.to_string();
            named_domain = Some(d.to_string());
            break;
        }
    }
    if label.contains('.') {
        return Err(refuse(
            "it has dots left after removing the base domain; give only the first label",
        ));
    }
    check_label(&label).map_err(refuse)?;
    Ok((label, named_domain))
}

/// Checks a base domain (`syncromsp.com`): ASCII labels separated by dots.
pub(crate) fn normalize_domain(input: &str, setting: &str) -> psa_core::Result<String> {
    let d = input
        .trim()
        .trim_start_matches('.')
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let bad = || {
        Error::config(
            setting,
            format!("{input:?} is not a domain name (expected e.g. \"syncromsp.com\")"),
        )
    };
    if d.is_empty() || !d.is_ascii() || !d.contains('.') {
        return Err(bad());
    }
    for label in d.split('.') {
        check_label(label).map_err(|_| bad())?;
    }
    Ok(d)
}

fn check_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("it is empty");
    }
    if label.len() > 63 {
        return Err("it is longer than 63 characters");
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err("only letters, digits and '-' are allowed");
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("it cannot start or end with '-'");
    }
    Ok(())
}

/// Parses an explicit API root such as the simulator's `http://127.0.0.1:PORT/api/v1/`.
pub(crate) fn parse_base_url(input: &str, setting: &str) -> psa_core::Result<Url> {
    let trimmed = input.trim();
    let mut url = Url::parse(trimmed).map_err(|e| {
        Error::config(
            setting,
            format!(
                "{trimmed:?} is not a URL ({e}); expected e.g. https://acme.syncromsp.com/api/v1/"
            ),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::config(
            setting,
            format!("{trimmed:?} must be an http(s) URL"),
        ));
    }
    if url.host_str().is_none() {
        return Err(Error::config(setting, format!("{trimmed:?} has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            setting,
            "must not contain user information; the token goes in the Authorization header",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(
            setting,
            format!("{trimmed:?} must not have a query or fragment (no api_key in URLs)"),
        ));
    }
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

/// The API root for a subdomain on a base domain.
pub(crate) fn api_root(subdomain: &str, base_domain: &str) -> psa_core::Result<Url> {
    Url::parse(&format!("https://{subdomain}.{base_domain}/api/v1/"))
        .map_err(|e| Error::config("subdomain", format!("gives no valid URL: {e}")))
}

/// The hosts credentials may go to: the account's own host, or for an explicit base URL any
/// host under the allowed base domains.
pub(crate) fn host_policy(exact_host: Option<&str>, domains: &[String]) -> HostPolicy {
    let mut p = HostPolicy::new();
    if let Some(h) = exact_host {
        p = p.host(h);
    } else {
        for d in domains {
            p = p.suffix(d.clone());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        for input in [
            "acme",
            " ACME ",
            "acme.syncromsp.com",
            "https://acme.syncromsp.com",
            "https://acme.syncromsp.com/",
            "http://acme.syncromsp.com/api/v1/",
            "acme.syncromsp.com.",
        ] {
            let (label, _) = normalize_subdomain(input, "subdomain", SYNCRO_DOMAIN).unwrap();
            assert_eq!(label, "acme", "{input}");
        }
        let (l, d) = normalize_subdomain("shop.example.net", "subdomain", "example.net").unwrap();
        assert_eq!((l.as_str(), d.as_deref()), ("shop", Some("example.net")));
        assert_eq!(
            normalize_subdomain("my-shop-2", "subdomain", SYNCRO_DOMAIN)
                .unwrap()
                .0,
            "my-shop-2"
        );
    }

    #[test]
    fn refusals_quote_the_value_and_say_why() {
        let cases = [
            ("acme.other.com", "dots"),
            ("acme.syncromsp.com/tickets", "path"),
            ("user@acme", "'@'"),
            ("acme:443", "ports"),
            ("acme.syncromsp.com:443", "ports"),
            ("ac me", "spaces"),
            ("açme", "non-ASCII"),
            ("acme_1", "letters, digits"),
            ("a".repeat(64).as_str(), "63"),
        ]
        .map(|(a, b)| (a.to_string(), b));
        for (input, why) in cases {
            let err = normalize_subdomain(&input, "SYNCRO_SUBDOMAIN", SYNCRO_DOMAIN).unwrap_err();
            let text = err.to_string();
            assert!(text.contains("SYNCRO_SUBDOMAIN"), "{text}");
            assert!(text.contains(&format!("{input:?}")), "{text}");
            assert!(text.contains(why), "{input}: {text}");
        }
    }

    #[test]
    fn domains_and_base_urls() {
        assert_eq!(
            normalize_domain("RepairShopr.com", "base_domain").unwrap(),
            "repairshopr.com"
        );
        assert!(normalize_domain("localhost", "base_domain").is_err());
        assert!(normalize_domain("exa mple.com", "base_domain").is_err());
        assert_eq!(
            parse_base_url("http://127.0.0.1:9/api/v1", "base_url")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9/api/v1/"
        );
        assert!(
            parse_base_url("https://acme.syncromsp.com/api/v1/?api_key=x", "base_url").is_err()
        );
        assert!(parse_base_url("ftp://acme.syncromsp.com/", "base_url").is_err());
        assert!(parse_base_url("https://u:p@acme.syncromsp.com/", "base_url").is_err());
    }
}
