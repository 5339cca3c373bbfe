//! The queries of the [`BusinessConnector`](super::BusinessConnector) listings.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{CompanyId, ContractId, ResourceId, TicketId};

/// Which opportunities to list.
///
/// ```
/// use psa_core::{CompanyId, OpportunityQuery};
/// let q = OpportunityQuery::new().company(CompanyId(7)).open_only(true).stage("1");
/// assert_eq!(q.stages, ["1"]);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OpportunityQuery {
    /// Only opportunities of this company.
    pub company: Option<CompanyId>,
    /// Only opportunities owned by this resource.
    pub owner: Option<ResourceId>,
    /// Only opportunities in one of these stage keys (empty: any).
    pub stages: Vec<String>,
    /// Only opportunities that are not closed.
    pub open_only: bool,
    /// Only records changed at or after this time (the change feed's filter).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_since: Option<OffsetDateTime>,
}

impl OpportunityQuery {
    /// All opportunities.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }
    /// Filters by owner.
    pub fn owner(mut self, v: ResourceId) -> Self {
        self.owner = Some(v);
        self
    }
    /// Adds a stage key to match.
    pub fn stage(mut self, v: impl Into<String>) -> Self {
        self.stages.push(v.into());
        self
    }
    /// Keeps only open opportunities.
    pub fn open_only(mut self, v: bool) -> Self {
        self.open_only = v;
        self
    }
    /// Keeps records changed since a time.
    pub fn updated_since(mut self, v: OffsetDateTime) -> Self {
        self.updated_since = Some(v);
        self
    }
}

/// Which resources (staff: Autotask resources, ConnectWise members, Syncro users) to list.
///
/// ```
/// let q = psa_core::ResourceQuery::new().active(true);
/// assert_eq!(q.active, Some(true));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceQuery {
    /// Only active (`true`) or inactive (`false`) resources.
    pub active: Option<bool>,
    /// Only resources with this email address (case-insensitive).
    pub email: Option<String>,
}

impl ResourceQuery {
    /// All resources.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by active flag.
    pub fn active(mut self, v: bool) -> Self {
        self.active = Some(v);
        self
    }
    /// Filters by email.
    pub fn email(mut self, v: impl Into<String>) -> Self {
        self.email = Some(v.into());
        self
    }
}

/// Which contracts to list.
///
/// ```
/// let q = psa_core::ContractQuery::new().company(psa_core::CompanyId(3)).active(true);
/// assert_eq!(q.company, Some(psa_core::CompanyId(3)));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractQuery {
    /// Only contracts of this company.
    pub company: Option<CompanyId>,
    /// Only active (`true`) or inactive (`false`) contracts.
    pub active: Option<bool>,
    /// Only records changed at or after this time.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_since: Option<OffsetDateTime>,
}

impl ContractQuery {
    /// All contracts.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }
    /// Filters by active flag.
    pub fn active(mut self, v: bool) -> Self {
        self.active = Some(v);
        self
    }
    /// Keeps records changed since a time.
    pub fn updated_since(mut self, v: OffsetDateTime) -> Self {
        self.updated_since = Some(v);
        self
    }
}

/// Which time entries to list.
///
/// ```
/// use psa_core::{TicketId, TimeEntryQuery};
/// use time::macros::datetime;
/// let q = TimeEntryQuery::new().ticket(TicketId(9)).worked_from(datetime!(2024-05-01 0:00 UTC));
/// assert_eq!(q.ticket, Some(TicketId(9)));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeEntryQuery {
    /// Only time logged on this ticket.
    pub ticket: Option<TicketId>,
    /// Only time logged by this resource.
    pub resource: Option<ResourceId>,
    /// Only time logged under this contract, where the vendor links them.
    pub contract: Option<ContractId>,
    /// Only work started at or after this time.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub worked_from: Option<OffsetDateTime>,
    /// Only work started before this time.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub worked_before: Option<OffsetDateTime>,
    /// Only records changed at or after this time.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_since: Option<OffsetDateTime>,
}

impl TimeEntryQuery {
    /// All time entries.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by ticket.
    pub fn ticket(mut self, v: TicketId) -> Self {
        self.ticket = Some(v);
        self
    }
    /// Filters by resource.
    pub fn resource(mut self, v: ResourceId) -> Self {
        self.resource = Some(v);
        self
    }
    /// Filters by contract.
    pub fn contract(mut self, v: ContractId) -> Self {
        self.contract = Some(v);
        self
    }
    /// Keeps work started at or after a time.
    pub fn worked_from(mut self, v: OffsetDateTime) -> Self {
        self.worked_from = Some(v);
        self
    }
    /// Keeps work started before a time.
    pub fn worked_before(mut self, v: OffsetDateTime) -> Self {
        self.worked_before = Some(v);
        self
    }
    /// Keeps records changed since a time.
    pub fn updated_since(mut self, v: OffsetDateTime) -> Self {
        self.updated_since = Some(v);
        self
    }
}
