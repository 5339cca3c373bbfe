//! The vendor-native API against the simulator: UDF filters, included fields, child writes,
//! attachments round trip, picklists and the stage map.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures::TryStreamExt;
use psa_autotask::models::{Contact, TicketAttachment, TicketNote};
use psa_autotask::{AutotaskClient, Filter, Query};
use psa_core::{ClientOptions, ErrorKind, Stage};

async fn setup() -> (psa_sim::AutotaskSimHandle, AutotaskClient) {
    let sim = psa_sim::AutotaskSim::builder()
        .seed(21)
        .companies(3)
        .contacts_per_company(2)
        .tickets(60)
        .notes_per_ticket(1)
        .start()
        .await
        .unwrap();
    let client = AutotaskClient::builder()
        .username(sim.username())
        .secret(sim.secret())
        .integration_code(sim.integration_code())
        .discovery_url(sim.discovery_url())
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    (sim, client)
}

#[tokio::test]
async fn udf_filters_and_included_fields_work() {
    let (sim, client) = setup().await;
    let with_udf = sim.count_tickets_where(|t| {
        t["userDefinedFields"].as_array().is_some_and(|u| {
            u.iter()
                .any(|f| f["name"] == "CustomerRanking" && !f["value"].is_null())
        })
    });
    let ranked: Vec<_> = client
        .tickets()
        .stream(Query::with(Filter::exist("CustomerRanking").udf()))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ranked.len(), with_udf);
    assert!(ranked.iter().all(|t| t.udf("CustomerRanking").is_some()));

    let slim = client
        .tickets()
        .query(&Query::new().include_fields(["title"]).max_records(5))
        .await
        .unwrap();
    assert_eq!(slim.items.len(), 5);
    assert!(
        slim.items
            .iter()
            .all(|t| t.id.is_some() && t.title.is_some() && t.status.is_none())
    );
    sim.stop().await;
}

#[tokio::test]
async fn children_are_written_under_their_parents() {
    let (sim, client) = setup().await;
    let company = sim.company_ids()[1];
    let mut c = Contact::default();
    c.company_id = Some(company);
    c.first_name = Some("Ada".into());
    c.last_name = Some("Lovelace".into());
    c.email_address = Some("ada.lovelace@example.com".into());
    c.is_active = Some(1);
    let id = client.contacts().create(&c).await.unwrap();
    let back = client.contacts().get(id).await.unwrap();
    assert_eq!(back.company_id, Some(company));
    c.id = Some(id);
    client.contacts().delete(&c).await.unwrap();
    assert_eq!(
        client.contacts().get(id).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );

    let ticket = sim.ticket_ids()[0];
    let mut n = TicketNote::default();
    n.ticket_id = Some(ticket);
    n.title = Some("Follow-up".into());
    n.description = Some("Rebooted the printer".into());
    n.note_type = Some(1);
    n.publish = Some(2);
    let note = client.ticket_notes().create(&n).await.unwrap();
    let notes: Vec<_> = client
        .ticket_notes()
        .stream(Query::with(Filter::eq("ticketID", ticket)))
        .try_collect()
        .await
        .unwrap();
    assert!(
        notes
            .iter()
            .any(|x| x.id == Some(note) && x.publish == Some(2))
    );
    sim.stop().await;
}

#[tokio::test]
async fn an_attachment_round_trips_with_its_bytes() {
    let (sim, client) = setup().await;
    let ticket = sim.ticket_ids()[2];
    let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let a = TicketAttachment::file(ticket, "dump.bin", &bytes).public(true);
    let id = client.ticket_attachments().create(&a).await.unwrap();
    let down = client
        .ticket_attachments()
        .download(ticket, id)
        .await
        .unwrap();
    assert_eq!(down.decode_data().unwrap(), Some(bytes));
    assert_eq!(down.publish, Some(1));
    let listed = client
        .ticket_attachments()
        .query(&Query::with(Filter::eq("parentID", ticket)))
        .await
        .unwrap();
    assert!(
        listed
            .items
            .iter()
            .any(|x| x.id == Some(id) && x.data.is_none())
    );
    sim.stop().await;
}

#[tokio::test]
async fn picklists_have_labels_and_the_stage_map_follows_them() {
    let (sim, client) = setup().await;
    let p = client.ticket_picklists().await.unwrap();
    assert_eq!(p.status.label_of("5"), Some("Complete"));
    assert_eq!(p.status.resolve("waiting customer"), Some("7"));
    assert!(p.priority.default_value().is_some());
    assert!(!p.queue.values().is_empty());
    assert!(!p.source.values().is_empty());
    assert!(!p.issue_type.values().is_empty());
    assert!(
        p.sub_issue_type
            .values()
            .iter()
            .all(|v| v.parent_value.is_some())
    );
    let map = client.stage_map().await.unwrap();
    assert_eq!(map.lookup("1"), Some(Stage::New));
    assert_eq!(map.lookup("5"), Some(Stage::Resolved));
    assert_eq!(map.lookup("7"), Some(Stage::Waiting));
    assert_eq!(map.lookup("8"), Some(Stage::Working));
    let info = client.tickets().entity_information().await.unwrap();
    assert_eq!(info.can_query, Some(true));
    let udfs = client.tickets().udf_fields().await.unwrap();
    assert!(
        udfs.iter()
            .any(|u| u.name.as_deref() == Some("CustomerRanking"))
    );
    sim.stop().await;
}
