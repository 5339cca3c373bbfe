//! The in-memory tenant.
//!
//! Seeded records are not kept in memory: each seeded id is generated on demand from the seed
//! (see `seed.rs`), so 100,000 tickets cost nothing until read. Writes go to an overlay keyed by
//! id (a stored record, or a tombstone for a delete). Ids grow from the end of the seeded range,
//! so a table lists in id order by walking the seeded range and then the overlay's tail.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::Value;

use super::entities::Kind;
use super::seed::{self, SeedSpec};

pub(crate) use super::entities::Record;

/// One entity's records.
#[derive(Debug, Default)]
pub(crate) struct Table {
    seeded: Range<i64>,
    overlay: BTreeMap<i64, Option<Record>>,
    next_id: i64,
}

impl Table {
    fn new(seeded: Range<i64>, first_free: i64) -> Self {
        Table {
            next_id: first_free.max(seeded.end),
            seeded,
            overlay: BTreeMap::new(),
        }
    }

    fn live(&self, id: i64) -> bool {
        match self.overlay.get(&id) {
            Some(r) => r.is_some(),
            None => self.seeded.contains(&id),
        }
    }

    /// Ids above `after`, ascending.
    fn ids_after(&self, after: i64) -> impl Iterator<Item = i64> + '_ {
        let start = self.seeded.start.max(after.saturating_add(1));
        let seeded = (start..self.seeded.end.max(start)).filter(|id| self.live(*id));
        let tail_from = after.max(self.seeded.end - 1).saturating_add(1);
        let tail = self
            .overlay
            .range(tail_from..)
            .filter(|(_, r)| r.is_some())
            .map(|(id, _)| *id);
        seeded.chain(tail)
    }

    /// Ids below `before`, descending.
    fn ids_before(&self, before: i64) -> impl Iterator<Item = i64> + '_ {
        let tail_from = self.seeded.end;
        let tail = self
            .overlay
            .range(tail_from..before.max(tail_from))
            .rev()
            .filter(|(_, r)| r.is_some())
            .map(|(id, _)| *id);
        let end = self.seeded.end.min(before).max(self.seeded.start);
        let seeded = (self.seeded.start..end).rev().filter(|id| self.live(*id));
        tail.chain(seeded)
    }

    fn len(&self) -> usize {
        let seeded = usize::try_from(self.seeded.end - self.seeded.start).unwrap_or(0);
        let mut n = seeded;
        for (id, r) in &self.overlay {
            let in_seed = self.seeded.contains(id);
            match (in_seed, r.is_some()) {
                (true, false) => n = n.saturating_sub(1),
                (false, true) => n += 1,
                _ => {}
            }
        }
        n
    }
}

/// Every entity's records plus the counters the server keeps.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) spec: SeedSpec,
    tables: BTreeMap<Kind, Table>,
    /// Tickets created per day, for `ticketNumber` (`T20250314.0042`).
    pub(crate) tickets_per_day: BTreeMap<time::Date, u32>,
}

impl Store {
    /// A store seeded from `spec`.
    pub(crate) fn new(spec: SeedSpec) -> Self {
        let mut tables = BTreeMap::new();
        for kind in Kind::ALL {
            let (range, first_free) = seed::id_range(&spec, kind);
            tables.insert(kind, Table::new(range, first_free));
        }
        let mut tickets_per_day = BTreeMap::new();
        for (day, n) in seed::ticket_days(&spec) {
            tickets_per_day.insert(day, n);
        }
        Store {
            spec,
            tables,
            tickets_per_day,
        }
    }

    fn table(&self, kind: Kind) -> Option<&Table> {
        self.tables.get(&kind)
    }

    fn table_mut(&mut self, kind: Kind) -> &mut Table {
        self.tables.entry(kind).or_default()
    }

