//! Invoices (`/invoices`, read) on the wire, with the spec's own JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use futures::TryStreamExt;
use httpmock::prelude::*;
use psa_core::ErrorKind;
use psa_syncro::InvoiceFilter;
use serde_json::json;

fn invoice(id: i64) -> serde_json::Value {
    json!({"id": id, "customer_id": 2, "customer_business_then_name": "Wonk Donk", "number": "4444",
           "created_at": "2019-11-06T08:24:20.821Z", "updated_at": "2019-11-06T08:24:20.821Z",
           "date": "2019-11-06T00:00:00.000Z", "due_date": "2019-11-06T00:00:00.000Z", "subtotal": "0.0",
           "total": "0.0", "tax": "0.0", "verified_paid": false, "tech_marked_paid": false, "ticket_id": 1,
           "pdf_url": null, "is_paid": false, "location_id": null, "po_number": null, "contact_id": null,
           "note": null, "hardwarecost": null, "user_id": null})
}

#[tokio::test]
async fn invoices_list_filtered_and_read_one_wrapped_or_flat() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            exact_query(
                authed(when.method(GET).path("/api/v1/invoices")),
                "unpaid=true&ticket_id=1&since_updated_at=2019-11-01&page=1",
            );
            then.status(200).json_body(
                json!({"invoices": [invoice(6)], "meta": {"total_pages": 1, "page": 1}}),
            );
        })
        .await;
    let wrapped = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/invoices/6"));
            then.status(200).json_body(json!({"invoice": invoice(6)}));
        })
        .await;
    let flat = server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/invoices/4444"));
            then.status(200).json_body(invoice(6));
        })
        .await;
    let other = catch_all(&server).await;
    let c = client(&server).await;
    let f = InvoiceFilter::new()
        .unpaid(true)
        .ticket_id(1)
        .since_updated_at("2019-11-01");
    let all: Vec<_> = c.invoices().stream(f).try_collect().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].number.as_deref(), Some("4444"));
    assert_eq!(all[0].total.as_deref(), Some("0.0"));
    assert!(all[0].extra.contains_key("hardwarecost"));
    assert_eq!(c.invoices().get("6").await.unwrap().id, 6);
    assert_eq!(c.invoices().get("4444").await.unwrap().customer_id, Some(2));
    for m in [&list, &wrapped, &flat] {
        assert_eq!(m.calls_async().await, 1);
    }
    assert_eq!(other.calls_async().await, 0);
}

#[tokio::test]
async fn a_denied_invoice_list_names_the_right() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            authed(when.method(GET).path("/api/v1/invoices"));
            then.status(401).json_body(json!({"error": "Not authorized. Please ask account admin to update your group permissions."}));
        })
        .await;
    let c = client(&server).await;
    let err = c.invoices().list(&InvoiceFilter::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("Invoices - List/Search"), "{err}");
}
