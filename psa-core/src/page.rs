use serde::{Deserialize, Serialize};

/// One page of a listing. It holds no client: keep it, send it elsewhere, resume later.
///
/// ```
/// use psa_core::{Page, PageToken};
/// let page = Page::new(vec![1, 2, 3], Some(PageToken::new("page=2")));
/// assert_eq!(page.items.len(), 3);
/// assert!(page.next.is_some());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The records on this page.
    pub items: Vec<T>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<PageToken>,
}

impl<T> Page<T> {
    /// A page.
    pub fn new(items: Vec<T>, next: Option<PageToken>) -> Self {
        Page { items, next }
    }

    /// The last page (or the only one).
    pub fn last(items: Vec<T>) -> Self {
        Page { items, next: None }
    }

    /// Maps the items, keeping the token.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

/// An opaque cursor for the next page.
///
/// Its content is the connector's business (a next-page URL, a page number, a forward-only
/// `pageId`); it serializes as a string, so a sync can stop in one process and resume in another
/// by passing the same query and this token.
///
/// ```
/// use psa_core::PageToken;
/// let t = PageToken::new("opaque");
/// let json = serde_json::to_string(&t).unwrap();
/// let back: PageToken = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, t);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PageToken(String);

impl PageToken {
    /// Wraps a connector's cursor.
    pub fn new(cursor: impl Into<String>) -> Self {
        PageToken(cursor.into())
    }

    /// The cursor, for the connector that made it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
