//! The few ticket fields the core mapping reads, decoded in one pass from a list row's JSON text.
//!
//! A page of tickets is read once and each row is kept as its text (the core ticket's
//! `vendor_record`). The full [`Ticket`] keeps every field it does not type in its `extra` map,
//! which builds the whole record again; the head names only what the mapping needs and skips
//! the rest without building anything. Its fields use the same decoders as [`Ticket`]'s, so
//! both read a key field alike (an `id` or a `created_at` of the wrong shape fails both).

use psa_core::wire::Field;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Comment, Ticket, flex};

/// A comment as the head reads it: enough to find the ticket's first comment.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct CommentHead {
    #[serde(deserialize_with = "flex::i64_lenient::deserialize")]
    pub(crate) id: i64,
    #[serde(default)]
    pub(crate) body: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_timestamp::deserialize")]
    pub(crate) created_at: Option<OffsetDateTime>,
}

/// What `SyncroClient::map_ticket` maps; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct TicketHead {
    #[serde(deserialize_with = "flex::i64_lenient::deserialize")]
    pub(crate) id: i64,
    #[serde(default, deserialize_with = "flex::opt_i64::deserialize")]
    pub(crate) number: Option<i64>,
    #[serde(default)]
    pub(crate) subject: Option<String>,
    #[serde(default)]
    pub(crate) status: Option<String>,
    #[serde(default)]
    pub(crate) priority: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_i64::deserialize")]
    pub(crate) customer_id: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_i64::deserialize")]
    pub(crate) contact_id: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_i64::deserialize")]
    pub(crate) user_id: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_timestamp::deserialize")]
    pub(crate) created_at: Option<OffsetDateTime>,
    #[serde(default, deserialize_with = "flex::opt_timestamp::deserialize")]
    pub(crate) updated_at: Option<OffsetDateTime>,
    #[serde(default, deserialize_with = "flex::opt_timestamp_field::deserialize")]
    pub(crate) resolved_at: Option<Field<OffsetDateTime>>,
    #[serde(default, deserialize_with = "flex::map_or_null::deserialize")]
    pub(crate) properties: Map<String, Value>,
    #[serde(default, deserialize_with = "flex::vec_or_null::deserialize")]
    pub(crate) comments: Vec<CommentHead>,
}

impl From<&Comment> for CommentHead {
    fn from(c: &Comment) -> Self {
        CommentHead {
            id: c.id,
            body: c.body.clone(),
            created_at: c.created_at,
        }
    }
}

impl From<&Ticket> for TicketHead {
    fn from(t: &Ticket) -> Self {
        TicketHead {
            id: t.id,
            number: t.number,
            subject: t.subject.clone(),
            status: t.status.clone(),
            priority: t.priority.clone(),
            customer_id: t.customer_id,
            contact_id: t.contact_id,
            user_id: t.user_id,
            created_at: t.created_at,
            updated_at: t.updated_at,
            resolved_at: t.resolved_at.clone(),
            properties: t.properties.clone(),
            comments: t.comments.iter().map(CommentHead::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_row_like_the_full_model() {
        let row = json!({
            "id": "5000000000", "number": "1042", "subject": "Printer [psa:k1]", "status": "Resolved",
            "priority": "2 Normal", "customer_id": 7, "contact_id": null, "user_id": "9",
            "created_at": "2025-01-29T13:31:46.716-05:00", "updated_at": "",
            "resolved_at": "not yet", "properties": [], "tag_list": null,
            "comments": [
                {"id": 2, "created_at": "2025-01-29T14:00:00-05:00", "body": "later", "hidden": true},
                {"id": "1", "body": "first", "user": {"full_name": "Sam"}}
            ],
            "user": {"id": 9, "full_name": "Sam", "admin?": false}, "surprise": {"a": [1]}
        })
        .to_string();
        let head: TicketHead = serde_json::from_str(&row).unwrap();
        let full: Ticket = serde_json::from_str(&row).unwrap();
        assert_eq!(head, TicketHead::from(&full));
        assert_eq!(head.id, 5_000_000_000);
        assert_eq!(head.comments.len(), 2);
        assert!(head.resolved_at.unwrap().is_raw());
    }

    #[test]
    fn a_bad_key_field_fails_the_head_as_it_fails_the_model() {
        for row in [
            json!({"subject": "no id"}),
            json!({"id": {"a": 1}}),
            json!({"id": 1, "created_at": "soon"}),
            json!({"id": 1, "updated_at": 5}),
            json!({"id": 1, "comments": [{"body": "no id"}]}),
        ] {
            let text = row.to_string();
            assert!(serde_json::from_str::<Ticket>(&text).is_err(), "{row}");
            assert!(serde_json::from_str::<TicketHead>(&text).is_err(), "{row}");
        }
    }
}
