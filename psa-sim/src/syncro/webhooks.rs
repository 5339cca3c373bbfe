//! Notification-set webhooks.
//!
//! Syncro has no webhook API: an admin types a URL into a Notification Set (Notification Center),
//! and Syncro POSTs JSON `{"text", "link", "attributes"}` there when a subscribed event happens
//! (Syncro's documentation and observed traffic). The first line of `text` names the event ("A Ticket was created",
//! "A Ticket status was changed to Resolved", "A Ticket was resolved", "New Customer Created!",
//! "New Contact Created!"); `attributes` is the record shaped like the API's.
//!
//! No signature is documented and no signing header has been seen, so the sim sends none:
//! receivers must authenticate hooks another way (a secret in the URL path) and re-read the
//! record through the API. Retries are undocumented; the sim delivers once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

/// Delivers webhook payloads to the configured URL, in the background.
#[derive(Debug, Clone)]
pub(crate) struct Notifier {
    target: Option<(String, reqwest::Client)>,
    pub(crate) delivered: Arc<AtomicUsize>,
    pub(crate) failed: Arc<AtomicUsize>,
}

impl Notifier {
    /// A notifier for `url` (none: events are dropped).
    pub(crate) fn new(url: Option<String>) -> std::io::Result<Self> {
        let target = match url {
            Some(url) => {
                let parsed = url::Url::parse(&url).map_err(|e| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("webhook_url {url:?}: {e}"),
                    )
                })?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("webhook_url {url:?}: the scheme must be http or https"),
                    ));
                }
                let client = reqwest::Client::builder()
                    .timeout(std::time::Duration::from_secs(10))
                    .build()
                    .map_err(|e| std::io::Error::other(format!("webhook client: {e}")))?;
                Some((url, client))
            }
            None => None,
        };
        Ok(Notifier {
            target,
            delivered: Arc::default(),
            failed: Arc::default(),
        })
    }

    /// Whether a URL is configured.
    pub(crate) fn enabled(&self) -> bool {
        self.target.is_some()
    }

    /// Sends `{"text": event + "\n" + detail, "link", "attributes"}` without waiting.
    pub(crate) fn send(&self, event: &str, detail: &str, link: String, attributes: Value) {
        let Some((url, client)) = self.target.clone() else {
            return;
        };
        // The text's lines after the first are not documented; the sim adds one summary line.
        let payload =
            json!({ "text": format!("{event}\n{detail}"), "link": link, "attributes": attributes });
        let (ok, bad) = (self.delivered.clone(), self.failed.clone());
        tokio::spawn(async move {
            match client.post(&url).json(&payload).send().await {
                Ok(r) if r.status().is_success() => {
                    ok.fetch_add(1, Ordering::SeqCst);
                }
                Ok(r) => {
                    tracing::debug!(status = r.status().as_u16(), "syncro sim webhook refused");
                    bad.fetch_add(1, Ordering::SeqCst);
                }
                Err(e) => {
                    tracing::debug!(error = %e, "syncro sim webhook failed");
                    bad.fetch_add(1, Ordering::SeqCst);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_urls_it_cannot_post_to() {
        assert!(Notifier::new(Some("ftp://x.example/h".into())).is_err());
        assert!(Notifier::new(Some("not a url".into())).is_err());
        assert!(!Notifier::new(None).unwrap().enabled());
    }

    #[tokio::test]
    async fn a_disabled_notifier_sends_nothing() {
        let n = Notifier::new(None).unwrap();
        n.send(
            "A Ticket was created",
            "#1",
            "https://acme.syncromsp.com/tickets/1".into(),
            json!({}),
        );
        assert_eq!(
            n.delivered.load(Ordering::SeqCst) + n.failed.load(Ordering::SeqCst),
            0
        );
    }
}
