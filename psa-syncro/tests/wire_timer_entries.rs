//! Billing writes: ticket timers (`POST /tickets/{id}/timer_entry`, `PUT /tickets/{id}/update_timer_entry`,
//! `POST /tickets/{id}/charge_timer_entry`, `POST /tickets/{id}/delete_timer_entry`) and contracts (`POST /contracts`, `PUT /contracts/{id}`),
//! on the wire (the spec's JSON) and against the simulator, with the right named when it is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/sim.rs"]
mod sim;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_core::ErrorKind;
use psa_syncro::TimerFilter;
use psa_syncro::models::{ChargeTimerInput, TimerEntryInput};
use serde_json::json;
use time::macros::datetime;

#[tokio::test]
async fn timer_entries_are_logged_changed_and_deleted_on_their_ticket() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/tickets/15/timer_entry")).json_body(json!({
                "start_at": "2019-11-05T12:15:59Z", "end_at": "2019-11-05T12:25:59Z",
                "notes": "API Timer", "user_id": 1
            }));
            then.status(200).json_body(json!({
                "id": 1, "ticket_id": 15, "user_id": 1, "start_time": "2019-11-05T12:15:59.000Z",
                "end_time": "2019-11-05T12:25:59.000Z", "recorded": false,
                "created_at": "2019-11-05T12:15:59.365Z", "updated_at": "2019-11-05T12:15:59.365Z",
                "billable": false, "notes": "API Timer", "toggl_id": null, "product_id": null,
                "comment_id": null, "ticket_line_item_id": null, "active_duration": 600,
                "billable_time": 120, "billable_override": null
            }));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            authed(
                when.method(PUT)
                    .path("/api/v1/tickets/15/update_timer_entry"),
            )
            .json_body(json!({"timer_entry_id": 1, "notes": "Updated Notes", "product_id": 2}));
            then.status(200).json_body(json!({
                "ticket_id": 15, "id": 1, "notes": "Updated Notes", "user_id": 1,
                "start_time": "2019-11-05T12:15:59.000Z", "end_time": "2019-11-05T12:25:59.000Z",
                "recorded": false, "billable": false, "product_id": 2
            }));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            authed(
                when.method(POST)
                    .path("/api/v1/tickets/15/delete_timer_entry"),
            )
            .json_body(json!({"timer_entry_id": 1}));
            then.status(200).json_body(json!({"success": true}));
        })
        .await;
    let catch = catch_all(&server).await;
    let c = client(&server).await;

    let input = TimerEntryInput::new()
        .start_at(datetime!(2019-11-05 12:15:59 UTC))
        .end_at(datetime!(2019-11-05 12:25:59 UTC))
        .notes("API Timer")
        .user_id(1);
    let t = c.ticket_timers().create(15, &input).await.unwrap();
    assert_eq!(t.id, 1);
    assert_eq!(t.minutes(), Some(10));
    assert_eq!(t.active_duration, Some(600));

    let changed = c
        .ticket_timers()
        .update(
            15,
            1,
            &TimerEntryInput::new().notes("Updated Notes").product_id(2),
        )
        .await
        .unwrap();
    assert_eq!(changed.notes.as_deref(), Some("Updated Notes"));
    assert_eq!(changed.product_id, Some(2));
    c.ticket_timers().delete(15, 1).await.unwrap();

    // Refused before sending: an end before the start.
    let err = c
        .ticket_timers()
        .create(
            15,
            &TimerEntryInput::new()
                .start_at(datetime!(2019-11-05 12:15:59 UTC))
                .end_at(datetime!(2019-11-05 12:00:00 UTC)),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);

    create.assert_calls_async(1).await;
    update.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_denied_timer_write_names_the_right() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            authed(when.method(POST));
            then.status(401).json_body(json!({"error": "Not authorized. Please ask account admin to update your group permissions."}));
        })
        .await;
    let c = client(&server).await;
    let err = c
        .ticket_timers()
        .create(15, &TimerEntryInput::new().duration_minutes(30))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(
        err.to_string().contains("Ticket Timers - Overview"),
        "{err}"
    );
}

