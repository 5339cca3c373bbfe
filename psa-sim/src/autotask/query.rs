//! The query language of `POST /V1.0/{Entity}/query` (Autotask's documentation and observed traffic).
//!
//! Body `{"MaxRecords":n,"IncludeFields":[…],"filter":[…]}` with keys in any case. Filter items
//! are `{"op","field","value","udf","items"}`; ops `eq noteq gt gte lt lte beginsWith endsWith
//! contains exist notExist in notIn` plus `and`/`or` groups; top-level items are ANDed. A filter
//! is required; `MaxRecords` is 1–500 (default 500). String comparisons ignore case (Autotask
//! runs on SQL Server's case-insensitive collation). A missing value never matches a comparison
//! (SQL semantics) — only `notExist` finds it.
//!
//! Paging is by id: results come in ascending id order, and `nextPageUrl` carries the last id
//! sent plus a fingerprint of the query, so the next page must be POSTed with the same body.

use std::cmp::Ordering;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::dates;
use super::entities::{FieldDef, Kind, Ty};
use super::store::Record;

/// The most records a page may hold.
pub(crate) const MAX_RECORDS: usize = 500;

/// A parsed query.
#[derive(Debug, Clone)]
pub(crate) struct QuerySpec {
    pub(crate) max_records: usize,
    pub(crate) include: Option<Vec<&'static str>>,
    pub(crate) filter: Vec<Cond>,
    pub(crate) fingerprint: u64,
}

/// One filter item.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    Group {
        or: bool,
        items: Vec<Cond>,
    },
    Test {
        target: Target,
        op: Op,
        operand: Operand,
    },
}

/// What a test looks at.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Field(&'static FieldDef),
    Udf(String),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    NotEq,
    Gt,
    Gte,
    Lt,
    Lte,
    BeginsWith,
    EndsWith,
    Contains,
    Exist,
    NotExist,
    In,
    NotIn,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        Some(match s.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "noteq" => Op::NotEq,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "beginswith" => Op::BeginsWith,
            "endswith" => Op::EndsWith,
            "contains" => Op::Contains,
            "exist" => Op::Exist,
            "notexist" => Op::NotExist,
            "in" => Op::In,
            "notin" => Op::NotIn,
            _ => return None,
        })
    }
}

/// A typed filter value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar {
    Int(i64),
    Double(f64),
    Bool(bool),
    Time(OffsetDateTime),
    Text(String),
}

/// The value(s) of a test.
#[derive(Debug, Clone)]
pub(crate) enum Operand {
    None,
    One(Scalar),
    Many(Vec<Scalar>),
}

/// A case-insensitive key lookup (Autotask's input keys ignore case).
pub(crate) fn key<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// Parses a query body for `kind`. `udfs` are the entity's user-defined field names.
pub(crate) fn parse(kind: Kind, body: &Value, udfs: &[&str]) -> Result<QuerySpec, String> {
    let obj = body.as_object().ok_or_else(|| {
        "The query could not be parsed: the body must be a JSON object.".to_string()
    })?;
    let max_records = match key(obj, "MaxRecords") {
        None | Some(Value::Null) => MAX_RECORDS,
        Some(v) => {
            let n = v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                .ok_or_else(|| format!("MaxRecords must be an integer, got {v}."))?;
            if !(1..=MAX_RECORDS as i64).contains(&n) {
                // Wording UNVERIFIED; the rejection itself is documented (aybouzaglou README).
                return Err(format!(
                    "MaxRecords must be between 1 and {MAX_RECORDS}. It was {n}."
                ));
            }
            usize::try_from(n).unwrap_or(MAX_RECORDS)
        }
    };
    let include = match key(obj, "IncludeFields") {
        None | Some(Value::Null) => None,
        Some(Value::Array(a)) if a.is_empty() => None,
        Some(Value::Array(a)) => {
            let mut out = Vec::new();
            for f in a {
                // Unknown names are skipped, as the live API does not echo them either.
                if let Some(def) = f.as_str().and_then(|n| kind.field(n))
                    && !out.contains(&def.name)
                {
                    out.push(def.name);
                }
            }
            Some(out)
        }
        Some(_) => return Err("IncludeFields must be an array of field names.".into()),
    };
    let filter = match key(obj, "filter") {
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|i| parse_item(kind, i, udfs))
            .collect::<Result<Vec<_>, _>>()?,
        Some(Value::Object(_)) => {
            return Err("The filter must be an array of filter items.".into());
        }
        // UNVERIFIED wording: the API refuses a query without a filter (Postman uses a
        // catch-all `id gte 0` for that reason).
        _ => return Err(
            "A filter is required. Use {\"op\":\"exist\",\"field\":\"id\"} to select all records."
                .into(),
        ),
    };
    Ok(QuerySpec {
        max_records,
        include,
        filter,
        fingerprint: fingerprint(body),
    })
}

