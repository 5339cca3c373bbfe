//! The token permissions Syncro checks, by the exact names of the token screen and the spec.

/// The screen where a token's permissions are set (from the setup guide).
pub const TOKEN_SCREEN: &str = "Syncro: click your username (top right) > Profile/Password > API Tokens > the token > Custom Permissions";

/// Where a new token is made, when an existing token's boxes cannot be changed.
pub const NEW_TOKEN_SCREEN: &str = "Syncro: click your username (top right) > Profile/Password > API Tokens > + New Token > Custom Permissions";

/// A permission box on the token screen, and what it gates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Right {
    /// The exact box label.
    pub(crate) name: &'static str,
    /// A second box the same call may need (comments: `Ticket Comments - New`).
    pub(crate) also: Option<&'static str>,
    /// The area, for errors.
    pub(crate) entity: &'static str,
    /// The action, for errors.
    pub(crate) action: &'static str,
}

const fn right(name: &'static str, entity: &'static str, action: &'static str) -> Right {
    Right {
        name,
        also: None,
        entity,
        action,
    }
}

pub(crate) const TICKETS_LIST: Right = right("Tickets - List/Search", "tickets", "list");
pub(crate) const TICKETS_VIEW: Right = right("Tickets - View Details", "tickets", "view");
pub(crate) const TICKETS_CREATE: Right = right("Tickets - Create", "tickets", "create");
pub(crate) const TICKETS_EDIT: Right = right("Tickets - Edit", "tickets", "edit");
pub(crate) const TICKETS_DELETE: Right = right("Tickets - Delete", "tickets", "delete");
pub(crate) const COMMENTS_NEW: Right = Right {
    name: "Tickets - Edit",
    also: Some("Ticket Comments - New"),
    entity: "ticket comments",
    action: "create",
};
pub(crate) const CUSTOMERS_LIST: Right = right("Customers - List/Search", "customers", "list");
pub(crate) const CUSTOMERS_VIEW: Right = right("Customers - View Detail", "customers", "view");
/// `GET /contracts`.
pub(crate) const CONTRACTS_LIST: Right = right("Contracts - List/Search", "contracts", "list");
/// `GET /contracts/{id}` (the spec gates the detail on the edit right).
pub(crate) const CONTRACTS_EDIT: Right = right("Contracts - Edit", "contracts", "view");
/// `POST /contracts`, `PUT /contracts/{id}`.
pub(crate) const CONTRACTS_WRITE: Right = right("Contracts - Edit", "contracts", "edit");
/// `GET /ticket_timers`.
pub(crate) const TIMERS_OVERVIEW: Right =
    right("Ticket Timers - Overview", "ticket timers", "list");
/// `POST /tickets/{id}/timer_entry`, `update_timer_entry`, `delete_timer_entry`.
pub(crate) const TIMERS_WRITE: Right = right("Ticket Timers - Overview", "ticket timers", "edit");
/// `GET /invoices`.
pub(crate) const INVOICES_LIST: Right = right("Invoices - List/Search", "invoices", "list");
/// `GET /invoices/{id}`.
pub(crate) const INVOICES_VIEW: Right = right("Invoices - View Details", "invoices", "view");
/// `GET /leads` and `GET /leads/{id}` (the spec names no right for `POST`/`PUT /leads`).
pub(crate) const LEADS_LIST: Right = right("Leads - List/Search", "leads", "list");

/// The rights the setup guide (`seeds/002_*`) asks for, with why, in its order.
pub const RECOMMENDED_RIGHTS: &[(&str, &str)] = &[
    ("Tickets - List/Search", "Find and list tickets"),
    (
        "Tickets - View Details",
        "Retrieve ticket details and comments",
    ),
    ("Tickets - Create", "Create new tickets"),
    (
        "Tickets - Edit",
        "Update ticket status and priority; the API also requires it to add comments and attach files",
    ),
    ("Ticket Comments - New", "Add notes/comments"),
    ("Customers - List/Search", "Look up customers/companies"),
    (
        "Customers - View Detail",
        "Retrieve customer/company details and their contacts",
    ),
];

/// The rights beyond the setup guide's list that the vendor-native entities and
/// [`psa_core::BusinessConnector`] need, with why (names from the spec's "Required permission").
pub const BUSINESS_RIGHTS: &[(&str, &str)] = &[
    ("Contracts - List/Search", "List contracts (GET /contracts)"),
    (
        "Contracts - Edit",
        "Read one contract (the spec gates GET /contracts/{id} on it)",
    ),
    (
        "Ticket Timers - Overview",
        "List ticket timers as time entries (GET /ticket_timers)",
    ),
    ("Leads - List/Search", "List and read leads (GET /leads)"),
    ("Invoices - List/Search", "List invoices (GET /invoices)"),
    (
        "Invoices - View Details",
        "Read one invoice (GET /invoices/{id})",
    ),
];
