//! The token permission profile: each denial answers Syncro's 401 permission body.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod syncro_support;

use psa_core::Capability;
use psa_sim::{SyncroSim, SyncroSimHandle};
use serde_json::{Value, json};
use syncro_support::{Api, Reply, first_customer, permission_body, ticket_ids_where};

/// Calls the endpoint a permission guards.
async fn call(api: &Api, sim: &SyncroSimHandle, what: &str) -> Reply {
    let customer = first_customer(sim);
    let ticket = ticket_ids_where(sim, |_| true)[0];
    match what {
        "list tickets" => api.get("tickets").await,
        "view ticket" => api.get(&format!("tickets/{ticket}")).await,
        "list comments" => api.get(&format!("tickets/{ticket}/comments")).await,
        "create ticket" => {
            api.post(
                "tickets",
                &json!({"customer_id": customer, "subject": "perm"}),
            )
            .await
        }
        "update ticket" => {
            api.put(
                &format!("tickets/{ticket}"),
                &json!({"status": "In Progress"}),
            )
            .await
        }
        "add comment" => {
            api.post(
                &format!("tickets/{ticket}/comment"),
                &json!({"subject": "s", "body": "b"}),
            )
            .await
        }
        "attach" => {
            api.post(
                &format!("tickets/{ticket}/attach_file_url"),
                &json!({"files": [{"url": "https://f.example/a", "filename": "a"}]}),
            )
            .await
        }
        "delete ticket" => api.delete(&format!("tickets/{ticket}")).await,
        "list customers" => api.get("customers").await,
        "view customer" => api.get(&format!("customers/{customer}")).await,
        "list contacts" => api.get(&format!("contacts?customer_id={customer}")).await,
        "create customer" => {
            api.post("customers", &json!({"business_name": "New Co"}))
                .await
        }
        "create contact" => {
            api.post("contacts", &json!({"customer_id": customer, "name": "Pat"}))
                .await
        }
        other => panic!("unknown call {other}"),
    }
}

#[tokio::test]
async fn each_denied_capability_gets_the_permission_401() {
    let table: &[(Capability, &[&str])] = &[
        (Capability::ReadTickets, &["list tickets"]),
        (Capability::ReadNotes, &["view ticket", "list comments"]),
        (Capability::CreateTickets, &["create ticket"]),
        (
            Capability::UpdateTickets,
            &["update ticket", "add comment", "attach"],
        ),
        (Capability::CloseTickets, &["update ticket"]),
        (Capability::AddNotes, &["add comment"]),
        (Capability::Attachments, &["attach"]),
        (Capability::AttachmentUrls, &["attach"]),
        (Capability::ReadCompanies, &["list customers"]),
        (
            Capability::ReadContacts,
            &["view customer", "list contacts"],
        ),
    ];
    for (cap, calls) in table {
        let sim = SyncroSim::builder().deny(*cap).start().await.unwrap();
        let api = Api::new(&sim);
        for what in *calls {
            let r = call(&api, &sim, what).await;
            assert_eq!(
                (r.status, &r.body),
                (401, &permission_body()),
                "{cap:?}: {what}"
            );
        }
        // Everything else the recommended token may do still works.
        let r = api.get("me").await;
        assert_eq!(r.status, 200);
        sim.stop().await;
    }
}

#[tokio::test]
async fn each_named_permission_guards_its_endpoints() {
    let table: &[(&str, &[&str])] = &[
        ("Tickets - List/Search", &["list tickets"]),
        ("Tickets - View Details", &["view ticket", "list comments"]),
        ("Tickets - Create", &["create ticket"]),
        (
            "Tickets - Edit",
            &["update ticket", "add comment", "attach"],
        ),
        ("Customers - List/Search", &["list customers"]),
        (
            "Customers - View Detail",
            &["view customer", "list contacts"],
        ),
    ];
    for (name, calls) in table {
        let sim = SyncroSim::builder()
            .deny_permission(name)
            .start()
            .await
            .unwrap();
        let api = Api::new(&sim);
        assert!(!sim.permissions().contains(&name.to_string()));
        for what in *calls {
            let r = call(&api, &sim, what).await;
            assert_eq!(
                (r.status, &r.body),
                (401, &permission_body()),
                "{name}: {what}"
            );
        }
        sim.stop().await;
    }
}

#[tokio::test]
async fn the_recommended_token_lacks_delete_and_customer_writes() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    for what in ["delete ticket", "create customer", "create contact"] {
        let r = call(&api, &sim, what).await;
        assert_eq!((r.status, &r.body), (401, &permission_body()), "{what}");
    }
    // Granting the rights opens them.
    sim.grant_permission("Tickets - Delete").unwrap();
    sim.grant_permission("customers - create").unwrap();
    sim.grant_permission("Customers - Edit").unwrap();
    let r = call(&api, &sim, "create customer").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["customer"]["business_name"], "New Co");
    let r = call(&api, &sim, "create contact").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["name"], "Pat", "POST /contacts answers unwrapped");
    let r = call(&api, &sim, "delete ticket").await;
    assert_eq!(
        r.body,
        json!({"message": "Ticket was successfully deleted. "})
    );
    assert!(sim.grant_permission("Tickets - Destroy").is_err());
    sim.stop().await;
}

#[tokio::test]
async fn me_permissions_reflect_the_profile() {
    let sim = SyncroSim::builder().start().await.unwrap();
    let api = Api::new(&sim);
    let p = api.get("me").await.body["permissions"].clone();
    assert_eq!(
        p["ticket"],
        json!({"read": true, "write": true, "delete": false})
    );
    assert_eq!(
        p["customer"],
        json!({"read": true, "write": false, "delete": false})
    );
    sim.deny_permission("Tickets - Create").unwrap();
    sim.deny_permission("Tickets - Edit").unwrap();
    let p = api.get("me").await.body["permissions"].clone();
    assert_eq!(p["ticket"]["write"], false);
    sim.stop().await;
}

#[tokio::test]
async fn their_ticket_permission_shows_only_assigned_tickets() {
    let sim = SyncroSim::builder()
        .seed(4)
        .tickets(40)
        .deny_permission("Tickets - View Details")
        .grant_permission("Tickets - View 'Their Ticket' Details (assigned to them)")
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    let me = sim.user_id();
    let mine = ticket_ids_where(&sim, |t| t["user_id"] == me)[0];
    let other = ticket_ids_where(&sim, |t| t["user_id"] != me)[0];
    assert_eq!(api.get(&format!("tickets/{mine}")).await.status, 200);
    let r = api.get(&format!("tickets/{other}")).await;
    assert_eq!((r.status, r.body), (401, permission_body()));
    let r = api.get("tickets?mine=true").await.body;
    assert!(
        r["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["user_id"] == me)
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_profile_can_be_replaced_whole() {
    let sim = SyncroSim::builder()
        .permissions(["Customers - List/Search"])
        .start()
        .await
        .unwrap();
    let api = Api::new(&sim);
    assert_eq!(api.get("customers").await.status, 200);
    assert_eq!(api.get("tickets").await.body, permission_body());
    let _: Value = api.get("me").await.body;
    let sim2 = SyncroSim::builder()
        .permissions(["Global Admin"])
        .start()
        .await
        .unwrap();
    let api2 = Api::new(&sim2);
    assert_eq!(api2.get("me").await.body["admin"], true);
    assert_eq!(call(&api2, &sim2, "create customer").await.status, 200);
    sim.stop().await;
    sim2.stop().await;
}
