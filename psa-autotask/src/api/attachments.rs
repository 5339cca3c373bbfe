//! Ticket attachments: written under `/V1.0/Tickets/{id}/Attachments`, with the size limits
//! checked before anything is sent.

use std::time::Duration;

use http::Method;
use psa_core::{Error, ErrorKind, Result, Vendor};
use tokio::time::Instant;

use super::{Entity, EntityApi, TicketAttachmentsApi, child_path, decode, unsupported, with_id};
use crate::AutotaskClient;
use crate::client::{ATTACHMENT_WINDOW, ATTACHMENT_WINDOW_BYTES, Call};
use crate::models::TicketAttachment;

impl Entity for TicketAttachment {
    const NAME: &'static str = "TicketAttachments";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        child_path(
            Self::NAME,
            "Tickets",
            self.ticket_id.or(self.parent_id),
            "Attachments",
            "ticketID",
        )
    }
    fn update_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "update"))
    }
    fn delete_path(&self) -> Result<String> {
        with_id(self.create_path(), self.id, Self::NAME)
    }
    fn upload_bytes(&self) -> Option<usize> {
        self.data_len()
    }
}

impl AutotaskClient {
    /// Ticket attachments.
    pub fn ticket_attachments(&self) -> TicketAttachmentsApi<'_> {
        EntityApi::new(self)
    }

    /// Refuses an upload above the per-file limit, or one that would pass Autotask's
    /// 10,000,000 bytes per 5 minutes (after which Autotask blocks uploads for 5 minutes).
    pub(crate) fn check_upload(&self, bytes: usize) -> Result<()> {
        let max = self.inner.max_attachment_bytes;
        if bytes > max {
            return Err(Error::new(
                ErrorKind::Validation,
                format!("the attachment is {bytes} bytes; at most {max} bytes are sent per file (Autotask's limit is about 6-7 MB)"),
            )
            .with_vendor(Vendor::Autotask)
            .with_entity(TicketAttachment::NAME)
            .with_fields(["data"]));
        }
        let now = Instant::now();
        let mut log = self
            .inner
            .attachment_log
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        while log
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) >= ATTACHMENT_WINDOW)
        {
            log.pop_front();
        }
        let sent: usize = log.iter().map(|(_, n)| n).sum();
        if sent + bytes > ATTACHMENT_WINDOW_BYTES {
            // Wait until enough of the window has expired.
            let mut freed = 0;
            let mut wait = ATTACHMENT_WINDOW;
            for (t, n) in log.iter() {
                freed += n;
                if sent - freed + bytes <= ATTACHMENT_WINDOW_BYTES {
                    wait = ATTACHMENT_WINDOW.saturating_sub(now.duration_since(*t));
                    break;
                }
            }
            return Err(Error::new(
                ErrorKind::RateLimited { retry_after: Some(wait.max(Duration::from_secs(1))) },
                format!("this client uploaded {sent} bytes of attachments in the last 5 minutes; another {bytes} would pass Autotask's 10,000,000 bytes per 5 minutes, after which Autotask blocks uploads"),
            )
            .with_vendor(Vendor::Autotask)
            .with_entity(TicketAttachment::NAME));
        }
        Ok(())
    }

    pub(crate) fn record_upload(&self, bytes: usize) {
        let mut log = self
            .inner
            .attachment_log
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        log.push_back((Instant::now(), bytes));
    }
}

impl EntityApi<'_, TicketAttachment> {
    /// One attachment with its content (`data`), from
    /// `GET /V1.0/Tickets/{ticketId}/Attachments/{id}` (which answers with `items`).
    pub async fn download(&self, ticket_id: i64, attachment_id: i64) -> Result<TicketAttachment> {
        let path = format!("Tickets/{ticket_id}/Attachments/{attachment_id}");
        let v: serde_json::Value = self
            .client
            .execute(Call::read(
                Method::GET,
                &path,
                None,
                TicketAttachment::NAME.to_string(),
            ))
            .await?
            .json()?;
        let what = format!("attachment {attachment_id} of ticket {ticket_id}");
        match crate::models::envelope::single_item(v, &what)? {
            Some(i) => decode(serde_json::Value::Object(i)),
            None => Err(Error::new(
                ErrorKind::NotFound,
                format!("attachment {attachment_id} of ticket {ticket_id} does not exist"),
            )
            .with_vendor(Vendor::Autotask)
            .with_entity(TicketAttachment::NAME)),
        }
    }
}
