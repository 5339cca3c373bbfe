//! Reading request bodies the way the real service's JSON.NET binding does: members matched
//! case-insensitively, unknown members rejected with "Could not find member 'X' on object of
//! type 'T'. Path 'X', line L, position P." (jundis/CWSlack-SlashCommands #132), wrong types
//! rejected with "Error converting value …".

use axum::response::Response;
use serde_json::{Map, Value};

use crate::connectwise::listing::ListReq;
use crate::connectwise::state::Req;
use crate::connectwise::wire;

/// Parses a JSON object body; anything else is a 400 with the parser's words.
pub(crate) fn object(body: &[u8], type_name: &str) -> Result<Map<String, Value>, Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(wire::bad_request(format!(
            "The request body is empty; a {type_name} object is required."
        )));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(wire::bad_request(format!(
            "Cannot deserialize the current JSON {} into type '{type_name}' because the type requires a JSON object.",
            kind(&other)
        ))),
        Err(e) => Err(wire::bad_request(format!(
            "Unexpected character encountered while parsing value. Path '', line {}, position {}.",
            e.line(),
            e.column()
        ))),
    }
}

/// Parses any JSON body (patch documents).
pub(crate) fn any(body: &[u8]) -> Result<Value, Response> {
    serde_json::from_slice::<Value>(body).map_err(|e| {
        wire::bad_request(format!(
            "Unexpected character encountered while parsing value. Path '', line {}, position {}.",
            e.line(),
            e.column()
        ))
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Null => "null",
        Value::Object(_) => "object",
    }
}

/// The "Could not find member" rejection, with the line and position of the key in the body.
pub(crate) fn unknown_member(body: &[u8], path: &str, member: &str, type_name: &str) -> Response {
    let text = String::from_utf8_lossy(body);
    let needle = format!("\"{member}\"");
    let (line, position) = match text.find(&needle) {
        Some(at) => {
            let before = &text[..at + needle.len()];
            let line = before.matches('\n').count() + 1;
            let col = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            (line, col)
        }
        None => (1, 1),
    };
    wire::bad_request(format!(
        "Could not find member '{member}' on object of type '{type_name}'. Path '{path}', line {line}, position {position}."
    ))
}

/// Checks every key of an object against a member list (case-insensitive).
pub(crate) fn check_members(
    body: &[u8],
    obj: &Map<String, Value>,
    members: &[&str],
    type_name: &str,
    prefix: &str,
) -> Result<(), Response> {
    for key in obj.keys() {
        if !members.iter().any(|m| m.eq_ignore_ascii_case(key)) {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            return Err(unknown_member(body, &path, key, type_name));
        }
    }
    Ok(())
}

/// "Error converting value X to type 'T'. Path 'p'."
pub(crate) fn conversion_error(v: &Value, type_name: &str, path: &str) -> Response {
    let shown = match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    };
    wire::bad_request(format!(
        "Error converting value {shown} to type '{type_name}'. Path '{path}'."
    ))
}

/// A member's value by case-insensitive name.
pub(crate) fn member<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// A boolean member (`null`/absent → default).
pub(crate) fn flag(obj: &Map<String, Value>, name: &str, default: bool) -> Result<bool, Response> {
    match member(obj, name) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(other) => Err(conversion_error(other, "System.Boolean", name)),
    }
}

/// A string member (`None` when absent or null).
pub(crate) fn string(obj: &Map<String, Value>, name: &str) -> Result<Option<String>, Response> {
    match member(obj, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
        Some(other) => Err(conversion_error(other, "System.String", name)),
    }
}

/// An integer member.
pub(crate) fn int(obj: &Map<String, Value>, name: &str) -> Result<Option<i64>, Response> {
    match member(obj, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64()),
        Some(Value::String(s)) if s.trim().parse::<i64>().is_ok() => Ok(s.trim().parse().ok()),
        Some(other) => Err(conversion_error(other, "System.Int32", name)),
    }
}

/// A handler's outcome; both sides are complete responses.
pub(crate) type Handled = Result<Response, Response>;

/// The list parameters of a request (query string, plus a `/search` body).
pub(crate) fn list_req<'a>(req: &'a Req, body: Option<&'a Map<String, Value>>) -> ListReq<'a> {
    ListReq {
        query: &req.query,
        headers: &req.headers,
        link_base: req.url.clone(),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_member_names_line_and_position() {
        let body = br#"{"summary":"x",
 "enteredBy":"me"}"#;
        let obj = object(body, "Ticket").unwrap();
        let resp = check_members(body, &obj, &["summary"], "Ticket", "").unwrap_err();
        assert_eq!(resp.status(), 400);
    }

    #[test]
    fn members_match_case_insensitively() {
        let body = br#"{"Summary":"x"}"#;
        let obj = object(body, "Ticket").unwrap();
        assert!(check_members(body, &obj, &["summary"], "Ticket", "").is_ok());
        assert_eq!(string(&obj, "summary").unwrap().as_deref(), Some("x"));
    }

    #[test]
    fn bodies_that_are_not_objects() {
        assert_eq!(object(b"[1]", "Ticket").unwrap_err().status(), 400);
        assert_eq!(object(b"{nope", "Ticket").unwrap_err().status(), 400);
        assert_eq!(object(b"  ", "Ticket").unwrap_err().status(), 400);
    }

    #[test]
    fn typed_members() {
        let obj = object(br#"{"a":true,"b":"7","c":[1]}"#, "T").unwrap();
        assert!(flag(&obj, "a", false).unwrap());
        assert_eq!(int(&obj, "b").unwrap(), Some(7));
        assert!(string(&obj, "c").is_err());
        assert!(!flag(&obj, "missing", false).unwrap());
    }
}
