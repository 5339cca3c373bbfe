//! The few ticket fields the core mapping reads, decoded in one pass from the row's JSON text.
//!
//! A page of tickets is read once, each row kept as its JSON text (the records'
//! `vendor_record`); reading the full [`ServiceTicket`] from each row would build every
//! reference, `_info` block and custom field only to keep a dozen of them. The fields here use
//! the same lenient decoders as [`ServiceTicket`], so both read a record alike.

use psa_core::wire::Field;
use serde::Deserialize;
use time::OffsetDateTime;

use super::common::Info;
use super::de;
use super::{Reference, ServiceTicket};

/// `{id, name}` of a reference (board, status, priority).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct NamedRef {
    #[serde(default, deserialize_with = "de::opt_i64")]
    pub(crate) id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pub(crate) name: Option<String>,
}

/// `{id}` of a reference (company, contact, owner).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct IdRef {
    #[serde(default, deserialize_with = "de::opt_i64")]
    pub(crate) id: Option<i64>,
}

/// What `ConnectWiseClient::core_ticket` maps; see the module docs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct TicketHead {
    #[serde(deserialize_with = "de::id")]
    pub(crate) id: i64,
    #[serde(default, deserialize_with = "de::string")]
    pub(crate) summary: String,
    #[serde(default)]
    pub(crate) board: Option<NamedRef>,
    #[serde(default)]
    pub(crate) status: Option<NamedRef>,
    #[serde(default)]
    pub(crate) priority: Option<NamedRef>,
    #[serde(default)]
    pub(crate) company: Option<IdRef>,
    #[serde(default)]
    pub(crate) contact: Option<IdRef>,
    #[serde(default)]
    pub(crate) owner: Option<IdRef>,
    #[serde(rename = "externalXRef", default, deserialize_with = "de::opt_string")]
    pub(crate) external_xref: Option<String>,
    #[serde(rename = "closedDate", default, deserialize_with = "de::opt_datetime")]
    pub(crate) closed_date: Option<Field<OffsetDateTime>>,
    #[serde(rename = "closedFlag", default, deserialize_with = "de::opt_bool")]
    pub(crate) closed_flag: Option<bool>,
    #[serde(rename = "_info", default)]
    pub(crate) info: Option<Info>,
}

fn named(r: &Option<Reference>) -> Option<NamedRef> {
    r.as_ref().map(|r| NamedRef {
        id: r.id,
        name: r.name.clone(),
    })
}

fn id_only(r: &Option<Reference>) -> Option<IdRef> {
    r.as_ref().map(|r| IdRef { id: r.id })
}

impl From<&ServiceTicket> for TicketHead {
    fn from(t: &ServiceTicket) -> Self {
        TicketHead {
            id: t.id,
            summary: t.summary.clone(),
            board: named(&t.board),
            status: named(&t.status),
            priority: named(&t.priority),
            company: id_only(&t.company),
            contact: id_only(&t.contact),
            owner: id_only(&t.owner),
            external_xref: t.external_xref.clone(),
            closed_date: t.closed_date.clone(),
            closed_flag: t.closed_flag,
            info: t.info.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_record_like_the_full_model_does() {
        let v = serde_json::json!({
            "id": "5", "summary": "Printer offline   ", "recordType": "ServiceTicket",
            "board": {"id": 1, "name": "Help Desk", "_info": {"board_href": "x"}},
            "status": {"id": "16", "name": "New", "Sort": 0},
            "priority": {"id": 3, "name": "Priority 3 - Normal"},
            "company": {"id": 2, "identifier": "Contoso", "name": "Contoso Ltd"},
            "contact": {"id": 7}, "owner": null,
            "externalXRef": "chat-1", "closedFlag": "true",
            "closedDate": "2024-02-02T09:00:00Z",
            "customFields": [{"id": 1, "caption": "x", "value": 2}],
            "_info": {"lastUpdated": "2024-02-01T08:00:00Z", "dateEntered": "2024-01-01T08:00:00Z"}
        });
        let head = TicketHead::deserialize(&v).unwrap();
        let full = ServiceTicket::deserialize(&v).unwrap();
        assert_eq!(head, TicketHead::from(&full));
        assert_eq!(head.id, 5);
        assert_eq!(head.summary, "Printer offline");
        assert_eq!(head.closed_flag, Some(true));
    }

    #[test]
    fn a_bad_key_date_fails_as_in_the_full_model() {
        let v = serde_json::json!({"id": 5, "_info": {"lastUpdated": "soon"}});
        assert!(ServiceTicket::deserialize(&v).is_err());
        let e = TicketHead::deserialize(&v).unwrap_err().to_string();
        assert!(e.contains("_info.lastUpdated"), "{e}");
    }
}
