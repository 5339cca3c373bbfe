//! List filters that serialize themselves into Syncro's query parameters.
//!
//! Values are percent-encoded by the URL builder, never concatenated by hand.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Syncro's pseudo-status matching every ticket that is not closed.
pub const NOT_CLOSED: &str = "Not Closed";

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.date().to_string())
}

/// Filters for `GET /tickets`.
///
/// ```
/// use psa_syncro::TicketFilter;
/// let f = TicketFilter::new().customer_id(42).status("Not Closed").query("printer").page(2);
/// let pairs = f.to_pairs();
/// assert!(pairs.contains(&("customer_id".into(), "42".into())));
/// assert!(pairs.contains(&("status".into(), "Not Closed".into())));
/// assert!(pairs.contains(&("page".into(), "2".into())));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketFilter {
    /// `customer_id`.
    pub customer_id: Option<i64>,
    /// `contact_id`.
    pub contact_id: Option<i64>,
    /// `number`.
    pub number: Option<String>,
    /// `status` (one status name, or [`NOT_CLOSED`]).
    pub status: Option<String>,
    /// `since_updated_at` (Syncro may honour only the date: treat it as coarse).
    pub since_updated_at: Option<OffsetDateTime>,
    /// `created_after`.
    pub created_after: Option<OffsetDateTime>,
    /// `resolved_after`.
    pub resolved_after: Option<OffsetDateTime>,
    /// `query` (Syncro's free-text search).
    pub query: Option<String>,
    /// `user_id` (assigned user).
    pub user_id: Option<i64>,
    /// `mine` (assigned to the token's user).
    pub mine: Option<bool>,
    /// `ticket_search_id` (a saved search).
    pub ticket_search_id: Option<i64>,
    /// `comment_format`: `plaintext` (default), `richtext` or `original`.
    pub comment_format: Option<String>,
    /// `page` (1-based).
    pub page: Option<i64>,
}

impl TicketFilter {
    /// No filter: every ticket.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only this customer's tickets.
    pub fn customer_id(mut self, v: i64) -> Self {
        self.customer_id = Some(v);
        self
    }
    /// Only this contact's tickets.
    pub fn contact_id(mut self, v: i64) -> Self {
        self.contact_id = Some(v);
        self
    }
    /// Only the ticket with this number.
    pub fn number(mut self, v: impl Into<String>) -> Self {
        self.number = Some(v.into());
        self
    }
    /// Only tickets in this status.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Only tickets updated since.
    pub fn since_updated_at(mut self, v: OffsetDateTime) -> Self {
        self.since_updated_at = Some(v);
        self
    }
    /// Only tickets created after.
    pub fn created_after(mut self, v: OffsetDateTime) -> Self {
        self.created_after = Some(v);
        self
    }
    /// Only tickets resolved after.
    pub fn resolved_after(mut self, v: OffsetDateTime) -> Self {
        self.resolved_after = Some(v);
        self
    }
    /// Free-text search.
    pub fn query(mut self, v: impl Into<String>) -> Self {
        self.query = Some(v.into());
        self
    }
    /// Only tickets assigned to this user.
    pub fn user_id(mut self, v: i64) -> Self {
        self.user_id = Some(v);
        self
    }
    /// Only tickets assigned to the token's user.
    pub fn mine(mut self, v: bool) -> Self {
        self.mine = Some(v);
        self
    }
    /// The results of a saved search.
    pub fn ticket_search_id(mut self, v: i64) -> Self {
        self.ticket_search_id = Some(v);
        self
    }
    /// How comment bodies are rendered.
    pub fn comment_format(mut self, v: impl Into<String>) -> Self {
        self.comment_format = Some(v.into());
        self
    }
    /// The page to fetch.
    pub fn page(mut self, v: i64) -> Self {
        self.page = Some(v);
        self
    }

    /// The query parameters, in a stable order.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        let mut push = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                p.push((k.to_string(), v));
            }
        };
        push("customer_id", self.customer_id.map(|v| v.to_string()));
        push("contact_id", self.contact_id.map(|v| v.to_string()));
        push("number", self.number.clone());
        push("status", self.status.clone());
        push("since_updated_at", self.since_updated_at.map(rfc3339));
        push("created_after", self.created_after.map(rfc3339));
        push("resolved_after", self.resolved_after.map(rfc3339));
        push("query", self.query.clone());
        push("user_id", self.user_id.map(|v| v.to_string()));
        push("mine", self.mine.map(|v| v.to_string()));
        push(
            "ticket_search_id",
            self.ticket_search_id.map(|v| v.to_string()),
        );
        push("comment_format", self.comment_format.clone());
        push("page", self.page.map(|v| v.to_string()));
        p
    }
}

