//! Paging: the `Link` header (RFC 5988) and the page tokens built from it.

use psa_core::{Error, ErrorKind, PageToken, Result};
use url::Url;

/// Where the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cursor {
    /// Navigable paging: `page=N` (1-based).
    Page(u32),
    /// Forward-only paging: `pageId=N` (records with id > N).
    PageId(i64),
}

impl Cursor {
    pub(crate) fn token(self) -> PageToken {
        match self {
            Cursor::Page(n) => PageToken::new(format!("page={n}")),
            Cursor::PageId(n) => PageToken::new(format!("pageId={n}")),
        }
    }

    pub(crate) fn from_token(token: &PageToken) -> Result<Cursor> {
        let s = token.as_str().trim();
        let bad = || {
            Error::new(
                ErrorKind::Validation,
                format!("{s:?} is not a ConnectWise page token (expected page=N or pageId=N)"),
            )
        };
        if let Some(n) = s.strip_prefix("page=") {
            let n: u32 = n.parse().map_err(|_| bad())?;
            if n == 0 {
                return Err(bad());
            }
            return Ok(Cursor::Page(n));
        }
        if let Some(n) = s.strip_prefix("pageId=") {
            return n.parse().map(Cursor::PageId).map_err(|_| bad());
        }
        Err(bad())
    }

    pub(crate) fn param(self) -> (&'static str, String) {
        match self {
            Cursor::Page(n) => ("page", n.to_string()),
            Cursor::PageId(n) => ("pageId", n.to_string()),
        }
    }
}

/// The `rel` → URL pairs of a `Link` header.
pub(crate) fn parse_link(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in split_links(header) {
        let part = part.trim();
        let Some(start) = part.find('<') else {
            continue;
        };
        let Some(end) = part[start..].find('>') else {
            continue;
        };
        let url = part[start + 1..start + end].trim().to_string();
        for param in part[start + end + 1..].split(';') {
            let param = param.trim();
            if let Some((k, v)) = param.split_once('=')
                && k.trim().eq_ignore_ascii_case("rel")
            {
                for rel in v.trim().trim_matches('"').split_whitespace() {
                    out.push((rel.to_ascii_lowercase(), url.clone()));
                }
            }
        }
    }
    out
}

/// Splits on commas that are outside `<…>` (URLs may contain commas, e.g. `fields=id,name`).
fn split_links(header: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in header.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&header[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&header[start..]);
    parts
}

/// The page position named by the `rel="next"` link, if there is one.
pub(crate) fn next_from_link(header: &str, forward_only: bool) -> Option<Cursor> {
    let (_, url) = parse_link(header)
        .into_iter()
        .find(|(rel, _)| rel == "next")?;
    // A relative link is resolved against a dummy base: only its query matters here.
    let parsed = Url::parse(&url)
        .or_else(|_| Url::parse("https://link.invalid/").and_then(|b| b.join(&url)))
        .ok()?;
    let find = |name: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.into_owned())
    };
    if forward_only {
        find("pageId")
            .and_then(|v| v.trim().parse().ok())
            .map(Cursor::PageId)
    } else {
        find("page")
            .and_then(|v| v.trim().parse().ok())
            .filter(|n| *n > 0)
            .map(Cursor::Page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_link_header() {
        let h = r#"<https://api-na.myconnectwise.net/v4_6_release/apis/3.0/company/companies?pageSize=50&page=1>; rel="first", <https://api-na.myconnectwise.net/v4_6_release/apis/3.0/company/companies?pageSize=50&page=2>; rel="next", <https://x/c?fields=id,name&page=4>; rel="last""#;
        assert_eq!(next_from_link(h, false), Some(Cursor::Page(2)));
        let rels: Vec<_> = parse_link(h).into_iter().map(|(r, _)| r).collect();
        assert_eq!(rels, ["first", "next", "last"]);
        // On the last page only `first` is there.
        assert_eq!(
            next_from_link(r#"<https://x/c?page=1>; rel="first""#, false),
            None
        );
        assert_eq!(
            next_from_link(r#"<https://x/c?pageSize=10&pageId=120>; rel="next""#, true),
            Some(Cursor::PageId(120))
        );
    }

    #[test]
    fn tokens_round_trip_and_garbage_is_refused() {
        for c in [Cursor::Page(3), Cursor::PageId(99_000_000_000)] {
            assert_eq!(Cursor::from_token(&c.token()).unwrap(), c);
        }
        for bad in ["", "page=0", "page=x", "https://evil.example/"] {
            assert!(Cursor::from_token(&PageToken::new(bad)).is_err(), "{bad}");
        }
    }
}
