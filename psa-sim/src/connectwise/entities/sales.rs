//! Sales: `Opportunity` (spec model) and its setup tables `OpportunityStage` (`/sales/stages`),
//! `OpportunityStatus` and `OpportunityType`, built here from the vendor's wire format.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::view::{Cx, Entity, company_ref, contact_ref, member_ref, reference};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::store::{API_MEMBER_ID, ContactRec, OpportunityRec};
use crate::connectwise::wire::fmt_time;

/// A sales stage: id, name, probability percent, sequence number.
pub(crate) struct StageRow(
    pub(crate) i64,
    pub(crate) &'static str,
    pub(crate) i64,
    pub(crate) i64,
);

/// The seeded stages (pipeline order).
pub(crate) const STAGES: &[StageRow] = &[
    StageRow(1, "Prospect", 10, 1),
    StageRow(2, "Qualified", 25, 2),
    StageRow(3, "Proposal", 50, 3),
    StageRow(4, "Negotiation", 75, 4),
];

/// An opportunity status: id, name, won, lost, closed, default.
pub(crate) struct StatusRow(
    pub(crate) i64,
    pub(crate) &'static str,
    pub(crate) bool,
    pub(crate) bool,
    pub(crate) bool,
    pub(crate) bool,
);

/// The seeded statuses.
pub(crate) const STATUSES: &[StatusRow] = &[
    StatusRow(1, "Open", false, false, false, true),
    StatusRow(2, "Won", true, false, true, false),
    StatusRow(3, "Lost", false, true, true, false),
    StatusRow(4, "No Decision", false, false, true, false),
];

/// The seeded opportunity types: id, description.
pub(crate) const TYPES: &[(i64, &str)] =
    &[(1, "Managed Services"), (2, "Project"), (3, "Hardware")];

/// A few opportunities, one for each of the first contacts, derived from the seed.
pub(crate) fn seed_opportunities(
    contacts: &BTreeMap<i64, ContactRec>,
    epoch: i64,
) -> BTreeMap<i64, OpportunityRec> {
    let mut out = BTreeMap::new();
    for (i, c) in contacts.values().take(5).enumerate() {
        let id = 1 + i as i64;
        let n = i as i64;
        out.insert(
            id,
            OpportunityRec {
                id,
                name: format!("{} renewal", c.last_name),
                company: c.company,
                contact: c.id,
                sales_rep: API_MEMBER_ID,
                stage: STAGES[i % STAGES.len()].0,
                status: if i % 4 == 3 { 2 } else { 1 },
                kind: Some(TYPES[i % TYPES.len()].0),
                expected_close: epoch + 86_400 * (90 + 7 * n),
                notes: None,
                source: None,
                entered_by: "zAdmin".to_string(),
                entered: epoch + 3_600 * n,
                updated: epoch + 3_600 * n,
            },
        );
    }
    out
}

fn stage(id: i64) -> Option<&'static StageRow> {
    STAGES.iter().find(|s| s.0 == id)
}

fn status(id: i64) -> Option<&'static StatusRow> {
    STATUSES.iter().find(|s| s.0 == id)
}

fn kind(id: i64) -> Option<&'static str> {
    TYPES.iter().find(|t| t.0 == id).map(|t| t.1)
}

/// An opportunity as the list machinery sees it.
pub(crate) struct OpportunityView<'a>(pub(crate) &'a OpportunityRec);

