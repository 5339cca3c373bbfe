//! Project tickets, their notes, schedule entries and company/contact writes, over raw HTTP:
//! the wire JSON the simulator builds, conditions, paging, validation and the role's rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::Cw;
use psa_sim::ConnectWiseSim;
use serde_json::json;

#[tokio::test]
async fn project_tickets_carry_their_work_plan_and_page_with_links() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(3).companies(3).tickets(5)).await;
    let page = cw
        .get_q("project/tickets", &[("pageSize", "3"), ("page", "1")])
        .await;
    assert_eq!(page.status, 200, "{}", page.text);
    let items = page.body.as_array().unwrap();
    assert_eq!(items.len(), 3);
    let t = &items[0];
    for member in [
        "project",
        "phase",
        "wbsCode",
        "board",
        "status",
        "company",
        "budgetHours",
    ] {
        assert!(t.get(member).is_some(), "{member} missing: {t}");
    }
    assert!(
        t["_info"]["notes_href"]
            .as_str()
            .unwrap()
            .contains("project/tickets/")
    );
    assert!(page.link("next").is_some(), "paged with a Link header");
    let phase_one = cw
        .get_q(
            "project/tickets",
            &[("conditions", "wbsCode like \"1.%\" and project/id = 1")],
        )
        .await;
    assert_eq!(phase_one.status, 200, "{}", phase_one.text);
    let codes: Vec<_> = phase_one
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["wbsCode"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["1.1", "1.2"]);
    let count = cw.get("project/tickets/count").await;
    assert_eq!(count.body["count"], 8);
    let unknown = cw
        .get_q("project/tickets", &[("conditions", "nosuchfield = 1")])
        .await;
    assert_eq!(unknown.status, 400);
}

#[tokio::test]
async fn project_ticket_writes_need_their_rows_and_valid_references() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(3).companies(2)).await;
    let denied = cw
        .post(
            "project/tickets",
            &json!({"summary": "x", "project": {"id": 1}}),
        )
        .await;
    assert_eq!(
        denied.status, 403,
        "the default role has no Project Tickets add"
    );
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .seed(3)
            .companies(2)
            .set_level("Project", "Project Tickets", "add", "All")
            .set_level("Project", "Project Tickets", "edit", "All"),
    )
    .await;
    let bad = cw
        .post(
            "project/tickets",
            &json!({"summary": "", "project": {"id": 99}}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.body["code"], "InvalidObject", "{}", bad.text);
    let fields: Vec<_> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["summary", "project"]);
    let unknown = cw
        .post(
            "project/tickets",
            &json!({"summary": "x", "project": {"id": 1}, "bogus": 1}),
        )
        .await;
    assert_eq!(unknown.status, 400, "unknown members are refused");
    let created = cw
        .post(
            "project/tickets",
            &json!({"summary": "Label cables", "project": {"id": 2}, "phase": {"id": 22}}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["wbsCode"], "2.3");
    let id = created.body["id"].as_i64().unwrap();
    let note = cw
        .post(
            &format!("project/tickets/{id}/notes"),
            &json!({"text": "Done", "detailDescriptionFlag": true}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.text);
    assert!(
        note.body["_info"]["projectTicket_href"]
            .as_str()
            .unwrap()
            .ends_with(&format!("project/tickets/{id}"))
    );
    let nowhere = cw
        .post(
            &format!("project/tickets/{id}/notes"),
            &json!({"text": "?"}),
        )
        .await;
    assert_eq!(nowhere.status, 400);
    let notes = cw.get(&format!("project/tickets/{id}/notes")).await;
    assert_eq!(notes.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn schedule_entries_book_service_tickets_and_honour_my() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .seed(4)
            .companies(2)
            .tickets(6)
            .set_level("Service Desk", "Resource Scheduling", "inquire", "My"),
    )
    .await;
    let me = cw.sim.api_member_id();
    let ticket = cw.get("service/tickets?pageSize=1").await.body[0]["id"]
        .as_i64()
        .unwrap();
    let booked = cw
        .post(
            "schedule/entries",
            &json!({"objectId": ticket, "member": {"id": me}, "type": {"identifier": "S"},
                    "dateStart": "2026-03-02T09:00:00Z", "dateEnd": "2026-03-02T10:30:00Z"}),
        )
        .await;
    assert_eq!(booked.status, 201, "{}", booked.text);
    assert_eq!(booked.body["hours"], 1.5);
    assert_eq!(booked.body["type"]["identifier"], "S");
    let id = booked.body["id"].as_i64().unwrap();
    // With My, the API member sees only its own entries.
    let mine = cw.get("schedule/entries").await;
    let ids: Vec<_> = mine
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["member"]["id"].as_i64().unwrap())
        .collect();
    assert!(ids.iter().all(|m| *m == me), "{ids:?}");
    let wrong_type = cw
        .post(
            "schedule/entries",
            &json!({"objectId": ticket, "member": {"id": me}, "type": {"identifier": "Q"}}),
        )
        .await;
    assert_eq!(wrong_type.status, 400);
    let backwards = cw
        .post(
            "schedule/entries",
            &json!({"objectId": ticket, "member": {"id": me}, "type": {"id": 4},
                    "dateStart": "2026-03-02T09:00:00Z", "dateEnd": "2026-03-02T08:00:00Z"}),
        )
        .await;
    assert_eq!(backwards.status, 400);
    let done = cw
        .patch(
            &format!("schedule/entries/{id}"),
            &json!([{"op": "replace", "path": "doneFlag", "value": true}]),
        )
        .await;
    assert_eq!(done.body["doneFlag"], true, "{}", done.text);
    assert_eq!(
        cw.delete(&format!("schedule/entries/{id}")).await.status,
        204
    );
    assert_eq!(cw.get(&format!("schedule/entries/{id}")).await.status, 404);
}

