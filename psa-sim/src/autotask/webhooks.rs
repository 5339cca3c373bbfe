//! Ticket, company and contact webhook delivery (Autotask's documentation and observed traffic).
//!
//! A `TicketWebhooks` (`CompanyWebhooks`, `ContactWebhooks`) row that is active and ready (it
//! has at least one subscribed field) is called when a record of its entity is created
//! (`isSubscribedToCreateEvents`), when a subscribed field changes
//! (`isSubscribedToUpdateEvents`) or when the record is deleted
//! (`isSubscribedToDeleteEvents`), unless the change was made by an excluded resource of that
//! webhook. The payload is
//! `{"Action","Guid","EntityType","Id","Fields","EventTime","SequenceNumber","PersonID"}` with
//! the legacy entity name (`Ticket`, `Account` for companies, `Contact`): `Fields` holds the
//! changed subscribed fields plus the "display always" fields (on a create, every subscribed
//! and display-always field; on a delete, the display-always fields of the deleted record),
//! keyed by their REST names. It is signed
//! `X-Hook-Signature: sha1=<base64(HMAC-SHA1(secretKey, raw body))>`.
//!
//! Delivery follows `Webhooks_Error_Handling.htm`: a 10 s timeout, any 2xx counts as delivered,
//! a failed delivery is retried (30 s apart by default, up to 5 attempts).

use crate::common::locks::MutexExt as _;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value, json};
use sha1::Sha1;

use super::dates;
use super::entities::Kind;
use super::store::{Record, Store, int, text};
use super::webhook_kinds;

/// One change of a watched record, as the writes report it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Change<'a> {
    /// The watched entity (`Tickets`, `Companies`, `Contacts`).
    pub(crate) kind: Kind,
    pub(crate) action: Action,
    pub(crate) id: i64,
    /// The REST names of the fields the write changed (updates).
    pub(crate) changed: &'a [String],
    /// The resource that made the change (`PersonID`).
    pub(crate) person: i64,
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Update,
    Delete,
}

impl Action {
    fn wire(self) -> &'static str {
        match self {
            Action::Create => "Create",
            Action::Update => "Update",
            Action::Delete => "Delete",
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Action::Create => "isSubscribedToCreateEvents",
            Action::Update => "isSubscribedToUpdateEvents",
            Action::Delete => "isSubscribedToDeleteEvents",
        }
    }
}

/// One delivery the sim made (for assertions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attempt {
    pub(crate) webhook_id: i64,
    pub(crate) url: String,
    pub(crate) body: String,
    /// The `X-Hook-Signature` header sent, if the webhook has a secret.
    pub(crate) signature: Option<String>,
    pub(crate) status: Option<u16>,
}

/// Sends webhook calls in the background.
#[derive(Debug, Clone)]
pub(crate) struct Notifier {
    client: Option<reqwest::Client>,
    pub(crate) delivered: Arc<AtomicUsize>,
    pub(crate) failed: Arc<AtomicUsize>,
    pub(crate) attempts: Arc<Mutex<Vec<Attempt>>>,
    sequence: Arc<Mutex<HashMap<(Kind, i64), u64>>>,
    pub(crate) retry_delay: Duration,
    pub(crate) max_attempts: u32,
}

static GUIDS: AtomicU64 = AtomicU64::new(1);

/// A GUID-shaped identifier for a new webhook.
pub(crate) fn new_guid() -> String {
    let n = GUIDS.fetch_add(1, Ordering::Relaxed);
    let mut r = fastrand::Rng::with_seed(n.wrapping_mul(0x2545_F491_4F6C_DD1D));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        r.u32(..),
        r.u16(..),
        r.u16(..0x1000),
        0x8000 | r.u16(..0x4000),
        r.u64(..1 << 48)
    )
}

