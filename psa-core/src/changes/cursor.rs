//! The resumable position of a change feed.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{ChangeEvent, ChangeSource, EntityKind};
use crate::{Error, ErrorKind, Result};

/// The overlap a new [`Cursor`] uses: 5 minutes.
pub const DEFAULT_OVERLAP: Duration = Duration::from_secs(300);

/// The JSON format version [`Cursor::to_json`] writes.
pub const CURSOR_VERSION: u32 = 1;

/// Where a change feed stands, per entity: a watermark (the newest change time handled) and
/// the changes handled inside the overlap window before it.
///
/// Each poll asks the vendor for records changed since `watermark - overlap`, so a record that
/// became visible late (clock skew between API nodes, a slow transaction, equal timestamps)
/// is still found; the changes already handled in that window are remembered by id and change
/// time, so none is emitted twice. A record changed again gets a newer time and is a new
/// change. Skew larger than the overlap is not covered: pick an overlap above the worst delay
/// you expect (the default is [`DEFAULT_OVERLAP`]).
///
/// The JSON form ([`to_json`](Self::to_json)) is stable:
///
/// ```json
/// {"version":1,"overlap_seconds":300,
///  "entities":{"ticket":{"watermark":"2024-05-01T10:00:00Z","seen":{"17":"2024-05-01T10:00:00Z"}}}}
/// ```
///
/// `seen` maps a record id to the newest change time handled for it, for the changes at or
/// after `watermark - overlap`.
///
/// ```
/// use psa_core::changes::{ChangeEvent, ChangeKind, ChangeSource, Cursor, EntityKind};
/// use psa_core::Vendor;
/// let at = time::macros::datetime!(2024-05-01 10:00 UTC);
/// let e = ChangeEvent::new(Vendor::Autotask, EntityKind::Ticket, 17, ChangeKind::Updated, ChangeSource::Poll)
///     .changed_at(at);
/// let mut cursor = Cursor::new();
/// assert!(cursor.is_new(&e));
/// cursor.commit(&e);
/// let saved = cursor.to_json().unwrap();
/// let resumed = psa_core::changes::Cursor::from_json(&saved).unwrap();
/// assert!(!resumed.is_new(&e));
/// assert_eq!(resumed.watermark(EntityKind::Ticket), Some(at));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    version: u32,
    overlap_seconds: u64,
    #[serde(default)]
    entities: BTreeMap<EntityKind, EntityCursor>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct EntityCursor {
    #[serde(with = "time::serde::rfc3339::option", default)]
    watermark: Option<OffsetDateTime>,
    #[serde(default)]
    seen: BTreeMap<i64, Stamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Stamp(#[serde(with = "time::serde::rfc3339")] OffsetDateTime);

impl Default for Cursor {
    fn default() -> Self {
        Cursor::new()
    }
}

impl Cursor {
    /// A cursor at the beginning: the first poll returns every record.
    pub fn new() -> Self {
        Cursor {
            version: CURSOR_VERSION,
            overlap_seconds: DEFAULT_OVERLAP.as_secs(),
            entities: BTreeMap::new(),
        }
    }

    /// Sets the overlap window (whole seconds; at least one second).
    pub fn with_overlap(mut self, overlap: Duration) -> Self {
        self.overlap_seconds = overlap.as_secs().max(1);
        self
    }

    /// The overlap window.
    pub fn overlap(&self) -> Duration {
        Duration::from_secs(self.overlap_seconds)
    }

    /// The newest change time handled for an entity (`None` before the first commit).
    pub fn watermark(&self, entity: EntityKind) -> Option<OffsetDateTime> {
        self.entities.get(&entity).and_then(|e| e.watermark)
    }

    /// Starts an entity at a time instead of the beginning (changes before it are skipped).
    pub fn start_at(mut self, entity: EntityKind, at: OffsetDateTime) -> Self {
        let e = self.entities.entry(entity).or_default();
        e.watermark = Some(e.watermark.map_or(at, |w| w.max(at)));
        self
    }

    /// The `updated_since` a poll of this entity uses: `watermark - overlap`.
    pub fn since(&self, entity: EntityKind) -> Option<OffsetDateTime> {
        let w = self.watermark(entity)?;
        Some(w.checked_sub(self.overlap_span()).unwrap_or(w))
    }

    /// How many handled changes the cursor remembers inside the overlap window.
    pub fn seen_len(&self, entity: EntityKind) -> usize {
        self.entities.get(&entity).map_or(0, |e| e.seen.len())
    }

    /// Whether an event is a change not handled yet.
    ///
    /// An event without a change time is always new (it cannot be matched). An event older
    /// than `watermark - overlap` is not new: the poll that set the watermark covered it.
    pub fn is_new(&self, event: &ChangeEvent) -> bool {
        let Some(at) = event.changed_at else {
            return true;
        };
        let Some(e) = self.entities.get(&event.entity) else {
            return true;
        };
        if let Some(w) = e.watermark
            && at < w.checked_sub(self.overlap_span()).unwrap_or(w)
        {
            return false;
        }
        e.seen.get(&event.id).is_none_or(|s| at > s.0)
    }

    /// Records an event as handled. Call it after the event's work is done, then save the
    /// cursor ([`to_json`](Self::to_json)): a crash before the save replays the event, a crash
    /// after it never does.
    ///
    /// A polled event moves the watermark forward; a pushed event only joins the handled set,
    /// so that older changes a poll has not reached yet are still fetched. Events without a
    /// change time leave the cursor as it is.
    pub fn commit(&mut self, event: &ChangeEvent) {
        let Some(at) = event.changed_at else {
            return;
        };
        let span = self.overlap_span();
        let e = self.entities.entry(event.entity).or_default();
        let slot = e.seen.entry(event.id).or_insert(Stamp(at));
        slot.0 = slot.0.max(at);
        if event.source == ChangeSource::Poll {
            e.watermark = Some(e.watermark.map_or(at, |w| w.max(at)));
        }
        if let Some(w) = e.watermark {
            let floor = w.checked_sub(span).unwrap_or(w);
            e.seen.retain(|_, s| s.0 >= floor);
        }
    }

    /// The stable JSON form (see the type's documentation).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("the change cursor cannot be written as JSON: {e}"),
            )
        })
    }

    /// Reads a cursor saved by [`to_json`](Self::to_json).
    ///
    /// A text that is not a cursor, or one of a newer format version, is a
    /// [`ErrorKind::Validation`] error naming what is wrong.
    pub fn from_json(text: &str) -> Result<Cursor> {
        let c: Cursor = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::Validation,
                format!("not a saved change cursor ({e}); pass the text Cursor::to_json wrote"),
            )
        })?;
        if c.version != CURSOR_VERSION {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "the change cursor has format version {}, this release reads version \
                     {CURSOR_VERSION}; upgrade psa-core or start from a new cursor",
                    c.version
                ),
            ));
        }
        Ok(c)
    }

    fn overlap_span(&self) -> time::Duration {
        time::Duration::seconds(i64::try_from(self.overlap_seconds).unwrap_or(i64::MAX / 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Vendor;
    use crate::changes::ChangeKind;
    use time::macros::datetime;

    fn ev(id: i64, at: OffsetDateTime, source: ChangeSource) -> ChangeEvent {
        ChangeEvent::new(
            Vendor::ConnectWise,
            EntityKind::Ticket,
            id,
            ChangeKind::Updated,
            source,
        )
        .changed_at(at)
    }

    #[test]
    fn equal_timestamps_are_told_apart_by_id() {
        let at = datetime!(2024-05-01 10:00 UTC);
        let mut c = Cursor::new();
        c.commit(&ev(1, at, ChangeSource::Poll));
        assert!(!c.is_new(&ev(1, at, ChangeSource::Poll)));
        assert!(
            c.is_new(&ev(2, at, ChangeSource::Poll)),
            "same instant, other id"
        );
        c.commit(&ev(2, at, ChangeSource::Poll));
        assert!(!c.is_new(&ev(2, at, ChangeSource::Poll)));
        assert_eq!(
            c.since(EntityKind::Ticket),
            Some(datetime!(2024-05-01 09:55 UTC))
        );
    }

    #[test]
    fn a_late_record_inside_the_overlap_is_new_and_outside_is_not() {
        let mut c = Cursor::new().with_overlap(Duration::from_secs(60));
        c.commit(&ev(1, datetime!(2024-05-01 10:00 UTC), ChangeSource::Poll));
        // Skew: record 2 became visible after the poll but carries an earlier time.
        assert!(c.is_new(&ev(
            2,
            datetime!(2024-05-01 09:59:30 UTC),
            ChangeSource::Poll
        )));
        assert!(!c.is_new(&ev(
            3,
            datetime!(2024-05-01 09:58:59 UTC),
            ChangeSource::Poll
        )));
        c.commit(&ev(
            2,
            datetime!(2024-05-01 09:59:30 UTC),
            ChangeSource::Poll,
        ));
        assert!(!c.is_new(&ev(
            2,
            datetime!(2024-05-01 09:59:30 UTC),
            ChangeSource::Poll
        )));
        assert_eq!(
            c.watermark(EntityKind::Ticket),
            Some(datetime!(2024-05-01 10:00 UTC))
        );
        // A later change of the same record is a new change.
        assert!(c.is_new(&ev(
            1,
            datetime!(2024-05-01 10:00:01 UTC),
            ChangeSource::Poll
        )));
    }

    #[test]
    fn the_seen_set_is_pruned_to_the_window() {
        let mut c = Cursor::new().with_overlap(Duration::from_secs(10));
        c.commit(&ev(1, datetime!(2024-05-01 10:00 UTC), ChangeSource::Poll));
        c.commit(&ev(
            2,
            datetime!(2024-05-01 10:00:20 UTC),
            ChangeSource::Poll,
        ));
        assert_eq!(c.seen_len(EntityKind::Ticket), 1);
        assert!(!c.is_new(&ev(1, datetime!(2024-05-01 10:00 UTC), ChangeSource::Poll)));
    }

    #[test]
    fn a_push_marks_seen_without_moving_the_watermark() {
        let mut c = Cursor::new();
        c.commit(&ev(1, datetime!(2024-05-01 10:00 UTC), ChangeSource::Poll));
        let pushed = ev(5, datetime!(2024-05-01 12:00 UTC), ChangeSource::Push);
        c.commit(&pushed);
        assert_eq!(
            c.watermark(EntityKind::Ticket),
            Some(datetime!(2024-05-01 10:00 UTC))
        );
        // The poll that later returns the same change does not emit it again ...
        assert!(!c.is_new(&ev(5, datetime!(2024-05-01 12:00 UTC), ChangeSource::Poll)));
        // ... and changes between the watermark and the push are still fetched.
        assert!(c.is_new(&ev(6, datetime!(2024-05-01 11:00 UTC), ChangeSource::Poll)));
    }

    #[test]
    fn the_json_form_is_stable_and_resumes_exactly() {
        let mut c = Cursor::new();
        c.commit(&ev(17, datetime!(2024-05-01 10:00 UTC), ChangeSource::Poll));
        let json = c.to_json().unwrap();
        assert_eq!(
            json,
            r#"{"version":1,"overlap_seconds":300,"entities":{"ticket":{"watermark":"2024-05-01T10:00:00Z","seen":{"17":"2024-05-01T10:00:00Z"}}}}"#
        );
        let back = Cursor::from_json(&json).unwrap();
        assert_eq!(back, c);
        assert!(!back.is_new(&ev(17, datetime!(2024-05-01 10:00 UTC), ChangeSource::Poll)));
    }

    #[test]
    fn bad_or_newer_json_is_a_validation_error() {
        let e = Cursor::from_json("{\"nope\":1}").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        let e =
            Cursor::from_json(r#"{"version":2,"overlap_seconds":1,"entities":{}}"#).unwrap_err();
        assert!(e.message().contains("version 2"), "{e}");
    }

    #[test]
    fn an_event_without_time_is_new_and_not_recorded() {
        let mut c = Cursor::new();
        let e = ChangeEvent::new(
            Vendor::Syncro,
            EntityKind::Company,
            3,
            ChangeKind::Deleted,
            ChangeSource::Push,
        );
        assert!(c.is_new(&e));
        c.commit(&e);
        assert_eq!(c, Cursor::new());
    }
}
