//! `conditions` as data: a typed builder that escapes values by ConnectWise's rules, and the list
//! parameters (`childConditions`, `customFieldConditions`, `orderBy`, `fields`, paging).

use std::fmt;

use psa_core::{Error, ErrorKind, Result};
use time::OffsetDateTime;

use crate::models::format_datetime;

/// A value on the right of a condition, written the way ConnectWise parses it.
///
/// Strings are double-quoted with `\` and `"` escaped by a backslash; numbers are bare;
/// flags are `true`/`false`; timestamps are `[yyyy-MM-ddTHH:mm:ssZ]` in UTC; `null` is the
/// keyword.
///
/// ```
/// use psa_connectwise::CondValue;
/// assert_eq!(CondValue::from("Say \"hi\"").to_string(), r#""Say \"hi\"""#);
/// assert_eq!(CondValue::from(42).to_string(), "42");
/// assert_eq!(CondValue::from(true).to_string(), "true");
/// assert_eq!(CondValue::from(time::macros::datetime!(2016-08-20 18:04:26 UTC)).to_string(), "[2016-08-20T18:04:26Z]");
/// assert_eq!(CondValue::Null.to_string(), "null");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum CondValue {
    /// A string.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// A flag.
    Bool(bool),
    /// A timestamp.
    DateTime(OffsetDateTime),
    /// `null`.
    Null,
}

impl From<&str> for CondValue {
    fn from(v: &str) -> Self {
        CondValue::Str(v.to_string())
    }
}
impl From<String> for CondValue {
    fn from(v: String) -> Self {
        CondValue::Str(v)
    }
}
impl From<&String> for CondValue {
    fn from(v: &String) -> Self {
        CondValue::Str(v.clone())
    }
}
impl From<i64> for CondValue {
    fn from(v: i64) -> Self {
        CondValue::Int(v)
    }
}
impl From<i32> for CondValue {
    fn from(v: i32) -> Self {
        CondValue::Int(i64::from(v))
    }
}
impl From<u32> for CondValue {
    fn from(v: u32) -> Self {
        CondValue::Int(i64::from(v))
    }
}
impl From<f64> for CondValue {
    fn from(v: f64) -> Self {
        CondValue::Float(v)
    }
}
impl From<bool> for CondValue {
    fn from(v: bool) -> Self {
        CondValue::Bool(v)
    }
}
impl From<OffsetDateTime> for CondValue {
    fn from(v: OffsetDateTime) -> Self {
        CondValue::DateTime(v)
    }
}
impl<T: Into<CondValue>> From<Option<T>> for CondValue {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(CondValue::Null)
    }
}

fn quote(s: &str, pattern: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // `like` and `contains` become SQL LIKE on the server, where `[` opens a character
            // class; ConnectWise documents `[[]` for a literal bracket.
            '[' if pattern => out.push_str("[[]"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl CondValue {
    fn render(&self, pattern: bool) -> Result<String> {
        Ok(match self {
            CondValue::Str(s) => quote(s, pattern),
            CondValue::Int(i) => i.to_string(),
            CondValue::Float(f) if f.is_finite() => {
                let s = f.to_string();
                if s.contains('e') || s.contains('E') {
                    format!("{f:.6}")
                } else {
                    s
                }
            }
            CondValue::Float(f) => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!("{f} cannot be used in a condition"),
                ));
            }
            CondValue::Bool(b) => b.to_string(),
            CondValue::DateTime(t) => format!("[{}]", format_datetime(*t)),
            CondValue::Null => "null".to_string(),
        })
    }
}

impl fmt::Display for CondValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.render(false) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("<invalid>"),
        }
    }
}

/// A comparison operator.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `contains`
    Contains,
    /// `not contains`
    NotContains,
    /// `like` (`*` or `%` is the wildcard)
    Like,
    /// `not like`
    NotLike,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Contains => "contains",
            Op::NotContains => "not contains",
            Op::Like => "like",
            Op::NotLike => "not like",
        }
    }
    fn is_pattern(self) -> bool {
        matches!(
            self,
            Op::Contains | Op::NotContains | Op::Like | Op::NotLike
        )
    }
}

