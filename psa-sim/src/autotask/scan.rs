//! Running a parsed query against the store: which ids to visit, one page at a time, and the
//! opaque `paging` token of `nextPageUrl`/`prevPageUrl`.
//!
//! A full scan generates every seeded record on the way, so the scan is narrowed first: a
//! top-level `id eq/in` or a child's parent `eq` pins the candidates, and top-level
//! `id gt/gte/lt/lte` tests (the paging idiom of several clients: `id gt <last id>`) bound the
//! range, so such a page starts at the bound instead of at the first id.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::entities::{Kind, WritePath};
use super::query::{Cond, Op, Operand, QuerySpec, Scalar, Target};
use super::store::{self, Record, Store};

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cursor {
    Start,
    After(i64),
    Before(i64),
}

/// One page of results.
#[derive(Debug, Default)]
pub(crate) struct PageOut {
    pub(crate) items: Vec<Record>,
    pub(crate) next_after: Option<i64>,
    pub(crate) prev_before: Option<i64>,
}

/// The ids a top-level `eq`/`in` on `id`, or an `eq` on the parent field of a child entity
/// (`ticketID` of notes, `companyID` of contacts), pins the result to, if any: a superset of
/// the matches, in ascending order, that skips a full scan.
fn pinned_ids(q: &QuerySpec, store: &Store, kind: Kind) -> Option<Vec<i64>> {
    if let WritePath::Child { parent_field, .. } = kind.write_path() {
        for c in &q.filter {
            if let Cond::Test {
                target: Target::Field(def),
                op: Op::Eq,
                operand: Operand::One(Scalar::Int(pid)),
            } = c
                && def.name == parent_field
            {
                let mut ids = store.child_candidates(kind, *pid);
                ids.sort_unstable();
                ids.dedup();
                return Some(ids);
            }
        }
    }
    for c in &q.filter {
        if let Cond::Test {
            target: Target::Field(def),
            op,
            operand,
        } = c
            && def.name == "id"
        {
            let mut ids: Vec<i64> = match (op, operand) {
                (Op::Eq, Operand::One(Scalar::Int(i))) => vec![*i],
                (Op::In, Operand::Many(l)) => l
                    .iter()
                    .filter_map(|s| match s {
                        Scalar::Int(i) => Some(*i),
                        _ => None,
                    })
                    .collect(),
                _ => continue,
            };
            ids.sort_unstable();
            ids.dedup();
            return Some(ids);
        }
    }
    None
}

/// The open interval `(low, high)` of ids that top-level `id gt/gte/lt/lte` tests leave: no
/// id outside it can match, since top-level items are ANDed.
fn id_window(q: &QuerySpec) -> (i64, i64) {
    let (mut low, mut high) = (i64::MIN, i64::MAX);
    for c in &q.filter {
        if let Cond::Test {
            target: Target::Field(def),
            op,
            operand: Operand::One(Scalar::Int(n)),
        } = c
            && def.name == "id"
        {
            match op {
                Op::Gt => low = low.max(*n),
                Op::Gte => low = low.max(n.saturating_sub(1)),
                Op::Lt => high = high.min(*n),
                Op::Lte => high = high.min(n.saturating_add(1)),
                _ => {}
            }
        }
    }
    (low, high)
}

/// The candidate ids of a page, nearest the cursor first (ascending, or descending for
/// [`Cursor::Before`]), within the query's id window.
fn candidates<'a>(
    store: &'a Store,
    kind: Kind,
    q: &QuerySpec,
    cursor: Cursor,
) -> Box<dyn Iterator<Item = i64> + 'a> {
    let (low, high) = id_window(q);
    let pinned = pinned_ids(q, store, kind);
    match cursor {
        Cursor::Start | Cursor::After(_) => {
            let after = match cursor {
                Cursor::After(a) => a.max(low),
                _ => low,
            };
            let ids: Box<dyn Iterator<Item = i64>> = match pinned {
                Some(p) => Box::new(p.into_iter().filter(move |i| *i > after)),
                None => store.ids_after(kind, after),
            };
            Box::new(ids.take_while(move |i| *i < high))
        }
        Cursor::Before(before) => {
            let before = before.min(high);
            let ids: Box<dyn Iterator<Item = i64>> = match pinned {
                Some(p) => Box::new(p.into_iter().rev().filter(move |i| *i < before)),
                None => store.ids_before(kind, before),
            };
            Box::new(ids.take_while(move |i| *i > low))
        }
    }
}

/// Runs a query for one page. `visible` hides records a Restricted level may not see.
pub(crate) fn page(
    store: &Store,
    kind: Kind,
    q: &QuerySpec,
    cursor: Cursor,
    visible: &dyn Fn(&Record) -> bool,
) -> PageOut {
    let mut out = PageOut::default();
    let mut more = false;
    let kept = candidates(store, kind, q, cursor).filter_map(|id| {
        let rec = store.get(kind, id)?;
        (visible(&rec) && q.matches(&rec)).then(|| rec.into_owned())
    });
    for rec in kept {
        if out.items.len() == q.max_records {
            more = true;
            break;
        }
        out.items.push(rec);
    }
    let first_id = |out: &PageOut| out.items.first().and_then(|r| store::int(r, "id"));
    let last_id = |out: &PageOut| out.items.last().and_then(|r| store::int(r, "id"));
    match cursor {
        Cursor::Start | Cursor::After(_) => {
            if more {
                out.next_after = last_id(&out);
            }
            if let Cursor::After(after) = cursor {
                out.prev_before = first_id(&out).or(Some(after.saturating_add(1)));
            }
        }
        Cursor::Before(before) => {
            out.items.reverse();
            if more {
                out.prev_before = first_id(&out);
            }
            out.next_after = last_id(&out).or(Some(before.saturating_sub(1)));
        }
    }
    out
}

