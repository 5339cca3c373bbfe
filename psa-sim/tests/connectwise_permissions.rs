//! The API member's security role: `/system/mySecurity` rows and each denial.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::{Cw, Got};
use psa_core::Capability;
use psa_sim::ConnectWiseSim;
use reqwest::Method;
use serde_json::{Value, json};

const IMPROPER: &str = "Improper security role settings for the supplied authentication.";

fn row<'a>(rows: &'a Value, module: &str, function: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["moduleName"] == module && r["moduleFunctionName"] == function)
        .unwrap_or_else(|| panic!("no row {module} / {function}"))
}

#[tokio::test]
async fn my_security_lists_the_recommended_role() {
    let cw = Cw::start(ConnectWiseSim::builder()).await;
    let got = cw.get("system/mySecurity?pageSize=100").await;
    assert_eq!(got.status, 200, "{}", got.text);
    // The seed guide's 13 rows plus Sales > Opportunity (the SDK's opportunities), Finance >
    // Agreements and Time & Expense > Time Entry (the SDK's contracts and time entries).
    assert_eq!(got.body.as_array().unwrap().len(), 16);
    let time = row(&got.body, "Time & Expense", "Time Entry");
    assert_eq!(
        (&time["inquireLevel"], &time["addLevel"]),
        (&json!("All"), &json!("None"))
    );
    assert_eq!(
        row(&got.body, "Finance", "Agreements")["inquireLevel"],
        "All"
    );
    let sales = row(&got.body, "Sales", "Opportunity");
    assert_eq!(sales["inquireLevel"], "All");
    assert_eq!(sales["deleteLevel"], "None");
    let tickets = row(&got.body, "Service Desk", "Service Tickets");
    assert_eq!(
        (
            &tickets["addLevel"],
            &tickets["editLevel"],
            &tickets["deleteLevel"],
            &tickets["inquireLevel"]
        ),
        (&json!("All"), &json!("All"), &json!("None"), &json!("All"))
    );
    let setup = row(&got.body, "System", "Table Setup");
    assert_eq!(setup["addLevel"], "All");
    assert_eq!(setup["editLevel"], "None");
    assert_eq!(
        row(
            &got.body,
            "Companies",
            "Company / Contact Group Maintenance"
        )["inquireLevel"],
        "All"
    );
    assert_eq!(tickets["member"]["id"], cw.sim.api_member_id());
    // Lower-case path and conditions work too.
    let filtered = cw
        .get("system/mysecurity?conditions=moduleName%3D%22System%22")
        .await;
    assert_eq!(filtered.body.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn my_security_can_be_unreadable() {
    let cw = Cw::start(ConnectWiseSim::builder().my_security_readable(false)).await;
    let got = cw.get("system/mySecurity").await;
    assert_eq!(got.status, 403);
    assert_eq!(got.message(), IMPROPER);
}

#[tokio::test]
async fn set_level_rejects_names_outside_the_role_table() {
    let err = ConnectWiseSim::builder()
        .set_level("Service Desk", "Tickets", "add", "None")
        .start()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("Tickets"));
    let err = ConnectWiseSim::builder()
        .set_level("System", "Table Setup", "view", "All")
        .start()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("view"));
}

/// Runs one probe request against a sim with one capability denied and with the full role.
async fn probe(cap: Capability, send: impl AsyncFn(&Cw) -> Got, row: (&str, &str, &str)) {
    let denied = Cw::start(ConnectWiseSim::builder().tickets(3).deny(cap)).await;
    let got = send(&denied).await;
    assert_eq!(got.status, 403, "{cap:?}: {}", got.text);
    assert_eq!(got.message(), IMPROPER, "{cap:?}");
    if !row.0.is_empty() {
        let rows = denied.get("system/mySecurity").await.body;
        let r = row_of(&rows, row.0, row.1);
        assert_eq!(r[row.2], "None", "{cap:?}: {} / {} {}", row.0, row.1, row.2);
    }
    let granted = Cw::start(ConnectWiseSim::builder().tickets(3)).await;
    let got = send(&granted).await;
    assert!(
        got.status < 300,
        "{cap:?} with the full role: {} {}",
        got.status,
        got.text
    );
}

fn row_of<'a>(rows: &'a Value, module: &str, function: &str) -> &'a Value {
    row(rows, module, function)
}

