//! Creates, updates and deletes (Autotask's documentation and observed traffic).
//!
//! Create → 200 `{"itemId":N}`; update with `PATCH` (only the sent fields) or `PUT` (omitted
//! writable fields become empty) on the collection path with `id` in the body → 200
//! `{"itemId":N}`; delete → 200 `{"itemId":N}`. Failures are HTTP 500 `{"errors":[…]}` with
//! the API's texts: `"<field> is required"`, `"Picklist value [3] does not exist for priority"`,
//! `"Value does not reference an existing entity for <field> . "`, the permission refusal. Input
//! keys are case-insensitive; read-only fields are ignored; an explicit `null` in a create body
//! fails (KelvinTegelaar/AutotaskAPI#26).

use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;
use serde_json::{Value, json};

use super::entities::{Kind, Verb, WritePath};
use super::input::{actor, content_type_for, merge_udfs, normalize, validate};
use super::permissions::{Access, own_record};
use super::picklists::STATUS_COMPLETE;
use super::responses::{self, error500, ok};
use super::state::Sim;
use super::store::{Record, Store, int, text};
use super::webhook_kinds;
use super::webhooks::{self, Action, Change};
use super::{billing, dates, projects};

/// Refuses a write when a Restricted level does not own the record.
fn writable(sim: &Sim, store: &Store, kind: Kind, verb: Verb, rec: &Record) -> bool {
    match sim.tenant.profile().access(kind, verb) {
        Access::All => true,
        Access::Restricted => own_record(store, kind, rec, sim.api_resource_id),
        Access::None => false,
    }
}

