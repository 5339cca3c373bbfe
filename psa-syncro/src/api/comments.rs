use futures::stream::BoxStream;
use http::Method;
use psa_core::{Error, ErrorKind};

use super::all_pages;
use crate::SyncroClient;
use crate::models::{Comment, CommentInput, ListPage, Raw};
use crate::query::CommentFilter;
use crate::rights::{COMMENTS_NEW, TICKETS_VIEW};

/// The comments of one ticket: `client.comments(ticket_id)`.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// use psa_syncro::models::CommentInput;
/// // A private note:
/// syncro.comments(1001).add(&CommentInput::new("Update", "Replaced the toner").hidden(true)).await?;
/// // A public note that does not email the customer:
/// syncro.comments(1001).add(&CommentInput::new("Update", "On our way").hidden(false).do_not_email(true)).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CommentsApi<'a> {
    client: &'a SyncroClient,
    ticket: i64,
}

impl SyncroClient {
    /// The comments API of one ticket.
    pub fn comments(&self, ticket_id: i64) -> CommentsApi<'_> {
        CommentsApi {
            client: self,
            ticket: ticket_id,
        }
    }
}

impl<'a> CommentsApi<'a> {
    /// One page of comments (`GET /tickets/{id}/comments`; right: Tickets - View Details).
    pub async fn list(&self, filter: &CommentFilter) -> psa_core::Result<ListPage<Comment>> {
        Ok(self.list_raw(filter).await?.map(|r| r.typed))
    }

    pub(crate) async fn list_raw(
        &self,
        filter: &CommentFilter,
    ) -> psa_core::Result<ListPage<Raw<Comment>>> {
        self.client
            .get_raw_page(
                &["tickets", &self.ticket.to_string(), "comments"],
                &filter.to_pairs(),
                "comments",
                Some(TICKETS_VIEW),
            )
            .await
    }

    /// Every comment, page after page.
    pub fn stream(&self, filter: CommentFilter) -> BoxStream<'a, psa_core::Result<Comment>> {
        let (client, ticket) = (self.client, self.ticket);
        all_pages(move |page| {
            let f = filter.clone().page(page);
            async move { client.comments(ticket).list(&f).await }
        })
    }

    /// Adds a comment (`POST /tickets/{id}/comment`, singular). Syncro requires a subject and a
    /// body; the spec gates this on `Tickets - Edit`, the token screen also has
    /// `Ticket Comments - New`. Sent once: comments have no field for an idempotency key.
    pub async fn add(&self, comment: &CommentInput) -> psa_core::Result<Comment> {
        Ok(self.add_raw(comment).await?.typed)
    }

    pub(crate) async fn add_raw(&self, comment: &CommentInput) -> psa_core::Result<Raw<Comment>> {
        let mut missing = Vec::new();
        if comment.subject.trim().is_empty() {
            missing.push("subject");
        }
        if comment.body.trim().is_empty() {
            missing.push("body");
        }
        if !missing.is_empty() {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "a Syncro comment needs a non-empty {}",
                    missing.join(" and ")
                ),
            )
            .with_fields(missing));
        }
        self.client
            .write_one(
                Method::POST,
                &["tickets", &self.ticket.to_string(), "comment"],
                comment,
                Some("comment"),
                Some(COMMENTS_NEW),
            )
            .await
    }
}
