//! One vocabulary for what a connector can do: [`Capability`] names one thing (a right the API
//! user needs, or a feature of the connector), and [`Capabilities`] is the set a connector
//! declares once. Preflight checks the declared capabilities that are rights
//! ([`Capability::is_right`]).

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind};

/// A thing an integration may need, in vendor-neutral terms: a right the API user must hold
/// (checked by preflight) or a feature of the connector (no right involved).
///
/// ```
/// use psa_core::Capability;
/// assert!(Capability::CreateTickets.is_right());
/// assert!(!Capability::InternalNotes.is_right());
/// assert_eq!("signed-webhooks".parse::<Capability>().unwrap(), Capability::SignedWebhooks);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    /// Connect and authenticate at all (right).
    Connect,
    /// List and read tickets (right).
    ReadTickets,
    /// Create tickets (right).
    CreateTickets,
    /// Change tickets: status, priority, … (right).
    UpdateTickets,
    /// Close (complete) tickets (right).
    CloseTickets,
    /// Read ticket notes (right).
    ReadNotes,
    /// Add ticket notes (right).
    AddNotes,
    /// Internal (technician-only) notes are supported (feature).
    InternalNotes,
    /// Read companies (right).
    ReadCompanies,
    /// Read contacts (right).
    ReadContacts,
    /// Read resources / members / users (right).
    ReadResources,
    /// Attach files to tickets from bytes (right).
    Attachments,
    /// Attach files from a URL the PSA downloads (right).
    AttachmentUrls,
    /// Act on behalf of another resource (right).
    Impersonation,
    /// Register webhooks / callbacks (right).
    Webhooks,
    /// Webhook deliveries are signed and verifiable (feature).
    SignedWebhooks,
    /// Read base data: statuses, priorities, queues, boards (right).
    BaseData,
    /// Queues / boards exist (feature).
    Queues,
    /// Register the integration as a ticket source (right).
    TicketSource,
    /// Forward-only (keyset) paging for large syncs (feature).
    ForwardOnlyPaging,
    /// Creates accept an idempotency key and are never duplicated by retries (feature).
    IdempotentCreate,
    /// The server filters contacts by email; otherwise the connector filters (feature).
    ServerSideEmailFilter,
    /// List and read sales opportunities and their stages (right;
    /// [`BusinessConnector`](crate::BusinessConnector)).
    ReadOpportunities,
    /// Create and change sales opportunities (right).
    CreateOpportunities,
    /// Read contracts / agreements (right).
    ReadContracts,
    /// Read time entries (right).
    ReadTimeEntries,
    /// Read ticket categories and ticket types / subtypes (right).
    ReadTicketCategories,
    /// Provision the integration's own webhooks / callbacks and repair them
    /// (`ensure_webhooks`, [`WebhookSpec`](crate::WebhookSpec)) (right).
    ProvisionWebhooks,
    /// List and read projects, project tasks or project tickets, and their notes (right).
    ReadProjects,
    /// Create and change projects, project tasks or project tickets, and add their notes
    /// (right).
    UpdateProjects,
    /// Read, create, change and delete schedule entries (resource scheduling) (right).
    Scheduling,
}

