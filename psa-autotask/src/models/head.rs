//! The few fields of a ticket, note, company or contact that the core mapping reads, decoded
//! straight from the row's JSON text.
//!
//! A query page is read once: each row is kept as its text (the core model's `vendor_record`)
//! and only these fields are decoded from it. The full models ([`Ticket`](super::Ticket), …)
//! first build the whole record as a JSON map (their `extra` keeps every field they do not
//! type); a head skips every field it does not name without building anything. Each field is
//! read under the same policy as in the full model ([`super::wire`]): key fields strict (the
//! same message, so a bad `status` fails a row alike through both), any other field with an
//! unexpected shape read as absent.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use time::OffsetDateTime;

use super::wire::{KEY_FIELDS, WireValue};

/// A field's value under the model's policy: strict for [`KEY_FIELDS`], otherwise lenient.
fn read<T: WireValue, E: serde::de::Error>(
    model: &str,
    key: &str,
    v: Value,
) -> Result<Option<T>, E> {
    if KEY_FIELDS.contains(&key) {
        T::from_wire(v).map_err(|e| E::custom(format!("{model}: {key}: {e}")))
    } else {
        Ok(T::from_wire(v).ok().flatten())
    }
}

/// Reads a member name and answers which of `names` it is, without allocating.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|n| *n == v))
    }
}

