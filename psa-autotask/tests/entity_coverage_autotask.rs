//! Issue 14 coverage gaps, Autotask: contracts and time entries natively against the simulator
//! (create, get, update, stream with a filter, the vendor's refusal when the right is off), and
//! on the wire the contact webhooks (written like the company ones) and the service catalogue
//! and contract services streamed across pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_autotask::models::{
    ContactWebhook, ContactWebhookExcludedResource, ContactWebhookField, Contract, ContractService,
    Service, TimeEntry,
};
use psa_autotask::{AutotaskClient, Filter, Query};
use psa_core::{ClientOptions, ErrorKind};
use serde_json::json;
use time::macros::datetime;

async fn sim_client(sim: &psa_sim::AutotaskSimHandle) -> AutotaskClient {
    AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap()
}

fn contract(company: i64, name: &str) -> Contract {
    let mut c = Contract::default();
    c.company_id = Some(company);
    c.contract_name = Some(name.into());
    c.contract_type = Some(7);
    c.status = Some(1);
    c.start_date = Some(datetime!(2026-01-01 00:00:00 UTC));
    c.end_date = Some(datetime!(2026-12-31 00:00:00 UTC));
    c
}

#[tokio::test]
async fn contracts_are_created_read_updated_and_streamed_on_the_simulator() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(14)
        .companies(3)
        .start()
        .await
        .unwrap();
    let client = sim_client(&sim).await;
    let companies = sim.company_ids();
    let mut ids = Vec::new();
    for (i, name) in ["Managed Services", "Backup", "Security"]
        .iter()
        .enumerate()
    {
        let company = companies[i % 2];
        ids.push(
            client
                .contracts()
                .create(&contract(company, name))
                .await
                .unwrap(),
        );
    }
    let back = client.contracts().get(ids[0]).await.unwrap();
    assert_eq!(back.contract_name.as_deref(), Some("Managed Services"));
    assert_eq!(back.company_id, Some(companies[0]));
    assert_eq!(back.end_date, Some(datetime!(2026-12-31 00:00:00 UTC)));

    let mut change = Contract::default();
    change.id = Some(ids[1]);
    change.description = Some("Nightly offsite backup".into());
    client.contracts().update(&change).await.unwrap();
    assert_eq!(
        client
            .contracts()
            .get(ids[1])
            .await
            .unwrap()
            .description
            .as_deref(),
        Some("Nightly offsite backup")
    );

    // A filtered stream returns the first company's contracts (the seeded ones and the two
    // made here, not the other company's), page by page, as many as the count says.
    let filter = Query::with(Filter::eq("companyID", companies[0]));
    let first: Vec<Contract> = client
        .contracts()
        .stream(filter.clone().max_records(1))
        .try_collect()
        .await
        .unwrap();
    assert!(first.iter().all(|c| c.company_id == Some(companies[0])));
    let got: Vec<i64> = first.iter().map(|c| c.id.unwrap()).collect();
    assert!(got.contains(&ids[0]) && got.contains(&ids[2]), "{got:?}");
    assert!(!got.contains(&ids[1]));
    assert_eq!(
        client.contracts().count(&filter).await.unwrap(),
        got.len() as u64
    );

    // Contracts cannot be deleted through the API: refused before anything is sent.
    let err = client.contracts().delete(&back).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);

    // A create without the required fields is refused like Autotask does.
    let mut bare = Contract::default();
    bare.contract_name = Some("No company".into());
    let err = client.contracts().create(&bare).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    sim.stop().await;
}

