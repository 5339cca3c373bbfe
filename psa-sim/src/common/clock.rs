//! The clock every simulator stamps records with.

use time::OffsetDateTime;

/// Now, truncated to milliseconds (the finest any of the three wire formats carries), so what
/// a simulator stores and what it sends agree.
pub(crate) fn now_ms() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_carries_whole_milliseconds() {
        assert_eq!(now_ms().nanosecond() % 1_000_000, 0);
    }
}
