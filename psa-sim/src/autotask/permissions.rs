//! The API user's security level.
//!
//! The default is what the setup guides of products that integrate Autotask make: a copy of the
//! "API User (system) (API-only)" level, so every verb the API offers on the simulated entities
//! is `All`; Resource Impersonation checked for Tickets, Ticket Notes and Attachments; webhooks
//! on with a maximum of 25 (`004_*`). `entityInformation` reports the rows as
//! `userAccessFor* = 0 None, 1 All, 2 Restricted` (`REST_EntityInformationCall.htm`).
//!
//! Refusals are HTTP 500 `{"errors":["The logged in Resource does not have the adequate
//! permissions to <verb> this entity type."]}` (Autotask's documentation and observed traffic).
//!
//! `Restricted` is modelled as "only records that are the API user's own": tickets it created
//! or is assigned to, notes it wrote, companies it owns, contacts of those companies, its own
//! resource row, webhooks it owns. Autotask's exact rules per entity are richer (and per
//! security-level setting); this keeps the shape: the call succeeds, some records are missing.

use std::collections::BTreeMap;

use psa_core::Capability;

use super::entities::{Kind, Verb};
use super::store::{Record, Store, int};
use super::webhook_kinds;

/// One `userAccessFor*` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    None,
    All,
    Restricted,
}

impl Access {
    /// The documented numeric code (0 None, 1 All, 2 Restricted).
    pub(crate) fn code(self) -> i64 {
        match self {
            Access::None => 0,
            Access::All => 1,
            Access::Restricted => 2,
        }
    }

    /// The name some clients model instead of the code.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Access::None => "None",
            Access::All => "All",
            Access::Restricted => "Restricted",
        }
    }
}

/// The security level's rows the simulator enforces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    rows: BTreeMap<(Kind, Verb), Access>,
    /// Resource Impersonation rows (Web Services API section), per entity.
    impersonation: BTreeMap<Kind, bool>,
    /// "Maximum number of Webhooks" (0 = "Can create WebHooks" off).
    pub(crate) webhooks_allowed: u32,
    /// Whether picklists (`entityInformation/fields`) can be read.
    pub(crate) picklists_readable: bool,
    /// Whether the API user can log in at all.
    pub(crate) active: bool,
}

impl Default for Profile {
    fn default() -> Self {
        let mut rows = BTreeMap::new();
        for kind in Kind::ALL {
            for verb in Verb::ALL {
                rows.insert((kind, verb), Access::All);
            }
        }
        let impersonation = [
            (Kind::Tickets, true),
            (Kind::TicketNotes, true),
            (Kind::TicketAttachments, true),
        ]
        .into_iter()
        .collect();
        Profile {
            rows,
            impersonation,
            webhooks_allowed: 25,
            picklists_readable: true,
            active: true,
        }
    }
}

impl Profile {
    /// The effective access for a verb (None where the API does not offer the verb).
    pub(crate) fn access(&self, kind: Kind, verb: Verb) -> Access {
        if !kind.supports(verb) {
            return Access::None;
        }
        if webhook_kinds::is_webhook_entity(kind)
            && verb != Verb::Query
            && self.webhooks_allowed == 0
        {
            return Access::None;
        }
        self.rows
            .get(&(kind, verb))
            .copied()
            .unwrap_or(Access::None)
    }

    /// Sets one row.
    pub(crate) fn set(&mut self, kind: Kind, verb: Verb, access: Access) {
        self.rows.insert((kind, verb), access);
    }

    /// Whether writes on `kind` may carry `ImpersonationResourceId`.
    pub(crate) fn may_impersonate(&self, kind: Kind) -> bool {
        self.impersonation.get(&kind).copied().unwrap_or(false)
    }

    /// Turns all Resource Impersonation rows on (Tickets, Ticket Notes, Attachments) or off.
    pub(crate) fn set_impersonation(&mut self, on: bool) {
        for kind in [Kind::Tickets, Kind::TicketNotes, Kind::TicketAttachments] {
            self.impersonation.insert(kind, on);
        }
    }

    /// Removes the right standing for a vendor-neutral capability (the mapping in
    /// [`AutotaskSimBuilder::deny`](super::AutotaskSimBuilder::deny)).
    pub(crate) fn deny(&mut self, cap: Capability) {
        use Capability as C;
        match cap {
            C::Connect => self.active = false,
            C::ReadTickets => self.set(Kind::Tickets, Verb::Query, Access::None),
            C::CreateTickets => self.set(Kind::Tickets, Verb::Create, Access::None),
            C::UpdateTickets | C::CloseTickets => {
                self.set(Kind::Tickets, Verb::Update, Access::None);
            }
            C::ReadNotes => self.set(Kind::TicketNotes, Verb::Query, Access::None),
            C::AddNotes => self.set(Kind::TicketNotes, Verb::Create, Access::None),
            C::ReadCompanies => self.set(Kind::Companies, Verb::Query, Access::None),
            C::ReadContacts => self.set(Kind::Contacts, Verb::Query, Access::None),
            C::ReadResources => self.set(Kind::Resources, Verb::Query, Access::None),
            C::Attachments => self.set(Kind::TicketAttachments, Verb::Create, Access::None),
            C::Impersonation => self.set_impersonation(false),
            // Provisioning needs the same "Can create WebHooks" setting.
            C::Webhooks | C::ProvisionWebhooks => {
                self.webhooks_allowed = 0;
                for f in webhook_kinds::FAMILIES {
                    self.set(f.hook, Verb::Create, Access::None);
                }
            }
            C::BaseData => self.picklists_readable = false,
            C::ReadOpportunities => self.set(Kind::Opportunities, Verb::Query, Access::None),
            C::CreateOpportunities => self.set(Kind::Opportunities, Verb::Create, Access::None),
            C::ReadContracts => self.set(Kind::Contracts, Verb::Query, Access::None),
            C::ReadTimeEntries => self.set(Kind::TimeEntries, Verb::Query, Access::None),
            C::ReadTicketCategories => {
                self.set(Kind::TicketCategories, Verb::Query, Access::None);
            }
            // Autotask has no right for a ticket source (it is the tracking identifier).
            _ => {}
        }
    }
}