/// A `conditions` expression (also used for `childConditions` and `customFieldConditions`).
///
/// Build it from [`field`] comparisons joined with [`and`](Self::and) / [`or`](Self::or);
/// groups are parenthesized for you. It renders with [`Display`](fmt::Display) or, checking
/// field names, with [`Condition::render`].
///
/// ```
/// use psa_connectwise::{field, Condition};
/// let c = field("board/name").eq("Help Desk")
///     .and(field("status/id").in_([1, 2, 3]).or(field("summary").not_contains("Low Priority")))
///     .and(field("lastUpdated").gt(time::macros::datetime!(2016-08-20 18:04:26 UTC)))
///     .and(field("closedFlag").eq(false));
/// assert_eq!(
///     c.to_string(),
///     r#"board/name = "Help Desk" and (status/id in (1,2,3) or summary not contains "Low Priority") and lastUpdated > [2016-08-20T18:04:26Z] and closedFlag = false"#
/// );
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `field op value`
    Compare {
        /// The field path (`board/name`).
        field: String,
        /// The operator.
        op: Op,
        /// The value.
        value: CondValue,
    },
    /// `field in (…)` or `field not in (…)`
    In {
        /// The field path.
        field: String,
        /// The values.
        values: Vec<CondValue>,
        /// `not in`.
        negated: bool,
    },
    /// All of these.
    And(Vec<Condition>),
    /// Any of these.
    Or(Vec<Condition>),
    /// A conditions string written by hand, sent as given (parenthesized when combined).
    Raw(String),
}

/// Starts a condition on a field path (`summary`, `board/name`, `company/id`).
pub fn field(name: impl Into<String>) -> Field {
    Field(name.into())
}

/// A field path waiting for its comparison; see [`field`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field(String);

impl Field {
    fn cmp(self, op: Op, value: impl Into<CondValue>) -> Condition {
        Condition::Compare {
            field: self.0,
            op,
            value: value.into(),
        }
    }
    /// `=`
    pub fn eq(self, v: impl Into<CondValue>) -> Condition {
        self.cmp(Op::Eq, v)
    }
    /// `!=`
    pub fn ne(self, v: impl Into<CondValue>) -> Condition {
        self.cmp(Op::Ne, v)
    }
    /// `<`
    pub fn lt(self, v: impl Into<CondValue>) -> Condition {
        self.cmp(Op::Lt, v)
    }
    /// `<=`
    pub fn le(self, v: impl Into<CondValue>) -> Condition {
        self.cmp(Op::Le, v)
    }
    /// `>`
    pub fn gt(self, v: impl Into<CondValue>) -> Condition {
        self.cmp(Op::Gt, v)
    }
    /// `>=`
    pub fn ge(self, v: impl Into<CondValue>) -> Condition {
        self.cmp(Op::Ge, v)
    }
    /// `contains "…"` (a literal `[` is escaped as `[[]`).
    pub fn contains(self, v: impl Into<String>) -> Condition {
        self.cmp(Op::Contains, CondValue::Str(v.into()))
    }
    /// `not contains "…"`
    pub fn not_contains(self, v: impl Into<String>) -> Condition {
        self.cmp(Op::NotContains, CondValue::Str(v.into()))
    }
    /// `like "…"`: `*` or `%` is the wildcard.
    pub fn like(self, pattern: impl Into<String>) -> Condition {
        self.cmp(Op::Like, CondValue::Str(pattern.into()))
    }
    /// `not like "…"`
    pub fn not_like(self, pattern: impl Into<String>) -> Condition {
        self.cmp(Op::NotLike, CondValue::Str(pattern.into()))
    }
    /// `= null`
    pub fn is_null(self) -> Condition {
        self.cmp(Op::Eq, CondValue::Null)
    }
    /// `!= null`
    pub fn is_not_null(self) -> Condition {
        self.cmp(Op::Ne, CondValue::Null)
    }
    /// `in (…)`; an empty list matches nothing.
    pub fn in_<I, V>(self, values: I) -> Condition
    where
        I: IntoIterator<Item = V>,
        V: Into<CondValue>,
    {
        Condition::In {
            field: self.0,
            values: values.into_iter().map(Into::into).collect(),
            negated: false,
        }
    }
    /// `not in (…)`; an empty list matches everything.
    pub fn not_in<I, V>(self, values: I) -> Condition
    where
        I: IntoIterator<Item = V>,
        V: Into<CondValue>,
    {
        Condition::In {
            field: self.0,
            values: values.into_iter().map(Into::into).collect(),
            negated: true,
        }
    }
}

fn valid_field(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.ends_with('/')
        && !name.contains("//")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '/')
}

