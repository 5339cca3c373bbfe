//! The entities the simulator serves: their wire fields (names, casing and types from Autotask's
//! Swagger document, `specs/autotask-swagger.json`), the routes that create, update and delete
//! them, and which fields are required or read-only.

pub(crate) use super::fields::{FieldDef, Ty};
use super::{billing, projects, sales};

/// One record: its wire fields by canonical name (unset fields are absent).
pub(crate) type Record = serde_json::Map<String, serde_json::Value>;

macro_rules! fields {
    ($($name:literal : $ty:ident),* $(,)?) => {
        &[$(FieldDef { name: $name, ty: Ty::$ty }),*]
    };
}

/// The verbs of the security level and of `entityInformation` (`canQuery`, `userAccessForQuery`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Verb {
    Query,
    Create,
    Update,
    Delete,
}

impl Verb {
    /// The verb as the permission error words it ("…adequate permissions to query this entity type.").
    pub(crate) fn word(self) -> &'static str {
        match self {
            Verb::Query => "query",
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Delete => "delete",
        }
    }

    /// Parses `query`/`create`/`update`/`delete` (any case; `read`/`edit` accepted as aliases).
    pub(crate) fn parse(s: &str) -> Option<Verb> {
        match s.trim().to_ascii_lowercase().as_str() {
            "query" | "read" | "view" => Some(Verb::Query),
            "create" | "add" => Some(Verb::Create),
            "update" | "edit" => Some(Verb::Update),
            "delete" => Some(Verb::Delete),
            _ => None,
        }
    }

    pub(crate) const ALL: [Verb; 4] = [Verb::Query, Verb::Create, Verb::Update, Verb::Delete];
}

/// The entities the simulator serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    Tickets,
    TicketNotes,
    Companies,
    Contacts,
    Resources,
    TicketAttachments,
    TicketWebhooks,
    TicketWebhookFields,
    TicketWebhookExcludedResources,
    Opportunities,
    TicketCategories,
    Contracts,
    TimeEntries,
    ContractServices,
    Services,
    Projects,
    Tasks,
    ProjectNotes,
    TaskNotes,
}

/// Where an entity is written: on its own collection or under a parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WritePath {
    /// `POST /V1.0/{Entity}`, `PATCH /V1.0/{Entity}`, `DELETE /V1.0/{Entity}/{id}`.
    Top,
    /// `POST /V1.0/{Parent}/{parentId}/{segment}` and so on; `parent_field` links the child.
    Child {
        parent: Kind,
        segment: &'static str,
        parent_field: &'static str,
    },
}

impl Kind {
    pub(crate) const ALL: [Kind; 19] = [
        Kind::Tickets,
        Kind::TicketNotes,
        Kind::Companies,
        Kind::Contacts,
        Kind::Resources,
        Kind::TicketAttachments,
        Kind::TicketWebhooks,
        Kind::TicketWebhookFields,
        Kind::TicketWebhookExcludedResources,
        Kind::Opportunities,
        Kind::TicketCategories,
        Kind::Contracts,
        Kind::TimeEntries,
        Kind::ContractServices,
        Kind::Services,
        Kind::Projects,
        Kind::Tasks,
        Kind::ProjectNotes,
        Kind::TaskNotes,
    ];

