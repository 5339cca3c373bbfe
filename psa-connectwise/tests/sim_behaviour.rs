//! Behaviour against the simulator: faults, duplicate-safe creates, throttling, a cloud upgrade
//! of the codebase, callbacks end to end, documents and the long-query search form.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sim;

use std::collections::HashSet;
use std::time::Duration;

use futures::TryStreamExt;
use psa_connectwise::models::{
    CallbackLevel, CallbackType, DocumentRecordType, NewCallback, Reference,
};
use psa_connectwise::{Patch, Query, api::documents::DocumentUpload, field};
use psa_core::{CompanyId, Connector, ConnectorExt, ErrorKind, NewTicket, TicketQuery};
use psa_sim::{ConnectWiseSim, Faults};

#[tokio::test]
async fn two_thousand_tickets_stream_each_once_under_ten_percent_server_errors() {
    let sim = ConnectWiseSim::builder()
        .seed(21)
        .companies(5)
        .tickets(2000)
        .notes_per_ticket(0)
        .faults(Faults::none().server_errors(0.1).seed(9))
        .start()
        .await
        .unwrap();
    // 100 pages, so about ten of them meet a fault.
    let client = sim::builder(&sim).page_size(20).build().await.unwrap();
    let all: Vec<_> = client
        .stream_tickets(&TicketQuery::new())
        .try_collect()
        .await
        .unwrap();
    let ids: HashSet<i64> = all.iter().map(|t| t.id.get()).collect();
    assert_eq!(all.len(), 2000);
    assert_eq!(ids.len(), 2000, "a ticket arrived twice");
    assert!(sim.log().count_status(500) > 0, "no fault was injected");
    sim.stop().await;
}

#[tokio::test]
async fn two_hundred_keyed_creates_under_faults_after_storing_leave_two_hundred_tickets() {
    let sim = ConnectWiseSim::builder()
        .seed(22)
        .companies(3)
        .tickets(0)
        .faults(
            Faults::none()
                .server_errors(0.1)
                .dropped_connections(0.05)
                .after_write_share(1.0)
                .seed(4),
        )
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let company = CompanyId(sim.company_ids()[0]);
    for i in 0..200 {
        let t = NewTicket::new(format!("burst ticket {i}"))
            .company(company)
            .idempotency_key(format!("burst-{i}"));
        let created = client
            .create_ticket(&t)
            .await
            .unwrap_or_else(|e| panic!("create {i}: {e}"));
        assert_eq!(
            created.external_ref.as_deref(),
            Some(format!("burst-{i}").as_str())
        );
    }
    assert_eq!(sim.ticket_count(), 200, "a retry made a duplicate");
    for i in [0, 57, 199] {
        assert_eq!(sim.tickets_with_summary(&format!("burst ticket {i}")), 1);
    }
    let faults = sim
        .log()
        .entries()
        .into_iter()
        .filter(|e| e.fault.is_some() && e.method == "POST")
        .count();
    assert!(faults > 0, "no create was hit by a fault");
    sim.stop().await;
}

