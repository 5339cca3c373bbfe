//! The one parser and formatter for vendor timestamps.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Parses a vendor timestamp, keeping the offset it was sent with.
///
/// Accepted forms (surrounding whitespace ignored):
/// - RFC 3339 with `Z` or an offset, any number of fractional digits
///   (`2025-01-29T13:31:46.716-05:00`, `2019-08-18T01:00:00.0000000Z`); digits past the ninth are
///   dropped;
/// - a date and time without a zone, read as UTC (`2024-01-31T15:04:05.307`);
/// - a space instead of `T`, and a ` UTC` suffix (`2019-11-04 08:59:31 UTC`);
/// - a bare date, read as midnight UTC (`2019-08-18`).
///
/// Anything else is `None`, never a panic. A leap second (`23:59:60`) is accepted only where
/// RFC 3339 allows it and reads as the last nanosecond of that minute.
///
/// ```
/// use psa_core::wire::parse_datetime;
/// let t = parse_datetime("2025-01-29T13:31:46.716-05:00").unwrap();
/// assert_eq!(t.offset().whole_hours(), -5);
/// assert_eq!(parse_datetime("2019-11-04 08:59:31 UTC"), parse_datetime("2019-11-04T08:59:31Z"));
/// assert!(parse_datetime("yesterday").is_none());
/// ```
pub fn parse_datetime(text: &str) -> Option<OffsetDateTime> {
    let s = text.trim();
    if s.is_empty() || !s.is_ascii() {
        return None;
    }
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let (body, utc_suffix) = match s.len().checked_sub(4) {
        Some(at) if s[at..].eq_ignore_ascii_case(" utc") => (s[..at].trim_end(), true),
        _ => (s, false),
    };
    if body.len() == 10 {
        return parse_rfc3339(&format!("{body}T00:00:00Z"));
    }
    let (date, rest) = (body.get(..10)?, body.get(11..)?);
    if !matches!(body.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    let has_zone = rest.ends_with(['Z', 'z']) || has_numeric_offset(rest);
    if has_zone && utc_suffix {
        return None;
    }
    let zone = if has_zone { "" } else { "Z" };
    parse_rfc3339(&format!("{date}T{}{zone}", truncate_fraction(rest)?))
}

/// Parses a vendor timestamp (see [`parse_datetime`]) and converts it to UTC; a time whose UTC
/// form falls outside the years 0000–9999 (`9999-12-31T23:00:00-05:00`) keeps its own offset
/// instead of panicking.
///
/// ```
/// use psa_core::wire::parse_datetime_utc;
/// let t = parse_datetime_utc("2024-01-31T16:04:05+01:00").unwrap();
/// assert!(t.offset().is_utc());
/// assert_eq!(t.hour(), 15);
/// let edge = parse_datetime_utc("9999-12-31T23:00:00-05:00").unwrap();
/// assert_eq!(edge.offset().whole_hours(), -5);
/// ```
pub fn parse_datetime_utc(text: &str) -> Option<OffsetDateTime> {
    parse_datetime(text).map(to_utc)
}

/// The same instant in UTC, or unchanged when its UTC form falls outside the years 0000–9999.
///
/// ```
/// let t = time::macros::datetime!(2024-01-31 16:00 +01:00);
/// assert!(psa_core::wire::to_utc(t).offset().is_utc());
/// ```
pub fn to_utc(t: OffsetDateTime) -> OffsetDateTime {
    utc_in_range(t).unwrap_or(t)
}

/// The UTC form of `t` when its year is one RFC 3339 can write (0000–9999).
fn utc_in_range(t: OffsetDateTime) -> Option<OffsetDateTime> {
    t.checked_to_offset(UtcOffset::UTC)
        .filter(|utc| (0..=9999).contains(&utc.year()))
}

/// Formats a time as ISO 8601 in UTC with `fraction_digits` (at most 9) fractional digits and
/// `Z`; a time whose UTC form falls outside the years 0000–9999 keeps its own offset (`+hh:mm`),
/// so whatever [`parse_datetime`] read formats back to text it reads again. Never panics.
///
/// ```
/// use psa_core::wire::format_datetime;
/// let t = time::macros::datetime!(2024-01-31 15:04:05.307_123 +01:00);
/// assert_eq!(format_datetime(t, 3), "2024-01-31T14:04:05.307Z");
/// assert_eq!(format_datetime(t, 0), "2024-01-31T14:04:05Z");
/// ```
pub fn format_datetime(t: OffsetDateTime, fraction_digits: u8) -> String {
    let (t, zone) = match utc_in_range(t) {
        Some(utc) => (utc, "Z".to_string()),
        _ => {
            let (h, m, _) = t.offset().as_hms();
            let sign = if t.offset().is_negative() { '-' } else { '+' };
            (
                t,
                format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs()),
            )
        }
    };
    let digits = usize::from(fraction_digits.min(9));
    let fraction = if digits == 0 {
        String::new()
    } else {
        let nanos = format!("{:09}", t.nanosecond());
        format!(".{}", nanos.get(..digits).unwrap_or(&nanos))
    };
    format!(
        "{}{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}{zone}",
        if t.year() < 0 { "-" } else { "" },
        t.year().unsigned_abs(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
    )
}

fn parse_rfc3339(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

fn has_numeric_offset(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() > 6 && {
        let z = &b[b.len() - 6..];
        matches!(z[0], b'+' | b'-')
            && z[1].is_ascii_digit()
            && z[2].is_ascii_digit()
            && z[3] == b':'
            && z[4].is_ascii_digit()
            && z[5].is_ascii_digit()
    }
}

/// `hh:mm:ss.fffffffffff[zone]` with at most nine fractional digits; `None` for an empty or
/// non-numeric fraction.
fn truncate_fraction(rest: &str) -> Option<String> {
    let Some((main, frac_and_zone)) = rest.split_once('.') else {
        return Some(rest.to_string());
    };
    let digits = frac_and_zone.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (frac, zone) = frac_and_zone.split_at(digits);
    Some(format!("{main}.{}{zone}", &frac[..digits.min(9)]))
}
