//! Projects, tasks, project notes and task notes on the wire: query paths and paging, child
//! write paths, PATCH bodies, gets, and the lenient decoding of odd optional fields.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_autotask::models::{Project, ProjectNote, Task, TaskNote};
use psa_autotask::{Filter, Query};
use psa_core::ErrorKind;
use serde_json::json;

fn page(items: serde_json::Value, next: Option<String>) -> serde_json::Value {
    json!({"items": items, "pageDetails": {"count": 1, "requestCount": 1, "prevPageUrl": null, "nextPageUrl": next}})
}

#[tokio::test]
async fn projects_page_through_next_urls_and_tasks_query_by_project() {
    let server = MockServer::start_async().await;
    let body =
        json!({"filter": [{"op": "eq", "field": "companyID", "value": 174}], "MaxRecords": 1});
    let next = server.url(format!("{API}/Projects/query/next?paging=p2"));
    let first = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Projects/query")).json_body(body.clone());
            then.status(200).json_body(page(
                json!([{"id": 81, "projectName": "Office move", "companyID": 174, "status": 1,
                        "projectType": 5, "startDateTime": "2024-02-02T08:00:00",
                        "estimatedTime": "24", "userDefinedFields": [{"name": "PM", "value": "Avery"}]}]),
                Some(next.clone()),
            ));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Projects/query/next"))
                .query_param("paging", "p2")
                .json_body(body.clone());
            then.status(200).json_body(page(
                json!([{"id": 82, "projectName": "Network refresh", "companyID": 174, "status": 5,
                        "department": {"odd": true}}]),
                None,
            ));
        })
        .await;
    let tasks = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Tasks/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "projectID", "value": 81}]}));
            then.status(200).json_body(page(
                json!([{"id": 9001, "projectID": 81, "title": "Kick-off", "status": 1, "taskType": 1,
                        "estimatedHours": 8.0, "isTaskBillable": true}]),
                None,
            ));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path(path("Tasks/9001"));
            then.status(200)
                .json_body(json!({"item": {"id": 9001, "projectID": 81, "title": "Kick-off"}}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let all: Vec<Project> = client
        .projects()
        .stream(Query::with(Filter::eq("companyID", 174)).max_records(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|p| p.id.unwrap()).collect::<Vec<_>>(),
        [81, 82]
    );
    assert_eq!(
        all[0].estimated_time,
        Some(24.0),
        "numbers sent as text are read"
    );
    assert_eq!(all[0].udf("pm"), Some("Avery"));
    assert_eq!(
        all[0].start_date_time,
        Some(time::macros::datetime!(2024-02-02 08:00:00 UTC))
    );
    assert_eq!(all[1].department, None, "an odd optional field is kept raw");
    assert_eq!(all[1].extra["department"], json!({"odd": true}));

    let of_project: Vec<Task> = client
        .tasks()
        .stream_of_project(81)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(of_project[0].is_task_billable, Some(true));
    assert_eq!(
        client.tasks().get(9001).await.unwrap().title.as_deref(),
        Some("Kick-off")
    );

    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    tasks.assert_calls_async(1).await;
    get.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn writes_go_to_the_parent_paths_with_only_the_set_fields() {
    let server = MockServer::start_async().await;
    let create_project = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Projects")).json_body(json!({
                "projectName": "Wi-Fi survey", "companyID": 174, "status": 1, "projectType": 5,
                "startDateTime": "2025-03-01T09:00:00.000Z", "endDateTime": "2025-03-31T17:00:00.000Z"
            }));
            then.status(200).json_body(json!({"itemId": 90}));
        })
        .await;
    let patch_project = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(path("Projects"))
                .json_body(json!({"id": 90, "status": 5}));
            then.status(200).json_body(json!({"itemId": 90}));
        })
        .await;
    let create_task = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("Projects/90/Tasks"))
                .json_body(json!({
                    "projectID": 90, "title": "Walk the floors", "status": 1, "taskType": 1
                }));
            then.status(200).json_body(json!({"itemId": 9100}));
        })
        .await;
    let patch_task = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path(path("Projects/90/Tasks"))
                .json_body(json!({"id": 9100, "projectID": 90, "status": 5}));
            then.status(200).json_body(json!({"itemId": 9100}));
        })
        .await;
    let project_note = server
        .mock_async(|when, then| {
            when.method(POST).path(path("Projects/90/Notes")).json_body(json!({
                "projectID": 90, "title": "Scope", "description": "Three floors.", "noteType": 1, "publish": 1
            }));
            then.status(200).json_body(json!({"itemId": 500}));
        })
        .await;
    let task_note =
        server
            .mock_async(|when, then| {
                when.method(POST).path(path("Tasks/9100/Notes")).json_body(json!({
                "taskID": 9100, "description": "Second floor done.", "noteType": 3, "publish": 2
            }));
                then.status(200).json_body(json!({"itemId": 600}));
            })
            .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let mut p = Project::default();
    p.project_name = Some("Wi-Fi survey".into());
    p.company_id = Some(174);
    p.status = Some(1);
    p.project_type = Some(5);
    p.start_date_time = Some(time::macros::datetime!(2025-03-01 09:00 UTC));
    p.end_date_time = Some(time::macros::datetime!(2025-03-31 17:00 UTC));
    assert_eq!(client.projects().create(&p).await.unwrap(), 90);
    let mut done = Project::default();
    done.id = Some(90);
    done.status = Some(5);
    assert_eq!(client.projects().update(&done).await.unwrap(), 90);

    let mut t = Task::default();
    t.project_id = Some(90);
    t.title = Some("Walk the floors".into());
    t.status = Some(1);
    t.task_type = Some(1);
    assert_eq!(client.tasks().create(&t).await.unwrap(), 9100);
    let mut t_done = Task::default();
    t_done.id = Some(9100);
    t_done.project_id = Some(90);
    t_done.status = Some(5);
    assert_eq!(client.tasks().update(&t_done).await.unwrap(), 9100);

    let mut pn = ProjectNote::default();
    pn.project_id = Some(90);
    pn.title = Some("Scope".into());
    pn.description = Some("Three floors.".into());
    pn.note_type = Some(1);
    pn.publish = Some(1);
    assert_eq!(client.project_notes().create(&pn).await.unwrap(), 500);

    let mut tn = TaskNote::default();
    tn.task_id = Some(9100);
    tn.description = Some("Second floor done.".into());
    tn.note_type = Some(3);
    tn.publish = Some(2);
    assert_eq!(client.task_notes().create(&tn).await.unwrap(), 600);

    // Refused before sending: a child without its parent, an update without an id, a delete.
    let mut orphan = t.clone();
    orphan.project_id = None;
    let err = client.tasks().create(&orphan).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(
        err.to_string().contains("Projects/{projectID}/Tasks"),
        "{err}"
    );
    let err = client.project_notes().update(&pn).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let err = client.task_notes().delete(&tn).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);

    create_project.assert_calls_async(1).await;
    patch_project.assert_calls_async(1).await;
    create_task.assert_calls_async(1).await;
    patch_task.assert_calls_async(1).await;
    project_note.assert_calls_async(1).await;
    task_note.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}

