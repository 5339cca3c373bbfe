//! `conditions`, `childConditions`, `customFieldConditions`, `orderBy`, `fields`, and the 400s.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::{Cw, Got};
use psa_sim::ConnectWiseSim;
use serde_json::Value;

async fn query(cw: &Cw, path: &str, params: &[(&str, &str)]) -> Got {
    cw.get_q(path, params).await
}

fn arr(got: &Got) -> &Vec<Value> {
    got.body
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {}", got.text))
}

/// What a conditions string must select, checked against the store.
type Pred = dyn Fn(&Value) -> bool;

#[tokio::test]
async fn conditions_filter_like_the_vendor() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(5).tickets(300)).await;
    let cases: &[(&str, &Pred)] = &[
        ("closedFlag = false", &|t| t["closedFlag"] == false),
        ("closedFlag = true AND board/name = \"Help Desk\"", &|t| {
            t["closedFlag"] == true && t["board"]["name"] == "Help Desk"
        }),
        ("summary contains \"VPN\"", &|t| {
            t["summary"].as_str().unwrap().contains("VPN")
        }),
        ("summary like 'printer*'", &|t| {
            t["summary"].as_str().unwrap().starts_with("Printer")
        }),
        ("summary not contains \"printer\"", &|t| {
            !t["summary"].as_str().unwrap().contains("Printer")
        }),
        ("priority/id in (1, 2)", &|t| {
            [1, 2].contains(&t["priority"]["id"].as_i64().unwrap())
        }),
        ("priority/id not in (1,2)", &|t| {
            ![1, 2].contains(&t["priority"]["id"].as_i64().unwrap())
        }),
        ("owner/id = null", &|t| t.get("owner").is_none()),
        ("(id < 1010 or id > 1290) and status/id != 1", &|t| {
            let id = t["id"].as_i64().unwrap();
            !(1010..=1290).contains(&id) && t["status"]["id"] != 1
        }),
        ("dateEntered > [2024-01-02T00:00:00Z]", &|t| {
            t["_info"]["dateEntered"].as_str().unwrap() > "2024-01-02T00:00:00Z"
        }),
        ("company/id = 251", &|t| t["company"]["id"] == 251),
    ];
    for (cond, pred) in cases {
        let got = query(&cw, "service/tickets/count", &[("conditions", cond)]).await;
        assert_eq!(got.status, 200, "{cond}: {}", got.text);
        let expected = cw.sim.count_tickets_where(|t| pred(t));
        assert_eq!(got.body["count"], expected, "{cond}");
        assert!(
            expected > 0 || *cond == "owner/id = null",
            "{cond} matches nothing; the case proves little"
        );
    }
}

#[tokio::test]
async fn bad_conditions_are_a_400_with_the_vendor_wording() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(5)).await;
    for cond in [
        "summary = \"open",
        "id = ",
        "(id = 1",
        "id == 1",
        "summary = hello",
        "id = 1 and",
        "lastUpdated > [soon]",
    ] {
        let got = query(&cw, "service/tickets", &[("conditions", cond)]).await;
        assert_eq!(got.status, 400, "{cond}: {}", got.text);
        assert_eq!(got.body["code"], "ConnectWiseApi", "{cond}");
        assert!(!got.message().is_empty());
    }
    let got = query(&cw, "service/tickets", &[("conditions", "closedFlag = 1")]).await;
    assert!(
        got.message()
            .starts_with("Expected a boolean value, not a numeric."),
        "{}",
        got.text
    );
    assert!(
        got.message()
            .contains("DateTime values should be enclosed in square brackets")
    );
    let got = query(&cw, "service/tickets", &[("conditions", "nosuchfield = 1")]).await;
    assert_eq!(got.status, 400);
    assert!(got.message().contains("nosuchfield"));
    let got = query(&cw, "service/tickets", &[("orderBy", "nosuch desc")]).await;
    assert_eq!(got.status, 400);
}

#[tokio::test]
async fn order_by_and_fields() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(60)).await;
    let got = query(
        &cw,
        "service/tickets",
        &[
            ("orderBy", "summary asc, id desc"),
            ("pageSize", "60"),
            ("fields", "id,summary,board/name"),
        ],
    )
    .await;
    let items = arr(&got);
    assert_eq!(items.len(), 60);
    for t in items {
        let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3, "{t}");
        assert!(t["board"].as_object().unwrap().len() == 1 && t["board"]["name"].is_string());
    }
    for w in items.windows(2) {
        let (a, b) = (
            w[0]["summary"].as_str().unwrap().to_lowercase(),
            w[1]["summary"].as_str().unwrap().to_lowercase(),
        );
        assert!(
            a < b || (a == b && w[0]["id"].as_i64() > w[1]["id"].as_i64()),
            "{a} / {b}"
        );
    }
    let one = query(&cw, "service/tickets/1001", &[("fields", "id,status/name")]).await;
    assert_eq!(one.body.as_object().unwrap().len(), 2);
}

