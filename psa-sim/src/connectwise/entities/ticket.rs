//! `Ticket` (`/service/tickets`), shaped after a real tenant's response (RationallyPrime
//! connectwise-etl `endpoint_results.json`) and the spec's `Ticket` model.

use serde_json::{Map, Value, json};

use super::view::{Cx, Entity, company_ref, contact_ref, member_ref, reference};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::store::TicketRec;
use crate::connectwise::wire::{fmt_time, guid, padded};

/// Every member of the spec's `Ticket` model (v2025.8). A POST naming anything else is rejected
/// with "Could not find member …" as the real service does (jundis/CWSlack-SlashCommands #132).
pub(crate) const TICKET_MEMBERS: &[&str] = &[
    "id",
    "summary",
    "recordType",
    "board",
    "status",
    "workRole",
    "workType",
    "company",
    "site",
    "siteName",
    "addressLine1",
    "addressLine2",
    "city",
    "stateIdentifier",
    "zip",
    "country",
    "contact",
    "contactName",
    "contactPhoneNumber",
    "contactPhoneExtension",
    "contactEmailAddress",
    "type",
    "subType",
    "item",
    "team",
    "owner",
    "priority",
    "serviceLocation",
    "source",
    "requiredDate",
    "budgetHours",
    "opportunity",
    "agreement",
    "agreementType",
    "severity",
    "impact",
    "externalXRef",
    "poNumber",
    "knowledgeBaseCategoryId",
    "knowledgeBaseSubCategoryId",
    "allowAllClientsPortalView",
    "customerUpdatedFlag",
    "automaticEmailContactFlag",
    "automaticEmailResourceFlag",
    "automaticEmailCcFlag",
    "automaticEmailCc",
    "initialDescription",
    "initialInternalAnalysis",
    "initialResolution",
    "initialDescriptionFrom",
    "contactEmailLookup",
    "processNotifications",
    "skipCallback",
    "closedDate",
    "closedBy",
    "closedFlag",
    "actualHours",
    "approved",
    "estimatedExpenseCost",
    "estimatedExpenseRevenue",
    "estimatedProductCost",
    "estimatedProductRevenue",
    "estimatedTimeCost",
    "estimatedTimeRevenue",
    "billingMethod",
    "billingAmount",
    "hourlyRate",
    "subBillingMethod",
    "subBillingAmount",
    "subDateAccepted",
    "dateResolved",
    "dateResplan",
    "dateResponded",
    "resolveMinutes",
    "resPlanMinutes",
    "respondMinutes",
    "isInSla",
    "knowledgeBaseLinkId",
    "resources",
    "parentTicketId",
    "hasChildTicket",
    "hasMergedChildTicketFlag",
    "knowledgeBaseLinkType",
    "billTime",
    "billExpenses",
    "billProducts",
    "predecessorType",
    "predecessorId",
    "predecessorClosedFlag",
    "lagDays",
    "lagNonworkingDaysFlag",
    "estimatedStartDate",
    "duration",
    "location",
    "department",
    "mobileGuid",
    "sla",
    "slaStatus",
    "requestForChangeFlag",
    "currency",
    "mergedParentTicket",
    "integratorTags",
    "_info",
    "escalationStartDateUTC",
    "escalationLevel",
    "minutesBeforeWaiting",
    "respondedSkippedMinutes",
    "resplanSkippedMinutes",
    "respondedHours",
    "respondedBy",
    "resplanHours",
    "resplanBy",
    "resolutionHours",
    "resolvedBy",
    "minutesWaiting",
    "customFields",
];

/// The spelling of a ticket member, matched case-insensitively (JSON.NET binds members that way).
pub(crate) fn is_ticket_member(name: &str) -> Option<&'static str> {
    TICKET_MEMBERS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(name))
}

/// Flags the real service fills in on every ticket (values of a fresh ticket).
const DEFAULT_FLAGS: &[(&str, bool)] = &[
    ("allowAllClientsPortalView", false),
    ("customerUpdatedFlag", false),
    ("automaticEmailContactFlag", false),
    ("automaticEmailResourceFlag", false),
    ("automaticEmailCcFlag", false),
    ("approved", true),
    ("hasChildTicket", false),
    ("hasMergedChildTicketFlag", false),
    ("requestForChangeFlag", false),
];

/// A ticket as the list machinery sees it.
pub(crate) struct TicketView<'a>(pub(crate) &'a TicketRec);

