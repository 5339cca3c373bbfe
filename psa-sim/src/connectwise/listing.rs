//! Lists and counts: `conditions`, `childConditions`, `customFieldConditions`, `orderBy`,
//! `fields`, `page`/`pageSize` with the RFC 5988 `Link` header, and forward-only paging
//! (`pagination-type: forward-only` + `pageId`) as [DG] "Pagination" describes them.

use axum::response::Response;
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::{Value, json};

use super::conditions::{self, Expr};
use super::entities::{Cx, Entity, custom_field_type, project};
use super::evaluate;
use super::wire;

/// Default and maximum `pageSize` ([DG]).
pub(crate) const DEFAULT_PAGE_SIZE: usize = 25;
pub(crate) const MAX_PAGE_SIZE: usize = 1000;

/// The list parameters of one request.
#[derive(Debug, Default)]
pub(crate) struct Query {
    conditions: Option<Expr>,
    child: Option<(String, Expr)>,
    custom: Option<Expr>,
    order: Vec<(String, bool)>,
    fields: Option<Vec<Vec<String>>>,
    page: usize,
    page_size: usize,
    forward_only: bool,
    page_id: i64,
}

/// Where the parameters come from: the query string, plus the JSON body of a `/search` POST.
pub(crate) struct ListReq<'a> {
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a HeaderMap,
    /// The absolute URL of the request without its query, for `Link`.
    pub(crate) link_base: String,
    /// The `FilterValues` body of a `/search` POST.
    pub(crate) body: Option<&'a serde_json::Map<String, Value>>,
}

impl ListReq<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        if let Some(body) = self.body
            && let Some(v) = body
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .and_then(|(_, v)| v.as_str())
        {
            return Some(v);
        }
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn forward_only(&self) -> bool {
        self.headers
            .get("pagination-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("forward-only"))
    }
}

fn int_param(r: &ListReq<'_>, name: &str) -> Result<Option<i64>, Response> {
    match r.param(name) {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| wire::bad_request(format!("The value '{s}' is not valid for {name}."))),
    }
}

/// Parses and checks the parameters against the entity's fields.
pub(crate) fn parse_query<E: Entity>(r: &ListReq<'_>) -> Result<Query, Response> {
    let mut q = Query::default();
    if let Some(src) = r.param("conditions") {
        let e = conditions::parse(src).map_err(wire::bad_request)?;
        if let Some(e) = &e {
            conditions::check(e, E::NAME, &E::field_type, true).map_err(wire::bad_request)?;
        }
        q.conditions = e;
    }
    if let Some(src) = r.param("childConditions")
        && let Some(e) = conditions::parse(src).map_err(wire::bad_request)?
    {
        let collection = first_field(&e)
            .and_then(|f| f.split('/').next().map(str::to_string))
            .unwrap_or_default();
        let same_collection = |f: &str| {
            if f.split('/').next() == Some(collection.as_str()) {
                E::child_type(f)
            } else {
                None
            }
        };
        conditions::check(&e, E::NAME, &same_collection, false).map_err(wire::bad_request)?;
        q.child = Some((collection, e));
    }
    if let Some(src) = r.param("customFieldConditions")
        && let Some(e) = conditions::parse(src).map_err(wire::bad_request)?
    {
        if !E::has_custom_fields() {
            return Err(wire::bad_request(format!(
                "{} has no custom fields to filter on.",
                E::NAME
            )));
        }
        conditions::check(&e, "CustomFieldValue", &custom_field_type, false)
            .map_err(wire::bad_request)?;
        q.custom = Some(e);
    }
    if let Some(src) = r.param("orderBy") {
        for part in src.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut words = part.split_whitespace();
            let field = words.next().unwrap_or_default().to_ascii_lowercase();
            let desc = match words.next().map(str::to_ascii_lowercase).as_deref() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(other) => {
                    return Err(wire::bad_request(format!(
                        "Invalid sort direction '{other}' in orderBy; use asc or desc."
                    )));
                }
            };
            if E::field_type(&field).is_none() {
                return Err(wire::bad_request(format!(
                    "Cannot order by '{field}': no such field on object of type '{}'.",
                    E::NAME
                )));
            }
            q.order.push((field, desc));
        }
    }
    if let Some(src) = r.param("fields") {
        let fields: Vec<Vec<String>> = src
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(|f| f.split('/').map(str::to_string).collect())
            .collect();
        if !fields.is_empty() {
            q.fields = Some(fields);
        }
    }
    q.page = int_param(r, "page")?.unwrap_or(1).max(1) as usize;
    let size = int_param(r, "pageSize")?.unwrap_or(DEFAULT_PAGE_SIZE as i64);
    q.page_size = if size < 1 {
        DEFAULT_PAGE_SIZE
    } else {
        (size as usize).min(MAX_PAGE_SIZE)
    };
    q.forward_only = r.forward_only();
    if q.forward_only {
        if !q.order.is_empty() {
            // [DG]: orderBy is not allowed with forward-only paging (exact wording unverified).
            return Err(wire::bad_request(
                "orderBy is not supported with forward-only pagination.",
            ));
        }
        q.page_id = int_param(r, "pageId")?.unwrap_or(0);
    }
    Ok(q)
}

