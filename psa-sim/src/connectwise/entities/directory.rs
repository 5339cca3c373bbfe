//! `Company`, `Contact` and `Member`, shaped after real tenant responses (RationallyPrime
//! connectwise-etl) and the spec's models.

use serde_json::{Value, json};

use super::view::{Cx, Entity, company_ref, contact_ref, reference};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::store::{CompanyRec, ContactRec, MemberRec};
use crate::connectwise::wire::{fmt_time, guid};

/// A company as the list machinery sees it.
pub(crate) struct CompanyView<'a>(pub(crate) &'a CompanyRec);

impl Entity for CompanyView<'_> {
    const NAME: &'static str = "Company";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "status/id" | "defaultcontact/id" | "country/id" | "types/id" => Ty::Int,
            "identifier"
            | "name"
            | "status/name"
            | "city"
            | "state"
            | "phonenumber"
            | "website"
            | "defaultcontact/name"
            | "country/name"
            | "_info/updatedby"
            | "updatedby" => Ty::Str,
            "deletedflag" | "leadflag" | "isvendorflag" | "unsubscribeflag" => Ty::Bool,
            "lastupdated" | "_info/lastupdated" | "dateentered" | "_info/dateentered"
            | "dateacquired" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let c = self.0;
        match path {
            "id" => Scalar::int(c.id),
            "identifier" => Scalar::str(&c.identifier),
            "name" => Scalar::str(&c.name),
            "status/id" => Scalar::int(1),
            "status/name" => Scalar::str("Active"),
            "types/id" => Scalar::int(1),
            "country/id" => Scalar::int(1),
            "country/name" => Scalar::str("United States"),
            "city" => Scalar::str(&c.city),
            "state" => Scalar::str(&c.state),
            "phonenumber" => Scalar::str(&c.phone),
            "website" => {
                Scalar::Str(format!("www.{}.example.com", c.identifier.to_lowercase()).into())
            }
            "defaultcontact/id" => Scalar::opt_int(c.default_contact),
            "defaultcontact/name" => c
                .default_contact
                .and_then(|id| cx.st.contacts.get(&id))
                .map(|ct| Scalar::Str(ct.full_name().into()))
                .unwrap_or(Scalar::Null),
            "deletedflag" | "leadflag" | "isvendorflag" | "unsubscribeflag" => Scalar::Bool(false),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(c.updated),
            "dateentered" | "_info/dateentered" | "dateacquired" => Scalar::Date(c.entered),
            "updatedby" | "_info/updatedby" => Scalar::str("zAdmin"),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let c = self.0;
        let api = cx.api;
        let mut v = json!({
            "id": c.id,
            "identifier": c.identifier,
            "name": c.name,
            "status": reference(1, "Active", "status_href", format!("{api}company/companies/statuses/1")),
            "addressLine1": format!("{} Main Street", 100 + c.id % 800),
            "city": c.city,
            "state": c.state,
            "zip": format!("{:05}", 10_000 + (c.id * 37) % 89_999),
            "country": { "id": 1, "identifier": "US", "name": "United States",
                         "_info": { "country_href": format!("{api}company/countries/1") } },
            "phoneNumber": c.phone,
            "faxNumber": "",
            "website": format!("www.{}.example.com", c.identifier.to_lowercase()),
            "territory": reference(2, "Main", "location_href", format!("{api}system/locations/2")),
            "accountNumber": "",
            "dateAcquired": fmt_time(c.entered),
            "annualRevenue": 0.0,
            "timeZoneSetup": reference(1, "GMT-5/Eastern Time: US & Canada", "timeZoneSetup_href",
                                       format!("{api}system/timeZoneSetups/1")),
            "leadFlag": false,
            "unsubscribeFlag": false,
            "vendorIdentifier": "",
            "taxIdentifier": "",
            "billToCompany": company_ref(cx, c.id),
            "deletedFlag": false,
            "mobileGuid": guid(c.id as u64),
            "isVendorFlag": false,
            "types": [ reference(1, "Client", "type_href", format!("{api}company/companies/types/1")) ],
            "site": reference(c.id * 10, "Main", "site_href", format!("{api}company/companies/{}/sites/{}", c.id, c.id * 10)),
            "_info": {
                "lastUpdated": fmt_time(c.updated),
                "updatedBy": "zAdmin",
                "dateEntered": fmt_time(c.entered),
                "enteredBy": "CONVERSION",
                "contacts_href": format!("{api}company/contacts?conditions=company/id={}", c.id),
                "tickets_href": format!("{api}service/tickets?conditions=company/id={}", c.id),
                "documents_href": format!("{api}system/documents?recordType=Company&recordId={}", c.id),
                "sites_href": format!("{api}company/companies/{}/sites", c.id),
                "notes_href": format!("{api}company/companies/{}/notes", c.id),
            },
            "customFields": [],
        });
        if let Some(dc) = c.default_contact {
            v["defaultContact"] = contact_ref(cx, dc);
        }
        v
    }
}

