//! The record types of one simulated ConnectWise tenant: compact structs, one per entity, that
//! the store indexes and the entity modules (`billing`, `work`) build on without importing the
//! store.

use serde_json::{Map, Value};

/// A company (`/company/companies`).
#[derive(Debug, Clone)]
pub(crate) struct CompanyRec {
    pub(crate) id: i64,
    pub(crate) identifier: String,
    pub(crate) name: String,
    pub(crate) city: String,
    pub(crate) state: String,
    pub(crate) phone: String,
    pub(crate) default_contact: Option<i64>,
    pub(crate) entered: i64,
    pub(crate) updated: i64,
}

/// A communication item of a contact (email, phone, …).
#[derive(Debug, Clone)]
pub(crate) struct CommItem {
    pub(crate) id: i64,
    /// `communicationType`: `Email`, `Phone`, `Fax`.
    pub(crate) kind: &'static str,
    /// The type reference: (id, name), e.g. (1, "Email"), (2, "Direct").
    pub(crate) type_ref: (i64, &'static str),
    pub(crate) value: String,
    pub(crate) default_flag: bool,
}

/// A contact (`/company/contacts`).
#[derive(Debug, Clone)]
pub(crate) struct ContactRec {
    pub(crate) id: i64,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) company: i64,
    pub(crate) title: String,
    pub(crate) inactive: bool,
    pub(crate) items: Vec<CommItem>,
    pub(crate) updated: i64,
}

impl ContactRec {
    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub(crate) fn default_email(&self) -> Option<&str> {
        let emails = self.items.iter().filter(|i| i.kind == "Email");
        let mut first = None;
        for i in emails {
            if i.default_flag {
                return Some(&i.value);
            }
            first.get_or_insert(i.value.as_str());
        }
        first
    }

    pub(crate) fn default_phone(&self) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.kind == "Phone" && i.default_flag)
            .map(|i| i.value.as_str())
    }
}

/// A member (`/system/members`); the API member is kept apart.
#[derive(Debug, Clone)]
pub(crate) struct MemberRec {
    pub(crate) id: i64,
    pub(crate) identifier: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) email: String,
    pub(crate) title: String,
    pub(crate) inactive: bool,
    pub(crate) api_member: bool,
    pub(crate) updated: i64,
}

impl MemberRec {
    pub(crate) fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A service board.
#[derive(Debug, Clone)]
pub(crate) struct BoardRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) inactive: bool,
}

/// A board status.
#[derive(Debug, Clone)]
pub(crate) struct StatusRec {
    pub(crate) id: i64,
    pub(crate) board: i64,
    pub(crate) name: String,
    pub(crate) sort: i64,
    pub(crate) closed: bool,
    pub(crate) default: bool,
    pub(crate) inactive: bool,
    pub(crate) escalation: &'static str,
}

/// A service priority.
#[derive(Debug, Clone)]
pub(crate) struct PriorityRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) color: String,
    pub(crate) sort: i64,
    pub(crate) default: bool,
    pub(crate) level: String,
}

/// A service source (`/service/sources`).
#[derive(Debug, Clone)]
pub(crate) struct SourceRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) default: bool,
    pub(crate) entered_by: String,
    pub(crate) entered: i64,
}

/// A custom field definition (tickets).
#[derive(Debug, Clone)]
pub(crate) struct CustomFieldDef {
    pub(crate) id: i64,
    pub(crate) caption: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) entry_method: &'static str,
    pub(crate) decimals: i64,
}

/// A service ticket.
#[derive(Debug, Clone)]
pub(crate) struct TicketRec {
    pub(crate) id: i64,
    pub(crate) summary: String,
    pub(crate) record_type: String,
    pub(crate) board: i64,
    pub(crate) status: i64,
    pub(crate) company: i64,
    pub(crate) contact: Option<i64>,
    pub(crate) contact_name: Option<String>,
    pub(crate) contact_email: Option<String>,
    pub(crate) contact_phone: Option<String>,
    pub(crate) priority: i64,
    pub(crate) source: Option<i64>,
    pub(crate) owner: Option<i64>,
    pub(crate) severity: String,
    pub(crate) impact: String,
    pub(crate) external_xref: Option<String>,
    /// (closedDate, closedBy) while the status is a closed one.
    pub(crate) closed: Option<(i64, String)>,
    pub(crate) entered: i64,
    pub(crate) entered_by: String,
    pub(crate) updated: i64,
    pub(crate) updated_by: String,
    /// Seeded records whose audit strings come back right-padded.
    pub(crate) padded_audit: bool,
    /// Custom field values by definition id (absent = no value).
    pub(crate) custom: Vec<(i64, Value)>,
    /// Other ticket members a client wrote, stored and echoed as sent.
    pub(crate) extras: Option<Box<Map<String, Value>>>,
}

/// A ticket note (`/service/tickets/{id}/notes`).
#[derive(Debug, Clone)]
pub(crate) struct NoteRec {
    pub(crate) id: i64,
    pub(crate) ticket: i64,
    pub(crate) text: String,
    pub(crate) detail: bool,
    pub(crate) internal: bool,
    pub(crate) resolution: bool,
    pub(crate) issue: bool,
    pub(crate) member: Option<i64>,
    pub(crate) contact: Option<i64>,
    pub(crate) customer_updated: bool,
    pub(crate) process_notifications: bool,
    pub(crate) created: i64,
    pub(crate) created_by: String,
}

/// An uploaded document (`/system/documents`).
#[derive(Debug, Clone)]
pub(crate) struct DocumentRec {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) file_name: String,
    pub(crate) server_file_name: String,
    pub(crate) owner: String,
    pub(crate) url: Option<String>,
    pub(crate) content_type: String,
    pub(crate) private: bool,
    pub(crate) read_only: bool,
    pub(crate) record_type: String,
    pub(crate) record_id: i64,
    pub(crate) bytes: Vec<u8>,
    pub(crate) created: i64,
    pub(crate) guid: String,
}

/// A callback registration (`/system/callbacks`).
#[derive(Debug, Clone)]
pub(crate) struct CallbackRec {
    pub(crate) id: i64,
    pub(crate) description: Option<String>,
    pub(crate) url: String,
    pub(crate) object_id: i64,
    pub(crate) kind: String,
    pub(crate) level: String,
    pub(crate) member_id: i64,
    pub(crate) payload_version: Option<String>,
    pub(crate) inactive: bool,
    pub(crate) soap: bool,
    pub(crate) self_suppressed: bool,
    pub(crate) connectwise_id: String,
    pub(crate) updated: i64,
}

/// A sales opportunity (`/sales/opportunities`).
#[derive(Debug, Clone)]
pub(crate) struct OpportunityRec {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) company: i64,
    pub(crate) contact: i64,
    pub(crate) sales_rep: i64,
    pub(crate) stage: i64,
    pub(crate) status: i64,
    pub(crate) kind: Option<i64>,
    pub(crate) expected_close: i64,
    pub(crate) notes: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) entered_by: String,
    pub(crate) entered: i64,
    pub(crate) updated: i64,
}
