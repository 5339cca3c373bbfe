//! API-member credentials: `Authorization: Basic base64("{company}+{public}:{private}")` and the
//! `clientId` header.

use std::fmt;

use base64::Engine;
use psa_core::{Error, Result};
use secrecy::{ExposeSecret, SecretString};

/// The credentials of a ConnectWise API member plus the integration's `clientId`.
///
/// The private key and the client id are secrets: they live in [`SecretString`]s and `Debug`
/// prints them as `[redacted]`.
///
/// ```
/// use psa_connectwise::Credentials;
/// let c = Credentials::new("training", "pub123", "priv-secret-456", "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab").unwrap();
/// let shown = format!("{c:?}");
/// assert!(shown.contains("training") && !shown.contains("priv-secret-456") && !shown.contains("0f1e2d3c"));
/// ```
#[derive(Clone)]
pub struct Credentials {
    company_id: String,
    public_key: String,
    private_key: SecretString,
    client_id: SecretString,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("company_id", &self.company_id)
            .field("public_key", &self.public_key)
            .field("private_key", &"[redacted]")
            .field("client_id", &"[redacted]")
            .finish()
    }
}

impl Credentials {
    /// Checks and wraps the four values; each problem is a `Config` error naming the setting.
    pub fn new(
        company_id: &str,
        public_key: &str,
        private_key: &str,
        client_id: &str,
    ) -> Result<Credentials> {
        Credentials::from_secrets(
            company_id,
            public_key,
            SecretString::from(private_key.to_string()),
            SecretString::from(client_id.to_string()),
        )
    }

    pub(crate) fn from_secrets(
        company_id: &str,
        public_key: &str,
        private_key: SecretString,
        client_id: SecretString,
    ) -> Result<Credentials> {
        Ok(Credentials {
            company_id: check_company_id(company_id)?,
            public_key: check_public_key(public_key)?,
            private_key: check_secret("private_key", private_key)?,
            client_id: check_client_id(client_id)?,
        })
    }

    /// The company id (the login company, e.g. `training`).
    pub fn company_id(&self) -> &str {
        &self.company_id
    }

    /// The API member's public key.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The `Authorization` header value.
    pub(crate) fn authorization(&self) -> SecretString {
        let raw = format!(
            "{}+{}:{}",
            self.company_id,
            self.public_key,
            self.private_key.expose_secret()
        );
        SecretString::from(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw.as_bytes())
        ))
    }

    pub(crate) fn client_id(&self) -> &SecretString {
        &self.client_id
    }

    pub(crate) fn private_key(&self) -> &SecretString {
        &self.private_key
    }
}

/// Company ids are short login names: letters, digits, `_`, `-`, `.`.
pub(crate) fn check_company_id(v: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(Error::config(
            "company_id",
            "is empty; it is the company you log in with (e.g. `training`)",
        ));
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(Error::config(
            "company_id",
            format!(
                "{v:?} has characters a ConnectWise company id never has (only letters, digits, `_`, `-`, `.`)"
            ),
        ));
    }
    Ok(v.to_string())
}

fn check_public_key(v: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(Error::config(
            "public_key",
            "is empty; copy it from System > Members > API Members > (member) > API Keys",
        ));
    }
    if v.chars()
        .any(|c| c == ':' || c == '+' || c.is_whitespace() || c.is_control())
    {
        return Err(Error::config(
            "public_key",
            "contains `:`, `+`, spaces or control characters; paste the public key alone",
        ));
    }
    Ok(v.to_string())
}

fn check_secret(setting: &str, v: SecretString) -> Result<SecretString> {
    let s = v.expose_secret();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return Err(Error::config(setting, "is empty"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::config(
            setting,
            "contains control characters or line breaks",
        ));
    }
    if trimmed.len() != s.len() {
        return Ok(SecretString::from(trimmed.to_string()));
    }
    Ok(v)
}

fn check_client_id(v: SecretString) -> Result<SecretString> {
    let v = check_secret("client_id", v)?;
    if v.expose_secret().chars().any(char::is_whitespace) {
        return Err(Error::config(
            "client_id",
            "contains spaces; it is the GUID from developer.connectwise.com/ClientID",
        ));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_is_basic_company_plus_public_colon_private() {
        let c = Credentials::new("training", "pubkey", "privkey", "cid").unwrap();
        // python3 -c 'import base64;print(base64.b64encode(b"training+pubkey:privkey").decode())'
        assert_eq!(
            c.authorization().expose_secret(),
            "Basic dHJhaW5pbmcrcHVia2V5OnByaXZrZXk="
        );
    }

    #[test]
    fn bad_values_name_their_setting() {
        for (args, setting) in [
            (("", "p", "s", "c"), "company_id"),
            (("a b", "p", "s", "c"), "company_id"),
            (("co", "", "s", "c"), "public_key"),
            (("co", "p:q", "s", "c"), "public_key"),
            (("co", "p", " ", "c"), "private_key"),
            (("co", "p", "s", ""), "client_id"),
            (("co", "p", "s", "a\nb"), "client_id"),
        ] {
            let e = Credentials::new(args.0, args.1, args.2, args.3).unwrap_err();
            assert!(e.to_string().contains(setting), "{e}");
            assert_eq!(e.kind(), psa_core::ErrorKind::Config);
        }
    }
}
