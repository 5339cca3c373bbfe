//! `/me`, `/settings`, `/tickets/settings`, `/users`, `/users/{id}`: no permission is documented
//! for these, only a valid token.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};

use crate::syncro::extract::{Authed, PathId};
use crate::syncro::permissions::GLOBAL_ADMIN;
use crate::syncro::responses;
use crate::syncro::seed::{PRIORITIES, PROBLEM_TYPES, STATUSES};
use crate::syncro::state::Shared;
use crate::syncro::wire;

/// `GET /me`: the token's user and the coarse permission flags derived from the token's profile.
pub(crate) async fn me(State(sim): State<Shared>, Authed(_): Authed) -> Response {
    let s = sim.tenant.read();
    let Some(u) = s.users.get(&sim.me) else {
        return responses::server_error();
    };
    let profile = sim.tenant.profile();
    responses::ok(&json!({
        "user_token": sim.user_token,
        "user_email": u.email,
        "user_name": u.full_name,
        "user_id": u.id,
        "admin": profile.has(GLOBAL_ADMIN),
        "can_use_app": true,
        "two_factor_required": false,
        "subdomain": sim.account.subdomain,
        "default_location": null,
        "enable_multi_locations": false,
        "locations_allowed": [],
        "permissions": profile.me_json(),
    }))
}

/// The IANA zone shown for the account's offset (only a few are named; others read `Etc/GMT±n`).
fn zone_name(offset: time::UtcOffset) -> String {
    match (offset.whole_hours(), offset.minutes_past_hour()) {
        (-5, 0) => "America/New_York".into(),
        (-6, 0) => "America/Chicago".into(),
        (-7, 0) => "America/Denver".into(),
        (-8, 0) => "America/Los_Angeles".into(),
        (0, 0) => "UTC".into(),
        // POSIX-style names invert the sign: Etc/GMT+5 is five hours behind UTC.
        (h, 0) => format!("Etc/GMT{:+}", -h),
        _ => "UTC".into(),
    }
}

/// `GET /settings` (spec example, with the sim's lists and locale).
pub(crate) async fn settings(State(sim): State<Shared>, Authed(_): Authed) -> Response {
    let off = sim.account.offset;
    let offset_text = format!(
        "{:+03}:{:02}",
        off.whole_hours(),
        off.minutes_past_hour().abs()
    );
    let days = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let hours: Vec<Value> =
        days.iter().map(|d| json!({"day": d, "start": "09:00", "end": "17:00", "closed": *d == "Sunday" || *d == "Saturday"})).collect();
    responses::ok(&json!({
        "customers": { "required_fields": null, "customer_fields": [], "customer_field_answers": [] },
        "assets": { "asset_types": [], "asset_type_fields": [], "asset_type_field_answers": [] },
        "locale": {
            "iso_code": "en",
            "currency_symbol": "$",
            "date_format": "mm-dd-yy",
            "time_format": "hh:mm tt",
            "time_zone": zone_name(off),
            "time_offset": offset_text,
        },
        "ticket": {
            "ticket_types": [],
            "ticket_type_fields": [],
            "ticket_type_field_answers": [],
            "problem_types": PROBLEM_TYPES,
            "priorities": PRIORITIES,
        },
        "business_hours_enabled": true,
        "business_hours": hours,
        "default_holiday_calendar": "USA",
        "msp_addon": null,
    }))
}

/// `GET /tickets/settings`: `ticket_status_list`, `users: [{id, name}]`, …
pub(crate) async fn ticket_settings(State(sim): State<Shared>, Authed(_): Authed) -> Response {
    let s = sim.tenant.read();
    let users: Vec<Value> = s
        .users
        .values()
        .map(|u| json!({"id": u.id, "name": u.full_name}))
        .collect();
    responses::ok(&json!({
        "ticket_status_list": STATUSES,
        "default_labor_product_id": null,
        "ticket_timer_charge_by_default": null,
        "saved_searches": [],
        "ticket_types": [],
        "ticket_type_fields": [],
        "ticket_type_field_answers": [],
        "appointment_types": [],
        "users": users,
        "dashboard_settings": null,
        "worksheet_templates": [],
        "require_ticket_type": null,
        "require_intake_form_with_ticket": null,
        "require_outtake_form_with_ticket": null,
        "ticket_workflow_default_id": null,
    }))
}

/// `GET /users` → `{"users": [[id, "name"], …]}` (pairs, not objects).
pub(crate) async fn users(State(sim): State<Shared>, Authed(_): Authed) -> Response {
    let s = sim.tenant.read();
    let pairs: Vec<Value> = s
        .users
        .values()
        .map(|u| json!([u.id, u.full_name]))
        .collect();
    responses::ok(&json!({ "users": pairs }))
}

/// `GET /users/{id}` → `{"user": …}`.
pub(crate) async fn user(
    State(sim): State<Shared>,
    PathId(id): PathId,
    Authed(_): Authed,
) -> Response {
    let s = sim.tenant.read();
    match id.and_then(|id| s.users.get(&id)) {
        Some(u) => responses::ok(&json!({ "user": wire::user_detail(&sim.account, u) })),
        None => responses::not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::offset;

    #[test]
    fn zone_names_invert_the_posix_sign() {
        assert_eq!(zone_name(offset!(-5)), "America/New_York");
        assert_eq!(zone_name(offset!(+2)), "Etc/GMT-2");
        assert_eq!(zone_name(offset!(-3)), "Etc/GMT+3");
    }
}
