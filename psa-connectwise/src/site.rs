//! Where a ConnectWise PSA lives: cloud regions and their `api-` hosts, staging, on-premise
//! servers, and the simulator.

use std::fmt;

use psa_core::{ClientOptions, Error, Result};
use url::{Host, Url};

/// The cloud regions and their web (UI) hosts; the API is on `api-{region}.myconnectwise.net`.
pub(crate) const CLOUD_REGIONS: &[&str] = &["na", "eu", "au", "aus", "za"];
const CLOUD_DOMAIN: &str = "myconnectwise.net";
const STAGING_UI: &str = "staging.connectwisedev.com";
const STAGING_API: &str = "api-staging.connectwisedev.com";

/// What kind of site a [`Site`] is.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteKind {
    /// ConnectWise cloud, in a region (`na`, `eu`, `au`, `aus`, `za`).
    Cloud {
        /// The region.
        region: String,
    },
    /// ConnectWise's staging cloud.
    Staging,
    /// A server named by the caller (on-premise, sandbox), used exactly as given.
    Custom,
    /// A loopback server (the simulator), plain http allowed by the caller's options.
    Loopback,
}

/// A ConnectWise site, resolved to the origin of its API host.
///
/// Accepts a region name (`na`), a cloud web host (`na.myconnectwise.net`, with or without
/// `https://`) or API host (`api-na.myconnectwise.net`), `staging`, or any other host or origin
/// (`psa.example.com`, `https://psa.example.com:8443`), which is used exactly as given and must be
/// https — plain http only for loopback with [`ClientOptions::allow_insecure_loopback`].
///
/// ```
/// use psa_connectwise::Site;
/// use psa_core::ClientOptions;
/// let opts = ClientOptions::default();
/// for input in ["na", "NA", "na.myconnectwise.net", "api-na.myconnectwise.net", "https://na.myconnectwise.net/"] {
///     assert_eq!(Site::parse(input, &opts).unwrap().origin(), "https://api-na.myconnectwise.net", "{input}");
/// }
/// assert_eq!(Site::parse("aus", &opts).unwrap().host(), "api-aus.myconnectwise.net");
/// assert_eq!(Site::parse("staging", &opts).unwrap().host(), "api-staging.connectwisedev.com");
/// assert_eq!(Site::parse("psa.example.com", &opts).unwrap().origin(), "https://psa.example.com");
/// assert!(Site::parse("http://psa.example.com", &opts).is_err());
/// assert!(Site::parse("http://127.0.0.1:8080", &opts).is_err());
/// let sim = ClientOptions::default().allow_insecure_loopback(true);
/// assert_eq!(Site::parse("http://127.0.0.1:8080", &sim).unwrap().origin(), "http://127.0.0.1:8080");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Site {
    origin: Url,
    kind: SiteKind,
    given: String,
}

impl fmt::Debug for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Site")
            .field("origin", &self.origin())
            .field("kind", &self.kind)
            .finish()
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin())
    }
}

fn bad(problem: impl fmt::Display) -> Error {
    Error::config("site", problem)
}

