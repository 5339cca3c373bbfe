//! Records shaped like real tenant responses (the quirks the facts file lists: `Sort` next to
//! `sort`, `_info` links with `mobileGuid`, currency objects as references, custom fields
//! without `value`, right-padded text, strings where numbers are expected, unicode) decode into
//! the typed models without losing anything. The values are made up; the shapes are real.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_connectwise::models::{
    Company, Contact, CustomFieldType, Level, Member, MySecurity, RecordType, SecurityLevel,
    ServiceNote, ServiceTicket, SystemInfo,
};
use serde_json::json;

#[test]
fn a_closed_ticket_with_every_kind_of_quirk() {
    let raw = json!({
        "id": 100, "summary": "Það er prentari bilaður", "recordType": "ServiceTicket",
        "board": {"id": 1, "name": "01 - Help Desk", "_info": {"board_href": "https://psa.example.is/v4_6_release/apis/3.0/service/boards/1"}},
        "status": {"id": 17, "name": ">Closed", "Sort": 30, "_info": {"status_href": "https://psa.example.is/x"}},
        "company": {"id": 250, "identifier": "THE", "name": "Þekking", "_info": {"company_href": "https://psa.example.is/y", "mobileGuid": "1df9"}},
        "owner": {"id": 160, "identifier": "pet", "name": "Pétur", "_info": {"member_href": "h", "image_href": "i"}},
        "priority": {"id": 12, "name": "P5 - Planned", "sort": 50},
        "currency": {"id": 7, "symbol": "$", "currencyCode": "USD", "numberOfDecimals": 2, "name": "US Dollars"},
        "agreement": {"id": 11, "name": "Managed", "type": "Managed network", "chargeFirmFlag": false, "_info": {"typeId": "46"}},
        "budgetHours": 2.0, "severity": "Medium", "impact": "High",
        "closedDate": "2018-05-07T13:56:48Z", "closedBy": "pet", "closedFlag": true,
        "resolveMinutes": 17, "respondedHours": 999.0, "escalationLevel": "15",
        "escalationStartDateUTC": "2018-05-07T13:56:49Z", "isInSla": "True",
        "integratorTags": null,
        "customFields": [
            {"id": 12, "caption": "Ext support ticket no", "type": "Text", "entryMethod": "EntryField", "numberOfDecimals": 0, "connectWiseId": "aa42"},
            {"id": 24, "caption": "Internal project", "type": "Checkbox", "entryMethod": "EntryField", "numberOfDecimals": 0, "value": true},
            {"id": 31, "caption": "Weird", "type": "Barcode", "entryMethod": "Scanner", "value": 5}
        ],
        "_info": {"lastUpdated": "2018-05-07T13:56:48Z", "updatedBy": "petur          ", "dateEntered": "2018-05-04T16:06:39Z", "enteredBy": "petur", "notes_href": "n"},
        "aFieldFromTheFuture": {"nested": [1, 2, 3]}
    });
    let t: ServiceTicket = serde_json::from_value(raw).unwrap();
    assert_eq!(t.record_type, Some(RecordType::ServiceTicket));
    assert_eq!(t.impact, Some(Level::High));
    assert!(t.is_closed());
    assert_eq!(t.escalation_level, Some(15));
    assert_eq!(t.is_in_sla, Some(true));
    assert!(t.integrator_tags.is_empty());
    assert_eq!(t.status.as_ref().unwrap().extra["Sort"], 30);
    assert_eq!(t.currency.as_ref().unwrap().extra["currencyCode"], "USD");
    assert_eq!(t.company.as_ref().unwrap().name.as_deref(), Some("Þekking"));
    assert_eq!(
        t.info.as_ref().unwrap().updated_by.as_deref(),
        Some("petur")
    );
    assert!(t.closed_date.is_some() && t.escalation_start_date_utc.is_some());
    assert!(t.custom_fields[0].value.is_null());
    assert_eq!(
        t.custom_fields[2].field_type,
        Some(CustomFieldType::Unknown("Barcode".into()))
    );
    assert_eq!(t.extra["aFieldFromTheFuture"]["nested"][2], 3);
}