/// Filters for `GET /customers`.
///
/// ```
/// use psa_syncro::CustomerFilter;
/// let pairs = CustomerFilter::new().business_name("Acme & Sons").ids([1, 2]).include_disabled(true).to_pairs();
/// assert!(pairs.contains(&("business_name".into(), "Acme & Sons".into())));
/// assert!(pairs.contains(&("id[]".into(), "2".into())));
/// assert!(pairs.contains(&("include_disabled".into(), "true".into())));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFilter {
    /// `query` (free-text search).
    pub query: Option<String>,
    /// `firstname` (like).
    pub firstname: Option<String>,
    /// `lastname` (like).
    pub lastname: Option<String>,
    /// `business_name` (like).
    pub business_name: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// `id[]`: only these ids.
    pub ids: Vec<i64>,
    /// `not_id[]`: not these ids.
    pub not_ids: Vec<i64>,
    /// `include_disabled`.
    pub include_disabled: Option<bool>,
    /// `sort`, e.g. `"firstname ASC"`.
    pub sort: Option<String>,
    /// `page` (1-based).
    pub page: Option<i64>,
}

impl CustomerFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }
    /// Free-text search.
    pub fn query(mut self, v: impl Into<String>) -> Self {
        self.query = Some(v.into());
        self
    }
    /// First name like.
    pub fn firstname(mut self, v: impl Into<String>) -> Self {
        self.firstname = Some(v.into());
        self
    }
    /// Last name like.
    pub fn lastname(mut self, v: impl Into<String>) -> Self {
        self.lastname = Some(v.into());
        self
    }
    /// Business name like.
    pub fn business_name(mut self, v: impl Into<String>) -> Self {
        self.business_name = Some(v.into());
        self
    }
    /// Email.
    pub fn email(mut self, v: impl Into<String>) -> Self {
        self.email = Some(v.into());
        self
    }
    /// Only these ids.
    pub fn ids(mut self, v: impl IntoIterator<Item = i64>) -> Self {
        self.ids.extend(v);
        self
    }
    /// Not these ids.
    pub fn not_ids(mut self, v: impl IntoIterator<Item = i64>) -> Self {
        self.not_ids.extend(v);
        self
    }
    /// Include disabled customers.
    pub fn include_disabled(mut self, v: bool) -> Self {
        self.include_disabled = Some(v);
        self
    }
    /// Sort order.
    pub fn sort(mut self, v: impl Into<String>) -> Self {
        self.sort = Some(v.into());
        self
    }
    /// The page to fetch.
    pub fn page(mut self, v: i64) -> Self {
        self.page = Some(v);
        self
    }

    /// The query parameters, in a stable order (`id[]` repeated, Rails style).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        let mut push = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                p.push((k.to_string(), v));
            }
        };
        push("sort", self.sort.clone());
        push("query", self.query.clone());
        push("firstname", self.firstname.clone());
        push("lastname", self.lastname.clone());
        push("business_name", self.business_name.clone());
        push("email", self.email.clone());
        push(
            "include_disabled",
            self.include_disabled.map(|v| v.to_string()),
        );
        push("page", self.page.map(|v| v.to_string()));
        for id in &self.ids {
            p.push(("id[]".to_string(), id.to_string()));
        }
        for id in &self.not_ids {
            p.push(("not_id[]".to_string(), id.to_string()));
        }
        p
    }
}

/// Filters for `GET /tickets/{id}/comments`.
///
/// ```
/// let pairs = psa_syncro::CommentFilter::new().sort("created_at", "ASC").page(3).to_pairs();
/// assert_eq!(pairs[0], ("sort_by".to_string(), "created_at".to_string()));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommentFilter {
    /// `sort_by`: `created_at` or `updated_at`.
    pub sort_by: Option<String>,
    /// `sort_direction`: `ASC` or `DESC`.
    pub sort_direction: Option<String>,
    /// `created_after`.
    pub created_after: Option<OffsetDateTime>,
    /// `created_before`.
    pub created_before: Option<OffsetDateTime>,
    /// `updated_after`.
    pub updated_after: Option<OffsetDateTime>,
    /// `updated_before`.
    pub updated_before: Option<OffsetDateTime>,
    /// `per_page` (Syncro's default is 10).
    pub per_page: Option<u32>,
    /// `comment_format`.
    pub comment_format: Option<String>,
    /// `page` (1-based).
    pub page: Option<i64>,
}

impl CommentFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sort field and direction.
    pub fn sort(mut self, by: impl Into<String>, direction: impl Into<String>) -> Self {
        self.sort_by = Some(by.into());
        self.sort_direction = Some(direction.into());
        self
    }
    /// Only comments created after.
    pub fn created_after(mut self, v: OffsetDateTime) -> Self {
        self.created_after = Some(v);
        self
    }
    /// Only comments updated after.
    pub fn updated_after(mut self, v: OffsetDateTime) -> Self {
        self.updated_after = Some(v);
        self
    }
    /// Comments per page.
    pub fn per_page(mut self, v: u32) -> Self {
        self.per_page = Some(v);
        self
    }
    /// The page to fetch.
    pub fn page(mut self, v: i64) -> Self {
        self.page = Some(v);
        self
    }

    /// The query parameters.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        let mut push = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                p.push((k.to_string(), v));
            }
        };
        push("sort_by", self.sort_by.clone());
        push("sort_direction", self.sort_direction.clone());
        push("created_after", self.created_after.map(rfc3339));
        push("created_before", self.created_before.map(rfc3339));
        push("updated_after", self.updated_after.map(rfc3339));
        push("updated_before", self.updated_before.map(rfc3339));
        push("per_page", self.per_page.map(|v| v.to_string()));
        push("comment_format", self.comment_format.clone());
        push("page", self.page.map(|v| v.to_string()));
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        let t = time::macros::datetime!(2025-01-29 13:31:46 -05:00);
        let pairs = TicketFilter::new().since_updated_at(t).to_pairs();
        assert_eq!(
            pairs,
            vec![(
                "since_updated_at".to_string(),
                "2025-01-29T13:31:46-05:00".to_string()
            )]
        );
    }

    #[test]
    fn empty_filters_send_nothing() {
        assert!(TicketFilter::new().to_pairs().is_empty());
        assert!(CustomerFilter::new().to_pairs().is_empty());
        assert!(CommentFilter::new().to_pairs().is_empty());
    }
}

