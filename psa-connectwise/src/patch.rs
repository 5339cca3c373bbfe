//! JSON-patch updates: `[{"op":"replace","path":"summary","value":"…"}]`.

use psa_core::{Error, ErrorKind, Result};
use serde::Serialize;
use serde_json::Value;

use crate::models::{CustomField, Reference};

/// A JSON-patch operation, always written in lower case.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PatchOpKind {
    /// `add`
    Add,
    /// `replace`
    Replace,
    /// `remove`
    Remove,
}

/// One operation of a [`Patch`].
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchOp {
    /// The operation.
    pub op: PatchOpKind,
    /// The field path; case-sensitive (`summary`, `status`, `customFields`).
    pub path: String,
    /// The new value (absent for `remove`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// A ConnectWise PATCH body: a list of operations sent as a JSON array.
///
/// ConnectWise wants whole reference objects replaced (`path: "status"` with `{"id": 5}`, never
/// `status/id`) and custom fields replaced as the whole array; the helpers do exactly that.
///
/// ```
/// use psa_connectwise::{Patch, models::Reference};
/// let p = Patch::new()
///     .summary("Printer fixed")
///     .status(Reference::id(5))
///     .replace("company", Reference::identifier("New Company"));
/// assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::json!([
///     {"op": "replace", "path": "summary", "value": "Printer fixed"},
///     {"op": "replace", "path": "status", "value": {"id": 5}},
///     {"op": "replace", "path": "company", "value": {"identifier": "New Company"}}
/// ]));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    ops: Vec<PatchOp>,
    /// A value that could not be turned into JSON; reported by `validate`.
    invalid: Option<String>,
}

impl Serialize for Patch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.ops.serialize(s)
    }
}

impl Patch {
    /// An empty patch.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(mut self, op: PatchOpKind, path: &str, value: Option<Value>) -> Self {
        self.ops.push(PatchOp {
            op,
            path: path.to_string(),
            value,
        });
        self
    }

    /// `replace` a field with any serializable value (a reference, text, a number…).
    pub fn replace(self, path: &str, value: impl Serialize) -> Self {
        self.with_value(PatchOpKind::Replace, path, value)
    }

    /// `add` a value.
    pub fn add(self, path: &str, value: impl Serialize) -> Self {
        self.with_value(PatchOpKind::Add, path, value)
    }

    fn with_value(mut self, op: PatchOpKind, path: &str, value: impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => self.push(op, path, Some(v)),
            Err(e) => {
                self.invalid
                    .get_or_insert_with(|| format!("the value for {path:?} is not JSON: {e}"));
                self
            }
        }
    }

    /// `remove` a field.
    pub fn remove(self, path: &str) -> Self {
        self.push(PatchOpKind::Remove, path, None)
    }

    /// Replaces the summary.
    pub fn summary(self, summary: impl Into<String>) -> Self {
        self.replace("summary", summary.into())
    }

    /// Replaces the status (it must belong to the ticket's board).
    pub fn status(self, status: Reference) -> Self {
        self.replace("status", status)
    }

    /// Replaces the priority.
    pub fn priority(self, priority: Reference) -> Self {
        self.replace("priority", priority)
    }

    /// Moves the ticket to another board.
    pub fn board(self, board: Reference) -> Self {
        self.replace("board", board)
    }

    /// Replaces the owner.
    pub fn owner(self, owner: Reference) -> Self {
        self.replace("owner", owner)
    }

    /// Replaces the contact.
    pub fn contact(self, contact: Reference) -> Self {
        self.replace("contact", contact)
    }

    /// Replaces the whole custom-field array (ConnectWise needs every field, not one).
    ///
    /// ```
    /// use psa_connectwise::{Patch, models::CustomField};
    /// let p = Patch::new().custom_fields(vec![CustomField::new(4, "A-17"), CustomField::new(5, true)]);
    /// assert_eq!(serde_json::to_value(&p).unwrap()[0]["value"][1], serde_json::json!({"id": 5, "value": true}));
    /// ```
    pub fn custom_fields(self, fields: Vec<CustomField>) -> Self {
        self.replace("customFields", fields)
    }

    /// The operations.
    pub fn ops(&self) -> &[PatchOp] {
        &self.ops
    }

    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Checks there is something to send and every path is a plain field path.
    ///
    /// ```
    /// use psa_connectwise::Patch;
    /// assert!(Patch::new().validate().is_err());
    /// assert!(Patch::new().replace("status/id", 5).validate().is_err());
    /// assert!(Patch::new().replace("summary", "x").validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let Some(why) = &self.invalid {
            return Err(Error::new(ErrorKind::Validation, why.clone()));
        }
        if self.ops.is_empty() {
            return Err(Error::new(
                ErrorKind::Validation,
                "the patch changes nothing",
            ));
        }
        for op in &self.ops {
            let p = op.path.trim_start_matches('/');
            if p.is_empty() {
                return Err(Error::new(ErrorKind::Validation, "a patch path is empty")
                    .with_fields(["path"]));
            }
            let last = p.rsplit('/').next().unwrap_or(p);
            if op.op == PatchOpKind::Replace
                && p.contains('/')
                && matches!(last, "id" | "identifier" | "name")
            {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "patch path {:?} changes part of a reference, which ConnectWise may answer with a false 200; replace the whole reference (path {:?}, value {{\"id\": …}})",
                        op.path,
                        p.rsplit_once('/').map(|(a, _)| a).unwrap_or(p)
                    ),
                )
                .with_fields([op.path.clone()]));
            }
        }
        Ok(())
    }
}
