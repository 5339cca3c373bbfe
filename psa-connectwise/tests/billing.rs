//! Agreements, agreement additions and time entries: the exact wire requests (httpmock), the
//! core mapping (`list_contracts`, `list_time_entries`) and the behaviour against psa-sim,
//! including the vendor's 403 when the role lacks Finance > Agreements or Time Entry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod sim;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_connectwise::models::{BillableOption, ChargeToType, NewTimeEntry};
use psa_connectwise::{Patch, Query, field};
use psa_core::{
    BusinessConnector, BusinessConnectorExt, Capability, CheckOutcome, CompanyId, ContractQuery,
    ErrorKind, PreflightOptions, TicketId, TimeEntryParent, TimeEntryQuery,
};
use psa_sim::ConnectWiseSim;
use serde_json::json;
use time::macros::datetime;

#[tokio::test]
async fn agreements_and_additions_send_conditions_and_paths() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("finance/agreements"))
                .header("authorization", AUTH)
                .query_param(
                    "conditions",
                    "company/id = 250 and lastUpdated > [2025-01-01T00:00:00Z]",
                )
                .query_param("pageSize", "10")
                .query_param("page", "1");
            then.status(200).json_body(json!([
                {"id": 12, "name": "Managed Services", "type": {"id": 1, "name": "Managed"},
                 "company": {"id": 250}, "agreementStatus": "Active",
                 "startDate": "2024-01-01T00:00:00Z", "billAmount": 900.0,
                 "_info": {"lastUpdated": "2025-02-01T00:00:00Z"}}
            ]));
        })
        .await;
    let additions = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("finance/agreements/12/additions"))
                .query_param("pageSize", "25");
            then.status(200).json_body(json!([
                {"id": 5, "product": {"id": 40, "identifier": "AV-SEAT"}, "quantity": 25.0,
                 "unitPrice": 3.5, "billCustomer": "Billable", "agreementId": 12}
            ]));
        })
        .await;
    let one = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("finance/agreements/12/additions/5"));
            then.status(200).json_body(
                json!({"id": 5, "product": {"id": 40}, "quantity": 25, "agreementId": 12}),
            );
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let q = Query::new()
        .conditions(
            field("company/id")
                .eq(250)
                .and(field("lastUpdated").gt(datetime!(2025-01-01 0:00 UTC))),
        )
        .page_size(10);
    let page = client.agreements().list(&q, None).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page.items[0].is_active());
    assert_eq!(page.items[0].bill_amount, Some(900.0));
    let adds = client
        .agreements()
        .additions(12)
        .list(&Query::new().page_size(25), None)
        .await
        .unwrap();
    assert_eq!(adds.items[0].product.as_ref().and_then(|p| p.id), Some(40));
    let a = client.agreements().additions(12).get(5).await.unwrap();
    assert_eq!(a.quantity, Some(25.0));
    list.assert_calls_async(1).await;
    additions.assert_calls_async(1).await;
    one.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn time_entries_post_and_patch_the_vendor_shapes() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let reply = json!({
        "id": 77, "chargeToId": 1001, "chargeToType": "ServiceTicket",
        "member": {"id": 243, "identifier": "PsaSdkApi"}, "company": {"id": 250},
        "timeStart": "2025-05-01T09:00:00Z", "timeEnd": "2025-05-01T10:30:00Z",
        "actualHours": 1.5, "billableOption": "Billable", "notes": "Replaced the switch",
        "_info": {"lastUpdated": "2025-05-01T10:31:00Z"}
    });
    let post = {
        let reply = reply.clone();
        server
            .mock_async(move |when, then| {
                when.method(POST)
                    .path(api("time/entries"))
                    .header("authorization", AUTH)
                    .json_body(json!({
                        "chargeToId": 1001, "chargeToType": "ServiceTicket",
                        "timeStart": "2025-05-01T09:00:00Z", "timeEnd": "2025-05-01T10:30:00Z",
                        "billableOption": "Billable", "notes": "Replaced the switch"
                    }));
                then.status(201).json_body(reply);
            })
            .await
    };
    let patch = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path(api("time/entries/77"))
                .json_body(json!([{"op": "replace", "path": "notes", "value": "Swapped"}]));
            then.status(200)
                .json_body(json!({"id": 77, "chargeToType": "ServiceTicket", "chargeToId": 1001, "notes": "Swapped"}));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let start = datetime!(2025-05-01 09:00 UTC);
    let new = NewTimeEntry::on_service_ticket(1001, start)
        .ends_at(datetime!(2025-05-01 10:30 UTC))
        .billable(BillableOption::Billable)
        .notes("Replaced the switch");
    let t = client.time_entries().create(&new).await.unwrap();
    assert_eq!(t.service_ticket(), Some(1001));
    assert_eq!(t.is_billable(), Some(true));
    let p = client
        .time_entries()
        .update(77, &Patch::new().replace("notes", "Swapped"))
        .await
        .unwrap();
    assert_eq!(p.notes.as_deref(), Some("Swapped"));
    // Invalid input never leaves the process.
    let backwards =
        NewTimeEntry::on_service_ticket(1001, start).ends_at(datetime!(2025-05-01 08:00 UTC));
    let err = client.time_entries().create(&backwards).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.to_string().contains("timeEnd"), "{err}");
    post.assert_calls_async(1).await;
    patch.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn core_time_entries_filter_by_ticket_and_map_parents() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(api("time/entries")).query_param(
                "conditions",
                "chargeToType = \"ServiceTicket\" and chargeToId = 1001 and lastUpdated >= [2025-04-01T00:00:00Z]",
            ).query_param("orderBy", "id asc");
            then.status(200).json_body(json!([
                {"id": 1, "chargeToType": "ServiceTicket", "chargeToId": 1001, "actualHours": 0.5,
                 "member": {"id": 3}, "billableOption": "DoNotBill"}
            ]));
        })
        .await;
    let contracts = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("finance/agreements"))
                .query_param(
                    "conditions",
                    "company/id = 250 and agreementStatus = \"Active\"",
                );
            then.status(200).json_body(json!([
                {"id": 12, "name": "Managed", "company": {"id": 250}, "cancelledFlag": false,
                 "agreementStatus": "Active", "type": {"id": 1, "name": "Managed Services"}}
            ]));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let q = TimeEntryQuery::new()
        .ticket(TicketId(1001))
        .updated_since(datetime!(2025-04-01 0:00 UTC));
    let page = client.list_time_entries(&q, None).await.unwrap();
    assert_eq!(
        page.items[0].parent,
        TimeEntryParent::Ticket(TicketId(1001))
    );
    assert_eq!(page.items[0].billable, Some(false));
    assert_eq!(page.items[0].hours, Some(0.5));
    let raw = serde_json::to_value(&page.items[0].vendor_record).unwrap();
    assert_eq!(raw["chargeToId"], 1001);
    let c = client
        .list_contracts(
            &ContractQuery::new().company(CompanyId(250)).active(true),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        c.items[0].contract_type.as_deref(),
        Some("Managed Services")
    );
    assert_eq!(c.items[0].status.as_deref(), Some("Active"));
    list.assert_calls_async(1).await;
    contracts.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn sim_agreements_filter_page_and_list_additions() {
    let sim = ConnectWiseSim::builder()
        .seed(6)
        .companies(7)
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).page_size(2).build().await.unwrap();
    let api = client.agreements();
    let all: Vec<_> = api
        .stream(Query::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert!(
        all.len() > 7,
        "one per company plus expired ones: {}",
        all.len()
    );
    assert_eq!(api.count(None).await.unwrap(), all.len() as u64);
    assert!(all.iter().any(|a| !a.is_active()) && all.iter().any(|a| a.is_active()));
    let company = all[0].company.as_ref().and_then(|c| c.id).unwrap();
    let of = api
        .list(
            &Query::new().conditions(field("company/id").eq(company)),
            None,
        )
        .await
        .unwrap();
    assert!(
        of.items
            .iter()
            .all(|a| a.company.as_ref().and_then(|c| c.id) == Some(company))
    );
    // `lastUpdated > [..]` keeps only what changed after the newest but one.
    let mut stamps: Vec<_> = all
        .iter()
        .filter_map(|a| a.info.as_ref().and_then(|i| i.last_updated))
        .collect();
    stamps.sort();
    let cut = stamps[stamps.len() - 2];
    let newer = api
        .list(&Query::new().conditions(field("lastUpdated").gt(cut)), None)
        .await
        .unwrap();
    assert_eq!(newer.items.len(), 1);
    let adds: Vec<_> = api
        .additions(all[0].id)
        .stream(Query::new())
        .try_collect()
        .await
        .unwrap();
    assert!(!adds.is_empty() && adds.iter().all(|a| a.agreement_id == Some(all[0].id)));
    let missing = api
        .additions(999_999)
        .list(&Query::new(), None)
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    // The core mapping: active filter and company filter.
    let active: Vec<_> = client
        .stream_contracts(&ContractQuery::new().active(true))
        .try_collect()
        .await
        .unwrap();
    assert!(!active.is_empty() && active.iter().all(|c| c.is_active));
    let inactive: Vec<_> = client
        .stream_contracts(&ContractQuery::new().active(false))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(active.len() + inactive.len(), all.len());
    // `updated_since` keeps what changed at or after the instant.
    let since: Vec<_> = client
        .stream_contracts(&ContractQuery::new().updated_since(cut))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(since.len(), 2, "the newest two stamps are distinct");
    assert!(since.iter().all(|c| c.updated_at.is_some_and(|t| t >= cut)));
    sim.stop().await;
}

