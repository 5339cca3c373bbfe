//! Filters: the conditions and `and`/`or` groups of a [`super::Query`], with their operators
//! and values, serialized into Autotask's `QueryModel` filter shape.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use psa_core::Result;

use super::invalid;

/// A comparison operator. All thirteen that Autotask documents.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Equal (`eq`).
    #[serde(rename = "eq")]
    Eq,
    /// Not equal (`noteq`).
    #[serde(rename = "noteq")]
    NotEq,
    /// Greater than (`gt`).
    #[serde(rename = "gt")]
    Gt,
    /// Greater than or equal (`gte`).
    #[serde(rename = "gte")]
    Gte,
    /// Less than (`lt`).
    #[serde(rename = "lt")]
    Lt,
    /// Less than or equal (`lte`).
    #[serde(rename = "lte")]
    Lte,
    /// Text starts with (`beginsWith`).
    #[serde(rename = "beginsWith")]
    BeginsWith,
    /// Text ends with (`endsWith`).
    #[serde(rename = "endsWith")]
    EndsWith,
    /// Text contains (`contains`).
    #[serde(rename = "contains")]
    Contains,
    /// The field has a value (`exist`); takes no value.
    #[serde(rename = "exist")]
    Exist,
    /// The field is empty (`notExist`); takes no value.
    #[serde(rename = "notExist")]
    NotExist,
    /// One of a list (`in`).
    #[serde(rename = "in")]
    In,
    /// None of a list (`notIn`).
    #[serde(rename = "notIn")]
    NotIn,
}

impl Op {
    /// The operator as Autotask spells it.
    ///
    /// ```
    /// assert_eq!(psa_autotask::Op::BeginsWith.as_str(), "beginsWith");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::NotEq => "noteq",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::BeginsWith => "beginsWith",
            Op::EndsWith => "endsWith",
            Op::Contains => "contains",
            Op::Exist => "exist",
            Op::NotExist => "notExist",
            Op::In => "in",
            Op::NotIn => "notIn",
        }
    }

    /// Every operator.
    pub const ALL: [Op; 13] = [
        Op::Eq,
        Op::NotEq,
        Op::Gt,
        Op::Gte,
        Op::Lt,
        Op::Lte,
        Op::BeginsWith,
        Op::EndsWith,
        Op::Contains,
        Op::Exist,
        Op::NotExist,
        Op::In,
        Op::NotIn,
    ];
}

/// A value in a filter: a number, text, a boolean, a time (sent as ISO-8601 UTC) or a list.
///
/// ```
/// use psa_autotask::FilterValue;
/// assert_eq!(FilterValue::from(5).as_json(), &serde_json::json!(5));
/// let t = time::macros::datetime!(2024-01-31 15:04:05 UTC);
/// assert_eq!(FilterValue::from(t).as_json(), &serde_json::json!("2024-01-31T15:04:05.000Z"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FilterValue(Value);

impl FilterValue {
    /// The JSON sent.
    pub fn as_json(&self) -> &Value {
        &self.0
    }
}

macro_rules! filter_value_from {
    ($($t:ty),*) => {$(
        impl From<$t> for FilterValue {
            fn from(v: $t) -> Self {
                FilterValue(Value::from(v))
            }
        }
    )*};
}
filter_value_from!(i32, i64, u32, u64, f64, bool, String, &str);

impl From<&String> for FilterValue {
    fn from(v: &String) -> Self {
        FilterValue(Value::from(v.as_str()))
    }
}

impl From<OffsetDateTime> for FilterValue {
    fn from(v: OffsetDateTime) -> Self {
        FilterValue(Value::String(crate::models::format_datetime(v)))
    }
}

impl From<Value> for FilterValue {
    fn from(v: Value) -> Self {
        FilterValue(v)
    }
}

macro_rules! filter_value_from_id {
    ($($t:ty),*) => {$(
        impl From<$t> for FilterValue {
            fn from(v: $t) -> Self {
                FilterValue(Value::from(v.get()))
            }
        }
    )*};
}
filter_value_from_id!(
    psa_core::TicketId,
    psa_core::CompanyId,
    psa_core::ContactId,
    psa_core::ResourceId,
    psa_core::NoteId
);

/// One filter: a condition on a field, or an `and`/`or` group of filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter(Node);

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Condition {
        op: Op,
        field: String,
        value: Option<Value>,
        udf: bool,
    },
    Group {
        any: bool,
        items: Vec<Filter>,
    },
}

