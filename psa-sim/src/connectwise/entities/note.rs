//! `ServiceNote` (`/service/tickets/{parentId}/notes`), fields as in the spec.

use serde_json::{Map, Value, json};

use super::view::{Cx, Entity, contact_ref, member_ref};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::store::NoteRec;
use crate::connectwise::wire::fmt_time;

/// A note as the list machinery sees it.
pub(crate) struct NoteView<'a>(pub(crate) &'a NoteRec);

impl NoteView<'_> {
    /// Internal = only the internal-analysis flag; external = shown to the customer.
    fn internal_flag(&self) -> bool {
        self.0.internal && !self.0.detail && !self.0.resolution
    }

    fn external_flag(&self) -> bool {
        self.0.detail || self.0.resolution
    }
}

impl Entity for NoteView<'_> {
    const NAME: &'static str = "ServiceNote";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "ticketid" | "member/id" | "contact/id" => Ty::Int,
            "text" | "createdby" | "member/identifier" | "member/name" | "contact/name"
            | "_info/updatedby" => Ty::Str,
            "detaildescriptionflag"
            | "internalanalysisflag"
            | "resolutionflag"
            | "issueflag"
            | "customerupdatedflag"
            | "processnotifications"
            | "internalflag"
            | "externalflag" => Ty::Bool,
            "datecreated" | "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let n = self.0;
        match path {
            "id" => Scalar::int(n.id),
            "ticketid" => Scalar::int(n.ticket),
            "text" => Scalar::str(&n.text),
            "createdby" | "_info/updatedby" => Scalar::str(&n.created_by),
            "member/id" => Scalar::opt_int(n.member),
            "member/identifier" => Scalar::opt_str(
                n.member
                    .and_then(|m| cx.st.member(m))
                    .map(|m| m.identifier.as_str()),
            ),
            "member/name" => n
                .member
                .and_then(|m| cx.st.member(m))
                .map(|m| Scalar::Str(m.name().into()))
                .unwrap_or(Scalar::Null),
            "contact/id" => Scalar::opt_int(n.contact),
            "contact/name" => n
                .contact
                .and_then(|c| cx.st.contacts.get(&c))
                .map(|c| Scalar::Str(c.full_name().into()))
                .unwrap_or(Scalar::Null),
            "detaildescriptionflag" => Scalar::Bool(n.detail),
            "internalanalysisflag" => Scalar::Bool(n.internal),
            "resolutionflag" => Scalar::Bool(n.resolution),
            "issueflag" => Scalar::Bool(n.issue),
            "customerupdatedflag" => Scalar::Bool(n.customer_updated),
            "processnotifications" => Scalar::Bool(n.process_notifications),
            "internalflag" => Scalar::Bool(self.internal_flag()),
            "externalflag" => Scalar::Bool(self.external_flag()),
            "datecreated" | "lastupdated" | "_info/lastupdated" => Scalar::Date(n.created),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let n = self.0;
        let mut m = Map::new();
        m.insert("id".into(), json!(n.id));
        m.insert("ticketId".into(), json!(n.ticket));
        m.insert("text".into(), json!(n.text));
        m.insert("detailDescriptionFlag".into(), json!(n.detail));
        m.insert("internalAnalysisFlag".into(), json!(n.internal));
        m.insert("resolutionFlag".into(), json!(n.resolution));
        m.insert("issueFlag".into(), json!(n.issue));
        if let Some(mem) = n.member {
            m.insert("member".into(), member_ref(cx, mem));
        }
        if let Some(c) = n.contact {
            m.insert("contact".into(), contact_ref(cx, c));
        }
        m.insert("customerUpdatedFlag".into(), json!(n.customer_updated));
        m.insert(
            "processNotifications".into(),
            json!(n.process_notifications),
        );
        m.insert("dateCreated".into(), json!(fmt_time(n.created)));
        m.insert("createdBy".into(), json!(n.created_by));
        m.insert("internalFlag".into(), json!(self.internal_flag()));
        m.insert("externalFlag".into(), json!(self.external_flag()));
        m.insert(
            "_info".into(),
            json!({
                "lastUpdated": fmt_time(n.created),
                "updatedBy": n.created_by,
                "ticket_href": format!("{}service/tickets/{}", cx.api, n.ticket),
            }),
        );
        Value::Object(m)
    }
}
