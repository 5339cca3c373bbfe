//! Ticket webhook registration: the webhook, its subscribed fields and excluded resources.

use std::fmt;

use futures::TryStreamExt;
use psa_core::{Error, ErrorKind, Result, Vendor};
use secrecy::{ExposeSecret, SecretString};

use super::{Entity, EntityApi, TicketWebhooksApi, child_path, top_level, unsupported, with_id};
use crate::models::{TicketWebhook, TicketWebhookExcludedResource, TicketWebhookField};
use crate::{AutotaskClient, Filter, Picklist, Query};

impl Entity for TicketWebhook {
    const NAME: &'static str = "TicketWebhooks";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn delete_path(&self) -> Result<String> {
        with_id(top_level(Self::NAME), self.id, Self::NAME)
    }
}

impl Entity for TicketWebhookField {
    const NAME: &'static str = "TicketWebhookFields";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "TicketWebhooks",
            self.webhook_id,
            "Fields",
            "webhookID",
        )
    }
    fn update_path(&self) -> Result<String> {
        self.create_path()
    }
    fn delete_path(&self) -> Result<String> {
        with_id(self.create_path(), self.id, Self::NAME)
    }
}

impl Entity for TicketWebhookExcludedResource {
    const NAME: &'static str = "TicketWebhookExcludedResources";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "TicketWebhooks",
            self.webhook_id,
            "ExcludedResources",
            "webhookID",
        )
    }
    fn update_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "update"))
    }
    fn delete_path(&self) -> Result<String> {
        with_id(self.create_path(), self.id, Self::NAME)
    }
}

/// A ticket field for a webhook: its id from `TicketWebhookFields/entityInformation/fields`,
/// or its name, resolved against the labels of that picklist.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookFieldRef {
    /// The field id.
    Id(i64),
    /// The field's name or label (`status`, `Status`), case-insensitive.
    Name(String),
}

impl From<i64> for WebhookFieldRef {
    fn from(v: i64) -> Self {
        WebhookFieldRef::Id(v)
    }
}

impl From<&str> for WebhookFieldRef {
    fn from(v: &str) -> Self {
        WebhookFieldRef::Name(v.to_string())
    }
}

impl From<String> for WebhookFieldRef {
    fn from(v: String) -> Self {
        WebhookFieldRef::Name(v)
    }
}

/// A ticket webhook to register.
///
/// ```
/// use psa_autotask::NewTicketWebhook;
/// let w = NewTicketWebhook::new("portal sync", "https://hooks.example.com/autotask", "https://hooks.example.com/autotask/off", "a-64-char-max-secret")
///     .on_create(true)
///     .on_update(true)
///     .subscribe(["status", "priority"])
///     .exclude_resource(29682885);
/// assert!(w.validate().is_ok());
/// assert!(!format!("{w:?}").contains("a-64-char-max-secret"));
/// ```
#[derive(Clone)]
pub struct NewTicketWebhook {
    name: String,
    webhook_url: String,
    deactivation_url: String,
    secret_key: SecretString,
    notification_email: Option<String>,
    on_create: bool,
    on_update: bool,
    on_delete: bool,
    threshold_notification: bool,
    subscribed: Vec<WebhookFieldRef>,
    always: Vec<WebhookFieldRef>,
    excluded: Vec<i64>,
}

impl fmt::Debug for NewTicketWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewTicketWebhook")
            .field("name", &self.name)
            .field("webhook_url", &self.webhook_url)
            .field("deactivation_url", &self.deactivation_url)
            .field("secret_key", &"[redacted]")
            .field("on_create", &self.on_create)
            .field("on_update", &self.on_update)
            .field("on_delete", &self.on_delete)
            .field("subscribed", &self.subscribed)
            .field("always", &self.always)
            .field("excluded", &self.excluded)
            .finish_non_exhaustive()
    }
}

impl NewTicketWebhook {
    /// A webhook with its name, delivery URL, deactivation URL and signing key; subscribed to
    /// updates by default.
    pub fn new(
        name: impl Into<String>,
        webhook_url: impl Into<String>,
        deactivation_url: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        NewTicketWebhook {
            name: name.into(),
            webhook_url: webhook_url.into(),
            deactivation_url: deactivation_url.into(),
            secret_key: SecretString::from(secret_key.into()),
            notification_email: None,
            on_create: false,
            on_update: true,
            on_delete: false,
            threshold_notification: false,
            subscribed: Vec::new(),
            always: Vec::new(),
            excluded: Vec::new(),
        }
    }