/// A contact as the list machinery sees it.
pub(crate) struct ContactView<'a>(pub(crate) &'a ContactRec);

impl Entity for ContactView<'_> {
    const NAME: &'static str = "Contact";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "company/id" => Ty::Int,
            "firstname" | "lastname" | "company/identifier" | "company/name" | "title"
            | "defaultphonenbr" | "defaultphonetype" | "_info/updatedby" | "updatedby" => Ty::Str,
            "inactiveflag" | "defaultflag" | "defaultbillingflag" => Ty::Bool,
            "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let c = self.0;
        match path {
            "id" => Scalar::int(c.id),
            "firstname" => Scalar::str(&c.first_name),
            "lastname" => Scalar::str(&c.last_name),
            "company/id" => Scalar::int(c.company),
            "company/identifier" => Scalar::opt_str(
                cx.st
                    .companies
                    .get(&c.company)
                    .map(|x| x.identifier.as_str()),
            ),
            "company/name" => {
                Scalar::opt_str(cx.st.companies.get(&c.company).map(|x| x.name.as_str()))
            }
            "title" => Scalar::str(&c.title),
            "defaultphonenbr" => Scalar::opt_str(c.default_phone()),
            "defaultphonetype" => Scalar::str("Direct"),
            "inactiveflag" => Scalar::Bool(c.inactive),
            "defaultflag" => Scalar::Bool(self.is_default(cx)),
            "defaultbillingflag" => Scalar::Bool(false),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(c.updated),
            "updatedby" | "_info/updatedby" => Scalar::str("zAdmin"),
            _ => Scalar::Null,
        }
    }

    fn child_type(path: &str) -> Option<Ty> {
        Some(match path {
            "communicationitems/id" | "communicationitems/type/id" => Ty::Int,
            "communicationitems/value"
            | "communicationitems/communicationtype"
            | "communicationitems/type/name"
            | "communicationitems/extension" => Ty::Str,
            "communicationitems/defaultflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn child_len(&self, collection: &str) -> usize {
        if collection == "communicationitems" {
            self.0.items.len()
        } else {
            0
        }
    }

    fn child_get<'a>(&'a self, _cx: &Cx<'a>, index: usize, path: &str) -> Scalar<'a> {
        let Some(i) = self.0.items.get(index) else {
            return Scalar::Null;
        };
        match path {
            "communicationitems/id" => Scalar::int(i.id),
            "communicationitems/type/id" => Scalar::int(i.type_ref.0),
            "communicationitems/type/name" => Scalar::str(i.type_ref.1),
            "communicationitems/value" => Scalar::str(&i.value),
            "communicationitems/communicationtype" => Scalar::str(i.kind),
            "communicationitems/defaultflag" => Scalar::Bool(i.default_flag),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let c = self.0;
        let api = cx.api;
        let items: Vec<Value> = c
            .items
            .iter()
            .map(|i| {
                json!({
                    "id": i.id,
                    "type": reference(i.type_ref.0, i.type_ref.1, "type_href",
                                      format!("{api}company/communicationTypes/{}", i.type_ref.0)),
                    "value": i.value,
                    "defaultFlag": i.default_flag,
                    "communicationType": i.kind,
                })
            })
            .collect();
        let mut v = json!({
            "id": c.id,
            "firstName": c.first_name,
            "lastName": c.last_name,
            "company": company_ref(cx, c.company),
            "site": reference(c.company * 10, "Main", "site_href",
                              format!("{api}company/companies/{}/sites/{}", c.company, c.company * 10)),
            "relationshipOverride": "",
            "inactiveFlag": c.inactive,
            "title": c.title,
            "marriedFlag": false,
            "childrenFlag": false,
            "unsubscribeFlag": false,
            "mobileGuid": guid(c.id as u64 ^ 0xC0),
            "defaultPhoneType": "Direct",
            "defaultBillingFlag": false,
            "defaultFlag": self.is_default(cx),
            "companyLocation": reference(2, "Main", "location_href", format!("{api}system/locations/2")),
            "communicationItems": items,
            "types": [],
            "ignoreDuplicates": false,
            "_info": {
                "lastUpdated": fmt_time(c.updated),
                "updatedBy": "zAdmin",
                "communications_href": format!("{api}company/contacts/{}/communications", c.id),
                "notes_href": format!("{api}company/contacts/{}/notes", c.id),
                "documents_href": format!("{api}system/documents?recordType=Contact&recordId={}", c.id),
                "tickets_href": format!("{api}service/tickets?conditions=contact/id={}", c.id),
            },
            "customFields": [],
        });
        if let Some(p) = c.default_phone() {
            v["defaultPhoneNbr"] = json!(p);
        }
        v
    }
}

impl ContactView<'_> {
    fn is_default(&self, cx: &Cx<'_>) -> bool {
        cx.st
            .companies
            .get(&self.0.company)
            .and_then(|c| c.default_contact)
            == Some(self.0.id)
    }
}

/// A member as the list machinery sees it.
pub(crate) struct MemberView<'a>(pub(crate) &'a MemberRec);

