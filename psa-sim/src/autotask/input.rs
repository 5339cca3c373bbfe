//! The input side of a write: who it is made as (impersonation), and the body normalised
//! (case-insensitive keys, read-only fields dropped, types converted) and validated against
//! the entity's rules, with the API's error texts.

use super::dates;
use super::entities::{Kind, Ty, Verb};
use super::field_picks;
use super::picklists::{self, LICENSE_API};
use super::query::key;
use super::responses;
use super::state::Sim;
use super::store::{Record, Store, int, text};
use super::webhook_kinds;
use super::wire;
use axum::response::Response;
use http::HeaderMap;
use serde_json::{Map, Value, json};

/// Who a write is made as: the API user, or the resource it impersonates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Actor {
    pub(crate) resource: i64,
    pub(crate) impersonator: Option<i64>,
}

/// Reads `ImpersonationResourceId` and checks the Resource Impersonation rights.
///
/// Allowed when the level's Resource Impersonation row for the entity is checked and the target
/// is an active resource whose level allows impersonation (API-only users never do). Anything
/// else is the permission refusal for the verb (Autotask's documentation and observed traffic).
pub(crate) fn actor(
    sim: &Sim,
    store: &Store,
    kind: Kind,
    verb: Verb,
    headers: &HeaderMap,
) -> Result<Actor, Box<Response>> {
    let raw = headers
        .get("ImpersonationResourceId")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if raw.is_empty() {
        return Ok(Actor {
            resource: sim.api_resource_id,
            impersonator: None,
        });
    }
    let refuse = || Box::new(responses::forbidden(verb));
    let id: i64 = raw.parse().map_err(|_| refuse())?;
    if !sim.tenant.profile().may_impersonate(kind) {
        return Err(refuse());
    }
    let target = store.get(Kind::Resources, id).ok_or_else(refuse)?;
    let active = target
        .get("isActive")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !active || int(&target, "licenseType") == Some(LICENSE_API) {
        return Err(refuse());
    }
    Ok(Actor {
        resource: id,
        impersonator: Some(sim.api_resource_id),
    })
}

