//! Finance and time: `Agreement`, `Addition` and `TimeEntry` as the vendor's models spell
//! them, built here from the wire format.

use serde_json::{Map, Value, json};

use super::view::{Cx, Entity, company_ref, contact_ref, member_ref, reference};
use crate::connectwise::billing::{
    AGREEMENT_TYPES, AdditionRec, AgreementRec, PRODUCTS, TimeEntryRec,
};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::wire::{self, fmt_time};

fn agreement_type(id: i64) -> &'static str {
    AGREEMENT_TYPES
        .iter()
        .find(|t| t.0 == id)
        .map_or("", |t| t.1)
}

fn opt_time(t: Option<i64>) -> Value {
    t.map_or(Value::Null, |t| json!(fmt_time(t)))
}

/// Drops `null` members, as the service omits empty references and dates.
fn compact(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}

/// An agreement as the list machinery sees it.
pub(crate) struct AgreementView<'a>(pub(crate) &'a AgreementRec);

impl Entity for AgreementView<'_> {
    const NAME: &'static str = "Agreement";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "type/id" | "company/id" | "contact/id" | "billamount" | "applicationlimit" => {
                Ty::Int
            }
            "name" | "type/name" | "company/identifier" | "company/name" | "agreementstatus"
            | "applicationunits" | "billtime" => Ty::Str,
            "cancelledflag" | "noendingdateflag" => Ty::Bool,
            "startdate" | "enddate" | "datecancelled" | "lastupdated" | "_info/lastupdated"
            | "dateentered" | "_info/dateentered" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let a = self.0;
        let company = || cx.st.companies.get(&a.company);
        match path {
            "id" => Scalar::int(a.id),
            "name" => Scalar::str(&a.name),
            "type/id" => Scalar::int(a.kind),
            "type/name" => Scalar::str(agreement_type(a.kind)),
            "company/id" => Scalar::int(a.company),
            "company/identifier" => Scalar::opt_str(company().map(|c| c.identifier.as_str())),
            "company/name" => Scalar::opt_str(company().map(|c| c.name.as_str())),
            "contact/id" => Scalar::opt_int(a.contact),
            "billamount" => Scalar::Num(a.bill_amount),
            "applicationlimit" => Scalar::Num(a.hours_limit),
            "agreementstatus" => Scalar::str(a.status),
            "applicationunits" => Scalar::str("Hours"),
            "billtime" => Scalar::str("Billable"),
            "cancelledflag" => Scalar::Bool(a.cancelled.is_some()),
            "noendingdateflag" => Scalar::Bool(a.end.is_none()),
            "startdate" => Scalar::Date(a.start),
            "enddate" => a.end.map_or(Scalar::Null, Scalar::Date),
            "datecancelled" => a.cancelled.map_or(Scalar::Null, Scalar::Date),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(a.updated),
            "dateentered" | "_info/dateentered" => Scalar::Date(a.entered),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let a = self.0;
        let api = cx.api;
        let mut v = json!({
            "id": a.id,
            "name": a.name,
            "type": reference(a.kind, agreement_type(a.kind), "type_href",
                              format!("{api}finance/agreements/types/{}", a.kind)),
            "company": company_ref(cx, a.company),
            "contact": a.contact.map(|c| contact_ref(cx, c)),
            "customerPO": "",
            "location": { "id": 2, "name": "Main" },
            "department": { "id": 10, "identifier": "Services", "name": "Services" },
            "restrictLocationFlag": false,
            "restrictDepartmentFlag": false,
            "startDate": fmt_time(a.start),
            "endDate": opt_time(a.end),
            "noEndingDateFlag": a.end.is_none(),
            "cancelledFlag": a.cancelled.is_some(),
            "dateCancelled": opt_time(a.cancelled),
            "sla": { "id": 1, "name": "Standard SLA" },
            "workOrder": "",
            "applicationUnits": "Hours",
            "applicationLimit": a.hours_limit,
            "applicationCycle": "CalendarMonth",
            "applicationUnlimitedFlag": a.hours_limit == 0.0,
            "oneTimeFlag": false,
        });
        let terms = json!({
            "coverAgreementTime": true,
            "coverAgreementProduct": false,
            "coverAgreementExpense": false,
            "coverSalesTax": false,
            "carryOverUnused": false,
            "allowOverruns": true,
            "expiredDays": 0,
            "limit": 0,
            "expireWhenZero": false,
            "chargeToFirm": false,
            "employeeCompRate": "Actual",
            "employeeCompNotExceed": "Billing",
            "billingCycle": { "id": 2, "name": "Monthly" },
            "billOneTimeFlag": false,
            "billingTerms": { "id": 1, "name": "Net 30 days" },
            "invoicingCycle": "ContractYear",
        });
        let billing = json!({
            "billToCompany": company_ref(cx, a.company),
            "billAmount": a.bill_amount,
            "taxable": false,
            "billStartDate": fmt_time(a.start),
            "restrictDownPayment": false,
            "prorateFlag": false,
            "invoiceDescription": "",
            "topComment": false,
            "bottomComment": false,
            "workRole": { "id": 5, "name": "Technician" },
            "workType": { "id": 1, "name": "Regular" },
            "billTime": "Billable",
            "billExpenses": "Billable",
            "billProducts": "Billable",
            "billableTimeInvoice": false,
            "billableExpenseInvoice": false,
            "billableProductInvoice": false,
            "currency": { "id": 7, "symbol": "$", "currencyCode": "USD", "name": "US Dollars" },
            "periodType": "Current",
            "autoInvoiceFlag": false,
            "agreementStatus": a.status,
            "customFields": [],
            "_info": {
                "lastUpdated": fmt_time(a.updated),
                "updatedBy": "zAdmin",
                "dateEntered": fmt_time(a.entered),
                "enteredBy": "zAdmin",
                "additions_href": format!("{api}finance/agreements/{}/additions", a.id),
            },
        });
        if let Some(v) = v.as_object_mut() {
            for part in [terms, billing] {
                if let Value::Object(m) = part {
                    v.extend(m);
                }
            }
        }
        compact(v)
    }
}

