//! Tickets: `/V1.0/Tickets`, and duplicate-safe creates keyed by `externalID`.

use psa_core::idempotency::create_once;
use psa_core::{Error, ErrorKind, Result, Vendor};

use super::{Entity, EntityApi, top_level, unsupported};
use crate::models::Ticket;
use crate::{AutotaskClient, Filter, Query};

impl Entity for Ticket {
    const NAME: &'static str = "Tickets";

    fn id(&self) -> Option<i64> {
        self.id
    }
    fn create_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }
    fn update_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }
    fn delete_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "delete"))
    }
}

impl AutotaskClient {
    /// Tickets.
    pub fn tickets(&self) -> EntityApi<'_, Ticket> {
        EntityApi::new(self)
    }
}

impl EntityApi<'_, Ticket> {
    /// Creates a ticket that no retry can duplicate.
    ///
    /// `ticket.external_id` must hold a key unique to this ticket (a chat id, a form
    /// submission id); it is stored in the ticket's queryable `externalID` field. After an
    /// ambiguous failure (timeout, lost connection, 5xx, cut-off answer) the client queries
    /// `externalID eq <key>` and returns the stored ticket's id instead of sending again; it
    /// sends again only when the query proves the first attempt did not land (see
    /// [`psa_core::idempotency::create_once`]).
    pub async fn create_once(&self, ticket: &Ticket) -> Result<i64> {
        // The key is looked up exactly as it is sent: a trimmed lookup would miss a stored
        // " key " and resend the create.
        let key = match ticket.external_id.as_deref() {
            Some(k) if !k.trim().is_empty() => k.to_string(),
            _ => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    "create_once needs ticket.external_id set to the idempotency key",
                )
                .with_vendor(Vendor::Autotask)
                .with_entity("Tickets")
                .with_fields(["externalID"]));
            }
        };
        let retry = self.client.transport().options().retry.clone();
        create_once(
            &retry,
            || self.create(ticket),
            || async { Ok(self.find_by_external_id(&key).await?.and_then(|t| t.id)) },
        )
        .await
    }

    /// The ticket whose `externalID` is `key` (the lowest id if several), if any.
    pub async fn find_by_external_id(&self, key: &str) -> Result<Option<Ticket>> {
        let page = self
            .query(&Query::with(Filter::eq("externalID", key)).max_records(10))
            .await?;
        Ok(page
            .items
            .into_iter()
            .filter(|t| t.external_id.as_deref() == Some(key))
            .min_by_key(|t| t.id.unwrap_or(i64::MAX)))
    }
}
