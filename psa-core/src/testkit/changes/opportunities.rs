//! The change feed's conformance for opportunities ([`run_opportunity_feed_conformance`]).

use std::collections::BTreeSet;
use std::time::Duration;

use futures::TryStreamExt;

use super::{assert_resumes_exactly, assert_sorted, unique_keys};
use crate::changes::{ChangeEvent, ChangeFeed, ChangeKind, ChangeSource, Cursor, EntityKind};
use crate::testkit::business::BusinessFixture;
use crate::{BusinessConnector, BusinessConnectorExt, Capability, Connector, ErrorKind};
use crate::{NewOpportunity, OpportunityDefaults, OpportunityId, OpportunityUpdate, ResourceQuery};

/// The change feed's promises for opportunities, on a [`BusinessConnector`]. Panics on the
/// first failure.
///
/// Whatever the connector: a feed built with [`ChangeFeed::new`] answers `Unsupported` for
/// opportunities. Without [`Capability::ReadOpportunities`] (Syncro), a
/// [`ChangeFeed::with_business`] feed does not sync them and answers `Unsupported` when asked
/// to. With it: creates 6 opportunities titled with `f.marker` in `f.company` (created in the
/// same second on most PSAs, so equal timestamps are told apart by id), syncs them inside a
/// 120 s overlap window, crashes half-way and resumes (0 lost, 0 repeated), updates two of them
/// (2 `Updated` events, nothing else), confirms a pushed event of a third through
/// [`BusinessConnector::opportunity`], and checks the next poll does not emit it again.
pub async fn run_opportunity_feed_conformance(c: &dyn BusinessConnector, f: &BusinessFixture) {
    let plain: &dyn Connector = c;
    let e = ChangeFeed::new(plain)
        .poll_entity(EntityKind::Opportunity, &Cursor::new())
        .await
        .err()
        .unwrap_or_else(|| panic!("a feed over a plain Connector polled opportunities"));
    assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
    assert!(
        e.message().contains("with_business"),
        "the error says how to get opportunities: {e}"
    );
    let feed = ChangeFeed::with_business(c);
    if !c.capabilities().supports(Capability::ReadOpportunities) {
        assert!(
            !feed.synced_entities().contains(&EntityKind::Opportunity),
            "a connector without opportunities does not sync them by default"
        );
        let e = feed
            .clone()
            .entities([EntityKind::Opportunity])
            .poll(&Cursor::new())
            .await
            .err()
            .unwrap_or_else(|| panic!("opportunities polled without the capability"));
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
        assert!(e.message().contains("read-opportunities"), "{e}");
        return;
    }
    assert!(
        feed.synced_entities().contains(&EntityKind::Opportunity),
        "with_business syncs opportunities when the connector reads them"
    );
    let feed = feed.entities([EntityKind::Opportunity]);
    let start = Cursor::new().with_overlap(Duration::from_secs(120));

    // Defaults as a tool configures them: an active stage, an owner fallback, 30 days.
    let stages = c
        .list_opportunity_stages()
        .await
        .unwrap_or_else(|e| panic!("list_opportunity_stages: {e}"));
    let stage = stages
        .iter()
        .find(|s| s.is_active)
        .unwrap_or_else(|| panic!("no active opportunity stage among {stages:?}"));
    let mut defaults = OpportunityDefaults::new()
        .stage(&stage.id)
        .close_in_days(30);
    let mut requester = None;
    if c.capabilities().supports(Capability::ReadResources) {
        let staff: Vec<_> = c
            .stream_resources(&ResourceQuery::new().active(true))
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("stream_resources: {e}"));
        requester = staff.iter().find(|r| r.email.is_some()).cloned();
        let fallback = staff
            .iter()
            .find(|r| Some(r.id) != requester.as_ref().map(|q| q.id))
            .or(staff.first());
        if let Some(fallback) = fallback {
            defaults = defaults.owner_fallback(fallback.id);
        }
    }

    let mut created = Vec::new();
    for i in 0..6 {
        let new =
            NewOpportunity::new(format!("{} opportunity feed {i}", f.marker)).company(f.company);
        // The first one is requested by a staff member (email in another case).
        let email = requester
            .as_ref()
            .filter(|_| i == 0)
            .and_then(|r| r.email.as_deref())
            .map(str::to_uppercase);
        let o = c
            .create_opportunity_with(&defaults, new, email.as_deref())
            .await
            .unwrap_or_else(|e| panic!("create_opportunity_with: {e}"));
        let want = match (&requester, i) {
            (Some(r), 0) => Some(r.id),
            _ => defaults.owner_fallback,
        };
        assert_eq!(
            o.owner, want,
            "the owner of opportunity {i} (requester, else fallback)"
        );
        assert_eq!(
            o.stage.as_deref(),
            Some(stage.id.as_str()),
            "the default stage"
        );
        created.push(o.id);
    }
    let all = feed
        .poll(&start)
        .await
        .unwrap_or_else(|e| panic!("first poll: {e}"));
    assert_sorted(&all, "first poll");
    assert!(
        all.iter().all(|e| e.entity == EntityKind::Opportunity),
        "an opportunity feed emitted another entity"
    );
    for id in &created {
        let hits: Vec<_> = all.iter().filter(|e| e.id == id.get()).collect();
        assert_eq!(
            hits.len(),
            1,
            "the first poll has opportunity {id} {} times",
            hits.len()
        );
        assert!(
            hits[0].opportunity().is_some(),
            "the event carries the opportunity"
        );
        assert_eq!(
            hits[0].kind,
            ChangeKind::Created,
            "a new opportunity's first event"
        );
    }
    let mut cursor = assert_resumes_exactly(&feed, &start, &all).await;

    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let changed: Vec<OpportunityId> = created.iter().take(2).copied().collect();
    for id in &changed {
        let u =
            OpportunityUpdate::new().title(format!("{} opportunity feed {id} edited", f.marker));
        c.update_opportunity(*id, &u)
            .await
            .unwrap_or_else(|e| panic!("update_opportunity({id}): {e}"));
    }
    let updates = feed
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("poll after updates: {e}"));
    unique_keys(&updates, "poll after updates");
    let ids: BTreeSet<i64> = updates.iter().map(|e| e.id).collect();
    let want: BTreeSet<i64> = changed.iter().map(|o| o.get()).collect();
    assert_eq!(ids, want, "the poll after updating two opportunities");
    for e in &updates {
        assert_eq!(
            e.kind,
            ChangeKind::Updated,
            "opportunity {} was updated",
            e.id
        );
        cursor.commit(e);
    }

    // A pushed change of a third opportunity, confirmed through the API, then polled: one event.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let third = created[2];
    let u = OpportunityUpdate::new().title(format!("{} opportunity feed {third} pushed", f.marker));
    c.update_opportunity(third, &u)
        .await
        .unwrap_or_else(|e| panic!("update_opportunity({third}): {e}"));
    let pushed = ChangeEvent::new(
        c.vendor(),
        EntityKind::Opportunity,
        third.get(),
        ChangeKind::Updated,
        ChangeSource::Push,
    );
    let confirmed = feed
        .confirm(pushed)
        .await
        .unwrap_or_else(|e| panic!("confirm: {e}"));
    assert!(
        confirmed.changed_at.is_some(),
        "a confirmed opportunity event has a change time"
    );
    assert!(
        confirmed.opportunity().is_some(),
        "confirm fetched the opportunity"
    );
    assert!(
        cursor.is_new(&confirmed),
        "the pushed change is new to the cursor"
    );
    cursor.commit(&confirmed);
    let none = feed
        .poll(&cursor)
        .await
        .unwrap_or_else(|e| panic!("last poll: {e}"));
    assert!(
        none.is_empty(),
        "the poll emitted {} opportunity changes again: {none:?}",
        none.len()
    );
    let gone = feed
        .confirm(ChangeEvent::new(
            c.vendor(),
            EntityKind::Opportunity,
            f.missing_opportunity.get(),
            ChangeKind::Updated,
            ChangeSource::Push,
        ))
        .await
        .unwrap_or_else(|e| panic!("confirm of a missing opportunity: {e}"));
    assert_eq!(
        gone.kind,
        ChangeKind::Deleted,
        "a pushed event of a missing opportunity"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompanyId;
    use crate::business::fake::Counting;

    /// The full fake keeps opportunities with change times: the suite's positive path passes.
    #[tokio::test(start_paused = true)]
    async fn the_opportunity_feed_suite_passes_a_connector_with_opportunities() {
        let fake = Counting::full();
        run_opportunity_feed_conformance(fake.as_ref(), &BusinessFixture::new(CompanyId(1))).await;
    }

    /// Without the capability the suite checks the Unsupported answers.
    #[tokio::test(start_paused = true)]
    async fn the_opportunity_feed_suite_accepts_a_connector_without_opportunities() {
        let fake = Counting::new();
        run_opportunity_feed_conformance(fake.as_ref(), &BusinessFixture::new(CompanyId(1))).await;
    }
}