    /// The entity's REST name (path segment and `entityInformation` name).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Tickets => "Tickets",
            Kind::TicketNotes => "TicketNotes",
            Kind::Companies => "Companies",
            Kind::Contacts => "Contacts",
            Kind::Resources => "Resources",
            Kind::TicketAttachments => "TicketAttachments",
            Kind::TicketWebhooks => "TicketWebhooks",
            Kind::TicketWebhookFields => "TicketWebhookFields",
            Kind::TicketWebhookExcludedResources => "TicketWebhookExcludedResources",
            Kind::Opportunities => "Opportunities",
            Kind::TicketCategories => "TicketCategories",
            Kind::Contracts => "Contracts",
            Kind::TimeEntries => "TimeEntries",
            Kind::ContractServices => "ContractServices",
            Kind::Services => "Services",
            Kind::Projects => "Projects",
            Kind::Tasks => "Tasks",
            Kind::ProjectNotes => "ProjectNotes",
            Kind::TaskNotes => "TaskNotes",
        }
    }

    /// The entity for a path segment, in any case (`tickets`, `TICKETS`).
    pub(crate) fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
    }

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
            Kind::TicketWebhookFields => WritePath::Child {
                parent: Kind::TicketWebhooks,
                segment: "Fields",
                parent_field: "webhookID",
            },
            Kind::TicketWebhookExcludedResources => WritePath::Child {
                parent: Kind::TicketWebhooks,
                segment: "ExcludedResources",
                parent_field: "webhookID",
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
            _ => WritePath::Top,
        }
    }

    /// Whether the API offers the verb at all (`canCreate`, `canUpdate`, … of `entityInformation`;
    /// from the verbs the Swagger document lists).
    pub(crate) fn supports(self, verb: Verb) -> bool {
        match (self, verb) {
            (_, Verb::Query) => true,
            (Kind::Resources | Kind::TicketCategories, Verb::Create) => false,
            (Kind::TicketAttachments | Kind::TicketWebhookExcludedResources, Verb::Update) => false,
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
            Kind::TicketWebhooks => WEBHOOK_FIELDS,
            Kind::TicketWebhookFields => WEBHOOK_FIELD_FIELDS,
            Kind::TicketWebhookExcludedResources => WEBHOOK_EXCLUDED_FIELDS,
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
            Kind::TicketWebhooks => &["name", "webhookUrl", "deactivationUrl", "isActive"],
            Kind::TicketWebhookFields => &["fieldID"],
            Kind::TicketWebhookExcludedResources => &["resourceID"],
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
            Kind::TicketWebhooks => &["id", "isReady", "webhookGUID", "ownerResourceID"],
            Kind::TicketWebhookFields | Kind::TicketWebhookExcludedResources => &["id"],
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
                | (Kind::TicketWebhooks, "secretKey")
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
            (Kind::TicketWebhooks, "ownerResourceID") => Some(Kind::Resources),
            (Kind::TicketWebhookFields | Kind::TicketWebhookExcludedResources, "webhookID") => {
                Some(Kind::TicketWebhooks)
            }
            (Kind::TicketWebhookExcludedResources, "resourceID") => Some(Kind::Resources),
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
            Kind::ContractServices => "ContractService",
            Kind::Services => "Service",
            Kind::Projects => "Project",
            Kind::Tasks => "Task",
            Kind::ProjectNotes => "ProjectNote",
            Kind::TaskNotes => "TaskNote",
        }
    }
}

