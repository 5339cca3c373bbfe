//! Token authentication: the API token goes in the `Authorization` header, never in a URL.
//!
//! Syncro's spec declares an `apiKey` scheme in the `Authorization` header. Public clients send
//! it as `Bearer <token>` (live-tested by several) or bare; both work. This crate sends
//! `Bearer <token>` unless told otherwise ([`AuthScheme::Bare`]). The `?api_key=` query form
//! that some clients use is never used here: URLs end up in logs.

use std::fmt;

use psa_core::Error;
use psa_core::transport::Request;
use secrecy::{ExposeSecret, SecretString};

/// How the token is written in the `Authorization` header.
///
/// ```
/// assert_eq!(psa_syncro::AuthScheme::default(), psa_syncro::AuthScheme::Bearer);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`.
    #[default]
    Bearer,
    /// `Authorization: <token>`.
    Bare,
}

/// The API token, kept secret.
#[derive(Clone)]
pub(crate) struct Token {
    secret: SecretString,
    scheme: AuthScheme,
}

impl Token {
    /// Checks a token as given (a leading `Bearer ` is accepted and removed).
    pub(crate) fn new(
        raw: &SecretString,
        setting: &str,
        scheme: AuthScheme,
    ) -> psa_core::Result<Token> {
        let text = raw.expose_secret().trim();
        let text = match text.get(..7) {
            Some(p) if p.eq_ignore_ascii_case("bearer ") => text[7..].trim(),
            _ => text,
        };
        if text.is_empty() {
            return Err(Error::config(
                setting,
                "is empty; create a token under your username > Profile/Password > API Tokens",
            ));
        }
        if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(Error::config(
                setting,
                "contains spaces, line breaks or control characters; paste the token exactly as Syncro showed it",
            ));
        }
        if !text.is_ascii() {
            return Err(Error::config(
                setting,
                "contains non-ASCII characters; paste the token exactly as Syncro showed it",
            ));
        }
        Ok(Token {
            secret: SecretString::from(text.to_string()),
            scheme,
        })
    }

    pub(crate) fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// Adds the `Authorization` header, marked sensitive.
    pub(crate) fn authorize(&self, req: Request) -> psa_core::Result<Request> {
        let value = match self.scheme {
            AuthScheme::Bearer => format!("Bearer {}", self.secret.expose_secret()),
            AuthScheme::Bare => self.secret.expose_secret().to_string(),
        };
        req.sensitive_header("Authorization", &value)
            .map_err(|_| Error::config("api_token", "cannot be sent in an HTTP header"))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({:?}, [redacted])", self.scheme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_and_never_printed() {
        let t = Token::new(
            &SecretString::from("  Bearer T0k3n-abc  "),
            "api_token",
            AuthScheme::Bearer,
        )
        .unwrap();
        assert_eq!(t.secret().expose_secret(), "T0k3n-abc");
        assert!(!format!("{t:?}").contains("T0k3n"));
        for bad in ["", "   ", "abc def", "abc\ndef", "tøken"] {
            let e = Token::new(
                &SecretString::from(bad),
                "SYNCRO_API_TOKEN",
                AuthScheme::Bearer,
            )
            .unwrap_err();
            assert!(e.to_string().contains("SYNCRO_API_TOKEN"), "{e}");
        }
    }

    #[test]
    fn header_forms() {
        let url: url::Url = "https://acme.syncromsp.com/api/v1/me".parse().unwrap();
        let t = Token::new(
            &SecretString::from("abc123"),
            "api_token",
            AuthScheme::Bearer,
        )
        .unwrap();
        let r = t.authorize(Request::get(url.clone())).unwrap();
        assert_eq!(r.headers()["authorization"], "Bearer abc123");
        assert!(r.headers()["authorization"].is_sensitive());
        let t = Token::new(&SecretString::from("abc123"), "api_token", AuthScheme::Bare).unwrap();
        let r = t.authorize(Request::get(url)).unwrap();
        assert_eq!(r.headers()["authorization"], "abc123");
    }
}