/// Counts the matching records.
pub(crate) fn count(
    store: &Store,
    kind: Kind,
    q: &QuerySpec,
    visible: &dyn Fn(&Record) -> bool,
) -> usize {
    candidates(store, kind, q, Cursor::Start)
        .filter_map(|id| store.get(kind, id))
        .filter(|r| visible(r) && q.matches(r))
        .count()
}

/// The opaque `paging` parameter of a page URL.
pub(crate) fn encode_token(kind: Kind, cursor: Cursor, fingerprint: u64) -> String {
    let (dir, id) = match cursor {
        Cursor::Start => ("s", 0),
        Cursor::After(a) => ("a", a),
        Cursor::Before(b) => ("b", b),
    };
    URL_SAFE_NO_PAD.encode(format!("v1|{}|{dir}|{id}|{fingerprint:016x}", kind.name()))
}

/// Reads a `paging` parameter: (entity name, cursor, fingerprint).
pub(crate) fn decode_token(token: &str) -> Option<(String, Cursor, u64)> {
    let raw = URL_SAFE_NO_PAD
        .decode(token.trim().trim_end_matches('='))
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let mut parts = text.split('|');
    if parts.next()? != "v1" {
        return None;
    }
    let entity = parts.next()?.to_string();
    let dir = parts.next()?;
    let id: i64 = parts.next()?.parse().ok()?;
    let fp = u64::from_str_radix(parts.next()?, 16).ok()?;
    let cursor = match dir {
        "s" => Cursor::Start,
        "a" => Cursor::After(id),
        "b" => Cursor::Before(id),
        _ => return None,
    };
    Some((entity, cursor, fp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autotask::query::parse;
    use crate::autotask::seed::SeedSpec;
    use serde_json::json;

    fn spec(filter: serde_json::Value) -> QuerySpec {
        parse(
            Kind::Tickets,
            &json!({ "MaxRecords": 3, "filter": filter }),
            &[],
        )
        .unwrap()
    }

    #[test]
    fn tokens_round_trip() {
        let t = encode_token(Kind::Tickets, Cursor::After(12345), 0xdead_beef);
        assert_eq!(
            decode_token(&t),
            Some(("Tickets".to_string(), Cursor::After(12345), 0xdead_beef))
        );
        assert_eq!(decode_token("garbage!"), None);
    }

    fn store(tickets: usize) -> Store {
        Store::new(SeedSpec {
            sizes: crate::common::SeedSizes {
                seed: 1,
                companies: 2,
                contacts_per_company: 1,
                tickets,
                notes_per_ticket: 0,
            },
            api_username: "api@example.com".to_string(),
        })
    }

    #[test]
    fn an_id_gt_page_starts_its_scan_at_the_bound() {
        let store = store(1000);
        let first = store.ids_after(Kind::Tickets, i64::MIN).next().unwrap();
        let n = first + 900;
        let gt = spec(json!([{"op": "gt", "field": "id", "value": n}]));
        let mut ids = candidates(&store, Kind::Tickets, &gt, Cursor::Start);
        assert_eq!(
            ids.next(),
            Some(n + 1),
            "the scan skips every id up to the bound"
        );
        let gte = spec(json!([{"op": "gte", "field": "id", "value": n}]));
        let mut ids = candidates(&store, Kind::Tickets, &gte, Cursor::Start);
        assert_eq!(ids.next(), Some(n));
        // An upper bound ends the scan: nothing past it is visited.
        let window = spec(json!([
            {"op": "gte", "field": "id", "value": n},
            {"op": "lte", "field": "id", "value": n + 2},
        ]));
        let ids: Vec<i64> = candidates(&store, Kind::Tickets, &window, Cursor::Start).collect();
        assert_eq!(ids, vec![n, n + 1, n + 2]);
        let back: Vec<i64> =
            candidates(&store, Kind::Tickets, &window, Cursor::Before(i64::MAX)).collect();
        assert_eq!(back, vec![n + 2, n + 1, n]);
    }

    #[test]
    fn id_bounds_page_like_a_full_scan() {
        let store = store(50);
        let first = store.ids_after(Kind::Tickets, i64::MIN).next().unwrap();
        let all = |_: &Record| true;
        let q = spec(json!([{"op": "gt", "field": "id", "value": first + 40}]));
        let p = page(&store, Kind::Tickets, &q, Cursor::Start, &all);
        let got: Vec<i64> = p.items.iter().filter_map(|r| store::int(r, "id")).collect();
        assert_eq!(got, vec![first + 41, first + 42, first + 43]);
        assert_eq!(p.next_after, Some(first + 43));
        assert_eq!(count(&store, Kind::Tickets, &q, &all), 9);
        // An OR group is not a bound: its ids stay reachable.
        let or = spec(json!([{"op": "or", "items": [
            {"op": "gt", "field": "id", "value": first + 48},
            {"op": "eq", "field": "id", "value": first},
        ]}]));
        assert_eq!(count(&store, Kind::Tickets, &or, &all), 2);
    }
}