#[tokio::test]
async fn sim_time_entries_round_trip_with_the_time_entry_rights() {
    let sim = ConnectWiseSim::builder()
        .seed(6)
        .companies(3)
        .tickets(12)
        .set_level("Time & Expense", "Time Entry", "add", "All")
        .set_level("Time & Expense", "Time Entry", "edit", "All")
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let api = client.time_entries();
    let seeded: Vec<_> = api
        .stream(Query::new().page_size(5))
        .try_collect()
        .await
        .unwrap();
    assert!(
        seeded
            .iter()
            .any(|t| t.charge_to_type == Some(ChargeToType::ChargeCode))
    );
    let ticket = seeded.iter().find_map(|t| t.service_ticket()).unwrap();
    let start = datetime!(2025-05-01 09:00 UTC);
    let new = NewTimeEntry::on_service_ticket(ticket, start)
        .ends_at(datetime!(2025-05-01 09:45 UTC))
        .notes("Patched the firewall");
    let created = api.create(&new).await.unwrap();
    assert_eq!(created.actual_hours, Some(0.75));
    assert_eq!(created.service_ticket(), Some(ticket));
    assert!(created.company.as_ref().and_then(|c| c.id).is_some());
    let got = api.get(created.id).await.unwrap();
    assert_eq!(got.notes.as_deref(), Some("Patched the firewall"));
    let patched = api
        .update(
            created.id,
            &Patch::new().replace("billableOption", "NoCharge"),
        )
        .await
        .unwrap();
    assert_eq!(patched.is_billable(), Some(false));
    // The core view filters by ticket and maps the parent.
    let on: Vec<_> = client
        .stream_time_entries(&TimeEntryQuery::new().ticket(TicketId(ticket)))
        .try_collect()
        .await
        .unwrap();
    assert!(on.iter().any(|t| t.id.get() == created.id));
    assert!(
        on.iter()
            .all(|t| t.parent == TimeEntryParent::Ticket(TicketId(ticket)))
    );
    let codes: Vec<_> = client
        .stream_time_entries(&TimeEntryQuery::new())
        .try_collect()
        .await
        .unwrap();
    assert!(
        codes.iter().any(
            |t| matches!(&t.parent, TimeEntryParent::Other { kind, .. } if kind == "ChargeCode")
        )
    );
    // A ticket that does not exist is the vendor's 400, typed.
    let ghost = NewTimeEntry::on_service_ticket(9_999_999, start);
    assert_eq!(
        api.create(&ghost).await.unwrap_err().kind(),
        ErrorKind::Validation
    );
    sim.stop().await;
}

