//! `ensure_webhooks`: provisions the ConnectWise callbacks a tool needs and repairs drift.

use psa_core::changes::EntityKind;
use psa_core::{EnsureReport, Error, ErrorKind, Result, WebhookRef, WebhookSpec};

use crate::ConnectWiseClient;
use crate::models::{CallbackEntry, CallbackLevel, CallbackType, NewCallback};

fn callback_type(entity: EntityKind) -> Result<CallbackType> {
    Ok(match entity {
        EntityKind::Ticket => CallbackType::Ticket,
        EntityKind::Company => CallbackType::Company,
        EntityKind::Contact => CallbackType::Contact,
        EntityKind::Opportunity => CallbackType::Opportunity,
        other => {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!("ConnectWise callbacks are not provisioned for {other:?}"),
            ));
        }
    })
}

/// Whether an existing callback is exactly what the spec wants.
fn matches(c: &CallbackEntry, want: &NewCallback) -> bool {
    c.url.as_deref() == Some(want.url.as_str())
        && c.callback_type.as_ref() == Some(&want.callback_type)
        && c.level.as_ref() == Some(&want.level)
        && c.object_id == Some(want.object_id)
        && c.inactive_flag != Some(true)
}

impl ConnectWiseClient {
    /// Provisions one owner-level callback per entity of the spec (described
    /// `"{prefix}-{entity}"`, e.g. `psa-sdk-ticket`) and repairs drift idempotently: a missing
    /// callback is created, one whose URL, type, level or active flag differs is replaced
    /// (deleted and created again), extra copies with the same description are removed, and
    /// callbacks the spec does not own are left alone. Running it twice changes nothing the
    /// second time.
    ///
    /// ConnectWise reports added, updated and deleted records on every callback, so
    /// `spec.events` does not narrow what is sent; payloads are verified with the callback key
    /// ([`crate::CallbackVerifier`]), not with `spec.secret`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_core::{WebhookSpec, changes::EntityKind};
    /// let spec = WebhookSpec::new("https://hooks.example.com/cw?recordId=".parse()?)
    ///     .entity(EntityKind::Ticket)
    ///     .entity(EntityKind::Company);
    /// assert_eq!(client.ensure_webhooks(&spec).await?.created.len(), 2);
    /// assert!(!client.ensure_webhooks(&spec).await?.changed_anything());
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn ensure_webhooks(&self, spec: &WebhookSpec) -> Result<EnsureReport> {
        spec.validate()?;
        let mut wanted = Vec::new();
        for &entity in &spec.entities {
            let name = spec.webhook_name(entity);
            let cb = NewCallback::new(
                spec.url.as_str(),
                callback_type(entity)?,
                CallbackLevel::Owner,
            )
            .object_id(1)
            .description(name.clone());
            cb.validate()?;
            wanted.push((entity, name, cb));
        }
        let existing = self.callbacks().all().await?;
        let mut report = EnsureReport::new();
        for (entity, name, want) in wanted {
            let mine: Vec<&CallbackEntry> = existing
                .iter()
                .filter(|c| c.description.as_deref().map(str::trim) == Some(name.as_str()))
                .collect();
            let keep = mine.iter().find(|c| matches(c, &want)).map(|c| c.id);
            for c in mine.iter().filter(|c| Some(c.id) != keep) {
                self.callbacks().delete(c.id).await?;
            }
            match keep {
                Some(id) if mine.len() == 1 => {
                    report
                        .unchanged
                        .push(WebhookRef::new(entity, id.to_string(), name));
                }
                Some(id) => {
                    report
                        .updated
                        .push(WebhookRef::new(entity, id.to_string(), name));
                }
                None => {
                    let created = self.callbacks().create(&want).await?;
                    let r = WebhookRef::new(entity, created.id.to_string(), name);
                    if mine.is_empty() {
                        report.created.push(r);
                    } else {
                        report.updated.push(r);
                    }
                }
            }
        }
        Ok(report)
    }
}
