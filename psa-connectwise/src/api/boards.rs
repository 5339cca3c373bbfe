//! `/service/boards` (+ statuses, types, subtypes, items) and `/service/priorities`.

use futures::stream::BoxStream;
use psa_core::{Page, PageToken, Result};

use super::{all_typed, get_typed, list_typed, stream_typed};
use crate::models::{Board, BoardItem, BoardStatus, BoardSubType, BoardType, Priority};
use crate::{Condition, ConnectWiseClient, Query};

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

    /// A board's types (`/service/boards/{id}/types`): get, list, stream, count, all.
    pub fn types(&self, board_id: i64) -> BoardTypesApi<'a> {
        BoardTypesApi {
            client: self.client,
            board_id,
        }
    }

    /// A board's subtypes (`/service/boards/{id}/subtypes`): get, list, stream, count, all.
    pub fn subtypes(&self, board_id: i64) -> BoardSubTypesApi<'a> {
        BoardSubTypesApi {
            client: self.client,
            board_id,
        }
    }

    /// A board's items (`/service/boards/{id}/items`): get, list, stream, count, all.
    pub fn items(&self, board_id: i64) -> BoardItemsApi<'a> {
        BoardItemsApi {
            client: self.client,
            board_id,
        }
    }
}

/// One classification table of one board: the same get/list/stream/count/all shape as the
/// crate's other handlers, at `/service/boards/{board_id}/{table}`.
macro_rules! board_table {
    ($(#[$meta:meta])* $api:ident, $model:ty, $table:literal, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub struct $api<'a> {
            pub(crate) client: &'a ConnectWiseClient,
            pub(crate) board_id: i64,
        }

        impl<'a> $api<'a> {
            fn path(&self) -> String {
                format!("service/boards/{}/{}", self.board_id, $table)
            }

            #[doc = concat!("One ", $what, " of the board.")]
            pub async fn get(&self, id: i64) -> Result<$model> {
                Ok(get_typed(self.client, &format!("{}/{id}", self.path()), $what)
                    .await?
                    .0)
            }

            #[doc = concat!("One page of the board's ", $what, " records (conditions, order, page size from the query).")]
            pub async fn list(&self, query: &Query, page: Option<PageToken>) -> Result<Page<$model>> {
                list_typed(self.client, &self.path(), $what, query, page).await
            }

            #[doc = concat!("Every ", $what, " of the board matching the query, page after page.")]
            pub fn stream(&self, query: Query) -> BoxStream<'a, Result<$model>> {
                stream_typed(self.client, self.path(), $what, query)
            }

            #[doc = concat!("`GET /service/boards/{id}/", $table, "/count`: how many match.")]
            pub async fn count(&self, conditions: Option<Condition>) -> Result<u64> {
                let mut q = Query::new();
                q.conditions = conditions;
                self.client.count_at(&self.path(), &q).await
            }

            #[doc = concat!("Every ", $what, " of the board.")]
            pub async fn all(&self) -> Result<Vec<$model>> {
                all_typed(
                    self.client,
                    &self.path(),
                    $what,
                    &Query::new().page_size(crate::query::MAX_PAGE_SIZE),
                )
                .await
            }
        }
    };
}

board_table!(
    /// A board's types; see [`BoardsApi::types`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use psa_connectwise::{field, Query};
    /// let board = client.boards().all().await?[0].id;
    /// let types = client.boards().types(board);
    /// let reactive = types.list(&Query::new().conditions(field("category").eq("Reactive")), None).await?;
    /// let first = types.get(reactive.items[0].id).await?;
    /// assert_eq!(first.category.as_deref(), Some("Reactive"));
    /// # sim.stop().await; Ok(()) }
    /// ```
    BoardTypesApi,
    BoardType,
    "types",
    "board type"
);

board_table!(
    /// A board's subtypes; see [`BoardsApi::subtypes`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// use futures::TryStreamExt;
    /// use psa_connectwise::Query;
    /// let board = client.boards().all().await?[0].id;
    /// let subtypes = client.boards().subtypes(board);
    /// let all: Vec<_> = subtypes.stream(Query::new().page_size(1)).try_collect().await?;
    /// assert_eq!(all.len() as u64, subtypes.count(None).await?);
    /// # sim.stop().await; Ok(()) }
    /// ```
    BoardSubTypesApi,
    BoardSubType,
    "subtypes",
    "board subtype"
);

board_table!(
    /// A board's items; see [`BoardsApi::items`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).start().await?;
    /// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
    /// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
    /// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
    /// let board = client.boards().all().await?[0].id;
    /// let items = client.boards().items(board).all().await?;
    /// assert!(!items.is_empty());
    /// # sim.stop().await; Ok(()) }
    /// ```
    BoardItemsApi,
    BoardItem,
    "items",
    "board item"
);

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