#[tokio::test]
async fn company_and_contact_writes_follow_their_rows() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(5).companies(2)).await;
    let company = cw.sim.company_ids()[0];
    let denied = cw
        .patch(
            &format!("company/companies/{company}"),
            &json!([{"op": "replace", "path": "name", "value": "X"}]),
        )
        .await;
    assert_eq!(
        denied.status, 403,
        "the default role has no Company Maintenance edit"
    );
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .seed(5)
            .companies(2)
            .set_level("Companies", "Company Maintenance", "edit", "All")
            .set_level("Companies", "Company Maintenance", "delete", "All")
            .set_level("Companies", "Contacts", "add", "All"),
    )
    .await;
    let renamed = cw
        .patch(
            &format!("company/companies/{company}"),
            &json!([{"op": "replace", "path": "name", "value": "Renamed Ltd"}]),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    assert_eq!(renamed.body["name"], "Renamed Ltd");
    let read = cw.get(&format!("company/companies/{company}")).await;
    assert_eq!(read.body["name"], "Renamed Ltd");
    assert_ne!(
        read.body["_info"]["lastUpdated"],
        json!("2024-01-01T00:00:00Z")
    );
    let not_writable = cw
        .patch(
            &format!("company/companies/{company}"),
            &json!([{"op": "replace", "path": "website", "value": "x"}]),
        )
        .await;
    assert_eq!(not_writable.status, 400);
    let in_use = cw.delete(&format!("company/companies/{company}")).await;
    assert_eq!(in_use.status, 400, "a company with contacts stays");
    let contact = cw
        .post(
            "company/contacts",
            &json!({"firstName": "Grace", "company": {"id": company}}),
        )
        .await;
    assert_eq!(contact.status, 201, "{}", contact.text);
    assert_eq!(contact.body["company"]["id"], company);
    let nameless = cw.post("company/contacts", &json!({"lastName": "X"})).await;
    assert_eq!(nameless.status, 400);
}
