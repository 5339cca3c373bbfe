//! JSON-patch updates ([DG] "PATCH"): `[{"op":"replace","path":"summary","value":"…"}]`.
//!
//! `op` is add, replace or remove; `path` is case-sensitive and names a member of the record
//! (with or without a leading `/`; nested as `company/identifier` or JSON-pointer style with
//! array indices, `/communicationItems/1/value`). A path naming no member is rejected with the
//! wording of the real service, "path X is not valid" (christaylorcodes/ConnectWiseManageAPI #4).

use serde_json::{Map, Value};

/// Applies a patch document to a record's JSON. `is_member` decides which top-level members exist
/// (exact, case-sensitive).
pub(crate) fn apply(
    target: &mut Value,
    doc: &Value,
    is_member: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let ops = doc.as_array().ok_or_else(|| {
        "The request body must be a JSON array of patch operations: [{\"op\":\"replace\",\"path\":\"…\",\"value\":…}]"
            .to_string()
    })?;
    if ops.is_empty() {
        return Err("The patch document contains no operations.".to_string());
    }
    for op in ops {
        let obj = op
            .as_object()
            .ok_or_else(|| "Each patch operation must be a JSON object.".to_string())?;
        let get = |k: &str| {
            obj.iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .map(|(_, v)| v)
        };
        let kind = get("op")
            .and_then(Value::as_str)
            .ok_or_else(|| "A patch operation has no op.".to_string())?;
        let path = get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| "A patch operation has no path.".to_string())?;
        let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let Some(top) = segs.first().filter(|s| !s.is_empty()) else {
            return Err(format!("path {path} is not valid"));
        };
        if !is_member(top) {
            return Err(format!("path {path} is not valid"));
        }
        match kind.to_ascii_lowercase().as_str() {
            "add" | "replace" => {
                let value = get("value")
                    .cloned()
                    .ok_or_else(|| format!("The {kind} operation on {path} has no value."))?;
                set(target, &segs, value, kind.eq_ignore_ascii_case("add"))
                    .map_err(|_| format!("path {path} is not valid"))?;
            }
            "remove" => remove(target, &segs).map_err(|_| format!("path {path} is not valid"))?,
            other => {
                return Err(format!(
                    "The patch operation '{other}' is not supported; use add, replace or remove."
                ));
            }
        }
    }
    Ok(())
}

fn set(cur: &mut Value, segs: &[&str], value: Value, add: bool) -> Result<(), ()> {
    let (head, rest) = segs.split_first().ok_or(())?;
    if rest.is_empty() {
        return match cur {
            Value::Object(m) => {
                m.insert((*head).to_string(), value);
                Ok(())
            }
            Value::Array(a) => {
                if *head == "-" {
                    a.push(value);
                    return Ok(());
                }
                let i: usize = head.parse().map_err(|_| ())?;
                if add && i <= a.len() {
                    a.insert(i, value);
                    Ok(())
                } else if i < a.len() {
                    a[i] = value;
                    Ok(())
                } else {
                    Err(())
                }
            }
            _ => Err(()),
        };
    }
    match cur {
        Value::Object(m) => {
            let child = m
                .entry((*head).to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if child.is_null() {
                *child = Value::Object(Map::new());
            }
            set(child, rest, value, add)
        }
        Value::Array(a) => {
            let i: usize = head.parse().map_err(|_| ())?;
            set(a.get_mut(i).ok_or(())?, rest, value, add)
        }
        _ => Err(()),
    }
}

fn remove(cur: &mut Value, segs: &[&str]) -> Result<(), ()> {
    let (head, rest) = segs.split_first().ok_or(())?;
    if rest.is_empty() {
        return match cur {
            Value::Object(m) => {
                // Removing a member of a typed record sets it to null.
                m.insert((*head).to_string(), Value::Null);
                Ok(())
            }
            Value::Array(a) => {
                let i: usize = head.parse().map_err(|_| ())?;
                if i < a.len() {
                    a.remove(i);
                    Ok(())
                } else {
                    Err(())
                }
            }
            _ => Err(()),
        };
    }
    match cur {
        Value::Object(m) => match m.get_mut(*head) {
            Some(child) => remove(child, rest),
            None => Ok(()),
        },
        Value::Array(a) => {
            let i: usize = head.parse().map_err(|_| ())?;
            remove(a.get_mut(i).ok_or(())?, rest)
        }
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn members(m: &str) -> bool {
        [
            "summary",
            "company",
            "status",
            "customFields",
            "externalXRef",
        ]
        .contains(&m)
    }

    #[test]
    fn replace_add_remove() {
        let mut t =
            json!({"summary": "a", "company": {"id": 1}, "customFields": [{"id": 1}, {"id": 2}]});
        let doc = json!([
            {"op": "replace", "path": "summary", "value": "b"},
            {"op": "replace", "path": "/company/id", "value": 2},
            {"op": "add", "path": "externalXRef", "value": "x-1"},
            {"op": "Remove", "path": "/customFields/0"},
            {"op": "add", "path": "/customFields/-", "value": {"id": 3}},
        ]);
        apply(&mut t, &doc, &members).unwrap();
        assert_eq!(t["summary"], "b");
        assert_eq!(t["company"]["id"], 2);
        assert_eq!(t["externalXRef"], "x-1");
        assert_eq!(t["customFields"], json!([{"id": 2}, {"id": 3}]));
    }

    #[test]
    fn paths_are_case_sensitive() {
        let mut t = json!({"summary": "a"});
        let err = apply(
            &mut t,
            &json!([{"op": "replace", "path": "Summary", "value": "b"}]),
            &members,
        )
        .unwrap_err();
        assert_eq!(err, "path Summary is not valid");
        assert_eq!(t["summary"], "a");
    }

    #[test]
    fn bad_documents() {
        let mut t = json!({"summary": "a", "customFields": []});
        assert!(apply(&mut t, &json!({"op": "replace"}), &members).is_err());
        assert!(apply(&mut t, &json!([]), &members).is_err());
        assert!(
            apply(
                &mut t,
                &json!([{"op": "move", "path": "summary", "value": 1}]),
                &members
            )
            .is_err()
        );
        assert!(
            apply(
                &mut t,
                &json!([{"op": "replace", "path": "summary"}]),
                &members
            )
            .is_err()
        );
        assert!(
            apply(
                &mut t,
                &json!([{"op": "replace", "path": "/customFields/9/value", "value": 1}]),
                &members
            )
            .is_err()
        );
    }

    #[test]
    fn remove_sets_null() {
        let mut t = json!({"summary": "a"});
        apply(
            &mut t,
            &json!([{"op": "remove", "path": "summary"}]),
            &members,
        )
        .unwrap();
        assert!(t["summary"].is_null());
    }
}
