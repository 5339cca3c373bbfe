//! Webhooks carry no signature: the ticket id is taken from the body and the ticket is fetched
//! through the API, so a forged body cannot inject data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use httpmock::prelude::*;
use psa_core::ErrorKind;
use psa_syncro::webhooks::{WebhookEvent, WebhookPayload, secret_path_matches};
use serde_json::json;

#[tokio::test]
async fn the_ticket_is_refetched_not_trusted() {
    let server = MockServer::start_async().await;
    let get = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/tickets/77"));
            then.status(200)
                .json_body(json!({"ticket": ticket_json(77, "The real subject")}));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let body = json!({
        "text": "A Ticket was created\nTicket #1077 - forged subject",
        "link": "https://acme.syncromsp.com/tickets/77",
        "attributes": {"id": 77, "number": 1077, "subject": "forged subject", "customer_business_then_name": "Contoso", "status": "New"}
    });
    let hook = WebhookPayload::from_slice(body.to_string().as_bytes()).unwrap();
    assert_eq!(hook.event(), WebhookEvent::TicketCreated);
    assert!(secret_path_matches(
        "/hooks/syncro/0123456789abcdef0123456789abcdef",
        "/hooks/syncro/",
        "0123456789abcdef0123456789abcdef"
    ));
    let t = c.ticket_from_webhook(&hook).await.unwrap();
    assert_eq!(t.subject.as_deref(), Some("The real subject"));
    let customer_hook =
        WebhookPayload::from_slice(br#"{"text":"New Customer Created!","attributes":{"id":5}}"#)
            .unwrap();
    assert_eq!(
        c.ticket_from_webhook(&customer_hook)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    get.assert_calls_async(1).await;
    other.assert_calls_async(0).await;
}
