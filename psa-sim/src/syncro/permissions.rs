//! The API token's permission profile, with Syncro's own permission names.
//!
//! Names come from the "Required permission" texts of the vendor's OpenAPI document and from the
//! token screen's list in the setup guides (of products that integrate Syncro). The default
//! profile is the recommended least-privilege token of the setup guide.

use std::collections::BTreeSet;

use psa_core::Capability;
use serde_json::{Value, json};

/// `GET /tickets`.
pub(crate) const TICKETS_LIST: &str = "Tickets - List/Search";
/// `GET /tickets/{id}`, `GET /tickets/{id}/comments`.
pub(crate) const TICKETS_VIEW: &str = "Tickets - View Details";
/// The narrower alternative to [`TICKETS_VIEW`]: tickets assigned to the token's user only.
pub(crate) const TICKETS_VIEW_THEIRS: &str =
    "Tickets - View 'Their Ticket' Details (assigned to them)";
/// `POST /tickets`.
pub(crate) const TICKETS_CREATE: &str = "Tickets - Create";
/// `PUT /tickets/{id}`, `POST /tickets/{id}/comment`, `POST /tickets/{id}/attach_file_url`.
pub(crate) const TICKETS_EDIT: &str = "Tickets - Edit";
/// `DELETE /tickets/{id}`.
pub(crate) const TICKETS_DELETE: &str = "Tickets - Delete";
/// On the token screen; the spec gates comments on [`TICKETS_EDIT`] instead.
pub(crate) const COMMENTS_NEW: &str = "Ticket Comments - New";
/// `GET /customers`.
pub(crate) const CUSTOMERS_LIST: &str = "Customers - List/Search";
/// `GET /customers/{id}`, `GET /contacts`, `GET /contacts/{id}`.
pub(crate) const CUSTOMERS_VIEW: &str = "Customers - View Detail";
/// `POST /customers`.
pub(crate) const CUSTOMERS_CREATE: &str = "Customers - Create";
/// `PUT /customers/{id}`, `POST /contacts`.
pub(crate) const CUSTOMERS_EDIT: &str = "Customers - Edit";
/// `DELETE /customers/{id}`.
pub(crate) const CUSTOMERS_DELETE: &str = "Customers - Delete";
/// `GET /leads`, `GET /leads/{id}` (the spec names no right for `POST`/`PUT /leads`).
pub(crate) const LEADS_LIST: &str = "Leads - List/Search";
/// `GET /contracts`.
pub(crate) const CONTRACTS_LIST: &str = "Contracts - List/Search";
/// `GET /contracts/{id}` (the spec gates the detail on it).
pub(crate) const CONTRACTS_EDIT: &str = "Contracts - Edit";
/// `GET /ticket_timers`.
pub(crate) const TIMERS_OVERVIEW: &str = "Ticket Timers - Overview";
/// `GET /invoices`.
pub(crate) const INVOICES_LIST: &str = "Invoices - List/Search";
/// `GET /invoices/{id}`.
pub(crate) const INVOICES_VIEW: &str = "Invoices - View Details";
/// Grants everything.
pub(crate) const GLOBAL_ADMIN: &str = "Global Admin";

/// The body Syncro sends with a 401 when the token lacks a permission ([SPEC] on `/contacts`).
pub(crate) const NOT_AUTHORIZED: &str =
    "Not authorized. Please ask account admin to update your group permissions.";

