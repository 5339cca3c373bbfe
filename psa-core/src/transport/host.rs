use std::net::IpAddr;

use url::{Host, Url};

use crate::{ClientOptions, Error, ErrorKind};

/// Which hosts a client may send credentials to.
///
/// HTTPS to an exact host or a domain suffix; plain HTTP and loopback only when explicitly
/// allowed. It applies to every URL, including those a server hands back (next-page links,
/// discovered zones, key URLs).
///
/// ```
/// use psa_core::HostPolicy;
/// let p = HostPolicy::new().suffix("autotask.net");
/// assert!(p.check(&"https://webservices5.autotask.net/ATServicesRest/".parse().unwrap()).is_ok());
/// assert!(p.check(&"https://autotask.net.evil.example/".parse().unwrap()).is_err());
/// assert!(p.check(&"http://webservices5.autotask.net/".parse().unwrap()).is_err());
/// assert!(p.check(&"http://127.0.0.1:8080/".parse().unwrap()).is_err());
/// assert!(p.clone().allow_loopback(true).check(&"http://127.0.0.1:8080/".parse().unwrap()).is_ok());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostPolicy {
    hosts: Vec<String>,
    suffixes: Vec<String>,
    allow_loopback: bool,
}

impl HostPolicy {
    /// A policy that allows nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Allows an exact host name.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.hosts
            .push(host.into().trim_end_matches('.').to_ascii_lowercase());
        self
    }

    /// Allows a domain and every subdomain of it (`autotask.net` allows `webservices5.autotask.net`).
    pub fn suffix(mut self, domain: impl Into<String>) -> Self {
        self.suffixes.push(
            domain
                .into()
                .trim_start_matches('.')
                .trim_end_matches('.')
                .to_ascii_lowercase(),
        );
        self
    }

    /// Allows plain HTTP and loopback hosts.
    pub fn allow_loopback(mut self, allow: bool) -> Self {
        self.allow_loopback = allow;
        self
    }

    /// Adds what the caller's options allow (extra hosts, loopback).
    pub fn with_options(mut self, options: &ClientOptions) -> Self {
        for h in &options.extra_allowed_hosts {
            self = self.host(h.clone());
        }
        self.allow_loopback |= options.allow_insecure_loopback;
        self
    }

    /// Whether loopback/plain HTTP is allowed.
    pub fn allows_loopback(&self) -> bool {
        self.allow_loopback
    }

    /// Checks a URL; the error names the refused host and what to do.
    pub fn check(&self, url: &Url) -> crate::Result<()> {
        let host = url
            .host()
            .ok_or_else(|| refuse(url, "the URL has no host"))?;
        let loopback = is_loopback(&host);
        if loopback {
            if self.allow_loopback && matches!(url.scheme(), "http" | "https") {
                return Ok(());
            }
            return Err(refuse(
                url,
                "loopback hosts are allowed only with ClientOptions::allow_insecure_loopback(true) (for the simulator)",
            ));
        }
        if url.scheme() != "https" {
            return Err(refuse(url, "only https is allowed for a non-loopback host"));
        }
        let name = match host {
            Host::Domain(d) => d.trim_end_matches('.').to_ascii_lowercase(),
            Host::Ipv4(ip) => ip.to_string(),
            Host::Ipv6(ip) => ip.to_string(),
        };
        let ok = self.hosts.contains(&name)
            || self
                .suffixes
                .iter()
                .any(|s| name == *s || name.ends_with(&format!(".{s}")));
        if ok {
            Ok(())
        } else {
            Err(refuse(
                url,
                "it is not a host of this vendor; add it with ClientOptions::allow_host if it is yours",
            ))
        }
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => {
            d.eq_ignore_ascii_case("localhost")
                || d.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

fn refuse(url: &Url, why: &str) -> Error {
    let host = url.host_str().unwrap_or("<none>");
    Error::new(
        ErrorKind::Config,
        format!(
            "refusing to send credentials to {}://{host}: {why}",
            url.scheme()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn exact_hosts_and_options() {
        let opts = ClientOptions::default().allow_host("psa.example.com");
        let p = HostPolicy::new()
            .host("api-na.myconnectwise.net")
            .with_options(&opts);
        assert!(
            p.check(&u(
                "https://api-na.myconnectwise.net/v4_6_release/apis/3.0/"
            ))
            .is_ok()
        );
        assert!(p.check(&u("https://psa.example.com/x")).is_ok());
        assert!(
            p.check(&u("https://evil-api-na.myconnectwise.net/"))
                .is_err()
        );
        let err = p.check(&u("https://evil.example/")).unwrap_err();
        assert!(err.to_string().contains("evil.example"), "{err}");
    }

    #[test]
    fn loopback_forms_are_all_refused_by_default() {
        let p = HostPolicy::new().suffix("example.com");
        for s in [
            "http://localhost/",
            "https://127.0.0.2/",
            "http://[::1]:80/",
        ] {
            assert!(p.check(&u(s)).is_err(), "{s}");
        }
        let p = p.allow_loopback(true);
        for s in [
            "http://localhost/",
            "https://127.0.0.2/",
            "http://[::1]:80/",
        ] {
            assert!(p.check(&u(s)).is_ok(), "{s}");
        }
        // Loopback allowed does not open plain http elsewhere.
        assert!(p.check(&u("http://www.example.com/")).is_err());
    }
}
