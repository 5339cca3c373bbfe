//! User-defined fields (UDFs).

use serde::{Deserialize, Serialize};

/// One user-defined field: `{"name":"CustomerRanking","value":"Golden"}`.
///
/// Autotask carries UDF values as text whatever the UDF's type. Multi-select and reference UDFs
/// are not supported by the REST API.
///
/// ```
/// let u = psa_autotask::models::UserDefinedField::new("CustomerRanking", "Golden");
/// assert_eq!(serde_json::to_value(&u).unwrap(), serde_json::json!({"name": "CustomerRanking", "value": "Golden"}));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDefinedField {
    /// The UDF's name as defined in Autotask.
    #[serde(default)]
    pub name: String,
    /// Its value as text; `None` when empty.
    #[serde(default, with = "crate::models::wire::opt")]
    pub value: Option<String>,
}

impl UserDefinedField {
    /// A UDF with a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        UserDefinedField {
            name: name.into(),
            value: Some(value.into()),
        }
    }
}

pub(crate) fn find<'a>(udfs: Option<&'a [UserDefinedField]>, name: &str) -> Option<&'a str> {
    udfs?
        .iter()
        .find(|u| u.name.eq_ignore_ascii_case(name))
        .and_then(|u| u.value.as_deref())
}

pub(crate) fn set(udfs: &mut Option<Vec<UserDefinedField>>, name: String, value: String) {
    let list = udfs.get_or_insert_with(Vec::new);
    match list.iter_mut().find(|u| u.name.eq_ignore_ascii_case(&name)) {
        Some(u) => u.value = Some(value),
        None => list.push(UserDefinedField::new(name, value)),
    }
}
