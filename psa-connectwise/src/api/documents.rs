//! `/system/documents`: upload files to tickets (multipart), list, download, delete.

use bytes::Bytes;
use http::Method;
use psa_core::transport::MultipartPart;
use psa_core::{Error, ErrorKind, Result};
use serde_json::Value;

use crate::ConnectWiseClient;
use crate::client::{Call, decode, typed, typed_one};
use crate::models::{DocumentInfo, DocumentRecordType};

const PATH: &str = "system/documents";

/// A file (or a link) to attach to a record.
///
/// Sent as `multipart/form-data` with the fields `recordType`, `recordId`, `title`,
/// `privateFlag`, `readOnlyFlag` and `file` (or `url` for a link) — ConnectWise answers 415 to
/// JSON here.
///
/// ```
/// use psa_connectwise::api::documents::DocumentUpload;
/// use psa_connectwise::models::DocumentRecordType;
/// let up = DocumentUpload::file(DocumentRecordType::Ticket, 42, "boot.log", b"boot failed".to_vec())
///     .title("Boot log")
///     .private(true);
/// assert_eq!(up.record_id, 42);
/// ```
#[non_exhaustive]
#[derive(Clone)]
pub struct DocumentUpload {
    /// What kind of record it is attached to.
    pub record_type: DocumentRecordType,
    /// The record's id.
    pub record_id: i64,
    /// The title (defaults to the file name).
    pub title: Option<String>,
    /// The file name.
    pub file_name: String,
    /// The MIME type of the file.
    pub content_type: Option<String>,
    /// The content, or `None` for a link document.
    pub bytes: Option<Bytes>,
    /// The link, for a link document.
    pub url: Option<String>,
    /// Hidden from the customer portal.
    pub private_flag: Option<bool>,
    /// Read-only.
    pub read_only_flag: Option<bool>,
}

impl std::fmt::Debug for DocumentUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentUpload")
            .field("record_type", &self.record_type)
            .field("record_id", &self.record_id)
            .field("title", &self.title)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field(
                "bytes",
                &self.bytes.as_ref().map(|b| format!("{} bytes", b.len())),
            )
            .field("url", &self.url)
            .field("private_flag", &self.private_flag)
            .finish()
    }
}

impl DocumentUpload {
    /// A file upload.
    pub fn file(
        record_type: DocumentRecordType,
        record_id: i64,
        file_name: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        DocumentUpload {
            record_type,
            record_id,
            title: None,
            file_name: file_name.into(),
            content_type: None,
            bytes: Some(bytes.into()),
            url: None,
            private_flag: None,
            read_only_flag: None,
        }
    }

    /// A link document (ConnectWise stores the URL; it does not download it).
    pub fn link(
        record_type: DocumentRecordType,
        record_id: i64,
        title: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        let title = title.into();
        DocumentUpload {
            record_type,
            record_id,
            file_name: title.clone(),
            title: Some(title),
            content_type: None,
            bytes: None,
            url: Some(url.into()),
            private_flag: None,
            read_only_flag: None,
        }
    }

    /// Sets the title.
    pub fn title(mut self, v: impl Into<String>) -> Self {
        self.title = Some(v.into());
        self
    }
    /// Sets the MIME type.
    pub fn content_type(mut self, v: impl Into<String>) -> Self {
        self.content_type = Some(v.into());
        self
    }
    /// Hides it from the customer portal (`privateFlag`).
    pub fn private(mut self, v: bool) -> Self {
        self.private_flag = Some(v);
        self
    }

    fn parts(&self) -> Result<Vec<MultipartPart>> {
        if self.file_name.trim().is_empty() {
            return Err(
                Error::new(ErrorKind::Validation, "a document needs a file name")
                    .with_fields(["file"]),
            );
        }
        let mut parts = vec![
            MultipartPart::text("recordType", self.record_type.as_str()),
            MultipartPart::text("recordId", self.record_id.to_string()),
            MultipartPart::text(
                "title",
                self.title.clone().unwrap_or_else(|| self.file_name.clone()),
            ),
        ];
        if let Some(p) = self.private_flag {
            parts.push(MultipartPart::text("privateFlag", p.to_string()));
        }
        if let Some(r) = self.read_only_flag {
            parts.push(MultipartPart::text("readOnlyFlag", r.to_string()));
        }
        match (&self.bytes, &self.url) {
            (Some(bytes), _) => parts.push(MultipartPart::file(
                "file",
                self.file_name.clone(),
                Some(
                    self.content_type
                        .clone()
                        .unwrap_or_else(|| "application/octet-stream".into()),
                ),
                bytes.clone(),
            )),
            (None, Some(url)) => parts.push(MultipartPart::text("url", url.clone())),
            (None, None) => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    "a document needs either file bytes or a url",
                )
                .with_fields(["file"]));
            }
        }
        Ok(parts)
    }
}

/// Documents; see [`ConnectWiseClient::documents`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sim = psa_sim::ConnectWiseSim::builder().seed(3).companies(1).tickets(1).start().await?;
/// # let client = psa_connectwise::ConnectWiseClient::builder().site(sim.site()).company_id(sim.company_id())
/// #     .public_key(sim.public_key()).private_key(sim.private_key()).client_id(sim.client_id())
/// #     .options(psa_core::ClientOptions::default().allow_insecure_loopback(true)).build().await?;
/// use psa_connectwise::{Query, api::documents::DocumentUpload, models::DocumentRecordType};
/// let ticket = client.tickets().list(&Query::new(), None).await?.items[0].id;
/// let doc = client.documents()
///     .upload(&DocumentUpload::file(DocumentRecordType::Ticket, ticket, "boot.log", b"boot failed".to_vec()).content_type("text/plain"))
///     .await?;
/// let listed = client.documents().list_for(DocumentRecordType::Ticket, ticket).await?;
/// assert!(listed.iter().any(|d| d.id == doc.id));
/// # sim.stop().await; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DocumentsApi<'a> {
    pub(crate) client: &'a ConnectWiseClient,
}

impl DocumentsApi<'_> {
    /// Uploads a document (sent once).
    pub async fn upload(&self, upload: &DocumentUpload) -> Result<DocumentInfo> {
        let parts = upload.parts()?;
        let resp = self
            .client
            .execute(&Call::post(PATH).multipart(parts))
            .await?;
        let v: Value = decode(&resp)?;
        typed_one("document", &v)
    }

    /// The documents attached to a record.
    pub async fn list_for(
        &self,
        record_type: DocumentRecordType,
        record_id: i64,
    ) -> Result<Vec<DocumentInfo>> {
        let call = Call::get(PATH)
            .query("recordType", record_type.as_str())
            .query("recordId", record_id.to_string())
            .query("pageSize", crate::query::MAX_PAGE_SIZE.to_string());
        let items: Vec<Value> = self.client.call_json(&call).await?;
        typed("document", &items)
    }

    /// A document's content.
    pub async fn download(&self, id: i64) -> Result<Bytes> {
        let call = Call::get(format!("{PATH}/{id}/download")).header("Accept", "*/*");
        Ok(self.client.execute(&call).await?.body().clone())
    }

    /// Deletes a document.
    pub async fn delete(&self, id: i64) -> Result<()> {
        self.client
            .execute(&Call::at(Method::DELETE, format!("{PATH}/{id}")))
            .await?;
        Ok(())
    }
}
