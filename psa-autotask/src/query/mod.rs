//! Query filters: the JSON body of `POST /V1.0/{Entity}/query`.
//!
//! A [`Query`] is data that serializes itself into Autotask's `QueryModel`:
//! `{"filter":[…],"IncludeFields":[…],"MaxRecords":n}`. Values travel as JSON, so quoting and
//! escaping are serde's business, never string concatenation.
//!
//! ```
//! use psa_autotask::{Filter, Query};
//! let q = Query::new()
//!     .filter(Filter::eq("companyID", 500))
//!     .filter(Filter::or([Filter::eq("status", 1), Filter::contains("title", "printer \"3rd floor\"")]))
//!     .filter(Filter::eq("CustomerRanking", "Golden").udf())
//!     .include_fields(["id", "title", "status"])
//!     .max_records(50);
//! let body = serde_json::to_value(&q).unwrap();
//! assert_eq!(body["filter"][0]["op"], "and");
//! assert_eq!(body["filter"][0]["items"][1]["items"][1]["value"], "printer \"3rd floor\"");
//! assert_eq!(body["filter"][0]["items"][2]["udf"], true);
//! assert_eq!(body["MaxRecords"], 50);
//! ```

mod filter;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use psa_core::{Error, ErrorKind, Result};

pub use filter::{Filter, FilterValue, Op};

/// The largest `MaxRecords` Autotask accepts.
pub const MAX_RECORDS_LIMIT: u32 = 500;

/// A query: filters (ANDed), the fields to return, and the page size.
///
/// With no filter, the query matches every record (`id gte 0`, which Autotask requires).
/// `IncludeFields` always gets `id`, which paging past 500 records needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    filters: Vec<Filter>,
    include_fields: Vec<String>,
    max_records: Option<u32>,
}

impl Query {
    /// A query matching everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// A query with one filter.
    pub fn with(filter: Filter) -> Self {
        Query::new().filter(filter)
    }

    /// Adds a filter; all filters must match.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// Returns only these fields (plus `id`).
    pub fn include_fields<S: Into<String>>(mut self, fields: impl IntoIterator<Item = S>) -> Self {
        self.include_fields
            .extend(fields.into_iter().map(Into::into));
        self
    }

    /// Sets the page size (1–500).
    pub fn max_records(mut self, n: u32) -> Self {
        self.max_records = Some(n);
        self
    }

