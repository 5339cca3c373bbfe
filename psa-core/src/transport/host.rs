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
    /// The one loopback host and port trusted, when pinned.
    loopback_pin: Option<(String, u16)>,
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

    /// Trusts loopback only at the host and port of `url` (the URL the client was configured
    /// with): a server-given URL on another loopback host or port is then refused like a foreign
    /// host. A non-loopback `url` pins nothing; an existing pin (from
    /// [`ClientOptions::dev_loopback`]) is kept.
    ///
    /// ```
    /// use psa_core::HostPolicy;
    /// let p = HostPolicy::new().allow_loopback(true).pin_loopback(&"http://127.0.0.1:8090/api/".parse().unwrap());
    /// assert!(p.check(&"http://127.0.0.1:8090/next".parse().unwrap()).is_ok());
    /// assert!(p.check(&"http://127.0.0.1:9999/next".parse().unwrap()).is_err());
    /// assert!(p.check(&"http://localhost:8090/next".parse().unwrap()).is_err());
    /// ```
    pub fn pin_loopback(mut self, url: &Url) -> Self {
        if self.loopback_pin.is_none()
            && let Some(host) = url.host()
            && is_loopback(&host)
            && let Some(port) = url.port_or_known_default()
        {
            self.loopback_pin = Some((normal_host(url), port));
        }
        self
    }

    /// Adds what the caller's options allow (extra hosts, loopback, the pinned dev loopback).
    /// A malformed [`ClientOptions::dev_loopback`] is a `Config` error.
    pub fn with_options(mut self, options: &ClientOptions) -> crate::Result<Self> {
        for h in &options.extra_allowed_hosts {
            self = self.host(h.clone());
        }
        self.allow_loopback |= options.allow_insecure_loopback;
        if let Some(hp) = &options.dev_loopback {
            let pin = parse_loopback(hp.trim())
                .map_err(|why| Error::config("ClientOptions::dev_loopback", why))?;
            self.loopback_pin = Some(pin);
        }
        Ok(self)
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
                match &self.loopback_pin {
                    Some((h, p))
                        if *h != normal_host(url) || Some(*p) != url.port_or_known_default() =>
                    {
                        return Err(refuse(
                            url,
                            &format!("only the configured loopback address {h}:{p} is trusted"),
                        ));
                    }
                    _ => return Ok(()),
                }
            }
            return Err(refuse(
                url,
                "loopback hosts are allowed only with ClientOptions::allow_insecure_loopback(true) (for the simulator)",
            ));
        }
        if url.scheme() != "https" {
            return Err(refuse(url, "only https is allowed for a non-loopback host"));
        }
        // Checked on every request: no allocation for the usual (already lower-case) domain.
        let name: std::borrow::Cow<'_, str> = match host {
            Host::Domain(d) => {
                let d = d.trim_end_matches('.');
                if d.bytes().any(|b| b.is_ascii_uppercase()) {
                    d.to_ascii_lowercase().into()
                } else {
                    d.into()
                }
            }
            Host::Ipv4(ip) => ip.to_string().into(),
            Host::Ipv6(ip) => ip.to_string().into(),
        };
        let ok = self.hosts.iter().any(|h| *h == name)
            || self.suffixes.iter().any(|s| {
                name == s.as_str()
                    || name
                        .strip_suffix(s.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            });
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

fn normal_host(url: &Url) -> String {
    match url.host() {
        Some(Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
        Some(Host::Ipv4(ip)) => ip.to_string(),
        Some(Host::Ipv6(ip)) => ip.to_string(),
        None => String::new(),
    }
}

/// Parses a loopback `host:port` (`127.0.0.1:8090`, `localhost:8090`, `[::1]:8090`).
pub(crate) fn parse_loopback(text: &str) -> std::result::Result<(String, u16), String> {
    let why = || {
        format!("{text:?} must be a loopback host and port, like 127.0.0.1:8090 or localhost:8090")
    };
    let url = Url::parse(&format!("http://{text}/")).map_err(|_| why())?;
    let host = url.host().ok_or_else(why)?;
    if !is_loopback(&host) || url.port().is_none() || url.path() != "/" {
        return Err(why());
    }
    Ok((normal_host(&url), url.port().unwrap_or(80)))
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
            .with_options(&opts)
            .unwrap();
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

    #[test]
    fn a_pinned_loopback_trusts_only_its_host_and_port() {
        let p = HostPolicy::new()
            .suffix("example.com")
            .allow_loopback(true)
            .pin_loopback(&u("http://127.0.0.1:8090/ATServicesRest/"));
        assert!(
            p.check(&u("http://127.0.0.1:8090/ATServicesRest/V1.0/x"))
                .is_ok()
        );
        for s in [
            "http://127.0.0.1:8091/",
            "http://127.0.0.2:8090/",
            "http://localhost:8090/",
            "http://[::1]:8090/",
        ] {
            let e = p.check(&u(s)).unwrap_err();
            assert!(e.to_string().contains("127.0.0.1:8090"), "{s}: {e}");
        }
        // The dev loopback option pins too, and wins over the configured URL.
        let opts = ClientOptions::default().dev_loopback("localhost:7000");
        let p = HostPolicy::new()
            .with_options(&opts)
            .unwrap()
            .pin_loopback(&u("http://127.0.0.1:8090/"));
        assert!(p.check(&u("http://localhost:7000/x")).is_ok());
        assert!(p.check(&u("http://127.0.0.1:8090/x")).is_err());
        for bad in [
            "example.com:80",
            "127.0.0.1",
            "127.0.0.1:x",
            "10.0.0.1:80",
            "127.0.0.1:80/x",
        ] {
            let opts = ClientOptions::default().dev_loopback(bad);
            assert!(HostPolicy::new().with_options(&opts).is_err(), "{bad}");
            let e = ClientOptions::default()
                .with_dev_loopback_var(bad)
                .unwrap_err();
            assert!(e.to_string().contains("PSA_DEV_LOOPBACK"), "{bad}: {e}");
        }
    }
}
