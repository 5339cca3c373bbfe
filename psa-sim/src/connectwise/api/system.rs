//! Discovery and self-inspection: `/login/companyinfo/{company}`, `/system/info`,
//! `/system/mySecurity`, and the callback signing-key URL.

use axum::response::Response;
use http::StatusCode;
use serde_json::{Value, json};

use super::input::Handled;
use super::list_route::{Gate, Want, list_route};
use crate::connectwise::entities::SecurityView;
use crate::connectwise::state::{Inner, Req};
use crate::connectwise::wire;

/// `v2025_1/` → `v2025.1`; `v4_6_release/` → `v4.6`.
fn version_code(codebase: &str) -> String {
    let c = codebase.trim_end_matches('/').trim_end_matches("_release");
    c.replace('_', ".")
}

/// `GET /login/companyinfo/{company}` (no auth). An unknown company is a 200 with `null`.
pub(crate) fn company_info(sh: &Inner, company: &str) -> Response {
    if !company.eq_ignore_ascii_case(&sh.creds.company) {
        return wire::json(StatusCode::OK, &Value::Null);
    }
    let codebase = sh.codebase();
    let cloud = codebase != "v4_6_release/";
    let origin = sh.origin();
    let host = origin.split("://").nth(1).unwrap_or(&origin).to_string();
    // `IsCloud` comes as the string "True" in the [DG] example and as a bool elsewhere.
    let is_cloud = if sh.is_cloud_as_string {
        Value::String(if cloud { "True" } else { "False" }.to_string())
    } else {
        Value::Bool(cloud)
    };
    wire::json(
        StatusCode::OK,
        &json!({
            "CompanyName": sh.company_name,
            "Codebase": codebase,
            "VersionCode": version_code(&codebase),
            "VersionNumber": "v4.6.10333",
            "CompanyID": sh.creds.company,
            "IsCloud": is_cloud,
            "SiteUrl": host,
            "AllowedOrigins": [],
        }),
    )
}

/// `GET /system/info`.
pub(crate) fn info(sh: &Inner) -> Handled {
    let codebase = sh.codebase();
    let bits: Vec<Value> = [
        ("ManagedServices", true),
        ("Agreement", true),
        ("KnowledgeBase", true),
        ("CustomFields", true),
        ("AuditTrail", false),
        ("Inventory", false),
    ]
    .iter()
    .map(|(n, a)| json!({ "name": n, "activeFlag": a }))
    .collect();
    Ok(wire::json(
        StatusCode::OK,
        &json!({
            "version": format!("{}.10333", version_code(&codebase)),
            "isCloud": codebase != "v4_6_release/",
            "serverTimeZone": "Eastern Standard Time",
            "licenseBits": bits,
            "cloudRegion": "NA",
            "maxWorkFlowRecordsAllowed": 1000,
        }),
    ))
}

/// `GET /system/mySecurity` (+ `/count`): the API member's role rows.
pub(crate) fn my_security(sh: &Inner, req: &Req, want: Want) -> Handled {
    let gate = Gate::Switch(sh.my_security_readable);
    list_route(sh, req, want, gate, "MySecurity", |cx, a| {
        let rows = sh
            .profile
            .rows()
            .iter()
            .enumerate()
            .map(|(i, r)| SecurityView {
                id: 1 + i as i64,
                sort: 1 + i as i64,
                row: r.clone(),
            });
        a.items(cx, rows)
    })
}

/// The `Metadata.key_url` of callback payloads: `{"signing_key": …}` (fetched without auth, as
/// NangoHQ's verifier does).
pub(crate) fn callback_key(sh: &Inner, query: &[(String, String)]) -> Response {
    let id = query
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("id"))
        .map(|(_, v)| v.as_str());
    if id != Some(sh.hooks.key_id.as_str()) {
        return wire::error(StatusCode::NOT_FOUND, "NotFound", "Callback key not found");
    }
    wire::json(
        StatusCode::OK,
        &json!({ "signing_key": sh.hooks.signing_key }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_codes() {
        assert_eq!(version_code("v2025_1/"), "v2025.1");
        assert_eq!(version_code("v4_6_release/"), "v4.6");
    }
}