impl Site {
    /// Resolves a site as described above; a malformed site is a `Config` error naming `site`.
    pub fn parse(input: &str, options: &ClientOptions) -> Result<Site> {
        let given = input.trim();
        if given.is_empty() {
            return Err(bad(
                "is empty; give a region (na, eu, au, aus, za), a host such as api-na.myconnectwise.net, or an origin such as https://psa.example.com",
            ));
        }
        let lower = given.to_ascii_lowercase();
        if CLOUD_REGIONS.contains(&lower.as_str()) {
            return Site::cloud(&lower, given);
        }
        if lower == "staging" {
            return Site::from_url(format!("https://{STAGING_API}"), SiteKind::Staging, given);
        }
        let has_scheme = lower.contains("://");
        let url = if has_scheme {
            Url::parse(given).map_err(|e| bad(format!("{given:?} is not a valid URL: {e}")))?
        } else {
            Url::parse(&format!("https://{given}"))
                .map_err(|e| bad(format!("{given:?} is not a valid host: {e}")))?
        };
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad(
                "must not carry a user name or password; credentials go in the builder",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() || !matches!(url.path(), "" | "/") {
            return Err(bad(format!(
                "{given:?} has a path or query; give only the origin (https://host[:port]); the codebase path is discovered"
            )));
        }
        let host = match url.host() {
            Some(Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
            Some(Host::Ipv4(ip)) => ip.to_string(),
            Some(Host::Ipv6(ip)) => format!("[{ip}]"),
            None => return Err(bad(format!("{given:?} has no host"))),
        };
        let loopback = match url.host() {
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback && options.allow_insecure_loopback => {}
            "http" if loopback => {
                return Err(bad(format!(
                    "{given:?} is plain http on loopback; allow it with ClientOptions::allow_insecure_loopback(true) (for the simulator only)"
                )));
            }
            "http" => {
                return Err(bad(format!(
                    "{given:?} uses plain http; ConnectWise requires https"
                )));
            }
            other => return Err(bad(format!("{given:?} has scheme {other:?}; use https"))),
        }
        if loopback {
            if !options.allow_insecure_loopback {
                return Err(bad(format!(
                    "{given:?} is a loopback host; allow it with ClientOptions::allow_insecure_loopback(true) (for the simulator only)"
                )));
            }
            return Site::from_url(origin_of(&url), SiteKind::Loopback, given);
        }
        if let Some(label) = host.strip_suffix(&format!(".{CLOUD_DOMAIN}")) {
            if CLOUD_REGIONS.contains(&label) {
                return Site::cloud(label, given);
            }
            if let Some(region) = label.strip_prefix("api-")
                && CLOUD_REGIONS.contains(&region)
            {
                return Site::cloud(region, given);
            }
        }
        if host == STAGING_UI || host == STAGING_API {
            return Site::from_url(format!("https://{STAGING_API}"), SiteKind::Staging, given);
        }
        Site::from_url(origin_of(&url), SiteKind::Custom, given)
    }

    fn cloud(region: &str, given: &str) -> Result<Site> {
        Site::from_url(
            format!("https://api-{region}.{CLOUD_DOMAIN}"),
            SiteKind::Cloud {
                region: region.to_string(),
            },
            given,
        )
    }

    fn from_url(origin: String, kind: SiteKind, given: &str) -> Result<Site> {
        let origin = Url::parse(&origin).map_err(|e| bad(format!("{given:?}: {e}")))?;
        Ok(Site {
            origin,
            kind,
            given: given.to_string(),
        })
    }

    /// The API origin, without a trailing slash (`https://api-na.myconnectwise.net`).
    pub fn origin(&self) -> String {
        self.origin.as_str().trim_end_matches('/').to_string()
    }

    /// The API origin as a URL (what a dev loopback is pinned to).
    pub(crate) fn origin_url(&self) -> &Url {
        &self.origin
    }

    /// The API host name (`api-na.myconnectwise.net`).
    pub fn host(&self) -> &str {
        self.origin.host_str().unwrap_or_default()
    }

    /// What kind of site it is.
    pub fn kind(&self) -> &SiteKind {
        &self.kind
    }

    /// The site as the caller gave it.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// `GET {origin}/login/companyinfo/{company}`.
    pub fn company_info_url(&self, company_id: &str) -> Result<Url> {
        let mut url = self.origin.clone();
        url.path_segments_mut()
            .map_err(|_| bad("cannot carry a path"))?
            .clear()
            .push("login")
            .push("companyinfo")
            .push(company_id);
        Ok(url)
    }

    /// The API base for a codebase: `{origin}/{codebase}apis/3.0/`.
    pub fn api_base(&self, codebase: &str) -> Result<Url> {
        self.origin
            .join(&format!("{codebase}apis/3.0/"))
            .map_err(|e| Error::config("codebase", format!("{codebase:?} makes no URL: {e}")))
    }

    /// The hosts of this site: the API host and, on cloud and staging, its web host
    /// (`na.myconnectwise.net`), where callback signing keys are published.
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts = vec![self.host().to_string()];
        match &self.kind {
            SiteKind::Cloud { region } => hosts.push(format!("{region}.{CLOUD_DOMAIN}")),
            SiteKind::Staging => hosts.push(STAGING_UI.to_string()),
            _ => {}
        }
        hosts
    }
}

fn origin_of(url: &Url) -> String {
    let mut s = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(p) = url.port() {
        s.push_str(&format!(":{p}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_hosts_are_used_exactly() {
        let opts = ClientOptions::default();
        let s = Site::parse("https://psa.example.com:8443/", &opts).unwrap();
        assert_eq!(s.origin(), "https://psa.example.com:8443");
        assert_eq!(s.kind(), &SiteKind::Custom);
        let s = Site::parse("sandbox-na.myconnectwise.net", &opts).unwrap();
        assert_eq!(s.host(), "sandbox-na.myconnectwise.net");
        assert_eq!(
            Site::parse("eu.myconnectwise.net", &opts).unwrap().hosts(),
            ["api-eu.myconnectwise.net", "eu.myconnectwise.net"]
        );
    }

    #[test]
    fn malformed_sites_name_the_setting() {
        let opts = ClientOptions::default();
        for bad in [
            "",
            "https://na.myconnectwise.net/v4_6_release/apis/3.0/",
            "ftp://psa.example.com",
            "https://user:pw@psa.example.com",
            "localhost:8080",
        ] {
            let e = Site::parse(bad, &opts).unwrap_err();
            assert!(e.to_string().contains("site"), "{bad}: {e}");
        }
    }

    #[test]
    fn urls_are_built_from_the_origin() {
        let s = Site::parse("na", &ClientOptions::default()).unwrap();
        assert_eq!(
            s.company_info_url("my co").unwrap().as_str(),
            "https://api-na.myconnectwise.net/login/companyinfo/my%20co"
        );
        assert_eq!(
            s.api_base("v2025_1/").unwrap().as_str(),
            "https://api-na.myconnectwise.net/v2025_1/apis/3.0/"
        );
    }
}
