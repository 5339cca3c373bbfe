//! Projects, their tasks and the notes on both: `/V1.0/Projects`, `/V1.0/Tasks` (written under
//! `Projects/{id}/Tasks`), `/V1.0/ProjectNotes` (written under `Projects/{id}/Notes`) and
//! `/V1.0/TaskNotes` (written under `Tasks/{id}/Notes`). None of them can be deleted through
//! the REST API.

use futures::stream::BoxStream;
use psa_core::Result;

use super::{Entity, EntityApi, child_path};
use crate::models::{Project, ProjectNote, Task, TaskNote};
use crate::{AutotaskClient, Filter, Query};

/// The `Project` handler: [`AutotaskClient::projects`].
pub type ProjectsApi<'c> = EntityApi<'c, Project>;
/// The `Task` handler: [`AutotaskClient::tasks`].
pub type TasksApi<'c> = EntityApi<'c, Task>;
/// The `ProjectNote` handler: [`AutotaskClient::project_notes`].
pub type ProjectNotesApi<'c> = EntityApi<'c, ProjectNote>;
/// The `TaskNote` handler: [`AutotaskClient::task_notes`].
pub type TaskNotesApi<'c> = EntityApi<'c, TaskNote>;

impl Entity for Project {
    const NAME: &'static str = "Projects";

    fn id(&self) -> Option<i64> {
        self.id
    }
}

impl Entity for Task {
    const NAME: &'static str = "Tasks";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "Projects",
            self.project_id,
            "Tasks",
            "projectID",
        )
    }
    fn update_path(&self) -> Result<String> {
        self.create_path()
    }
}

impl Entity for ProjectNote {
    const NAME: &'static str = "ProjectNotes";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "Projects",
            self.project_id,
            "Notes",
            "projectID",
        )
    }
    fn update_path(&self) -> Result<String> {
        self.create_path()
    }
}

impl Entity for TaskNote {
    const NAME: &'static str = "TaskNotes";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(Self::NAME, "Tasks", self.task_id, "Notes", "taskID")
    }
    fn update_path(&self) -> Result<String> {
        self.create_path()
    }
}

impl<'c> TasksApi<'c> {
    /// Every task of a project (`projectID` = `project`), page by page.
    pub fn stream_of_project(&self, project: i64) -> BoxStream<'c, Result<Task>> {
        self.stream(Query::with(Filter::eq("projectID", project)))
    }
}

impl<'c> ProjectNotesApi<'c> {
    /// Every note of a project (`projectID` = `project`), page by page.
    pub fn stream_of_project(&self, project: i64) -> BoxStream<'c, Result<ProjectNote>> {
        self.stream(Query::with(Filter::eq("projectID", project)))
    }
}

impl<'c> TaskNotesApi<'c> {
    /// Every note of a task (`taskID` = `task`), page by page.
    pub fn stream_of_task(&self, task: i64) -> BoxStream<'c, Result<TaskNote>> {
        self.stream(Query::with(Filter::eq("taskID", task)))
    }
}

impl AutotaskClient {
    /// Projects: query, get, create and update (`PATCH /Projects` with the id in the body).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::AutotaskSim::builder().seed(5).companies(3).start().await?;
    /// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
    /// #     .integration_code(sim.integration_code()).base_url(sim.zone_url())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use futures::TryStreamExt;
    /// use psa_autotask::{Filter, Query};
    /// let company = sim.company_ids()[0];
    /// let projects: Vec<_> = client.projects()
    ///     .stream(Query::with(Filter::eq("companyID", company))).try_collect().await?;
    /// assert!(projects.iter().all(|p| p.company_id == Some(company)));
    /// for p in &projects {
    ///     let tasks: Vec<_> = client.tasks().stream_of_project(p.id.unwrap_or_default()).try_collect().await?;
    ///     assert!(tasks.iter().all(|t| t.project_id == p.id));
    /// }
    /// # sim.stop().await; Ok(()) }
    /// ```
    pub fn projects(&self) -> ProjectsApi<'_> {
        EntityApi::new(self)
    }

    /// Project tasks. Creates and updates go to `Projects/{projectID}/Tasks`, so `project_id`
    /// must be set.
    ///
    /// ```
    /// let mut t = psa_autotask::models::Task::default();
    /// t.title = Some("Cable the new floor".into());
    /// use psa_autotask::Entity;
    /// let err = t.create_path().unwrap_err();
    /// assert!(err.to_string().contains("projectID"));
    /// t.project_id = Some(81);
    /// assert_eq!(t.create_path().unwrap(), "Projects/81/Tasks");
    /// ```
    pub fn tasks(&self) -> TasksApi<'_> {
        EntityApi::new(self)
    }

    /// Project notes. Creates and updates go to `Projects/{projectID}/Notes`, so `project_id`
    /// must be set. Notes have no field for an idempotency key: a create is sent once.
    pub fn project_notes(&self) -> ProjectNotesApi<'_> {
        EntityApi::new(self)
    }

    /// Task notes. Creates and updates go to `Tasks/{taskID}/Notes`, so `task_id` must be set.
    /// Notes have no field for an idempotency key: a create is sent once.
    pub fn task_notes(&self) -> TaskNotesApi<'_> {
        EntityApi::new(self)
    }
}
