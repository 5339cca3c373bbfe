//! `conditions` as data: a typed builder that escapes values by ConnectWise's rules, and the list
//! parameters (`childConditions`, `customFieldConditions`, `orderBy`, `fields`, paging).

mod condition;
mod value;

use psa_core::{Error, ErrorKind, Result};

pub use condition::{Condition, Field, Op, field};
pub use value::CondValue;

use condition::valid_field;

/// Sort direction for `orderBy`.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `asc`
    Asc,
    /// `desc`
    Desc,
}

/// The parameters of a list call: `conditions`, `childConditions`, `customFieldConditions`,
/// `orderBy`, `fields`, `pageSize`, and the paging mode.
///
/// The whole query is sent on every page. When the URL would pass 2,000 characters, the client
/// switches to `POST …/search` with the conditions in the body.
///
/// ```
/// use psa_connectwise::{field, Query, Direction};
/// let q = Query::new()
///     .conditions(field("company/id").eq(250))
///     .child_conditions(field("communicationItems/value").eq("ada@example.com").and(field("communicationItems/communicationType").eq("Email")))
///     .order_by("lastUpdated", Direction::Desc)
///     .fields(["id", "summary"])
///     .page_size(50);
/// let params = q.params().unwrap();
/// assert_eq!(params[0], ("conditions", "company/id = 250".to_string()));
/// assert!(params.contains(&("orderBy", "lastUpdated desc".to_string())));
/// assert!(params.contains(&("fields", "id,summary".to_string())));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// `conditions`.
    pub conditions: Option<Condition>,
    /// `childConditions` (arrays such as `communicationItems`).
    pub child_conditions: Option<Condition>,
    /// `customFieldConditions` (`caption="X" AND value != null`).
    pub custom_field_conditions: Option<Condition>,
    /// `orderBy` terms.
    pub order_by: Vec<(String, Direction)>,
    /// `fields` (partial response); `id` is always added so records decode.
    pub fields: Vec<String>,
    /// `pageSize` (1–1000; the server's default is 25).
    pub page_size: Option<u32>,
    /// Forward-only paging (`pagination-type: forward-only`, `pageId`) for large syncs; ordered
    /// by id, `orderBy` not allowed.
    pub forward_only: bool,
}

/// The largest page ConnectWise serves.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// The page size psa-connectwise asks for when none is set: the largest ConnectWise serves.
///
/// A full sync is bounded by request count, not bytes: ConnectWise throttles cloud tenants by
/// requests per minute and every page costs one round trip, so 50,000 tickets take 50 requests
/// at 1,000 per page against 500 at 100 (and 2,000 at the server's own default of 25). Set a
/// smaller [`Query::page_size`] (or `page_size` on the builder for the trait's listings)
/// for latency-sensitive screens that show only the first few records.
pub const DEFAULT_PAGE_SIZE: u32 = MAX_PAGE_SIZE;

