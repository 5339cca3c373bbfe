//! `ensure_webhooks`: provisions the ticket, company and contact webhooks a tool needs and
//! repairs drift, with the meaning of ConnectWise's (one contract: [`psa_core::WebhookSpec`] in,
//! [`psa_core::EnsureReport`] out).
//!
//! Each webhook is named `"{prefix}-{entity}"` ([`WebhookSpec::webhook_name`]); only webhooks
//! with exactly that name are touched. What "matching the spec" means for one webhook:
//! - `webhookUrl` and `deactivationUrl` are the spec's URL, `isActive` is true, and the three
//!   `isSubscribedTo*Events` flags are the spec's events;
//! - each field of [`SyncFields`] for its entity exists under the webhook with at least the
//!   flags wanted (subscribed, or sent always). Fields added by someone else stay, and so do
//!   excluded resources.
//!
//! Autotask never returns `secretKey`, so a changed key cannot be seen: the key is sent when a
//! webhook is created and whenever it is repaired. To rotate it, delete the webhook and run
//! `ensure_webhooks` again.

use futures::TryStreamExt;
use psa_core::WebhookSpec;
use psa_core::changes::EntityKind;
use psa_core::{EnsureReport, Error, ErrorKind, Result, Vendor, WebhookEvent, WebhookRef};
use secrecy::{ExposeSecret, SecretString};

use crate::api::Entity;
use crate::api::webhooks::resolve_webhook_field;
use crate::models::{
    CompanyWebhook, CompanyWebhookField, ContactWebhook, ContactWebhookField, TicketWebhook,
    TicketWebhookField,
};
use crate::{AutotaskClient, Filter, Query};

/// The fields `ensure_webhooks` puts on the webhook of one entity: the ones a sync cares about
/// trigger a delivery (`isSubscribedField`), and the record's last-modified field is sent in
/// every delivery (`isDisplayAlwaysField`) so that
/// [`WebhookPayload::to_change_event`](crate::WebhookPayload::to_change_event) carries the
/// same change time as the poll of the [`ChangeFeed`](psa_core::changes::ChangeFeed).
///
/// Names are resolved against the tenant's `{Entity}WebhookFields` `fieldID` picklist; a name
/// the tenant does not list is skipped (Autotask's field lists differ between versions), but at
/// least one subscribed field must resolve.
///
/// ```
/// use psa_autotask::SyncFields;
/// use psa_core::changes::EntityKind;
/// let t = SyncFields::of(EntityKind::Ticket).unwrap();
/// assert!(t.subscribed.contains(&"status"));
/// assert_eq!(t.always, ["lastActivityDate"]);
/// assert!(SyncFields::of(EntityKind::Opportunity).is_none());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncFields {
    /// Fields whose change triggers a delivery.
    pub subscribed: &'static [&'static str],
    /// Fields sent in every delivery.
    pub always: &'static [&'static str],
}

impl SyncFields {
    /// The fields for an entity that has Autotask webhooks (tickets, companies, contacts).
    pub fn of(entity: EntityKind) -> Option<SyncFields> {
        Some(match entity {
            EntityKind::Ticket => SyncFields {
                subscribed: &[
                    "title",
                    "description",
                    "status",
                    "priority",
                    "queueID",
                    "issueType",
                    "subIssueType",
                    "ticketType",
                    "companyID",
                    "contactID",
                    "assignedResourceID",
                    "dueDateTime",
                ],
                always: &["lastActivityDate"],
            },
            EntityKind::Company => SyncFields {
                subscribed: &[
                    "companyName",
                    "companyType",
                    "isActive",
                    "ownerResourceID",
                    "parentCompanyID",
                    "phone",
                    "address1",
                    "city",
                    "state",
                    "postalCode",
                    "webAddress",
                ],
                always: &["lastTrackedModifiedDateTime"],
            },
            EntityKind::Contact => SyncFields {
                subscribed: &[
                    "firstName",
                    "lastName",
                    "emailAddress",
                    "phone",
                    "mobilePhone",
                    "title",
                    "isActive",
                    "companyID",
                ],
                always: &["lastModifiedDate"],
            },
            _ => return None,
        })
    }
}

/// The settings one webhook should have.
struct Wanted<'s> {
    entity: EntityKind,
    name: String,
    url: &'s str,
    secret: &'s SecretString,
    create: bool,
    update: bool,
    delete: bool,
}

/// The settings of a webhook as read back (the secret is never returned).
struct Seen {
    id: Option<i64>,
    name: Option<String>,
    url: Option<String>,
    deactivation_url: Option<String>,
    active: Option<bool>,
    create: Option<bool>,
    update: Option<bool>,
    delete: Option<bool>,
}