fn first_field(e: &Expr) -> Option<&str> {
    match e {
        Expr::And(a, b) | Expr::Or(a, b) => first_field(a).or_else(|| first_field(b)),
        Expr::Not(a) => first_field(a),
        Expr::Cmp { field, .. } | Expr::In { field, .. } => Some(field),
    }
}

/// Whether a record passes every filter.
pub(crate) fn matches<E: Entity>(cx: &Cx<'_>, e: &E, q: &Query) -> bool {
    if let Some(c) = &q.conditions
        && !evaluate::eval(c, &|p| e.get(cx, p))
    {
        return false;
    }
    if let Some((collection, c)) = &q.child {
        let n = e.child_len(collection);
        if !(0..n).any(|i| evaluate::eval(c, &|p| e.child_get(cx, i, p))) {
            return false;
        }
    }
    if let Some(c) = &q.custom {
        let n = e.custom_len(cx);
        if !(0..n).any(|i| evaluate::eval(c, &|p| e.custom_get(cx, i, p))) {
            return false;
        }
    }
    true
}

fn order_cmp<E: Entity>(cx: &Cx<'_>, q: &Query, a: &E, b: &E) -> std::cmp::Ordering {
    for (field, desc) in &q.order {
        let o = evaluate::order(&a.get(cx, field), &b.get(cx, field));
        let o = if *desc { o.reverse() } else { o };
        if o != std::cmp::Ordering::Equal {
            return o;
        }
    }
    a.id().cmp(&b.id())
}

/// A page of records as the JSON array body, with the `Link` header.
pub(crate) fn list<E: Entity>(
    cx: &Cx<'_>,
    r: &ListReq<'_>,
    q: &Query,
    items: impl Iterator<Item = E>,
) -> Response {
    if q.forward_only {
        return forward_only(cx, r, q, items);
    }
    let mut matched: Vec<E> = items.filter(|e| matches(cx, e, q)).collect();
    if !q.order.is_empty() {
        matched.sort_by(|a, b| order_cmp(cx, q, a, b));
    }
    let total = matched.len();
    let last = total.div_ceil(q.page_size).max(1);
    let start = (q.page - 1).saturating_mul(q.page_size);
    let page: Vec<Value> = matched
        .iter()
        .skip(start)
        .take(q.page_size)
        .map(|e| render(cx, q, e))
        .collect();
    let mut resp = wire::json(StatusCode::OK, &Value::Array(page));
    if let Some(link) = navigable_link(r, q.page, last, total > q.page_size)
        && let Ok(v) = HeaderValue::from_str(&link)
    {
        resp.headers_mut().insert(http::header::LINK, v);
    }
    resp
}

fn forward_only<E: Entity>(
    cx: &Cx<'_>,
    r: &ListReq<'_>,
    q: &Query,
    items: impl Iterator<Item = E>,
) -> Response {
    let mut after = items
        .filter(|e| e.id() > q.page_id)
        .filter(|e| matches(cx, e, q));
    let page: Vec<E> = after.by_ref().take(q.page_size).collect();
    let more = after.next().is_some();
    let last_id = page.last().map(|e| e.id());
    let body: Vec<Value> = page.iter().map(|e| render(cx, q, e)).collect();
    let mut resp = wire::json(StatusCode::OK, &Value::Array(body));
    // [DG] promises a Link to the next pageId; the simulator sends it while records remain.
    if let (true, Some(id)) = (more, last_id) {
        let url = with_param(r, "pageId", &id.to_string(), &["page"]);
        if let Ok(v) = HeaderValue::from_str(&format!("<{url}>; rel=\"next\"")) {
            resp.headers_mut().insert(http::header::LINK, v);
        }
    }
    resp
}

