//! Timestamps as Syncro writes and reads them.
//!
//! The live API writes times in the account's local offset with milliseconds,
//! `2025-01-29T13:31:46.716-05:00` (a real fixture from a live tenant), not the `Z` of the
//! spec examples. Filters accept a date (`2019-02-25`, the spec's example) or a full ISO 8601
//! time.

use time::format_description::FormatItem;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

const WIRE: &[FormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3][offset_hour sign:mandatory]:[offset_minute]"
);
const DATE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");
const LOCAL: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
const LOCAL_SPACE: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");

/// Formats a time in the account's offset, as the live API does.
pub(crate) fn wire(t: OffsetDateTime, offset: UtcOffset) -> String {
    let local = t.to_offset(offset);
    local.format(WIRE).unwrap_or_else(|_| local.to_string())
}

/// Parses a filter or body time: RFC 3339, a local `YYYY-MM-DDTHH:MM:SS` (or with a space), or a
/// date (midnight in the account's offset).
pub(crate) fn parse(s: &str, offset: UtcOffset) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    for fmt in [LOCAL, LOCAL_SPACE] {
        // Fractional seconds are dropped: a filter this coarse needs no more.
        let head = s.get(..19).unwrap_or(s);
        if let Ok(p) = PrimitiveDateTime::parse(head, fmt) {
            return Some(p.assume_offset(offset));
        }
    }
    Date::parse(s, DATE)
        .ok()
        .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_offset(offset))
}

/// Midnight (in the account's offset) of the day `t` falls on.
pub(crate) fn start_of_day(t: OffsetDateTime, offset: UtcOffset) -> OffsetDateTime {
    let local = t.to_offset(offset);
    PrimitiveDateTime::new(local.date(), Time::MIDNIGHT).assume_offset(offset)
}

pub(crate) use crate::common::clock::now_ms as now;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    #[test]
    fn writes_local_offset_with_milliseconds() {
        let t = datetime!(2025-01-29 18:31:46.716 UTC);
        assert_eq!(wire(t, offset!(-5)), "2025-01-29T13:31:46.716-05:00");
        assert_eq!(wire(t, offset!(+0)), "2025-01-29T18:31:46.716+00:00");
    }

    #[test]
    fn reads_dates_local_times_and_rfc3339() {
        let off = offset!(-5);
        assert_eq!(
            parse("2019-02-25", off),
            Some(datetime!(2019-02-25 00:00 -5))
        );
        assert_eq!(
            parse("2019-02-25T10:00:00Z", off),
            Some(datetime!(2019-02-25 10:00 UTC))
        );
        assert_eq!(
            parse("2019-02-25T10:00:00.123-05:00", off),
            Some(datetime!(2019-02-25 10:00:00.123 -5))
        );
        assert_eq!(
            parse("2019-02-25 10:00:00", off),
            Some(datetime!(2019-02-25 10:00 -5))
        );
        assert_eq!(parse("yesterday", off), None);
        assert_eq!(parse("", off), None);
    }

    #[test]
    fn start_of_day_is_local_midnight() {
        let t = datetime!(2025-01-30 03:00 UTC);
        assert_eq!(start_of_day(t, offset!(-5)), datetime!(2025-01-29 00:00 -5));
    }
}
