use serde::{Deserialize, Serialize};

use super::flex;

/// The `meta` object of a Syncro list response.
///
/// Tickets send only `total_pages` and `page`; customers and contacts add `total_entries` and
/// `per_page`. The page size differs per endpoint and per account, so nothing here assumes one.
///
/// ```
/// let meta: psa_syncro::models::PageMeta = serde_json::from_str(r#"{"total_pages":3,"page":1}"#).unwrap();
/// assert!(meta.has_next());
/// assert_eq!(meta.next_page(), Some(2));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Number of pages for this query.
    #[serde(default, with = "flex::opt_i64")]
    pub total_pages: Option<i64>,
    /// The page returned (1-based).
    #[serde(default, with = "flex::opt_i64")]
    pub page: Option<i64>,
    /// Number of records for this query (not sent for tickets).
    #[serde(
        default,
        with = "flex::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_entries: Option<i64>,
    /// Records per page (not sent for tickets).
    #[serde(
        default,
        with = "flex::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub per_page: Option<i64>,
}

impl PageMeta {
    /// Whether a page follows: `page < total_pages`. Without `total_pages` there is no next page.
    pub fn has_next(&self) -> bool {
        self.next_page().is_some()
    }

    /// The number of the next page, if there is one.
    pub fn next_page(&self) -> Option<i64> {
        let page = self.page.unwrap_or(1).max(1);
        match self.total_pages {
            Some(total) if page < total => Some(page + 1),
            _ => None,
        }
    }
}

/// One page of a Syncro list: the records and the `meta` object.
///
/// ```
/// use psa_syncro::models::{ListPage, PageMeta};
/// let page: ListPage<i64> = ListPage::new(vec![1, 2], PageMeta::default());
/// assert!(!page.has_next());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage<T> {
    /// The records.
    pub items: Vec<T>,
    /// Paging information.
    pub meta: PageMeta,
}

impl<T> ListPage<T> {
    /// A page.
    pub fn new(items: Vec<T>, meta: PageMeta) -> Self {
        ListPage { items, meta }
    }

    /// Whether a page follows.
    pub fn has_next(&self) -> bool {
        self.meta.has_next()
    }

    /// The number of the next page, if any.
    pub fn next_page(&self) -> Option<i64> {
        self.meta.next_page()
    }

    /// Maps the records, keeping `meta`.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> ListPage<U> {
        ListPage {
            items: self.items.into_iter().map(f).collect(),
            meta: self.meta,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_follows_total_pages_only() {
        let m: PageMeta = serde_json::from_str(r#"{"total_pages":2,"page":2}"#).unwrap();
        assert!(!m.has_next());
        let m: PageMeta = serde_json::from_str(r#"{"total_pages":0,"page":1}"#).unwrap();
        assert!(!m.has_next());
        let m: PageMeta =
            serde_json::from_str(r#"{"total_pages":"11","page":"10","per_page":50}"#).unwrap();
        assert_eq!(m.next_page(), Some(11));
        let m: PageMeta = serde_json::from_str("{}").unwrap();
        assert!(!m.has_next());
    }
}
