//! `/service/boards` (+ statuses, types, subtypes, items) and `/service/priorities`.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};

use super::{all_typed, get_typed, list_typed, stream_typed};
use crate::models::{Board, BoardItem, BoardStatus, BoardSubType, BoardType, Priority};
use crate::{ConnectWiseClient, Query};

/// Service boards; see [`ConnectWiseClient::boards`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// let boards = client.boards().all().await?;
/// let statuses = client.boards().statuses(boards[0].id).await?;
/// assert!(statuses.iter().any(|s| s.is_closed()));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct BoardsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl<'a> BoardsApi<'a> {
    /// One board.
    pub async fn get(&self, id: i64) -> Result<Board> {
        Ok(
            get_typed(self.client, &format!("service/boards/{id}"), "board")
                .await?
                .0,
        )
    }

    /// One page of boards.
    pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<Board>> {
        list_typed(self.client, "service/boards", "board", query, page).await
    }

    /// Every board matching the query.
    pub fn stream(&self, query: Query) -> BoxStream<'a, Result<Board>> {
        stream_typed(self.client, "service/boards".to_string(), "board", query)
    }

    /// Every board.
    pub async fn all(&self) -> Result<Vec<Board>> {
        all_typed(
            self.client,
            "service/boards",
            "board",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await
    }

    /// Every status of a board, in the board's sort order.
    pub async fn statuses(&self, board_id: i64) -> Result<Vec<BoardStatus>> {
        let mut all: Vec<BoardStatus> = all_typed(
            self.client,
            &format!("service/boards/{board_id}/statuses"),
            "board status",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await?;
        all.sort_by_key(|s| (s.sort_order.unwrap_or(i64::MAX), s.id));
        Ok(all)
    }

    /// Every type of a board (`/service/boards/{id}/types`).
    pub async fn types(&self, board_id: i64) -> Result<Vec<BoardType>> {
        self.table(board_id, "types", "board type").await
    }

    /// Every subtype of a board (`/service/boards/{id}/subtypes`).
    pub async fn subtypes(&self, board_id: i64) -> Result<Vec<BoardSubType>> {
        self.table(board_id, "subtypes", "board subtype").await
    }

    /// Every item of a board (`/service/boards/{id}/items`).
    pub async fn items(&self, board_id: i64) -> Result<Vec<BoardItem>> {
        self.table(board_id, "items", "board item").await
    }

    async fn table<T: serde::de::DeserializeOwned>(
        &self,
        board_id: i64,
        table: &str,
        what: &str,
    ) -> Result<Vec<T>> {
        all_typed(
            self.client,
            &format!("service/boards/{board_id}/{table}"),
            what,
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await
    }
}

/// Ticket priorities; see [`ConnectWiseClient::priorities`].
#[derive(Debug, Clone, Copy)]
pub struct PrioritiesApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl PrioritiesApi<'_> {
    /// Every priority, in sort order.
    pub async fn all(&self) -> Result<Vec<Priority>> {
        let mut all: Vec<Priority> = all_typed(
            self.client,
            "service/priorities",
            "priority",
            &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
        )
        .await?;
        all.sort_by_key(|p| (p.sort_order.unwrap_or(i64::MAX), p.id));
        Ok(all)
    }

    /// One priority.
    pub async fn get(&self, id: i64) -> Result<Priority> {
        Ok(
            get_typed(self.client, &format!("service/priorities/{id}"), "priority")
                .await?
                .0,
        )
    }
}