/// `TicketModel` (75 fields).
static TICKET_FIELDS: &[FieldDef] = fields![
    "id": Long, "apiVendorID": Int, "assignedResourceID": Int, "assignedResourceRoleID": Int,
    "billingCodeID": Int, "changeApprovalBoard": Int, "changeApprovalStatus": Int,
    "changeApprovalType": Int, "changeInfoField1": Str, "changeInfoField2": Str,
    "changeInfoField3": Str, "changeInfoField4": Str, "changeInfoField5": Str, "companyID": Int,
    "companyLocationID": Int, "completedByResourceID": Int, "completedDate": DateTime,
    "configurationItemID": Int, "contactID": Int, "contractID": Int,
    "contractServiceBundleID": Long, "contractServiceID": Long, "createDate": DateTime,
    "createdByContactID": Int, "creatorResourceID": Int, "creatorType": Int,
    "currentServiceThermometerRating": Int, "description": Str, "dueDateTime": DateTime,
    "estimatedHours": Double, "externalID": Str, "firstResponseAssignedResourceID": Int,
    "firstResponseDateTime": DateTime, "firstResponseDueDateTime": DateTime,
    "firstResponseInitiatingResourceID": Int, "hoursToBeScheduled": Double,
    "impersonatorCreatorResourceID": Int, "isAssignedToComanaged": Bool, "issueType": Int,
    "isVisibleToComanaged": Bool, "lastActivityDate": DateTime, "lastActivityPersonType": Int,
    "lastActivityResourceID": Int, "lastCustomerNotificationDateTime": DateTime,
    "lastCustomerVisibleActivityDateTime": DateTime, "lastTrackedModificationDateTime": DateTime,
    "monitorID": Long, "monitorTypeID": Int, "opportunityID": Int,
    "organizationalLevelAssociationID": Int, "previousServiceThermometerRating": Int,
    "priority": Int, "problemTicketId": Int, "projectID": Int, "purchaseOrderNumber": Str,
    "queueID": Int, "resolution": Str, "resolutionPlanDateTime": DateTime,
    "resolutionPlanDueDateTime": DateTime, "resolvedDateTime": DateTime,
    "resolvedDueDateTime": DateTime, "rmaStatus": Int, "rmaType": Int, "rmmAlertID": Str,
    "serviceLevelAgreementHasBeenMet": Bool, "serviceLevelAgreementID": Int,
    "serviceLevelAgreementPausedNextEventHours": Double, "serviceThermometerTemperature": Int,
    "source": Int, "status": Int, "subIssueType": Int, "ticketCategory": Int,
    "ticketNumber": Str, "ticketType": Int, "title": Str,
];

/// `TicketNoteModel`.
static NOTE_FIELDS: &[FieldDef] = fields![
    "id": Long, "createDateTime": DateTime, "createdByContactID": Int, "creatorResourceID": Int,
    "description": Str, "impersonatorCreatorResourceID": Int,
    "impersonatorUpdaterResourceID": Int, "lastActivityDate": DateTime, "noteType": Int,
    "publish": Int, "ticketID": Int, "title": Str,
];

/// `CompanyModel`.
static COMPANY_FIELDS: &[FieldDef] = fields![
    "id": Long, "additionalAddressInformation": Str, "address1": Str, "address2": Str,
    "alternatePhone1": Str, "alternatePhone2": Str, "apiVendorID": Int, "assetValue": Double,
    "billToCompanyLocationID": Int, "billToAdditionalAddressInformation": Str,
    "billingAddress1": Str, "billingAddress2": Str, "billToAddressToUse": Int,
    "billToAttention": Str, "billToCity": Str, "billToCountryID": Int, "billToState": Str,
    "billToZipCode": Str, "city": Str, "classification": Int, "companyCategoryID": Int,
    "companyName": Str, "companyNumber": Str, "companyType": Int, "competitorID": Int,
    "countryID": Int, "createDate": DateTime, "createdByResourceID": Int, "currencyID": Int,
    "fax": Str, "impersonatorCreatorResourceID": Int, "invoiceEmailMessageID": Int,
    "invoiceMethod": Int, "invoiceNonContractItemsToParentCompany": Bool,
    "invoiceTemplateID": Int, "isActive": Bool, "isClientPortalActive": Bool,
    "isEnabledForComanaged": Bool, "isSample": Bool, "isTaskFireActive": Bool,
    "isTaxExempt": Bool, "lastActivityDate": DateTime, "lastTrackedModifiedDateTime": DateTime,
    "marketSegmentID": Int, "ownerResourceID": Int, "parentCompanyID": Int, "phone": Str,
    "postalCode": Str, "purchaseOrderTemplateID": Int, "quoteEmailMessageID": Int,
    "quoteTemplateID": Int, "sicCode": Str, "state": Str, "stockMarket": Str,
    "stockSymbol": Str, "surveyCompanyRating": Double, "taxID": Str, "taxRegionID": Int,
    "territoryID": Int, "webAddress": Str,
];