macro_rules! binary_ops {
    ($($(#[$m:meta])* $name:ident => $op:expr;)*) => {$(
        $(#[$m])*
        pub fn $name(field: impl Into<String>, value: impl Into<FilterValue>) -> Self {
            Filter::condition($op, field, Some(value.into()))
        }
    )*};
}

impl Filter {
    /// A condition with any operator; `value` must be `None` for `exist`/`notExist` and a list
    /// for `in`/`notIn` ([`Query::validate`](super::Query::validate) checks).
    pub fn condition(op: Op, field: impl Into<String>, value: Option<FilterValue>) -> Self {
        Filter(Node::Condition {
            op,
            field: field.into(),
            value: value.map(|v| v.0),
            udf: false,
        })
    }

    binary_ops! {
        /// `field eq value`.
        eq => Op::Eq;
        /// `field noteq value`.
        not_eq => Op::NotEq;
        /// `field gt value`.
        gt => Op::Gt;
        /// `field gte value`.
        gte => Op::Gte;
        /// `field lt value`.
        lt => Op::Lt;
        /// `field lte value`.
        lte => Op::Lte;
        /// `field beginsWith value`.
        begins_with => Op::BeginsWith;
        /// `field endsWith value`.
        ends_with => Op::EndsWith;
        /// `field contains value`.
        contains => Op::Contains;
    }

    /// The field has a value (`exist`).
    pub fn exist(field: impl Into<String>) -> Self {
        Filter::condition(Op::Exist, field, None)
    }

    /// The field has no value (`notExist`).
    pub fn not_exist(field: impl Into<String>) -> Self {
        Filter::condition(Op::NotExist, field, None)
    }

    /// The field is one of `values` (`in`).
    pub fn is_in<V: Into<FilterValue>>(
        field: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let list: Vec<Value> = values.into_iter().map(|v| v.into().0).collect();
        Filter::condition(Op::In, field, Some(FilterValue(Value::Array(list))))
    }

    /// The field is none of `values` (`notIn`).
    pub fn not_in<V: Into<FilterValue>>(
        field: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let list: Vec<Value> = values.into_iter().map(|v| v.into().0).collect();
        Filter::condition(Op::NotIn, field, Some(FilterValue(Value::Array(list))))
    }

    /// All of `items` (`and`).
    pub fn and(items: impl IntoIterator<Item = Filter>) -> Self {
        Filter(Node::Group {
            any: false,
            items: items.into_iter().collect(),
        })
    }

    /// Any of `items` (`or`).
    pub fn or(items: impl IntoIterator<Item = Filter>) -> Self {
        Filter(Node::Group {
            any: true,
            items: items.into_iter().collect(),
        })
    }

    /// Marks the field as a user-defined field (`"udf": true`). No effect on groups.
    pub fn udf(mut self) -> Self {
        if let Node::Condition { udf, .. } = &mut self.0 {
            *udf = true;
        }
        self
    }

    /// The catch-all Autotask needs when nothing else is filtered: `id gte 0`.
    pub fn all() -> Self {
        Filter::gte("id", 0)
    }

    pub(super) fn udf_count(&self) -> usize {
        match &self.0 {
            Node::Condition { udf, .. } => usize::from(*udf),
            Node::Group { items, .. } => items.iter().map(Filter::udf_count).sum(),
        }
    }

    pub(super) fn validate(&self) -> Result<()> {
        match &self.0 {
            Node::Condition {
                op, field, value, ..
            } => {
                if field.trim().is_empty() {
                    return Err(invalid("a filter condition has an empty field name"));
                }
                match (op, value) {
                    (Op::Exist | Op::NotExist, Some(_)) => Err(invalid(format!(
                        "`{}` on {field} takes no value",
                        op.as_str()
                    ))),
                    (Op::In | Op::NotIn, Some(Value::Array(list))) if !list.is_empty() => Ok(()),
                    (Op::In | Op::NotIn, _) => Err(invalid(format!(
                        "`{}` on {field} needs a non-empty list of values",
                        op.as_str()
                    ))),
                    (Op::Exist | Op::NotExist, None) => Ok(()),
                    (_, None) => Err(invalid(format!(
                        "`{}` on {field} needs a value",
                        op.as_str()
                    ))),
                    (_, Some(Value::Array(_) | Value::Object(_))) => Err(invalid(format!(
                        "`{}` on {field} takes a single value, not a list or object",
                        op.as_str()
                    ))),
                    (_, Some(_)) => Ok(()),
                }
            }
            Node::Group { any, items } => {
                if items.is_empty() {
                    return Err(invalid(format!(
                        "an `{}` group needs at least one filter",
                        if *any { "or" } else { "and" }
                    )));
                }
                items.iter().try_for_each(Filter::validate)
            }
        }
    }
}

impl Serialize for Filter {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.0 {
            Node::Condition {
                op,
                field,
                value,
                udf,
            } => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("op", op.as_str())?;
                m.serialize_entry("field", field)?;
                if let Some(v) = value {
                    m.serialize_entry("value", v)?;
                }
                if *udf {
                    m.serialize_entry("udf", &true)?;
                }
                m.end()
            }
            Node::Group { any, items } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("op", if *any { "or" } else { "and" })?;
                m.serialize_entry("items", items)?;
                m.end()
            }
        }
    }
}