#[tokio::test]
async fn a_timer_is_charged_with_its_id_in_the_body() {
    let server = MockServer::start_async().await;
    let charge = server
        .mock_async(|when, then| {
            authed(
                when.method(POST)
                    .path("/api/v1/tickets/29/charge_timer_entry"),
            )
            .json_body(json!({"timer_entry_id": 3}));
            then.status(200).json_body(json!({
                "ticket_id": 29, "id": 3, "notes": "Updated Notes", "user_id": 1,
                "toggl_id": null, "start_time": "2013-08-06T13:41:15.000Z",
                "end_time": "2013-08-06T14:41:15.000Z", "recorded": true,
                "created_at": "2019-11-05T14:58:58.047Z", "updated_at": "2019-11-05T14:58:58.062Z",
                "billable": false, "product_id": 2, "comment_id": null, "ticket_line_item_id": null,
                "active_duration": null, "billable_time": 120, "billable_override": null
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let c = client(&server).await;
    let t = c
        .ticket_timers()
        .charge(29, &ChargeTimerInput::new(3))
        .await
        .unwrap();
    assert_eq!((t.id, t.ticket_id, t.recorded), (3, Some(29), Some(true)));
    assert_eq!(t.minutes(), Some(60));
    assert_eq!(t.product_id, Some(2));

    // Refused before sending: ids Syncro cannot hold.
    for (ticket, timer) in [(29, 0), (29, -4), (0, 3)] {
        let err = c
            .ticket_timers()
            .charge(ticket, &ChargeTimerInput::new(timer))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{ticket}/{timer}");
        assert!(err.to_string().contains("_id must be a positive"), "{err}");
    }
    charge.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn timers_are_charged_on_the_simulator_under_ticket_timers_overview() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(14)
        .companies(2)
        .tickets(3)
        .grant_permission("Ticket Timers - Overview")
        .rate_limit(100_000, std::time::Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let c = sim::fast_client(&handle).await;
    let tickets = c
        .tickets()
        .list(&psa_syncro::TicketFilter::new())
        .await
        .unwrap()
        .items;
    let (ticket, other) = (tickets[0].id, tickets[1].id);
    let t = c
        .ticket_timers()
        .create(ticket, &TimerEntryInput::new().duration_minutes(30))
        .await
        .unwrap();
    assert_eq!(t.recorded, Some(false));
    let charged = c
        .ticket_timers()
        .charge(ticket, &ChargeTimerInput::new(t.id))
        .await
        .unwrap();
    assert_eq!((charged.id, charged.recorded), (t.id, Some(true)));
    assert_eq!(charged.minutes(), Some(30));
    let listed: Vec<_> = c
        .ticket_timers()
        .stream(TimerFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert!(
        listed
            .iter()
            .any(|x| x.id == t.id && x.recorded == Some(true))
    );

    // A timer of another ticket, or no such timer, is the vendor's 404.
    for (tk, id) in [(other, t.id), (ticket, 987_654)] {
        let err = c
            .ticket_timers()
            .charge(tk, &ChargeTimerInput::new(id))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "{tk}/{id}");
    }

    handle.deny_permission("Ticket Timers - Overview").unwrap();
    let err = c
        .ticket_timers()
        .charge(ticket, &ChargeTimerInput::new(t.id))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(
        err.to_string().contains("Ticket Timers - Overview"),
        "{err}"
    );
    handle.stop().await;
}

#[tokio::test]
async fn timer_entries_round_trip_on_the_simulator() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(14)
        .companies(2)
        .tickets(3)
        .grant_permission("Ticket Timers - Overview")
        .rate_limit(100_000, std::time::Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let c = sim::fast_client(&handle).await;
    let ticket = c
        .tickets()
        .list(&psa_syncro::TicketFilter::new())
        .await
        .unwrap()
        .items[0]
        .id;
    let before: Vec<_> = c
        .ticket_timers()
        .stream(TimerFilter::new())
        .try_collect()
        .await
        .unwrap();

    let t = c
        .ticket_timers()
        .create(
            ticket,
            &TimerEntryInput::new()
                .start_at(datetime!(2026-02-01 09:00 UTC))
                .duration_minutes(45)
                .notes("Replaced the toner"),
        )
        .await
        .unwrap();
    assert_eq!(t.ticket_id, Some(ticket));
    assert_eq!(t.minutes(), Some(45));
    assert_eq!(
        t.user_id,
        Some(handle.user_id()),
        "the token's user by default"
    );

    let changed = c
        .ticket_timers()
        .update(ticket, t.id, &TimerEntryInput::new().duration_minutes(90))
        .await
        .unwrap();
    assert_eq!(changed.minutes(), Some(90));
    assert_eq!(changed.notes.as_deref(), Some("Replaced the toner"));

    let after: Vec<_> = c
        .ticket_timers()
        .stream(TimerFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after
            .iter()
            .any(|x| x.id == t.id && x.minutes() == Some(90))
    );

    c.ticket_timers().delete(ticket, t.id).await.unwrap();
    let err = c.ticket_timers().delete(ticket, t.id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);

    handle.deny_permission("Ticket Timers - Overview").unwrap();
    let err = c
        .ticket_timers()
        .create(ticket, &TimerEntryInput::new().duration_minutes(5))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(
        err.to_string().contains("Ticket Timers - Overview"),
        "{err}"
    );
    handle.stop().await;
}

#[tokio::test]
async fn contracts_are_created_and_changed_with_the_edit_right() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            authed(when.method(POST).path("/api/v1/contracts")).json_body(json!({
                "customer_id": 1, "name": "Support Tier 1", "contract_amount": "30k",
                "start_date": "2019-10-23T00:00:00Z", "status": "Opportunity", "likelihood": 30
            }));
            then.status(200).json_body(json!({
                "id": 1, "account_id": 1, "customer_id": 1, "name": "Support Tier 1",
                "contract_amount": "30k", "start_date": "2019-10-23T00:00:00.000Z",
                "end_date": "2020-10-22T00:00:00.000Z", "primary_contact": null,
                "description": "Contract Description", "status": "Opportunity", "likelihood": 30,
                "apply_to_all": false, "sla_id": null
            }));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            authed(when.method(PUT).path("/api/v1/contracts/1"))
                .json_body(json!({"customer_id": 1, "status": "Won", "likelihood": 100}));
            then.status(200).json_body(json!({
                "id": 1, "customer_id": 1, "name": "Support Tier 1", "status": "Won", "likelihood": 100
            }));
        })
        .await;
    let catch = catch_all(&server).await;
    let c = client(&server).await;
    let made = c
        .contracts()
        .create(
            &psa_syncro::models::ContractInput::new(1)
                .name("Support Tier 1")
                .contract_amount("30k")
                .start_date(datetime!(2019-10-23 00:00 UTC))
                .status("Opportunity")
                .likelihood(30),
        )
        .await
        .unwrap();
    assert_eq!(made.id, 1);
    assert_eq!(made.contract_amount.as_deref(), Some("30k"));
    let won = c
        .contracts()
        .update(
            1,
            &psa_syncro::models::ContractInput::new(1)
                .status("Won")
                .likelihood(100),
        )
        .await
        .unwrap();
    assert_eq!(won.status.as_deref(), Some("Won"));
    let err = c
        .contracts()
        .create(&psa_syncro::models::ContractInput::new(0))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    create.assert_calls_async(1).await;
    update.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn contracts_round_trip_on_the_simulator_and_need_contracts_edit() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(14)
        .companies(4)
        .grant_permission("Contracts - List/Search")
        .grant_permission("Contracts - Edit")
        .rate_limit(100_000, std::time::Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let c = sim::fast_client(&handle).await;
    let customer = handle.customer_ids()[0];
    let made = c
        .contracts()
        .create(
            &psa_syncro::models::ContractInput::new(customer)
                .name("Managed Services")
                .contract_amount("1200")
                .start_date(datetime!(2026-01-01 00:00 UTC))
                .end_date(datetime!(2026-12-31 00:00 UTC))
                .status("Opportunity")
                .likelihood(40),
        )
        .await
        .unwrap();
    assert_eq!(made.customer_id, Some(customer));
    let back = c.contracts().get(made.id).await.unwrap();
    assert_eq!(back.name.as_deref(), Some("Managed Services"));
    assert_eq!(back.likelihood, Some(40));
    let changed = c
        .contracts()
        .update(
            made.id,
            &psa_syncro::models::ContractInput::new(customer).status("Won"),
        )
        .await
        .unwrap();
    assert_eq!(changed.status.as_deref(), Some("Won"));
    assert_eq!(changed.name.as_deref(), Some("Managed Services"), "partial");
    let all: Vec<_> = c.contracts().stream().try_collect().await.unwrap();
    assert!(all.iter().any(|x| x.id == made.id));

    // An unknown customer is the vendor's 422.
    let err = c
        .contracts()
        .create(&psa_syncro::models::ContractInput::new(999_999))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");

    handle.deny_permission("Contracts - Edit").unwrap();
    let err = c
        .contracts()
        .create(&psa_syncro::models::ContractInput::new(customer).name("x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("Contracts - Edit"), "{err}");
    handle.stop().await;
}