/// `POST /V1.0/{Entity}` or `POST /V1.0/{Parent}/{id}/{Child}`.
pub(crate) fn create(
    sim: &Sim,
    kind: Kind,
    parent: Option<(Kind, i64)>,
    body: &Value,
    headers: &HeaderMap,
) -> Response {
    if sim.tenant.profile().access(kind, Verb::Create) == Access::None {
        return responses::forbidden(Verb::Create);
    }
    let mut store = sim.tenant.write();
    let who = match actor(sim, &store, kind, Verb::Create, headers) {
        Ok(a) => a,
        Err(r) => return *r,
    };
    let input = match normalize(kind, body, true) {
        Ok(i) => i,
        Err(e) => return error500(e),
    };
    let now = dates::wire(dates::now());
    let mut rec = input.fields.clone();
    let mut changed = input.fields;
    if let (Some((pkind, pid)), WritePath::Child { parent_field, .. }) = (parent, kind.write_path())
    {
        if !store.exists(pkind, pid) {
            return error500(format!(
                "Value does not reference an existing entity for {parent_field} . "
            ));
        }
        rec.insert(parent_field.into(), json!(pid));
        changed.remove(parent_field);
    }
    let set = |rec: &mut Record, f: &str, v: Value| {
        rec.insert(f.to_string(), v);
    };
    let imp = who.impersonator.map_or(Value::Null, |i| json!(i));
    match kind {
        Kind::Tickets => {
            let today = dates::now().date();
            let n = store.tickets_per_day.entry(today).or_insert(0);
            *n += 1;
            let number = format!("T{}.{:04}", today.to_string().replace('-', ""), n);
            set(&mut rec, "ticketNumber", json!(number));
            set(&mut rec, "createDate", json!(now));
            set(&mut rec, "lastActivityDate", json!(now));
            set(&mut rec, "lastTrackedModificationDateTime", json!(now));
            set(&mut rec, "creatorResourceID", json!(who.resource));
            set(&mut rec, "creatorType", json!(1));
            set(&mut rec, "impersonatorCreatorResourceID", imp);
            set(&mut rec, "lastActivityResourceID", json!(who.resource));
            set(&mut rec, "lastActivityPersonType", json!(1));
            rec.entry("ticketType").or_insert(json!(1));
            rec.entry("ticketCategory").or_insert(json!(3));
            rec.entry("source").or_insert(json!(-2));
            if int(&rec, "status") == Some(STATUS_COMPLETE) {
                set(&mut rec, "completedDate", json!(now));
                set(&mut rec, "completedByResourceID", json!(who.resource));
                set(&mut rec, "resolvedDateTime", json!(now));
            }
        }
        Kind::TicketNotes => {
            set(&mut rec, "createDateTime", json!(now));
            set(&mut rec, "lastActivityDate", json!(now));
            set(&mut rec, "creatorResourceID", json!(who.resource));
            set(&mut rec, "impersonatorCreatorResourceID", imp);
        }
        Kind::Companies => {
            set(&mut rec, "createDate", json!(now));
            set(&mut rec, "createdByResourceID", json!(who.resource));
            set(&mut rec, "impersonatorCreatorResourceID", imp);
            set(&mut rec, "lastActivityDate", json!(now));
            set(&mut rec, "lastTrackedModifiedDateTime", json!(now));
            rec.entry("isActive").or_insert(json!(true));
        }
        Kind::Opportunities => {
            set(&mut rec, "createDate", json!(now));
            set(&mut rec, "lastActivity", json!(now));
            set(&mut rec, "creatorResourceID", json!(who.resource));
            set(&mut rec, "impersonatorCreatorResourceID", imp);
        }
        Kind::Contacts => {
            set(&mut rec, "createDate", json!(now));
            set(&mut rec, "lastActivityDate", json!(now));
            set(&mut rec, "lastModifiedDate", json!(now));
            set(&mut rec, "impersonatorCreatorResourceID", imp);
        }
        Kind::TicketAttachments => {
            if let Some((_, pid)) = parent {
                set(&mut rec, "ticketID", json!(pid));
            }
            if let Err(r) = attachment_data(sim, &mut rec) {
                return *r;
            }
            set(&mut rec, "attachDate", json!(now));
            set(&mut rec, "attachedByResourceID", json!(who.resource));
            set(&mut rec, "impersonatorCreatorResourceID", imp);
            set(&mut rec, "creatorType", json!(1));
            set(&mut rec, "parentType", json!(4));
        }
        Kind::TicketWebhooks | Kind::CompanyWebhooks | Kind::ContactWebhooks => {
            // "Maximum number of Webhooks" counts the level's webhooks of every entity.
            let allowed = sim.tenant.profile().webhooks_allowed as usize;
            let existing: usize = webhook_kinds::FAMILIES
                .iter()
                .map(|f| store.count(f.hook))
                .sum();
            if existing >= allowed {
                return error500(format!(
                    "The maximum number of webhooks ({allowed}) allowed for this security level has been reached."
                ));
            }
            set(&mut rec, "ownerResourceID", json!(sim.api_resource_id));
            set(&mut rec, "isReady", json!(false));
            set(&mut rec, "webhookGUID", json!(webhooks::new_guid()));
            rec.entry("isSubscribedToCreateEvents")
                .or_insert(json!(false));
            rec.entry("isSubscribedToUpdateEvents")
                .or_insert(json!(false));
            rec.entry("isSubscribedToDeleteEvents")
                .or_insert(json!(false));
            rec.entry("sendThresholdExceededNotification")
                .or_insert(json!(false));
        }
        Kind::TicketWebhookFields | Kind::CompanyWebhookFields | Kind::ContactWebhookFields => {
            rec.entry("isSubscribedField").or_insert(json!(false));
            rec.entry("isDisplayAlwaysField").or_insert(json!(false));
        }
        Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
            projects::on_create(kind, &mut rec, &now, who.resource, &imp);
        }
        Kind::Contracts | Kind::Services | Kind::TimeEntries => {
            billing::on_create(kind, &mut rec, &now, who.resource);
        }
        _ => {}
    }
    if let Some(u) = &input.udfs {
        merge_udfs(&mut rec, u);
    }
    rec.retain(|_, v| !v.is_null());
    if let Err(e) = validate(sim, &store, kind, &rec, &changed) {
        return error500(e);
    }
    let id = store.insert(kind, rec);
    if let Some((_, wid)) = parent {
        refresh_ready(&mut store, kind, wid);
    }
    if kind == Kind::TicketNotes
        && let Some((_, tid)) = parent
    {
        touch_ticket(&mut store, tid, &now, who.resource);
    }
    let change = Change {
        kind,
        action: Action::Create,
        id,
        changed: &[],
        person: who.resource,
    };
    sim.hooks.event(&store, change, None);
    ok(&json!({ "itemId": id }))
}