impl Entity for MemberView<'_> {
    const NAME: &'static str = "Member";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" => Ty::Int,
            "identifier" | "firstname" | "lastname" | "officeemail" | "primaryemail"
            | "defaultemail" | "title" | "licenseclass" => Ty::Str,
            "inactiveflag" | "adminflag" => Ty::Bool,
            "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let m = self.0;
        match path {
            "id" => Scalar::int(m.id),
            "identifier" => Scalar::str(&m.identifier),
            "firstname" => Scalar::str(&m.first_name),
            "lastname" => Scalar::str(&m.last_name),
            "officeemail" | "primaryemail" => Scalar::str(&m.email),
            "defaultemail" => Scalar::str("Office"),
            "title" => Scalar::str(&m.title),
            "licenseclass" => Scalar::str(if m.api_member { "A" } else { "F" }),
            "inactiveflag" => Scalar::Bool(m.inactive),
            "adminflag" => Scalar::Bool(false),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(m.updated),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let m = self.0;
        let api = cx.api;
        json!({
            "id": m.id,
            "identifier": m.identifier,
            "disableOnlineFlag": false,
            "licenseClass": if m.api_member { "A" } else { "F" },
            "inactiveFlag": m.inactive,
            "firstName": m.first_name,
            "lastName": m.last_name,
            "officeEmail": m.email,
            "defaultEmail": "Office",
            "primaryEmail": m.email,
            "defaultPhone": "Office",
            "title": m.title,
            "adminFlag": false,
            "timeZone": reference(1, "GMT-5/Eastern Time: US & Canada", "timeZoneSetup_href",
                                  format!("{api}system/timeZoneSetups/1")),
            "defaultLocation": reference(2, "Main", "location_href", format!("{api}system/locations/2")),
            "defaultDepartment": { "id": 1, "identifier": "Service", "name": "Service",
                                   "_info": { "department_href": format!("{api}system/departments/1") } },
            "serviceDefaultBoard": reference(1, "Help Desk", "board_href", format!("{api}service/boards/1")),
            "_info": {
                "lastUpdated": fmt_time(m.updated),
                "updatedBy": "zAdmin",
                "image_href": format!("{api}system/members/{}/image?lm={}", m.id, fmt_time(m.updated)),
            },
        })
    }
}