/// The refusal text for a verb.
pub(crate) fn refusal(verb: Verb) -> String {
    format!(
        "The logged in Resource does not have the adequate permissions to {} this entity type.",
        verb.word()
    )
}

/// Whether a Restricted level lets the API user see a record: its own records only.
pub(crate) fn own_record(store: &Store, kind: Kind, rec: &Record, me: i64) -> bool {
    let is_me = |f: &str| int(rec, f) == Some(me);
    match kind {
        Kind::Tickets => is_me("creatorResourceID") || is_me("assignedResourceID"),
        Kind::TicketNotes => is_me("creatorResourceID"),
        Kind::Companies => is_me("ownerResourceID"),
        Kind::Contacts => int(rec, "companyID")
            .and_then(|c| store.get(Kind::Companies, c))
            .is_some_and(|c| int(&c, "ownerResourceID") == Some(me)),
        Kind::Resources => is_me("id"),
        Kind::TicketAttachments => is_me("attachedByResourceID"),
        Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks => {
            is_me("ownerResourceID")
        }
        Kind::TicketWebhookFields
        | Kind::TicketWebhookExcludedResources
        | Kind::CompanyWebhookFields
        | Kind::CompanyWebhookExcludedResources
        | Kind::ContactWebhookFields
        | Kind::ContactWebhookExcludedResources => int(rec, "webhookID")
            .zip(webhook_kinds::family(kind))
            .and_then(|(w, f)| store.get(f.hook, w))
            .is_some_and(|w| int(&w, "ownerResourceID") == Some(me)),
        Kind::Opportunities => is_me("ownerResourceID") || is_me("creatorResourceID"),
        Kind::TicketCategories | Kind::Contracts => true,
        Kind::ContractServices | Kind::Services => true,
        Kind::TimeEntries => is_me("resourceID"),
        Kind::Projects => is_me("projectLeadResourceID") || is_me("creatorResourceID"),
        Kind::Tasks => is_me("assignedResourceID") || is_me("creatorResourceID"),
        Kind::ProjectNotes | Kind::TaskNotes => is_me("creatorResourceID"),
    }
}

/// The entity names [`AutotaskSimBuilder::deny_access`](crate::AutotaskSimBuilder::deny_access) accepts.
pub const ENTITY_NAMES: &[&str] = &[
    "Tickets",
    "TicketNotes",
    "Companies",
    "Contacts",
    "Resources",
    "TicketAttachments",
    "TicketWebhooks",
    "TicketWebhookFields",
    "TicketWebhookExcludedResources",
    "Opportunities",
    "TicketCategories",
    "Contracts",
    "TimeEntries",
    "CompanyWebhooks",
    "CompanyWebhookFields",
    "CompanyWebhookExcludedResources",
    "ContactWebhooks",
    "ContactWebhookFields",
    "ContactWebhookExcludedResources",
    "ContractServices",
    "Services",
    "Projects",
    "Tasks",
    "ProjectNotes",
    "TaskNotes",
];

/// An `(entity, verb)` row of the security level, or what to fix.
pub(crate) fn parse_row(entity: &str, verb: &str) -> Result<(Kind, Verb), String> {
    let kind = Kind::from_name(entity.trim()).ok_or_else(|| {
        format!(
            "unknown Autotask entity {entity:?}: use a REST entity name such as \"Tickets\" or \"TicketNotes\" (psa_sim::autotask::ENTITY_NAMES lists them)"
        )
    })?;
    let verb = Verb::parse(verb)
        .ok_or_else(|| format!("unknown verb {verb:?}: use query, create, update or delete"))?;
    Ok((kind, verb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_grants_what_the_api_offers() {
        let p = Profile::default();
        assert_eq!(p.access(Kind::Tickets, Verb::Create), Access::All);
        assert_eq!(p.access(Kind::Tickets, Verb::Delete), Access::None);
        assert_eq!(p.access(Kind::Resources, Verb::Create), Access::None);
        assert!(p.may_impersonate(Kind::TicketNotes));
        assert!(!p.may_impersonate(Kind::Companies));
    }

    #[test]
    fn deny_maps_capabilities_to_rows() {
        let mut p = Profile::default();
        p.deny(Capability::CloseTickets);
        assert_eq!(p.access(Kind::Tickets, Verb::Update), Access::None);
        p.deny(Capability::Webhooks);
        assert_eq!(p.access(Kind::TicketWebhooks, Verb::Create), Access::None);
        assert_eq!(
            p.access(Kind::TicketWebhookFields, Verb::Create),
            Access::None
        );
        assert_eq!(p.access(Kind::TicketWebhooks, Verb::Query), Access::All);
        assert_eq!(p.access(Kind::CompanyWebhooks, Verb::Create), Access::None);
        assert_eq!(
            p.access(Kind::ContactWebhookExcludedResources, Verb::Delete),
            Access::None
        );
        p.deny(Capability::Impersonation);
        assert!(!p.may_impersonate(Kind::Tickets));
    }

    #[test]
    fn refusal_text_names_the_verb() {
        assert_eq!(
            refusal(Verb::Query),
            "The logged in Resource does not have the adequate permissions to query this entity type."
        );
    }
}
