use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{CompanyId, ContactId};

/// Which tickets to list.
///
/// ```
/// use psa_core::{CompanyId, TicketQuery};
/// let q = TicketQuery::new().company(CompanyId(7)).open_only(true).text("printer");
/// assert_eq!(q.company, Some(CompanyId(7)));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketQuery {
    /// Only tickets of this company.
    pub company: Option<CompanyId>,
    /// Only tickets of this contact.
    pub contact: Option<ContactId>,
    /// Only tickets in one of these status keys (empty: any).
    pub statuses: Vec<String>,
    /// Only tickets that are not closed.
    pub open_only: bool,
    /// Only tickets changed at or after this time.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_since: Option<OffsetDateTime>,
    /// Free text the title must contain (vendor search semantics).
    pub text: Option<String>,
}

impl TicketQuery {
    /// All tickets.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }
    /// Filters by contact.
    pub fn contact(mut self, v: ContactId) -> Self {
        self.contact = Some(v);
        self
    }
    /// Adds a status key to match.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.statuses.push(v.into());
        self
    }
    /// Keeps only open tickets.
    pub fn open_only(mut self, v: bool) -> Self {
        self.open_only = v;
        self
    }
    /// Keeps tickets changed since a time.
    pub fn updated_since(mut self, v: OffsetDateTime) -> Self {
        self.updated_since = Some(v);
        self
    }
    /// Searches the title.
    pub fn text(mut self, v: impl Into<String>) -> Self {
        self.text = Some(v.into());
        self
    }
}

/// Which contacts to list.
///
/// ```
/// let q = psa_core::ContactQuery::new().email("ada@example.com");
/// assert_eq!(q.email.as_deref(), Some("ada@example.com"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactQuery {
    /// Only contacts of this company.
    pub company: Option<CompanyId>,
    /// Only contacts with this email address (case-insensitive).
    pub email: Option<String>,
    /// Only records changed at or after this time. Vendors without a server-side filter
    /// (Syncro customers and contacts) filter the pages client-side.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_since: Option<OffsetDateTime>,
}

impl ContactQuery {
    /// All contacts.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }
    /// Filters by email.
    pub fn email(mut self, v: impl Into<String>) -> Self {
        self.email = Some(v.into());
        self
    }
    /// Keeps records changed since a time.
    pub fn updated_since(mut self, v: OffsetDateTime) -> Self {
        self.updated_since = Some(v);
        self
    }
}

/// Which companies to list.
///
/// ```
/// let q = psa_core::CompanyQuery::new().name("Contoso").active(true);
/// assert_eq!(q.active, Some(true));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyQuery {
    /// Name contains this text (vendor search semantics).
    pub name: Option<String>,
    /// Only active (`true`) or inactive (`false`) companies.
    pub active: Option<bool>,
    /// Only records changed at or after this time. Vendors without a server-side filter
    /// (Syncro customers and contacts) filter the pages client-side.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_since: Option<OffsetDateTime>,
}

impl CompanyQuery {
    /// All companies.
    pub fn new() -> Self {
        Self::default()
    }
    /// Filters by name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
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
