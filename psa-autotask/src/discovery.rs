//! Zone discovery: which Autotask data center serves an API user.
//!
//! `GET https://webservices.autotask.net/ATServicesRest/V1.0/zoneInformation?user=<username>`
//! needs no credentials and answers
//! `{"zoneName":"AE02","url":"https://webservices14.autotask.net/ATServicesRest/","webUrl":"https://ww14.autotask.net/","ci":123456}`.
//! The returned URL must be https on an `autotask.net` host before any credential goes there.

use std::sync::Arc;

use psa_core::transport::{HostPolicy, Request, Transport};
use psa_core::{ClientOptions, Error, ErrorKind, Result, Vendor};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::AutotaskErrorClassifier;
use crate::error::HINT_USERNAME;

/// Where zone discovery starts unless told otherwise.
pub const DEFAULT_DISCOVERY_URL: &str = "https://webservices.autotask.net/ATServicesRest/";

/// The zone (data center) serving an API user.
///
/// ```
/// let zone = psa_autotask::ZoneInfo::new("AE02", "https://webservices14.autotask.net/ATServicesRest/".parse().unwrap());
/// assert_eq!(zone.api_base().as_str(), "https://webservices14.autotask.net/ATServicesRest/V1.0/");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneInfo {
    /// The zone's name (`AE02`).
    pub zone_name: String,
    /// The zone's REST root as returned (`https://webservices14.autotask.net/ATServicesRest/`);
    /// the API itself is under [`api_base`](Self::api_base).
    pub api_url: Url,
    /// The web UI's URL (`https://ww14.autotask.net/`).
    pub web_url: Option<String>,
    /// The database id (`ci`).
    pub database_id: Option<i64>,
}

impl ZoneInfo {
    /// A zone with a name and REST root.
    pub fn new(zone_name: impl Into<String>, api_url: Url) -> Self {
        ZoneInfo {
            zone_name: zone_name.into(),
            api_url,
            web_url: None,
            database_id: None,
        }
    }

    /// The versioned API base, `{api_url}V1.0/`.
    pub fn api_base(&self) -> Url {
        api_base_for(&self.api_url)
    }
}

impl psa_core::transport::Location for ZoneInfo {
    fn api_base(&self) -> Url {
        ZoneInfo::api_base(self)
    }
}

#[derive(Deserialize)]
struct ZoneAnswer {
    #[serde(rename = "zoneName", default)]
    zone_name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(rename = "webUrl", default)]
    web_url: Option<String>,
    #[serde(default)]
    ci: Option<serde_json::Value>,
}

/// Finds the zone of `username` from Autotask's public discovery endpoint.
///
/// Sends no credentials. Fails with [`ErrorKind::Discovery`] when the user is unknown ("not
/// found in any Autotask zone") or the answer names a host that is not https on
/// `autotask.net`.
///
/// ```no_run
/// # async fn demo() -> psa_core::Result<()> {
/// let zone = psa_autotask::discover_zone("abc123@example.com", &psa_core::ClientOptions::default()).await?;
/// println!("{} → {}", zone.zone_name, zone.api_base());
/// # Ok(()) }
/// ```
pub async fn discover_zone(username: &str, options: &ClientOptions) -> Result<ZoneInfo> {
    discover_zone_at(DEFAULT_DISCOVERY_URL, username, options).await
}

/// Like [`discover_zone`], starting from another discovery URL (the simulator's, a test host).
/// The URL must itself pass the host policy (https on `autotask.net`, or loopback with
/// [`ClientOptions::allow_insecure_loopback`]).
pub async fn discover_zone_at(
    discovery_url: &str,
    username: &str,
    options: &ClientOptions,
) -> Result<ZoneInfo> {
    let base = parse_root(discovery_url, "discovery_url")?;
    let transport = Transport::builder(Vendor::Autotask, options.clone())
        .host_policy(host_policy().pin_loopback(&base))
        .classifier(Arc::new(AutotaskErrorClassifier))
        .build()?;
    discover_with(&transport, &base, username).await
}

/// The hosts Autotask credentials may go to.
pub(crate) fn host_policy() -> HostPolicy {
    HostPolicy::new().suffix("autotask.net")
}

