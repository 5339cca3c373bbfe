//! Records as the API sends them.
//!
//! Every field of the Swagger model is present, `null` when empty (Autotask's documentation and observed traffic);
//! with `IncludeFields` only the listed fields are. `userDefinedFields` — `[{"name","value"}]`,
//! values as strings — is sent only when some record of the reply has a UDF value (the
//! documented rule, `UserdefinedFieldsUDFs.htm`), and then on every record of the reply.

use serde_json::{Map, Value, json};

use super::entities::Kind;
use super::field_picks;
use super::query::udf_value;
use super::store::Record;
use super::webhook_kinds;

/// A user-defined field of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UdfDef {
    pub(crate) name: &'static str,
    pub(crate) label: &'static str,
    pub(crate) description: &'static str,
}

/// The tenant's user-defined fields per entity.
pub(crate) fn udfs(kind: Kind) -> &'static [UdfDef] {
    match kind {
        Kind::Tickets => &[UdfDef {
            name: "CustomerRanking",
            label: "Customer Ranking",
            description: "How the account manager ranks the customer",
        }],
        _ => &[],
    }
}

/// The UDF names of an entity.
pub(crate) fn udf_names(kind: Kind) -> Vec<&'static str> {
    udfs(kind).iter().map(|u| u.name).collect()
}

/// Whether any of the records has a UDF value (then every record carries the array).
pub(crate) fn any_udf_values<'a>(kind: Kind, recs: impl IntoIterator<Item = &'a Record>) -> bool {
    let defs = udfs(kind);
    !defs.is_empty()
        && recs
            .into_iter()
            .any(|r| defs.iter().any(|d| udf_value(r, d.name).is_some()))
}

/// How much of an attachment to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Data {
    /// Without `data` (query rows, `GET /TicketAttachments/{id}`).
    Omit,
    /// With `data` (`GET /Tickets/{id}/Attachments/{attachmentId}`).
    Include,
}