fn parse_item(kind: Kind, item: &Value, udfs: &[&str]) -> Result<Cond, String> {
    let obj = item
        .as_object()
        .ok_or_else(|| format!("A filter item must be an object, got {item}."))?;
    let op_text = key(obj, "op")
        .and_then(Value::as_str)
        .ok_or_else(|| "Each filter item needs an \"op\".".to_string())?;
    if op_text.eq_ignore_ascii_case("and") || op_text.eq_ignore_ascii_case("or") {
        let items = match key(obj, "items") {
            Some(Value::Array(a)) if !a.is_empty() => a
                .iter()
                .map(|i| parse_item(kind, i, udfs))
                .collect::<Result<Vec<_>, _>>()?,
            _ => {
                return Err(format!(
                    "The '{op_text}' condition needs a non-empty \"items\" array."
                ));
            }
        };
        return Ok(Cond::Group {
            or: op_text.eq_ignore_ascii_case("or"),
            items,
        });
    }
    let op = Op::parse(op_text).ok_or_else(|| format!("Invalid filter operator: '{op_text}'."))?;
    let field = key(obj, "field")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("The '{op_text}' condition needs a \"field\"."))?;
    let udf = match key(obj, "udf") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(v) => return Err(format!("udf must be true or false, got {v}.")),
    };
    let (target, ty) = if udf {
        let name = udfs
            .iter()
            .find(|u| u.eq_ignore_ascii_case(field))
            .ok_or_else(|| {
                format!(
                    "Unable to find user-defined field '{field}' on {}.",
                    kind.name()
                )
            })?;
        (Target::Udf((*name).to_string()), Ty::Str)
    } else {
        let def = kind.field(field).ok_or_else(|| {
            format!(
                "Unable to find field '{field}' in the {} entity.",
                kind.name()
            )
        })?;
        if !kind.queryable(def.name) {
            return Err(format!("Field '{}' is not queryable.", def.name));
        }
        (Target::Field(def), def.ty)
    };
    let shown = match &target {
        Target::Field(d) => d.name.to_string(),
        Target::Udf(n) => n.clone(),
    };
    if matches!(op, Op::BeginsWith | Op::EndsWith | Op::Contains) && ty != Ty::Str {
        return Err(format!(
            "The operator '{op_text}' cannot be used with the {} field '{shown}'.",
            ty.wire()
        ));
    }
    let value = key(obj, "value");
    let operand = match op {
        Op::Exist | Op::NotExist => Operand::None,
        Op::In | Op::NotIn => match value {
            Some(Value::Array(a)) if !a.is_empty() => Operand::Many(
                a.iter()
                    .map(|v| coerce(ty, v, &shown))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            _ => {
                return Err(format!(
                    "The '{op_text}' condition on '{shown}' needs a non-empty array value."
                ));
            }
        },
        _ => match value {
            None | Some(Value::Null) => {
                return Err(format!(
                    "The '{op_text}' condition on '{shown}' needs a value."
                ));
            }
            Some(v) => Operand::One(coerce(ty, v, &shown)?),
        },
    };
    Ok(Cond::Test {
        target,
        op,
        operand,
    })
}

/// Converts a JSON value to the field's type (numbers may come as strings; booleans must be
/// `true`/`false`).
pub(crate) fn coerce(ty: Ty, v: &Value, field: &str) -> Result<Scalar, String> {
    let bad = || format!("Invalid value {v} for the {} field '{field}'.", ty.wire());
    match ty {
        Ty::Int | Ty::Long => match v {
            Value::Number(n) => n.as_i64().map(Scalar::Int).ok_or_else(bad),
            Value::String(s) => s.trim().parse().map(Scalar::Int).map_err(|_| bad()),
            _ => Err(bad()),
        },
        Ty::Double => match v {
            Value::Number(n) => n.as_f64().map(Scalar::Double).ok_or_else(bad),
            Value::String(s) => s.trim().parse().map(Scalar::Double).map_err(|_| bad()),
            _ => Err(bad()),
        },
        Ty::Bool => match v {
            Value::Bool(b) => Ok(Scalar::Bool(*b)),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Scalar::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Scalar::Bool(false)),
            _ => Err(bad()),
        },
        Ty::DateTime => match v {
            Value::String(s) => dates::parse(s).map(Scalar::Time).ok_or_else(bad),
            _ => Err(bad()),
        },
        Ty::Str => match v {
            Value::String(s) => Ok(Scalar::Text(s.to_lowercase())),
            Value::Number(n) => Ok(Scalar::Text(n.to_string())),
            Value::Bool(b) => Ok(Scalar::Text(b.to_string())),
            _ => Err(bad()),
        },
    }
}