impl Seen {
    fn matches(&self, w: &Wanted<'_>) -> bool {
        self.url.as_deref() == Some(w.url)
            && self.deactivation_url.as_deref() == Some(w.url)
            && self.active == Some(true)
            && self.create.unwrap_or(false) == w.create
            && self.update.unwrap_or(false) == w.update
            && self.delete.unwrap_or(false) == w.delete
    }
}

/// A webhook model of one family (ticket, company, contact), read and built alike.
trait HookModel: Entity {
    /// The family's field model.
    type Field: FieldModel;
    fn seen(&self) -> Seen;
    fn build(id: Option<i64>, w: &Wanted<'_>) -> Self;
}

/// A webhook field model of one family.
trait FieldModel: Entity {
    /// `(fieldID, isSubscribedField, isDisplayAlwaysField)`.
    fn flags(&self) -> (Option<i64>, bool, bool);
    fn build(id: Option<i64>, webhook: i64, field: i64, subscribed: bool, always: bool) -> Self;
}

macro_rules! hook_family {
    ($hook:ident, $field:ident) => {
        impl HookModel for $hook {
            type Field = $field;
            fn seen(&self) -> Seen {
                Seen {
                    id: self.id,
                    name: self.name.clone(),
                    url: self.webhook_url.clone(),
                    deactivation_url: self.deactivation_url.clone(),
                    active: self.is_active,
                    create: self.is_subscribed_to_create_events,
                    update: self.is_subscribed_to_update_events,
                    delete: self.is_subscribed_to_delete_events,
                }
            }
            fn build(id: Option<i64>, w: &Wanted<'_>) -> Self {
                $hook {
                    id,
                    name: Some(w.name.clone()),
                    webhook_url: Some(w.url.to_string()),
                    deactivation_url: Some(w.url.to_string()),
                    secret_key: Some(w.secret.clone()),
                    is_active: Some(true),
                    is_subscribed_to_create_events: Some(w.create),
                    is_subscribed_to_update_events: Some(w.update),
                    is_subscribed_to_delete_events: Some(w.delete),
                    ..Default::default()
                }
            }
        }

        impl FieldModel for $field {
            fn flags(&self) -> (Option<i64>, bool, bool) {
                (
                    self.field_id,
                    self.is_subscribed_field == Some(true),
                    self.is_display_always_field == Some(true),
                )
            }
            fn build(
                id: Option<i64>,
                webhook: i64,
                field: i64,
                subscribed: bool,
                always: bool,
            ) -> Self {
                $field {
                    id,
                    webhook_id: Some(webhook),
                    field_id: Some(field),
                    is_subscribed_field: Some(subscribed),
                    is_display_always_field: Some(always),
                    ..Default::default()
                }
            }
        }
    };
}

hook_family!(TicketWebhook, TicketWebhookField);
hook_family!(CompanyWebhook, CompanyWebhookField);
hook_family!(ContactWebhook, ContactWebhookField);

fn unsupported(entity: EntityKind) -> Error {
    Error::new(
        ErrorKind::Unsupported,
        format!(
            "Autotask has no {entity} webhooks; ensure_webhooks provisions ticket, company and \
             contact webhooks (remove {entity} from the spec and poll it with the change feed)"
        ),
    )
    .with_vendor(Vendor::Autotask)
}

fn invalid(field: &str, msg: String) -> Error {
    Error::new(ErrorKind::Validation, msg)
        .with_vendor(Vendor::Autotask)
        .with_fields([field])
}

/// Checks what Autotask would refuse, before anything is sent.
fn wanted(spec: &WebhookSpec) -> Result<Vec<Wanted<'_>>> {
    spec.validate()?;
    let secret = spec.secret.as_ref().ok_or_else(|| {
        invalid(
            "secretKey",
            "Autotask signs deliveries with a key the subscriber chooses: set one with \
             WebhookSpec::secret(..) (1 to 64 characters)"
                .into(),
        )
    })?;
    let n = secret.expose_secret().chars().count();
    if n == 0 || n > 64 {
        return Err(invalid(
            "secretKey",
            format!("the webhook secret needs 1 to 64 characters, got {n}"),
        ));
    }
    let url = spec.url.as_str();
    if url.chars().count() > 500 {
        return Err(invalid(
            "webhookUrl",
            "the webhook URL is longer than Autotask's 500 characters".into(),
        ));
    }
    let has = |e: WebhookEvent| spec.events.contains(&e);
    spec.entities
        .iter()
        .map(|&entity| {
            if SyncFields::of(entity).is_none() {
                return Err(unsupported(entity));
            }
            let name = spec.webhook_name(entity);
            if name.chars().count() > 50 {
                return Err(invalid(
                    "name",
                    format!("the webhook name {name:?} is longer than Autotask's 50 characters; use a shorter name prefix"),
                ));
            }
            Ok(Wanted {
                entity,
                name,
                url,
                secret,
                create: has(WebhookEvent::Created),
                update: has(WebhookEvent::Updated),
                delete: has(WebhookEvent::Deleted),
            })
        })
        .collect()
}

