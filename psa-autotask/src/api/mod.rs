//! Entity handlers: get, query (one page, a stream over all pages), count, create, update,
//! delete — each on the path Autotask uses for that entity.

use std::marker::PhantomData;

use futures::stream::BoxStream;
use http::Method;
use psa_core::{Error, ErrorKind, Page, PageToken, Result, Vendor};
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;
use url::Url;

use crate::client::{Call, Target};
use crate::models::wire::{WireValue, strip_nulls};
use crate::models::{EntityInformation, FieldInformation, UdfFieldInformation};
use crate::{AutotaskClient, Query};

pub(crate) mod attachments;
pub(crate) mod companies;
pub(crate) mod contacts;
pub(crate) mod contracts;
pub(crate) mod entity_webhooks;
pub(crate) mod metadata;
pub(crate) mod notes;
pub(crate) mod opportunities;
pub(crate) mod projects;
pub(crate) mod resources;
pub(crate) mod ticket_categories;
pub(crate) mod tickets;
pub(crate) mod webhooks;

/// An Autotask entity with a typed model: its URL name and where its writes go.
///
/// Implemented for the models in [`crate::models`]; implement it for your own model of any
/// other entity (Projects, TimeEntries, …) to use [`EntityApi`] with it.
pub trait Entity: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The entity as named in URLs: `Tickets`, `TicketNotes`, `Companies`.
    const NAME: &'static str;

    /// The record's id.
    fn id(&self) -> Option<i64>;

    /// Where a create is POSTed, relative to the API base: `Tickets`, or the parent path for
    /// children (`Tickets/128926/Notes`). Default: the entity's own collection.
    fn create_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }

    /// Where an update is PATCHed (the collection, never `/{id}`). Default: the entity's own
    /// collection.
    fn update_path(&self) -> Result<String> {
        top_level(Self::NAME)
    }

    /// Where a delete goes: `TicketWebhooks/5`, `Companies/1/Contacts/9`. Default: an
    /// [`ErrorKind::Unsupported`] error (most Autotask entities cannot be deleted through REST).
    fn delete_path(&self) -> Result<String> {
        Err(unsupported(Self::NAME, "delete"))
    }

    /// The size in bytes of the file content a create uploads, if any; checked against the
    /// client's attachment limits before sending.
    fn upload_bytes(&self) -> Option<usize> {
        None
    }
}

pub(crate) fn top_level(name: &str) -> Result<String> {
    Ok(name.to_string())
}

pub(crate) fn child_path(
    entity: &str,
    parent: &str,
    parent_id: Option<i64>,
    child: &str,
    field: &str,
) -> Result<String> {
    match parent_id {
        Some(id) if id > 0 => Ok(format!("{parent}/{id}/{child}")),
        _ => Err(Error::new(
            ErrorKind::Validation,
            format!("{entity}: {field} must be set; Autotask writes {entity} under {parent}/{{{field}}}/{child}"),
        )
        .with_vendor(Vendor::Autotask)
        .with_entity(entity)
        .with_fields([field])),
    }
}

pub(crate) fn with_id(path: Result<String>, id: Option<i64>, entity: &str) -> Result<String> {
    let path = path?;
    match id {
        Some(id) => Ok(format!("{path}/{id}")),
        None => Err(missing_id(entity)),
    }
}

pub(crate) fn missing_id(entity: &str) -> Error {
    Error::new(
        ErrorKind::Validation,
        format!("{entity}: the record has no id"),
    )
    .with_vendor(Vendor::Autotask)
    .with_entity(entity)
    .with_fields(["id"])
}

pub(crate) fn unsupported(entity: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::Unsupported,
        format!("Autotask does not {what} {entity} through the REST API"),
    )
    .with_vendor(Vendor::Autotask)
    .with_entity(entity)
}

