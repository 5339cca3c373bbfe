//! `/finance/agreements`, `/finance/agreements/{id}/additions` and `/time/entries` on the wire:
//! the vendor's JSON shapes, conditions and paging, the time-entry validation errors and the
//! role checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::Cw;
use psa_sim::ConnectWiseSim;
use reqwest::Method;
use serde_json::json;

const IMPROPER: &str = "Improper security role settings for the supplied authentication.";

#[tokio::test]
async fn agreements_carry_the_vendor_fields_and_filter_and_page() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(8).companies(6)).await;
    let got = cw.get("finance/agreements?pageSize=3").await;
    assert_eq!(got.status, 200, "{}", got.text);
    let first = &got.body[0];
    for key in [
        "id",
        "name",
        "type",
        "company",
        "startDate",
        "agreementStatus",
        "billAmount",
        "billingCycle",
        "applicationUnits",
        "cancelledFlag",
        "_info",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert!(first["_info"]["lastUpdated"].is_string());
    assert!(
        got.link("next").is_some(),
        "more than one page of agreements"
    );
    let expired = cw
        .get_q(
            "finance/agreements",
            &[("conditions", "agreementStatus = \"Expired\"")],
        )
        .await;
    let rows = expired.body.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|a| a["agreementStatus"] == "Expired" && a["endDate"].is_string())
    );
    let count = cw.get("finance/agreements/count").await;
    assert!(count.body["count"].as_u64().unwrap() > 6);
    let bad = cw
        .get_q("finance/agreements", &[("conditions", "colour = \"red\"")])
        .await;
    assert_eq!(bad.status, 400, "{}", bad.text);
    let id = first["id"].as_i64().unwrap();
    let adds = cw.get(&format!("finance/agreements/{id}/additions")).await;
    assert_eq!(adds.status, 200, "{}", adds.text);
    let add = &adds.body[0];
    assert_eq!(add["agreementId"], id);
    assert!(add["product"]["identifier"].is_string() && add["quantity"].is_number());
    let missing = cw.get("finance/agreements/999999/additions").await;
    assert_eq!(missing.status, 404, "{}", missing.text);
}

#[tokio::test]
async fn time_entries_validate_like_the_vendor_and_derive_hours() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .seed(8)
            .tickets(5)
            .set_level("Time & Expense", "Time Entry", "add", "All")
            .set_level("Time & Expense", "Time Entry", "edit", "All"),
    )
    .await;
    let list = cw
        .get_q(
            "time/entries",
            &[("conditions", "chargeToType = \"ServiceTicket\"")],
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.text);
    let seeded = &list.body[0];
    assert_eq!(seeded["chargeToType"], "ServiceTicket");
    assert_eq!(seeded["ticket"]["id"], seeded["chargeToId"]);
    let ticket = seeded["chargeToId"].as_i64().unwrap();

    let missing = cw
        .post(
            "time/entries",
            &json!({"chargeToType": "ServiceTicket", "chargeToId": ticket}),
        )
        .await;
    assert_eq!(missing.status, 400, "{}", missing.text);
    assert_eq!(missing.body["errors"][0]["field"], "timeStart");
    let unknown = cw
        .post(
            "time/entries",
            &json!({"timeStart": "2025-05-01T09:00:00Z", "colour": "red"}),
        )
        .await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.message().contains("colour"), "{}", unknown.text);
    let backwards = cw
        .post(
            "time/entries",
            &json!({"chargeToType": "ServiceTicket", "chargeToId": ticket,
                    "timeStart": "2025-05-01T09:00:00Z", "timeEnd": "2025-05-01T08:00:00Z"}),
        )
        .await;
    assert_eq!(
        backwards.body["errors"][0]["field"], "timeEnd",
        "{}",
        backwards.text
    );

    let created = cw
        .post(
            "time/entries",
            &json!({"chargeToType": "ServiceTicket", "chargeToId": ticket,
                    "timeStart": "2025-05-01T09:00:00Z", "timeEnd": "2025-05-01T11:00:00Z",
                    "hoursDeduct": 0.5, "notes": "Rack work"}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["actualHours"], 1.5);
    assert_eq!(created.body["billableOption"], "Billable");
    assert!(created.body["company"]["id"].is_i64());
    let id = created.body["id"].as_i64().unwrap();
    let patched = cw
        .patch(
            &format!("time/entries/{id}"),
            &json!([{"op": "replace", "path": "timeEnd", "value": "2025-05-01T12:00:00Z"}]),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(patched.body["actualHours"], 2.5);
    let company_only = cw
        .post(
            "time/entries",
            &json!({"company": {"id": 250}, "timeStart": "2025-05-02T09:00:00Z", "actualHours": 1}),
        )
        .await;
    assert_eq!(company_only.status, 201, "{}", company_only.text);
    assert!(
        company_only.body.get("chargeToType").is_none(),
        "{}",
        company_only.text
    );
    assert_eq!(company_only.body["company"]["id"], 250);
    let since = cw
        .get_q(
            "time/entries",
            &[("conditions", "lastUpdated > [2030-01-01T00:00:00Z]")],
        )
        .await;
    assert_eq!(since.body.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn time_entry_writes_need_their_rows() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(8)).await;
    assert_eq!(cw.get("time/entries").await.status, 200);
    let post = cw
        .post(
            "time/entries",
            &json!({"timeStart": "2025-05-01T09:00:00Z", "company": {"id": 250}}),
        )
        .await;
    assert_eq!(post.status, 403);
    assert_eq!(post.message(), IMPROPER);
    let denied = Cw::start(ConnectWiseSim::builder().seed(8).set_level(
        "Finance",
        "Agreements",
        "inquire",
        "None",
    ))
    .await;
    let got = denied.get("finance/agreements").await;
    assert_eq!(got.status, 403);
    assert_eq!(
        denied
            .api(Method::GET, "finance/agreements/1/additions")
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}
