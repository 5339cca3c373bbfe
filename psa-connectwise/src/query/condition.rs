//! Conditions: operators, field names and the `and`/`or`/`not` combinations that become the
//! `conditions` expression.

use std::fmt;

use psa_core::Result;

use psa_core::{Error, ErrorKind};

use super::CondValue;

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

pub(super) fn valid_field(name: &str) -> bool {
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
