//! `/system/documents`: multipart uploads, the 415 for JSON, listing by record, download.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use connectwise_support::{Cw, read};
use psa_sim::ConnectWiseSim;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::json;

#[tokio::test]
async fn upload_list_and_download() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(3)).await;
    let form = Form::new()
        .text("recordType", "Ticket")
        .text("recordId", "1002")
        .text("title", "Error screenshot")
        .text("privateFlag", "true")
        .part(
            "file",
            Part::bytes(b"\x89PNG fake image".to_vec())
                .file_name("shot.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let got = read(
        cw.api(Method::POST, "system/documents")
            .multipart(form)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(got.status, 201, "{}", got.text);
    let doc = &got.body;
    assert_eq!(doc["title"], "Error screenshot");
    assert_eq!(doc["fileName"], "shot.png");
    assert_eq!(doc["imageFlag"], true);
    assert_eq!(doc["publicFlag"], false);
    assert_eq!(doc["size"], 15);
    assert!(doc["serverFileName"].as_str().unwrap().ends_with(".png"));
    let id = doc["id"].as_i64().unwrap();

    let listed = cw
        .get("system/documents?recordType=Ticket&recordId=1002")
        .await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    assert!(
        cw.get("system/documents?recordType=Ticket&recordId=1001")
            .await
            .body
            .as_array()
            .unwrap()
            .is_empty()
    );

    let file = cw
        .api(Method::GET, &format!("system/documents/{id}/download"))
        .send()
        .await
        .unwrap();
    assert_eq!(file.headers()["content-type"], "image/png");
    assert_eq!(file.bytes().await.unwrap().as_ref(), b"\x89PNG fake image");
    assert_eq!(cw.sim.document_count(), 1);
}

#[tokio::test]
async fn link_documents_need_no_file() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(1)).await;
    let form = Form::new()
        .text("recordType", "Ticket")
        .text("recordId", "1001")
        .text("url", "https://files.example.com/log.txt");
    let got = read(
        cw.api(Method::POST, "system/documents")
            .multipart(form)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(got.status, 201, "{}", got.text);
    assert_eq!(got.body["urlFlag"], true);
    assert_eq!(got.body["fileName"], "log.txt");
}

#[tokio::test]
async fn json_is_a_415() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(1)).await;
    let got = cw
        .post(
            "system/documents",
            &json!({"recordType": "Ticket", "recordId": 1001}),
        )
        .await;
    assert_eq!(got.status, 415);
    assert!(got.message().contains("application/json"), "{}", got.text);
    assert_eq!(cw.sim.document_count(), 0);
}

#[tokio::test]
async fn upload_validation() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(1)).await;
    let send = |form: Form| async {
        read(
            cw.api(Method::POST, "system/documents")
                .multipart(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    };
    let no_file = send(
        Form::new()
            .text("recordType", "Ticket")
            .text("recordId", "1001"),
    )
    .await;
    assert_eq!(no_file.status, 400);
    assert_eq!(no_file.body["errors"][0]["field"], "file");
    let no_record =
        send(Form::new().part("file", Part::bytes(b"x".to_vec()).file_name("x.txt"))).await;
    let fields: Vec<&str> = no_record.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["recordType", "recordId"]);
    let bad_type = send(
        Form::new()
            .text("recordType", "Spaceship")
            .text("recordId", "1")
            .part("file", Part::bytes(b"x".to_vec()).file_name("x.txt")),
    )
    .await;
    assert_eq!(bad_type.body["errors"][0]["field"], "recordType");
    let missing_ticket = send(
        Form::new()
            .text("recordType", "Ticket")
            .text("recordId", "424242")
            .part("file", Part::bytes(b"x".to_vec()).file_name("x.txt")),
    )
    .await;
    assert_eq!(missing_ticket.status, 400);
    assert_eq!(missing_ticket.body["errors"][0]["field"], "recordId");
    assert_eq!(cw.sim.document_count(), 0);
}