/// The typed handler of one entity, borrowed from the client.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::AutotaskSim::builder().seed(3).companies(2).tickets(12).start().await?;
/// # let client = psa_autotask::AutotaskClient::builder().username(sim.username()).secret(sim.secret())
/// #     .integration_code(sim.integration_code()).base_url(sim.zone_url())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use futures::TryStreamExt;
/// use psa_autotask::{Filter, Query};
/// let open = Query::with(Filter::not_eq("status", 5)).max_records(5);
/// let first_page = client.tickets().query(&open).await?;
/// assert!(first_page.items.len() <= 5);
/// let all: Vec<_> = client.tickets().stream(open.clone()).try_collect().await?;
/// assert_eq!(all.len() as u64, client.tickets().count(&open).await?);
/// # sim.stop().await; Ok(()) }
/// ```
pub struct EntityApi<'c, T> {
    pub(crate) client: &'c AutotaskClient,
    _t: PhantomData<fn() -> T>,
}

/// The `Company` handler: [`AutotaskClient::companies`](crate::AutotaskClient::companies).
pub type CompaniesApi<'c> = EntityApi<'c, crate::models::Company>;

/// The `Contact` handler: [`AutotaskClient::contacts`](crate::AutotaskClient::contacts).
pub type ContactsApi<'c> = EntityApi<'c, crate::models::Contact>;

/// The `Ticket` handler: [`AutotaskClient::tickets`](crate::AutotaskClient::tickets).
pub type TicketsApi<'c> = EntityApi<'c, crate::models::Ticket>;

/// The `TicketNote` handler: [`AutotaskClient::ticket_notes`](crate::AutotaskClient::ticket_notes).
pub type TicketNotesApi<'c> = EntityApi<'c, crate::models::TicketNote>;

/// The `Resource` handler: [`AutotaskClient::resources`](crate::AutotaskClient::resources).
pub type ResourcesApi<'c> = EntityApi<'c, crate::models::Resource>;

/// The `Opportunity` handler: [`AutotaskClient::opportunities`](crate::AutotaskClient::opportunities).
pub type OpportunitiesApi<'c> = EntityApi<'c, crate::models::Opportunity>;

/// The `TicketCategory` handler: [`AutotaskClient::ticket_categories`](crate::AutotaskClient::ticket_categories).
pub type TicketCategoriesApi<'c> = EntityApi<'c, crate::models::TicketCategory>;

/// The `TicketAttachment` handler: [`AutotaskClient::ticket_attachments`](crate::AutotaskClient::ticket_attachments).
pub type TicketAttachmentsApi<'c> = EntityApi<'c, crate::models::TicketAttachment>;

/// The `TicketWebhook` handler: [`AutotaskClient::ticket_webhooks`](crate::AutotaskClient::ticket_webhooks).
pub type TicketWebhooksApi<'c> = EntityApi<'c, crate::models::TicketWebhook>;

impl<T> std::fmt::Debug for EntityApi<'_, T>
where
    T: Entity,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntityApi")
            .field("entity", &T::NAME)
            .finish()
    }
}

impl<'c, T: Entity> EntityApi<'c, T> {
    pub(crate) fn new(client: &'c AutotaskClient) -> Self {
        EntityApi {
            client,
            _t: PhantomData,
        }
    }

    /// One record by id; [`ErrorKind::NotFound`] when Autotask answers `{"item":null}`.
    pub async fn get(&self, id: i64) -> Result<T> {
        let raw = self.client.get_item(T::NAME, id).await?;
        decode(raw)
    }

    /// The first page of a query.
    pub async fn query(&self, query: &Query) -> Result<Page<T>> {
        self.query_page(query, None).await
    }

    /// One page of a query; pass the previous page's `next` to continue. The next page is
    /// POSTed to Autotask's `nextPageUrl` with the same body, after its host is checked.
    pub async fn query_page(&self, query: &Query, page: Option<PageToken>) -> Result<Page<T>> {
        let raw = self.client.query_rows(T::NAME, query, page).await?;
        let items = raw
            .items
            .iter()
            .map(|row| decode_row(row))
            .collect::<Result<Vec<T>>>()?;
        Ok(Page::new(items, raw.next))
    }