#[tokio::test]
async fn sim_denies_billing_reads_and_preflight_names_the_rows() {
    let sim = ConnectWiseSim::builder()
        .seed(6)
        .deny(Capability::ReadTimeEntries)
        .deny(Capability::ReadContracts)
        .start()
        .await
        .unwrap();
    let client = sim::builder(&sim).build().await.unwrap();
    let err = client
        .time_entries()
        .list(&Query::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    let err = client
        .agreements()
        .list(&Query::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    // Creating needs Add, which the recommended role does not grant.
    let new =
        NewTimeEntry::charged_to(ChargeToType::ChargeCode, 1, datetime!(2025-05-01 09:00 UTC));
    let err = client.time_entries().create(&new).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    let report = client
        .preflight(&PreflightOptions::for_capabilities([
            Capability::ReadContracts,
            Capability::ReadTimeEntries,
        ]))
        .await
        .unwrap();
    for (cap, right) in [
        (Capability::ReadContracts, "Finance / Agreements: Inquire"),
        (
            Capability::ReadTimeEntries,
            "Time & Expense / Time Entry: Inquire",
        ),
    ] {
        let check = report.checks.iter().find(|c| c.capability == cap).unwrap();
        assert_eq!(check.outcome, CheckOutcome::Missing, "{report}");
        assert_eq!(check.right, right);
    }
    sim.stop().await;
}

#[tokio::test]
async fn sim_time_entry_inquire_at_my_shows_only_the_api_members_time() {
    let count = |level: &'static str| async move {
        let sim = ConnectWiseSim::builder()
            .seed(6)
            .tickets(20)
            .set_level("Time & Expense", "Time Entry", "inquire", level)
            .start()
            .await
            .unwrap();
        let client = sim::builder(&sim).build().await.unwrap();
        let seen: Vec<_> = client
            .time_entries()
            .stream(Query::new())
            .try_collect()
            .await
            .unwrap();
        sim.stop().await;
        seen.iter()
            .filter_map(|t| t.member.as_ref().and_then(|m| m.id))
            .collect::<Vec<_>>()
    };
    let all = count("All").await;
    let mine = count("My").await;
    assert!(
        !mine.is_empty() && mine.len() < all.len(),
        "{} of {}",
        mine.len(),
        all.len()
    );
    let members: std::collections::BTreeSet<_> = mine.iter().collect();
    assert_eq!(members.len(), 1, "{members:?}");
}
