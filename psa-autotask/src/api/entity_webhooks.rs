//! Company and contact webhooks: `/V1.0/CompanyWebhooks`, `/V1.0/ContactWebhooks`, with their
//! fields and excluded resources written under `/{Webhooks}/{id}/Fields` and
//! `/{Webhooks}/{id}/ExcludedResources`, like the ticket webhooks.

use psa_core::Result;

use super::{Entity, EntityApi, child_path, top_level, unsupported, with_id};
use crate::AutotaskClient;
use crate::models::{
    CompanyWebhook, CompanyWebhookExcludedResource, CompanyWebhookField, ContactWebhook,
    ContactWebhookExcludedResource, ContactWebhookField,
};

macro_rules! entity_webhook_entities {
    ($hook:ident, $field:ident, $excl:ident, $path:literal) => {
        impl Entity for $hook {
            const NAME: &'static str = $path;

            fn id(&self) -> Option<i64> {
                self.id
            }
            fn create_path(&self) -> Result<String> {
                top_level(Self::NAME)
            }
            fn update_path(&self) -> Result<String> {
                top_level(Self::NAME)
            }
            fn delete_path(&self) -> Result<String> {
                with_id(top_level(Self::NAME), self.id, Self::NAME)
            }
        }

        impl Entity for $field {
            const NAME: &'static str = concat!(stringify!($hook), "Fields");

            fn id(&self) -> Option<i64> {
                self.id
            }
            fn create_path(&self) -> Result<String> {
                child_path(Self::NAME, $path, self.webhook_id, "Fields", "webhookID")
            }
            fn update_path(&self) -> Result<String> {
                self.create_path()
            }
            fn delete_path(&self) -> Result<String> {
                with_id(self.create_path(), self.id, Self::NAME)
            }
        }

        impl Entity for $excl {
            const NAME: &'static str = concat!(stringify!($hook), "ExcludedResources");

            fn id(&self) -> Option<i64> {
                self.id
            }
            fn create_path(&self) -> Result<String> {
                child_path(
                    Self::NAME,
                    $path,
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
    };
}

entity_webhook_entities!(
    CompanyWebhook,
    CompanyWebhookField,
    CompanyWebhookExcludedResource,
    "CompanyWebhooks"
);
entity_webhook_entities!(
    ContactWebhook,
    ContactWebhookField,
    ContactWebhookExcludedResource,
    "ContactWebhooks"
);

/// The `CompanyWebhook` handler: [`AutotaskClient::company_webhooks`].
pub type CompanyWebhooksApi<'c> = EntityApi<'c, CompanyWebhook>;
/// The `CompanyWebhookField` handler: [`AutotaskClient::company_webhook_fields`].
pub type CompanyWebhookFieldsApi<'c> = EntityApi<'c, CompanyWebhookField>;
/// The `CompanyWebhookExcludedResource` handler:
/// [`AutotaskClient::company_webhook_excluded_resources`].
pub type CompanyWebhookExcludedResourcesApi<'c> = EntityApi<'c, CompanyWebhookExcludedResource>;
/// The `ContactWebhook` handler: [`AutotaskClient::contact_webhooks`].
pub type ContactWebhooksApi<'c> = EntityApi<'c, ContactWebhook>;
/// The `ContactWebhookField` handler: [`AutotaskClient::contact_webhook_fields`].
pub type ContactWebhookFieldsApi<'c> = EntityApi<'c, ContactWebhookField>;
/// The `ContactWebhookExcludedResource` handler:
/// [`AutotaskClient::contact_webhook_excluded_resources`].
pub type ContactWebhookExcludedResourcesApi<'c> = EntityApi<'c, ContactWebhookExcludedResource>;

impl AutotaskClient {
    /// Company webhooks (registrations; deliveries carry `EntityType: Account`).
    ///
    /// ```
    /// let mut w = psa_autotask::models::CompanyWebhook::default();
    /// w.name = Some("psa-sdk companies".into());
    /// w.secret_key = Some("a-64-char-max-secret".to_string().into());
    /// assert!(!format!("{w:?}").contains("a-64-char-max-secret"));
    /// ```
    pub fn company_webhooks(&self) -> CompanyWebhooksApi<'_> {
        EntityApi::new(self)
    }
    /// The fields of company webhooks (create under `CompanyWebhooks/{webhookID}/Fields`).
    pub fn company_webhook_fields(&self) -> CompanyWebhookFieldsApi<'_> {
        EntityApi::new(self)
    }
    /// The resources excluded from company webhooks.
    pub fn company_webhook_excluded_resources(&self) -> CompanyWebhookExcludedResourcesApi<'_> {
        EntityApi::new(self)
    }
    /// Contact webhooks (registrations).
    pub fn contact_webhooks(&self) -> ContactWebhooksApi<'_> {
        EntityApi::new(self)
    }
    /// The fields of contact webhooks (create under `ContactWebhooks/{webhookID}/Fields`).
    pub fn contact_webhook_fields(&self) -> ContactWebhookFieldsApi<'_> {
        EntityApi::new(self)
    }
    /// The resources excluded from contact webhooks.
    pub fn contact_webhook_excluded_resources(&self) -> ContactWebhookExcludedResourcesApi<'_> {
        EntityApi::new(self)
    }
}