impl Condition {
    /// A conditions string written by hand (the caller is responsible for its escaping).
    pub fn raw(text: impl Into<String>) -> Condition {
        Condition::Raw(text.into())
    }

    /// `self and other` (flattening nested `and`s).
    pub fn and(self, other: Condition) -> Condition {
        match (self, other) {
            (Condition::And(mut a), Condition::And(b)) => {
                a.extend(b);
                Condition::And(a)
            }
            (Condition::And(mut a), b) => {
                a.push(b);
                Condition::And(a)
            }
            (a, b) => Condition::And(vec![a, b]),
        }
    }

    /// `self or other` (flattening nested `or`s).
    pub fn or(self, other: Condition) -> Condition {
        match (self, other) {
            (Condition::Or(mut a), Condition::Or(b)) => {
                a.extend(b);
                Condition::Or(a)
            }
            (Condition::Or(mut a), b) => {
                a.push(b);
                Condition::Or(a)
            }
            (a, b) => Condition::Or(vec![a, b]),
        }
    }

    /// Joins conditions with `and`; `None` when there are none.
    pub fn all(conds: impl IntoIterator<Item = Condition>) -> Option<Condition> {
        conds.into_iter().reduce(Condition::and)
    }

    /// Renders the expression, refusing field paths that are not `name(/name)*` (letters,
    /// digits, `_`) and values that cannot be written (NaN).
    ///
    /// ```
    /// use psa_connectwise::field;
    /// assert!(field("summary = 1 or id").eq(1).render().is_err());
    /// assert_eq!(field("summary").contains("[urgent]").render().unwrap(), r#"summary contains "[[]urgent]""#);
    /// ```
    pub fn render(&self) -> Result<String> {
        self.render_inner(false)
    }

    fn render_inner(&self, nested: bool) -> Result<String> {
        let check = |f: &str| -> Result<()> {
            if valid_field(f) {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorKind::Validation,
                    format!("{f:?} is not a ConnectWise field path (letters, digits, `_`, joined by `/`)"),
                )
                .with_fields(["conditions"]))
            }
        };
        Ok(match self {
            Condition::Compare { field, op, value } => {
                check(field)?;
                let v = value.render(op.is_pattern())?;
                format!("{field} {} {v}", op.as_str())
            }
            Condition::In {
                field,
                values,
                negated,
            } => {
                check(field)?;
                let items = values
                    .iter()
                    .map(|v| v.render(false))
                    .collect::<Result<Vec<_>>>()?;
                let kw = if *negated { "not in" } else { "in" };
                format!("{field} {kw} ({})", items.join(","))
            }
            Condition::And(items) | Condition::Or(items) => {
                let word = if matches!(self, Condition::And(_)) {
                    " and "
                } else {
                    " or "
                };
                let parts = items
                    .iter()
                    .map(|c| c.render_inner(true))
                    .collect::<Result<Vec<_>>>()?;
                let joined = parts.join(word);
                if nested && items.len() > 1 {
                    format!("({joined})")
                } else {
                    joined
                }
            }
            Condition::Raw(s) => {
                if nested {
                    format!("({s})")
                } else {
                    s.clone()
                }
            }
        })
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.render() {
            Ok(s) => f.write_str(&s),
            Err(e) => write!(f, "<invalid condition: {}>", e.message()),
        }
    }
}

impl From<&str> for Condition {
    fn from(s: &str) -> Self {
        Condition::Raw(s.to_string())
    }
}

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
/// use psa_connectwise::{field, ListQuery, Direction};
/// let q = ListQuery::new()
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
pub struct ListQuery {
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
/// smaller [`ListQuery::page_size`] (or `page_size` on the builder for the trait's listings)
/// for latency-sensitive screens that show only the first few records.
pub const DEFAULT_PAGE_SIZE: u32 = MAX_PAGE_SIZE;

impl ListQuery {
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
        assert!(ListQuery::new().page_size(1001).params().is_err());
        assert!(ListQuery::new().page_size(0).params().is_err());
        assert!(
            ListQuery::new()
                .forward_only(true)
                .order_by("id", Direction::Asc)
                .params()
                .is_err()
        );
        let p = ListQuery::new().fields(["summary"]).params().unwrap();
        assert_eq!(p, vec![("fields", "id,summary".to_string())]);
    }

    #[test]
    fn query_strings_encode_everything_reserved() {
        let q = encode_component(r#"summary = "a&b""#);
        assert_eq!(q, "summary%20%3D%20%22a%26b%22");
    }
}
