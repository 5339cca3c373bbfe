//! Callback delivery ([DG] "Callbacks"): when a ticket, company or contact changes, every
//! matching `/system/callbacks` entry (of that `type`) gets a POST of the vendor's payload, signed in `x-content-signature` with
//! `base64(HMAC-SHA256(key = SHA256(signing_key), raw body))`; the signing key is served at the
//! `Metadata.key_url` of the payload.

use crate::common::locks::MutexExt as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::store::{CallbackRec, Store};
use super::wire;

/// One callback POST the simulator made (or tried), for assertions in tests.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackDelivery {
    /// The URL posted to (the registered URL, with the record id appended when it ends in `=`).
    pub url: String,
    /// `added`, `updated` or `deleted`.
    pub action: String,
    /// The changed record's id (a ticket, company or contact id).
    pub record_id: i64,
    /// The payload's `Type`: `ticket`, `company` or `contact`.
    pub record_type: String,
    /// The id of the `/system/callbacks` entry.
    pub callback_id: i64,
    /// The exact body sent.
    pub body: String,
    /// The `x-content-signature` header sent.
    pub signature: String,
    /// Attempts made (1, or up to 3 when the receiver answered 404/409/419/429).
    pub attempts: u32,
    /// The receiver's last status, `None` when it could not be reached.
    pub status: Option<u16>,
}

/// A message waiting for delivery.
#[derive(Debug, Clone)]
pub(crate) struct Outgoing {
    url: String,
    body: String,
    signature: String,
    action: String,
    record_id: i64,
    record_type: &'static str,
    callback_id: i64,
}

/// The delivery queue and its signing key.
#[derive(Debug)]
pub(crate) struct Hooks {
    tx: mpsc::UnboundedSender<Outgoing>,
    pub(crate) signing_key: String,
    pub(crate) key_id: String,
    pub(crate) log: Arc<Mutex<Vec<CallbackDelivery>>>,
}

/// A record change to announce.
pub(crate) struct Change<'a> {
    pub(crate) action: &'static str,
    /// The callback `type` the change belongs to: `ticket`, `company` or `contact`.
    pub(crate) record_type: &'static str,
    pub(crate) record_id: i64,
    /// The record's JSON (`None` on delete: `Entity` is null then).
    pub(crate) entity: Option<Value>,
    /// The ticket's board and status (0 for other records).
    pub(crate) board: i64,
    pub(crate) status: i64,
    /// The company the record belongs to (a company's own id).
    pub(crate) company: i64,
    pub(crate) owner: Option<i64>,
    /// Where the payload's `key_url` and `FromUrl` point.
    pub(crate) site: &'a str,
    pub(crate) codebase: &'a str,
    pub(crate) company_id: &'a str,
}