pub(crate) fn convert(ty: Ty, v: &Value, field: &str) -> Result<Value, String> {
    let bad = || {
        format!(
            "Error converting value {v} to type '{}'. Path '{field}'.",
            ty.dotnet()
        )
    };
    Ok(match ty {
        Ty::Int | Ty::Long => match v {
            Value::Number(n) if n.is_i64() => v.clone(),
            Value::Number(n) => match n.as_f64() {
                Some(f) if f.fract() == 0.0 => json!(f as i64),
                _ => return Err(bad()),
            },
            Value::String(s) => json!(s.trim().parse::<i64>().map_err(|_| bad())?),
            Value::Bool(b) => json!(i64::from(*b)),
            _ => return Err(bad()),
        },
        Ty::Double => match v {
            Value::Number(n) => json!(n.as_f64().ok_or_else(bad)?),
            Value::String(s) => json!(s.trim().parse::<f64>().map_err(|_| bad())?),
            _ => return Err(bad()),
        },
        Ty::Bool => match v {
            Value::Bool(_) => v.clone(),
            Value::String(s) if s.eq_ignore_ascii_case("true") => json!(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => json!(false),
            _ => return Err(bad()),
        },
        Ty::DateTime => match v {
            Value::String(s) => json!(dates::wire(dates::parse(s).ok_or_else(bad)?)),
            _ => return Err(bad()),
        },
        Ty::Str => match v {
            Value::String(_) => v.clone(),
            Value::Number(n) => json!(n.to_string()),
            Value::Bool(b) => json!(b.to_string()),
            _ => return Err(bad()),
        },
    })
}

/// The body's fields by canonical name (`Null` kept for updates), its UDFs and its `id`.
pub(crate) struct Input {
    pub(crate) fields: Record,
    pub(crate) udfs: Option<Vec<(String, Value)>>,
    pub(crate) id: Option<i64>,
}

pub(crate) fn normalize(kind: Kind, body: &Value, create: bool) -> Result<Input, String> {
    let obj = body
        .as_object()
        .ok_or_else(|| format!("The request body must be a {} object.", kind.legacy_name()))?;
    let mut fields = Map::new();
    let mut udfs = None;
    let mut id = None;
    for (k, v) in obj {
        if create && v.is_null() {
            // What the live API answers to an explicit null (a .NET null dereference); the
            // fix on the client side is to omit unset fields.
            return Err("Object reference not set to an instance of an object.".into());
        }
        if k.eq_ignore_ascii_case("userDefinedFields") {
            let list = match v {
                Value::Array(a) => a,
                Value::Null => continue,
                _ => {
                    return Err(
                        "userDefinedFields must be an array of {\"name\",\"value\"}.".into(),
                    );
                }
            };
            let known = wire::udf_names(kind);
            let mut out = Vec::new();
            for u in list {
                let name = u
                    .as_object()
                    .and_then(|o| key(o, "name"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| "Each user-defined field needs a name.".to_string())?;
                let canon = known
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(name))
                    .ok_or_else(|| {
                        format!(
                            "Unable to find user-defined field '{name}' on {}.",
                            kind.name()
                        )
                    })?;
                let value = match u.as_object().and_then(|o| key(o, "value")) {
                    None | Some(Value::Null) => Value::Null,
                    Some(Value::String(s)) => json!(s),
                    Some(other) => json!(other.to_string()),
                };
                out.push(((*canon).to_string(), value));
            }
            udfs = Some(out);
            continue;
        }
        let Some(def) = kind.field(k) else {
            // Unknown properties are ignored by the API's JSON reader.
            continue;
        };
        if def.name == "id" {
            if !v.is_null() {
                id = Some(
                    convert(Ty::Long, v, "id")?
                        .as_i64()
                        .ok_or_else(|| "id must be an integer.".to_string())?,
                );
            }
            continue;
        }
        if kind.read_only(def.name) {
            continue;
        }
        let value = if v.is_null() {
            Value::Null
        } else {
            convert(def.ty, v, def.name)?
        };
        fields.insert(def.name.to_string(), value);
    }
    Ok(Input { fields, udfs, id })
}

pub(crate) fn merge_udfs(rec: &mut Record, udfs: &[(String, Value)]) {
    let mut list: Vec<Value> = rec
        .get("userDefinedFields")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (name, value) in udfs {
        list.retain(|u| u.get("name").and_then(Value::as_str) != Some(name.as_str()));
        if !value.is_null() {
            list.push(json!({"name": name, "value": value}));
        }
    }
    if list.is_empty() {
        rec.remove("userDefinedFields");
    } else {
        rec.insert("userDefinedFields".into(), Value::Array(list));
    }
}

/// Checks required fields, picklists and references of the record about to be stored.
pub(crate) fn validate(
    sim: &Sim,
    store: &Store,
    kind: Kind,
    rec: &Record,
    changed: &Record,
) -> Result<(), String> {
    let mut required: Vec<&str> = kind.required().to_vec();
    if kind == Kind::TicketNotes && sim.require_note_titles {
        required.push("title");
    }
    for f in required {
        let missing = match rec.get(f) {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            _ => false,
        };
        if missing {
            return Err(format!("{f} is required"));
        }
    }
    for (f, v) in changed {
        let Some(def) = kind.field(f) else { continue };
        if v.is_null() {
            continue;
        }
        if let Some(n) = v.as_i64()
            && !field_picks::accepts(kind, def.name, def.ty, n)
        {
            return Err(format!(
                "Picklist value [{n}] does not exist for {}",
                def.name
            ));
        }
        if let Some(target) = kind.reference(def.name)
            && let Some(n) = v.as_i64()
            && !store.exists(target, n)
        {
            return Err(format!(
                "Value does not reference an existing entity for {} . ",
                def.name
            ));
        }
        if let (Some(s), Ty::Str) = (v.as_str(), def.ty) {
            let max = match (kind, def.name) {
                (Kind::Tickets | Kind::TicketNotes, "title") => 255,
                (Kind::Tickets, "externalID") => 50,
                (k, "name") if webhook_kinds::is_hook(k) => 50,
                (k, "webhookUrl" | "deactivationUrl") if webhook_kinds::is_hook(k) => 500,
                (k, "secretKey") if webhook_kinds::is_hook(k) => 64,
                _ => usize::MAX,
            };
            if s.chars().count() > max {
                return Err(format!(
                    "{} exceeds the maximum length of {max} characters.",
                    def.name
                ));
            }
        }
    }
    if kind == Kind::Tickets {
        if rec.get("assignedResourceID").is_some_and(|v| !v.is_null())
            && rec.get("assignedResourceRoleID").is_none_or(Value::is_null)
        {
            return Err("When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.".into());
        }
        if let (Some(sub), Some(issue)) = (int(rec, "subIssueType"), int(rec, "issueType"))
            && changed.contains_key("subIssueType")
            && !picklists::SUB_ISSUE_TYPE
                .iter()
                .any(|p| p.value == sub && p.parent == Some(issue))
        {
            return Err(format!(
                "Picklist value [{sub}] does not exist for subIssueType"
            ));
        }
    }
    if webhook_kinds::is_hook(kind) {
        for f in ["webhookUrl", "deactivationUrl"] {
            if let Some(u) = text(rec, f) {
                let parsed = url::Url::parse(u).map_err(|_| format!("{f} is not a valid URL."))?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(format!("{f} must be an http or https URL."));
                }
            }
        }
    }
    if kind == Kind::TicketAttachments {
        let ty = text(rec, "attachmentType").unwrap_or("");
        if !["FILE_ATTACHMENT", "URL", "FOLDER_LINK"].contains(&ty) {
            return Err(format!(
                "Invalid attachmentType [{ty}]. Use FILE_ATTACHMENT, URL or FOLDER_LINK."
            ));
        }
        if text(rec, "fullPath").is_none_or(|p| p.trim().is_empty()) {
            return Err("fullPath is required".into());
        }
    }
    Ok(())
}

pub(crate) fn content_type_for(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "log" => "text/plain",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "csv" => "text/csv",
        "json" => "application/json",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}
