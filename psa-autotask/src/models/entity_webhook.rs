//! Ticket, company and contact webhooks (`TicketWebhookModel`, `CompanyWebhookModel`,
//! `ContactWebhookModel`) with their fields and excluded resources: one shape, declared once;
//! only the entity and paths differ.

use std::fmt;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use serde_json::Value;

macro_rules! entity_webhook_models {
    ($hook:ident, $field:ident, $excl:ident, $what:literal, $path:literal) => {
        #[doc = concat!("A ", $what, " webhook registration (`/V1.0/", $path, "`).")]
        ///
        /// `secret_key` signs deliveries (see [`crate::webhooks::verify_signature`]); it is a
        /// [`SecretString`] and never printed by `Debug`.
        #[non_exhaustive]
        #[derive(Clone, Default, Serialize, Deserialize)]
        pub struct $hook {
            /// The webhook's id.
            #[serde(
                rename = "id",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub id: Option<i64>,
            /// Autotask calls this URL when it deactivates the webhook (required by Autotask).
            #[serde(
                rename = "deactivationUrl",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub deactivation_url: Option<String>,
            /// Whether deliveries are on.
            #[serde(
                rename = "isActive",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub is_active: Option<bool>,
            /// Whether Autotask considers the webhook complete (it needs at least one subscribed field).
            /// Read-only.
            #[serde(
                rename = "isReady",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub is_ready: Option<bool>,
            /// Deliver on create.
            #[serde(
                rename = "isSubscribedToCreateEvents",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub is_subscribed_to_create_events: Option<bool>,
            /// Deliver on delete.
            #[serde(
                rename = "isSubscribedToDeleteEvents",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub is_subscribed_to_delete_events: Option<bool>,
            /// Deliver on update.
            #[serde(
                rename = "isSubscribedToUpdateEvents",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub is_subscribed_to_update_events: Option<bool>,
            /// A name (up to 50 characters).
            #[serde(
                rename = "name",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub name: Option<String>,
            /// Where failure notices are emailed.
            #[serde(
                rename = "notificationEmailAddress",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub notification_email_address: Option<String>,
            /// The resource that owns the webhook. Read-only.
            #[serde(
                rename = "ownerResourceID",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub owner_resource_id: Option<i64>,
            /// The HMAC-SHA1 key deliveries are signed with (up to 64 characters).
            #[serde(
                rename = "secretKey",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub secret_key: Option<SecretString>,
            /// Email when the delivery threshold is exceeded.
            #[serde(
                rename = "sendThresholdExceededNotification",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub send_threshold_exceeded_notification: Option<bool>,
            /// The webhook's GUID (deliveries carry it as `Guid`). Read-only.
            #[serde(
                rename = "webhookGUID",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub webhook_guid: Option<String>,
            /// Where deliveries are POSTed (up to 500 characters).
            #[serde(
                rename = "webhookUrl",
                default,
                with = "crate::models::wire::opt",
                skip_serializing_if = "Option::is_none"
            )]
            pub webhook_url: Option<String>,
            /// Fields this version of the crate does not model, exactly as the server sent them.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, Value>,
        }

        impl fmt::Debug for $hook {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($hook))
                    .field("id", &self.id)
                    .field("name", &self.name)
                    .field("webhook_url", &self.webhook_url)
                    .field("deactivation_url", &self.deactivation_url)
                    .field("is_active", &self.is_active)
                    .field("is_ready", &self.is_ready)
                    .field("create", &self.is_subscribed_to_create_events)
                    .field("update", &self.is_subscribed_to_update_events)
                    .field("delete", &self.is_subscribed_to_delete_events)
                    .field(
                        "secret_key",
                        &self.secret_key.as_ref().map(|_| "[redacted]"),
                    )
                    .field("webhook_guid", &self.webhook_guid)
                    .finish_non_exhaustive()
            }
        }

        wire_model! {
            #[doc = concat!("A field a ", $what, " webhook watches or always sends (`/V1.0/", $path, "/{id}/Fields`).")]
            pub struct $field {
                /// The record's id.
                id: i64 => "id",
                #[doc = concat!("The ", $what, " field, by its id from `", stringify!($field), "s/entityInformation/fields`.")]
                field_id: i64 => "fieldID",
                /// Send the field in every delivery, changed or not.
                is_display_always_field: bool => "isDisplayAlwaysField",
                /// A change of this field triggers a delivery.
                is_subscribed_field: bool => "isSubscribedField",
                /// The webhook.
                webhook_id: i64 => "webhookID",
            }
        }

        wire_model! {
            #[doc = concat!("A resource whose changes do not trigger deliveries (`/V1.0/", $path, "/{id}/ExcludedResources`).")]
            pub struct $excl {
                /// The record's id.
                id: i64 => "id",
                /// The excluded resource.
                resource_id: i64 => "resourceID",
                /// The webhook.
                webhook_id: i64 => "webhookID",
            }
        }
    };
}

entity_webhook_models!(
    TicketWebhook,
    TicketWebhookField,
    TicketWebhookExcludedResource,
    "ticket",
    "TicketWebhooks"
);

entity_webhook_models!(
    CompanyWebhook,
    CompanyWebhookField,
    CompanyWebhookExcludedResource,
    "company",
    "CompanyWebhooks"
);

entity_webhook_models!(
    ContactWebhook,
    ContactWebhookField,
    ContactWebhookExcludedResource,
    "contact",
    "ContactWebhooks"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_webhook_secret_is_never_printed_and_round_trips() {
        let w: CompanyWebhook = serde_json::from_value(serde_json::json!({
            "id": 7, "name": "psa-sdk companies", "webhookUrl": "https://hooks.example/at",
            "secretKey": "s3cr3t-signing-key", "isActive": true, "isSubscribedToUpdateEvents": true
        }))
        .unwrap();
        assert!(!format!("{w:?}").contains("s3cr3t"));
        assert_eq!(w.webhook_url.as_deref(), Some("https://hooks.example/at"));
        let back = serde_json::to_value(&w).unwrap();
        assert_eq!(back["secretKey"], "s3cr3t-signing-key");
        let c = ContactWebhookField {
            field_id: Some(4),
            webhook_id: Some(7),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            serde_json::json!({"fieldID": 4, "webhookID": 7})
        );
    }
}
