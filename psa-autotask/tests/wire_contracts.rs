//! Contracts, contract services, services and time entries on the wire.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_autotask::models::{ContractService, TimeEntry};
use psa_autotask::{Filter, Query};
use psa_core::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn contracts_and_time_entries_use_autotask_paths_and_shapes() {
    let server = MockServer::start_async().await;
    let contracts = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Contracts/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "companyID", "value": 174}]}));
            then.status(200).json_body(json!({
                "items": [{"id": 9, "contractName": "Managed Services", "companyID": 174, "status": 1,
                           "contractType": 7, "startDate": "2024-01-01T00:00:00", "endDate": "2024-12-31T00:00:00",
                           "isDefaultContract": true, "userDefinedFields": []}],
                "pageDetails": {"count": 1, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let service = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Contracts/9/Services"))
                .json_body(json!({"contractID": 9, "serviceID": 12, "unitPrice": 99.5}));
            then.status(200).json_body(json!({"itemId": 3}));
        })
        .await;
    let time =
        server
            .mock_async(|when, then| {
                when.method(POST).path(path("TimeEntries")).json_body(json!({
                "ticketID": 7001, "resourceID": 29682886, "hoursWorked": 1.5,
                "dateWorked": "2024-02-01T00:00:00.000Z", "summaryNotes": "Replaced the toner"
            }));
                then.status(200).json_body(json!({"itemId": 77}));
            })
            .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(path("TimeEntries/77"));
            then.status(200).json_body(json!({"itemId": 77}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let page = client
        .contracts()
        .query(&Query::with(Filter::eq("companyID", 174)))
        .await
        .unwrap();
    let c = &page.items[0];
    assert_eq!(c.contract_name.as_deref(), Some("Managed Services"));
    assert_eq!(c.is_default_contract, Some(true));
    assert_eq!(
        c.end_date,
        Some(time::macros::datetime!(2024-12-31 00:00:00 UTC))
    );

    let mut s = ContractService::default();
    s.contract_id = Some(9);
    s.service_id = Some(12);
    s.unit_price = Some(99.5);
    assert_eq!(client.contract_services().create(&s).await.unwrap(), 3);
    s.contract_id = None;
    let err = client.contract_services().create(&s).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);

    let mut t = TimeEntry::default();
    t.ticket_id = Some(7001);
    t.resource_id = Some(29_682_886);
    t.hours_worked = Some(1.5);
    t.date_worked = Some(time::macros::datetime!(2024-02-01 00:00:00 UTC));
    t.summary_notes = Some("Replaced the toner".into());
    let id = client.time_entries().create(&t).await.unwrap();
    t.id = Some(id);
    client.time_entries().delete(&t).await.unwrap();

    contracts.assert_calls_async(1).await;
    service.assert_calls_async(1).await;
    time.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn business_connector_maps_contracts_and_time_entries() {
    use psa_core::{BusinessConnector, ContractQuery, TimeEntryParent, TimeEntryQuery};
    let server = MockServer::start_async().await;
    let contracts = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Contracts/query")).json_body(json!({"filter": [{"op": "and", "items": [
                {"op": "eq", "field": "companyID", "value": 174},
                {"op": "eq", "field": "status", "value": 1}
            ]}]}));
            then.status(200).json_body(json!({
                "items": [{"id": 9, "contractName": "Managed Services", "companyID": 174, "status": 1,
                           "contractType": 7, "endDate": "2024-12-31T00:00:00"}],
                "pageDetails": {"count": 1, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let entries = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("TimeEntries/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "ticketID", "value": 7001}]}));
            then.status(200).json_body(json!({
                "items": [
                    {"id": 77, "ticketID": 7001, "resourceID": 29682886, "hoursWorked": 1.5, "isNonBillable": false,
                     "summaryNotes": "Replaced the toner", "dateWorked": "2024-02-01T00:00:00"},
                    {"id": 78, "taskID": 12, "resourceID": 29682886, "hoursWorked": 0.25}
                ],
                "pageDetails": {"count": 2, "requestCount": 500, "prevPageUrl": null, "nextPageUrl": null}
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let page = client
        .list_contracts(
            &ContractQuery::new()
                .company(psa_core::CompanyId(174))
                .active(true),
            None,
        )
        .await
        .unwrap();
    let c = &page.items[0];
    assert_eq!(c.name, "Managed Services");
    assert!(c.is_active);
    assert_eq!(c.contract_type.as_deref(), Some("7"));

    let page = client
        .list_time_entries(
            &TimeEntryQuery::new().ticket(psa_core::TicketId(7001)),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        page.items[0].parent,
        TimeEntryParent::Ticket(psa_core::TicketId(7001))
    );
    assert_eq!(page.items[0].billable, Some(true));
    assert_eq!(page.items[0].hours, Some(1.5));
    assert!(
        matches!(&page.items[1].parent, TimeEntryParent::Other { kind, id: 12 } if kind == "Task")
    );

    contracts.assert_calls_async(1).await;
    entries.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