    /// Deliver on create.
    pub fn on_create(mut self, v: bool) -> Self {
        self.on_create = v;
        self
    }
    /// Deliver on update.
    pub fn on_update(mut self, v: bool) -> Self {
        self.on_update = v;
        self
    }
    /// Deliver on delete.
    pub fn on_delete(mut self, v: bool) -> Self {
        self.on_delete = v;
        self
    }
    /// Where failure notices go.
    pub fn notification_email(mut self, v: impl Into<String>) -> Self {
        self.notification_email = Some(v.into());
        self
    }
    /// Email when the delivery threshold is exceeded.
    pub fn threshold_notification(mut self, v: bool) -> Self {
        self.threshold_notification = v;
        self
    }
    /// Fields whose change triggers a delivery (at least one is needed).
    pub fn subscribe<F: Into<WebhookFieldRef>>(
        mut self,
        fields: impl IntoIterator<Item = F>,
    ) -> Self {
        self.subscribed.extend(fields.into_iter().map(Into::into));
        self
    }
    /// Fields sent in every delivery, changed or not.
    pub fn always_send<F: Into<WebhookFieldRef>>(
        mut self,
        fields: impl IntoIterator<Item = F>,
    ) -> Self {
        self.always.extend(fields.into_iter().map(Into::into));
        self
    }
    /// A resource whose changes do not trigger deliveries (e.g. the integration's API user,
    /// so its own writes do not echo back).
    pub fn exclude_resource(mut self, resource_id: i64) -> Self {
        self.excluded.push(resource_id);
        self
    }

    /// Checks Autotask's documented limits before anything is sent.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, msg: String| {
            Err(Error::new(ErrorKind::Validation, msg)
                .with_vendor(Vendor::Autotask)
                .with_entity("TicketWebhooks")
                .with_fields([field]))
        };
        if self.name.trim().is_empty() || self.name.chars().count() > 50 {
            return bad("name", "a webhook name needs 1 to 50 characters".into());
        }
        for (field, url) in [
            ("webhookUrl", &self.webhook_url),
            ("deactivationUrl", &self.deactivation_url),
        ] {
            if url.chars().count() > 500 {
                return bad(field, format!("{field} is longer than 500 characters"));
            }
            if url::Url::parse(url).is_err() {
                return bad(field, format!("{field} is not a URL: {url:?}"));
            }
        }
        let key = self.secret_key.expose_secret();
        if key.is_empty() || key.chars().count() > 64 {
            return bad(
                "secretKey",
                "the secret key needs 1 to 64 characters".into(),
            );
        }
        if self.subscribed.is_empty() {
            return bad(
                "fields",
                "subscribe to at least one field; Autotask does not deliver until one is set"
                    .into(),
            );
        }
        if !(self.on_create || self.on_update || self.on_delete) {
            return bad(
                "isSubscribedToUpdateEvents",
                "subscribe to at least one of create, update or delete".into(),
            );
        }
        Ok(())
    }
}

/// What [`AutotaskClient::create_ticket_webhook`] created.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketWebhookSetup {
    /// The webhook's id.
    pub webhook_id: i64,
    /// The ids of the webhook field records.
    pub field_ids: Vec<i64>,
    /// The ids of the excluded-resource records.
    pub excluded_resource_ids: Vec<i64>,
}

