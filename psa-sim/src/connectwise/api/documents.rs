//! `/system/documents`: multipart upload (JSON → 415), list by record, get, download.

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};

use super::input::Handled;
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::{Cx, DocumentView, Entity};
use crate::connectwise::multipart;
use crate::connectwise::permissions::{MANAGE_ATTACHMENTS, Op};
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::store::DocumentRec;
use crate::connectwise::wire::{self, FieldError};

/// Record types a document may hang off (christaylorcodes/ConnectWiseManageAPI `New-CWMDocument`).
const RECORD_TYPES: &[&str] = &[
    "Ticket",
    "Agreement",
    "Company",
    "Configuration",
    "Contact",
    "Expense",
    "Opportunity",
    "PurchaseOrder",
    "Project",
    "SalesOrder",
    "ServiceTemplate",
    "Rma",
];

fn record_filter(req: &Req) -> (Option<String>, Option<i64>) {
    let rt = req
        .param("recordType")
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty());
    let rid = req.param("recordId").and_then(|s| s.trim().parse().ok());
    (rt, rid)
}

pub(crate) fn read(sh: &Inner, req: &Req, want: Want) -> Handled {
    let (rt, rid) = record_filter(req);
    list_route(
        sh,
        req,
        want,
        Gate::Role(MANAGE_ATTACHMENTS),
        "Document",
        |cx, a| {
            let items = cx
                .st
                .documents
                .values()
                .filter(|d| {
                    rt.as_deref()
                        .is_none_or(|rt| d.record_type.eq_ignore_ascii_case(rt))
                })
                .filter(|d| rid.is_none_or(|rid| d.record_id == rid))
                .map(DocumentView);
            a.items(cx, items)
        },
    )
}

pub(crate) fn download(sh: &Inner, id: i64) -> Handled {
    sh.require(MANAGE_ATTACHMENTS, Op::Inquire)?;
    let st = sh.read();
    let d = st
        .documents
        .get(&id)
        .ok_or_else(|| wire::not_found("Document", id))?;
    let mut resp = Response::new(Body::from(d.bytes.clone()));
    let ct = HeaderValue::from_str(&d.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    resp.headers_mut().insert(header::CONTENT_TYPE, ct);
    let disp = format!("attachment; filename=\"{}\"", d.file_name.replace('"', ""));
    if let Ok(v) = HeaderValue::from_str(&disp) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

/// `POST /system/documents` as `multipart/form-data` with `file`, `recordType`, `recordId`,
/// `title`, `privateFlag`, `readOnlyFlag`, `isAvatar`, `url`.
pub(crate) fn upload(sh: &Inner, req: &Req) -> Handled {
    sh.require(MANAGE_ATTACHMENTS, Op::Add)?;
    let ct = req.content_type();
    if !ct.starts_with("multipart/form-data") {
        // [DG]: sending JSON to documents gives 415 (ASP.NET's wording).
        let shown = ct.split(';').next().unwrap_or("").trim().to_string();
        return Err(wire::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "ConnectWiseApi",
            format!(
                "The request entity's media type '{shown}' is not supported for this resource."
            ),
        ));
    }
    let parts = multipart::parse(&ct, &req.body).map_err(wire::bad_request)?;
    let field = |name: &str| {
        parts
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name) && p.filename.is_none())
            .map(|p| p.text())
    };
    let flag = |name: &str| field(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let file = parts.iter().find(|p| p.name.eq_ignore_ascii_case("file"));
    let url = field("url")
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    let mut errors = Vec::new();
    let record_type = match field("recordType")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    {
        None => {
            errors.push(FieldError::missing("recordType"));
            String::new()
        }
        Some(rt) => match RECORD_TYPES.iter().find(|x| x.eq_ignore_ascii_case(&rt)) {
            Some(x) => (*x).to_string(),
            None => {
                errors.push(FieldError::invalid(
                    "recordType",
                    format!("'{rt}' is not a valid recordType."),
                ));
                rt
            }
        },
    };
    let record_id = match field("recordId").map(|s| s.trim().to_string()) {
        None => {
            errors.push(FieldError::missing("recordId"));
            0
        }
        Some(s) => match s.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                errors.push(FieldError::invalid(
                    "recordId",
                    format!("'{s}' is not a valid recordId."),
                ));
                0
            }
        },
    };
    if file.is_none() && url.is_none() {
        errors.push(FieldError::missing("file"));
    }
    let mut st = sh.write();
    if errors.is_empty() {
        let exists = match record_type.as_str() {
            "Ticket" => st.tickets.contains_key(&record_id),
            "Company" => st.companies.contains_key(&record_id),
            "Contact" => st.contacts.contains_key(&record_id),
            _ => true,
        };
        if !exists {
            errors.push(FieldError::invalid(
                "recordId",
                format!("{record_type} {record_id} was not found."),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(wire::invalid_object("document", &errors));
    }
    let file_name = file
        .and_then(|f| f.filename.clone())
        .or_else(|| {
            url.as_ref()
                .and_then(|u| u.rsplit('/').next().map(str::to_string))
        })
        .unwrap_or_else(|| "document".to_string());
    let content_type = file
        .and_then(|f| f.content_type.clone())
        .unwrap_or_else(|| guess_type(&file_name).to_string());
    let id = st.next_document;
    st.next_document += 1;
    let guid = st.new_guid(id as u64 ^ 0xD0C);
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| format!(".{e}"))
        .unwrap_or_default();
    let rec = DocumentRec {
        id,
        title: field("title")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| file_name.clone()),
        server_file_name: format!("{guid}{ext}"),
        file_name,
        owner: st.api_identifier(),
        url,
        content_type,
        private: flag("privateFlag"),
        read_only: flag("readOnlyFlag") || flag("readOnlyFlay"),
        record_type,
        record_id,
        bytes: file.map(|f| f.data.clone()).unwrap_or_default(),
        created: wire::now(),
        guid,
    };
    st.documents.insert(id, rec.clone());
    let cx = Cx {
        st: &st,
        api: &req.api,
    };
    Ok(wire::json(
        StatusCode::CREATED,
        &DocumentView(&rec).render(&cx),
    ))
}

fn guess_type(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    match lower.rsplit_once('.').map(|(_, e)| e) {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("txt" | "log") => "text/plain",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}
