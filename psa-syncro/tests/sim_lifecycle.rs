//! A ticket's life against the simulator with the native API: create, comment, update, attach,
//! and the unsigned webhook handled the recommended way (secret path, re-fetch).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use httpmock::prelude::*;
use psa_syncro::models::{CommentInput, FileUrl, TicketInput};
use psa_syncro::webhooks::{WebhookEvent, WebhookPayload, secret_path_matches};
use psa_syncro::{CommentFilter, TicketFilter};

/// Webhook deliveries seen by the receiver: (path, body).
type Deliveries = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

const SECRET: &str = "k3Q9xV2mP7rT5wY8zA1bC4dE6fG0hJ2L";

#[tokio::test]
async fn ticket_lifecycle_with_an_unsigned_webhook() {
    // The integration's webhook receiver, at a secret path.
    let receiver = MockServer::start_async().await;
    let bodies: Deliveries = Arc::default();
    let seen = bodies.clone();
    let hook = receiver
        .mock_async(move |when, then| {
            when.method(POST).is_true(move |req| {
                seen.lock()
                    .unwrap()
                    .push((req.uri().path().to_string(), req.body_vec()));
                true
            });
            then.status(200);
        })
        .await;

    let handle = psa_sim::SyncroSim::builder()
        .seed(11)
        .companies(2)
        .contacts_per_company(2)
        .tickets(5)
        .rate_limit(100_000, Duration::from_secs(60))
        .webhook_url(&receiver.url(format!("/hooks/syncro/{SECRET}")))
        .start()
        .await
        .unwrap();
    let c = sim::fast_client(&handle).await;
    let customer = handle.customer_ids()[0];

    let created = c
        .tickets()
        .create(
            &TicketInput::new()
                .customer_id(customer)
                .subject("VPN drops every hour")
                .comment(
                    CommentInput::new("Initial Issue", "Since Monday")
                        .hidden(false)
                        .do_not_email(true),
                ),
        )
        .await
        .unwrap();
    assert_eq!(created.customer_id, Some(customer));
    assert_eq!(
        created.created_at.unwrap().offset().whole_hours(),
        -5,
        "the account's local offset is kept"
    );

    let note = c
        .comments(created.id)
        .add(&CommentInput::new("Update", "Replaced the router").hidden(true))
        .await
        .unwrap();
    assert_eq!(note.hidden, Some(true));
    let stored = handle.stored_comments(created.id);
    assert!(
        stored
            .iter()
            .any(|s| s["body"] == "Replaced the router" && s["hidden"] == true)
    );
    let listed = c
        .comments(created.id)
        .list(&CommentFilter::new())
        .await
        .unwrap();
    assert!(listed.items.iter().any(|x| x.id == note.id));

    let updated = c
        .tickets()
        .update(created.id, &TicketInput::new().status("In Progress"))
        .await
        .unwrap();
    assert_eq!(updated.status.as_deref(), Some("In Progress"));
    assert_eq!(
        updated.subject.as_deref(),
        Some("VPN drops every hour"),
        "a partial PUT keeps the rest"
    );

    let receipt = c
        .tickets()
        .attach_file_url(
            created.id,
            &[FileUrl::new("https://files.example.com/log.txt", "log.txt")],
        )
        .await
        .unwrap();
    assert!(
        receipt
            .message
            .unwrap_or_default()
            .starts_with("Processing")
    );

    let found = c
        .tickets()
        .list(&TicketFilter::new().query("VPN drops").customer_id(customer))
        .await
        .unwrap();
    assert!(found.items.iter().any(|t| t.id == created.id));

    // The webhook for the creation arrives; handle it without trusting the body.
    let deadline = Instant::now() + Duration::from_secs(10);
    let delivery = loop {
        let got = bodies.lock().unwrap().iter().find_map(|(path, body)| {
            let p = WebhookPayload::from_slice(body).ok()?;
            (p.event() == WebhookEvent::TicketCreated && p.ticket_id() == Some(created.id))
                .then(|| (path.clone(), p))
        });
        if let Some(d) = got {
            break d;
        }
        assert!(Instant::now() < deadline, "no webhook for the new ticket");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(secret_path_matches(&delivery.0, "/hooks/syncro/", SECRET));
    let fresh = c.ticket_from_webhook(&delivery.1).await.unwrap();
    assert_eq!(fresh.id, created.id);
    assert!(hook.calls_async().await >= 1);
    handle.stop().await;
}

#[tokio::test]
async fn autocomplete_and_delete_attachment_work_against_the_simulator() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(5)
        .companies(3)
        .tickets(2)
        .rate_limit(100_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let c = sim::fast_client(&handle).await;

    let first = c.customers().get(handle.customer_ids()[0]).await.unwrap();
    let name = first.display_name();
    let hits = c.customers().autocomplete(&name).await.unwrap();
    assert!(hits.iter().any(|h| h.id == first.id), "{name}: {hits:?}");

    let t = c.tickets().list(&TicketFilter::new()).await.unwrap().items[0].id;
    c.tickets()
        .attach_file_url(
            t,
            &[FileUrl::new("https://files.example.com/a.png", "a.png")],
        )
        .await
        .unwrap();
    let att = c.tickets().get(t).await.unwrap().attachments[0].id.unwrap();
    let receipt = c.tickets().delete_attachment(t, att).await.unwrap();
    assert_eq!(receipt["success"], true);
    assert!(c.tickets().get(t).await.unwrap().attachments.is_empty());
    handle.stop().await;
}
