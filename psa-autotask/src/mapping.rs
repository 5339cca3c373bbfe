//! The mapping from Autotask records to psa-core models: each record's few mapped fields are
//! decoded from its JSON text ([`crate::models::head`]) and the text is kept as the model's
//! `vendor_record`.

use std::collections::HashMap;

use psa_core::{
    Company, CompanyId, Contact, ContactId, Error, ErrorKind, Note, NoteId, NoteVisibility,
    Priority, Queue, ResourceId, Result, StageMap, Status, Ticket, TicketId, Vendor, VendorRecord,
};

use crate::api::decode_row;
use crate::api::metadata::{Picklist, TicketPicklists};
use crate::models::head::{CompanyHead, ContactHead, NoteHead, TicketHead};

/// Picklists and stages used to map tickets, fetched once per call (cached by the client).
pub(crate) struct Mapper {
    pub(crate) picklists: TicketPicklists,
    stages: StageMap,
    /// Each picklist value's core status / priority / queue, built once per mapper so a page
    /// of rows clones them instead of searching and labelling each row.
    statuses: HashMap<i64, Status>,
    priorities: HashMap<i64, Priority>,
    queues: HashMap<i64, Queue>,
}

/// The whole-number values of a picklist.
fn numbered(list: &Picklist) -> impl Iterator<Item = i64> + '_ {
    list.values()
        .iter()
        .filter_map(|v| v.value.as_deref()?.trim().parse().ok())
}

impl Mapper {
    pub(crate) fn new(picklists: TicketPicklists, stages: StageMap) -> Self {
        let mut m = Mapper {
            picklists,
            stages,
            statuses: HashMap::new(),
            priorities: HashMap::new(),
            queues: HashMap::new(),
        };
        m.statuses = numbered(&m.picklists.status)
            .map(|v| (v, m.status_of(v)))
            .collect();
        m.priorities = numbered(&m.picklists.priority)
            .map(|v| (v, m.priority_of(v)))
            .collect();
        m.queues = numbered(&m.picklists.queue)
            .map(|v| (v, m.queue_of(v)))
            .collect();
        m
    }

    pub(crate) fn status(&self, value: i64) -> Status {
        match self.statuses.get(&value) {
            Some(s) => s.clone(),
            None => self.status_of(value),
        }
    }

    pub(crate) fn priority(&self, value: i64) -> Priority {
        match self.priorities.get(&value) {
            Some(p) => p.clone(),
            None => self.priority_of(value),
        }
    }

    pub(crate) fn queue(&self, value: i64) -> Queue {
        match self.queues.get(&value) {
            Some(q) => q.clone(),
            None => self.queue_of(value),
        }
    }

    pub(crate) fn closed_values(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .picklists
            .status
            .values()
            .iter()
            .filter_map(|p| p.value.as_deref())
            .filter(|value| self.is_closed(value))
            .filter_map(|value| value.parse().ok())
            .collect();
        if v.is_empty() {
            v.push(5);
        }
        v
    }

    fn is_closed(&self, value: &str) -> bool {
        value == "5" || self.stages.lookup(value) == Some(psa_core::Stage::Resolved)
    }

    fn status_of(&self, value: i64) -> Status {
        let key = value.to_string();
        let entry = self
            .picklists
            .status
            .values()
            .iter()
            .find(|v| v.value.as_deref() == Some(key.as_str()));
        let label = entry
            .and_then(|v| v.label.clone())
            .unwrap_or_else(|| key.clone());
        let mut s = Status::new(key.clone(), label).closed(self.is_closed(&key));
        s.is_active = entry.and_then(|v| v.is_active).unwrap_or(true);
        s.stage = self.stages.stage_of(&s);
        s
    }

    fn priority_of(&self, value: i64) -> Priority {
        let (id, name, active) = labelled(&self.picklists.priority, value);
        let mut p = Priority::new(id, name);
        p.is_active = active;
        p
    }

    fn queue_of(&self, value: i64) -> Queue {
        let (id, name, active) = labelled(&self.picklists.queue, value);
        let mut q = Queue::new(id, name);
        q.is_active = active;
        q
    }