impl AutotaskClient {
    /// Provisions one webhook per entity of the spec — ticket, company and contact webhooks,
    /// named `"{prefix}-{entity}"` (e.g. `psa-sdk-company`) — and repairs drift idempotently:
    /// a missing webhook is created with its fields; one whose URL, events or active flag
    /// differ is fixed in place (`PATCH`, the secret sent again); missing fields are added;
    /// extra webhooks with the same name are deleted; webhooks with other names are never
    /// touched. Running it twice changes nothing the second time.
    ///
    /// Deliveries go to `spec.url` (also the deactivation URL, so Autotask's deactivation
    /// notice reaches the same receiver) and are signed with `spec.secret`, which Autotask
    /// requires; verify them with [`verify_signature`](crate::verify_signature). The fields
    /// each webhook watches are [`SyncFields`]. Opportunities have no Autotask webhooks: a
    /// spec naming them fails with [`ErrorKind::Unsupported`] before anything is sent.
    ///
    /// Writes go one at a time (Autotask refuses parallel webhook-field creates). If a write
    /// fails halfway, run it again: it finishes what is missing.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(3).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).base_url(sim.zone_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_core::{WebhookSpec, changes::EntityKind};
    /// let spec = WebhookSpec::new("https://hooks.example.com/autotask".parse()?)
    ///     .entity(EntityKind::Ticket)
    ///     .entity(EntityKind::Company)
    ///     .secret("a-64-char-max-secret");
    /// assert_eq!(client.ensure_webhooks(&spec).await?.created.len(), 2);
    /// assert!(!client.ensure_webhooks(&spec).await?.changed_anything());
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub async fn ensure_webhooks(&self, spec: &WebhookSpec) -> Result<EnsureReport> {
        let wanted = wanted(spec)?;
        let mut report = EnsureReport::new();
        for w in &wanted {
            match w.entity {
                EntityKind::Ticket => {
                    self.ensure_one::<TicketWebhook>(spec, w, &mut report)
                        .await?;
                }
                EntityKind::Company => {
                    self.ensure_one::<CompanyWebhook>(spec, w, &mut report)
                        .await?;
                }
                EntityKind::Contact => {
                    self.ensure_one::<ContactWebhook>(spec, w, &mut report)
                        .await?;
                }
                other => return Err(unsupported(other)),
            }
        }
        Ok(report)
    }

    /// The wanted `(fieldID, subscribed, always)` of one webhook.
    async fn sync_field_ids<F: Entity>(
        &self,
        entity: EntityKind,
    ) -> Result<Vec<(i64, bool, bool)>> {
        let fields = SyncFields::of(entity).ok_or_else(|| unsupported(entity))?;
        let picklist = self.picklist(F::NAME, "fieldID").await?;
        let mut out: Vec<(i64, bool, bool)> = Vec::new();
        for name in fields.subscribed {
            if let Some(id) = resolve_webhook_field(&picklist, name)
                && !out.iter().any(|f| f.0 == id)
            {
                out.push((id, true, false));
            }
        }
        if out.is_empty() {
            let e = crate::api::webhooks::unknown_webhook_field(
                &picklist,
                F::NAME,
                fields.subscribed.join(", ").as_str(),
            );
            let msg = format!(
                "the tenant offers none of the fields a {} sync watches: {}",
                entity,
                e.message()
            );
            return Err(e.with_message(msg));
        }
        for name in fields.always {
            if let Some(id) = resolve_webhook_field(&picklist, name) {
                match out.iter_mut().find(|f| f.0 == id) {
                    Some(f) => f.2 = true,
                    None => out.push((id, false, true)),
                }
            }
        }
        Ok(out)
    }

