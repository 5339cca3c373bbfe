use serde::{Deserialize, Serialize};

/// The content of an attachment.
#[non_exhaustive]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachmentData {
    /// The file's bytes (Autotask, ConnectWise).
    Bytes(Vec<u8>),
    /// A URL the PSA fetches the file from (Syncro).
    Url(String),
}

impl std::fmt::Debug for AttachmentData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttachmentData::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            AttachmentData::Url(u) => f.debug_tuple("Url").field(u).finish(),
        }
    }
}

/// A file to attach to a ticket.
///
/// ```
/// use psa_core::Attachment;
/// let a = Attachment::from_bytes("log.txt", b"boot failed".to_vec()).content_type("text/plain");
/// assert_eq!(a.size(), Some(11));
/// let b = Attachment::from_url("shot.png", "https://files.example.com/shot.png");
/// assert_eq!(b.size(), None);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// File name shown in the PSA.
    pub file_name: String,
    /// Title, where the vendor has one (defaults to the file name).
    pub title: Option<String>,
    /// MIME type; guessed by the vendor when `None`.
    pub content_type: Option<String>,
    /// Whether customers may see it.
    pub public: bool,
    /// The content.
    pub data: AttachmentData,
}

impl Attachment {
    /// An attachment sent as bytes.
    pub fn from_bytes(file_name: impl Into<String>, bytes: Vec<u8>) -> Self {
        Attachment {
            file_name: file_name.into(),
            title: None,
            content_type: None,
            public: false,
            data: AttachmentData::Bytes(bytes),
        }
    }
    /// An attachment the PSA downloads from a URL.
    pub fn from_url(file_name: impl Into<String>, url: impl Into<String>) -> Self {
        Attachment {
            file_name: file_name.into(),
            title: None,
            content_type: None,
            public: false,
            data: AttachmentData::Url(url.into()),
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
    /// Sets whether customers may see it.
    pub fn public(mut self, v: bool) -> Self {
        self.public = v;
        self
    }
    /// The size in bytes, for byte attachments.
    pub fn size(&self) -> Option<usize> {
        match &self.data {
            AttachmentData::Bytes(b) => Some(b.len()),
            AttachmentData::Url(_) => None,
        }
    }
}

/// What the PSA answered to an attachment upload.
///
/// ```
/// let r = psa_core::AttachmentReceipt::new(Some(12), false, None);
/// assert!(!r.pending);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentReceipt {
    /// The new attachment's id, when the vendor returns one.
    pub id: Option<i64>,
    /// True when the vendor processes the upload later (Syncro's `attach_file_url`).
    pub pending: bool,
    /// The vendor's message, if any.
    pub message: Option<String>,
}

impl AttachmentReceipt {
    /// A receipt.
    pub fn new(id: Option<i64>, pending: bool, message: Option<String>) -> Self {
        AttachmentReceipt {
            id,
            pending,
            message,
        }
    }
}
