use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// Query parameters whose values are always removed from URLs shown in errors and logs.
const SECRET_PARAMS: &[&str] = &[
    "api_key",
    "apikey",
    "key",
    "token",
    "access_token",
    "secret",
    "password",
    "signature",
    "sig",
    "auth",
    "user_token",
    "client_secret",
];

const MASK: &str = "[redacted]";

/// A URL fit for errors and logs: no user info, secret query values masked.
///
/// ```
/// let url = "https://user:pw@acme.syncromsp.com/api/v1/tickets?page=2&api_key=s3cret".parse().unwrap();
/// let shown = psa_core::transport::redact_url(&url);
/// assert_eq!(shown, "https://acme.syncromsp.com/api/v1/tickets?page=2&api_key=%5Bredacted%5D");
/// ```
pub fn redact_url(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    if u.query().is_some() {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let secret = SECRET_PARAMS.iter().any(|p| k.eq_ignore_ascii_case(p));
                (
                    k.into_owned(),
                    if secret {
                        MASK.to_string()
                    } else {
                        v.into_owned()
                    },
                )
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

/// A URL shown redacted ([`redact_url`]) only when it is formatted: tracing span fields and
/// error messages format it, a request that is neither logged nor fails never pays for it.
pub(crate) struct Shown<'a>(pub(crate) &'a Url);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_url(self.0))
    }
}

/// Removes known secret values from text (error bodies that echo a token, for example).
///
/// ```
/// use secrecy::SecretString;
/// let r = psa_core::transport::Redactor::new().secret(&SecretString::from("hunter2-very-secret"));
/// assert_eq!(r.scrub("bad key hunter2-very-secret"), "bad key [redacted]");
/// assert!(!format!("{r:?}").contains("hunter2"));
/// ```
#[derive(Clone, Default)]
pub struct Redactor {
    secrets: Vec<SecretString>,
}

impl Redactor {
    /// A redactor that knows no secrets yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a secret to remove (values shorter than 4 characters are ignored: too common).
    pub fn secret(mut self, s: &SecretString) -> Self {
        if s.expose_secret().len() >= 4 {
            self.secrets.push(s.clone());
        }
        self
    }

    /// Adds a secret given as plain text.
    pub fn secret_str(self, s: &str) -> Self {
        self.secret(&SecretString::from(s.to_string()))
    }

    /// Replaces every known secret in `text`.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            let s = s.expose_secret();
            if out.contains(s) {
                out = out.replace(s, MASK);
            }
        }
        out
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_url_is_the_redacted_url_only_when_formatted() {
        let url: Url = "https://u:pw@acme.syncromsp.com/api/v1/tickets?page=2&api_key=s3cret"
            .parse()
            .unwrap();
        let shown = Shown(&url).to_string();
        assert_eq!(shown, redact_url(&url));
        assert!(
            !shown.contains("s3cret") && !shown.contains("pw@"),
            "{shown}"
        );
        assert!(shown.contains("page=2"), "{shown}");
    }
}