/// Decodes and checks `data` of a new attachment, filling `fileSize` and `contentType`.
fn attachment_data(sim: &Sim, rec: &mut Record) -> Result<(), Box<Response>> {
    if text(rec, "attachmentType") != Some("FILE_ATTACHMENT") {
        return Ok(());
    }
    let data = text(rec, "data").unwrap_or("");
    if data.is_empty() {
        return Err(Box::new(error500("data is required")));
    }
    let bytes = STANDARD
        .decode(data.trim())
        .map_err(|_| Box::new(error500("The data field is not valid base64.")))?;
    if bytes.len() > sim.max_attachment_bytes {
        return Err(Box::new(error500(format!(
            "The attachment is {} bytes; the maximum file size is {} bytes.",
            bytes.len(),
            sim.max_attachment_bytes
        ))));
    }
    if !sim.attachment_budget.take(bytes.len()) {
        // Wording UNVERIFIED; the limit is documented (REST_Thresholds_Limits.htm).
        return Err(Box::new(error500(format!(
            "Attachment creation is blocked: more than {} bytes of attachments were uploaded in the last {} minutes. Try again later.",
            sim.attachment_budget.limit(),
            sim.attachment_budget.window().as_secs() / 60
        ))));
    }
    let path = text(rec, "fullPath").unwrap_or("").to_string();
    rec.insert("fileSize".into(), json!(bytes.len() as f64));
    rec.entry("contentType")
        .or_insert_with(|| json!(content_type_for(&path)));
    Ok(())
}

fn touch_ticket(store: &mut Store, tid: i64, now: &str, who: i64) {
    if let Some(t) = store.get(Kind::Tickets, tid) {
        let mut t = t.into_owned();
        t.insert("lastActivityDate".into(), json!(now));
        t.insert("lastActivityResourceID".into(), json!(who));
        store.put(Kind::Tickets, tid, t);
    }
}

/// A webhook is ready once it has a subscribed field (called after a write of `kind`; only
/// webhook field writes change it).
fn refresh_ready(store: &mut Store, kind: Kind, wid: i64) {
    let Some(family) = webhook_kinds::family(kind).filter(|f| f.fields == kind) else {
        return;
    };
    let ready = store.iter(family.fields).any(|f| {
        int(&f, "webhookID") == Some(wid) && f.get("isSubscribedField") == Some(&json!(true))
    });
    if let Some(w) = store.get(family.hook, wid) {
        let mut w = w.into_owned();
        w.insert("isReady".into(), json!(ready));
        store.put(family.hook, wid, w);
    }
}