#[tokio::test]
async fn throttling_429_is_waited_out_and_retried() {
    let sim = ConnectWiseSim::builder()
        .seed(23)
        .tickets(5)
        .rate_limit(10, Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    for _ in 0..25 {
        client.priorities().all().await.unwrap();
    }
    assert!(
        sim.log().count_status(429) > 0,
        "the simulator never throttled"
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_codebase_change_is_followed_without_the_caller_noticing() {
    let sim = ConnectWiseSim::builder()
        .seed(24)
        .tickets(3)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let before = client.tickets().count(None).await.unwrap();
    assert!(client.api_base().as_str().contains(&sim.codebase()));
    sim.set_codebase("v2026_1/");
    let after = client.tickets().count(None).await.unwrap();
    assert_eq!(before, after);
    assert!(
        client.api_base().as_str().contains("/v2026_1/apis/3.0/"),
        "{}",
        client.api_base()
    );
    assert!(
        sim.log().count_status(404) >= 1,
        "the old codebase should have answered 404 once"
    );
    sim.stop().await;
}

#[tokio::test]
async fn callbacks_are_registered_delivered_verified_and_deleted() {
    let receiver = httpmock::MockServer::start_async().await;
    let hook = receiver
        .mock_async(|when, then| {
            when.method(httpmock::Method::POST).path("/cw");
            then.status(200);
        })
        .await;
    let sim = ConnectWiseSim::builder()
        .seed(25)
        .companies(2)
        .tickets(2)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let cb = client
        .callbacks()
        .create(
            &NewCallback::new(
                format!("{}/cw?recordId=", receiver.base_url()),
                CallbackType::Ticket,
                CallbackLevel::Owner,
            )
            .description("psa-sdk test"),
        )
        .await
        .unwrap();
    assert!(
        client
            .callbacks()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|c| c.id == cb.id)
    );
    let ticket = client
        .tickets()
        .list(&Query::new(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    client
        .tickets()
        .patch(
            ticket,
            &Patch::new().summary("changed by the callback test"),
        )
        .await
        .unwrap();
    // Wait for the delivery.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let delivery = loop {
        if let Some(d) = sim
            .callback_deliveries()
            .into_iter()
            .find(|d| d.record_id == ticket && d.callback_id == cb.id)
        {
            break d;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no callback was delivered"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(hook.calls_async().await >= 1);
    let mut headers = http::HeaderMap::new();
    headers.insert("x-content-signature", delivery.signature.parse().unwrap());
    let payload = client
        .verify_callback(delivery.body.as_bytes(), &headers)
        .await
        .unwrap();
    assert_eq!(payload.id, Some(ticket));
    let t: psa_connectwise::models::ServiceTicket = payload.entity_as().unwrap().unwrap();
    assert_eq!(t.summary, "changed by the callback test");
    // The signature checks out independently too.
    assert!(psa_connectwise::verify_callback_signature(
        sim.callback_signing_key(),
        delivery.body.as_bytes(),
        &delivery.signature
    ));

    // A forged delivery whose key_url points elsewhere is refused without a request there.
    let key_requests = sim
        .log()
        .entries()
        .iter()
        .filter(|e| e.path.contains("callbackkey"))
        .count();
    let mut forged: serde_json::Value = serde_json::from_str(&delivery.body).unwrap();
    forged["Metadata"]["key_url"] = serde_json::json!("https://attacker.example/key");
    let forged = serde_json::to_vec(&forged).unwrap();
    let e = client.verify_callback(&forged, &headers).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(e.message().contains("attacker.example"), "{e}");
    let after = sim
        .log()
        .entries()
        .iter()
        .filter(|e| e.path.contains("callbackkey"))
        .count();
    assert_eq!(
        after, key_requests,
        "the key URL was fetched once for the genuine delivery only"
    );

    client.callbacks().delete(cb.id).await.unwrap();
    assert!(
        !client
            .callbacks()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|c| c.id == cb.id)
    );
    sim.stop().await;
}

#[tokio::test]
async fn documents_round_trip() {
    let sim = ConnectWiseSim::builder()
        .seed(26)
        .companies(1)
        .tickets(1)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let ticket = client
        .tickets()
        .list(&Query::new(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    let doc = client
        .documents()
        .upload(
            &DocumentUpload::file(
                DocumentRecordType::Ticket,
                ticket,
                "boot.log",
                b"boot failed".to_vec(),
            )
            .content_type("text/plain")
            .title("Boot log"),
        )
        .await
        .unwrap();
    let listed = client
        .documents()
        .list_for(DocumentRecordType::Ticket, ticket)
        .await
        .unwrap();
    assert!(
        listed
            .iter()
            .any(|d| d.id == doc.id && d.title.as_deref() == Some("Boot log"))
    );
    let bytes = client.documents().download(doc.id).await.unwrap();
    assert_eq!(&bytes[..], b"boot failed");
    assert_eq!(sim.document_count(), 1);
    sim.stop().await;
}

#[tokio::test]
async fn long_queries_use_the_search_form_and_find_the_same_tickets() {
    let sim = ConnectWiseSim::builder()
        .seed(27)
        .companies(2)
        .tickets(40)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let wanted: Vec<i64> = client
        .tickets()
        .list(&Query::new().page_size(10), None)
        .await
        .unwrap()
        .items
        .iter()
        .map(|t| t.id)
        .collect();
    // Pad the id list past 2,000 characters with ids that do not exist.
    let mut ids = wanted.clone();
    ids.extend(900_000_000..900_000_300);
    let found: Vec<_> = client
        .tickets()
        .stream(Query::new().conditions(field("id").in_(ids)).page_size(4))
        .try_collect()
        .await
        .unwrap();
    let mut got: Vec<i64> = found.iter().map(|t| t.id).collect();
    got.sort_unstable();
    let mut want = wanted.clone();
    want.sort_unstable();
    assert_eq!(got, want);
    assert!(
        sim.log()
            .entries()
            .iter()
            .any(|e| e.method == "POST" && e.path.contains("service/tickets/search?")),
        "the search form was not used"
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_trait_resolves_status_names_per_board_and_closes_tickets() {
    let sim = ConnectWiseSim::builder()
        .seed(28)
        .companies(2)
        .tickets(0)
        .start()
        .await
        .unwrap();
    let client = sim::client(&sim).await;
    let company = CompanyId(sim.company_ids()[0]);
    let t = client
        .create_ticket(&NewTicket::new("close me").company(company))
        .await
        .unwrap();
    let closed = client
        .statuses()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.is_closed)
        .unwrap();
    let done = client
        .update_ticket(
            t.id,
            &psa_core::TicketUpdate::new().status(closed.name.clone()),
        )
        .await
        .unwrap();
    assert!(done.is_closed());
    let open: Vec<_> = client
        .stream_tickets(&TicketQuery::new().open_only(true))
        .try_collect()
        .await
        .unwrap();
    assert!(open.iter().all(|x| x.id != t.id));
    // Patching a reference part is refused before sending.
    let e = client
        .tickets()
        .patch(t.id.get(), &Patch::new().replace("status/id", 1))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let _ = Reference::id(1);
    sim.stop().await;
}