macro_rules! wire_head {
    (
        $(#[$sm:meta])*
        struct $name:ident as $model:literal {
            $( $field:ident : $ty:ty => $wire:literal, )*
        }
    ) => {
        $(#[$sm])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub(crate) struct $name {
            $( pub(crate) $field: Option<$ty>, )*
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($wire),*];
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{}: a record object", $model)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some(key) = map.next_key_seed(Key(NAMES))? {
                            match key {
                                $( Some($wire) => {
                                    let v: Value = map.next_value()?;
                                    out.$field = read::<$ty, A::Error>($model, $wire, v)?;
                                } )*
                                _ => {
                                    map.next_value::<IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                d.deserialize_map(V)
            }
        }
    };
}

wire_head! {
    /// What the core ticket is mapped from.
    struct TicketHead as "Ticket" {
        id: i64 => "id",
        title: String => "title",
        ticket_number: String => "ticketNumber",
        description: String => "description",
        status: i64 => "status",
        priority: i64 => "priority",
        queue_id: i64 => "queueID",
        company_id: i64 => "companyID",
        contact_id: i64 => "contactID",
        assigned_resource_id: i64 => "assignedResourceID",
        external_id: String => "externalID",
        create_date: OffsetDateTime => "createDate",
        last_activity_date: OffsetDateTime => "lastActivityDate",
        last_tracked_modification_date_time: OffsetDateTime => "lastTrackedModificationDateTime",
        completed_date: OffsetDateTime => "completedDate",
    }
}

wire_head! {
    /// What the core note is mapped from.
    struct NoteHead as "TicketNote" {
        id: i64 => "id",
        ticket_id: i64 => "ticketID",
        title: String => "title",
        description: String => "description",
        publish: i64 => "publish",
        create_date_time: OffsetDateTime => "createDateTime",
        last_activity_date: OffsetDateTime => "lastActivityDate",
    }
}

wire_head! {
    /// What the core company is mapped from.
    struct CompanyHead as "Company" {
        id: i64 => "id",
        company_name: String => "companyName",
        company_number: String => "companyNumber",
        phone: String => "phone",
        is_active: bool => "isActive",
        last_tracked_modified_date_time: OffsetDateTime => "lastTrackedModifiedDateTime",
        last_activity_date: OffsetDateTime => "lastActivityDate",
    }
}

wire_head! {
    /// What the core contact is mapped from.
    struct ContactHead as "Contact" {
        id: i64 => "id",
        company_id: i64 => "companyID",
        first_name: String => "firstName",
        last_name: String => "lastName",
        email_address: String => "emailAddress",
        phone: String => "phone",
        mobile_phone: String => "mobilePhone",
        is_active: i64 => "isActive",
        last_modified_date: OffsetDateTime => "lastModifiedDate",
        last_activity_date: OffsetDateTime => "lastActivityDate",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    fn both<H: for<'de> Deserialize<'de>, M: for<'de> Deserialize<'de>>(
        v: &Value,
    ) -> (Result<H, String>, Result<M, String>) {
        let text = v.to_string();
        (
            serde_json::from_str::<H>(&text).map_err(|e| e.to_string()),
            serde_json::from_str::<M>(&text).map_err(|e| e.to_string()),
        )
    }

    #[test]
    fn a_ticket_head_reads_a_row_like_the_full_model() {
        let row = json!({
            "id": "12", "title": "Printer", "ticketNumber": 1001, "description": null,
            "status": "5", "priority": 2.0, "queueID": "", "companyID": 3, "contactID": {"odd": 1},
            "assignedResourceID": 9, "externalID": "k-1", "createDate": "2024-01-31T15:04:05.307",
            "lastActivityDate": "2024-02-01T10:00:00Z", "completedDate": "not a date",
            "userDefinedFields": {}, "title\u{0}x": 1, "esc\"aped": [1, {"a": 2}]
        });
        let (head, full) = both::<TicketHead, super::super::Ticket>(&row);
        let (head, full) = (head.unwrap(), full.unwrap());
        assert_eq!(head.id, full.id);
        assert_eq!(head.title, full.title);
        assert_eq!(head.ticket_number.as_deref(), Some("1001"));
        assert_eq!(head.ticket_number, full.ticket_number);
        assert_eq!(head.status, Some(5));
        assert_eq!(head.priority, full.priority);
        assert_eq!(head.queue_id, None);
        assert_eq!(
            head.contact_id, None,
            "an odd optional field is read as absent"
        );
        assert_eq!(head.contact_id, full.contact_id);
        assert_eq!(head.create_date, full.create_date);
        assert_eq!(head.last_activity_date, full.last_activity_date);
        assert_eq!(head.completed_date, None);
        assert_eq!(head.external_id, full.external_id);
    }

    #[test]
    fn a_bad_key_field_fails_the_head_with_the_full_models_message() {
        for row in [
            json!({"id": {"x": 1}}),
            json!({"id": 1, "status": "open"}),
            json!({"id": 1, "createDate": "soon"}),
            json!({"id": 1, "title": [1]}),
            json!({"id": 1, "companyID": true, "lastActivityDate": 5}),
        ] {
            let (head, full) = both::<TicketHead, super::super::Ticket>(&row);
            let (head, full) = (head.unwrap_err(), full.unwrap_err());
            let key = full.split(": ").nth(1).unwrap();
            assert!(
                head.starts_with(&format!("Ticket: {key}: ")),
                "{head} / {full}"
            );
        }
        let e = serde_json::from_str::<TicketHead>("[1]").unwrap_err();
        assert!(e.to_string().contains("Ticket: a record object"), "{e}");
    }

    #[test]
    fn note_company_and_contact_heads_read_their_rows() {
        let (n, full) = both::<NoteHead, super::super::TicketNote>(&json!({
            "id": 4, "ticketID": "7", "title": "t", "description": "body", "publish": 1,
            "createDateTime": "2024-01-31T15:04:05", "noteType": 1
        }));
        let (n, full) = (n.unwrap(), full.unwrap());
        assert_eq!(
            (n.id, n.ticket_id, n.publish),
            (full.id, full.ticket_id, full.publish)
        );
        assert_eq!(n.create_date_time, full.create_date_time);
        let (c, full) = both::<CompanyHead, super::super::Company>(&json!({
            "id": 2, "companyName": "Contoso", "isActive": "true", "phone": 5550100
        }));
        let (c, full) = (c.unwrap(), full.unwrap());
        assert_eq!((c.is_active, c.phone.clone()), (full.is_active, full.phone));
        assert_eq!(c.company_name.as_deref(), Some("Contoso"));
        let (p, full) = both::<ContactHead, super::super::Contact>(&json!({
            "id": 3, "companyID": 2, "firstName": "Ana", "isActive": 0, "mobilePhone": "1"
        }));
        let (p, full) = (p.unwrap(), full.unwrap());
        assert_eq!(
            (p.is_active, p.first_name.clone()),
            (full.is_active, full.first_name)
        );
        assert_eq!(p.mobile_phone, full.mobile_phone);
    }
}