/// `PATCH`/`PUT /V1.0/{Entity}` (or the child path) with `id` in the body.
pub(crate) fn update(
    sim: &Sim,
    kind: Kind,
    parent: Option<(Kind, i64)>,
    body: &Value,
    replace: bool,
    headers: &HeaderMap,
) -> Response {
    if sim.tenant.profile().access(kind, Verb::Update) == Access::None {
        return responses::forbidden(Verb::Update);
    }
    let mut store = sim.tenant.write();
    let who = match actor(sim, &store, kind, Verb::Update, headers) {
        Ok(a) => a,
        Err(r) => return *r,
    };
    let input = match normalize(kind, body, false) {
        Ok(i) => i,
        Err(e) => return error500(e),
    };
    let Some(id) = input.id else {
        return error500("id is required");
    };
    let not_found = || {
        error500(
            "No matching records found. The logged in Resource may not have the required permissions to update the data.",
        )
    };
    let Some(old) = store.get(kind, id).map(std::borrow::Cow::into_owned) else {
        return not_found();
    };
    if let (Some((_, pid)), WritePath::Child { parent_field, .. }) = (parent, kind.write_path())
        && int(&old, parent_field) != Some(pid)
    {
        return not_found();
    }
    if !writable(sim, &store, kind, Verb::Update, &old) {
        return not_found();
    }
    if kind == Kind::TicketNotes {
        // Observed: a note PATCH without noteType and publish fails (Autotask's documentation and observed traffic).
        for f in ["noteType", "publish"] {
            if !input.fields.contains_key(f) {
                return error500(format!("{f} is required"));
            }
        }
    }
    let mut rec = if replace {
        let mut keep: Record = old
            .iter()
            .filter(|(k, _)| kind.read_only(k) || k.as_str() == "userDefinedFields")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let WritePath::Child { parent_field, .. } = kind.write_path()
            && let Some(v) = old.get(parent_field)
        {
            keep.insert(parent_field.into(), v.clone());
        }
        keep
    } else {
        old.clone()
    };
    let mut changed = Record::new();
    for (k, v) in &input.fields {
        if let WritePath::Child { parent_field, .. } = kind.write_path()
            && k == parent_field
        {
            continue;
        }
        if old.get(k) != Some(v) && !(v.is_null() && old.get(k).is_none()) {
            changed.insert(k.clone(), v.clone());
        }
        rec.insert(k.clone(), v.clone());
    }
    if let Some(u) = &input.udfs {
        merge_udfs(&mut rec, u);
    }
    let now = dates::wire(dates::now());
    match kind {
        Kind::Tickets => {
            let was_done = int(&old, "status") == Some(STATUS_COMPLETE);
            let done = int(&rec, "status") == Some(STATUS_COMPLETE);
            if done && !was_done {
                rec.insert("completedDate".into(), json!(now));
                rec.insert("completedByResourceID".into(), json!(who.resource));
                rec.insert("resolvedDateTime".into(), json!(now));
            } else if !done && was_done {
                rec.remove("completedDate");
                rec.remove("completedByResourceID");
                rec.remove("resolvedDateTime");
            }
            rec.insert("lastActivityDate".into(), json!(now));
            rec.insert("lastTrackedModificationDateTime".into(), json!(now));
            rec.insert("lastActivityResourceID".into(), json!(who.resource));
        }
        Kind::TicketNotes => {
            rec.insert("lastActivityDate".into(), json!(now));
            if let Some(i) = who.impersonator {
                rec.insert("impersonatorUpdaterResourceID".into(), json!(i));
            }
        }
        Kind::Companies => {
            rec.insert("lastTrackedModifiedDateTime".into(), json!(now));
        }
        Kind::Opportunities => {
            rec.insert("lastActivity".into(), json!(now));
        }
        Kind::Contacts => {
            rec.insert("lastModifiedDate".into(), json!(now));
        }
        Kind::Projects | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
            projects::on_update(kind, &mut rec, &now, who.resource);
        }
        Kind::Contracts | Kind::Services | Kind::TimeEntries => {
            billing::on_update(kind, &mut rec, &now, who.resource);
        }
        _ => {}
    }
    rec.retain(|_, v| !v.is_null());
    if let Err(e) = validate(sim, &store, kind, &rec, &changed) {
        return error500(e);
    }
    store.put(kind, id, rec);
    if let Some(wid) = int(&old, "webhookID") {
        refresh_ready(&mut store, kind, wid);
    }
    let names: Vec<String> = changed.keys().cloned().collect();
    let change = Change {
        kind,
        action: Action::Update,
        id,
        changed: &names,
        person: who.resource,
    };
    sim.hooks.event(&store, change, None);
    ok(&json!({ "itemId": id }))
}

/// `DELETE /V1.0/{Entity}/{id}` or the child path.
pub(crate) fn delete(
    sim: &Sim,
    kind: Kind,
    parent: Option<(Kind, i64)>,
    id: i64,
    headers: &HeaderMap,
) -> Response {
    if sim.tenant.profile().access(kind, Verb::Delete) == Access::None {
        return responses::forbidden(Verb::Delete);
    }
    let mut store = sim.tenant.write();
    let who = match actor(sim, &store, kind, Verb::Delete, headers) {
        Ok(a) => a,
        Err(r) => return *r,
    };
    let missing = || {
        error500(
            "No message. No matching records found. The logged in Resource may not have the required permissions to delete the data.",
        )
    };
    let Some(old) = store.get(kind, id).map(std::borrow::Cow::into_owned) else {
        return missing();
    };
    if let (Some((_, pid)), WritePath::Child { parent_field, .. }) = (parent, kind.write_path())
        && int(&old, parent_field) != Some(pid)
    {
        return missing();
    }
    if !writable(sim, &store, kind, Verb::Delete, &old) {
        return missing();
    }
    store.delete(kind, id);
    let change = Change {
        kind,
        action: Action::Delete,
        id,
        changed: &[],
        person: who.resource,
    };
    sim.hooks.event(&store, change, Some(&old));
    match webhook_kinds::family(kind) {
        Some(f) if f.hook == kind => {
            for child in [f.fields, f.excluded] {
                let ids: Vec<i64> = store
                    .iter(child)
                    .filter(|r| int(r, "webhookID") == Some(id))
                    .filter_map(|r| int(&r, "id"))
                    .collect();
                for c in ids {
                    store.delete(child, c);
                }
            }
        }
        Some(_) => {
            if let Some(wid) = int(&old, "webhookID") {
                refresh_ready(&mut store, kind, wid);
            }
        }
        None => {}
    }
    ok(&json!({ "itemId": id }))
}