/// `ContactModel` (`isActive` is an integer here, unlike the other entities).
static CONTACT_FIELDS: &[FieldDef] = fields![
    "id": Long, "additionalAddressInformation": Str, "addressLine": Str, "addressLine1": Str,
    "alternatePhone": Str, "apiVendorID": Int, "bulkEmailOptOutTime": DateTime, "city": Str,
    "companyID": Int, "companyLocationID": Int, "countryID": Int, "createDate": DateTime,
    "emailAddress": Str, "emailAddress2": Str, "emailAddress3": Str, "extension": Str,
    "externalID": Str, "facebookUrl": Str, "faxNumber": Str, "firstName": Str,
    "impersonatorCreatorResourceID": Int, "isActive": Int, "isOptedOutFromBulkEmail": Bool,
    "lastActivityDate": DateTime, "lastModifiedDate": DateTime, "lastName": Str,
    "linkedInUrl": Str, "middleInitial": Str, "mobilePhone": Str, "namePrefix": Int,
    "nameSuffix": Int, "note": Str, "receivesEmailNotifications": Bool, "phone": Str,
    "primaryContact": Bool, "billingContact": Bool, "roomNumber": Str,
    "solicitationOptOut": Bool, "solicitationOptOutTime": DateTime, "state": Str,
    "surveyOptOut": Bool, "title": Str, "twitterUrl": Str, "zipCode": Str,
];

/// `ResourceModel`.
static RESOURCE_FIELDS: &[FieldDef] = fields![
    "id": Long, "accountingReferenceID": Str, "dateFormat": Str,
    "defaultServiceDeskRoleID": Long, "email": Str, "email2": Str, "email3": Str,
    "emailTypeCode": Str, "emailTypeCode2": Str, "emailTypeCode3": Str, "firstName": Str,
    "gender": Str, "greeting": Int, "hireDate": DateTime, "homePhone": Str, "initials": Str,
    "internalCost": Double, "isActive": Bool, "lastName": Str, "licenseType": Int,
    "locationID": Int, "middleName": Str, "mobilePhone": Str, "numberFormat": Str,
    "officeExtension": Str, "officePhone": Str, "payrollIdentifier": Str, "payrollType": Int,
    "resourceType": Str, "suffix": Int, "surveyResourceRating": Double, "timeFormat": Str,
    "title": Str, "travelAvailabilityPct": Str, "userName": Str, "userType": Int,
];

/// `TicketAttachmentModel`.
static ATTACHMENT_FIELDS: &[FieldDef] = fields![
    "id": Long, "attachDate": DateTime, "attachedByContactID": Long,
    "attachedByResourceID": Long, "attachmentType": Str, "contentType": Str, "creatorType": Int,
    "fileSize": Double, "fullPath": Str, "impersonatorCreatorResourceID": Int,
    "opportunityID": Long, "parentAttachmentID": Int, "parentID": Long, "publish": Int,
    "ticketID": Int, "ticketNoteID": Int, "timeEntryID": Int, "title": Str, "data": Str,
    "parentType": Int, "isTaskAttachment": Bool,
];

/// `TicketWebhookModel`.
static WEBHOOK_FIELDS: &[FieldDef] = fields![
    "id": Long, "deactivationUrl": Str, "isActive": Bool, "isReady": Bool,
    "isSubscribedToCreateEvents": Bool, "isSubscribedToDeleteEvents": Bool,
    "isSubscribedToUpdateEvents": Bool, "name": Str, "notificationEmailAddress": Str,
    "ownerResourceID": Int, "secretKey": Str, "sendThresholdExceededNotification": Bool,
    "webhookGUID": Str, "webhookUrl": Str,
];

/// `TicketWebhookFieldModel`.
static WEBHOOK_FIELD_FIELDS: &[FieldDef] = fields![
    "id": Long, "fieldID": Int, "isDisplayAlwaysField": Bool, "isSubscribedField": Bool,
    "webhookID": Int,
];

/// `TicketWebhookExcludedResourceModel`.
static WEBHOOK_EXCLUDED_FIELDS: &[FieldDef] = fields![
    "id": Long, "resourceID": Int, "webhookID": Int,
];

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