#[tokio::test]
async fn child_conditions_find_contacts_by_any_email() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .companies(4)
            .contacts_per_company(4),
    )
    .await;
    let company = cw.sim.company_ids()[2];
    let emails = cw.sim.contact_emails(company);
    // Every email item counts, the non-default ones too, in any case.
    for email in &emails {
        let cond = format!(
            "communicationItems/value = \"{}\" AND communicationItems/communicationType = \"Email\"",
            email.to_uppercase()
        );
        let got = query(&cw, "company/contacts", &[("childConditions", &cond)]).await;
        assert_eq!(got.status, 200, "{}", got.text);
        let items = arr(&got);
        assert_eq!(items.len(), 1, "{email}");
        let has = items[0]["communicationItems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["value"] == email.as_str());
        assert!(has);
    }
    let none = query(
        &cw,
        "company/contacts",
        &[(
            "childConditions",
            "communicationItems/value = \"nobody@nowhere.invalid\"",
        )],
    )
    .await;
    assert!(arr(&none).is_empty());
    let mixed = query(
        &cw,
        "company/contacts",
        &[(
            "childConditions",
            "communicationItems/value = \"a\" and firstName = \"b\"",
        )],
    )
    .await;
    assert_eq!(mixed.status, 400);
    let with_in = query(
        &cw,
        "company/contacts",
        &[("childConditions", "communicationItems/id in (1,2)")],
    )
    .await;
    assert_eq!(
        with_in.status, 400,
        "`in` is not allowed in childConditions"
    );
    // Contacts of a company, by conditions.
    let of = query(
        &cw,
        "company/contacts",
        &[("conditions", &format!("company/id = {company}"))],
    )
    .await;
    assert_eq!(arr(&of).len(), 4);
}

#[tokio::test]
async fn custom_field_conditions() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(2).tickets(200)).await;
    let got = query(
        &cw,
        "service/tickets/count",
        &[(
            "customFieldConditions",
            "caption = \"Escalated\" AND value = true",
        )],
    )
    .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let expected = cw.sim.count_tickets_where(|t| {
        t["customFields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["caption"] == "Escalated" && c["value"] == true)
    });
    assert!(expected > 0);
    assert_eq!(got.body["count"], expected);
    let got = query(
        &cw,
        "service/tickets/count",
        &[(
            "customFieldConditions",
            "caption = \"Vendor Case Number\" AND value != null",
        )],
    )
    .await;
    let expected = cw.sim.count_tickets_where(|t| {
        t["customFields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["caption"] == "Vendor Case Number" && c.get("value").is_some())
    });
    assert_eq!(got.body["count"], expected);
}

#[tokio::test]
async fn other_collections_list_and_count() {
    let cw = Cw::start(
        ConnectWiseSim::builder()
            .companies(7)
            .contacts_per_company(2),
    )
    .await;
    assert_eq!(cw.get("company/companies/count").await.body["count"], 7);
    assert_eq!(cw.get("company/contacts/count").await.body["count"], 14);
    let name = cw.get("company/companies/252").await.body["name"]
        .as_str()
        .unwrap()
        .to_string();
    let by_name = query(
        &cw,
        "company/companies",
        &[("conditions", &format!("name = \"{name}\""))],
    )
    .await;
    assert!(arr(&by_name).iter().any(|c| c["id"] == 252));
    let members = cw.get("system/members").await;
    assert!(arr(&members).len() >= 3);
    assert!(arr(&members).iter().all(|m| m["identifier"].is_string()));
    let boards = cw.get("service/boards").await;
    assert_eq!(arr(&boards).len(), 2);
    let statuses = cw.get("service/boards/1/statuses").await;
    assert!(arr(&statuses).iter().any(|s| s["closedStatus"] == true));
    assert!(arr(&statuses).iter().any(|s| s["defaultFlag"] == true));
    assert_eq!(cw.get("service/boards/77/statuses").await.status, 404);
    let priorities = cw.get("service/priorities").await;
    assert!(arr(&priorities).iter().any(|p| p["defaultFlag"] == true));
    let sources = cw.get("service/sources").await;
    assert!(!arr(&sources).is_empty());
    let added = cw
        .post("service/sources", &serde_json::json!({"name": "psa-sdk"}))
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    assert_eq!(added.body["name"], "psa-sdk");
    let again = cw
        .post("service/sources", &serde_json::json!({"name": "PSA-SDK"}))
        .await;
    assert_eq!(again.status, 400);
    let unnamed = cw
        .post(
            "service/sources",
            &serde_json::json!({"defaultFlag": false}),
        )
        .await;
    assert_eq!(unnamed.body["errors"][0]["code"], "MissingRequiredField");
    let contact = cw.get("company/contacts/500").await;
    let items = contact.body["communicationItems"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i["communicationType"] == "Email" && i["defaultFlag"] == true)
    );
}