/// Every permission name the simulator knows. Names outside this list are refused by the
/// builder, so a typo cannot silently leave a right in place.
pub const PERMISSION_NAMES: &[&str] = &[
    TICKETS_LIST,
    TICKETS_VIEW,
    TICKETS_VIEW_THEIRS,
    TICKETS_CREATE,
    TICKETS_EDIT,
    TICKETS_DELETE,
    "Tickets - Merge",
    COMMENTS_NEW,
    "Ticket Comments - Delete",
    TIMERS_OVERVIEW,
    "Ticket Timers - Edit",
    "Ticket Canned Responses - Manage",
    "Ticket Workflows - Manage",
    "Ticket Worksheets - Add",
    "Ticket Worksheets - Manage",
    "Ticket Worksheets - Delete",
    CUSTOMERS_LIST,
    CUSTOMERS_VIEW,
    CUSTOMERS_CREATE,
    CUSTOMERS_EDIT,
    CUSTOMERS_DELETE,
    "Contacts - Import",
    "Assets - List/Search",
    "Assets - View Details",
    "Assets - Create",
    "Assets - Edit",
    "Appointments - View All",
    CONTRACTS_LIST,
    CONTRACTS_EDIT,
    "Contracts - Delete",
    "Documentation - Allow Usage",
    "Documentation - Create",
    "Documentation - Edit",
    "Documentation - Delete",
    "Estimates - List/Search",
    "Estimates - View Details",
    "Estimates - Create",
    "Estimates - Edit",
    "Estimates - Delete",
    INVOICES_LIST,
    INVOICES_VIEW,
    "Invoices - Create",
    "Invoices - Edit",
    LEADS_LIST,
    "Parts Orders - List/Search",
    "Payments - View List",
    "Payments - Create",
    "Products - List/Search",
    "Products - Create",
    "Products - Edit",
    "Products - Edit Quantities",
    "Purchase Orders - List/Search",
    "Purchase Orders - View Details",
    "Purchase Orders - Edit",
    "RMM Alerts - List",
    "RMM Alerts - Create",
    "RMM Alerts - Clear/Manage",
    "RMM Alerts - Delete",
    "Recurring Invoices - List",
    "Recurring Invoices - New",
    "Recurring Invoices - Edit",
    "Recurring Invoices - Delete",
    "Timelogs - Manage",
    "Vendors - List",
    "Vendors - View Details",
    "Vendors - New",
    "Vendors - Edit",
    GLOBAL_ADMIN,
];

/// The token the setup guide recommends ("Permissions to Enable").
pub const RECOMMENDED_PERMISSIONS: &[&str] = &[
    TICKETS_LIST,
    TICKETS_VIEW,
    TICKETS_CREATE,
    TICKETS_EDIT,
    COMMENTS_NEW,
    CUSTOMERS_LIST,
    CUSTOMERS_VIEW,
];

/// The canonical spelling of a permission name (matched case-insensitively), if known.
pub(crate) fn canonical(name: &str) -> Option<&'static str> {
    let wanted = name.trim();
    PERMISSION_NAMES
        .iter()
        .copied()
        .find(|known| known.eq_ignore_ascii_case(wanted))
}

/// The Syncro permission a vendor-neutral capability stands for, as the sim contract maps it.
/// `None` for capabilities Syncro has no token permission for (the sim then changes nothing).
pub(crate) fn for_capability(cap: Capability) -> Option<&'static str> {
    match cap {
        Capability::ReadTickets => Some(TICKETS_LIST),
        Capability::CreateTickets => Some(TICKETS_CREATE),
        Capability::UpdateTickets | Capability::CloseTickets => Some(TICKETS_EDIT),
        // The spec gates POST /tickets/{id}/comment and attach_file_url on "Tickets - Edit";
        // Syncro attaches by URL only, so both attachment capabilities need it.
        Capability::AddNotes | Capability::Attachments | Capability::AttachmentUrls => {
            Some(TICKETS_EDIT)
        }
        Capability::ReadNotes => Some(TICKETS_VIEW),
        Capability::ReadCompanies => Some(CUSTOMERS_LIST),
        Capability::ReadContacts => Some(CUSTOMERS_VIEW),
        Capability::ReadContracts => Some(CONTRACTS_LIST),
        Capability::ReadTimeEntries => Some(TIMERS_OVERVIEW),
        _ => None,
    }
}

/// The further Syncro permissions a denied capability removes (besides [`for_capability`]):
/// `read-contracts` stands for billing reads, so invoices go with contracts.
pub(crate) fn also_for_capability(cap: Capability) -> &'static [&'static str] {
    match cap {
        Capability::ReadContracts => &[INVOICES_LIST],
        _ => &[],
    }
}

/// The set of permissions the token holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    granted: BTreeSet<&'static str>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            granted: RECOMMENDED_PERMISSIONS.iter().copied().collect(),
        }
    }
}

impl Profile {
    /// A profile holding exactly these (canonical) names.
    pub(crate) fn of(names: impl IntoIterator<Item = &'static str>) -> Self {
        Profile {
            granted: names.into_iter().collect(),
        }
    }

    pub(crate) fn grant(&mut self, name: &'static str) {
        self.granted.insert(name);
    }

    pub(crate) fn revoke(&mut self, name: &'static str) {
        self.granted.remove(name);
    }