/// An agreement addition as the list machinery sees it.
pub(crate) struct AdditionView<'a>(pub(crate) &'a AdditionRec);

impl Entity for AdditionView<'_> {
    const NAME: &'static str = "Addition";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "agreementid" | "product/id" | "quantity" | "unitprice" => Ty::Int,
            "product/identifier" | "description" | "billcustomer" => Ty::Str,
            "effectivedate" | "cancelleddate" | "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let a = self.0;
        let p = PRODUCTS[a.product % PRODUCTS.len()];
        match path {
            "id" => Scalar::int(a.id),
            "agreementid" => Scalar::int(a.agreement),
            "product/id" => Scalar::int(p.0),
            "quantity" => Scalar::Num(a.quantity),
            "unitprice" => Scalar::Num(p.3),
            "product/identifier" => Scalar::str(p.1),
            "description" => Scalar::str(p.2),
            "billcustomer" => Scalar::str("Billable"),
            "effectivedate" => Scalar::Date(a.effective),
            "cancelleddate" => a.cancelled.map_or(Scalar::Null, Scalar::Date),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(a.updated),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let a = self.0;
        let (pid, ident, desc, price, cost) = PRODUCTS[a.product % PRODUCTS.len()];
        compact(json!({
            "id": a.id,
            "product": { "id": pid, "identifier": ident,
                         "_info": { "product_href": format!("{}procurement/catalog/{pid}", cx.api) } },
            "quantity": a.quantity,
            "lessIncluded": 0.0,
            "unitPrice": price,
            "unitCost": cost,
            "billCustomer": "Billable",
            "effectiveDate": fmt_time(a.effective),
            "cancelledDate": opt_time(a.cancelled),
            "taxableFlag": false,
            "serialNumber": "",
            "invoiceDescription": desc,
            "purchaseItemFlag": false,
            "specialOrderFlag": false,
            "agreementId": a.agreement,
            "description": desc,
            "billedQuantity": a.quantity,
            "uom": "Each",
            "extPrice": a.quantity * price,
            "extCost": a.quantity * cost,
            "sequenceNumber": 1.0,
            "margin": a.quantity * (price - cost),
            "prorateCurrentPeriodFlag": false,
            "_info": {
                "lastUpdated": fmt_time(a.updated),
                "updatedBy": "zAdmin",
                "agreement_href": format!("{}finance/agreements/{}", cx.api, a.agreement),
            },
        }))
    }
}

