//! `/system/callbacks`: register, list, get, delete callback entries.
//!
//! Validation errors follow the amp-labs fixtures `create-webhook-bad-request-{1,2}.json`:
//! `InvalidObject`/`callbackEntry` with `InvalidField` "Invalid URL", `InvalidObject`
//! "Unrecognized level for type…", and `ObjectExists` "A matching callback entry already exists".

use axum::body::Body;
use axum::response::Response;
use http::StatusCode;
use serde_json::Value;

use super::input::Handled;
use super::input::{self, check_members};
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::{CallbackView, Cx, Entity};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::CallbackRec;
use crate::connectwise::wire::{self, FieldError};

const MEMBERS: &[&str] = &[
    "id",
    "description",
    "url",
    "objectId",
    "type",
    "level",
    "memberId",
    "payloadVersion",
    "inactiveFlag",
    "isSoapCallbackFlag",
    "isSelfSuppressedFlag",
    "connectWiseID",
    "_info",
];

/// Callback types ([DG]; django-connectwise uses the lower-case spellings).
const TYPES: &[&str] = &[
    "activity",
    "agreement",
    "company",
    "contact",
    "configuration",
    "invoice",
    "expense",
    "member",
    "opportunity",
    "productcatalog",
    "project",
    "purchaseorder",
    "schedule",
    "site",
    "ticket",
    "time",
];

/// Levels per type. The full matrix is not public; tickets follow the levels the guides name
/// (owner, board, status, company, a single ticket), other types accept owner and record levels.
fn levels_for(kind: &str) -> &'static [&'static str] {
    match kind {
        "ticket" => &["owner", "board", "status", "company", "ticket", "member"],
        "contact" | "configuration" | "site" | "agreement" | "opportunity" | "project" => {
            &["owner", "company", "record"]
        }
        _ => &["owner", "record"],
    }
}

pub(crate) fn read(sh: &Inner, req: &Req, want: Want) -> Handled {
    list_route(sh, req, want, Gate::Open, "CallbackEntry", |cx, a| {
        a.items(cx, cx.st.callbacks.values().map(CallbackView))
    })
}

pub(crate) fn create(sh: &Inner, req: &Req) -> Handled {
    if !sh.callbacks_allowed {
        return Err(wire::forbidden());
    }
    let body = input::object(&req.body, "CallbackEntry")?;
    check_members(&req.body, &body, MEMBERS, "CallbackEntry", "")?;
    let mut errors = Vec::new();
    let url = input::string(&body, "url")?
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    match &url {
        None => errors.push(FieldError::missing("url")),
        Some(u) => {
            let ok = url::Url::parse(u)
                .is_ok_and(|p| matches!(p.scheme(), "http" | "https") && p.host().is_some());
            if !ok {
                errors.push(FieldError::invalid("url", "Invalid URL"));
            }
        }
    }
    let kind = input::string(&body, "type")?
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let norm_kind = kind
        .as_deref()
        .map(|k| k.to_ascii_lowercase().replace(' ', ""));
    match &norm_kind {
        None => errors.push(FieldError::missing("type")),
        Some(k) if !TYPES.contains(&k.as_str()) => {
            errors.push(FieldError::invalid(
                "type",
                "Unrecognized type, see documentation for supported types",
            ));
        }
        Some(_) => {}
    }
    let level = input::string(&body, "level")?
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    match (&level, &norm_kind) {
        (None, _) => errors.push(FieldError::missing("level")),
        (Some(l), Some(k))
            if TYPES.contains(&k.as_str())
                && !levels_for(k).iter().any(|x| x.eq_ignore_ascii_case(l)) =>
        {
            errors.push(FieldError {
                code: "InvalidObject",
                message: "Unrecognized level for type, see documentation for supported levels for each type"
                    .to_string(),
                field: "level".to_string(),
            });
        }
        _ => {}
    }
    let object_id = match input::member(&body, "objectId") {
        None | Some(Value::Null) => {
            errors.push(FieldError::missing("objectId"));
            0
        }
        Some(_) => input::int(&body, "objectId")?.unwrap_or(0),
    };
    let description = input::string(&body, "description")?;
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 100)
    {
        errors.push(FieldError::invalid(
            "description",
            "The field description must be a string with a maximum length of 100.",
        ));
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("callbackEntry", &errors));
    }
    let (Some(url), Some(kind), Some(level)) = (url, kind, level) else {
        return Err(wire::invalid_object(
            "callbackEntry",
            &[FieldError::missing("url")],
        ));
    };
    // [DG]: objectId must be 1 for the owner level; the server stores 1 (amp-labs exchange).
    let object_id = if level.eq_ignore_ascii_case("owner") {
        1
    } else {
        object_id
    };
    let mut st = sh.write();
    let duplicate = st.callbacks.values().any(|c| {
        c.url.eq_ignore_ascii_case(&url)
            && c.kind.eq_ignore_ascii_case(&kind)
            && c.level.eq_ignore_ascii_case(&level)
            && c.object_id == object_id
    });
    if duplicate {
        return Err(wire::invalid_object(
            "callbackEntry",
            &[FieldError {
                code: "ObjectExists",
                message: "A matching callback entry already exists".to_string(),
                field: "objectId".to_string(),
            }],
        ));
    }
    let id = st.next_callback;
    st.next_callback += 1;
    let rec = CallbackRec {
        id,
        description,
        url,
        object_id,
        kind,
        level,
        member_id: st.api_member.id,
        payload_version: input::string(&body, "payloadVersion")?,
        inactive: input::flag(&body, "inactiveFlag", false)?,
        soap: input::flag(&body, "isSoapCallbackFlag", false)?,
        self_suppressed: input::flag(&body, "isSelfSuppressedFlag", false)?,
        connectwise_id: st.new_guid(id as u64 ^ 0xCA11),
        updated: wire::now(),
    };
    st.callbacks.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::CREATED,
        &CallbackView(&rec).render(&cx),
    ))
}

pub(crate) fn delete(sh: &Inner, id: i64) -> Handled {
    if !sh.callbacks_allowed {
        return Err(wire::forbidden());
    }
    let mut st = sh.write();
    if st.callbacks.remove(&id).is_none() {
        return Err(wire::not_found("CallbackEntry", id));
    }
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    Ok(resp)
}
