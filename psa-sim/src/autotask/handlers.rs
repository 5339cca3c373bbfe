//! Dispatch and the read side: zone lookup, Version, ThresholdInformation, entityInformation,
//! GET by id, queries, counts and paging.

use axum::response::Response;
use http::{HeaderMap, Method, Uri};
use serde_json::{Value, json};

use super::entities::{Kind, Verb, WritePath};
use super::paths::{InfoPart, Route};
use super::permissions::{Access, own_record};
use super::query::{self, QuerySpec};
use super::responses::{self, error500, ok};
use super::scan::{self, Cursor};
use super::state::Sim;
use super::store::{Record, int};
use super::wire::{self, Data};
use super::writes;

/// Reads one query parameter (percent-decoded).
pub(crate) fn query_param(uri: &Uri, name: &str) -> Option<String> {
    let q = uri.query()?;
    url::form_urlencoded::parse(q.as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.into_owned())
}

/// The routes served without credentials.
pub(crate) fn open(sim: &Sim, method: &Method, route: Route, uri: &Uri) -> Response {
    if *method != Method::GET {
        return responses::method_not_allowed(method);
    }
    match route {
        Route::Zone => {
            let user = query_param(uri, "user").unwrap_or_default();
            if !user.trim().eq_ignore_ascii_case(&sim.creds.username) {
                return responses::zone_unknown();
            }
            ok(&json!({
                "zoneName": sim.zone_name,
                "url": sim.zone_url(),
                "webUrl": format!("{}/", sim.origin()),
                "ci": sim.database_id,
            }))
        }
        _ => ok(&json!({ "apiVersions": ["1.0"] })),
    }
}

/// Everything behind the credential check.
pub(crate) fn dispatch(
    sim: &Sim,
    method: &Method,
    route: Route,
    uri: &Uri,
    url: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let m = method.clone();
    match route {
        Route::Version if m == Method::GET => ok(&json!({
            // Shape from the Swagger `AutotaskVersionResultModel`; values are the sim's.
            "majorVersion": "2025",
            "minorVersion": "2",
            "build": "2025.2.0.138",
            "customerType": "Production",
        })),
        Route::Threshold if m == Method::GET => ok(&json!({
            "externalRequestThreshold": sim.threshold.limit(),
            "requestThresholdTimeframe": (sim.threshold.window().as_secs() / 60).max(1),
            "currentTimeframeRequestCount": sim.threshold.current(),
        })),
        Route::AllEntities if m == Method::GET => {
            let list: Vec<Value> = Kind::ALL.into_iter().map(|k| entity_info(sim, k)).collect();
            ok(&json!({ "entityDescriptions": list }))
        }
        Route::Info(kind, part) if m == Method::GET => match part {
            InfoPart::Entity => ok(&entity_info(sim, kind)),
            InfoPart::Fields => {
                let p = sim.tenant.profile();
                if !p.picklists_readable || p.access(kind, Verb::Query) == Access::None {
                    return responses::forbidden(Verb::Query);
                }
                ok(&wire::field_info(kind, sim.require_note_titles))
            }
            InfoPart::Udfs => ok(&wire::udf_info(kind)),
        },
        Route::Item(kind, id) if m == Method::GET => get_item(sim, kind, id),
        Route::Item(kind, id)
            if m == Method::DELETE
                && kind.write_path() == WritePath::Top
                && kind.supports(Verb::Delete) =>
        {
            writes::delete(sim, kind, None, id, headers)
        }
        Route::Query(kind) if m == Method::POST => match body_json(headers, body) {
            Ok(b) => run_query(sim, kind, &b, Cursor::Start, headers),
            Err(r) => *r,
        },
        Route::Query(kind) if m == Method::GET => match search_param(uri) {
            Ok(b) => run_query(sim, kind, &b, Cursor::Start, headers),
            Err(r) => *r,
        },
        Route::Count(kind) if m == Method::POST => match body_json(headers, body) {
            Ok(b) => run_count(sim, kind, &b, headers),
            Err(r) => *r,
        },
        Route::Count(kind) if m == Method::GET => match search_param(uri) {
            Ok(b) => run_count(sim, kind, &b, headers),
            Err(r) => *r,
        },
        Route::Next(kind) if m == Method::POST => next_page(sim, kind, uri, headers, body),
        Route::Collection(kind) if kind.write_path() != WritePath::Top => responses::no_route(url),
        Route::Collection(kind) if m == Method::POST && kind.supports(Verb::Create) => {
            match body_json(headers, body) {
                Ok(b) => writes::create(sim, kind, None, &b, headers),
                Err(r) => *r,
            }
        }
        Route::Collection(kind)
            if (m == Method::PATCH || m == Method::PUT) && kind.supports(Verb::Update) =>
        {
            match body_json(headers, body) {
                Ok(b) => writes::update(sim, kind, None, &b, m == Method::PUT, headers),
                Err(r) => *r,
            }
        }
        Route::Children(parent, pid, child) if m == Method::GET => {
            list_children(sim, parent, pid, child)
        }
        Route::Children(parent, pid, child)
            if m == Method::POST && child.supports(Verb::Create) =>
        {
            match body_json(headers, body) {
                Ok(b) => writes::create(sim, child, Some((parent, pid)), &b, headers),
                Err(r) => *r,
            }
        }
        Route::Children(parent, pid, child)
            if (m == Method::PATCH || m == Method::PUT) && child.supports(Verb::Update) =>
        {
            match body_json(headers, body) {
                Ok(b) => writes::update(
                    sim,
                    child,
                    Some((parent, pid)),
                    &b,
                    m == Method::PUT,
                    headers,
                ),
                Err(r) => *r,
            }
        }
        Route::Child(parent, pid, child, id) if m == Method::GET => {
            get_child(sim, parent, pid, child, id)
        }
        Route::Child(parent, pid, child, id)
            if m == Method::DELETE && child.supports(Verb::Delete) =>
        {
            writes::delete(sim, child, Some((parent, pid)), id, headers)
        }
        _ => responses::method_not_allowed(method),
    }
}