    async fn ensure_one<H: HookModel>(
        &self,
        spec: &WebhookSpec,
        w: &Wanted<'_>,
        report: &mut EnsureReport,
    ) -> Result<()> {
        let fields = self.sync_field_ids::<H::Field>(w.entity).await?;
        let mine: Vec<Seen> = self
            .entity::<H>()
            .stream(Query::with(Filter::begins_with(
                "name",
                spec.name_prefix.as_str(),
            )))
            .map_ok(|h| h.seen())
            .try_filter(|s| {
                let ours = s.name.as_deref().map(str::trim) == Some(w.name.as_str());
                async move { ours }
            })
            .try_collect()
            .await?;
        let keep = mine
            .iter()
            .position(|s| s.matches(w))
            .or(if mine.is_empty() { None } else { Some(0) });
        let Some(keep) = keep.and_then(|i| mine.get(i)) else {
            let id = self.entity::<H>().create(&H::build(None, w)).await?;
            self.add_fields::<H::Field>(id, &fields, &[])
                .await
                .map_err(|e| incomplete(e, &w.name, id))?;
            report
                .created
                .push(WebhookRef::new(w.entity, id.to_string(), w.name.clone()));
            return Ok(());
        };
        let id = keep.id.ok_or_else(|| crate::api::missing_id(H::NAME))?;
        let mut changed = false;
        for extra in mine.iter().filter(|s| s.id != Some(id)) {
            self.entity::<H>().delete(&H::build(extra.id, w)).await?;
            changed = true;
        }
        if !keep.matches(w) {
            self.entity::<H>().update(&H::build(Some(id), w)).await?;
            changed = true;
        }
        let existing: Vec<H::Field> = self
            .entity::<H::Field>()
            .stream(Query::with(Filter::eq("webhookID", id)))
            .try_collect()
            .await?;
        changed |= self
            .add_fields::<H::Field>(id, &fields, &existing)
            .await
            .map_err(|e| incomplete(e, &w.name, id))?;
        let r = WebhookRef::new(w.entity, id.to_string(), w.name.clone());
        if changed {
            report.updated.push(r);
        } else {
            report.unchanged.push(r);
        }
        Ok(())
    }

    /// Creates the wanted fields that are missing and raises the flags of those that lack
    /// one; never lowers a flag or removes a field. Whether anything was written.
    async fn add_fields<F: FieldModel>(
        &self,
        webhook: i64,
        wanted: &[(i64, bool, bool)],
        existing: &[F],
    ) -> Result<bool> {
        let mut wrote = false;
        for &(field, sub, always) in wanted {
            let found = existing.iter().find(|f| f.flags().0 == Some(field));
            match found {
                None => {
                    self.entity::<F>()
                        .create(&F::build(None, webhook, field, sub, always))
                        .await?;
                    wrote = true;
                }
                Some(f) => {
                    let (_, has_sub, has_always) = f.flags();
                    if (sub && !has_sub) || (always && !has_always) {
                        let fix =
                            F::build(f.id(), webhook, field, sub || has_sub, always || has_always);
                        self.entity::<F>().update(&fix).await?;
                        wrote = true;
                    }
                }
            }
        }
        Ok(wrote)
    }
}

fn incomplete(e: Error, name: &str, id: i64) -> Error {
    let msg = format!(
        "{} (webhook {name:?}, id {id}, is incomplete; run ensure_webhooks again to finish it)",
        e.message()
    );
    e.with_message(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> WebhookSpec {
        WebhookSpec::new("https://hooks.example.com/at".parse().unwrap())
            .entity(EntityKind::Ticket)
            .secret("k")
    }

    #[test]
    fn opportunities_are_refused_by_name_before_any_request() {
        let e = wanted(&spec().entity(EntityKind::Opportunity))
            .err()
            .unwrap();
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        assert!(e.message().contains("opportunit"), "{e}");
    }

    #[test]
    fn the_secret_is_required_and_bounded() {
        let no_secret =
            WebhookSpec::new("https://h.example/x".parse().unwrap()).entity(EntityKind::Company);
        let e = wanted(&no_secret).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.message().contains("secret"), "{e}");
        let long = spec().secret("x".repeat(65));
        assert!(wanted(&long).is_err());
        let long_name = spec().name_prefix("p".repeat(45));
        assert!(wanted(&long_name).err().unwrap().message().contains("50"));
    }

    #[test]
    fn events_map_to_the_three_flags() {
        let s = spec().events([WebhookEvent::Updated]);
        let w = wanted(&s).unwrap();
        assert_eq!(
            (w[0].create, w[0].update, w[0].delete),
            (false, true, false)
        );
        assert_eq!(w[0].name, "psa-sdk-ticket");
    }

    #[test]
    fn every_webhook_entity_has_sync_fields() {
        for e in [EntityKind::Ticket, EntityKind::Company, EntityKind::Contact] {
            let f = SyncFields::of(e).unwrap();
            assert!(!f.subscribed.is_empty() && f.always.len() == 1);
        }
    }
}