impl Query {
    /// Everything, default order.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets `conditions`.
    pub fn conditions(mut self, c: impl Into<Condition>) -> Self {
        self.conditions = Some(c.into());
        self
    }
    /// Adds to `conditions` with `and`.
    pub fn and(mut self, c: Condition) -> Self {
        self.conditions = Some(match self.conditions.take() {
            Some(existing) => existing.and(c),
            None => c,
        });
        self
    }
    /// Sets `childConditions`.
    pub fn child_conditions(mut self, c: impl Into<Condition>) -> Self {
        self.child_conditions = Some(c.into());
        self
    }
    /// Sets `customFieldConditions`.
    pub fn custom_field_conditions(mut self, c: impl Into<Condition>) -> Self {
        self.custom_field_conditions = Some(c.into());
        self
    }
    /// Adds an `orderBy` term.
    pub fn order_by(mut self, field: impl Into<String>, dir: Direction) -> Self {
        self.order_by.push((field.into(), dir));
        self
    }
    /// Sets `fields`.
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fields = fields.into_iter().map(Into::into).collect();
        self
    }
    /// Sets `pageSize`.
    pub fn page_size(mut self, n: u32) -> Self {
        self.page_size = Some(n);
        self
    }
    /// Uses forward-only paging.
    pub fn forward_only(mut self, yes: bool) -> Self {
        self.forward_only = yes;
        self
    }

    /// The page size that will be requested.
    pub fn effective_page_size(&self) -> u32 {
        self.page_size.unwrap_or(DEFAULT_PAGE_SIZE)
    }

    /// Checks the query and renders its parameters (without paging).
    pub fn params(&self) -> Result<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        if let Some(c) = &self.conditions {
            out.push(("conditions", c.render()?));
        }
        if let Some(c) = &self.child_conditions {
            out.push(("childConditions", c.render()?));
        }
        if let Some(c) = &self.custom_field_conditions {
            out.push(("customFieldConditions", c.render()?));
        }
        if let Some(o) = self.order_by_param()? {
            out.push(("orderBy", o));
        }
        if !self.fields.is_empty() {
            let mut fields: Vec<&str> = self.fields.iter().map(|f| f.trim()).collect();
            for f in &fields {
                if !valid_field(f) {
                    return Err(Error::new(
                        ErrorKind::Validation,
                        format!("{f:?} is not a ConnectWise field path"),
                    )
                    .with_fields(["fields"]));
                }
            }
            if !fields.contains(&"id") {
                fields.insert(0, "id");
            }
            out.push(("fields", fields.join(",")));
        }
        let size = self.effective_page_size();
        if size == 0 || size > MAX_PAGE_SIZE {
            return Err(Error::new(
                ErrorKind::Validation,
                format!("pageSize {size} is outside 1..={MAX_PAGE_SIZE}"),
            )
            .with_fields(["pageSize"]));
        }
        Ok(out)
    }

    pub(crate) fn order_by_param(&self) -> Result<Option<String>> {
        if self.order_by.is_empty() {
            return Ok(None);
        }
        if self.forward_only {
            return Err(Error::new(
                ErrorKind::Validation,
                "orderBy is not allowed with forward-only paging (records come in id order)",
            )
            .with_fields(["orderBy"]));
        }
        let mut terms = Vec::new();
        for (f, d) in &self.order_by {
            if !valid_field(f) {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!("{f:?} is not a ConnectWise field path"),
                )
                .with_fields(["orderBy"]));
            }
            terms.push(format!(
                "{f} {}",
                match d {
                    Direction::Asc => "asc",
                    Direction::Desc => "desc",
                }
            ));
        }
        Ok(Some(terms.join(",")))
    }
}

/// Percent-encodes a query component (psa-core's request layer encodes every query this way):
/// everything but `A-Z a-z 0-9 - . _ ~` becomes `%XX`, so `&`, `"`, `'`, `*`, `%`, `+`, `[` and
/// spaces are all encoded, as ConnectWise documents.
pub use psa_core::transport::encode_component;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_quotes_backslashes_and_unicode() {
        let c = field("summary").eq(r#"He said "C:\temp" — ünïcødé"#);
        assert_eq!(
            c.render().unwrap(),
            r#"summary = "He said \"C:\\temp\" — ünïcødé""#
        );
        let c = field("name").like("Ab*[x]");
        assert_eq!(c.render().unwrap(), r#"name like "Ab*[[]x]""#);
    }

    #[test]
    fn null_in_and_groups() {
        let c = field("contact")
            .is_null()
            .or(field("contact/id").not_in([1, 2]));
        assert_eq!(
            c.render().unwrap(),
            "contact = null or contact/id not in (1,2)"
        );
        let c = field("a").eq(1).and(field("b").eq(2).or(field("c").eq(3)));
        assert_eq!(c.render().unwrap(), "a = 1 and (b = 2 or c = 3)");
        let c = field("a")
            .eq(1)
            .or(field("b").eq(2))
            .and(Condition::raw("x = 1 or y = 2"));
        assert_eq!(c.render().unwrap(), "(a = 1 or b = 2) and (x = 1 or y = 2)");
        let c = field("s").in_(["a\"b", "c"]);
        assert_eq!(c.render().unwrap(), r#"s in ("a\"b","c")"#);
    }

    #[test]
    fn bad_fields_and_sizes_are_validation_errors() {
        assert!(field("").eq(1).render().is_err());
        assert!(field("a//b").eq(1).render().is_err());
        assert!(field("x").eq(f64::NAN).render().is_err());
        assert!(Query::new().page_size(1001).params().is_err());
        assert!(Query::new().page_size(0).params().is_err());
        assert!(
            Query::new()
                .forward_only(true)
                .order_by("id", Direction::Asc)
                .params()
                .is_err()
        );
        let p = Query::new().fields(["summary"]).params().unwrap();
        assert_eq!(p, vec![("fields", "id,summary".to_string())]);
    }

    #[test]
    fn query_strings_encode_everything_reserved() {
        let q = encode_component(r#"summary = "a&b""#);
        assert_eq!(q, "summary%20%3D%20%22a%26b%22");
    }
}