fn audit(t: &TicketRec, s: &str) -> String {
    // Seeded records carry padded audit columns, as char(15) columns come back (facts §3).
    if t.padded_audit {
        padded(s, 15)
    } else {
        s.to_string()
    }
}

/// The ticket as JSON.
pub(crate) fn ticket_json(cx: &Cx<'_>, t: &TicketRec) -> Value {
    let st = cx.st;
    let api = cx.api;
    let mut m = Map::new();
    m.insert("id".into(), json!(t.id));
    m.insert("summary".into(), json!(t.summary));
    m.insert("recordType".into(), json!(t.record_type));
    if let Some(b) = st.boards.get(&t.board) {
        m.insert(
            "board".into(),
            reference(
                b.id,
                &b.name,
                "board_href",
                format!("{api}service/boards/{}", b.id),
            ),
        );
    }
    if let Some(s) = st.statuses.get(&t.status) {
        // The real service spells this key `Sort` (capital S) on status references only.
        m.insert(
            "status".into(),
            json!({
                "id": s.id,
                "name": s.name,
                "Sort": s.sort,
                "_info": { "status_href": format!("{api}service/boards/{}/statuses/{}", s.board, s.id) }
            }),
        );
    }
    m.insert("company".into(), company_ref(cx, t.company));
    if let Some(c) = st.companies.get(&t.company) {
        m.insert("city".into(), json!(c.city));
        m.insert("stateIdentifier".into(), json!(c.state));
    }
    let contact = t.contact.and_then(|id| st.contacts.get(&id));
    if let Some(c) = contact {
        m.insert("contact".into(), contact_ref(cx, c.id));
    }
    let name = t
        .contact_name
        .clone()
        .or_else(|| contact.map(|c| c.full_name()));
    if let Some(n) = name {
        m.insert("contactName".into(), json!(n));
    }
    let phone = t
        .contact_phone
        .clone()
        .or_else(|| contact.and_then(|c| c.default_phone().map(str::to_string)));
    if let Some(p) = phone {
        m.insert("contactPhoneNumber".into(), json!(p));
    }
    let email = t
        .contact_email
        .clone()
        .or_else(|| contact.and_then(|c| c.default_email().map(str::to_string)));
    if let Some(e) = email {
        m.insert("contactEmailAddress".into(), json!(e));
    }
    if let Some(o) = t.owner {
        m.insert("owner".into(), member_ref(cx, o));
    }
    if let Some(p) = st.priorities.get(&t.priority) {
        m.insert(
            "priority".into(),
            json!({
                "id": p.id,
                "name": p.name,
                "sort": p.sort,
                "_info": {
                    "priority_href": format!("{api}service/priorities/{}", p.id),
                    "image_href": format!("{api}service/priorities/{}/image?lm=2018-06-20T13:08:15Z", p.id),
                }
            }),
        );
    }
    m.insert(
        "serviceLocation".into(),
        reference(
            2,
            "Remote",
            "location_href",
            format!("{api}service/locations/2"),
        ),
    );
    if let Some(s) = t.source.and_then(|id| st.sources.get(&id)) {
        m.insert(
            "source".into(),
            reference(
                s.id,
                &s.name,
                "source_href",
                format!("{api}service/sources/{}", s.id),
            ),
        );
    }
    m.insert("severity".into(), json!(t.severity));
    m.insert("impact".into(), json!(t.impact));
    if let Some(x) = &t.external_xref {
        m.insert("externalXRef".into(), json!(x));
    }
    for (k, v) in DEFAULT_FLAGS {
        m.insert((*k).into(), json!(v));
    }
    if let Some((date, by)) = &t.closed {
        m.insert("closedDate".into(), json!(fmt_time(*date)));
        m.insert("closedBy".into(), json!(audit(t, by)));
    }
    m.insert("closedFlag".into(), json!(t.closed.is_some()));
    m.insert("billingMethod".into(), json!("ActualRates"));
    m.insert("subBillingMethod".into(), json!("ActualRates"));
    if let Some(o) = t.owner.and_then(|o| st.member(o)) {
        m.insert("resources".into(), json!(o.identifier));
    }
    m.insert("billTime".into(), json!("NoDefault"));
    m.insert("billExpenses".into(), json!("NoDefault"));
    m.insert("billProducts".into(), json!("Billable"));
    m.insert(
        "location".into(),
        reference(
            2,
            "Main",
            "location_href",
            format!("{api}system/locations/2"),
        ),
    );
    m.insert(
        "department".into(),
        json!({ "id": 1, "identifier": "Service", "name": "Service",
                "_info": { "department_href": format!("{api}system/departments/1") } }),
    );
    m.insert("mobileGuid".into(), json!(guid(t.id as u64 ^ 0x7E)));
    m.insert(
        "_info".into(),
        json!({
            "lastUpdated": fmt_time(t.updated),
            "updatedBy": audit(t, &t.updated_by),
            "dateEntered": fmt_time(t.entered),
            "enteredBy": audit(t, &t.entered_by),
            "activities_href": format!("{api}sales/activities?conditions=ticket/id={}", t.id),
            "documents_href": format!("{api}system/documents?recordType=Ticket&recordId={}", t.id),
            "configurations_href": format!("{api}service/tickets/{}/configurations", t.id),
            "tasks_href": format!("{api}service/tickets/{}/tasks", t.id),
            "notes_href": format!("{api}service/tickets/{}/notes", t.id),
            "timeentries_href": format!(
                "{api}time/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId={}",
                t.id
            ),
        }),
    );
    let custom: Vec<Value> = st
        .custom_fields
        .iter()
        .map(|d| {
            let mut e = json!({
                "id": d.id,
                "caption": d.caption,
                "type": d.kind,
                "entryMethod": d.entry_method,
                "numberOfDecimals": d.decimals,
                "connectWiseId": guid(d.id as u64 ^ 0xCF),
            });
            if let Some((_, v)) = t.custom.iter().find(|(id, _)| *id == d.id) {
                e["value"] = v.clone();
            }
            e
        })
        .collect();
    m.insert("customFields".into(), Value::Array(custom));
    if let Some(extras) = &t.extras {
        for (k, v) in extras.iter() {
            m.insert(k.clone(), v.clone());
        }
    }
    Value::Object(m)
}