/// Parses a JSON body; a body not declared as JSON gets the host's 415.
pub(crate) fn body_json(headers: &HeaderMap, body: &[u8]) -> Result<Value, Box<Response>> {
    let ct = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim();
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let is_json = mime == "application/json" || mime == "text/json" || mime.ends_with("+json");
    if !body.is_empty() && !is_json {
        return Err(Box::new(responses::unsupported_media_type(ct)));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Box::new(error500(
            "The request body is empty. Send the entity (or query) as JSON.",
        )));
    }
    serde_json::from_slice(body).map_err(|e| {
        Box::new(error500(format!(
            "The request body could not be read as JSON: {e}."
        )))
    })
}

/// The `search` parameter of `GET …/query?search=`.
fn search_param(uri: &Uri) -> Result<Value, Box<Response>> {
    let raw = query_param(uri, "search").ok_or_else(|| {
        Box::new(error500(
            "The search parameter is required: GET …/query?search={\"filter\":[…]} (or POST the query).",
        ))
    })?;
    serde_json::from_str(&raw).map_err(|e| {
        Box::new(error500(format!(
            "The search parameter could not be read as JSON: {e}."
        )))
    })
}

/// `userAccessFor*` for one entity, with `canX`.
pub(crate) fn entity_info(sim: &Sim, kind: Kind) -> Value {
    let p = sim.tenant.profile();
    let a = |v: Verb| {
        let access = p.access(kind, v);
        if sim.access_as_names {
            json!(access.name())
        } else {
            json!(access.code())
        }
    };
    wire::entity_info(
        kind,
        [
            ("userAccessForCreate", a(Verb::Create)),
            ("userAccessForDelete", a(Verb::Delete)),
            ("userAccessForQuery", a(Verb::Query)),
            ("userAccessForUpdate", a(Verb::Update)),
        ],
    )
}

/// The read right for `kind`: Ok(restricted?) or the refusal.
fn read_access(sim: &Sim, kind: Kind) -> Result<bool, Box<Response>> {
    match sim.tenant.profile().access(kind, Verb::Query) {
        Access::None => Err(Box::new(responses::forbidden(Verb::Query))),
        Access::Restricted => Ok(true),
        Access::All => Ok(false),
    }
}

fn impersonating(headers: &HeaderMap) -> bool {
    headers
        .get("ImpersonationResourceId")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.trim().is_empty())
}

fn get_item(sim: &Sim, kind: Kind, id: i64) -> Response {
    let restricted = match read_access(sim, kind) {
        Ok(r) => r,
        Err(r) => return *r,
    };
    let store = sim.tenant.read();
    let item = store
        .get(kind, id)
        .filter(|r| !restricted || own_record(&store, kind, r, sim.api_resource_id))
        .map(|r| {
            let udfs = wire::any_udf_values(kind, [r.as_ref()]);
            wire::render(kind, &r, None, udfs, Data::Omit)
        });
    ok(&json!({ "item": item }))
}

fn get_child(sim: &Sim, parent: Kind, pid: i64, child: Kind, id: i64) -> Response {
    let restricted = match read_access(sim, child) {
        Ok(r) => r,
        Err(r) => return *r,
    };
    let store = sim.tenant.read();
    let WritePath::Child { parent_field, .. } = child.write_path() else {
        return ok(&json!({ "item": null }));
    };
    let found = store
        .get(child, id)
        .filter(|r| int(r, parent_field) == Some(pid) && store.exists(parent, pid))
        .filter(|r| !restricted || own_record(&store, child, r, sim.api_resource_id));
    if child == Kind::TicketAttachments {
        // The one child GET that carries the file, wrapped in `items` (Autotask's documentation and observed traffic).
        let items: Vec<Value> = found
            .iter()
            .map(|r| wire::render(child, r, None, false, Data::Include))
            .collect();
        return ok(&json!({ "items": items }));
    }
    let item = found.map(|r| {
        let udfs = wire::any_udf_values(child, [r.as_ref()]);
        wire::render(child, &r, None, udfs, Data::Omit)
    });
    ok(&json!({ "item": item }))
}

