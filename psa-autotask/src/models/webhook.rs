//! How a webhook's signing key travels on the wire. The webhook models themselves (ticket,
//! company and contact) are one shape, declared once in `entity_webhook.rs`.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::wire::WireValue;

impl WireValue for SecretString {
    fn from_wire(v: Value) -> Result<Option<Self>, String> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(SecretString::from(s))),
            _ => Err("expected text".into()),
        }
    }
    fn to_wire(&self) -> Value {
        Value::String(self.expose_secret().to_string())
    }
}