impl Entity for TicketView<'_> {
    const NAME: &'static str = "Ticket";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "board/id" | "status/id" | "company/id" | "contact/id" | "priority/id"
            | "source/id" | "owner/id" => Ty::Int,
            "summary"
            | "recordtype"
            | "board/name"
            | "status/name"
            | "company/identifier"
            | "company/name"
            | "contact/name"
            | "contactname"
            | "contactemailaddress"
            | "contactphonenumber"
            | "priority/name"
            | "source/name"
            | "owner/identifier"
            | "owner/name"
            | "severity"
            | "impact"
            | "externalxref"
            | "closedby"
            | "resources"
            | "enteredby"
            | "updatedby"
            | "_info/enteredby"
            | "_info/updatedby"
            | "city"
            | "stateidentifier"
            | "mobileguid"
            | "billingmethod" => Ty::Str,
            "closedflag" => Ty::Bool,
            "closeddate" | "dateentered" | "lastupdated" | "_info/dateentered"
            | "_info/lastupdated" => Ty::Date,
            other => {
                // Other ticket members (stored raw when a client writes them) compare loosely.
                let top = other.split('/').next().unwrap_or(other);
                is_ticket_member(top)?;
                Ty::Any
            }
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let t = self.0;
        let st = cx.st;
        match path {
            "id" => Scalar::int(t.id),
            "summary" => Scalar::str(&t.summary),
            "recordtype" => Scalar::str(&t.record_type),
            "board/id" => Scalar::int(t.board),
            "board/name" => Scalar::opt_str(st.boards.get(&t.board).map(|b| b.name.as_str())),
            "status/id" => Scalar::int(t.status),
            "status/name" => Scalar::opt_str(st.statuses.get(&t.status).map(|s| s.name.as_str())),
            "company/id" => Scalar::int(t.company),
            "company/identifier" => {
                Scalar::opt_str(st.companies.get(&t.company).map(|c| c.identifier.as_str()))
            }
            "company/name" => {
                Scalar::opt_str(st.companies.get(&t.company).map(|c| c.name.as_str()))
            }
            "city" => Scalar::opt_str(st.companies.get(&t.company).map(|c| c.city.as_str())),
            "stateidentifier" => {
                Scalar::opt_str(st.companies.get(&t.company).map(|c| c.state.as_str()))
            }
            "contact/id" => Scalar::opt_int(t.contact),
            "contact/name" | "contactname" => match (&t.contact_name, path) {
                (Some(n), "contactname") => Scalar::str(n),
                _ => t
                    .contact
                    .and_then(|c| st.contacts.get(&c))
                    .map(|c| Scalar::Str(c.full_name().into()))
                    .unwrap_or(Scalar::Null),
            },
            "contactemailaddress" => match &t.contact_email {
                Some(e) => Scalar::str(e),
                None => Scalar::opt_str(
                    t.contact
                        .and_then(|c| st.contacts.get(&c))
                        .and_then(|c| c.default_email()),
                ),
            },
            "contactphonenumber" => match &t.contact_phone {
                Some(p) => Scalar::str(p),
                None => Scalar::opt_str(
                    t.contact
                        .and_then(|c| st.contacts.get(&c))
                        .and_then(|c| c.default_phone()),
                ),
            },
            "priority/id" => Scalar::int(t.priority),
            "priority/name" => {
                Scalar::opt_str(st.priorities.get(&t.priority).map(|p| p.name.as_str()))
            }
            "source/id" => Scalar::opt_int(t.source),
            "source/name" => Scalar::opt_str(
                t.source
                    .and_then(|s| st.sources.get(&s))
                    .map(|s| s.name.as_str()),
            ),
            "owner/id" => Scalar::opt_int(t.owner),
            "owner/identifier" | "resources" => Scalar::opt_str(
                t.owner
                    .and_then(|o| st.member(o))
                    .map(|m| m.identifier.as_str()),
            ),
            "owner/name" => t
                .owner
                .and_then(|o| st.member(o))
                .map(|m| Scalar::Str(m.name().into()))
                .unwrap_or(Scalar::Null),
            "severity" => Scalar::str(&t.severity),
            "impact" => Scalar::str(&t.impact),
            "externalxref" => Scalar::opt_str(t.external_xref.as_deref()),
            "closedflag" => Scalar::Bool(t.closed.is_some()),
            "closeddate" => t
                .closed
                .as_ref()
                .map(|(d, _)| Scalar::Date(*d))
                .unwrap_or(Scalar::Null),
            "closedby" => Scalar::opt_str(t.closed.as_ref().map(|(_, b)| b.as_str())),
            "dateentered" | "_info/dateentered" => Scalar::Date(t.entered),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(t.updated),
            "enteredby" | "_info/enteredby" => Scalar::str(&t.entered_by),
            "updatedby" | "_info/updatedby" => Scalar::str(&t.updated_by),
            "billingmethod" => Scalar::str("ActualRates"),
            "mobileguid" => Scalar::Str(guid(t.id as u64 ^ 0x7E).into()),
            other => {
                let mut parts = other.split('/');
                let top = parts.next().unwrap_or(other);
                if let Some(v) = t
                    .extras
                    .as_ref()
                    .and_then(|e| e.iter().find(|(k, _)| k.eq_ignore_ascii_case(top)))
                {
                    let mut cur = v.1;
                    for p in parts {
                        match cur
                            .as_object()
                            .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(p)))
                        {
                            Some((_, v)) => cur = v,
                            None => return Scalar::Null,
                        }
                    }
                    return Scalar::Json(cur);
                }
                DEFAULT_FLAGS
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(other))
                    .map(|(_, v)| Scalar::Bool(*v))
                    .unwrap_or(Scalar::Null)
            }
        }
    }

    fn has_custom_fields() -> bool {
        true
    }

    fn custom_len(&self, cx: &Cx<'_>) -> usize {
        cx.st.custom_fields.len()
    }

    fn custom_get<'a>(&'a self, cx: &Cx<'a>, index: usize, path: &str) -> Scalar<'a> {
        let Some(d) = cx.st.custom_fields.get(index) else {
            return Scalar::Null;
        };
        match path {
            "id" => Scalar::int(d.id),
            "caption" => Scalar::str(d.caption),
            "type" => Scalar::str(d.kind),
            "entrymethod" => Scalar::str(d.entry_method),
            "numberofdecimals" => Scalar::int(d.decimals),
            "connectwiseid" => Scalar::Str(guid(d.id as u64 ^ 0xCF).into()),
            "value" => self
                .0
                .custom
                .iter()
                .find(|(id, _)| *id == d.id)
                .map(|(_, v)| Scalar::Json(v))
                .unwrap_or(Scalar::Null),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        ticket_json(cx, self.0)
    }
}