    /// The core ticket of a record (its JSON text is kept as `vendor_record`).
    pub(crate) fn ticket(&self, record: impl Into<VendorRecord>) -> Result<Ticket> {
        let record = record.into();
        let t: TicketHead = decode_row(record.as_raw())?;
        let id = t.id.ok_or_else(|| no_id("ticket"))?;
        let mut out = Ticket::new(
            Vendor::Autotask,
            TicketId(id),
            t.title.unwrap_or_default(),
            record,
        );
        out.number = t.ticket_number;
        out.description = t.description;
        out.status = t.status.map(|s| self.status(s));
        out.stage = out.status.as_ref().and_then(|s| s.stage);
        out.priority = t.priority.map(|p| self.priority(p));
        out.queue = t.queue_id.map(|q| self.queue(q));
        out.company = t.company_id.map(CompanyId);
        out.contact = t.contact_id.map(ContactId);
        out.assignee = t.assigned_resource_id.map(ResourceId);
        out.external_ref = t.external_id;
        out.created_at = t.create_date;
        out.updated_at = t
            .last_activity_date
            .or(t.last_tracked_modification_date_time);
        out.closed_at = t.completed_date;
        Ok(out)
    }

    /// A status, priority or queue key given as value or label → the picklist value.
    pub(crate) fn resolve(&self, list: &Picklist, given: &str, field: &str) -> Result<i64> {
        let value = if list.values().is_empty() {
            given.trim()
        } else {
            list.resolve(given).ok_or_else(|| {
                let known: Vec<String> = list
                    .values()
                    .iter()
                    .filter(|v| v.is_active != Some(false))
                    .map(|v| {
                        format!(
                            "{} ({})",
                            v.value.as_deref().unwrap_or("?"),
                            v.label.as_deref().unwrap_or("")
                        )
                    })
                    .take(30)
                    .collect();
                invalid(
                    format!(
                        "{given:?} is not a {field} of this Autotask tenant; known: {}",
                        known.join(", ")
                    ),
                    field,
                )
            })?
        };
        value.parse::<i64>().map_err(|_| {
            invalid(
                format!("{field} must be a picklist value, got {given:?}"),
                field,
            )
        })
    }
}

fn labelled(list: &Picklist, value: i64) -> (String, String, bool) {
    let key = value.to_string();
    let entry = list
        .values()
        .iter()
        .find(|v| v.value.as_deref() == Some(key.as_str()));
    let name = entry
        .and_then(|v| v.label.clone())
        .unwrap_or_else(|| key.clone());
    (key, name, entry.and_then(|v| v.is_active).unwrap_or(true))
}

fn no_id(what: &str) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("Autotask returned a {what} without an id"),
    )
    .with_vendor(Vendor::Autotask)
}

pub(crate) fn invalid(message: String, field: &str) -> Error {
    Error::new(ErrorKind::Validation, message)
        .with_vendor(Vendor::Autotask)
        .with_fields([field])
}

pub(crate) fn map_note(record: impl Into<VendorRecord>) -> Result<Note> {
    let record = record.into();
    let n: NoteHead = decode_row(record.as_raw())?;
    let id = n.id.ok_or_else(|| no_id("ticket note"))?;
    let visibility = if n.publish == Some(1) {
        NoteVisibility::Public
    } else {
        NoteVisibility::Internal
    };
    let mut out = Note::new(
        Vendor::Autotask,
        NoteId(id),
        TicketId(n.ticket_id.unwrap_or_default()),
        n.description.unwrap_or_default(),
        visibility,
        record,
    );
    out.title = n.title;
    out.created_at = n.create_date_time.or(n.last_activity_date);
    Ok(out)
}

pub(crate) fn map_company(record: impl Into<VendorRecord>) -> Result<Company> {
    let record = record.into();
    let c: CompanyHead = decode_row(record.as_raw())?;
    let id = c.id.ok_or_else(|| no_id("company"))?;
    let mut out = Company::new(
        Vendor::Autotask,
        CompanyId(id),
        c.company_name.unwrap_or_default(),
        record,
    );
    out.identifier = c.company_number;
    out.phone = c.phone;
    out.is_active = c.is_active.unwrap_or(true);
    out.updated_at = c.last_tracked_modified_date_time.or(c.last_activity_date);
    Ok(out)
}

pub(crate) fn map_contact(record: impl Into<VendorRecord>) -> Result<Contact> {
    let record = record.into();
    let c: ContactHead = decode_row(record.as_raw())?;
    let id = c.id.ok_or_else(|| no_id("contact"))?;
    let name = [c.first_name.as_deref(), c.last_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Contact::new(Vendor::Autotask, ContactId(id), name, record);
    out.company = c.company_id.map(CompanyId);
    out.first_name = c.first_name;
    out.last_name = c.last_name;
    out.email = c.email_address;
    out.phone = c.phone.or(c.mobile_phone);
    out.is_active = c.is_active.is_none_or(|a| a != 0);
    out.updated_at = c.last_modified_date.or(c.last_activity_date);
    Ok(out)
}
