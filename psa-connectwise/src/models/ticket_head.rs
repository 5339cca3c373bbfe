//! The few ticket fields the core mapping reads, decoded in one pass from the row's JSON text.
//!
//! A page of tickets is read once, each row kept as its JSON text (the records'
//! `vendor_record`); reading the full [`ServiceTicket`] from each row would build every
//! reference, `_info` block and custom field only to keep a dozen of them. The fields here use
//! the same lenient decoders as [`ServiceTicket`], so both read a record alike.

use std::fmt;

use psa_core::wire::Field;
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
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
    pub(crate) info: Option<InfoHead>,
}
/// `_info`'s two key dates, read like [`Info`] reads them (strict; `_info` of another shape than
/// an object is empty); its links and other members are skipped without being built.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct InfoHead {
    pub(crate) last_updated: Option<OffsetDateTime>,
    pub(crate) date_entered: Option<OffsetDateTime>,
}

impl From<&Info> for InfoHead {
    fn from(i: &Info) -> Self {
        InfoHead {
            last_updated: i.last_updated,
            date_entered: i.date_entered,
        }
    }
}

/// Which of `_info`'s key dates a member name is, without allocating.
struct InfoKey;

impl<'de> DeserializeSeed<'de> for InfoKey {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for InfoKey {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(["lastUpdated", "dateEntered"].into_iter().find(|k| *k == v))
    }
}

struct InfoVisitor;

impl<'de> Visitor<'de> for InfoVisitor {
    type Value = InfoHead;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the _info object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InfoHead, A::Error> {
        let mut info = InfoHead::default();
        while let Some(key) = map.next_key_seed(InfoKey)? {
            let Some(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let v: Value = map.next_value()?;
            let t = <OffsetDateTime as psa_core::wire::FromWire>::from_wire(&v)
                .map_err(|e| serde::de::Error::custom(format!("_info.{key}: {e}")))?
                .map(psa_core::wire::to_utc);
            if key == "lastUpdated" {
                info.last_updated = t;
            } else {
                info.date_entered = t;
            }
        }
        Ok(info)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<InfoHead, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(InfoHead::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
    fn visit_unit<E>(self) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
    fn visit_none<E>(self) -> Result<InfoHead, E> {
        Ok(InfoHead::default())
    }
}

impl<'de> Deserialize<'de> for InfoHead {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(InfoVisitor)
    }
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
            info: t.info.as_ref().map(InfoHead::from),
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
    fn info_is_read_like_the_full_model_reads_it() {
        for info in [
            serde_json::json!({"lastUpdated": "2024-02-01T08:00:00Z", "dateEntered": null,
                               "updatedBy": "me   ", "x_href": "h", "n": {"a": 1}}),
            serde_json::json!([1, {"a": 2}]),
            serde_json::json!("text"),
            serde_json::json!(7),
            serde_json::json!({}),
        ] {
            let v = serde_json::json!({"id": 1, "_info": info});
            let text = v.to_string();
            let head: TicketHead = serde_json::from_str(&text).unwrap();
            let full: ServiceTicket = serde_json::from_str(&text).unwrap();
            assert_eq!(head, TicketHead::from(&full), "{info}");
        }
        let none: TicketHead = serde_json::from_str(r#"{"id": 1, "_info": null}"#).unwrap();
        assert_eq!(none.info, None);
    }

    #[test]
    fn a_bad_key_date_fails_as_in_the_full_model() {
        let v = serde_json::json!({"id": 5, "_info": {"lastUpdated": "soon"}});
        assert!(ServiceTicket::deserialize(&v).is_err());
        let e = TicketHead::deserialize(&v).unwrap_err().to_string();
        assert!(e.contains("_info.lastUpdated"), "{e}");
    }
}