    /// Whether the token holds `name` (Global Admin holds everything).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.granted.contains(name) || self.granted.contains(GLOBAL_ADMIN)
    }

    pub(crate) fn names(&self) -> Vec<String> {
        self.granted.iter().map(|s| s.to_string()).collect()
    }

    /// The coarse `permissions` object of `GET /me`, derived from the fine-grained names.
    ///
    /// UNVERIFIED (facts §3): whether the live `/me` reflects the token's custom set or the
    /// user's security group. The sim reflects the token, which is what a preflight wants to see.
    pub(crate) fn me_json(&self) -> Value {
        let any = |names: &[&str]| names.iter().any(|n| self.has(n));
        json!({
            "asset": {
                "read": any(&["Assets - List/Search", "Assets - View Details"]),
                "write": any(&["Assets - Create", "Assets - Edit"]),
                "delete": self.has(GLOBAL_ADMIN),
            },
            "customer": {
                "read": any(&[CUSTOMERS_LIST, CUSTOMERS_VIEW]),
                "write": any(&[CUSTOMERS_CREATE, CUSTOMERS_EDIT]),
                "delete": self.has(CUSTOMERS_DELETE),
            },
            "ticket": {
                "read": any(&[TICKETS_LIST, TICKETS_VIEW, TICKETS_VIEW_THEIRS]),
                "write": any(&[TICKETS_CREATE, TICKETS_EDIT]),
                "delete": self.has(TICKETS_DELETE),
            },
            "invoice": {
                "read": any(&["Invoices - List/Search", "Invoices - View Details"]),
                "write": any(&["Invoices - Create", "Invoices - Edit"]),
                "delete": self.has(GLOBAL_ADMIN),
            },
            "payment": {
                "read": self.has("Payments - View List"),
                "write": self.has("Payments - Create"),
                "delete": self.has(GLOBAL_ADMIN),
            },
            "worksheet": {
                "add": self.has("Ticket Worksheets - Add"),
                "manage": self.has("Ticket Worksheets - Manage"),
                "delete": self.has("Ticket Worksheets - Delete"),
            },
            "script": { "execute": self.has(GLOBAL_ADMIN) },
        })
    }
}

/// The error for a permission name the token screen does not have.
pub(crate) fn unknown_permission(name: &str) -> std::io::Error {
    crate::common::invalid_input(format!(
        "unknown Syncro permission {name:?}: use a name from the token screen, e.g. \"Tickets - Create\" \
         (psa_sim::syncro::PERMISSION_NAMES lists every name the simulator knows)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommended_profile_is_the_setup_guide_list() {
        let p = Profile::default();
        for name in RECOMMENDED_PERMISSIONS {
            assert!(p.has(name), "{name}");
        }
        assert!(!p.has(TICKETS_DELETE));
        assert!(!p.has(CUSTOMERS_CREATE));
    }

    #[test]
    fn names_match_case_insensitively_and_unknown_names_are_refused() {
        assert_eq!(canonical("tickets - create"), Some(TICKETS_CREATE));
        assert_eq!(
            canonical("  Customers - View Detail "),
            Some(CUSTOMERS_VIEW)
        );
        assert_eq!(canonical("Tickets - Destroy"), None);
    }

    #[test]
    fn global_admin_holds_everything() {
        let p = Profile::of([GLOBAL_ADMIN]);
        assert!(p.has(TICKETS_DELETE));
        assert_eq!(p.me_json()["script"]["execute"], true);
    }

    #[test]
    fn me_permissions_follow_the_fine_grained_names() {
        let mut p = Profile::default();
        assert_eq!(p.me_json()["ticket"]["write"], true);
        p.revoke(TICKETS_CREATE);
        p.revoke(TICKETS_EDIT);
        let me = p.me_json();
        assert_eq!(me["ticket"]["write"], false);
        assert_eq!(me["ticket"]["read"], true);
        assert_eq!(me["customer"]["write"], false);
    }

    #[test]
    fn capabilities_map_as_the_sim_contract_says() {
        assert_eq!(for_capability(Capability::AddNotes), Some(TICKETS_EDIT));
        assert_eq!(
            for_capability(Capability::AttachmentUrls),
            Some(TICKETS_EDIT)
        );
        assert_eq!(for_capability(Capability::ReadNotes), Some(TICKETS_VIEW));
        assert_eq!(
            for_capability(Capability::ReadContacts),
            Some(CUSTOMERS_VIEW)
        );
        assert_eq!(for_capability(Capability::Impersonation), None);
        assert_eq!(
            also_for_capability(Capability::ReadContracts),
            [INVOICES_LIST]
        );
        assert!(also_for_capability(Capability::ReadTickets).is_empty());
        for cap in [
            Capability::ReadProjects,
            Capability::UpdateProjects,
            Capability::Scheduling,
        ] {
            assert_eq!(for_capability(cap), None, "Syncro has no {cap}");
        }
    }
}