impl Capability {
    /// Every capability, in report order.
    pub const ALL: &'static [Capability] = &[
        Capability::Connect,
        Capability::ReadTickets,
        Capability::CreateTickets,
        Capability::UpdateTickets,
        Capability::CloseTickets,
        Capability::ReadNotes,
        Capability::AddNotes,
        Capability::InternalNotes,
        Capability::ReadCompanies,
        Capability::ReadContacts,
        Capability::ReadResources,
        Capability::Attachments,
        Capability::AttachmentUrls,
        Capability::Impersonation,
        Capability::Webhooks,
        Capability::SignedWebhooks,
        Capability::BaseData,
        Capability::Queues,
        Capability::TicketSource,
        Capability::ForwardOnlyPaging,
        Capability::IdempotentCreate,
        Capability::ServerSideEmailFilter,
        Capability::ReadOpportunities,
        Capability::CreateOpportunities,
        Capability::ReadContracts,
        Capability::ReadTimeEntries,
        Capability::ReadTicketCategories,
        Capability::ProvisionWebhooks,
        Capability::ReadProjects,
        Capability::UpdateProjects,
        Capability::Scheduling,
    ];

    /// The kebab-case name used on command lines and in JSON (`create-tickets`).
    ///
    /// ```
    /// assert_eq!(psa_core::Capability::CreateTickets.name(), "create-tickets");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Capability::Connect => "connect",
            Capability::ReadTickets => "read-tickets",
            Capability::CreateTickets => "create-tickets",
            Capability::UpdateTickets => "update-tickets",
            Capability::CloseTickets => "close-tickets",
            Capability::ReadNotes => "read-notes",
            Capability::AddNotes => "add-notes",
            Capability::InternalNotes => "internal-notes",
            Capability::ReadCompanies => "read-companies",
            Capability::ReadContacts => "read-contacts",
            Capability::ReadResources => "read-resources",
            Capability::Attachments => "attachments",
            Capability::AttachmentUrls => "attachment-urls",
            Capability::Impersonation => "impersonation",
            Capability::Webhooks => "webhooks",
            Capability::SignedWebhooks => "signed-webhooks",
            Capability::BaseData => "base-data",
            Capability::Queues => "queues",
            Capability::TicketSource => "ticket-source",
            Capability::ForwardOnlyPaging => "forward-only-paging",
            Capability::IdempotentCreate => "idempotent-create",
            Capability::ServerSideEmailFilter => "server-side-email-filter",
            Capability::ReadOpportunities => "read-opportunities",
            Capability::CreateOpportunities => "create-opportunities",
            Capability::ReadContracts => "read-contracts",
            Capability::ReadTimeEntries => "read-time-entries",
            Capability::ReadTicketCategories => "read-ticket-categories",
            Capability::ProvisionWebhooks => "provision-webhooks",
            Capability::ReadProjects => "read-projects",
            Capability::UpdateProjects => "update-projects",
            Capability::Scheduling => "scheduling",
        }
    }

    /// Whether this is a right of the API user, checked by preflight. Features (internal
    /// notes, signed webhooks, queues, forward-only paging, idempotent create, server-side
    /// email filter) need no right beyond the ones their calls use.
    ///
    /// ```
    /// assert!(psa_core::Capability::Connect.is_right());
    /// assert!(!psa_core::Capability::ForwardOnlyPaging.is_right());
    /// ```
    pub const fn is_right(self) -> bool {
        !matches!(
            self,
            Capability::InternalNotes
                | Capability::SignedWebhooks
                | Capability::Queues
                | Capability::ForwardOnlyPaging
                | Capability::IdempotentCreate
                | Capability::ServerSideEmailFilter
        )
    }

    const fn bit(self) -> u64 {
        1u64 << (self as u32)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Capability {
    type Err = Error;

    /// ```
    /// let c: psa_core::Capability = "add-notes".parse().unwrap();
    /// assert_eq!(c, psa_core::Capability::AddNotes);
    /// assert!("fly".parse::<psa_core::Capability>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Capability::ALL
            .iter()
            .copied()
            .find(|c| c.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = Capability::ALL.iter().map(|c| c.name()).collect();
                Error::new(
                    ErrorKind::Config,
                    format!(
                        "unknown capability {s:?}; expected one of: {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// The set of [`Capability`]s a connector supports, declared once per connector from a `const`
/// slice. A call outside the set returns [`crate::ErrorKind::Unsupported`]. Serializes as a list
/// of kebab-case names.
///
/// ```
/// use psa_core::{Capabilities, Capability};
/// const CAPS: Capabilities = Capabilities::new(&[Capability::Connect, Capability::Attachments]);
/// assert!(CAPS.supports(Capability::Attachments) && !CAPS.supports(Capability::Impersonation));
/// assert_eq!(serde_json::to_string(&CAPS).unwrap(), r#"["connect","attachments"]"#);
/// assert_eq!(CAPS.rights().count(), 2);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Capabilities {
    bits: u64,
}

impl Capabilities {
    /// The set of these capabilities (usable in a `const`).
    pub const fn new(caps: &[Capability]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < caps.len() {
            bits |= caps[i].bit();
            i += 1;
        }
        Capabilities { bits }
    }

    /// Whether `cap` is in the set.
    pub const fn supports(&self, cap: Capability) -> bool {
        self.bits & cap.bit() != 0
    }

    /// The set with `cap` added.
    pub const fn with(self, cap: Capability) -> Self {
        Capabilities {
            bits: self.bits | cap.bit(),
        }
    }

    /// The set with `cap` removed.
    pub const fn without(self, cap: Capability) -> Self {
        Capabilities {
            bits: self.bits & !cap.bit(),
        }
    }

    /// The capabilities in the set, in report order.
    pub fn iter(&self) -> impl Iterator<Item = Capability> + '_ {
        Capability::ALL
            .iter()
            .copied()
            .filter(move |c| self.supports(*c))
    }

    /// The capabilities in the set that are rights (what preflight checks), in report order.
    pub fn rights(&self) -> impl Iterator<Item = Capability> + '_ {
        self.iter().filter(|c| c.is_right())
    }

    /// How many capabilities the set holds.
    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }
}

impl fmt::Debug for Capabilities {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Capability> for Capabilities {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        iter.into_iter()
            .fold(Capabilities::default(), |set, c| set.with(c))
    }
}

impl Serialize for Capabilities {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for c in self.iter() {
            seq.serialize_element(&c)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Capabilities {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor;
        impl<'de> Visitor<'de> for SetVisitor {
            type Value = Capabilities;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of capability names")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Capabilities, A::Error> {
                let mut set = Capabilities::default();
                while let Some(c) = seq.next_element::<Capability>()? {
                    set = set.with(c);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(SetVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capability_names_round_trip() {
        for c in Capability::ALL {
            assert_eq!(c.name().parse::<Capability>().unwrap(), *c);
            assert_eq!(
                serde_json::to_string(c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
    }

    #[test]
    fn all_lists_each_capability_once_in_declaration_order() {
        for (i, c) in Capability::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c} is out of order in Capability::ALL");
        }
        assert!(Capability::ALL.len() < 64);
    }

    #[test]
    fn project_and_scheduling_capabilities_are_rights_with_their_own_names() {
        for (c, name) in [
            (Capability::ReadProjects, "read-projects"),
            (Capability::UpdateProjects, "update-projects"),
            (Capability::Scheduling, "scheduling"),
        ] {
            assert!(c.is_right(), "{c}");
            assert_eq!(c.to_string(), name);
            assert_eq!(name.parse::<Capability>().unwrap(), c);
            assert!(Capability::ALL.contains(&c));
        }
        let set = Capabilities::new(&[Capability::ReadTickets]);
        assert!(!set.supports(Capability::ReadProjects));
    }

    #[test]
    fn the_set_round_trips_through_json_and_keeps_report_order() {
        let set = Capabilities::new(&[
            Capability::Webhooks,
            Capability::Connect,
            Capability::InternalNotes,
        ]);
        assert_eq!(set.len(), 3);
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["connect","internal-notes","webhooks"]"#);
        assert_eq!(serde_json::from_str::<Capabilities>(&json).unwrap(), set);
        assert!(serde_json::from_str::<Capabilities>(r#"["fly"]"#).is_err());
        assert_eq!(
            set.rights().collect::<Vec<_>>(),
            [Capability::Connect, Capability::Webhooks]
        );
        assert_eq!(format!("{set:?}"), "{Connect, InternalNotes, Webhooks}");
        let removed = set.without(Capability::Webhooks);
        assert!(!removed.supports(Capability::Webhooks) && removed.supports(Capability::Connect));
        assert!(Capabilities::default().is_empty());
    }
}
