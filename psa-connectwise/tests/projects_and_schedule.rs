//! Project tickets, their notes and schedule entries: the exact wire requests (httpmock) and
//! the behaviour against psa-sim, including the vendor's 403 and the preflight rows when the
//! role lacks Project Tickets or Resource Scheduling.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod sim;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_connectwise::models::{NewProjectTicket, NewScheduleEntry, NewServiceNote};
use psa_connectwise::{Patch, Query, field};
use psa_core::{CheckSet, ErrorKind, PreflightOptions};
use psa_sim::ConnectWiseSim;
use time::macros::datetime;

#[tokio::test]
async fn project_ticket_create_posts_only_writable_fields_and_decodes_the_reply() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let post = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("project/tickets"))
                .header("authorization", AUTH)
                .json_body(serde_json::json!({
                    "summary": "Cut over DNS", "project": {"id": 12}, "phase": {"id": 31},
                    "budgetHours": 2.5
                }));
            then.status(201).json_body(serde_json::json!({
                "id": 4101, "summary": "Cut over DNS", "project": {"id": 12, "name": "M365"},
                "phase": {"id": 31, "name": "Cutover"}, "wbsCode": "2.3", "budgetHours": 2.5,
                "board": {"id": 9, "name": "Professional Services"},
                "status": {"id": 70, "name": "New"}, "closedFlag": false,
                "_info": {"lastUpdated": "2026-01-05T10:00:00Z"}
            }));
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let t = client
        .project_tickets()
        .create(
            &NewProjectTicket::new("Cut over DNS", 12)
                .phase(31)
                .budget_hours(2.5),
        )
        .await
        .unwrap();
    post.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
    assert_eq!(t.id, 4101);
    assert_eq!(t.wbs_code.as_deref(), Some("2.3"));
    assert_eq!(t.phase.and_then(|p| p.name).as_deref(), Some("Cutover"));
    // A summary ConnectWise would reject is refused before anything is sent.
    let err = client
        .project_tickets()
        .create(&NewProjectTicket::new("  ", 12))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    post.assert_calls_async(1).await;
}

#[tokio::test]
async fn project_lists_send_conditions_and_notes_and_schedule_use_their_paths() {
    let server = MockServer::start_async().await;
    let _info = companyinfo(&server).await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(api("project/tickets"))
                .query_param("conditions", "project/id = 12")
                .query_param("page", "1");
            then.status(200)
                .json_body(serde_json::json!([{"id": 1, "project": {"id": 12}}]));
        })
        .await;
    let notes = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("project/tickets/4101/notes"))
                .json_body(serde_json::json!({"text": "Done", "internalAnalysisFlag": true}));
            then.status(201).json_body(serde_json::json!({
                "id": 77, "ticketId": 4101, "text": "Done", "internalAnalysisFlag": true
            }));
        })
        .await;
    let patch = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(api("schedule/entries/88"))
                .json_body(serde_json::json!([
                    {"op": "replace", "path": "doneFlag", "value": true}
                ]));
            then.status(200).json_body(serde_json::json!({
                "id": 88, "objectId": 1001, "doneFlag": true, "type": {"id": 4, "identifier": "S"}
            }));
        })
        .await;
    let book = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(api("schedule/entries"))
                .json_body(serde_json::json!({
                    "objectId": 1001, "member": {"id": 243}, "type": {"identifier": "S"},
                    "dateStart": "2026-01-05T14:00:00Z", "dateEnd": "2026-01-05T15:30:00Z"
                }));
            then.status(201).json_body(serde_json::json!({
                "id": 89, "objectId": 1001, "hours": 1.5, "type": {"id": 4, "identifier": "S"}
            }));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(api("schedule/entries/89"));
            then.status(204);
        })
        .await;
    let other = catch_all(&server).await;
    let client = client(&server).await;
    let page = client
        .project_tickets()
        .list(&Query::new().conditions(field("project/id").eq(12)), None)
        .await
        .unwrap();
    assert_eq!(page.items[0].id, 1);
    let note = client
        .project_ticket_notes(4101)
        .create(&NewServiceNote::internal("Done"))
        .await
        .unwrap();
    assert_eq!(note.ticket_id, Some(4101));
    let done = client
        .schedule_entries()
        .update(88, &Patch::new().replace("doneFlag", true))
        .await
        .unwrap();
    assert_eq!(done.done_flag, Some(true));
    assert!(done.is_service_ticket());
    let booked = client
        .schedule_entries()
        .create(&NewScheduleEntry::service_ticket(1001, 243).span(
            datetime!(2026-01-05 14:00 UTC),
            datetime!(2026-01-05 15:30 UTC),
        ))
        .await
        .unwrap();
    assert_eq!(booked.hours, Some(1.5));
    client.schedule_entries().delete(89).await.unwrap();
    for m in [&list, &notes, &patch, &book, &delete] {
        m.assert_calls_async(1).await;
    }
    other.assert_calls_async(0).await;
}