fn render<E: Entity>(cx: &Cx<'_>, q: &Query, e: &E) -> Value {
    let v = e.render(cx);
    match &q.fields {
        Some(f) => project(&v, f),
        None => v,
    }
}

/// `{"count": N}` with the same filters.
pub(crate) fn count<E: Entity>(cx: &Cx<'_>, q: &Query, items: impl Iterator<Item = E>) -> Response {
    let n = items.filter(|e| matches(cx, e, q)).count();
    wire::json(StatusCode::OK, &json!({ "count": n }))
}

/// The request URL with one parameter set as the **last** query parameter (the others kept in
/// order; `drop` removed), as the real service writes its `Link` URLs
/// (`<…/company/companies?pageSize=50&page=2>; rel="next"`): clients that read the page number
/// from the end of the URL stop paging when it stands anywhere else.
fn with_param(r: &ListReq<'_>, name: &str, value: &str, drop: &[&str]) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in r.query {
        let dropped = drop.iter().any(|d| k.eq_ignore_ascii_case(d));
        if !dropped && !k.eq_ignore_ascii_case(name) {
            ser.append_pair(k, v);
        }
    }
    ser.append_pair(name, value);
    format!("{}?{}", r.link_base, ser.finish())
}

/// The navigable `Link` header: none when everything fits in one page; otherwise `prev`/`first`
/// when not on page 1 and `next`/`last` when not on the last page, so the header of the last
/// page ends with `rel="first"` as [SPN] relies on.
fn navigable_link(
    r: &ListReq<'_>,
    page: usize,
    last: usize,
    several_pages: bool,
) -> Option<String> {
    if !several_pages && page <= 1 {
        return None;
    }
    let url = |p: usize| with_param(r, "page", &p.to_string(), &[]);
    let mut parts = Vec::new();
    if page > 1 {
        parts.push(format!("<{}>; rel=\"prev\"", url((page - 1).min(last))));
        parts.push(format!("<{}>; rel=\"first\"", url(1)));
    }
    if page < last {
        parts.push(format!("<{}>; rel=\"next\"", url(page + 1)));
        parts.push(format!("<{}>; rel=\"last\"", url(last)));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req<'a>(q: &'a [(String, String)], h: &'a HeaderMap) -> ListReq<'a> {
        ListReq {
            query: q,
            headers: h,
            link_base: "http://h/x".to_string(),
            body: None,
        }
    }

    #[test]
    fn link_header_shapes() {
        let q = vec![
            ("conditions".to_string(), "id > 1".to_string()),
            ("page".to_string(), "2".to_string()),
        ];
        let h = HeaderMap::new();
        let r = req(&q, &h);
        assert_eq!(navigable_link(&r, 1, 1, false), None);
        let first = navigable_link(&r, 1, 3, true).unwrap();
        assert!(
            first.starts_with("<http://h/x?conditions=id+%3E+1&page=2>; rel=\"next\""),
            "{first}"
        );
        assert!(first.ends_with("rel=\"last\""));
        let mid = navigable_link(&r, 2, 3, true).unwrap();
        assert!(
            mid.contains("page=1>; rel=\"prev\"") && mid.contains("page=3>; rel=\"next\""),
            "{mid}"
        );
        let end = navigable_link(&r, 3, 3, true).unwrap();
        assert!(end.ends_with("rel=\"first\""), "{end}");
        assert!(!end.contains("next"));
    }

    #[test]
    fn with_param_appends_when_missing() {
        let q = vec![("pageSize".to_string(), "10".to_string())];
        let h = HeaderMap::new();
        let r = req(&q, &h);
        assert_eq!(
            with_param(&r, "pageId", "7", &["page"]),
            "http://h/x?pageSize=10&pageId=7"
        );
    }

    #[test]
    fn page_is_the_last_parameter_wherever_the_client_put_it() {
        let q = vec![
            ("page".to_string(), "1".to_string()),
            ("pageSize".to_string(), "50".to_string()),
            ("orderBy".to_string(), "id asc".to_string()),
        ];
        let h = HeaderMap::new();
        let r = req(&q, &h);
        let link = navigable_link(&r, 1, 3, true).unwrap();
        assert!(
            link.starts_with("<http://h/x?pageSize=50&orderBy=id+asc&page=2>; rel=\"next\""),
            "{link}"
        );
        assert!(
            link.ends_with("<http://h/x?pageSize=50&orderBy=id+asc&page=3>; rel=\"last\""),
            "{link}"
        );
    }
}
