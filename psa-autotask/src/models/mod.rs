//! Autotask's own entities, with every field the vendor documents.
//!
//! Field names follow the Swagger definitions (`TicketModel`, `TicketNoteModel`, …) in
//! snake_case; on the wire they are camelCase. Every field is an `Option`: Autotask returns
//! `null` for empty fields and leaves out fields not named in `IncludeFields`, and unset fields
//! are left out of request bodies (Autotask answers explicit `null`s with a 500). Fields this
//! crate does not know are kept in `extra`, so nothing the server sends is lost, and
//! user-defined fields are in `user_defined_fields`. Decoding follows [`psa_core::wire`]: a key
//! field (`id`, `title`, `status`, `companyID`, `ticketID`, created and last-activity dates) with
//! an unexpected shape fails the record; any other field with an unexpected shape is kept raw in
//! `extra` and its typed field stays `None`, so one odd value never fails a query page.
//!
//! Build a record for a create with `Default` and public fields:
//!
//! ```
//! use psa_autotask::models::Ticket;
//! let mut t = Ticket::default();
//! t.title = Some("Printer offline".into());
//! t.company_id = Some(500);
//! t.set_udf("CustomerRanking", "Golden");
//! let body = serde_json::to_value(&t).unwrap();
//! assert_eq!(body["title"], "Printer offline");
//! assert!(body.get("status").is_none(), "unset fields are omitted");
//! assert_eq!(body["userDefinedFields"][0]["value"], "Golden");
//! ```

/// Declares an Autotask entity: every field optional, decoding under the shared policy (key
/// fields strict, other fields with an unexpected shape kept in `extra`), unset fields omitted,
/// unknown fields kept in `extra`.
macro_rules! wire_model {
    (
        $(#[$sm:meta])*
        pub struct $name:ident {
            $( $(#[$fm:meta])* $field:ident : $ty:ty => $wire:literal, )*
        }
    ) => {
        $(#[$sm])*
        #[non_exhaustive]
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        pub struct $name {
            $(
                $(#[$fm])*
                #[serde(
                    rename = $wire,
                    with = "crate::models::wire::opt",
                    skip_serializing_if = "Option::is_none"
                )]
                pub $field: Option<$ty>,
            )*
            /// Fields this version of the crate does not model, and optional fields whose value
            /// had an unexpected shape, exactly as the server sent them.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let mut extra = crate::models::wire::record_object(d, stringify!($name))?;
                $(
                    let $field = crate::models::wire::take::<$ty>(&mut extra, $wire)
                        .map_err(|e| {
                            <D::Error as serde::de::Error>::custom(
                                format!("{}: {e}", stringify!($name)),
                            )
                        })?;
                )*
                Ok($name { $($field,)* extra })
            }
        }
    };
}

/// Adds `udf`/`set_udf` to an entity with `user_defined_fields`.
macro_rules! impl_udfs {
    ($name:ident) => {
        impl $name {
            /// The value of a user-defined field by name (case-insensitive), if set.
            pub fn udf(&self, name: &str) -> Option<&str> {
                crate::models::udf::find(self.user_defined_fields.as_deref(), name)
            }

            /// Sets a user-defined field, replacing an earlier value of the same name.
            pub fn set_udf(
                &mut self,
                name: impl Into<String>,
                value: impl Into<String>,
            ) -> &mut Self {
                // A `userDefinedFields` kept raw (unexpected shape) is replaced, not sent twice.
                self.extra.remove("userDefinedFields");
                crate::models::udf::set(&mut self.user_defined_fields, name.into(), value.into());
                self
            }
        }
    };
}

mod attachment;
mod company;
mod contact;
mod contract;
mod contract_service;
mod entity_webhook;
pub(crate) mod envelope;
pub(crate) mod head;
mod metadata;
mod note;
mod opportunity;
mod project;
mod project_note;
mod resource;
mod service;
mod task;
mod task_note;
mod ticket;
mod ticket_category;
mod time_entry;
pub(crate) mod udf;
mod webhook;
pub(crate) mod wire;

pub use attachment::TicketAttachment;
pub use company::Company;
pub use contact::Contact;
pub use contract::Contract;
pub use contract_service::ContractService;
pub use entity_webhook::{
    CompanyWebhook, CompanyWebhookExcludedResource, CompanyWebhookField, ContactWebhook,
    ContactWebhookExcludedResource, ContactWebhookField, TicketWebhook,
    TicketWebhookExcludedResource, TicketWebhookField,
};
pub use metadata::{
    ApiVersion, EntityInformation, FieldInformation, PicklistValue, ThresholdInformation,
    UdfFieldInformation, UserAccess,
};
pub use note::TicketNote;
pub use opportunity::Opportunity;
pub use project::Project;
pub use project_note::ProjectNote;
pub use resource::Resource;
pub use service::Service;
pub use task::Task;
pub use task_note::TaskNote;
pub use ticket::Ticket;
pub use ticket_category::TicketCategory;
pub use time_entry::TimeEntry;
pub use udf::UserDefinedField;
pub use wire::{format_datetime, parse_datetime};
