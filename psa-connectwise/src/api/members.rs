//! `/system/members`: get, list, count, the active staff.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};

use super::{get_typed, list_typed, stream_typed};
use crate::models::Member;
use crate::{Condition, ConnectWiseClient, Query, field};

const PATH: &str = "system/members";

/// Members; see [`ConnectWiseClient::members`].
#[derive(Debug, Clone, Copy)]
pub struct MembersApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> MembersApi<'a> {
    /// One member by id.
    pub async fn get(&self, id: i64) -> Result<Member> {
        Ok(get_typed(self.client, &format!("{PATH}/{id}"), "member")
            .await?
            .0)
    }

    /// One member by identifier (`sam`).
    pub async fn by_identifier(&self, identifier: &str) -> Result<Option<Member>> {
        let q = Query::new()
            .conditions(field("identifier").eq(identifier))
            .page_size(5);
        Ok(self.list(&q, None).await?.items.into_iter().next())
    }

    /// One page of members.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<Member>> {
        list_typed(self.client, PATH, "member", query, page).await
    }

    /// Every member matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<Member>> {
        stream_typed(self.client, PATH.to_string(), "member", query)
    }

    /// Every active member (`inactiveFlag = false`) in id order, for a staff import; each
    /// carries its email ([`Member::email`]).
    pub fn active(&self) -> BoxStream<'a, Result<Member>> {
        self.stream(
            Query::new()
                .conditions(field("inactiveFlag").eq(false))
                .order_by("id", crate::Direction::Asc),
        )
    }

    /// `GET /system/members/count`.
    pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
        let mut q = Query::new();
        q.conditions = conditions;
        self.client.count_at(PATH, &q).await
    }
}