/// A time entry as the list machinery sees it.
pub(crate) struct TimeEntryView<'a>(pub(crate) &'a TimeEntryRec);

impl Entity for TimeEntryView<'_> {
    const NAME: &'static str = "TimeEntry";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "chargetoid" | "company/id" | "member/id" | "agreement/id" | "ticket/id"
            | "actualhours" | "hoursdeduct" => Ty::Int,
            "chargetotype" | "company/identifier" | "member/identifier" | "billableoption"
            | "notes" | "enteredby" | "status" => Ty::Str,
            "timestart" | "timeend" | "dateentered" | "_info/dateentered" | "lastupdated"
            | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let t = self.0;
        match path {
            "id" => Scalar::int(t.id),
            "chargetoid" => Scalar::opt_int(t.charge_id),
            "chargetotype" => Scalar::opt_str(t.charge_type),
            "company/id" => Scalar::int(t.company),
            "company/identifier" => Scalar::opt_str(
                cx.st
                    .companies
                    .get(&t.company)
                    .map(|c| c.identifier.as_str()),
            ),
            "member/id" => Scalar::int(t.member),
            "member/identifier" => {
                Scalar::opt_str(cx.st.member(t.member).map(|m| m.identifier.as_str()))
            }
            "agreement/id" => Scalar::opt_int(t.agreement),
            "ticket/id" if t.charge_type == Some("ServiceTicket") => Scalar::opt_int(t.charge_id),
            "actualhours" => Scalar::Num(t.actual_hours),
            "hoursdeduct" => Scalar::Num(t.hours_deduct),
            "billableoption" => Scalar::str(t.billable),
            "notes" => Scalar::opt_str(t.notes.as_deref()),
            "enteredby" => Scalar::str(&t.entered_by),
            "status" => Scalar::str("Open"),
            "timestart" => Scalar::Date(t.start),
            "timeend" => t.end.map_or(Scalar::Null, Scalar::Date),
            "dateentered" | "_info/dateentered" => Scalar::Date(t.entered),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(t.updated),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let t = self.0;
        let api = cx.api;
        let ticket = match (t.charge_type, t.charge_id) {
            (Some("ServiceTicket"), Some(id)) => cx.st.tickets.get(&id).map(|k| {
                json!({ "id": k.id, "summary": k.summary,
                        "_info": { "ticket_href": format!("{api}service/tickets/{}", k.id) } })
            }),
            _ => None,
        };
        let billed = if t.billable == "Billable" {
            t.actual_hours
        } else {
            0.0
        };
        compact(json!({
            "id": t.id,
            "company": company_ref(cx, t.company),
            "companyType": "Client",
            "chargeToId": t.charge_id,
            "chargeToType": t.charge_type,
            "member": member_ref(cx, t.member),
            "locationId": 2,
            "businessUnitId": 10,
            "workType": { "id": 1, "name": "Regular" },
            "workRole": { "id": 5, "name": "Technician" },
            "agreement": t.agreement.and_then(|a| cx.st.billing.agreements.get(&a)).map(|a| {
                reference(a.id, &a.name, "agreement_href", format!("{api}finance/agreements/{}", a.id))
            }),
            "timeStart": fmt_time(t.start),
            "timeEnd": opt_time(t.end),
            "hoursDeduct": t.hours_deduct,
            "actualHours": t.actual_hours,
            "billableOption": t.billable,
            "notes": t.notes,
            "internalNotes": t.internal_notes,
            "addToDetailDescriptionFlag": false,
            "addToInternalAnalysisFlag": false,
            "addToResolutionFlag": false,
            "emailResourceFlag": false,
            "emailContactFlag": false,
            "emailCcFlag": false,
            "hoursBilled": billed,
            "invoiceHours": billed,
            "enteredBy": t.entered_by,
            "dateEntered": fmt_time(t.entered),
            "mobileGuid": wire::guid(t.id as u64 ^ 0x7E),
            "hourlyRate": 150.0,
            "status": "Open",
            "ticket": ticket,
            "customFields": [],
            "_info": {
                "lastUpdated": fmt_time(t.updated),
                "updatedBy": t.updated_by,
                "chargeToMobileGuid": wire::guid(t.charge_id.unwrap_or_default() as u64 ^ 0x7F),
            },
        }))
    }
}