impl AutotaskClient {
    /// Ticket webhooks.
    pub fn ticket_webhooks(&self) -> TicketWebhooksApi<'_> {
        EntityApi::new(self)
    }

    /// Registers a ticket webhook: the webhook, then each field, then each excluded resource,
    /// one request at a time (Autotask refuses parallel field creates). If a later step fails,
    /// the error names the webhook id already created so it can be deleted.
    pub async fn create_ticket_webhook(
        &self,
        new: &NewTicketWebhook,
    ) -> Result<TicketWebhookSetup> {
        new.validate()?;
        let hook = TicketWebhook {
            name: Some(new.name.clone()),
            webhook_url: Some(new.webhook_url.clone()),
            deactivation_url: Some(new.deactivation_url.clone()),
            secret_key: Some(new.secret_key.clone()),
            is_active: Some(true),
            is_subscribed_to_create_events: Some(new.on_create),
            is_subscribed_to_update_events: Some(new.on_update),
            is_subscribed_to_delete_events: Some(new.on_delete),
            notification_email_address: new.notification_email.clone(),
            send_threshold_exceeded_notification: Some(new.threshold_notification),
            ..Default::default()
        };

        // Resolve names before creating anything; a field both subscribed and always sent is
        // one record.
        let mut wanted: Vec<(i64, bool, bool)> = Vec::new();
        for r in &new.subscribed {
            let id = self.webhook_field_id(r).await?;
            if !wanted.iter().any(|w| w.0 == id) {
                wanted.push((id, true, false));
            }
        }
        for r in &new.always {
            let id = self.webhook_field_id(r).await?;
            match wanted.iter_mut().find(|w| w.0 == id) {
                Some(w) => w.2 = true,
                None => wanted.push((id, false, true)),
            }
        }

        let webhook_id = self.ticket_webhooks().create(&hook).await?;
        let incomplete = |e: Error| {
            let msg = format!(
                "{} (ticket webhook {webhook_id} was created but is incomplete; delete it and try again)",
                e.message()
            );
            e.with_message(msg)
        };
        let mut field_ids = Vec::new();
        for (field_id, subscribed, always) in wanted {
            let f = TicketWebhookField {
                webhook_id: Some(webhook_id),
                field_id: Some(field_id),
                is_subscribed_field: Some(subscribed),
                is_display_always_field: Some(always),
                ..Default::default()
            };
            field_ids.push(
                self.entity::<TicketWebhookField>()
                    .create(&f)
                    .await
                    .map_err(incomplete)?,
            );
        }
        let mut excluded_resource_ids = Vec::new();
        for resource in &new.excluded {
            let x = TicketWebhookExcludedResource {
                webhook_id: Some(webhook_id),
                resource_id: Some(*resource),
                ..Default::default()
            };
            excluded_resource_ids.push(
                self.entity::<TicketWebhookExcludedResource>()
                    .create(&x)
                    .await
                    .map_err(incomplete)?,
            );
        }
        Ok(TicketWebhookSetup {
            webhook_id,
            field_ids,
            excluded_resource_ids,
        })
    }

    /// All ticket webhooks.
    pub async fn list_ticket_webhooks(&self) -> Result<Vec<TicketWebhook>> {
        self.ticket_webhooks()
            .stream(Query::new())
            .try_collect()
            .await
    }

    /// The fields of one ticket webhook.
    pub async fn ticket_webhook_fields(&self, webhook_id: i64) -> Result<Vec<TicketWebhookField>> {
        self.entity::<TicketWebhookField>()
            .stream(Query::with(Filter::eq("webhookID", webhook_id)))
            .try_collect()
            .await
    }

    /// The excluded resources of one ticket webhook.
    pub async fn ticket_webhook_excluded_resources(
        &self,
        webhook_id: i64,
    ) -> Result<Vec<TicketWebhookExcludedResource>> {
        self.entity::<TicketWebhookExcludedResource>()
            .stream(Query::with(Filter::eq("webhookID", webhook_id)))
            .try_collect()
            .await
    }

    /// Deletes a ticket webhook (`DELETE /V1.0/TicketWebhooks/{id}`).
    pub async fn delete_ticket_webhook(&self, webhook_id: i64) -> Result<()> {
        let w = TicketWebhook {
            id: Some(webhook_id),
            ..Default::default()
        };
        self.ticket_webhooks().delete(&w).await
    }

    async fn webhook_field_id(&self, r: &WebhookFieldRef) -> Result<i64> {
        let name = match r {
            WebhookFieldRef::Id(id) => return Ok(*id),
            WebhookFieldRef::Name(n) => n,
        };
        let fields_entity = "TicketWebhookFields";
        let picklist = self.picklist(fields_entity, "fieldID").await?;
        resolve_webhook_field(&picklist, name)
            .ok_or_else(|| unknown_webhook_field(&picklist, fields_entity, name))
    }
}

/// The `fieldID` of a webhook field given by its name or label (`status`, `Status`,
/// `Queue ID`), from the `{Entity}WebhookFields` `fieldID` picklist.
pub(crate) fn resolve_webhook_field(picklist: &Picklist, name: &str) -> Option<i64> {
    picklist
        .resolve(name)
        .and_then(|v| v.parse::<i64>().ok())
        .or_else(|| {
            // Labels may be "Status" for the field `status`, or spaced ("Queue ID").
            let squash = |s: &str| s.replace([' ', '_'], "").to_ascii_lowercase();
            picklist
                .values()
                .iter()
                .find(|v| {
                    v.label
                        .as_deref()
                        .is_some_and(|l| squash(l) == squash(name))
                })
                .and_then(|v| v.value.as_deref())
                .and_then(|v| v.parse().ok())
        })
}

/// The error for a webhook field name the tenant does not list, with the labels it does.
pub(crate) fn unknown_webhook_field(picklist: &Picklist, fields_entity: &str, name: &str) -> Error {
    let known: Vec<&str> = picklist
        .values()
        .iter()
        .filter_map(|v| v.label.as_deref())
        .take(40)
        .collect();
    Error::new(
        ErrorKind::Validation,
        format!(
            "no {fields_entity} field is called {name:?}; known labels: {}",
            known.join(", ")
        ),
    )
    .with_vendor(Vendor::Autotask)
    .with_entity(fields_entity)
    .with_fields(["fieldID"])
}