async fn upload(cw: &Cw) -> Got {
    let form = reqwest::multipart::Form::new()
        .text("recordType", "Ticket")
        .text("recordId", "1001")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"hi".to_vec()).file_name("a.txt"),
        );
    connectwise_support::read(
        cw.api(Method::POST, "system/documents")
            .multipart(form)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn each_capability_denial_is_a_403() {
    probe(
        Capability::ReadTickets,
        async |cw| cw.get("service/tickets").await,
        ("Service Desk", "Service Tickets", "inquireLevel"),
    )
    .await;
    probe(
        Capability::CreateTickets,
        async |cw| {
            cw.post(
                "service/tickets",
                &json!({"summary": "x", "company": {"id": 250}}),
            )
            .await
        },
        ("Service Desk", "Service Tickets", "addLevel"),
    )
    .await;
    probe(
        Capability::UpdateTickets,
        async |cw| {
            cw.patch(
                "service/tickets/1001",
                &json!([{"op": "replace", "path": "summary", "value": "y"}]),
            )
            .await
        },
        ("Service Desk", "Service Tickets", "editLevel"),
    )
    .await;
    probe(
        Capability::CloseTickets,
        async |cw| {
            let open = cw
                .post(
                    "service/tickets",
                    &json!({"summary": "to close", "company": {"id": 250}}),
                )
                .await;
            let id = open.body["id"].as_i64().unwrap();
            cw.patch(
                &format!("service/tickets/{id}"),
                &json!([{"op": "replace", "path": "status", "value": {"name": ">Closed"}}]),
            )
            .await
        },
        ("Service Desk", "Close Service Tickets", "editLevel"),
    )
    .await;
    probe(
        Capability::ReadNotes,
        async |cw| cw.get("service/tickets/1001/notes").await,
        ("Companies", "Notes", "inquireLevel"),
    )
    .await;
    probe(
        Capability::AddNotes,
        async |cw| {
            cw.post(
                "service/tickets/1001/notes",
                &json!({"text": "n", "detailDescriptionFlag": true}),
            )
            .await
        },
        ("Companies", "Notes", "addLevel"),
    )
    .await;
    probe(
        Capability::ReadCompanies,
        async |cw| cw.get("company/companies").await,
        ("Companies", "Company Maintenance", "inquireLevel"),
    )
    .await;
    probe(
        Capability::ReadContacts,
        async |cw| cw.get("company/contacts").await,
        ("Companies", "Contacts", "inquireLevel"),
    )
    .await;
    probe(
        Capability::ReadResources,
        async |cw| cw.get("system/members").await,
        ("System", "Member Maintenance", "inquireLevel"),
    )
    .await;
    probe(
        Capability::Attachments,
        async |cw| upload(cw).await,
        ("Companies", "Manage Attachments", "addLevel"),
    )
    .await;
    probe(
        Capability::BaseData,
        async |cw| cw.get("service/boards").await,
        ("System", "Table Setup", "inquireLevel"),
    )
    .await;
    probe(
        Capability::BaseData,
        async |cw| cw.get("service/priorities").await,
        ("System", "Table Setup", "inquireLevel"),
    )
    .await;
    probe(
        Capability::BaseData,
        async |cw| cw.get("service/boards/1/statuses").await,
        ("System", "Table Setup", "inquireLevel"),
    )
    .await;
    probe(
        Capability::TicketSource,
        async |cw| {
            cw.post("service/sources", &json!({"name": "psa-sdk"}))
                .await
        },
        ("System", "Table Setup", "addLevel"),
    )
    .await;
    probe(
        Capability::Webhooks,
        async |cw| {
            cw.post("system/callbacks", &json!({"url": "https://example.com/cb?recordId=", "objectId": 1, "type": "ticket", "level": "owner"}))
                .await
        },
        ("", "", ""),
    )
    .await;
}

#[tokio::test]
async fn a_denied_right_leaves_the_others() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .tickets(3)
            .deny(Capability::CreateTickets),
    )
    .await;
    assert_eq!(cw.get("service/tickets").await.status, 200);
    assert_eq!(cw.get("company/companies").await.status, 200);
    let before = cw.sim.ticket_count();
    let got = cw
        .post(
            "service/tickets",
            &json!({"summary": "x", "company": {"id": 250}}),
        )
        .await;
    assert_eq!(got.status, 403);
    assert_eq!(cw.sim.ticket_count(), before);
}

#[tokio::test]
async fn closing_on_create_needs_the_close_right_too() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .tickets(0)
            .deny(Capability::CloseTickets),
    )
    .await;
    let got = cw
        .post("service/tickets", &json!({"summary": "born closed", "company": {"id": 250}, "status": {"name": ">Closed"}}))
        .await;
    assert_eq!(got.status, 403);
    let ok = cw
        .post(
            "service/tickets",
            &json!({"summary": "born open", "company": {"id": 250}}),
        )
        .await;
    assert_eq!(ok.status, 201);
}

#[tokio::test]
async fn my_level_limits_tickets_to_the_api_members_own() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(20).set_level(
        "Service Desk",
        "Service Tickets",
        "inquire",
        "My",
    ))
    .await;
    assert_eq!(
        cw.get("service/tickets/count").await.body["count"],
        0,
        "seeded tickets belong to others"
    );
    let mine = cw.new_ticket("Mine").await;
    let list = cw.get("service/tickets").await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    assert_eq!(list.body[0]["id"], mine["id"]);
    assert_eq!(cw.get("service/tickets/1001").await.status, 403);
    let rows = cw.get("system/mySecurity").await.body;
    assert_eq!(
        row(&rows, "Service Desk", "Service Tickets")["inquireLevel"],
        "My"
    );
}