#[test]
fn companies_contacts_members_and_notes() {
    let c: Company = serde_json::from_value(json!({
        "id": 250, "identifier": "THE", "name": "Þekking", "status": {"id": 1, "name": "Active"},
        "dateAcquired": "2006-06-21T04:00:00Z", "annualRevenue": 0.0, "faxNumber": "",
        "sicCode": {"id": 1209, "name": "5734 - Computer and software stores"},
        "types": [{"id": 1, "name": "Client"}], "deletedFlag": false,
        "customFields": [{"id": 26, "caption": "Microsoft - TenantID", "type": "Text", "entryMethod": "EntryField"}]
    }))
    .unwrap();
    assert!(c.date_acquired.is_some());
    assert_eq!(c.types[0].name.as_deref(), Some("Client"));

    let ct: Contact = serde_json::from_value(json!({
        "id": 1, "firstName": "Jorge", "lastName": "Smith", "company": {"id": 19297, "identifier": "XYZ"},
        "site": {}, "companyLocation": {"id": 2, "name": "My Company"},
        "communicationItems": [{"id": 44102, "type": {"id": 2, "name": "Direct"}, "value": "8135555555", "defaultFlag": true, "communicationType": "Phone"}],
        "ignoreDuplicates": false, "portalPassword": "do-not-print-me"
    }))
    .unwrap();
    assert_eq!(ct.phone(), Some("8135555555"));
    assert!(ct.email().is_none());
    assert!(!format!("{ct:?}").contains("do-not-print-me"));

    let m: Member = serde_json::from_value(json!({
        "id": 156, "identifier": "trigger", "firstName": "Tryggvi", "lastName": "Jónsson",
        "hourlyCost": "0.00", "dailyCapacity": 8, "hireDate": "2010-01-04T00:00:00Z",
        "defaultEmail": "Office", "officeEmail": "t@example.is", "token": "secret-token-value"
    }))
    .unwrap();
    assert_eq!(m.hourly_cost, Some(0.0));
    assert!(m.hire_date.is_some());
    assert!(!format!("{m:?}").contains("secret-token-value"));

    let n: ServiceNote = serde_json::from_value(json!({
        "id": 9, "ticketId": 100, "text": "Reyndi að endursetja lykilorðið",
        "detailDescriptionFlag": false, "internalAnalysisFlag": true, "resolutionFlag": false,
        "member": {"id": 156, "identifier": "trigger", "name": "Tryggvi"}, "dateCreated": "2018-07-10T14:11:00Z",
        "createdBy": "trigger", "internalFlag": true, "externalFlag": false, "sentimentScore": null
    }))
    .unwrap();
    assert!(n.is_internal());
    assert!(n.date_created.is_some());
}

#[test]
fn system_info_and_security_rows() {
    let i: SystemInfo = serde_json::from_value(json!({
        "version": "v2025.1.10333", "isCloud": false, "serverTimeZone": "GMT Standard Time",
        "licenseBits": [{"name": "PocketPC", "activeFlag": true}, {"name": "AuditTrail", "activeFlag": false}],
        "cloudRegion": "EU", "maxWorkFlowRecordsAllowed": 1000
    }))
    .unwrap();
    assert_eq!(i.license_bits.len(), 2);
    let r: MySecurity = serde_json::from_value(json!({
        "id": 3, "addLevel": "None", "editLevel": "All", "deleteLevel": "Some New Level", "inquireLevel": "My",
        "moduleFunctionName": "Service Tickets", "moduleName": "Service Desk",
        "moduleFunctionIdentifier": "SD_ServiceTickets", "moduleIdentifier": "ServiceDesk",
        "myAllFlag": true, "member": {"id": 243, "identifier": "chatapi", "name": "Acme Chat"}
    }))
    .unwrap();
    assert_eq!(r.add_level, Some(SecurityLevel::None));
    assert_eq!(
        r.delete_level,
        Some(SecurityLevel::Unknown("Some New Level".into()))
    );
    assert_eq!(r.inquire_level.unwrap().rank(), 1);
}