/// One record in wire shape.
pub(crate) fn render(
    kind: Kind,
    rec: &Record,
    include: Option<&[&'static str]>,
    with_udfs: bool,
    data: Data,
) -> Value {
    let mut out = Map::new();
    for f in kind.fields() {
        if include.is_some_and(|inc| !inc.contains(&f.name)) {
            continue;
        }
        let hidden = match (kind, f.name) {
            (Kind::TicketAttachments, "data") => data == Data::Omit,
            // The secret is write-only: the sim never echoes it (UNVERIFIED; the safe reading).
            (k, "secretKey") if webhook_kinds::is_hook(k) => true,
            _ => false,
        };
        let v = if hidden {
            Value::Null
        } else {
            rec.get(f.name).cloned().unwrap_or(Value::Null)
        };
        out.insert(f.name.to_string(), v);
    }
    if with_udfs && kind.has_udfs() {
        let list: Vec<Value> = udfs(kind)
            .iter()
            .map(|d| json!({"name": d.name, "value": udf_value(rec, d.name)}))
            .collect();
        out.insert("userDefinedFields".into(), Value::Array(list));
    }
    Value::Object(out)
}

/// One record in wire shape, written straight to `out` (the same JSON as [`render`], without
/// building an intermediate map: query pages of 500 full tickets stay cheap).
pub(crate) fn write_record(
    out: &mut Vec<u8>,
    kind: Kind,
    rec: &Record,
    include: Option<&[&'static str]>,
    with_udfs: bool,
    data: Data,
) {
    out.push(b'{');
    let mut first = true;
    let mut key = |out: &mut Vec<u8>, name: &str| {
        if !first {
            out.push(b',');
        }
        first = false;
        // Field names are plain ASCII identifiers: no escaping needed.
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
    };
    for f in kind.fields() {
        if include.is_some_and(|inc| !inc.contains(&f.name)) {
            continue;
        }
        let hidden = match (kind, f.name) {
            (Kind::TicketAttachments, "data") => data == Data::Omit,
            (k, "secretKey") if webhook_kinds::is_hook(k) => true,
            _ => false,
        };
        key(out, f.name);
        match rec.get(f.name) {
            Some(v) if !hidden => {
                if serde_json::to_writer(&mut *out, v).is_err() {
                    out.extend_from_slice(b"null");
                }
            }
            _ => out.extend_from_slice(b"null"),
        }
    }
    if with_udfs && kind.has_udfs() {
        key(out, "userDefinedFields");
        let list: Vec<Value> = udfs(kind)
            .iter()
            .map(|d| json!({"name": d.name, "value": udf_value(rec, d.name)}))
            .collect();
        if serde_json::to_writer(&mut *out, &list).is_err() {
            out.extend_from_slice(b"[]");
        }
    }
    out.push(b'}');
}

/// `{"info": …}` of `entityInformation`.
pub(crate) fn entity_info(kind: Kind, access: [(&'static str, Value); 4]) -> Value {
    let mut info = Map::new();
    info.insert("name".into(), json!(kind.name()));
    info.insert(
        "canCreate".into(),
        json!(kind.supports(super::entities::Verb::Create)),
    );
    info.insert(
        "canDelete".into(),
        json!(kind.supports(super::entities::Verb::Delete)),
    );
    info.insert("canQuery".into(), json!(true));
    info.insert(
        "canUpdate".into(),
        json!(kind.supports(super::entities::Verb::Update)),
    );
    for (k, v) in access {
        info.insert(k.into(), v);
    }
    info.insert("hasUserDefinedFields".into(), json!(kind.has_udfs()));
    info.insert(
        "supportsWebhookCallouts".into(),
        json!(kind.webhook_callouts()),
    );
    json!({ "info": info })
}

/// `{"fields":[…]}` of `entityInformation/fields` (`FieldInformationModel`).
pub(crate) fn field_info(kind: Kind, require_note_titles: bool) -> Value {
    let fields: Vec<Value> = kind
        .fields()
        .iter()
        .map(|f| {
            let picks = field_picks::of(kind, f.name);
            let reference = kind.reference(f.name);
            let required = kind.required().contains(&f.name)
                || (kind == Kind::TicketNotes && f.name == "title" && require_note_titles)
                || f.name == "id";
            let values: Vec<Value> = picks
                .as_deref()
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    json!({
                        "value": p.value.to_string(),
                        "label": p.label,
                        "isDefaultValue": p.default,
                        "sortOrder": i,
                        "parentValue": p.parent.map(|v| v.to_string()).unwrap_or_default(),
                        "isActive": p.active,
                        "isSystem": p.system,
                    })
                })
                .collect();
            let length = match (kind, f.name) {
                (Kind::Tickets, "title") | (Kind::TicketNotes, "title") => 255,
                (Kind::Tickets, "description") => 8000,
                (Kind::TicketNotes, "description") => 32000,
                (Kind::Tickets, "externalID") => 50,
                (k, "name") if webhook_kinds::is_hook(k) => 50,
                (k, "webhookUrl" | "deactivationUrl") if webhook_kinds::is_hook(k) => 500,
                (k, "secretKey") if webhook_kinds::is_hook(k) => 64,
                (Kind::Companies, "companyName") => 100,
                (_, _) if f.ty == super::entities::Ty::Str => 100,
                _ => 0,
            };
            json!({
                "name": f.name,
                "dataType": f.ty.wire(),
                "length": length,
                "isRequired": required,
                "isReadOnly": kind.read_only(f.name),
                "isQueryable": kind.queryable(f.name),
                "isReference": reference.is_some(),
                "referenceEntityType": reference.map(|k| k.legacy_name()).unwrap_or_default(),
                "isPickList": picks.is_some(),
                "picklistValues": if picks.is_some() { Value::Array(values) } else { Value::Null },
                "picklistParentValueField": field_picks::parent_field(kind, f.name).unwrap_or_default(),
                "isSupportedWebhookField": webhook_kinds::supported(kind, f.name),
            })
        })
        .collect();
    json!({ "fields": fields })
}

/// `{"fields":[…]}` of `entityInformation/userDefinedFields` (Swagger `Field`: `type`, not
/// `dataType`).
pub(crate) fn udf_info(kind: Kind) -> Value {
    let fields: Vec<Value> = udfs(kind)
        .iter()
        .map(|u| {
            json!({
                "name": u.name,
                "label": u.label,
                "type": "string",
                "length": 100,
                "description": u.description,
                "isRequired": false,
                "isReadOnly": false,
                "isQueryable": true,
                "isReference": false,
                "referenceEntityType": "",
                "isPickList": false,
                "picklistValues": null,
                "picklistParentValueField": "",
                "defaultValue": "",
                "isSupportedWebhookField": false,
            })
        })
        .collect();
    json!({ "fields": fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_field_is_sent_null_when_empty() {
        let rec = json!({"id": 1, "title": "x"}).as_object().cloned().unwrap();
        let v = render(Kind::Tickets, &rec, None, false, Data::Omit);
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 75);
        assert_eq!(o["title"], "x");
        assert!(o["externalID"].is_null());
        assert!(!o.contains_key("userDefinedFields"));
        let v = render(Kind::Tickets, &rec, Some(&["title"]), true, Data::Omit);
        assert_eq!(
            v,
            json!({"title": "x", "userDefinedFields": [{"name": "CustomerRanking", "value": null}]})
        );
    }

    #[test]
    fn picklist_values_are_strings() {
        let info = field_info(Kind::Tickets, true);
        let status = info["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "status")
            .unwrap();
        assert_eq!(status["isPickList"], true);
        assert_eq!(status["picklistValues"][0]["value"], "1");
        assert_eq!(status["picklistValues"][0]["label"], "New");
    }
}
