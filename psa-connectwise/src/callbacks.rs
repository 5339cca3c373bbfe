//! Verifying callbacks: `x-content-signature` = base64(HMAC-SHA256(key = SHA256(signing_key),
//! raw body)), with the signing key fetched from the payload's `Metadata.key_url` — only from
//! the ConnectWise host the client is configured for.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use base64::Engine;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use psa_core::transport::{HostPolicy, Request, Transport};
use psa_core::{ClientOptions, Error, ErrorKind, Result, Vendor};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use url::Url;

use crate::models::CallbackPayload;

/// The header ConnectWise signs callbacks with.
pub const SIGNATURE_HEADER: &str = "x-content-signature";

const MAX_CACHED_KEYS: usize = 256;

type HmacSha256 = Hmac<Sha256>;

/// base64(HMAC-SHA256(key = SHA256(utf8(signing_key)), body)): the signature ConnectWise sends.
///
/// ```
/// // python3 -c 'import hmac,hashlib,base64; k=hashlib.sha256(b"s3cr3t-signing-key").digest(); print(base64.b64encode(hmac.new(k, b"{\"ID\":1}", hashlib.sha256).digest()).decode())'
/// assert_eq!(
///     psa_connectwise::sign_callback("s3cr3t-signing-key", br#"{"ID":1}"#),
///     "zyA2CCyEn7wezKp/amXP3qblNv4WNajA+oxRCR2sP9Q="
/// );
/// ```
pub fn sign_callback(signing_key: &str, body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(mac_for(signing_key, body).finalize().into_bytes())
}

fn mac_for(signing_key: &str, body: &[u8]) -> HmacSha256 {
    let digest = Sha256::digest(signing_key.as_bytes());
    // HMAC zero-pads keys shorter than the hash's 64-byte block, so the 32-byte digest padded
    // to a full block is the same key, and the fixed-size constructor cannot fail.
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(&digest);
    let mut mac = <HmacSha256 as hmac::digest::KeyInit>::new(&block.into());
    mac.update(body);
    mac
}

/// Checks a signature in constant time; `false` for anything that is not valid base64.
///
/// ```
/// let sig = psa_connectwise::sign_callback("k", b"body");
/// assert!(psa_connectwise::verify_callback_signature("k", b"body", &sig));
/// assert!(!psa_connectwise::verify_callback_signature("k", b"body!", &sig));
/// assert!(!psa_connectwise::verify_callback_signature("k", b"body", "not base64"));
/// ```
pub fn verify_callback_signature(signing_key: &str, body: &[u8], signature_b64: &str) -> bool {
    let Ok(sig) = base64::engine::general_purpose::STANDARD.decode(signature_b64.trim()) else {
        return false;
    };
    mac_for(signing_key, body).verify_slice(&sig).is_ok()
}

#[derive(Deserialize)]
struct KeyBody {
    #[serde(alias = "SigningKey", alias = "signingKey")]
    signing_key: String,
}

/// Verifies callbacks and caches signing keys.
///
/// The key URL comes from the (unauthenticated) payload, so it is checked before any request:
/// https, on one of the allowed hosts — the configured site's API host and, on cloud, its web
/// host (`na.myconnectwise.net`), hosts added with
/// [`ConnectWiseClientBuilder::callback_key_host`](crate::ConnectWiseClientBuilder::callback_key_host)
/// or [`ClientOptions::allow_host`], and loopback only with
/// [`ClientOptions::allow_insecure_loopback`]. Anything else is refused without a request.
/// No credentials are sent with the key request, and redirects are not followed.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use psa_connectwise::CallbackVerifier;
/// let v = CallbackVerifier::new(["na.myconnectwise.net"], psa_core::ClientOptions::default()).unwrap();
/// let body = br#"{"ID":1,"Action":"updated","Metadata":{"key_url":"https://evil.example/key"}}"#;
/// let mut headers = http::HeaderMap::new();
/// headers.insert("x-content-signature", "AAAA".parse().unwrap());
/// let err = v.verify(body, &headers).await.unwrap_err();
/// assert!(err.to_string().contains("evil.example"));
/// # }
/// ```
pub struct CallbackVerifier {
    transport: Transport,
    policy: HostPolicy,
    keys: Mutex<HashMap<String, SecretString>>,
}