#[tokio::test]
async fn sim_project_tickets_page_filter_create_patch_and_take_notes() {
    let sim = ConnectWiseSim::builder()
        .seed(5)
        .companies(3)
        .tickets(6)
        .set_level("Project", "Project Tickets", "add", "All")
        .set_level("Project", "Project Tickets", "edit", "All")
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let all: Vec<_> = client
        .project_tickets()
        .stream(Query::new().page_size(3))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 8, "two projects of two phases with two tickets");
    let first = &all[0];
    let project = first.project.as_ref().and_then(|p| p.id).unwrap();
    let phase = first.phase.as_ref().and_then(|p| p.id).unwrap();
    assert!(first.wbs_code.as_deref().is_some_and(|w| w.contains('.')));
    assert!(first.budget_hours.is_some());
    let in_project = client
        .project_tickets()
        .count(Some(field("project/id").eq(project)))
        .await
        .unwrap();
    assert_eq!(in_project, 4);

    let created = client
        .project_tickets()
        .create(
            &NewProjectTicket::new("Decommission old server", project)
                .phase(phase)
                .budget_hours(3.0),
        )
        .await
        .unwrap();
    assert_eq!(created.wbs_code.as_deref(), Some("1.3"));
    assert_eq!(
        created.company.as_ref().and_then(|c| c.id),
        first.company.as_ref().and_then(|c| c.id),
        "a project ticket takes its project's company"
    );
    let closed = client
        .project_tickets()
        .update(
            created.id,
            &Patch::new().replace("status", serde_json::json!({"id": 72})),
        )
        .await
        .unwrap();
    assert_eq!(closed.closed_flag, Some(true));
    assert!(closed.closed_date.is_some());

    // A phase of another project is refused by the server with the field named.
    let err = client
        .project_tickets()
        .create(&NewProjectTicket::new("Wrong phase", project).phase(9_999))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.to_string().contains("phase"), "{err}");

    let notes = client.project_ticket_notes(created.id);
    let note = notes
        .create(&NewServiceNote::internal("Server wiped"))
        .await
        .unwrap();
    assert!(note.is_internal());
    assert_eq!(notes.get(note.id).await.unwrap().id, note.id);
    let listed = notes.list(&Query::new(), None).await.unwrap();
    assert_eq!(listed.items.len(), 1);
    sim.stop().await;
}

#[tokio::test]
async fn sim_schedule_entries_book_filter_finish_and_delete() {
    let sim = ConnectWiseSim::builder()
        .seed(6)
        .companies(2)
        .tickets(5)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let seeded = client
        .schedule_entries()
        .list(&Query::new(), None)
        .await
        .unwrap();
    assert_eq!(seeded.items.len(), 4);
    assert!(seeded.items.iter().all(|e| e.is_service_ticket()));
    let ticket = seeded.items[0].object_id.unwrap();
    let me = sim.api_member_id();
    let booked = client
        .schedule_entries()
        .create(&NewScheduleEntry::service_ticket(ticket, me).span(
            datetime!(2026-02-02 09:00 UTC),
            datetime!(2026-02-02 11:15 UTC),
        ))
        .await
        .unwrap();
    assert_eq!(booked.hours, Some(2.25));
    assert_eq!(booked.member.as_ref().and_then(|m| m.id), Some(me));
    let mine = Query::new().conditions(
        field("member/id")
            .eq(me)
            .and(field("dateStart").ge(datetime!(2026-02-01 00:00 UTC))),
    );
    let found = client.schedule_entries().list(&mine, None).await.unwrap();
    assert_eq!(
        found.items.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![booked.id]
    );
    let done = client
        .schedule_entries()
        .update(booked.id, &Patch::new().replace("doneFlag", true))
        .await
        .unwrap();
    assert_eq!(done.done_flag, Some(true));
    // A ticket that does not exist is refused with the field named.
    let err = client
        .schedule_entries()
        .create(&NewScheduleEntry::service_ticket(99_999_999, me))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.to_string().contains("objectId"), "{err}");
    client.schedule_entries().delete(booked.id).await.unwrap();
    let gone = client.schedule_entries().get(booked.id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    sim.stop().await;
}

#[tokio::test]
async fn sim_denies_without_the_rights_and_preflight_names_them() {
    let sim = ConnectWiseSim::builder()
        .seed(7)
        .companies(2)
        .tickets(2)
        .set_level("Project", "Project Tickets", "inquire", "None")
        .set_level("Service Desk", "Resource Scheduling", "inquire", "None")
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let err = client
        .project_tickets()
        .list(&Query::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    let err = client
        .schedule_entries()
        .list(&Query::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    // Creating needs Project Tickets Add, which the default role does not grant either.
    let err = client
        .project_tickets()
        .create(&NewProjectTicket::new("Denied", 1))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    let report = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::CloudRadial))
        .await
        .unwrap();
    let text = report.to_string();
    assert!(text.contains("Project Tickets"), "{text}");
    assert!(text.contains("Resource Scheduling"), "{text}");
    sim.stop().await;
}

#[tokio::test]
async fn without_my_security_the_probes_find_the_project_and_scheduling_rows() {
    let sim = ConnectWiseSim::builder()
        .seed(8)
        .my_security_readable(false)
        .set_level("Project", "Project Tickets", "inquire", "None")
        .set_level("Service Desk", "Resource Scheduling", "inquire", "None")
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let report = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::CloudRadial))
        .await
        .unwrap();
    for right in [
        "Project / Project Tickets: Inquire",
        "Service Desk / Resource Scheduling: Inquire",
    ] {
        let check = report
            .checks
            .iter()
            .find(|c| c.right == right)
            .unwrap_or_else(|| panic!("no {right} check\n{report}"));
        assert_eq!(
            check.outcome,
            psa_core::CheckOutcome::Missing,
            "{right}\n{report}"
        );
        assert_eq!(check.set, Some(CheckSet::CloudRadial));
    }
    let granted = report
        .checks
        .iter()
        .find(|c| c.right == "Project / Project Management: Inquire");
    assert!(granted.is_some(), "{report}");
    sim.stop().await;
}
