//! The tenant's picklists, as `entityInformation/fields` sends them (`picklistValues` with the
//! value as a **string**, Autotask's documentation and observed traffic).
//!
//! Picklists are per tenant in Autotask. The sim uses the stock values where they are known
//! (ticket status 1 New, 5 Complete, 7 Waiting Customer, 8 In Progress; priority 1 High,
//! 2 Medium, 3 Low, 4 Critical; note publish 1/2/4) and plausible tenant values elsewhere
//! (queues, sources, issue types), with ids shaped like real ones.

/// One picklist entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pick {
    pub(crate) value: i64,
    pub(crate) label: &'static str,
    pub(crate) default: bool,
    pub(crate) active: bool,
    pub(crate) system: bool,
    /// For dependent picklists (`subIssueType` under `issueType`).
    pub(crate) parent: Option<i64>,
}

pub(crate) const fn p(value: i64, label: &'static str) -> Pick {
    Pick {
        value,
        label,
        default: false,
        active: true,
        system: false,
        parent: None,
    }
}

const fn sys(value: i64, label: &'static str) -> Pick {
    Pick {
        value,
        label,
        default: false,
        active: true,
        system: true,
        parent: None,
    }
}

const fn dflt(mut pick: Pick) -> Pick {
    pick.default = true;
    pick
}

const fn inactive(mut pick: Pick) -> Pick {
    pick.active = false;
    pick
}

const fn under(parent: i64, value: i64, label: &'static str) -> Pick {
    Pick {
        value,
        label,
        default: false,
        active: true,
        system: false,
        parent: Some(parent),
    }
}

/// Ticket status (stock system values plus common tenant additions).
pub(crate) const STATUS: &[Pick] = &[
    dflt(sys(1, "New")),
    sys(5, "Complete"),
    sys(7, "Waiting Customer"),
    sys(8, "In Progress"),
    p(9, "Waiting Materials"),
    p(10, "Scheduled"),
    p(11, "Escalate"),
    p(12, "Waiting Vendor"),
    inactive(p(13, "Waiting Approval")),
];

/// The status Autotask treats as complete.
pub(crate) const STATUS_COMPLETE: i64 = 5;

/// Ticket priority.
pub(crate) const PRIORITY: &[Pick] = &[
    sys(1, "High"),
    dflt(sys(2, "Medium")),
    sys(3, "Low"),
    sys(4, "Critical"),
];

/// Ticket queues (ids shaped like a tenant's; 29683482 appears in a public create example).
pub(crate) const QUEUE: &[Pick] = &[
    sys(5, "Client Portal"),
    p(6, "Post Sale"),
    p(8, "Monitoring Alert"),
    dflt(p(29683481, "Level I Support")),
    p(29683482, "Level II Support"),
    p(29683483, "Recurring Tickets"),
];

/// Ticket source.
pub(crate) const SOURCE: &[Pick] = &[
    sys(-2, "Insourced"),
    sys(-1, "Client Portal"),
    dflt(p(2, "Phone")),
    p(4, "Email"),
    p(6, "Monitoring Alert"),
    p(8, "Web Portal"),
];

/// Ticket issue type.
pub(crate) const ISSUE_TYPE: &[Pick] = &[
    p(2, "Hardware"),
    p(3, "Software"),
    p(4, "Network"),
    p(5, "Account Access"),
];

/// Ticket sub-issue type (dependent on `issueType` via `picklistParentValueField`).
pub(crate) const SUB_ISSUE_TYPE: &[Pick] = &[
    under(2, 6, "Printer"),
    under(2, 7, "Laptop"),
    under(3, 8, "Office 365"),
    under(3, 9, "Line of Business App"),
    under(4, 10, "VPN"),
    under(4, 11, "Wi-Fi"),
    under(5, 12, "Password Reset"),
    under(5, 13, "New User"),
];

/// Ticket type.
pub(crate) const TICKET_TYPE: &[Pick] = &[
    dflt(sys(1, "Service Request")),
    sys(2, "Incident"),
    sys(3, "Problem"),
    sys(4, "Change Request"),
    sys(5, "Alert"),
];

/// Ticket category.
pub(crate) const TICKET_CATEGORY: &[Pick] = &[dflt(p(3, "Standard")), p(4, "AEM Alert")];

/// Ticket creator type.
pub(crate) const CREATOR_TYPE: &[Pick] = &[sys(1, "Resource"), sys(2, "Contact")];

/// Note type (values seen on a live tenant, Autotask's documentation and observed traffic).
pub(crate) const NOTE_TYPE: &[Pick] = &[
    dflt(sys(1, "Task Summary")),
    sys(2, "Task Detail"),
    sys(3, "Task Notes"),
    sys(13, "Workflow Rule Note - Task"),
    sys(18, "Client Portal Note"),
    sys(101, "Email"),
];

/// Note and attachment publish.
pub(crate) const PUBLISH: &[Pick] = &[
    dflt(sys(1, "All Autotask Users")),
    sys(2, "Internal Users Only"),
    sys(4, "Internal & Co-managed Users"),
];

/// Company type.
pub(crate) const COMPANY_TYPE: &[Pick] = &[
    dflt(sys(1, "Customer")),
    sys(2, "Lead"),
    sys(3, "Prospect"),
    sys(4, "Dead"),
    sys(6, "Cancellation"),
    sys(7, "Vendor"),
    sys(8, "Partner"),
];

/// Resource license type (the API-only license is what makes a resource an API user).
pub(crate) const LICENSE_TYPE: &[Pick] = &[
    sys(1, "Administrator"),
    sys(2, "Professional"),
    sys(3, "Team Member"),
    sys(7, "API User"),
];

/// The license type of API-only users (they cannot be impersonated).
pub(crate) const LICENSE_API: i64 = 7;

/// Ticket fields a webhook can subscribe to, with the `fieldID` values of
/// `TicketWebhookFields/entityInformation/fields` (internal ids; the sim numbers them itself).
pub(crate) const WEBHOOK_FIELD_IDS: &[(i64, &str)] = &[
    (2, "title"),
    (3, "description"),
    (4, "status"),
    (5, "priority"),
    (6, "queueID"),
    (7, "companyID"),
    (8, "contactID"),
    (9, "assignedResourceID"),
    (10, "dueDateTime"),
    (11, "issueType"),
    (12, "subIssueType"),
    (13, "source"),
    (14, "ticketType"),
    (15, "ticketNumber"),
    (16, "externalID"),
    (17, "resolution"),
    (18, "completedDate"),
    (19, "lastActivityDate"),
];

/// The label of a picklist value.
#[cfg(test)]
pub(crate) fn label(list: &[Pick], value: i64) -> Option<&'static str> {
    list.iter().find(|p| p.value == value).map(|p| p.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_status_labels() {
        assert_eq!(label(STATUS, 1), Some("New"));
        assert_eq!(label(STATUS, STATUS_COMPLETE), Some("Complete"));
        assert_eq!(label(STATUS, 7), Some("Waiting Customer"));
        assert_eq!(label(STATUS, 8), Some("In Progress"));
    }
}