impl fmt::Debug for CallbackVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.keys.lock().map(|k| k.len()).unwrap_or(0);
        f.debug_struct("CallbackVerifier")
            .field("policy", &self.policy)
            .field("cached_keys", &cached)
            .finish()
    }
}

impl CallbackVerifier {
    /// A verifier that fetches keys only from these exact https hosts (plus what `options`
    /// allows).
    pub fn new<I, S>(allowed_hosts: I, options: ClientOptions) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut policy = HostPolicy::new().with_options(&options)?;
        for h in allowed_hosts {
            policy = policy.host(h);
        }
        Self::with_policy(policy, options)
    }

    pub(crate) fn with_policy(policy: HostPolicy, options: ClientOptions) -> Result<Self> {
        let transport = Transport::builder(Vendor::ConnectWise, options)
            .host_policy(policy.clone())
            .build()?;
        Ok(CallbackVerifier {
            transport,
            policy,
            keys: Mutex::new(HashMap::new()),
        })
    }

    /// Checks that a key URL may be fetched; the error names the refused host.
    pub fn check_key_url(&self, key_url: &str) -> Result<Url> {
        let url = Url::parse(key_url.trim()).map_err(|e| {
            refused(format!(
                "the callback's key_url {key_url:?} is not a URL ({e})"
            ))
        })?;
        self.policy.check(&url).map_err(|e| {
            refused(format!(
                "refusing to fetch the callback signing key from {}: {}",
                psa_core::transport::redact_url(&url),
                e.message()
            ))
        })?;
        Ok(url)
    }

    /// Verifies a callback: the raw body exactly as received and its headers. Returns the
    /// decoded payload when the signature matches.
    pub async fn verify(&self, raw_body: &[u8], headers: &HeaderMap) -> Result<CallbackPayload> {
        let signature = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| refused(format!("the callback has no {SIGNATURE_HEADER} header")))?
            .to_string();
        let payload = CallbackPayload::from_json(raw_body)?;
        let key_url = payload
            .key_url
            .clone()
            .ok_or_else(|| refused("the callback has no Metadata.key_url".to_string()))?;
        let url = self.check_key_url(&key_url)?;
        let cache_key = url.as_str().to_string();
        let cached = self.cached(&cache_key);
        if let Some(key) = &cached
            && verify_callback_signature(key.expose_secret(), raw_body, &signature)
        {
            return Ok(payload);
        }
        // Not cached, or the key may have been rotated: fetch it (again).
        let key = self.fetch_key(url).await?;
        let ok = verify_callback_signature(key.expose_secret(), raw_body, &signature);
        self.store(cache_key, key);
        if ok {
            Ok(payload)
        } else {
            Err(refused(format!(
                "the {SIGNATURE_HEADER} header does not match the body signed with the key from key_url"
            )))
        }
    }

    fn cached(&self, url: &str) -> Option<SecretString> {
        match self.keys.lock() {
            Ok(k) => k.get(url).cloned(),
            Err(p) => p.into_inner().get(url).cloned(),
        }
    }

    fn store(&self, url: String, key: SecretString) {
        let mut keys = match self.keys.lock() {
            Ok(k) => k,
            Err(p) => p.into_inner(),
        };
        if keys.len() >= MAX_CACHED_KEYS && !keys.contains_key(&url) {
            keys.clear();
        }
        keys.insert(url, key);
    }

    async fn fetch_key(&self, url: Url) -> Result<SecretString> {
        let resp = self
            .transport
            .send(Request::get(url).header("Accept", "application/json")?)
            .await
            .map_err(|e| {
                let msg = format!("fetching the callback signing key failed: {}", e.message());
                e.with_message(msg)
            })?;
        let body: KeyBody = resp.json()?;
        if body.signing_key.trim().is_empty() {
            return Err(refused(
                "the key_url answered an empty signing_key".to_string(),
            ));
        }
        Ok(SecretString::from(body.signing_key))
    }
}

