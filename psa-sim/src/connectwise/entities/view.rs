//! What every entity view shares: the render context, the `Entity` trait, the `{id, name,
//! _info}` references and `fields` projection.

use serde_json::{Value, json};

use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::store::Store;
use crate::connectwise::wire;

/// What rendering and field lookup need besides the record.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub(crate) st: &'a Store,
    /// The API root, e.g. `http://127.0.0.1:PORT/v2025_1/apis/3.0/`, for `_info` hrefs.
    pub(crate) api: &'a str,
}

/// A record type the list machinery can filter, sort, page and render.
pub(crate) trait Entity {
    /// The type name used in messages (`Ticket`, `Company`, …).
    const NAME: &'static str;
    /// The record's id (paging order, `pageId`).
    fn id(&self) -> i64;
    /// The type of a filterable field (lower-case `/` path), or `None` when it does not exist.
    fn field_type(path: &str) -> Option<Ty>;
    /// A field's value on this record.
    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a>;
    /// The type of a `childConditions` field (lower-case path including the collection).
    fn child_type(_path: &str) -> Option<Ty> {
        None
    }
    /// Number of items in a child collection (lower-case name).
    fn child_len(&self, _collection: &str) -> usize {
        0
    }
    /// A field of one child item (lower-case path including the collection).
    fn child_get<'a>(&'a self, _cx: &Cx<'a>, _index: usize, _path: &str) -> Scalar<'a> {
        Scalar::Null
    }
    /// Whether the type has `customFields` (for `customFieldConditions`).
    fn has_custom_fields() -> bool {
        false
    }
    /// Number of custom field entries on this record.
    fn custom_len(&self, _cx: &Cx<'_>) -> usize {
        0
    }
    /// A field of one custom field entry (`caption`, `value`, `id`, …).
    fn custom_get<'a>(&'a self, _cx: &Cx<'a>, _index: usize, _path: &str) -> Scalar<'a> {
        Scalar::Null
    }
    /// The record as JSON.
    fn render(&self, cx: &Cx<'_>) -> Value;
}

/// The type of a custom-field entry's fields in `customFieldConditions`.
pub(crate) fn custom_field_type(path: &str) -> Option<Ty> {
    match path {
        "id" | "numberofdecimals" => Some(Ty::Int),
        "caption" | "type" | "entrymethod" | "connectwiseid" => Some(Ty::Str),
        "value" => Some(Ty::Any),
        _ => None,
    }
}

/// `{"id","name","_info":{"<kind>_href": …}}`.
pub(crate) fn reference(id: i64, name: &str, href_key: &str, href: String) -> Value {
    json!({ "id": id, "name": name, "_info": { href_key: href } })
}

/// A company reference (adds `identifier`).
pub(crate) fn company_ref(cx: &Cx<'_>, id: i64) -> Value {
    match cx.st.companies.get(&id) {
        Some(c) => json!({
            "id": c.id,
            "identifier": c.identifier,
            "name": c.name,
            "_info": {
                "company_href": format!("{}company/companies/{}", cx.api, c.id),
                "mobileGuid": wire::guid(c.id as u64),
            }
        }),
        None => json!({ "id": id }),
    }
}

/// A member reference (adds `identifier`).
pub(crate) fn member_ref(cx: &Cx<'_>, id: i64) -> Value {
    match cx.st.member(id) {
        Some(m) => json!({
            "id": m.id,
            "identifier": m.identifier,
            "name": m.name(),
            "_info": {
                "member_href": format!("{}system/members/{}", cx.api, m.id),
                "image_href": format!("{}system/members/{}/image?lm={}", cx.api, m.id, wire::fmt_time(m.updated)),
            }
        }),
        None => json!({ "id": id }),
    }
}

/// A contact reference.
pub(crate) fn contact_ref(cx: &Cx<'_>, id: i64) -> Value {
    match cx.st.contacts.get(&id) {
        Some(c) => json!({
            "id": c.id,
            "name": c.full_name(),
            "_info": {
                "mobileGuid": wire::guid(c.id as u64 ^ 0xC0),
                "contact_href": format!("{}company/contacts/{}", cx.api, c.id),
            }
        }),
        None => json!({ "id": id }),
    }
}

/// Keeps only the requested `fields` (paths with `/`, matched case-insensitively).
pub(crate) fn project(value: &Value, fields: &[Vec<String>]) -> Value {
    let mut out = serde_json::Map::new();
    for path in fields {
        copy_path(value, &mut out, path);
    }
    Value::Object(out)
}

fn copy_path(src: &Value, dst: &mut serde_json::Map<String, Value>, path: &[String]) {
    let Some((head, rest)) = path.split_first() else {
        return;
    };
    let Some(obj) = src.as_object() else { return };
    let Some((key, v)) = obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(head)) else {
        return;
    };
    if rest.is_empty() {
        dst.insert(key.clone(), v.clone());
        return;
    }
    let entry = dst
        .entry(key.clone())
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if let Some(inner) = entry.as_object_mut() {
        copy_path(v, inner, rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_keeps_requested_paths() {
        let v = json!({"id": 1, "summary": "x", "board": {"id": 2, "name": "B"}, "other": true});
        let f = vec![
            vec!["id".to_string()],
            vec!["BOARD".to_string(), "name".to_string()],
        ];
        assert_eq!(project(&v, &f), json!({"id": 1, "board": {"name": "B"}}));
    }
}
