//! Ticket timer writes, each under "Ticket Timers - Overview" as the spec says:
//! `POST /tickets/{id}/timer_entry` (the new timer, flat), `PUT /tickets/{id}/update_timer_entry`
//! (`timer_entry_id` in the body; the changed timer, flat) and
//! `POST /tickets/{id}/delete_timer_entry` (`{"success": true}`) and
//! `POST /tickets/{id}/charge_timer_entry` (`timer_entry_id` in the body; the charged timer,
//! flat, `recorded: true`; charging a charged timer answers it unchanged).

use axum::extract::State;
use axum::response::Response;
use serde_json::{Map, Value, json};
use time::{Duration, OffsetDateTime};

use crate::syncro::billing::timer_json;
use crate::syncro::clock;
use crate::syncro::extract::{Allowed, Form, PathId, TimersOverview};
use crate::syncro::params;
use crate::syncro::responses;
use crate::syncro::state::Shared;
use crate::syncro::store::Timer;

/// A time field of the body: absent, a time, or the 422 message naming it.
fn time_field(
    body: &Map<String, Value>,
    key: &str,
    offset: time::UtcOffset,
) -> Result<Option<OffsetDateTime>, String> {
    match params::string(body.get(key)).filter(|s| !s.trim().is_empty()) {
        None => Ok(None),
        Some(s) => clock::parse(&s, offset)
            .map(Some)
            .ok_or_else(|| format!("{key} is not a valid date-time")),
    }
}

/// Applies the body's start, end, duration, user and notes to `t`.
fn apply(t: &mut Timer, body: &Map<String, Value>, offset: time::UtcOffset) -> Option<Response> {
    let start = match time_field(body, "start_at", offset) {
        Ok(v) => v,
        Err(m) => return Some(responses::invalid(&[&m])),
    };
    let end = match time_field(body, "end_at", offset) {
        Ok(v) => v,
        Err(m) => return Some(responses::invalid(&[&m])),
    };
    let minutes = params::int(body.get("duration_minutes"));
    if minutes.is_some_and(|m| m < 0) {
        return Some(responses::invalid(&["Duration minutes must be positive"]));
    }
    let length = t.end_time - t.start_time;
    if let Some(s) = start {
        t.start_time = s;
    }
    t.end_time = match (end, minutes) {
        (Some(e), _) => e,
        (None, Some(m)) => t.start_time + Duration::minutes(m),
        (None, None) => t.start_time + length,
    };
    if t.end_time < t.start_time {
        return Some(responses::invalid(&[
            "End time must be after the start time",
        ]));
    }
    if let Some(u) = params::int(body.get("user_id")) {
        t.user_id = Some(u);
    }
    if params::sent(body, "notes") {
        t.notes = params::string(body.get("notes"));
    }
    None
}

/// `POST /tickets/{id}/timer_entry`.
pub(crate) async fn create(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TimersOverview>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(ticket_id) = id.filter(|id| s.tickets.contains_key(id)) else {
        return responses::not_found();
    };
    let now = clock::now();
    let mut t = Timer {
        id: s.timers.keys().next_back().map_or(1, |k| k + 1),
        ticket_id,
        user_id: Some(sim.me),
        start_time: now,
        end_time: now,
        billable: false,
        notes: None,
        created_at: now,
        recorded: false,
    };
    if let Some(r) = apply(&mut t, &body, sim.account.offset) {
        return r;
    }
    let out = timer_json(&sim.account, &t);
    s.timers.insert(t.id, t);
    responses::ok(&out)
}

/// The timer named by `timer_entry_id` on ticket `id`, if both exist.
fn timer_of(
    s: &crate::syncro::store::Store,
    id: Option<i64>,
    body: &Map<String, Value>,
) -> Option<Timer> {
    let ticket = id?;
    let timer = params::int(body.get("timer_entry_id"))?;
    s.timers
        .get(&timer)
        .filter(|t| t.ticket_id == ticket)
        .cloned()
}

/// `PUT /tickets/{id}/update_timer_entry`.
pub(crate) async fn update(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TimersOverview>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut t) = timer_of(&s, id, &body) else {
        return responses::not_found();
    };
    if let Some(r) = apply(&mut t, &body, sim.account.offset) {
        return r;
    }
    let out = timer_json(&sim.account, &t);
    s.timers.insert(t.id, t);
    responses::ok(&out)
}

/// `POST /tickets/{id}/delete_timer_entry`.
pub(crate) async fn delete(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TimersOverview>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(t) = timer_of(&s, id, &body) else {
        return responses::not_found();
    };
    s.timers.remove(&t.id);
    responses::ok(&json!({"success": true}))
}

/// `POST /tickets/{id}/charge_timer_entry`.
pub(crate) async fn charge(
    State(sim): State<Shared>,
    PathId(id): PathId,
    _: Allowed<TimersOverview>,
    Form(body): Form,
) -> Response {
    let mut s = sim.tenant.write();
    let Some(mut t) = timer_of(&s, id, &body) else {
        return responses::not_found();
    };
    t.recorded = true;
    let out = timer_json(&sim.account, &t);
    s.timers.insert(t.id, t);
    responses::ok(&out)
}