impl crate::ConnectWiseClient {
    /// Verifies a callback delivery: `raw_body` exactly as received and the request headers.
    ///
    /// The signing key is fetched from the payload's `Metadata.key_url` only when that URL is
    /// https on this client's ConnectWise site (its API host or, on cloud, its web host), on a
    /// host allowed with [`ConnectWiseClientBuilder::callback_key_host`](crate::ConnectWiseClientBuilder::callback_key_host)
    /// or [`ClientOptions::allow_host`], or loopback with
    /// [`ClientOptions::allow_insecure_loopback`]; anything else is refused without a request.
    /// Keys are cached per URL (and fetched again once if a cached key no longer matches).
    /// Returns the payload with `Entity` decoded; an [`ErrorKind::Unauthenticated`] error means
    /// "do not trust this delivery".
    pub async fn verify_callback(
        &self,
        raw_body: &[u8],
        headers: &HeaderMap,
    ) -> Result<CallbackPayload> {
        self.inner.callbacks.verify(raw_body, headers).await
    }
}

fn refused(message: String) -> Error {
    Error::new(ErrorKind::Unauthenticated, message)
        .with_vendor(Vendor::ConnectWise)
        .with_hint(
            "the callback could not be proven to come from your ConnectWise site; do not act on it",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_vector_computed_independently() {
        // python3 -c 'import hmac,hashlib,base64; k=hashlib.sha256(b"signing-key-1").digest(); print(base64.b64encode(hmac.new(k, b"{\"MessageId\":\"m1\",\"ID\":57961}", hashlib.sha256).digest()).decode())'
        let body = br#"{"MessageId":"m1","ID":57961}"#;
        assert_eq!(
            sign_callback("signing-key-1", body),
            "R9uQuFVtZRJfxIja8nZW5WzNAB4meyltE0HsriRBuoc="
        );
    }

    #[test]
    fn key_urls_are_checked_before_any_request() {
        let v = CallbackVerifier::new(
            ["api-na.myconnectwise.net", "na.myconnectwise.net"],
            ClientOptions::default(),
        )
        .unwrap();
        assert!(
            v.check_key_url(
                "https://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1"
            )
            .is_ok()
        );
        for bad in [
            "http://na.myconnectwise.net/key",
            "https://na.myconnectwise.net.evil.example/key",
            "https://eu.myconnectwise.net/key",
            "https://127.0.0.1:9/key",
            "https://169.254.169.254/latest/meta-data",
            "not a url",
        ] {
            let e = v.check_key_url(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Unauthenticated, "{bad}");
        }
    }
}

impl CallbackPayload {
    /// The callback as a vendor-neutral [`ChangeEvent`](psa_core::changes::ChangeEvent)
    /// (source `Push`), so callbacks and the [`ChangeFeed`](psa_core::changes::ChangeFeed) poll
    /// produce the same events. Verify it first ([`CallbackVerifier::verify`]).
    ///
    /// `ticket`, `company` and `contact` callbacks are supported. The change time is the
    /// entity's `_info.lastUpdated` (what the poll filters on); a deletion carries no entity
    /// and so no time. Another record type, or a callback without an id, is a
    /// [`ErrorKind::Validation`] error.
    ///
    /// ```
    /// use psa_connectwise::models::CallbackPayload;
    /// use psa_core::changes::{ChangeKind, EntityKind};
    /// let body = serde_json::json!({
    ///     "Action": "updated", "Type": "ticket", "ID": 57961,
    ///     "Entity": r#"{"id":57961,"_info":{"lastUpdated":"2024-05-01T10:00:00Z"}}"#
    /// });
    /// let p = CallbackPayload::from_json(&serde_json::to_vec(&body).unwrap()).unwrap();
    /// let e = p.to_change_event().unwrap();
    /// assert_eq!((e.entity, e.id, e.kind), (EntityKind::Ticket, 57961, ChangeKind::Updated));
    /// assert!(e.changed_at.is_some());
    /// ```
    pub fn to_change_event(&self) -> Result<psa_core::changes::ChangeEvent> {
        use crate::models::{CallbackAction, CallbackType};
        use psa_core::changes::{ChangeEvent, ChangeKind, ChangeSource, EntityKind};
        let entity = match &self.record_type {
            Some(CallbackType::Ticket) => EntityKind::Ticket,
            Some(CallbackType::Company) => EntityKind::Company,
            Some(CallbackType::Contact) => EntityKind::Contact,
            Some(CallbackType::Opportunity) => EntityKind::Opportunity,
            other => {
                let name = other.as_ref().map_or("(no Type)", |t| t.as_str());
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "a ConnectWise {name:?} callback has no change event; ticket, company, \
                         contact and opportunity callbacks do"
                    ),
                )
                .with_vendor(Vendor::ConnectWise));
            }
        };
        let kind = match &self.action {
            Some(CallbackAction::Added) => ChangeKind::Created,
            Some(CallbackAction::Updated) => ChangeKind::Updated,
            Some(CallbackAction::Deleted) => ChangeKind::Deleted,
            _ => ChangeKind::Unknown,
        };
        let id = self.id.filter(|id| *id > 0).ok_or_else(|| {
            Error::new(
                ErrorKind::Validation,
                format!("the ConnectWise {entity} callback has no record ID"),
            )
            .with_vendor(Vendor::ConnectWise)
        })?;
        let mut event = ChangeEvent::new(Vendor::ConnectWise, entity, id, kind, ChangeSource::Push);
        let at = self
            .entity
            .as_ref()
            .and_then(|e| e.get("_info"))
            .and_then(|i| i.get("lastUpdated"))
            .and_then(|v| v.as_str())
            .and_then(crate::models::parse_datetime);
        if let Some(at) = at {
            event = event.changed_at(at);
        }
        Ok(event)
    }
}

