//! The entities' names and the verbs of the security level: the vocabulary every part of the
//! Autotask simulator shares (the field tables, seeds and routes build on it; it imports none of
//! them).

/// One record: its wire fields by canonical name (unset fields are absent).
pub(crate) type Record = serde_json::Map<String, serde_json::Value>;

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
    CompanyWebhooks,
    CompanyWebhookFields,
    CompanyWebhookExcludedResources,
    ContactWebhooks,
    ContactWebhookFields,
    ContactWebhookExcludedResources,
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
    pub(crate) const ALL: [Kind; 25] = [
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
        Kind::CompanyWebhooks,
        Kind::CompanyWebhookFields,
        Kind::CompanyWebhookExcludedResources,
        Kind::ContactWebhooks,
        Kind::ContactWebhookFields,
        Kind::ContactWebhookExcludedResources,
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
            Kind::CompanyWebhooks => "CompanyWebhooks",
            Kind::CompanyWebhookFields => "CompanyWebhookFields",
            Kind::CompanyWebhookExcludedResources => "CompanyWebhookExcludedResources",
            Kind::ContactWebhooks => "ContactWebhooks",
            Kind::ContactWebhookFields => "ContactWebhookFields",
            Kind::ContactWebhookExcludedResources => "ContactWebhookExcludedResources",
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
}
