//! Condition values: how a number, text, flag, time or `null` is written on the right of a
//! ConnectWise condition.

use std::fmt;

use psa_core::{Error, ErrorKind, Result};
use time::OffsetDateTime;

use crate::models::format_datetime;

/// A value on the right of a condition, written the way ConnectWise parses it.
///
/// Strings are double-quoted with `\` and `"` escaped by a backslash; numbers are bare;
/// flags are `true`/`false`; timestamps are `[yyyy-MM-ddTHH:mm:ssZ]` in UTC; `null` is the
/// keyword.
///
/// ```
/// use psa_connectwise::CondValue;
/// assert_eq!(CondValue::from("Say \"hi\"").to_string(), r#""Say \"hi\"""#);
/// assert_eq!(CondValue::from(42).to_string(), "42");
/// assert_eq!(CondValue::from(true).to_string(), "true");
/// assert_eq!(CondValue::from(time::macros::datetime!(2016-08-20 18:04:26 UTC)).to_string(), "[2016-08-20T18:04:26Z]");
/// assert_eq!(CondValue::Null.to_string(), "null");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum CondValue {
    /// A string.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// A flag.
    Bool(bool),
    /// A timestamp.
    DateTime(OffsetDateTime),
    /// `null`.
    Null,
}

impl From<&str> for CondValue {
    fn from(v: &str) -> Self {
        CondValue::Str(v.to_string())
    }
}
impl From<String> for CondValue {
    fn from(v: String) -> Self {
        CondValue::Str(v)
    }
}
impl From<&String> for CondValue {
    fn from(v: &String) -> Self {
        CondValue::Str(v.clone())
    }
}
impl From<i64> for CondValue {
    fn from(v: i64) -> Self {
        CondValue::Int(v)
    }
}
impl From<i32> for CondValue {
    fn from(v: i32) -> Self {
        CondValue::Int(i64::from(v))
    }
}
impl From<u32> for CondValue {
    fn from(v: u32) -> Self {
        CondValue::Int(i64::from(v))
    }
}
impl From<f64> for CondValue {
    fn from(v: f64) -> Self {
        CondValue::Float(v)
    }
}
impl From<bool> for CondValue {
    fn from(v: bool) -> Self {
        CondValue::Bool(v)
    }
}
impl From<OffsetDateTime> for CondValue {
    fn from(v: OffsetDateTime) -> Self {
        CondValue::DateTime(v)
    }
}
impl<T: Into<CondValue>> From<Option<T>> for CondValue {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(CondValue::Null)
    }
}

fn quote(s: &str, pattern: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // `like` and `contains` become SQL LIKE on the server, where `[` opens a character
            // class; ConnectWise documents `[[]` for a literal bracket.
            '[' if pattern => out.push_str("[[]"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl CondValue {
    pub(super) fn render(&self, pattern: bool) -> Result<String> {
        Ok(match self {
            CondValue::Str(s) => quote(s, pattern),
            CondValue::Int(i) => i.to_string(),
            CondValue::Float(f) if f.is_finite() => {
                let s = f.to_string();
                if s.contains('e') || s.contains('E') {
                    format!("{f:.6}")
                } else {
                    s
                }
            }
            CondValue::Float(f) => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!("{f} cannot be used in a condition"),
                ));
            }
            CondValue::Bool(b) => b.to_string(),
            CondValue::DateTime(t) => format!("[{}]", format_datetime(*t)),
            CondValue::Null => "null".to_string(),
        })
    }
}

impl fmt::Display for CondValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.render(false) {
            Ok(s) => f.write_str(&s),
            Err(_) => f.write_str("<invalid>"),
        }
    }
}