pub(crate) async fn discover_with(
    transport: &Transport,
    discovery_base: &Url,
    username: &str,
) -> Result<ZoneInfo> {
    let mut url = discovery_base.join("V1.0/zoneInformation").map_err(|e| {
        Error::config(
            "discovery_url",
            format!("cannot be extended with the zone path: {e}"),
        )
    })?;
    url.query_pairs_mut().append_pair("user", username);
    if let Err(e) = transport.check_host(&url) {
        let msg = format!("discovery_url: {}", e.message());
        return Err(e.with_message(msg));
    }
    let req = Request::get(url).header("Accept", "application/json")?;
    let resp = match transport.send(req).await {
        Ok(r) => r,
        Err(e) if e.status().is_some() => return Err(discovery_error(e, username)),
        Err(e) => return Err(e),
    };
    let answer: ZoneAnswer = resp.json().map_err(|e| e.with_kind(ErrorKind::Discovery))?;
    let raw_url = answer.url.filter(|u| !u.trim().is_empty()).ok_or_else(|| {
        Error::new(
            ErrorKind::Discovery,
            format!("the zone information for {username} has no url"),
        )
        .with_vendor(Vendor::Autotask)
    })?;
    let api_url = Url::parse(raw_url.trim()).map_err(|e| {
        Error::new(
            ErrorKind::Discovery,
            format!("the zone information for {username} has an unusable url {raw_url:?}: {e}"),
        )
        .with_vendor(Vendor::Autotask)
    })?;
    if let Err(refusal) = transport.check_host(&api_url) {
        let host = api_url.host_str().unwrap_or("<none>");
        return Err(Error::new(
            ErrorKind::Discovery,
            format!(
                "the zone information for {username} points to {}://{host}, which is not an Autotask host (https on autotask.net); no credentials were sent there",
                api_url.scheme()
            ),
        )
        .with_vendor(Vendor::Autotask)
        .with_source(refusal));
    }
    let mut api_url = api_url;
    if !api_url.path().ends_with('/') {
        let p = format!("{}/", api_url.path());
        api_url.set_path(&p);
    }
    let database_id = answer.ci.and_then(|v| match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    Ok(ZoneInfo {
        zone_name: answer.zone_name.unwrap_or_default(),
        api_url,
        web_url: answer.web_url,
        database_id,
    })
}

fn discovery_error(e: Error, username: &str) -> Error {
    let unknown_user = e
        .message()
        .to_ascii_lowercase()
        .contains("zone information could not be determined");
    if unknown_user {
        let msg = format!(
            "the username {username:?} was not found in any Autotask zone (Autotask answered: {:?})",
            e.message()
        );
        e.with_kind(ErrorKind::Discovery)
            .with_message(msg)
            .with_hint(HINT_USERNAME)
    } else {
        let msg = format!("zone discovery for {username:?} failed: {}", e.message());
        e.with_kind(ErrorKind::Discovery).with_message(msg).with_hint(
            "check the discovery URL and network access to webservices.autotask.net, or set the zone URL explicitly",
        )
    }
}

/// `https://host/ATServicesRest` → `https://host/ATServicesRest/` (a base `join` can extend).
pub(crate) fn parse_root(text: &str, setting: &str) -> Result<Url> {
    let mut url = Url::parse(text.trim())
        .map_err(|e| Error::config(setting, format!("is not a valid URL ({e}): {text:?}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::config(
            setting,
            format!("must be an https URL, got {text:?}"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        url.set_query(None);
        url.set_fragment(None);
    }
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

/// The versioned API base for a zone root: `…/ATServicesRest/` → `…/ATServicesRest/V1.0/`;
/// a root that already ends in `V1.0` is kept.
pub(crate) fn api_base_for(zone_root: &Url) -> Url {
    let mut url = zone_root.clone();
    let path = url.path().trim_end_matches('/').to_string();
    let versioned = path.to_ascii_lowercase().ends_with("/v1.0");
    let new_path = if versioned {
        format!("{path}/")
    } else {
        format!("{path}/V1.0/")
    };
    url.set_path(&new_path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_base_is_the_zone_root_plus_version() {
        for (root, base) in [
            (
                "https://webservices14.autotask.net/ATServicesRest/",
                "https://webservices14.autotask.net/ATServicesRest/V1.0/",
            ),
            (
                "https://webservices14.autotask.net/ATServicesRest",
                "https://webservices14.autotask.net/ATServicesRest/V1.0/",
            ),
            (
                "https://webservices14.autotask.net/atservicesrest/v1.0/",
                "https://webservices14.autotask.net/atservicesrest/v1.0/",
            ),
        ] {
            assert_eq!(api_base_for(&Url::parse(root).unwrap()).as_str(), base);
        }
    }

    #[test]
    fn roots_get_a_trailing_slash_and_bad_urls_name_the_setting() {
        assert_eq!(
            parse_root(
                "https://webservices.autotask.net/ATServicesRest",
                "discovery_url"
            )
            .unwrap()
            .as_str(),
            "https://webservices.autotask.net/ATServicesRest/"
        );
        let e = parse_root("not a url", "zone_url").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("zone_url"), "{e}");
        let e = parse_root("ftp://webservices.autotask.net/", "zone_url").unwrap_err();
        assert!(e.to_string().contains("zone_url"), "{e}");
    }
}