impl Entity for OpportunityView<'_> {
    const NAME: &'static str = "Opportunity";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "company/id" | "contact/id" | "primarysalesrep/id" | "stage/id"
            | "status/id" | "type/id" => Ty::Int,
            "name"
            | "company/identifier"
            | "company/name"
            | "stage/name"
            | "status/name"
            | "primarysalesrep/identifier"
            | "source"
            | "notes" => Ty::Str,
            "expectedclosedate" | "lastupdated" | "_info/lastupdated" | "dateentered"
            | "_info/dateentered" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let o = self.0;
        match path {
            "id" => Scalar::int(o.id),
            "name" => Scalar::str(&o.name),
            "company/id" => Scalar::int(o.company),
            "company/identifier" => Scalar::opt_str(
                cx.st
                    .companies
                    .get(&o.company)
                    .map(|c| c.identifier.as_str()),
            ),
            "company/name" => {
                Scalar::opt_str(cx.st.companies.get(&o.company).map(|c| c.name.as_str()))
            }
            "contact/id" => Scalar::int(o.contact),
            "primarysalesrep/id" => Scalar::int(o.sales_rep),
            "primarysalesrep/identifier" => {
                Scalar::opt_str(cx.st.member(o.sales_rep).map(|m| m.identifier.as_str()))
            }
            "stage/id" => Scalar::int(o.stage),
            "stage/name" => Scalar::opt_str(stage(o.stage).map(|s| s.1)),
            "status/id" => Scalar::int(o.status),
            "status/name" => Scalar::opt_str(status(o.status).map(|s| s.1)),
            "type/id" => Scalar::opt_int(o.kind),
            "source" => Scalar::opt_str(o.source.as_deref()),
            "notes" => Scalar::opt_str(o.notes.as_deref()),
            "expectedclosedate" => Scalar::Date(o.expected_close),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(o.updated),
            "dateentered" | "_info/dateentered" => Scalar::Date(o.entered),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let o = self.0;
        let api = cx.api;
        let mut v = json!({
            "id": o.id,
            "name": o.name,
            "expectedCloseDate": fmt_time(o.expected_close),
            "stage": reference(o.stage, stage(o.stage).map_or("", |s| s.1), "stage_href",
                               format!("{api}sales/stages/{}", o.stage)),
            "status": reference(o.status, status(o.status).map_or("", |s| s.1), "status_href",
                                format!("{api}sales/opportunities/statuses/{}", o.status)),
            "probability": stage(o.stage).map(|s| json!({ "id": s.0, "name": s.2.to_string() })),
            "primarySalesRep": member_ref(cx, o.sales_rep),
            "locationId": 2,
            "businessUnitId": 10,
            "company": company_ref(cx, o.company),
            "contact": contact_ref(cx, o.contact),
            "totalSalesTax": 0.0,
            "customFields": [],
            "_info": {
                "lastUpdated": fmt_time(o.updated),
                "updatedBy": o.entered_by,
                "dateEntered": fmt_time(o.entered),
                "enteredBy": o.entered_by,
                "notes_href": format!("{api}sales/opportunities/{}/notes", o.id),
            },
        });
        if let (Some(map), Some(k)) = (v.as_object_mut(), o.kind) {
            map.insert(
                "type".to_string(),
                json!({ "id": k, "name": kind(k).unwrap_or(""),
                        "_info": { "type_href": format!("{api}sales/opportunities/types/{k}") } }),
            );
        }
        if let Some(map) = v.as_object_mut() {
            if let Some(n) = &o.notes {
                map.insert("notes".to_string(), json!(n));
            }
            if let Some(s) = &o.source {
                map.insert("source".to_string(), json!(s));
            }
        }
        v
    }
}

/// A sales stage as the list machinery sees it.
pub(crate) struct StageView(pub(crate) &'static StageRow);

impl Entity for StageView {
    const NAME: &'static str = "OpportunityStage";

    fn id(&self) -> i64 {
        self.0.0
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "sequencenumber" => Ty::Int,
            "name" => Ty::Str,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        match path {
            "id" => Scalar::int(self.0.0),
            "name" => Scalar::str(self.0.1),
            "sequencenumber" => Scalar::int(self.0.3),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let StageRow(id, name, pct, seq) = *self.0;
        json!({
            "id": id, "name": name, "probability": { "id": id, "name": pct.to_string() },
            "color": "#1E90FF", "sequenceNumber": seq,
            "_info": { "lastUpdated": "2023-06-01T12:00:00Z", "updatedBy": "zAdmin",
                       "self_href": format!("{}sales/stages/{id}", cx.api) },
        })
    }
}

/// An opportunity status as the list machinery sees it.
pub(crate) struct OppStatusView(pub(crate) &'static StatusRow);

impl Entity for OppStatusView {
    const NAME: &'static str = "OpportunityStatus";

    fn id(&self) -> i64 {
        self.0.0
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" => Ty::Int,
            "name" => Ty::Str,
            "wonflag" | "lostflag" | "closedflag" | "defaultflag" | "inactiveflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let s = self.0;
        match path {
            "id" => Scalar::int(s.0),
            "name" => Scalar::str(s.1),
            "wonflag" => Scalar::Bool(s.2),
            "lostflag" => Scalar::Bool(s.3),
            "closedflag" => Scalar::Bool(s.4),
            "defaultflag" => Scalar::Bool(s.5),
            "inactiveflag" => Scalar::Bool(false),
            _ => Scalar::Null,
        }
    }

    fn render(&self, _cx: &Cx<'_>) -> Value {
        let StatusRow(id, name, won, lost, closed, default) = *self.0;
        json!({
            "id": id, "name": name, "wonFlag": won, "lostFlag": lost, "closedFlag": closed,
            "inactiveFlag": false, "defaultFlag": default, "enteredBy": "zAdmin",
            "dateEntered": "2023-06-01T12:00:00Z",
            "_info": { "lastUpdated": "2023-06-01T12:00:00Z", "updatedBy": "zAdmin" },
        })
    }
}

/// An opportunity type as the list machinery sees it.
pub(crate) struct OppTypeView(pub(crate) &'static (i64, &'static str));

impl Entity for OppTypeView {
    const NAME: &'static str = "OpportunityType";

    fn id(&self) -> i64 {
        self.0.0
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" => Ty::Int,
            "description" => Ty::Str,
            "inactiveflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        match path {
            "id" => Scalar::int(self.0.0),
            "description" => Scalar::str(self.0.1),
            "inactiveflag" => Scalar::Bool(false),
            _ => Scalar::Null,
        }
    }

    fn render(&self, _cx: &Cx<'_>) -> Value {
        json!({
            "id": self.0.0, "description": self.0.1, "inactiveFlag": false,
            "_info": { "lastUpdated": "2023-06-01T12:00:00Z", "updatedBy": "zAdmin" },
        })
    }
}
