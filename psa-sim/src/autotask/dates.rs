//! Timestamps as Autotask writes and reads them.
//!
//! Autotask stores UTC. Replies have been seen both with `Z` and a variable number of fraction
//! digits (`2019-08-18T01:00:00.000Z`) and without a `Z` (`2024-01-31T15:04:05.307`)
//! (Autotask's documentation and observed traffic). The sim writes what .NET's JSON writer produces for a UTC
//! `DateTime`: a `Z` and the fraction with trailing zeros trimmed (`…:33.82Z`, `…:33Z`), so
//! clients meet variable fractions. Inputs are accepted with or without `Z`, with an offset, or
//! as a bare date.

use time::format_description::FormatItem;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

const SECONDS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
const FRACTION: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
const DATE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Formats a time as UTC with `Z` and a trimmed fraction (at most milliseconds).
pub(crate) fn wire(t: OffsetDateTime) -> String {
    let t = t.checked_to_offset(UtcOffset::UTC).unwrap_or(t);
    let head = t.format(SECONDS).unwrap_or_else(|_| t.to_string());
    let millis = t.millisecond();
    if millis == 0 {
        return format!("{head}Z");
    }
    let frac = format!("{millis:03}");
    format!("{head}.{}Z", frac.trim_end_matches('0'))
}

/// Parses an input time: RFC 3339, a time without offset (taken as UTC, as Autotask does), or
/// a date (midnight UTC).
pub(crate) fn parse(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        // Autotask stores UTC (.NET `DateTime`, years 1–9999): a time whose UTC form leaves
        // that range cannot be stored and is refused like any other unreadable date.
        return t.checked_to_offset(UtcOffset::UTC);
    }
    for fmt in [FRACTION, SECONDS] {
        if let Ok(p) = PrimitiveDateTime::parse(s, fmt) {
            return Some(p.assume_utc());
        }
    }
    Date::parse(s, DATE)
        .ok()
        .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc())
}

pub(crate) use crate::common::clock::now_ms as now;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn writes_utc_with_a_trimmed_fraction() {
        assert_eq!(
            wire(datetime!(2024-03-05 14:21:33.820 UTC)),
            "2024-03-05T14:21:33.82Z"
        );
        assert_eq!(
            wire(datetime!(2024-03-05 14:21:33 UTC)),
            "2024-03-05T14:21:33Z"
        );
        assert_eq!(
            wire(datetime!(2024-03-05 09:21:33.5 -5)),
            "2024-03-05T14:21:33.5Z"
        );
    }

    #[test]
    fn a_time_beyond_year_9999_in_utc_is_unreadable_not_a_panic() {
        assert_eq!(parse("9999-12-31T23:30:00-05:00"), None);
        assert!(wire(datetime!(9999-12-31 23:30 -5)).starts_with("9999-12-31T23:30:00"));
    }

    #[test]
    fn reads_every_shape_seen() {
        let t = datetime!(2024-01-31 15:04:05.307 UTC);
        assert_eq!(parse("2024-01-31T15:04:05.307Z"), Some(t));
        assert_eq!(parse("2024-01-31T15:04:05.307"), Some(t));
        assert_eq!(parse("2024-01-31T10:04:05.307-05:00"), Some(t));
        assert_eq!(
            parse("2024-01-31"),
            Some(datetime!(2024-01-31 00:00:00 UTC))
        );
        assert_eq!(parse("last tuesday"), None);
    }
}
