//! Leads against the simulator: seeded list, filters, create, update, and the vendor's denial
//! without "Leads - List/Search".
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/sim.rs"]
mod sim;

use futures::TryStreamExt;
use psa_core::ErrorKind;
use psa_syncro::LeadFilter;
use psa_syncro::models::LeadInput;

#[tokio::test]
async fn leads_list_filter_create_and_update() {
    let handle = psa_sim::SyncroSim::builder()
        .seed(5)
        .companies(30)
        .grant_permission("Leads - List/Search")
        .rate_limit(100_000, std::time::Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let c = sim::fast_client(&handle).await;

    let all: Vec<_> = c
        .leads()
        .stream(LeadFilter::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.len(),
        30,
        "one seeded lead per customer, over two pages of 25"
    );
    let first = c.leads().list(&LeadFilter::new()).await.unwrap();
    assert_eq!(first.items.len(), 25);
    assert_eq!(first.meta.total_pages, Some(2));

    let status = all[0].status.clone().unwrap();
    let same: Vec<_> = c
        .leads()
        .stream(LeadFilter::new().statuses([status.as_str()]))
        .try_collect()
        .await
        .unwrap();
    assert!(!same.is_empty());
    assert!(
        same.iter()
            .all(|l| l.status.as_deref() == Some(status.as_str()))
    );

    let created = c
        .leads()
        .create(
            &LeadInput::new()
                .first_name("Ann")
                .last_name("Prospect")
                .business_name("Zebra Widgets")
                .email("ann@zebra.example")
                .status("Opportunity"),
        )
        .await
        .unwrap();
    assert_eq!(created.display_name(), "Zebra Widgets");
    let found = c
        .leads()
        .list(&LeadFilter::new().query("zebra"))
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, created.id);

    let won = c
        .leads()
        .update(created.id, &LeadInput::new().status("Won"))
        .await
        .unwrap();
    assert_eq!(won.status.as_deref(), Some("Won"));
    assert_eq!(
        c.leads().get(created.id).await.unwrap().status.as_deref(),
        Some("Won")
    );
    assert_eq!(
        c.leads().get(999).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );

    let bad = c
        .leads()
        .create(&LeadInput::new().status("Maybe"))
        .await
        .unwrap_err();
    assert_eq!(bad.kind(), ErrorKind::Validation);
}

#[tokio::test]
async fn leads_need_their_right_as_on_the_vendor() {
    // The recommended token of the setup guide has no "Leads - List/Search".
    let handle = psa_sim::SyncroSim::builder().seed(2).start().await.unwrap();
    let c = sim::fast_client(&handle).await;
    let err = c.leads().list(&LeadFilter::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("Leads - List/Search"), "{err:?}");
    handle.grant_permission("Leads - List/Search").unwrap();
    assert!(
        !c.leads()
            .list(&LeadFilter::new())
            .await
            .unwrap()
            .items
            .is_empty()
    );
}
