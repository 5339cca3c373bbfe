//! The entities the simulator serves: their wire fields (names, casing and types from Autotask's
//! Swagger document, `specs/autotask-swagger.json`), the routes that create, update and delete
//! them, and which fields are required or read-only.

pub(crate) use super::fields::{FieldDef, Ty};
pub(crate) use super::kind::{Kind, Record, Verb, WritePath};
use super::models::{
    ATTACHMENT_FIELDS, COMPANY_FIELDS, CONTACT_FIELDS, NOTE_FIELDS, RESOURCE_FIELDS, TICKET_FIELDS,
};
use super::webhook_kinds;
use super::{billing, projects, sales};

impl Kind {
    /// The child entity under `/{self}/{id}/{segment}`.
    pub(crate) fn child(self, segment: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| match k.write_path() {
            WritePath::Child {
                parent, segment: s, ..
            } => parent == self && s.eq_ignore_ascii_case(segment),
            WritePath::Top => false,
        })
    }

    /// Where the entity is created, updated and deleted (Swagger paths).
    pub(crate) fn write_path(self) -> WritePath {
        match self {
            Kind::TicketNotes => WritePath::Child {
                parent: Kind::Tickets,
                segment: "Notes",
                parent_field: "ticketID",
            },
            Kind::Contacts => WritePath::Child {
                parent: Kind::Companies,
                segment: "Contacts",
                parent_field: "companyID",
            },
            Kind::TicketAttachments => WritePath::Child {
                parent: Kind::Tickets,
                segment: "Attachments",
                parent_field: "parentID",
            },
            Kind::ContractServices => WritePath::Child {
                parent: Kind::Contracts,
                segment: "Services",
                parent_field: "contractID",
            },
            Kind::Tasks => WritePath::Child {
                parent: Kind::Projects,
                segment: "Tasks",
                parent_field: "projectID",
            },
            Kind::ProjectNotes => WritePath::Child {
                parent: Kind::Projects,
                segment: "Notes",
                parent_field: "projectID",
            },
            Kind::TaskNotes => WritePath::Child {
                parent: Kind::Tasks,
                segment: "Notes",
                parent_field: "taskID",
            },
            _ => match webhook_kinds::family(self) {
                Some(f) if f.fields == self => WritePath::Child {
                    parent: f.hook,
                    segment: "Fields",
                    parent_field: "webhookID",
                },
                Some(f) if f.excluded == self => WritePath::Child {
                    parent: f.hook,
                    segment: "ExcludedResources",
                    parent_field: "webhookID",
                },
                _ => WritePath::Top,
            },
        }
    }

    /// Whether the API offers the verb at all (`canCreate`, `canUpdate`, … of `entityInformation`;
    /// from the verbs the Swagger document lists).
    pub(crate) fn supports(self, verb: Verb) -> bool {
        match (self, verb) {
            (_, Verb::Query) => true,
            (Kind::Resources | Kind::TicketCategories, Verb::Create) => false,
            (
                Kind::TicketAttachments
                | Kind::TicketWebhookExcludedResources
                | Kind::CompanyWebhookExcludedResources
                | Kind::ContactWebhookExcludedResources,
                Verb::Update,
            ) => false,
            (
                Kind::Tickets
                | Kind::TicketNotes
                | Kind::Companies
                | Kind::Resources
                | Kind::Opportunities
                | Kind::TicketCategories
                | Kind::Contracts
                | Kind::ContractServices
                | Kind::Services
                | Kind::Projects
                | Kind::Tasks
                | Kind::ProjectNotes
                | Kind::TaskNotes,
                Verb::Delete,
            ) => false,
            _ => true,
        }
    }

    /// Whether the entity has user-defined fields (`hasUserDefinedFields`).
    pub(crate) fn has_udfs(self) -> bool {
        matches!(
            self,
            Kind::Tickets
                | Kind::Companies
                | Kind::Contacts
                | Kind::Opportunities
                | Kind::Contracts
                | Kind::Projects
                | Kind::Tasks
        )
    }

    /// Whether webhooks exist for it (`supportsWebhookCallouts`).
    pub(crate) fn webhook_callouts(self) -> bool {
        matches!(self, Kind::Tickets | Kind::Companies | Kind::Contacts)
    }

    /// The wire fields in the Swagger model's order (`userDefinedFields` is added separately).
    pub(crate) fn fields(self) -> &'static [FieldDef] {
        match self {
            Kind::Tickets => TICKET_FIELDS,
            Kind::TicketNotes => NOTE_FIELDS,
            Kind::Companies => COMPANY_FIELDS,
            Kind::Contacts => CONTACT_FIELDS,
            Kind::Resources => RESOURCE_FIELDS,
            Kind::TicketAttachments => ATTACHMENT_FIELDS,
            Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks => {
                webhook_kinds::WEBHOOK_FIELDS
            }
            Kind::TicketWebhookFields | Kind::CompanyWebhookFields | Kind::ContactWebhookFields => {
                webhook_kinds::WEBHOOK_FIELD_FIELDS
            }
            Kind::TicketWebhookExcludedResources
            | Kind::CompanyWebhookExcludedResources
            | Kind::ContactWebhookExcludedResources => webhook_kinds::WEBHOOK_EXCLUDED_FIELDS,
            Kind::Opportunities => sales::OPPORTUNITY_FIELDS,
            Kind::TicketCategories => sales::TICKET_CATEGORY_FIELDS,
            Kind::Contracts => sales::CONTRACT_FIELDS,
            Kind::TimeEntries => sales::TIME_ENTRY_FIELDS,
            Kind::ContractServices => billing::CONTRACT_SERVICE_FIELDS,
            Kind::Services => billing::SERVICE_FIELDS,
            Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
                projects::fields(self)
            }
        }
    }

    /// A field by name, in any case (Autotask's input and filter keys are case-insensitive).
    pub(crate) fn field(self, name: &str) -> Option<&'static FieldDef> {
        self.fields()
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// Fields a create must carry.
    pub(crate) fn required(self) -> &'static [&'static str] {
        match self {
            // Tenant-specific in reality (a ticket category can require queueID); these four are
            // required on every tenant (Autotask's documentation and observed traffic).
            Kind::Tickets => &["companyID", "title", "status", "priority"],
            // title only when the category says "Require titles on ticket notes"; the sim's
            // builder decides (see `require_note_titles`).
            Kind::TicketNotes => &["description", "noteType", "publish"],
            // Postman's create body carries these four; the SOAP-era Account required them.
            Kind::Companies => &["companyName", "companyType", "ownerResourceID", "phone"],
            Kind::Contacts => &["firstName", "lastName", "isActive"],
            Kind::Resources => &["firstName", "lastName", "email", "userName"],
            Kind::TicketAttachments => &["attachmentType", "title", "publish"],
            Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks => {
                &["name", "webhookUrl", "deactivationUrl", "isActive"]
            }
            Kind::TicketWebhookFields | Kind::CompanyWebhookFields | Kind::ContactWebhookFields => {
                &["fieldID"]
            }
            Kind::TicketWebhookExcludedResources
            | Kind::CompanyWebhookExcludedResources
            | Kind::ContactWebhookExcludedResources => &["resourceID"],
            Kind::Opportunities => sales::OPPORTUNITY_REQUIRED,
            Kind::TicketCategories => &["name"],
            Kind::Contracts => &[
                "companyID",
                "contractName",
                "contractType",
                "startDate",
                "endDate",
                "status",
            ],
            Kind::TimeEntries => &["resourceID", "dateWorked", "hoursWorked"],
            Kind::ContractServices | Kind::Services => billing::required(self),
            Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
                projects::required(self)
            }
        }
    }

    /// Fields the server sets; a client's value is ignored.
    pub(crate) fn read_only(self, field: &str) -> bool {
        let list: &[&str] = match self {
            Kind::Tickets => &[
                "id",
                "ticketNumber",
                "createDate",
                "creatorResourceID",
                "creatorType",
                "completedDate",
                "completedByResourceID",
                "impersonatorCreatorResourceID",
                "lastActivityDate",
                "lastActivityPersonType",
                "lastActivityResourceID",
                "lastTrackedModificationDateTime",
                "lastCustomerNotificationDateTime",
                "lastCustomerVisibleActivityDateTime",
                "firstResponseDateTime",
                "resolvedDateTime",
                "apiVendorID",
            ],
            Kind::TicketNotes => &[
                "id",
                "createDateTime",
                "creatorResourceID",
                "impersonatorCreatorResourceID",
                "impersonatorUpdaterResourceID",
                "lastActivityDate",
            ],
            Kind::Companies => &[
                "id",
                "createDate",
                "createdByResourceID",
                "impersonatorCreatorResourceID",
                "lastActivityDate",
                "lastTrackedModifiedDateTime",
                "apiVendorID",
            ],
            Kind::Contacts => &[
                "id",
                "createDate",
                "impersonatorCreatorResourceID",
                "lastActivityDate",
                "lastModifiedDate",
                "apiVendorID",
            ],
            Kind::Resources => &["id", "userName", "licenseType", "userType", "resourceType"],
            Kind::TicketAttachments => &[
                "id",
                "attachDate",
                "attachedByResourceID",
                "impersonatorCreatorResourceID",
                "fileSize",
                "creatorType",
                "parentType",
            ],
            Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks => {
                &["id", "isReady", "webhookGUID", "ownerResourceID"]
            }
            Kind::TicketWebhookFields
            | Kind::TicketWebhookExcludedResources
            | Kind::CompanyWebhookFields
            | Kind::CompanyWebhookExcludedResources
            | Kind::ContactWebhookFields
            | Kind::ContactWebhookExcludedResources => &["id"],
            Kind::Opportunities => sales::OPPORTUNITY_READ_ONLY,
            Kind::TicketCategories => &["id"],
            Kind::Contracts => &["id", "lastModifiedDateTime"],
            Kind::TimeEntries => &[
                "id",
                "createDateTime",
                "creatorUserID",
                "lastModifiedDateTime",
                "lastModifiedUserID",
            ],
            Kind::ContractServices | Kind::Services => billing::read_only(self),
            Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
                projects::read_only(self)
            }
        };
        list.contains(&field)
    }

    /// Fields that cannot be used in a query filter (`TicketsEntity.htm`: `creatorType`,
    /// `lastActivityPersonType`; attachment `data` is never queryable).
    pub(crate) fn queryable(self, field: &str) -> bool {
        !matches!(
            (self, field),
            (Kind::Tickets, "creatorType" | "lastActivityPersonType")
                | (Kind::TicketAttachments, "data")
                | (
                    Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks,
                    "secretKey"
                )
        )
    }

    /// The entity a reference field points at (`isReference`, `referenceEntityType`).
    pub(crate) fn reference(self, field: &str) -> Option<Kind> {
        match (self, field) {
            (Kind::Tickets | Kind::Contacts, "companyID") => Some(Kind::Companies),
            (Kind::Tickets, "contactID") => Some(Kind::Contacts),
            (
                Kind::Tickets,
                "assignedResourceID"
                | "creatorResourceID"
                | "completedByResourceID"
                | "lastActivityResourceID",
            ) => Some(Kind::Resources),
            (Kind::TicketNotes, "ticketID") => Some(Kind::Tickets),
            (Kind::TicketNotes, "creatorResourceID") => Some(Kind::Resources),
            (Kind::Companies, "ownerResourceID" | "createdByResourceID") => Some(Kind::Resources),
            (Kind::Companies, "parentCompanyID") => Some(Kind::Companies),
            (Kind::TicketAttachments, "ticketID" | "parentID") => Some(Kind::Tickets),
            (Kind::TicketAttachments, "ticketNoteID") => Some(Kind::TicketNotes),
            (Kind::TicketAttachments, "attachedByResourceID") => Some(Kind::Resources),
            (k, "ownerResourceID") if webhook_kinds::is_hook(k) => Some(Kind::Resources),
            (k, "webhookID") if webhook_kinds::is_webhook_entity(k) => {
                webhook_kinds::family(k).map(|f| f.hook)
            }
            (
                Kind::TicketWebhookExcludedResources
                | Kind::CompanyWebhookExcludedResources
                | Kind::ContactWebhookExcludedResources,
                "resourceID",
            ) => Some(Kind::Resources),
            (Kind::Opportunities, "companyID") => Some(Kind::Companies),
            (Kind::Opportunities, "contactID") => Some(Kind::Contacts),
            (Kind::Opportunities, "ownerResourceID" | "creatorResourceID") => Some(Kind::Resources),
            _ => billing::reference(self, field).or_else(|| projects::reference(self, field)),
        }
    }

    /// The legacy entity name webhook payloads carry (`EntityType`).
    pub(crate) fn legacy_name(self) -> &'static str {
        match self {
            Kind::Tickets => "Ticket",
            Kind::TicketNotes => "TicketNote",
            Kind::Companies => "Account",
            Kind::Contacts => "Contact",
            Kind::Resources => "Resource",
            Kind::TicketAttachments => "AttachmentInfo",
            Kind::TicketWebhooks => "TicketWebhook",
            Kind::TicketWebhookFields => "TicketWebhookField",
            Kind::TicketWebhookExcludedResources => "TicketWebhookExcludedResource",
            Kind::Opportunities => "Opportunity",
            Kind::TicketCategories => "TicketCategory",
            Kind::Contracts => "Contract",
            Kind::TimeEntries => "TimeEntry",
            Kind::CompanyWebhooks => "CompanyWebhook",
            Kind::CompanyWebhookFields => "CompanyWebhookField",
            Kind::CompanyWebhookExcludedResources => "CompanyWebhookExcludedResource",
            Kind::ContactWebhooks => "ContactWebhook",
            Kind::ContactWebhookFields => "ContactWebhookField",
            Kind::ContactWebhookExcludedResources => "ContactWebhookExcludedResource",
            Kind::ContractServices => "ContractService",
            Kind::Services => "Service",
            Kind::Projects => "Project",
            Kind::Tasks => "Task",
            Kind::ProjectNotes => "ProjectNote",
            Kind::TaskNotes => "TaskNote",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_children_resolve_in_any_case() {
        assert_eq!(Kind::from_name("tickets"), Some(Kind::Tickets));
        assert_eq!(Kind::from_name("TICKETNOTES"), Some(Kind::TicketNotes));
        assert_eq!(Kind::Tickets.child("notes"), Some(Kind::TicketNotes));
        assert_eq!(Kind::Companies.child("Contacts"), Some(Kind::Contacts));
        assert_eq!(Kind::Tickets.child("Contacts"), None);
        assert_eq!(
            Kind::Tickets.field("QUEUEID").map(|f| f.name),
            Some("queueID")
        );
    }

    #[test]
    fn the_ticket_model_has_every_swagger_field() {
        assert_eq!(Kind::Tickets.fields().len(), 75);
        assert!(!Kind::Tickets.supports(Verb::Delete));
        assert!(Kind::Contacts.supports(Verb::Delete));
        assert!(!Kind::Resources.supports(Verb::Create));
    }
}