    /// A record by id.
    pub(crate) fn get(&self, kind: Kind, id: i64) -> Option<Cow<'_, Record>> {
        let t = self.table(kind)?;
        match t.overlay.get(&id) {
            Some(Some(r)) => Some(Cow::Borrowed(r)),
            Some(None) => None,
            None if t.seeded.contains(&id) => {
                Some(Cow::Owned(seed::generate(&self.spec, kind, id)))
            }
            None => None,
        }
    }

    /// Whether a record exists.
    pub(crate) fn exists(&self, kind: Kind, id: i64) -> bool {
        self.table(kind).is_some_and(|t| t.live(id))
    }

    /// Ids of live records above `after`, ascending.
    pub(crate) fn ids_after(&self, kind: Kind, after: i64) -> Box<dyn Iterator<Item = i64> + '_> {
        match self.table(kind) {
            Some(t) => Box::new(t.ids_after(after)),
            None => Box::new(std::iter::empty()),
        }
    }

    /// Ids of live records below `before`, descending.
    pub(crate) fn ids_before(&self, kind: Kind, before: i64) -> Box<dyn Iterator<Item = i64> + '_> {
        match self.table(kind) {
            Some(t) => Box::new(t.ids_before(before)),
            None => Box::new(std::iter::empty()),
        }
    }

    /// Live records, ascending by id.
    pub(crate) fn iter(&self, kind: Kind) -> impl Iterator<Item = Cow<'_, Record>> + '_ {
        self.ids_after(kind, i64::MIN)
            .filter_map(move |id| self.get(kind, id))
    }

    /// Number of live records.
    pub(crate) fn count(&self, kind: Kind) -> usize {
        self.table(kind).map_or(0, Table::len)
    }

    /// Candidate ids of the children of parent `pid` (callers still check the parent field):
    /// the seeded block when the seed layout fixes it, plus every record created later.
    /// Children are few, so this avoids scanning e.g. 200,000 seeded notes for one ticket.
    pub(crate) fn child_candidates(&self, child: Kind, pid: i64) -> Vec<i64> {
        let spec = &self.spec;
        let block = |parent_base: i64, parents: usize, per: usize, base: i64| -> Vec<i64> {
            let per = i64::try_from(per).unwrap_or(0);
            let n = i64::try_from(parents).unwrap_or(0);
            let p = pid - parent_base;
            if per > 0 && (0..n).contains(&p) {
                (0..per).map(|k| base + p * per + k).collect()
            } else {
                Vec::new()
            }
        };
        let seeded = match child {
            Kind::TicketNotes => block(
                seed::TICKET_BASE,
                spec.sizes.tickets,
                spec.sizes.notes_per_ticket,
                seed::NOTE_BASE,
            ),
            Kind::Contacts => block(
                seed::COMPANY_BASE,
                spec.sizes.companies,
                spec.sizes.contacts_per_company,
                seed::CONTACT_BASE,
            ),
            Kind::ContractServices | Kind::Tasks | Kind::ProjectNotes | Kind::TaskNotes => {
                let (parent, per, base) = seed::child_block(child);
                let parents = seed::id_range(spec, parent).0;
                let n = usize::try_from(parents.end - parents.start).unwrap_or(0);
                block(parents.start, n, per, base)
            }
            _ => Vec::new(),
        };
        let (range, _) = seed::id_range(spec, child);
        seeded
            .into_iter()
            .chain(self.ids_after(child, range.end - 1))
            .collect()
    }

    /// Stores a new record under the next id, which it returns (and writes into `id`).
    pub(crate) fn insert(&mut self, kind: Kind, mut rec: Record) -> i64 {
        let t = self.table_mut(kind);
        let id = t.next_id;
        t.next_id += 1;
        rec.insert("id".into(), Value::from(id));
        t.overlay.insert(id, Some(rec));
        id
    }

    /// Replaces a record.
    pub(crate) fn put(&mut self, kind: Kind, id: i64, rec: Record) {
        self.table_mut(kind).overlay.insert(id, Some(rec));
    }

    /// Deletes a record (true when it existed).
    pub(crate) fn delete(&mut self, kind: Kind, id: i64) -> bool {
        if !self.exists(kind, id) {
            return false;
        }
        self.table_mut(kind).overlay.insert(id, None);
        true
    }
}

/// Reads an integer field of a record (numbers or numeric strings).
pub(crate) fn int(rec: &Record, field: &str) -> Option<i64> {
    match rec.get(field)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads a string field of a record.
pub(crate) fn text<'a>(rec: &'a Record, field: &str) -> Option<&'a str> {
    rec.get(field).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(tickets: usize) -> SeedSpec {
        SeedSpec {
            sizes: crate::common::SeedSizes {
                seed: 3,
                companies: 2,
                contacts_per_company: 2,
                tickets,
                notes_per_ticket: 1,
            },
            api_username: "api@example.com".into(),
        }
    }

    #[test]
    fn lists_seeded_then_created_in_id_order_and_skips_deletes() {
        let mut s = Store::new(spec(5));
        let seeded: Vec<i64> = s.ids_after(Kind::Tickets, i64::MIN).collect();
        assert_eq!(seeded.len(), 5);
        let rec = s.get(Kind::Tickets, seeded[0]).unwrap().into_owned();
        let new_id = s.insert(Kind::Tickets, rec);
        assert!(new_id > seeded[4]);
        s.delete(Kind::Tickets, seeded[1]);
        let all: Vec<i64> = s.ids_after(Kind::Tickets, i64::MIN).collect();
        assert_eq!(
            all,
            vec![seeded[0], seeded[2], seeded[3], seeded[4], new_id]
        );
        assert_eq!(s.count(Kind::Tickets), 5);
        let after: Vec<i64> = s.ids_after(Kind::Tickets, seeded[3]).collect();
        assert_eq!(after, vec![seeded[4], new_id]);
        let before: Vec<i64> = s.ids_before(Kind::Tickets, new_id).collect();
        assert_eq!(before, vec![seeded[4], seeded[3], seeded[2], seeded[0]]);
        assert!(s.get(Kind::Tickets, seeded[1]).is_none());
    }

    #[test]
    fn seeded_records_are_generated_the_same_every_time() {
        let s = Store::new(spec(3));
        let id = s.ids_after(Kind::Tickets, 0).next().unwrap();
        assert_eq!(s.get(Kind::Tickets, id), s.get(Kind::Tickets, id));
        assert_eq!(int(&s.get(Kind::Tickets, id).unwrap(), "id"), Some(id));
    }
}