fn list_children(sim: &Sim, parent: Kind, pid: i64, child: Kind) -> Response {
    let restricted = match read_access(sim, child) {
        Ok(r) => r,
        Err(r) => return *r,
    };
    let WritePath::Child { parent_field, .. } = child.write_path() else {
        return responses::method_not_allowed(&Method::GET);
    };
    let store = sim.tenant.read();
    let mut recs: Vec<Record> = Vec::new();
    if store.exists(parent, pid) {
        let ids = store.child_candidates(child, pid);
        for id in ids {
            if let Some(r) = store.get(child, id)
                && int(&r, parent_field) == Some(pid)
                && (!restricted || own_record(&store, child, &r, sim.api_resource_id))
            {
                recs.push(r.into_owned());
            }
        }
    }
    let udfs = wire::any_udf_values(child, recs.iter());
    let items: Vec<Value> = recs
        .iter()
        .map(|r| wire::render(child, r, None, udfs, Data::Omit))
        .collect();
    ok(&json!({
        "items": items,
        "pageDetails": {
            "count": items.len(),
            "requestCount": query::MAX_RECORDS,
            "prevPageUrl": null,
            "nextPageUrl": null,
        }
    }))
}

fn page_url(sim: &Sim, kind: Kind, cursor: Cursor, fp: u64) -> String {
    format!(
        "{}V1.0/{}/query/next?paging={}",
        sim.zone_url(),
        kind.name(),
        scan::encode_token(kind, cursor, fp)
    )
}

fn parse_query(kind: Kind, body: &Value) -> Result<QuerySpec, Box<Response>> {
    let names = wire::udf_names(kind);
    query::parse(kind, body, &names).map_err(|e| Box::new(error500(e)))
}

fn run_query(sim: &Sim, kind: Kind, body: &Value, cursor: Cursor, headers: &HeaderMap) -> Response {
    // Impersonation applies to writes only; on a query it is a permission error (LL).
    if impersonating(headers) {
        return responses::forbidden(Verb::Query);
    }
    let restricted = match read_access(sim, kind) {
        Ok(r) => r,
        Err(r) => return *r,
    };
    let spec = match parse_query(kind, body) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let store = sim.tenant.read();
    let me = sim.api_resource_id;
    let visible = |r: &Record| !restricted || own_record(&store, kind, r, me);
    let page = scan::page(&store, kind, &spec, cursor, &visible);
    let udfs = wire::any_udf_values(kind, page.items.iter());
    let next = page
        .next_after
        .map(|a| page_url(sim, kind, Cursor::After(a), spec.fingerprint));
    let prev = page
        .prev_before
        .map(|b| page_url(sim, kind, Cursor::Before(b), spec.fingerprint));
    let details = json!({
        "count": page.items.len(),
        "requestCount": spec.max_records,
        "prevPageUrl": prev,
        "nextPageUrl": next,
    });
    // Written directly: a page of 500 full tickets is about a megabyte of JSON.
    let mut out = Vec::with_capacity(256 + page.items.len() * 2048);
    out.extend_from_slice(b"{\"items\":[");
    for (i, r) in page.items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        wire::write_record(&mut out, kind, r, spec.include.as_deref(), udfs, Data::Omit);
    }
    out.extend_from_slice(b"],\"pageDetails\":");
    out.extend_from_slice(details.to_string().as_bytes());
    out.push(b'}');
    responses::raw_json(out)
}

fn run_count(sim: &Sim, kind: Kind, body: &Value, headers: &HeaderMap) -> Response {
    if impersonating(headers) {
        return responses::forbidden(Verb::Query);
    }
    let restricted = match read_access(sim, kind) {
        Ok(r) => r,
        Err(r) => return *r,
    };
    let spec = match parse_query(kind, body) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let store = sim.tenant.read();
    let me = sim.api_resource_id;
    let visible = |r: &Record| !restricted || own_record(&store, kind, r, me);
    ok(&json!({ "queryCount": scan::count(&store, kind, &spec, &visible) }))
}

/// `POST {nextPageUrl}` with the original body.
///
/// The sim checks that the body is the query the page belongs to (same filter, fields and
/// size, in any key case or order). What the live API does with a different or missing body
/// is undocumented; the facts say to resend the same body, and the sim holds clients to it.
fn next_page(sim: &Sim, kind: Kind, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Response {
    let token = query_param(uri, "paging").unwrap_or_default();
    let Some((entity, cursor, fp)) = scan::decode_token(&token) else {
        return error500("The paging parameter is missing or invalid.");
    };
    if !entity.eq_ignore_ascii_case(kind.name()) {
        return error500("The paging parameter belongs to another entity.");
    }
    let b = match body_json(headers, body) {
        Ok(b) => b,
        Err(r) => return *r,
    };
    if query::fingerprint(&b) != fp {
        return error500(
            "The query does not match the query of the paging parameter. POST the nextPageUrl with the original query body.",
        );
    }
    run_query(sim, kind, &b, cursor, headers)
}