/// Filters for `GET /leads` (parameters from the spec; arrays sent Rails style, `statuses[]`).
///
/// ```
/// let pairs = psa_syncro::LeadFilter::new().statuses(["Opportunity", "Won"]).users([3]).has_ticket(false).page(2).to_pairs();
/// assert!(pairs.contains(&("statuses[]".to_string(), "Won".to_string())));
/// assert!(pairs.contains(&("users[]".to_string(), "3".to_string())));
/// assert!(pairs.contains(&("has_ticket".to_string(), "false".to_string())));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadFilter {
    /// `query` (free-text search).
    pub query: Option<String>,
    /// `statuses[]`: only these pipeline statuses.
    pub statuses: Vec<String>,
    /// `users[]`: only leads assigned to these user ids.
    pub users: Vec<i64>,
    /// `mailbox_ids[]`.
    pub mailbox_ids: Vec<i64>,
    /// `has_ticket`.
    pub has_ticket: Option<bool>,
    /// `page` (1-based, 25 per page).
    pub page: Option<i64>,
}

impl LeadFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }
    /// Free-text search.
    pub fn query(mut self, v: impl Into<String>) -> Self {
        self.query = Some(v.into());
        self
    }
    /// Only these statuses.
    pub fn statuses<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.statuses.extend(v.into_iter().map(Into::into));
        self
    }
    /// Only leads assigned to these users.
    pub fn users(mut self, v: impl IntoIterator<Item = i64>) -> Self {
        self.users.extend(v);
        self
    }
    /// Only leads from these mailboxes.
    pub fn mailbox_ids(mut self, v: impl IntoIterator<Item = i64>) -> Self {
        self.mailbox_ids.extend(v);
        self
    }
    /// With (or without) a ticket.
    pub fn has_ticket(mut self, v: bool) -> Self {
        self.has_ticket = Some(v);
        self
    }
    /// The page to fetch.
    pub fn page(mut self, v: i64) -> Self {
        self.page = Some(v);
        self
    }

    /// The query parameters, in a stable order.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        if let Some(q) = &self.query {
            p.push(("query".to_string(), q.clone()));
        }
        if let Some(h) = self.has_ticket {
            p.push(("has_ticket".to_string(), h.to_string()));
        }
        if let Some(n) = self.page {
            p.push(("page".to_string(), n.to_string()));
        }
        for s in &self.statuses {
            p.push(("statuses[]".to_string(), s.clone()));
        }
        for u in &self.users {
            p.push(("users[]".to_string(), u.to_string()));
        }
        for m in &self.mailbox_ids {
            p.push(("mailbox_ids[]".to_string(), m.to_string()));
        }
        p
    }
}

/// Filters for `GET /ticket_timers` (`created_at_gt`, `created_at_lt`, `page`; 25 per page).
///
/// ```
/// use time::macros::datetime;
/// let pairs = psa_syncro::TimerFilter::new().created_after(datetime!(2025-01-01 0:00 UTC)).page(2).to_pairs();
/// assert_eq!(pairs[0], ("created_at_gt".to_string(), "2025-01-01T00:00:00Z".to_string()));
/// assert_eq!(pairs[1], ("page".to_string(), "2".to_string()));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimerFilter {
    /// `created_at_gt`: created after.
    pub created_after: Option<OffsetDateTime>,
    /// `created_at_lt`: created before.
    pub created_before: Option<OffsetDateTime>,
    /// `page` (1-based).
    pub page: Option<i64>,
}

impl TimerFilter {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }
    /// Created after this moment.
    pub fn created_after(mut self, v: OffsetDateTime) -> Self {
        self.created_after = Some(v);
        self
    }
    /// Created before this moment.
    pub fn created_before(mut self, v: OffsetDateTime) -> Self {
        self.created_before = Some(v);
        self
    }
    /// The page to fetch.
    pub fn page(mut self, v: i64) -> Self {
        self.page = Some(v);
        self
    }

    /// The query parameters, in a stable order.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        if let Some(t) = self.created_after {
            p.push(("created_at_gt".to_string(), rfc3339(t)));
        }
        if let Some(t) = self.created_before {
            p.push(("created_at_lt".to_string(), rfc3339(t)));
        }
        if let Some(n) = self.page {
            p.push(("page".to_string(), n.to_string()));
        }
        p
    }
}
