//! Projects, tasks, their notes and the billing catalogue over raw HTTP: seeded wire JSON,
//! child routes, top-level child creates refused, permission rows and `entityInformation`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod autotask_support;

use autotask_support::{Api, refusal};
use psa_sim::AutotaskSim;
use serde_json::{Value, json};

fn all() -> Value {
    json!([{"op": "exist", "field": "id"}])
}

#[tokio::test]
async fn seeded_projects_and_children_are_served_in_the_wire_shape() {
    let sim = AutotaskSim::builder()
        .seed(4)
        .companies(3)
        .tickets(5)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let projects = api
        .query_all("Projects", &json!({"filter": all(), "MaxRecords": 2}))
        .await;
    assert_eq!(projects.len(), 3);
    let p = &projects[0];
    let pid = p["id"].as_i64().unwrap();
    // Every field of the model is sent, null when empty; dates in UTC with Z.
    assert!(p.as_object().unwrap().contains_key("sgda"));
    assert!(p["createDateTime"].as_str().unwrap().ends_with('Z'));
    assert!(
        sim.company_ids()
            .contains(&p["companyID"].as_i64().unwrap())
    );

    let children = api.get(&format!("Projects/{pid}/Tasks")).await;
    assert_eq!(children.status, 200, "{:?}", children.body);
    let tasks = children.body["items"].as_array().unwrap();
    assert_eq!(tasks.len(), 3);
    assert!(tasks.iter().all(|t| t["projectID"] == pid));
    let tid = tasks[0]["id"].as_i64().unwrap();
    let notes = api
        .query(
            "TaskNotes",
            json!([{"op": "eq", "field": "taskID", "value": tid}]),
        )
        .await;
    assert_eq!(notes.body["items"].as_array().unwrap().len(), 1);

    // Contracts, their services, the catalogue and time entries are seeded and linked.
    let contracts = api.query_all("Contracts", &json!({"filter": all()})).await;
    assert_eq!(contracts.len(), 3);
    let cid = contracts[0]["id"].as_i64().unwrap();
    let services = api.get(&format!("Contracts/{cid}/Services")).await;
    let on_contract = services.body["items"].as_array().unwrap();
    assert_eq!(on_contract.len(), 1);
    let sid = on_contract[0]["serviceID"].as_i64().unwrap();
    assert_eq!(
        api.get(&format!("Services/{sid}")).await.body["item"]["id"],
        sid
    );
    let time = api
        .query_all("TimeEntries", &json!({"filter": all()}))
        .await;
    assert_eq!(time.iter().filter(|t| !t["ticketID"].is_null()).count(), 5);
    assert_eq!(time.iter().filter(|t| !t["taskID"].is_null()).count(), 9);
    sim.stop().await;
}

#[tokio::test]
async fn children_are_written_under_their_parent_and_checked() {
    let sim = AutotaskSim::builder().companies(2).start().await.unwrap();
    let api = Api::new(&sim);
    let pid = api.query("Projects", all()).await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let body = json!({"title": "Survey", "status": 1, "taskType": 1});
    let top = api.post("Tasks", &body).await;
    assert_eq!(top.status, 404, "{:?}", top.body);
    let made = api.post(&format!("Projects/{pid}/Tasks"), &body).await;
    assert_eq!(made.status, 200, "{:?}", made.body);
    let tid = made.body["itemId"].as_i64().unwrap();
    let read = api.get(&format!("Tasks/{tid}")).await.body["item"].clone();
    assert_eq!(read["projectID"], pid);
    assert!(read["createDateTime"].is_string(), "stamped by the server");

    let missing = api
        .post(
            &format!("Projects/{pid}/Tasks"),
            &json!({"title": "No status"}),
        )
        .await;
    assert_eq!(missing.status, 500);
    assert!(
        missing.error().contains("is required"),
        "{:?}",
        missing.body
    );
    let odd = api
        .post(
            &format!("Projects/{pid}/Tasks"),
            &json!({"title": "x", "status": 99, "taskType": 1}),
        )
        .await;
    assert_eq!(
        (odd.status, odd.error()),
        (500, "Picklist value [99] does not exist for status")
    );
    let orphan = api.post("Projects/1/Tasks", &body).await;
    assert_eq!(orphan.status, 500, "{:?}", orphan.body);

    let note = api
        .post(
            &format!("Tasks/{tid}/Notes"),
            &json!({"description": "d", "noteType": 3, "publish": 2}),
        )
        .await;
    assert_eq!(note.status, 200, "{:?}", note.body);
    let patched = api
        .patch(
            &format!("Projects/{pid}/Tasks"),
            &json!({"id": tid, "status": 5}),
        )
        .await;
    assert_eq!(patched.status, 200, "{:?}", patched.body);
    assert_eq!(
        api.get(&format!("Tasks/{tid}")).await.body["item"]["status"],
        5
    );
    let del = api.delete(&format!("Projects/{pid}/Tasks/{tid}")).await;
    assert_ne!(del.status, 200, "tasks cannot be deleted");
    sim.stop().await;
}

#[tokio::test]
async fn denied_rows_refuse_and_entity_information_reports_them() {
    let sim = AutotaskSim::builder()
        .companies(2)
        .deny_access("Tasks", "create")
        .deny_access("ProjectNotes", "query")
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let pid = api.query("Projects", all()).await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let r = api
        .post(
            &format!("Projects/{pid}/Tasks"),
            &json!({"title": "x", "status": 1, "taskType": 1}),
        )
        .await;
    assert_eq!((r.status, r.error()), (500, refusal("create").as_str()));
    let r = api.query("ProjectNotes", all()).await;
    assert_eq!((r.status, r.error()), (500, refusal("query").as_str()));

    let info = api.get("Tasks/entityInformation").await.body["info"].clone();
    assert_eq!(info["userAccessForCreate"], 0);
    assert_eq!(info["canDelete"], false);
    assert_eq!(info["hasUserDefinedFields"], true);
    let fields = api.get("Projects/entityInformation/fields").await.body["fields"].clone();
    let company = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "companyID")
        .unwrap()
        .clone();
    assert_eq!(company["isRequired"], true);
    assert_eq!(company["isReference"], true);
    sim.stop().await;
}

#[tokio::test]
async fn a_restricted_row_shows_only_the_api_users_own_projects() {
    let sim = AutotaskSim::builder()
        .companies(3)
        .restrict_access("Projects", "query")
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let seeded = api.query("Projects", all()).await;
    assert_eq!(seeded.status, 200, "{:?}", seeded.body);
    assert_eq!(
        seeded.body["items"],
        json!([]),
        "seeded projects are led by technicians"
    );
    let made = api
        .post(
            "Projects",
            &json!({"projectName": "Mine", "companyID": sim.company_ids()[0], "status": 1,
                    "projectType": 5, "startDateTime": "2025-01-01T00:00:00Z",
                    "endDateTime": "2025-02-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(made.status, 200, "{:?}", made.body);
    let mine = api.query("Projects", all()).await;
    let ids: Vec<_> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert_eq!(ids, [made.body["itemId"].clone()]);
    sim.stop().await;
}