#[tokio::test]
async fn time_entries_are_created_streamed_by_ticket_and_deleted_on_the_simulator() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(14)
        .companies(2)
        .tickets(3)
        .start()
        .await
        .unwrap();
    let client = sim_client(&sim).await;
    let me = client.whoami().await.unwrap().unwrap().id.unwrap();
    let ticket = sim.ticket_ids()[0];
    let other = sim.ticket_ids()[1];
    let mut made = Vec::new();
    for (t, hours) in [(ticket, 1.5), (ticket, 0.25), (other, 2.0)] {
        let mut e = TimeEntry::default();
        e.ticket_id = Some(t);
        e.resource_id = Some(me);
        e.hours_worked = Some(hours);
        e.date_worked = Some(datetime!(2026-02-01 00:00:00 UTC));
        e.summary_notes = Some("Replaced the toner".into());
        made.push(client.time_entries().create(&e).await.unwrap());
    }
    let one = client.time_entries().get(made[0]).await.unwrap();
    assert_eq!(one.ticket_id, Some(ticket));
    assert_eq!(one.hours_worked, Some(1.5));

    let on_ticket: Vec<TimeEntry> = client
        .time_entries()
        .stream(Query::with(Filter::eq("ticketID", ticket)).max_records(1))
        .try_collect()
        .await
        .unwrap();
    assert!(on_ticket.iter().all(|e| e.ticket_id == Some(ticket)));
    let mut hours: Vec<f64> = on_ticket
        .iter()
        .filter(|e| made.contains(&e.id.unwrap()))
        .filter_map(|e| e.hours_worked)
        .collect();
    hours.sort_by(f64::total_cmp);
    assert_eq!(
        hours,
        [0.25, 1.5],
        "the two made on this ticket, not the other one"
    );

    client.time_entries().delete(&one).await.unwrap();
    let left = client
        .time_entries()
        .count(&Query::with(Filter::eq("ticketID", ticket)))
        .await
        .unwrap();
    assert_eq!(left, on_ticket.len() as u64 - 1);
    let err = client.time_entries().get(made[0]).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);

    // A time entry without its required fields names what is missing.
    let err = client
        .time_entries()
        .create(&TimeEntry::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    sim.stop().await;
}

