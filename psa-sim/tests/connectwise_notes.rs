//! Ticket notes: add, list, the three display flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::Cw;
use psa_sim::ConnectWiseSim;
use serde_json::json;

#[tokio::test]
async fn add_and_list_notes() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(3).notes_per_ticket(2)).await;
    let seeded = cw.get("service/tickets/1002/notes").await;
    assert_eq!(seeded.status, 200, "{}", seeded.text);
    assert_eq!(seeded.body.as_array().unwrap().len(), 2);
    assert_eq!(
        cw.get("service/tickets/1002/notes/count").await.body["count"],
        2
    );

    let public = cw
        .post(
            "service/tickets/1002/notes",
            &json!({"text": "We are on it.", "detailDescriptionFlag": true}),
        )
        .await;
    assert_eq!(public.status, 201, "{}", public.text);
    assert_eq!(public.body["ticketId"], 1002);
    assert_eq!(public.body["detailDescriptionFlag"], true);
    assert_eq!(public.body["externalFlag"], true);
    assert_eq!(public.body["internalFlag"], false);
    assert_eq!(public.body["member"]["id"], cw.sim.api_member_id());
    assert!(public.body["dateCreated"].as_str().unwrap().ends_with('Z'));

    let internal = cw
        .post(
            "service/tickets/1002/notes",
            &json!({"text": "Check the DHCP scope.", "internalAnalysisFlag": true}),
        )
        .await;
    assert_eq!(internal.status, 201);
    assert_eq!(internal.body["internalFlag"], true);

    let all = cw
        .get("service/tickets/1002/notes?conditions=internalAnalysisFlag%3Dtrue")
        .await;
    let texts: Vec<&str> = all
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Check the DHCP scope."));
    assert!(!texts.contains(&"We are on it."));
    let one = cw
        .get(&format!(
            "service/tickets/1002/notes/{}",
            internal.body["id"]
        ))
        .await;
    assert_eq!(one.body["text"], "Check the DHCP scope.");
    assert_eq!(cw.sim.note_count(1002), 4);
}

#[tokio::test]
async fn a_note_needs_one_of_the_three_flags_and_text() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(1)).await;
    let got = cw
        .post(
            "service/tickets/1001/notes",
            &json!({"text": "Where does this go?"}),
        )
        .await;
    assert_eq!(got.status, 400);
    assert_eq!(got.body["code"], "InvalidObject");
    assert_eq!(got.body["message"], "serviceNote object is invalid");
    assert_eq!(got.body["errors"][0]["code"], "MissingRequiredField");
    assert_eq!(
        got.body["errors"][0]["message"],
        "Please choose where to display the notes in order to save this record."
    );
    let blank = cw
        .post(
            "service/tickets/1001/notes",
            &json!({"text": "  ", "detailDescriptionFlag": true}),
        )
        .await;
    assert_eq!(blank.status, 400);
    assert_eq!(blank.body["errors"][0]["field"], "text");
    let unknown = cw
        .post(
            "service/tickets/1001/notes",
            &json!({"text": "x", "resolutionFlag": true, "body": "x"}),
        )
        .await;
    assert_eq!(unknown.status, 400);
    assert!(
        unknown
            .message()
            .starts_with("Could not find member 'body' on object of type 'ServiceNote'")
    );
    let missing = cw
        .post(
            "service/tickets/9999/notes",
            &json!({"text": "x", "resolutionFlag": true}),
        )
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(cw.sim.note_count(1001), 2);
}