    /// Every record matching a query, page by page.
    pub fn stream(&self, query: Query) -> BoxStream<'c, Result<T>> {
        let client = self.client;
        psa_core::paged(None, move |token| {
            let q = query.clone();
            async move { EntityApi::<T>::new(client).query_page(&q, token).await }
        })
    }

    /// How many records match (`POST /{Entity}/query/count`).
    pub async fn count(&self, query: &Query) -> Result<u64> {
        self.client.count(T::NAME, query).await
    }

    /// Creates a record and returns its id. Sent once: a create is never retried after it may
    /// have reached the server (for tickets, see
    /// [`create_once`](EntityApi::<crate::models::Ticket>::create_once)).
    pub async fn create(&self, record: &T) -> Result<i64> {
        let path = record.create_path()?;
        if let Some(n) = record.upload_bytes() {
            self.client.check_upload(n)?;
        }
        let body = to_body(record)?;
        let resp = self
            .client
            .execute(Call::write(
                Method::POST,
                &path,
                Some(body),
                T::NAME.to_string(),
            ))
            .await?;
        if let Some(n) = record.upload_bytes() {
            self.client.record_upload(n);
        }
        item_id(&resp.json::<Value>()?, T::NAME)
    }

    /// Updates a record by PATCH on its collection with `id` in the body; only the fields set
    /// in `record` change. Returns the id.
    pub async fn update(&self, record: &T) -> Result<i64> {
        if record.id().is_none() {
            return Err(missing_id(T::NAME));
        }
        let path = record.update_path()?;
        let body = to_body(record)?;
        let resp = self
            .client
            .execute(Call::write(
                Method::PATCH,
                &path,
                Some(body),
                T::NAME.to_string(),
            ))
            .await?;
        item_id(&resp.json::<Value>()?, T::NAME)
    }

    /// Deletes a record (where Autotask allows it; children need their parent id set).
    pub async fn delete(&self, record: &T) -> Result<()> {
        let path = record.delete_path()?;
        self.client
            .execute(Call::write(
                Method::DELETE,
                &path,
                None,
                T::NAME.to_string(),
            ))
            .await
            .map(|_| ())
    }

    /// What the entity supports and the API user's rights on it.
    pub async fn entity_information(&self) -> Result<EntityInformation> {
        self.client.entity_information(T::NAME).await
    }

    /// The entity's fields and picklists (cached for the picklist TTL).
    pub async fn fields(&self) -> Result<std::sync::Arc<Vec<FieldInformation>>> {
        self.client.fields(T::NAME).await
    }

    /// The entity's user-defined field definitions.
    pub async fn udf_fields(&self) -> Result<Vec<UdfFieldInformation>> {
        self.client.udf_fields(T::NAME).await
    }
}

/// Serializes a record for a request: unset fields and `null`s removed.
pub(crate) fn to_body<T: Serialize>(record: &T) -> Result<Value> {
    let mut v = serde_json::to_value(record).map_err(|e| {
        Error::new(
            ErrorKind::Validation,
            format!("cannot encode the record: {e}"),
        )
        .with_vendor(Vendor::Autotask)
    })?;
    strip_nulls(&mut v);
    Ok(v)
}

pub(crate) fn decode<T: DeserializeOwned>(raw: Value) -> Result<T> {
    serde_json::from_value(raw).map_err(|e| {
        Error::new(ErrorKind::Decode, format!("unexpected record shape: {e}"))
            .with_vendor(Vendor::Autotask)
    })
}

/// [`decode`] from a record's JSON text.
pub(crate) fn decode_row<T: DeserializeOwned>(row: &RawValue) -> Result<T> {
    serde_json::from_str(row.get()).map_err(|e| {
        Error::new(ErrorKind::Decode, format!("unexpected record shape: {e}"))
            .with_vendor(Vendor::Autotask)
    })
}

pub(crate) fn item_id(v: &Value, entity: &str) -> Result<i64> {
    let raw = v.get("itemId").or_else(|| v.get("itemID")).cloned();
    match raw.map(i64::from_wire) {
        Some(Ok(Some(id))) => Ok(id),
        _ => Err(Error::new(
            ErrorKind::Decode,
            format!("{entity}: the answer has no itemId: {}", truncate(v)),
        )
        .with_vendor(Vendor::Autotask)
        .with_sent(true)),
    }
}

fn truncate(v: &Value) -> String {
    psa_core::error::truncate_body(v.to_string().as_bytes())
}