/// `sha1=<base64(HMAC-SHA1(key, body))>`.
pub(crate) fn signature(secret: &str, body: &[u8]) -> Option<String> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(body);
    Some(format!(
        "sha1={}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// One call to make.
struct Call {
    webhook_id: i64,
    url: String,
    secret: Option<String>,
    body: String,
}

impl Notifier {
    /// A notifier (no HTTP client if one cannot be built; then nothing is sent).
    pub(crate) fn new(retry_delay: Duration, max_attempts: u32) -> Self {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .ok();
        Notifier {
            client,
            delivered: Arc::default(),
            failed: Arc::default(),
            attempts: Arc::default(),
            sequence: Arc::default(),
            retry_delay,
            max_attempts: max_attempts.max(1),
        }
    }

    fn next_sequence(&self, hook: Kind, webhook: i64) -> u64 {
        let mut m = self.sequence.lock_safe();
        let n = m.entry((hook, webhook)).or_insert(0);
        *n += 1;
        *n
    }

    /// Works out and sends the calls a change of a watched record (ticket, company, contact)
    /// triggers. `deleted` is the record as it was, for a delete.
    pub(crate) fn event(&self, store: &Store, change: Change<'_>, deleted: Option<&Record>) {
        let Change {
            kind,
            action,
            id: record_id,
            changed,
            person,
        } = change;
        let Some(family) = webhook_kinds::watching(kind) else {
            return;
        };
        let record = match deleted {
            Some(old) => std::borrow::Cow::Borrowed(old),
            None => match store.get(kind, record_id) {
                Some(r) => r,
                None => return,
            },
        };
        let mut calls = Vec::new();
        for hook in store.iter(family.hook) {
            let Some(wid) = int(&hook, "id") else {
                continue;
            };
            let flag = |f: &str| hook.get(f) == Some(&json!(true));
            if !flag("isActive") || !flag("isReady") {
                continue;
            }
            if !flag(action.flag()) {
                continue;
            }
            let excluded = store.iter(family.excluded).any(|e| {
                int(&e, "webhookID") == Some(wid) && int(&e, "resourceID") == Some(person)
            });
            if excluded {
                continue;
            }
            let mut subscribed = Vec::new();
            let mut always = Vec::new();
            for f in store.iter(family.fields) {
                if int(&f, "webhookID") != Some(wid) {
                    continue;
                }
                let Some(name) = int(&f, "fieldID").and_then(|i| family.field_name(i)) else {
                    continue;
                };
                if f.get("isSubscribedField") == Some(&json!(true)) {
                    subscribed.push(name);
                }
                if f.get("isDisplayAlwaysField") == Some(&json!(true)) {
                    always.push(name);
                }
            }
            let hit: Vec<&str> = match action {
                Action::Create => subscribed.clone(),
                Action::Update => subscribed
                    .iter()
                    .copied()
                    .filter(|s| changed.iter().any(|c| c == s))
                    .collect(),
                Action::Delete => Vec::new(),
            };
            if hit.is_empty() && action != Action::Delete {
                continue;
            }
            let mut fields = Map::new();
            for name in hit.iter().chain(always.iter()) {
                fields.insert(
                    (*name).to_string(),
                    record.get(*name).cloned().unwrap_or(Value::Null),
                );
            }
            let payload = json!({
                "Action": action.wire(),
                "Guid": text(&hook, "webhookGUID").unwrap_or_default(),
                "EntityType": kind.legacy_name(),
                "Id": record_id,
                "Fields": fields,
                "EventTime": dates::wire(dates::now()),
                "SequenceNumber": self.next_sequence(family.hook, wid),
                "PersonID": person,
            });
            let Some(url) = text(&hook, "webhookUrl") else {
                continue;
            };
            calls.push(Call {
                webhook_id: wid,
                url: url.to_string(),
                secret: text(&hook, "secretKey")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
                body: payload.to_string(),
            });
        }
        for call in calls {
            self.send(call);
        }
    }

    fn send(&self, call: Call) {
        let Some(client) = self.client.clone() else {
            return;
        };
        let me = self.clone();
        tokio::spawn(async move {
            let sig = call
                .secret
                .as_deref()
                .and_then(|s| signature(s, call.body.as_bytes()));
            for attempt in 1..=me.max_attempts {
                let mut req = client
                    .post(&call.url)
                    .header(http::header::CONTENT_TYPE, "application/json")
                    .body(call.body.clone());
                if let Some(sig) = &sig {
                    req = req.header("X-Hook-Signature", sig);
                }
                let status = req.send().await.ok().map(|r| r.status().as_u16());
                me.attempts.lock_safe().push(Attempt {
                    webhook_id: call.webhook_id,
                    url: call.url.clone(),
                    body: call.body.clone(),
                    signature: sig.clone(),
                    status,
                });
                if status.is_some_and(|s| (200..300).contains(&s)) {
                    me.delivered.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                tracing::debug!(?status, attempt, "autotask sim webhook not delivered");
                if attempt < me.max_attempts {
                    tokio::time::sleep(me.retry_delay).await;
                }
            }
            me.failed.fetch_add(1, Ordering::SeqCst);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_base64_hmac_sha1() {
        // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?".
        let sig = signature("Jefe", b"what do ya want for nothing?").unwrap();
        let hex = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        assert_eq!(sig, format!("sha1={}", STANDARD.encode(bytes)));
    }

    #[test]
    fn guids_look_like_guids_and_differ() {
        let a = new_guid();
        let b = new_guid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(a.matches('-').count(), 4);
    }
}
