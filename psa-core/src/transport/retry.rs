use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::RetryConfig;

/// The wait before retry number `retry` (1-based): a random time between zero and
/// `min(max_backoff, initial_backoff * 2^(retry-1))` ("full jitter").
///
/// ```
/// use std::time::Duration;
/// let cfg = psa_core::RetryConfig::default().initial_backoff(Duration::from_millis(100)).max_backoff(Duration::from_secs(1));
/// for n in 1..10 {
///     assert!(psa_core::transport::backoff_delay(&cfg, n) <= Duration::from_secs(1));
/// }
/// ```
pub fn backoff_delay(cfg: &RetryConfig, retry: u32) -> Duration {
    let exp = retry.saturating_sub(1).min(20);
    let ceiling = cfg
        .initial_backoff
        .saturating_mul(1u32 << exp)
        .min(cfg.max_backoff);
    let nanos = ceiling.as_nanos().min(u128::from(u64::MAX)) as u64;
    if nanos == 0 {
        return Duration::ZERO;
    }
    Duration::from_nanos(fastrand::u64(0..=nanos))
}

/// Reads `Retry-After` as seconds or as an HTTP date.
///
/// ```
/// let mut h = http::HeaderMap::new();
/// h.insert("retry-after", "2".parse().unwrap());
/// assert_eq!(psa_core::transport::parse_retry_after(&h), Some(std::time::Duration::from_secs(2)));
/// ```
pub fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = v.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Some(Duration::from_secs_f64(secs));
    }
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(v, fmt).ok()?.assume_utc();
    let at: SystemTime = at.into();
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_date_in_the_past_is_zero() {
        let mut h = HeaderMap::new();
        h.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(parse_retry_after(&h), Some(Duration::ZERO));
    }

    #[test]
    fn http_date_in_the_future_is_positive() {
        let at = time::OffsetDateTime::now_utc() + time::Duration::seconds(120);
        let fmt = time::macros::format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        );
        let mut h = HeaderMap::new();
        h.insert("retry-after", at.format(fmt).unwrap().parse().unwrap());
        let d = parse_retry_after(&h).unwrap();
        assert!(
            d > Duration::from_secs(100) && d <= Duration::from_secs(121),
            "{d:?}"
        );
    }

    #[test]
    fn garbage_is_ignored() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(parse_retry_after(&h), None);
    }
}