#[cfg(test)]
mod change_event_tests {
    use super::*;
    use psa_core::changes::{ChangeKind, EntityKind};

    fn payload(v: serde_json::Value) -> CallbackPayload {
        CallbackPayload::from_json(&serde_json::to_vec(&v).unwrap()).unwrap()
    }

    #[test]
    fn company_contact_and_deleted_callbacks_map() {
        let p = payload(
            serde_json::json!({"Action": "added", "Type": "company", "ID": 250,
            "Entity": r#"{"id":250,"_info":{"lastUpdated":"2024-05-01T10:00:00Z"}}"#}),
        );
        let e = p.to_change_event().unwrap();
        assert_eq!(
            (e.entity, e.kind),
            (EntityKind::Company, ChangeKind::Created)
        );
        assert_eq!(
            e.changed_at,
            Some(time::macros::datetime!(2024-05-01 10:00 UTC))
        );
        let p = payload(serde_json::json!({"Action": "updated", "Type": "opportunity", "ID": 31}));
        let e = p.to_change_event().unwrap();
        assert_eq!(
            (e.entity, e.id, e.kind),
            (EntityKind::Opportunity, 31, ChangeKind::Updated)
        );
        let p = payload(serde_json::json!({"Action": "deleted", "Type": "contact", "ID": 9}));
        let e = p.to_change_event().unwrap();
        assert_eq!(
            (e.entity, e.id, e.kind, e.changed_at),
            (EntityKind::Contact, 9, ChangeKind::Deleted, None)
        );
    }

    #[test]
    fn other_types_and_missing_ids_are_refused() {
        for v in [
            serde_json::json!({"Action": "updated", "Type": "agreement", "ID": 1}),
            serde_json::json!({"Action": "updated", "Type": "ticket"}),
        ] {
            let e = payload(v).to_change_event().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
        }
    }
}