#[tokio::test]
async fn project_and_task_notes_query_their_own_collections() {
    let server = MockServer::start_async().await;
    let pn = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("ProjectNotes/query"))
                .json_body(json!({"filter": [{"op": "eq", "field": "projectID", "value": 81}]}));
            then.status(200).json_body(page(
                json!([{"id": 5, "projectID": 81, "title": "Kick-off", "isAnnouncement": false,
                        "createDateTime": "2024-02-01T08:30:00Z"}]),
                None,
            ));
        })
        .await;
    let tn = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(path("TaskNotes/query/count"))
                .json_body(json!({"filter": [{"op": "eq", "field": "taskID", "value": 9001}]}));
            then.status(200).json_body(json!({"queryCount": 2}));
        })
        .await;
    let bad = server
        .mock_async(|when, then| {
            when.method(GET).path(path("TaskNotes/7"));
            then.status(200)
                .json_body(json!({"item": {"id": "seven", "taskID": 9001}}));
        })
        .await;
    let catch = catch_all(&server).await;
    let client = common::client(&server).await;

    let notes: Vec<ProjectNote> = client
        .project_notes()
        .stream_of_project(81)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(notes[0].is_announcement, Some(false));
    assert_eq!(
        client
            .task_notes()
            .count(&Query::with(Filter::eq("taskID", 9001)))
            .await
            .unwrap(),
        2
    );
    // A key field with the wrong shape fails the record, typed.
    let err = client.task_notes().get(7).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);

    pn.assert_calls_async(1).await;
    tn.assert_calls_async(1).await;
    bad.assert_calls_async(1).await;
    catch.assert_calls_async(0).await;
}
