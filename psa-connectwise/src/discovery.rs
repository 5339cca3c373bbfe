//! Codebase discovery: `GET /login/companyinfo/{company}` (no credentials) tells which codebase
//! (`v2025_1/`, `v4_6_release/`) the company's API lives under.

use psa_core::transport::{HostPolicy, Redactor, Request, Response, Transport};
use psa_core::{ClientOptions, Error, ErrorKind, Result, Vendor};
use serde::Deserialize;
use serde_json::{Map, Value};
use url::Url;

use crate::auth::check_company_id;
use crate::error::{ConnectWiseErrorClassifier, HTML_HINT, looks_like_html};
use crate::models::de;
use crate::site::Site;

/// What `companyinfo` says about a company.
///
/// ```
/// let info: psa_connectwise::CompanyInfo = serde_json::from_value(serde_json::json!({
///     "CompanyName": "ConnectWise", "Codebase": "v2020_4/", "VersionCode": "v2020.4",
///     "VersionNumber": "v4.6.38842", "CompanyID": "CW", "IsCloud": "True",
///     "SiteUrl": "api-na.myconnectwise.net", "AllowedOrigins": ["https://*.connectwise.com"]
/// })).unwrap();
/// assert_eq!(info.codebase, "v2020_4/");
/// assert_eq!(info.is_cloud, Some(true));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CompanyInfo {
    /// `CompanyName`.
    #[serde(rename = "CompanyName", default, deserialize_with = "de::opt_string")]
    pub company_name: Option<String>,
    /// `Codebase`, with its trailing slash (`v2025_1/`, `v4_6_release/`).
    #[serde(rename = "Codebase", default, deserialize_with = "de::string")]
    pub codebase: String,
    /// `VersionCode` (`v2025.1`).
    #[serde(rename = "VersionCode", default, deserialize_with = "de::opt_string")]
    pub version_code: Option<String>,
    /// `VersionNumber`.
    #[serde(rename = "VersionNumber", default, deserialize_with = "de::opt_string")]
    pub version_number: Option<String>,
    /// `CompanyID`.
    #[serde(rename = "CompanyID", default, deserialize_with = "de::opt_string")]
    pub company_id: Option<String>,
    /// `IsCloud` (sent as `"True"` or as a flag).
    #[serde(rename = "IsCloud", default, deserialize_with = "de::opt_bool")]
    pub is_cloud: Option<bool>,
    /// `SiteUrl` (`api-na.myconnectwise.net`), when sent.
    #[serde(rename = "SiteUrl", default, deserialize_with = "de::opt_string")]
    pub site_url: Option<String>,
    /// `AllowedOrigins`, when sent.
    #[serde(rename = "AllowedOrigins", default, deserialize_with = "de::vec")]
    pub allowed_origins: Vec<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The result of discovery: the site, what `companyinfo` said, and the API base URL.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub struct CodebaseInfo {
    /// The resolved site.
    pub site: Site,
    /// The `companyinfo` answer.
    pub info: CompanyInfo,
    /// `https://{api host}/{Codebase}apis/3.0/`.
    pub api_base: Url,
}

/// Finds the codebase of a company and builds its API base URL, without sending credentials.
///
/// `site` is anything [`Site::parse`] accepts. An unknown company (ConnectWise answers `null`)
/// is a [`ErrorKind::Discovery`] error "company id X not found on (site)"; a site that answers
/// with an HTML page (typically the web host instead of the `api-` host) says so.
///
/// ```no_run
/// # async fn demo() -> psa_core::Result<()> {
/// let found = psa_connectwise::discover_codebase("na", "training", &psa_core::ClientOptions::default()).await?;
/// println!("{}", found.api_base); // https://api-na.myconnectwise.net/v2025_1/apis/3.0/
/// # Ok(()) }
/// ```
pub async fn discover_codebase(
    site: &str,
    company_id: &str,
    options: &ClientOptions,
) -> Result<CodebaseInfo> {
    let site = Site::parse(site, options)?;
    let company_id = check_company_id(company_id)?;
    let transport = discovery_transport(&site, options, Redactor::new())?;
    let info = fetch_company_info(&transport, &site, &company_id).await?;
    let api_base = site.api_base(&info.codebase)?;
    Ok(CodebaseInfo {
        site,
        info,
        api_base,
    })
}