#[tokio::test]
async fn contracts_and_time_entries_without_their_rights_are_refused_by_the_vendor() {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(14)
        .companies(1)
        .deny(psa_core::Capability::ReadContracts)
        .deny(psa_core::Capability::ReadTimeEntries)
        .start()
        .await
        .unwrap();
    let client = sim_client(&sim).await;
    let err = client
        .contracts()
        .query(&Query::with(Filter::exist("id")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    let err = client
        .time_entries()
        .query(&Query::with(Filter::exist("id")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    // The entity information says what the security level lacks.
    let info = client.contracts().entity_information().await.unwrap();
    assert_eq!(
        info.can_query,
        Some(true),
        "the entity itself can be queried"
    );
    sim.stop().await;
}

fn page(items: serde_json::Value, next: Option<String>) -> serde_json::Value {
    json!({
        "items": items,
        "pageDetails": {"count": 1, "requestCount": 1, "prevPageUrl": null, "nextPageUrl": next}
    })
}

#[tokio::test]
async fn services_and_contract_services_stream_across_pages() {
    let server = MockServer::start_async().await;
    let body =
        json!({"filter": [{"op": "eq", "field": "isActive", "value": true}], "MaxRecords": 1});
    let next = server.url(format!("{API}/Services/query/next?paging=s2"));
    let first = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Services/query"))
                .json_body(body.clone());
            then.status(200).json_body(page(
                json!([{"id": 12, "name": "Managed Workstation", "unitPrice": 45.0, "isActive": true,
                        "periodType": 3, "sku": "MW-01"}]),
                Some(next.clone()),
            ));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Services/query/next"))
                .query_param("paging", "s2")
                .json_body(body.clone());
            then.status(200).json_body(page(
                json!([{"id": 13, "name": "Managed Server", "unitPrice": 120.0, "isActive": true}]),
                None,
            ));
        })
        .await;
    let contract_services = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ContractServices/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "contractID", "value": 9}]}));
            then.status(200).json_body(page(
                json!([{"id": 3, "contractID": 9, "serviceID": 12, "unitPrice": 99.5,
                        "invoiceDescription": "Workstations", "quoteItemID": null}]),
                None,
            ));
        })
        .await;
    let one = server
        .mock_async(|when, then| {
            when.method(GET).path(path("ContractServices/3"));
            then.status(200)
                .json_body(json!({"item": {"id": 3, "contractID": 9, "serviceID": 12}}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let services: Vec<Service> = client
        .services()
        .stream(Query::with(Filter::eq("isActive", true)).max_records(1))
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = services.iter().filter_map(|s| s.name.as_deref()).collect();
    assert_eq!(names, ["Managed Workstation", "Managed Server"]);
    assert_eq!(services[0].sku.as_deref(), Some("MW-01"));

    let on_contract: Vec<ContractService> = client
        .contract_services()
        .stream(Query::with(Filter::eq("contractID", 9)))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(on_contract.len(), 1);
    assert_eq!(on_contract[0].unit_price, Some(99.5));
    let got = client.contract_services().get(3).await.unwrap();
    assert_eq!(got.service_id, Some(12));

    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    contract_services.assert_calls_async(1).await;
    one.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn contact_webhooks_are_written_on_their_own_paths() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ContactWebhooks"))
                .json_body(json!({
                    "name": "psa-sdk contacts", "webhookUrl": "https://hooks.example/at/contacts",
                    "deactivationUrl": "https://hooks.example/at/off", "secretKey": "k-456",
                    "isActive": true, "isSubscribedToCreateEvents": true,
                    "isSubscribedToUpdateEvents": true, "isSubscribedToDeleteEvents": true
                }));
            then.status(200).json_body(json!({"itemId": 31}));
        })
        .await;
    let field = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ContactWebhooks/31/Fields"))
                .json_body(json!({"fieldID": 4, "isSubscribedField": true, "webhookID": 31}));
            then.status(200).json_body(json!({"itemId": 401}));
        })
        .await;
    let excluded = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ContactWebhooks/31/ExcludedResources"))
                .json_body(json!({"resourceID": 29682891, "webhookID": 31}));
            then.status(200).json_body(json!({"itemId": 71}));
        })
        .await;
    let excluded_delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(path("ContactWebhooks/31/ExcludedResources/71"));
            then.status(200).json_body(json!({"itemId": 71}));
        })
        .await;
    let query = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ContactWebhooks/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "isActive", "value": true}]}));
            then.status(200).json_body(page(
                json!([{"id": 31, "name": "psa-sdk contacts", "webhookUrl": "https://hooks.example/at/contacts",
                        "isActive": true, "isReady": false, "secretKey": null, "ownerResourceID": 29682885}]),
                None,
            ));
        })
        .await;
    let fields = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ContactWebhookFields/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "webhookID", "value": 31}]}));
            then.status(200).json_body(page(
                json!([{"id": 401, "webhookID": 31, "fieldID": 4, "isSubscribedField": true,
                        "isDisplayAlwaysField": false}]),
                None,
            ));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let mut hook = ContactWebhook::default();
    hook.name = Some("psa-sdk contacts".into());
    hook.webhook_url = Some("https://hooks.example/at/contacts".into());
    hook.deactivation_url = Some("https://hooks.example/at/off".into());
    hook.secret_key = Some("k-456".to_string().into());
    hook.is_active = Some(true);
    hook.is_subscribed_to_create_events = Some(true);
    hook.is_subscribed_to_update_events = Some(true);
    hook.is_subscribed_to_delete_events = Some(true);
    let id = client.contact_webhooks().create(&hook).await.unwrap();
    assert_eq!(id, 31);

    let mut f = ContactWebhookField::default();
    f.webhook_id = Some(id);
    f.field_id = Some(4);
    f.is_subscribed_field = Some(true);
    assert_eq!(
        client.contact_webhook_fields().create(&f).await.unwrap(),
        401
    );

    let mut x = ContactWebhookExcludedResource::default();
    x.webhook_id = Some(id);
    x.resource_id = Some(29_682_891);
    let xid = client
        .contact_webhook_excluded_resources()
        .create(&x)
        .await
        .unwrap();
    x.id = Some(xid);
    client
        .contact_webhook_excluded_resources()
        .delete(&x)
        .await
        .unwrap();

    let hooks: Vec<ContactWebhook> = client
        .contact_webhooks()
        .stream(Query::with(Filter::eq("isActive", true)))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].is_ready, Some(false));
    assert!(hooks[0].secret_key.is_none());
    let subscribed: Vec<ContactWebhookField> = client
        .contact_webhook_fields()
        .stream(Query::with(Filter::eq("webhookID", 31)))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(subscribed[0].field_id, Some(4));

    create.assert_calls_async(1).await;
    field.assert_calls_async(1).await;
    excluded.assert_calls_async(1).await;
    excluded_delete.assert_calls_async(1).await;
    query.assert_calls_async(1).await;
    fields.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
