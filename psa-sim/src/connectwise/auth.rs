//! Authentication ([DG] "Authentication"): `Authorization: Basic base64(company+public:private)`
//! plus the `clientId` header, and the request throttle.

use std::collections::VecDeque;
use std::time::Duration;

use axum::response::Response;
use base64::Engine;
use http::{HeaderMap, StatusCode};
use tokio::time::Instant;

use super::wire;
use crate::common::rng;

/// The API member's keys and the integration's clientId.
#[derive(Clone)]
pub(crate) struct Creds {
    pub(crate) company: String,
    pub(crate) public_key: String,
    pub(crate) private_key: String,
    pub(crate) client_id: String,
}

impl std::fmt::Debug for Creds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Creds")
            .field("company", &self.company)
            .field("public_key", &self.public_key)
            .field("private_key", &"[redacted]")
            .field("client_id", &"[redacted]")
            .finish()
    }
}

impl Creds {
    /// Derives keys from the seed: same seed, same keys.
    pub(crate) fn generated(company: &str, seed: u64) -> Creds {
        let mut rng = rng::seeded(seed, 0x0C0F_FEE0);
        let alnum = rng::alphanumeric;
        Creds {
            company: company.to_string(),
            public_key: alnum(&mut rng, 16),
            private_key: alnum(&mut rng, 16),
            client_id: wire::guid(seed ^ 0xC1_1E_47),
        }
    }

    /// The `Authorization` header value a client sends.
    pub(crate) fn basic(&self) -> String {
        let raw = format!("{}+{}:{}", self.company, self.public_key, self.private_key);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }

    /// Checks the credentials of a request; `Err` is the vendor's 401.
    pub(crate) fn check(&self, headers: &HeaderMap) -> Result<(), Response> {
        let incorrect = || {
            wire::error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "The supplied authentication is incorrect",
            )
        };
        let header = headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let Some((scheme, token)) = header.trim().split_once(' ') else {
            return Err(incorrect());
        };
        if !scheme.eq_ignore_ascii_case("basic") {
            return Err(incorrect());
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(token.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok());
        let Some(decoded) = decoded else {
            return Err(incorrect());
        };
        let Some((user, pass)) = decoded.split_once(':') else {
            return Err(incorrect());
        };
        let Some((company, public)) = user.split_once('+') else {
            return Err(incorrect());
        };
        // Company ids are case-insensitive at login; keys are not.
        if !company.eq_ignore_ascii_case(&self.company)
            || public != self.public_key
            || pass != self.private_key
        {
            return Err(incorrect());
        }
        // The clientId header (any case) has been required since 2019; its 401 body is not
        // public (facts §2, unverified), so the simulator names the header in the message.
        let client_id = headers
            .get("clientid")
            .and_then(|v| v.to_str().ok())
            .map(str::trim);
        match client_id {
            Some(id) if id.eq_ignore_ascii_case(&self.client_id) => Ok(()),
            Some(_) => Err(wire::error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "The clientId header does not match an active integration.",
            )),
            None => Err(wire::error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "A clientId header is required.",
            )),
        }
    }
}

/// A sliding-window request counter: at most `limit` requests in any `window`.
#[derive(Debug)]
pub(crate) struct RateWindow {
    limit: u32,
    window: Duration,
    seen: VecDeque<Instant>,
}

impl RateWindow {
    pub(crate) fn new(limit: u32, window: Duration) -> RateWindow {
        RateWindow {
            limit: limit.max(1),
            window,
            seen: VecDeque::new(),
        }
    }

    /// Counts a request; `Err(seconds)` when it is over the limit (not counted then).
    pub(crate) fn admit(&mut self, now: Instant) -> Result<(), u64> {
        while let Some(first) = self.seen.front() {
            if now.duration_since(*first) >= self.window {
                self.seen.pop_front();
            } else {
                break;
            }
        }
        if (self.seen.len() as u32) < self.limit {
            self.seen.push_back(now);
            return Ok(());
        }
        let oldest = self.seen.front().copied().unwrap_or(now);
        let wait = (oldest + self.window).saturating_duration_since(now);
        Err(wait.as_secs_f64().ceil().max(1.0) as u64)
    }
}

/// Reads the version of an `Accept: application/vnd.connectwise.com+json; version=2025.1` header.
/// A version that is not `year.release` gets the error the real service gave for `version=3.0.0`
/// (covenanttechnologysolutions/connectwise-rest #35).
pub(crate) fn check_accept(headers: &HeaderMap, path: &str) -> Result<(), Response> {
    let accepts = headers
        .get_all(http::header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok());
    for param in accepts.flat_map(|a| a.split([';', ','])) {
        let Some((k, v)) = param.split_once('=') else {
            continue;
        };
        if !k.trim().eq_ignore_ascii_case("version") {
            continue;
        }
        let v = v.trim().trim_matches('"');
        let ok = v.split_once('.').is_some_and(|(y, r)| {
            y.len() == 4 && y.parse::<u32>().is_ok() && r.parse::<u32>().is_ok()
        });
        if !ok {
            return Err(wire::bad_request(format!(
                "The HTTP resource that matches the request URI '{path}' does not support the API version '0.0'."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn accepts_the_right_keys_only() {
        let c = Creds::generated("training", 1);
        let ok = headers(&[
            ("authorization", &c.basic()),
            ("clientid", &c.client_id.to_uppercase()),
        ]);
        assert!(c.check(&ok).is_ok());
        let no_client = headers(&[("authorization", &c.basic())]);
        assert_eq!(c.check(&no_client).unwrap_err().status(), 401);
        let wrong_client = headers(&[("authorization", &c.basic()), ("clientid", "nope")]);
        assert_eq!(c.check(&wrong_client).unwrap_err().status(), 401);
        let mut bad = c.clone();
        bad.private_key.push('x');
        let wrong = headers(&[("authorization", &bad.basic()), ("clientid", &c.client_id)]);
        assert_eq!(c.check(&wrong).unwrap_err().status(), 401);
        let garbage = headers(&[("authorization", "Basic !!!"), ("clientid", &c.client_id)]);
        assert_eq!(c.check(&garbage).unwrap_err().status(), 401);
    }

    #[test]
    fn debug_hides_secrets() {
        let c = Creds::generated("training", 1);
        let s = format!("{c:?}");
        assert!(!s.contains(&c.private_key) && !s.contains(&c.client_id));
    }

    #[test]
    fn window_limits_and_tells_the_wait() {
        let mut w = RateWindow::new(2, Duration::from_secs(10));
        let t0 = Instant::now();
        assert!(w.admit(t0).is_ok());
        assert!(w.admit(t0).is_ok());
        assert_eq!(w.admit(t0 + Duration::from_secs(3)), Err(7));
        assert!(w.admit(t0 + Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn accept_versions() {
        assert!(
            check_accept(
                &headers(&[(
                    "accept",
                    "application/vnd.connectwise.com+json; version=2025.1"
                )]),
                "/x"
            )
            .is_ok()
        );
        assert!(check_accept(&headers(&[("accept", "application/json")]), "/x").is_ok());
        assert!(
            check_accept(
                &headers(&[(
                    "accept",
                    "application/vnd.connectwise.com+json; version=3.0.0"
                )]),
                "/x"
            )
            .is_err()
        );
    }
}