    /// The filters.
    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    /// Checks what Autotask would refuse: `MaxRecords` outside 1–500, an empty group, `exist`
    /// with a value, `in` without a list, more than one UDF condition.
    ///
    /// ```
    /// use psa_autotask::{Filter, Query};
    /// assert!(Query::new().max_records(501).validate().is_err());
    /// assert!(Query::with(Filter::or([])).validate().is_err());
    /// assert!(Query::with(Filter::is_in("id", Vec::<i64>::new())).validate().is_err());
    /// assert!(Query::new().validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let Some(n) = self.max_records
            && (n == 0 || n > MAX_RECORDS_LIMIT)
        {
            return Err(invalid(format!(
                "MaxRecords must be between 1 and {MAX_RECORDS_LIMIT}, got {n}"
            ))
            .with_fields(["MaxRecords"]));
        }
        if self.include_fields.iter().any(|f| f.trim().is_empty()) {
            return Err(
                invalid("IncludeFields has an empty field name").with_fields(["IncludeFields"])
            );
        }
        self.filters.iter().try_for_each(Filter::validate)?;
        let udfs: usize = self.filters.iter().map(Filter::udf_count).sum();
        if udfs > 1 {
            return Err(invalid(format!(
                "Autotask allows one user-defined field per query filter; this query has {udfs}"
            )));
        }
        Ok(())
    }

    /// The JSON body, exactly as sent.
    pub fn to_body(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for Query {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match self.filters.len() {
            0 => m.serialize_entry("filter", &[Filter::all()])?,
            1 => m.serialize_entry("filter", &self.filters)?,
            // Top-level entries are ANDed by most endpoints; an explicit group is safe on all.
            _ => m.serialize_entry("filter", &[Filter::and(self.filters.clone())])?,
        }
        if !self.include_fields.is_empty() {
            let mut fields = self.include_fields.clone();
            if !fields.iter().any(|f| f.eq_ignore_ascii_case("id")) {
                fields.insert(0, "id".into());
            }
            m.serialize_entry("IncludeFields", &fields)?;
        }
        if let Some(n) = self.max_records {
            m.serialize_entry("MaxRecords", &n)?;
        }
        m.end()
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Validation, message).with_vendor(psa_core::Vendor::Autotask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_operator_serializes_with_its_wire_name() {
        let names: Vec<_> = Op::ALL
            .iter()
            .map(|o| serde_json::to_value(o).unwrap())
            .collect();
        assert_eq!(
            names,
            json!([
                "eq",
                "noteq",
                "gt",
                "gte",
                "lt",
                "lte",
                "beginsWith",
                "endsWith",
                "contains",
                "exist",
                "notExist",
                "in",
                "notIn"
            ])
            .as_array()
            .unwrap()
            .clone()
        );
        for op in Op::ALL {
            assert_eq!(serde_json::to_value(op).unwrap(), json!(op.as_str()));
        }
    }

    #[test]
    fn conditions_and_groups_have_the_documented_shape() {
        let q = Query::with(Filter::and([
            Filter::exist("contactID"),
            Filter::not_exist("completedDate"),
            Filter::is_in("status", [1, 8]),
            Filter::not_in("queueID", [5]),
            Filter::or([
                Filter::begins_with("title", "VPN"),
                Filter::ends_with("title", "down"),
            ]),
        ]));
        assert_eq!(
            q.to_body(),
            json!({"filter": [{"op": "and", "items": [
                {"op": "exist", "field": "contactID"},
                {"op": "notExist", "field": "completedDate"},
                {"op": "in", "field": "status", "value": [1, 8]},
                {"op": "notIn", "field": "queueID", "value": [5]},
                {"op": "or", "items": [
                    {"op": "beginsWith", "field": "title", "value": "VPN"},
                    {"op": "endsWith", "field": "title", "value": "down"}
                ]}
            ]}]})
        );
    }

    #[test]
    fn an_empty_query_matches_everything_and_fields_include_id() {
        assert_eq!(
            Query::new().to_body(),
            json!({"filter": [{"op": "gte", "field": "id", "value": 0}]})
        );
        let q = Query::new().include_fields(["title"]).max_records(500);
        assert_eq!(q.to_body()["IncludeFields"], json!(["id", "title"]));
        assert_eq!(q.to_body()["MaxRecords"], 500);
    }

    #[test]
    fn values_are_escaped_as_json() {
        let tricky = "a\"b\\c</script>\u{1F600}\n";
        let body = Query::with(Filter::eq("title", tricky)).to_body();
        let text = serde_json::to_string(&body).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["filter"][0]["value"], tricky);
    }

    /// Random texts made of the characters that break hand-built queries survive the trip
    /// through the encoder unchanged (a small deterministic property test).
    #[test]
    fn any_text_round_trips_through_the_encoder() {
        const ALPHABET: &[char] = &[
            '"', '\\', '\'', '[', ']', '{', '}', '(', ')', ',', ':', '&', '<', '>', '+', '%', '/',
            '\n', '\t', '\u{0}', '\u{7f}', 'a', 'Z', '0', ' ', 'é', 'ß', '中', '😀', '\u{200b}',
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..500 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let q = Query::with(Filter::or([
                Filter::contains("title", text.as_str()),
                Filter::is_in("externalID", [text.as_str(), "x"]),
            ]));
            let wire = serde_json::to_string(&q).unwrap();
            let back: Value = serde_json::from_str(&wire).unwrap();
            assert_eq!(back["filter"][0]["items"][0]["value"], json!(text));
            assert_eq!(back["filter"][0]["items"][1]["value"][0], json!(text));
        }
    }

    #[test]
    fn validation_catches_what_autotask_refuses() {
        let bad = [
            Query::new().max_records(0),
            Query::with(Filter::condition(Op::Exist, "id", Some(1.into()))),
            Query::with(Filter::condition(Op::Eq, "id", None)),
            Query::with(Filter::condition(Op::Eq, "id", Some(json!([1]).into()))),
            Query::with(Filter::eq("", 1)),
            Query::with(Filter::eq("A", 1).udf()).filter(Filter::eq("B", 2).udf()),
        ];
        for q in bad {
            let e = q.validate().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Validation, "{q:?}");
        }
    }
}