/// `base64(HMAC-SHA256(SHA256(signing_key), body))`.
pub(crate) fn sign(signing_key: &str, body: &[u8]) -> String {
    let key = Sha256::digest(signing_key.as_bytes());
    match <Hmac<Sha256> as Mac>::new_from_slice(&key) {
        Ok(mut mac) => {
            mac.update(body);
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
        // HMAC accepts keys of any length; this arm is unreachable in practice.
        Err(_) => String::new(),
    }
}

impl Hooks {
    /// Starts the delivery worker (one at a time, in order).
    pub(crate) fn start(
        signing_key: String,
        key_id: String,
        retry_delay: Duration,
    ) -> (Hooks, JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let log = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn(worker(rx, log.clone(), retry_delay));
        (
            Hooks {
                tx,
                signing_key,
                key_id,
                log,
            },
            task,
        )
    }

    /// The deliveries so far.
    pub(crate) fn deliveries(&self) -> Vec<CallbackDelivery> {
        self.log.lock_safe().clone()
    }

    /// Queues a POST to every active callback entry that matches the change.
    pub(crate) fn announce(&self, st: &Store, change: &Change<'_>) {
        let entity = change
            .entity
            .as_ref()
            .map(|e| Value::String(e.to_string()))
            .unwrap_or(Value::Null);
        let host = change.site.split("://").nth(1).unwrap_or(change.site);
        for cb in st.callbacks.values().filter(|cb| applies(cb, change)) {
            let key_url = format!(
                "{}/{}/system/callbackkey/index.rails?companyName={}&id={}",
                change.site, change.codebase, change.company_id, self.key_id
            );
            let body = json!({
                "MessageId": wire::guid(wire::now() as u64 ^ (cb.id as u64) << 32 ^ change.record_id as u64 ^ fastrand::u64(..)),
                "FromUrl": host,
                "CompanyId": change.company_id,
                "MemberId": st.api_member.identifier,
                "Action": change.action,
                "Type": change.record_type,
                "ID": change.record_id,
                "ProductInstanceId": wire::guid(st.seed.seed ^ 0x9D),
                "PartnerId": wire::guid(st.seed.seed ^ 0x9E),
                "Entity": entity,
                "Metadata": { "key_url": key_url },
                "CallbackObjectRecId": cb.id,
            })
            .to_string();
            // PSA appends the record id to the URL ([DG]: end it with `recordId=`).
            let url = if cb.url.ends_with('=') {
                format!("{}{}", cb.url, change.record_id)
            } else {
                cb.url.clone()
            };
            let signature = sign(&self.signing_key, body.as_bytes());
            let _ = self.tx.send(Outgoing {
                url,
                body,
                signature,
                action: change.action.to_string(),
                record_id: change.record_id,
                record_type: change.record_type,
                callback_id: cb.id,
            });
        }
    }
}

/// Whether a callback entry covers a change: the same `type`, then by level.
fn applies(cb: &CallbackRec, ch: &Change<'_>) -> bool {
    if cb.inactive || !cb.kind.eq_ignore_ascii_case(ch.record_type) {
        return false;
    }
    // Every write through the API is the API member's own; self-suppressed entries skip them.
    if cb.self_suppressed {
        return false;
    }
    match cb.level.to_ascii_lowercase().as_str() {
        "owner" => true,
        "board" => cb.object_id == ch.board,
        "status" => cb.object_id == ch.status,
        "company" => cb.object_id == ch.company,
        "ticket" | "record" => cb.object_id == ch.record_id,
        "member" => ch.owner == Some(cb.object_id),
        _ => false,
    }
}

async fn worker(
    mut rx: mpsc::UnboundedReceiver<Outgoing>,
    log: Arc<Mutex<Vec<CallbackDelivery>>>,
    retry: Duration,
) {
    let client = match reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "callback delivery disabled: no HTTP client");
            return;
        }
    };
    while let Some(msg) = rx.recv().await {
        let mut attempts = 0;
        let mut status;
        // [DG]: on 404/409/419/429 PSA retries twice, after 2 s and then 4 s more.
        let delays = [retry, retry * 2];
        loop {
            attempts += 1;
            let sent = client
                .post(&msg.url)
                .header(http::header::CONTENT_TYPE, "application/json")
                .header("x-content-signature", &msg.signature)
                .body(msg.body.clone())
                .send()
                .await;
            status = sent.ok().map(|r| r.status().as_u16());
            let retryable = matches!(status, Some(404 | 409 | 419 | 429));
            match delays.get(attempts as usize - 1) {
                Some(d) if retryable => tokio::time::sleep(*d).await,
                _ => break,
            }
        }
        let delivery = CallbackDelivery {
            url: msg.url,
            action: msg.action,
            record_id: msg.record_id,
            record_type: msg.record_type.to_string(),
            callback_id: msg.callback_id,
            body: msg.body,
            signature: msg.signature,
            attempts,
            status,
        };
        log.lock_safe().push(delivery);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_the_documented_recipe() {
        // key = SHA256("secret"), HMAC-SHA256 over the raw body, base64.
        let sig = sign("secret", b"{\"a\":1}");
        let key = Sha256::digest(b"secret");
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
        mac.update(b"{\"a\":1}");
        let expected =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(sig, expected);
        assert_ne!(sign("other", b"{\"a\":1}"), sig);
    }
}