/// A transport that may only reach the site's API host (a loopback site: only its port) and
/// carries no secrets; its errors are still scrubbed of the client's secrets (`redactor`), in
/// case a server echoes something it should not.
pub(crate) fn discovery_transport(
    site: &Site,
    options: &ClientOptions,
    redactor: Redactor,
) -> Result<Transport> {
    Transport::builder(Vendor::ConnectWise, options.clone())
        .host_policy(
            HostPolicy::new()
                .host(site.host())
                .pin_loopback(site.origin_url()),
        )
        .classifier(std::sync::Arc::new(ConnectWiseErrorClassifier))
        .redactor(redactor)
        .build()
}

fn discovery_error(message: String) -> Error {
    Error::new(ErrorKind::Discovery, message).with_vendor(Vendor::ConnectWise)
}

/// `GET {site}/login/companyinfo/{company}` and checks the answer. Every error is scrubbed of
/// the transport's secrets, including those built here from the server's answer.
pub(crate) async fn fetch_company_info(
    transport: &Transport,
    site: &Site,
    company_id: &str,
) -> Result<CompanyInfo> {
    fetch_unscrubbed(transport, site, company_id)
        .await
        .map_err(|e| {
            let message = transport.scrub(e.message());
            e.with_message(message)
        })
}

async fn fetch_unscrubbed(
    transport: &Transport,
    site: &Site,
    company_id: &str,
) -> Result<CompanyInfo> {
    let url = site.company_info_url(company_id)?;
    let req = Request::get(url).header("Accept", "application/json")?;
    let resp = match transport.send(req).await {
        Ok(r) => r,
        Err(e) if e.status() == Some(404) => {
            return Err(
                discovery_error(format!("company id {company_id} not found on {site}"))
                    .with_hint("check the company id (the one you log in with) and the site"),
            );
        }
        Err(e) if matches!(e.kind(), ErrorKind::Config) => return Err(e),
        Err(e) if e.status().is_some() => {
            let status = e.status().unwrap_or_default();
            return Err(discovery_error(format!(
                "companyinfo for {company_id} on {site} failed with HTTP {status}: {}",
                e.message()
            ))
            .with_status(status));
        }
        Err(e) => return Err(e),
    };
    parse_company_info(&resp, site, company_id)
}

fn parse_company_info(resp: &Response, site: &Site, company_id: &str) -> Result<CompanyInfo> {
    if looks_like_html(resp.headers(), resp.body()) {
        return Err(discovery_error(format!(
            "{site} answered companyinfo with an HTML page instead of JSON: {}",
            psa_core::error::truncate_body(resp.body())
                .chars()
                .take(200)
                .collect::<String>()
        ))
        .with_hint(HTML_HINT));
    }
    let value: Value = resp.json()?;
    if value.is_null() {
        return Err(
            discovery_error(format!("company id {company_id} not found on {site}"))
                .with_hint("check the company id (the one you log in with) and the site"),
        );
    }
    if !value.is_object() {
        return Err(discovery_error(format!(
            "companyinfo on {site} answered {value}, not a company record"
        )));
    }
    let mut info: CompanyInfo = serde_json::from_value(value).map_err(|e| {
        discovery_error(format!(
            "companyinfo on {site} is not the documented shape: {e}"
        ))
    })?;
    info.codebase = normalize_codebase(&info.codebase).ok_or_else(|| {
        discovery_error(format!(
            "companyinfo on {site} gave the codebase {:?}, which is not a codebase (like v2025_1/ or v4_6_release/)",
            info.codebase
        ))
    })?;
    Ok(info)
}

/// `v2025_1` / `/v2025_1/` → `v2025_1/`; anything that could leave the path is refused.
pub(crate) fn normalize_codebase(raw: &str) -> Option<String> {
    let s = raw.trim().trim_matches('/');
    let ok = !s.is_empty()
        && s.len() <= 64
        && !s.contains("..")
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    ok.then(|| format!("{s}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codebases_are_normalized_and_checked() {
        assert_eq!(normalize_codebase("v2025_1/").as_deref(), Some("v2025_1/"));
        assert_eq!(
            normalize_codebase("v4_6_release").as_deref(),
            Some("v4_6_release/")
        );
        for bad in [
            "",
            "/",
            "../x/",
            "https://evil.example/",
            "v1/../../",
            "a b/",
        ] {
            assert!(normalize_codebase(bad).is_none(), "{bad}");
        }
    }
}