/// The UDF value of a record (its `userDefinedFields` array).
pub(crate) fn udf_value<'a>(rec: &'a Record, name: &str) -> Option<&'a str> {
    rec.get("userDefinedFields")?
        .as_array()?
        .iter()
        .find(|u| {
            u.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })?
        .get("value")?
        .as_str()
}

fn record_scalar(ty: Ty, v: &Value) -> Option<Scalar> {
    match ty {
        Ty::Int | Ty::Long => v.as_i64().map(Scalar::Int),
        Ty::Double => v.as_f64().map(Scalar::Double),
        Ty::Bool => v.as_bool().map(Scalar::Bool),
        Ty::DateTime => v.as_str().and_then(dates::parse).map(Scalar::Time),
        Ty::Str => v.as_str().map(|s| Scalar::Text(s.to_lowercase())),
    }
}

fn order(a: &Scalar, b: &Scalar) -> Option<Ordering> {
    match (a, b) {
        (Scalar::Int(x), Scalar::Int(y)) => Some(x.cmp(y)),
        (Scalar::Double(x), Scalar::Double(y)) => x.partial_cmp(y),
        (Scalar::Bool(x), Scalar::Bool(y)) => Some(x.cmp(y)),
        (Scalar::Time(x), Scalar::Time(y)) => Some(x.cmp(y)),
        (Scalar::Text(x), Scalar::Text(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

impl Cond {
    /// Whether a record passes.
    pub(crate) fn matches(&self, rec: &Record) -> bool {
        match self {
            Cond::Group { or: true, items } => items.iter().any(|c| c.matches(rec)),
            Cond::Group { or: false, items } => items.iter().all(|c| c.matches(rec)),
            Cond::Test {
                target,
                op,
                operand,
            } => {
                let actual = match target {
                    Target::Field(def) => rec
                        .get(def.name)
                        .filter(|v| !v.is_null())
                        .and_then(|v| record_scalar(def.ty, v)),
                    Target::Udf(name) => {
                        udf_value(rec, name).map(|s| Scalar::Text(s.to_lowercase()))
                    }
                };
                let present = match &actual {
                    Some(Scalar::Text(s)) => !s.is_empty(),
                    Some(_) => true,
                    None => false,
                };
                match op {
                    Op::Exist => return present,
                    Op::NotExist => return !present,
                    _ => {}
                }
                let Some(actual) = actual else {
                    return false;
                };
                match (op, operand) {
                    (Op::In, Operand::Many(list)) => list
                        .iter()
                        .any(|v| order(&actual, v) == Some(Ordering::Equal)),
                    (Op::NotIn, Operand::Many(list)) => list
                        .iter()
                        .all(|v| order(&actual, v).is_some_and(|o| o != Ordering::Equal)),
                    (_, Operand::One(want)) => {
                        if let (Scalar::Text(a), Scalar::Text(w)) = (&actual, want) {
                            match op {
                                Op::BeginsWith => return a.starts_with(w.as_str()),
                                Op::EndsWith => return a.ends_with(w.as_str()),
                                Op::Contains => return a.contains(w.as_str()),
                                _ => {}
                            }
                        }
                        let Some(o) = order(&actual, want) else {
                            return false;
                        };
                        match op {
                            Op::Eq => o == Ordering::Equal,
                            Op::NotEq => o != Ordering::Equal,
                            Op::Gt => o == Ordering::Greater,
                            Op::Gte => o != Ordering::Less,
                            Op::Lt => o == Ordering::Less,
                            Op::Lte => o != Ordering::Greater,
                            _ => false,
                        }
                    }
                    _ => false,
                }
            }
        }
    }
}

impl QuerySpec {
    /// Whether a record passes every top-level item.
    pub(crate) fn matches(&self, rec: &Record) -> bool {
        self.filter.iter().all(|c| c.matches(rec))
    }
}

/// A stable hash of a query body (keys in any case, any key order, any whitespace).
pub(crate) fn fingerprint(body: &Value) -> u64 {
    fn norm(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, v) in m {
                    out.insert(k.to_ascii_lowercase(), norm(v));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
            other => other.clone(),
        }
    }
    let text = serde_json::to_string(&norm(body)).unwrap_or_default();
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(v: Value) -> Record {
        v.as_object().cloned().unwrap()
    }

    fn q(filter: Value) -> QuerySpec {
        parse(
            Kind::Tickets,
            &json!({ "filter": filter }),
            &["CustomerRanking"],
        )
        .unwrap()
    }

    #[test]
    fn every_operator() {
        let t = rec(json!({
            "id": 7, "title": "Printer Offline", "status": 8, "priority": 2,
            "createDate": "2024-03-01T10:00:00.5Z", "isVisibleToComanaged": false,
            "userDefinedFields": [{"name": "CustomerRanking", "value": "Golden"}]
        }));
        let cases = [
            (json!([{"op": "eq", "field": "status", "value": 8}]), true),
            (json!([{"op": "eq", "field": "STATUS", "value": "8"}]), true),
            (
                json!([{"op": "noteq", "field": "status", "value": 5}]),
                true,
            ),
            (json!([{"op": "gt", "field": "priority", "value": 1}]), true),
            (
                json!([{"op": "gte", "field": "priority", "value": 2}]),
                true,
            ),
            (
                json!([{"op": "lt", "field": "priority", "value": 2}]),
                false,
            ),
            (
                json!([{"op": "lte", "field": "priority", "value": 2}]),
                true,
            ),
            (
                json!([{"op": "beginsWith", "field": "title", "value": "printer"}]),
                true,
            ),
            (
                json!([{"op": "endsWith", "field": "title", "value": "OFFLINE"}]),
                true,
            ),
            (
                json!([{"op": "contains", "field": "title", "value": "ter off"}]),
                true,
            ),
            (json!([{"op": "exist", "field": "title"}]), true),
            (json!([{"op": "notExist", "field": "externalID"}]), true),
            (json!([{"op": "exist", "field": "externalID"}]), false),
            (
                json!([{"op": "in", "field": "status", "value": [1, 8]}]),
                true,
            ),
            (
                json!([{"op": "notIn", "field": "status", "value": [1, 8]}]),
                false,
            ),
            (
                json!([{"op": "gt", "field": "createDate", "value": "2024-03-01T09:59:59"}]),
                true,
            ),
            (
                json!([{"op": "eq", "field": "isVisibleToComanaged", "value": false}]),
                true,
            ),
            (
                json!([{"op": "eq", "field": "CustomerRanking", "udf": true, "value": "golden"}]),
                true,
            ),
            (
                json!([{"op": "noteq", "field": "contactID", "value": 3}]),
                false,
            ),
            (
                json!([{"op": "or", "items": [
                {"op": "eq", "field": "status", "value": 1},
                {"op": "eq", "field": "priority", "value": 2}]}]),
                true,
            ),
            (
                json!([{"op": "and", "items": [
                {"op": "eq", "field": "status", "value": 1},
                {"op": "eq", "field": "priority", "value": 2}]}]),
                false,
            ),
            (
                json!([{"op": "eq", "field": "status", "value": 8},
                    {"op": "eq", "field": "priority", "value": 3}]),
                false,
            ),
        ];
        for (filter, want) in cases {
            assert_eq!(q(filter.clone()).matches(&t), want, "{filter}");
        }
    }

    #[test]
    fn bad_queries_are_refused() {
        let parse_t = |b: Value| parse(Kind::Tickets, &b, &[]);
        assert!(
            parse_t(json!({"MaxRecords": 501, "filter": [{"op":"exist","field":"id"}]})).is_err()
        );
        assert!(
            parse_t(json!({"maxRecords": 0, "filter": [{"op":"exist","field":"id"}]})).is_err()
        );
        assert!(parse_t(json!({"filter": []})).is_err());
        assert!(parse_t(json!({})).is_err());
        assert!(parse_t(json!({"filter": [{"op":"like","field":"id","value":1}]})).is_err());
        assert!(parse_t(json!({"filter": [{"op":"eq","field":"nope","value":1}]})).is_err());
        assert!(parse_t(json!({"filter": [{"op":"eq","field":"status","value":"abc"}]})).is_err());
        assert!(
            parse_t(json!({"filter": [{"op":"eq","field":"isVisibleToComanaged","value":1}]}))
                .is_err()
        );
        assert!(
            parse_t(json!({"filter": [{"op":"contains","field":"status","value":1}]})).is_err()
        );
        assert!(parse_t(json!({"filter": [{"op":"eq","field":"creatorType","value":1}]})).is_err());
        assert!(parse_t(json!({"filter": [{"op":"in","field":"status","value":3}]})).is_err());
        assert!(
            parse_t(json!({"filter": [{"op":"eq","field":"X","udf":true,"value":3}]})).is_err()
        );
        let ok = parse_t(json!({"maxrecords": 10, "includefields": ["TITLE", "bogus"], "Filter": [{"op":"exist","field":"id"}]})).unwrap();
        assert_eq!(ok.max_records, 10);
        assert_eq!(ok.include, Some(vec!["title"]));
    }

    #[test]
    fn fingerprints_ignore_key_case_and_order() {
        let a = json!({"MaxRecords": 5, "filter": [{"op": "eq", "field": "id", "value": 1}]});
        let b = json!({"filter": [{"value": 1, "field": "id", "OP": "eq"}], "maxRecords": 5});
        let c = json!({"filter": [{"value": 2, "field": "id", "OP": "eq"}], "maxRecords": 5});
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }
}
