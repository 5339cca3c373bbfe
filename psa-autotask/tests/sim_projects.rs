//! Projects, tasks and their notes against the simulator: seeded records, child collections,
//! creates and updates, permission refusals, and the preflight's `projects` check set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures::TryStreamExt;
use psa_autotask::models::{Project, ProjectNote, Task, TaskNote};
use psa_autotask::{AutotaskClient, Filter, Query};
use psa_core::{CheckOutcome, CheckSet, ClientOptions, Connector, ErrorKind, PreflightOptions};

async fn start(
    builder: psa_sim::AutotaskSimBuilder,
) -> (psa_sim::AutotaskSimHandle, AutotaskClient) {
    let sim = builder
        .seed(17)
        .companies(4)
        .tickets(6)
        .start()
        .await
        .unwrap();
    let client = AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .base_url(sim.zone_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .page_size(2)
        .build()
        .await
        .unwrap();
    (sim, client)
}

#[tokio::test]
async fn seeded_projects_tasks_and_notes_link_up_across_pages() {
    let (sim, client) = start(psa_sim::AutotaskSim::builder()).await;
    let projects: Vec<Project> = client
        .projects()
        .stream(Query::new().max_records(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(projects.len(), 4, "one project per company, over two pages");
    assert!(projects.iter().all(|p| p.project_name.is_some()
        && p.company_id.is_some_and(|c| sim.company_ids().contains(&c))));
    let first = projects[0].id.unwrap();
    let tasks: Vec<Task> = client
        .tasks()
        .stream_of_project(first)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tasks.len(), 3);
    assert!(
        tasks
            .iter()
            .all(|t| t.project_id == Some(first) && t.title.is_some())
    );
    let notes: Vec<ProjectNote> = client
        .project_notes()
        .stream_of_project(first)
        .try_collect()
        .await
        .unwrap();
    assert!(!notes.is_empty() && notes.iter().all(|n| n.project_id == Some(first)));
    let task = tasks[0].id.unwrap();
    let task_notes: Vec<TaskNote> = client
        .task_notes()
        .stream_of_task(task)
        .try_collect()
        .await
        .unwrap();
    assert!(!task_notes.is_empty() && task_notes.iter().all(|n| n.task_id == Some(task)));
    assert_eq!(client.tasks().get(task).await.unwrap().id, Some(task));
    assert_eq!(
        client
            .tasks()
            .count(&Query::with(Filter::eq("projectID", first)))
            .await
            .unwrap(),
        3
    );
    let missing = client.projects().get(1).await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    sim.stop().await;
}

#[tokio::test]
async fn projects_tasks_and_notes_are_created_and_updated_under_their_parents() {
    let (sim, client) = start(psa_sim::AutotaskSim::builder()).await;
    let mut p = Project::default();
    p.project_name = Some("Wi-Fi survey".into());
    p.company_id = Some(sim.company_ids()[1]);
    p.status = Some(1);
    p.project_type = Some(5);
    p.start_date_time = Some(time::macros::datetime!(2025-03-01 09:00 UTC));
    p.end_date_time = Some(time::macros::datetime!(2025-03-31 17:00 UTC));
    let pid = client.projects().create(&p).await.unwrap();
    let made = client.projects().get(pid).await.unwrap();
    assert_eq!(made.project_name.as_deref(), Some("Wi-Fi survey"));
    assert!(
        made.create_date_time.is_some(),
        "the server stamps createDateTime"
    );

    let mut rename = Project::default();
    rename.id = Some(pid);
    rename.project_name = Some("Wi-Fi survey (phase 1)".into());
    client.projects().update(&rename).await.unwrap();
    let renamed = client.projects().get(pid).await.unwrap();
    assert_eq!(
        renamed.project_name.as_deref(),
        Some("Wi-Fi survey (phase 1)")
    );
    assert_eq!(
        renamed.company_id, made.company_id,
        "a PATCH keeps other fields"
    );

    let mut t = Task::default();
    t.project_id = Some(pid);
    t.title = Some("Walk the floors".into());
    t.status = Some(1);
    t.task_type = Some(1);
    let tid = client.tasks().create(&t).await.unwrap();
    let mut done = Task::default();
    done.id = Some(tid);
    done.project_id = Some(pid);
    done.status = Some(5);
    client.tasks().update(&done).await.unwrap();
    let read = client.tasks().get(tid).await.unwrap();
    assert_eq!((read.project_id, read.status), (Some(pid), Some(5)));

    let mut pn = ProjectNote::default();
    pn.project_id = Some(pid);
    pn.title = Some("Scope".into());
    pn.description = Some("Three floors.".into());
    pn.note_type = Some(1);
    pn.publish = Some(1);
    let pnid = client.project_notes().create(&pn).await.unwrap();
    assert_eq!(
        client.project_notes().get(pnid).await.unwrap().project_id,
        Some(pid)
    );

    let mut tn = TaskNote::default();
    tn.task_id = Some(tid);
    tn.description = Some("Second floor done.".into());
    tn.note_type = Some(3);
    tn.publish = Some(2);
    let tnid = client.task_notes().create(&tn).await.unwrap();
    let notes: Vec<_> = client
        .task_notes()
        .stream_of_task(tid)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(notes.iter().map(|n| n.id).collect::<Vec<_>>(), [Some(tnid)]);

    // A child without its parent id is refused before anything is sent.
    let orphan = client
        .task_notes()
        .create(&TaskNote::default())
        .await
        .unwrap_err();
    assert_eq!(orphan.kind(), ErrorKind::Validation);
    assert!(orphan.to_string().contains("taskID"), "{orphan}");
    // A required field missing is the server's refusal, typed.
    let mut bare = Task::default();
    bare.project_id = Some(pid);
    let refused = client.tasks().create(&bare).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation, "{refused}");
    // No deletes through the REST API.
    let del = client.projects().delete(&renamed).await.unwrap_err();
    assert_eq!(del.kind(), ErrorKind::Unsupported);
    sim.stop().await;
}

#[tokio::test]
async fn a_denied_project_right_is_refused_and_named_by_preflight() {
    let (sim, client) = start(
        psa_sim::AutotaskSim::builder()
            .deny_access("Projects", "query")
            .deny_access("TaskNotes", "create"),
    )
    .await;
    let err = client.projects().query(&Query::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");

    // Without the set, preflight does not look at projects at all.
    let plain = client.preflight(&PreflightOptions::all()).await.unwrap();
    assert!(plain.checks.iter().all(|c| c.set.is_none()));

    let report = client
        .preflight(&PreflightOptions::all().with_extra(CheckSet::Projects))
        .await
        .unwrap();
    let project_checks: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.set == Some(CheckSet::Projects))
        .collect();
    let missing: Vec<&str> = project_checks
        .iter()
        .filter(|c| c.outcome == CheckOutcome::Missing)
        .map(|c| c.right.as_str())
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(
        missing.iter().any(|r| r.starts_with("Projects: query")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|r| r.starts_with("TaskNotes: create")),
        "{missing:?}"
    );
    let fix = project_checks
        .iter()
        .find(|c| c.right.starts_with("Projects: query"))
        .and_then(|c| c.remedy.clone())
        .unwrap();
    assert!(fix.setting.contains("Projects: View"), "{fix}");
    assert!(
        project_checks
            .iter()
            .filter(|c| c.outcome != CheckOutcome::Missing)
            .all(|c| c.outcome == CheckOutcome::Granted)
    );
    sim.stop().await;
}