#[derive(Deserialize)]
struct CountAnswer {
    #[serde(rename = "queryCount", default)]
    query_count: Option<Value>,
}

impl AutotaskClient {
    /// The typed handler of any [`Entity`].
    pub fn entity<T: Entity>(&self) -> EntityApi<'_, T> {
        EntityApi::new(self)
    }

    /// `GET /{entity}/{id}` → the `item`, or [`ErrorKind::NotFound`] for `{"item":null}`.
    pub async fn get_item(&self, entity: &str, id: i64) -> Result<Value> {
        crate::client::entity_of(entity)?;
        let path = format!("{entity}/{id}");
        let v: Value = self
            .execute(Call::read(Method::GET, &path, None, entity.to_string()))
            .await?
            .json()?;
        match crate::models::envelope::single_item(v, &format!("{entity} {id}"))? {
            Some(record) => Ok(Value::Object(record)),
            None => Err(Error::new(
                ErrorKind::NotFound,
                format!("{entity} {id} does not exist (or the API user may not see it)"),
            )
            .with_vendor(Vendor::Autotask)
            .with_entity(entity)
            .with_status(200)),
        }
    }

    /// One page of a query as raw JSON records (any entity).
    pub async fn query_values(
        &self,
        entity: &str,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<Value>> {
        let answer: Value = self.query_call(entity, query, page).await?.json()?;
        let (items, next) = crate::models::envelope::query_page(answer, entity)?;
        Ok(Page::new(items, next.map(PageToken::new)))
    }

    /// One page of a query with each record kept as its JSON text, as received: the rows are
    /// never built as `Value`s (the typed fields are decoded from the text by the caller).
    pub(crate) async fn query_rows(
        &self,
        entity: &str,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<Page<Box<RawValue>>> {
        let resp = self.query_call(entity, query, page).await?;
        let (items, next) = crate::models::envelope::query_page_raw(&resp, entity)?;
        Ok(Page::new(items, next.map(PageToken::new)))
    }

    async fn query_call(
        &self,
        entity: &str,
        query: &Query,
        page: Option<PageToken>,
    ) -> Result<psa_core::transport::Response> {
        crate::client::entity_of(entity)?;
        query.validate()?;
        let target = match page {
            None => Target::Path(format!("{entity}/query")),
            Some(token) => Target::Absolute(self.next_page_url(&token)?),
        };
        let call = Call {
            target,
            ..Call::read(Method::POST, "", Some(query.to_body()), entity.to_string())
        };
        self.execute(call).await
    }

    fn next_page_url(&self, token: &PageToken) -> Result<Url> {
        let text = token.as_str().trim();
        let url = match Url::parse(text) {
            Ok(u) => u,
            Err(url::ParseError::RelativeUrlWithoutBase) => self
                .api_base()
                .join(text)
                .map_err(|e| bad_token(text, &e))?,
            Err(e) => return Err(bad_token(text, &e)),
        };
        self.check_server_url(&url, "nextPageUrl")?;
        Ok(url)
    }

    /// How many records of `entity` match.
    pub async fn count(&self, entity: &str, query: &Query) -> Result<u64> {
        crate::client::entity_of(entity)?;
        query.validate()?;
        let mut body = query.to_body();
        if let Value::Object(m) = &mut body {
            m.retain(|k, _| k == "filter");
        }
        let path = format!("{entity}/query/count");
        let answer: CountAnswer = self
            .execute(Call::read(
                Method::POST,
                &path,
                Some(body),
                entity.to_string(),
            ))
            .await?
            .json()?;
        match answer.query_count.map(i64::from_wire) {
            Some(Ok(Some(n))) if n >= 0 => Ok(n.unsigned_abs()),
            _ => Err(Error::new(
                ErrorKind::Decode,
                format!("{entity}: the count answer has no queryCount"),
            )
            .with_vendor(Vendor::Autotask)),
        }
    }
}

fn bad_token(text: &str, e: &url::ParseError) -> Error {
    Error::new(
        ErrorKind::Validation,
        format!("the page token is not an Autotask next-page URL ({e}): {text:?}"),
    )
    .with_vendor(Vendor::Autotask)
}
