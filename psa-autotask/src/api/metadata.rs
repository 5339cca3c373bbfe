//! Metadata calls: entity information, fields and picklists (cached), thresholds, version,
//! and the status → stage map built from the tenant's labels.

use std::sync::Arc;

use http::Method;
use psa_core::{Error, ErrorKind, Result, Stage, StageMap, Vendor};
use serde::Deserialize;

use super::decode;
use crate::AutotaskClient;
use crate::client::{Call, entity_of};
use crate::models::{
    ApiVersion, EntityInformation, FieldInformation, PicklistValue, ThresholdInformation,
    UdfFieldInformation,
};

#[derive(Deserialize)]
struct InfoAnswer {
    #[serde(default)]
    info: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct FieldsAnswer {
    #[serde(default)]
    fields: Option<Vec<serde_json::Value>>,
}

/// A picklist with its labels.
///
/// ```
/// use psa_autotask::Picklist;
/// let p = Picklist::from_pairs("status", [("1", "New"), ("5", "Complete")]);
/// assert_eq!(p.label_of("5"), Some("Complete"));
/// assert_eq!(p.resolve("complete"), Some("5"));
/// assert_eq!(p.resolve("1"), Some("1"));
/// assert_eq!(p.resolve("Closed"), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picklist {
    field: String,
    values: Vec<PicklistValue>,
}

impl Picklist {
    /// The picklist of a field as Autotask describes it, in display order.
    pub fn new(field: impl Into<String>, mut values: Vec<PicklistValue>) -> Self {
        values.sort_by_key(|v| v.sort_order.unwrap_or(i64::MAX));
        Picklist {
            field: field.into(),
            values,
        }
    }

    /// A picklist from `(value, label)` pairs (for tests and fixed setups).
    pub fn from_pairs<'a>(
        field: impl Into<String>,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let values = pairs
            .into_iter()
            .map(|(v, l)| PicklistValue {
                value: Some(v.to_string()),
                label: Some(l.to_string()),
                is_active: Some(true),
                ..Default::default()
            })
            .collect();
        Picklist::new(field, values)
    }

    /// The field name.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// All values, active or not.
    pub fn values(&self) -> &[PicklistValue] {
        &self.values
    }

    /// The label of a value.
    pub fn label_of(&self, value: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.value.as_deref() == Some(value.trim()))
            .and_then(|v| v.label.as_deref())
    }

    /// A value given as itself or as its label (case-insensitive).
    pub fn resolve(&self, value_or_label: &str) -> Option<&str> {
        let key = value_or_label.trim();
        self.values
            .iter()
            .find(|v| v.value.as_deref() == Some(key))
            .or_else(|| {
                self.values.iter().find(|v| {
                    v.label
                        .as_deref()
                        .is_some_and(|l| l.trim().eq_ignore_ascii_case(key))
                })
            })
            .and_then(|v| v.value.as_deref())
    }

    /// The value Autotask uses when none is given.
    pub fn default_value(&self) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.is_default_value == Some(true))
            .and_then(|v| v.value.as_deref())
    }
}

/// The ticket picklists, labels resolved.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketPicklists {
    /// `status`.
    pub status: Picklist,
    /// `priority`.
    pub priority: Picklist,
    /// `queueID`.
    pub queue: Picklist,
    /// `source`.
    pub source: Picklist,
    /// `issueType`.
    pub issue_type: Picklist,
    /// `subIssueType` (each value's `parent_value` is its issue type).
    pub sub_issue_type: Picklist,
    /// `ticketType`.
    pub ticket_type: Picklist,
    /// `ticketCategory`.
    pub ticket_category: Picklist,
}

impl AutotaskClient {
    /// `GET /{entity}/entityInformation`: what the entity supports and the API user's rights.
    pub async fn entity_information(&self, entity: &str) -> Result<EntityInformation> {
        entity_of(entity)?;
        let path = format!("{entity}/entityInformation");
        let answer: InfoAnswer = self
            .execute(Call::read(Method::GET, &path, None, entity.to_string()))
            .await?
            .json()?;
        match answer.info {
            Some(info) if !info.is_null() => decode(info),
            _ => Err(Error::new(
                ErrorKind::Decode,
                format!("{entity}/entityInformation has no info"),
            )
            .with_vendor(Vendor::Autotask)),
        }
    }

    /// `GET /{entity}/entityInformation/fields`, cached for the picklist TTL.
    pub async fn fields(&self, entity: &str) -> Result<Arc<Vec<FieldInformation>>> {
        entity_of(entity)?;
        if let Some(hit) = self.inner.fields.get(entity) {
            return Ok(hit);
        }
        let path = format!("{entity}/entityInformation/fields");
        let answer: FieldsAnswer = self
            .execute(Call::read(Method::GET, &path, None, entity.to_string()))
            .await?
            .json()?;
        let fields = answer
            .fields
            .unwrap_or_default()
            .into_iter()
            .map(decode)
            .collect::<Result<Vec<FieldInformation>>>()?;
        let fields = Arc::new(fields);
        self.inner.fields.put(entity, fields.clone());
        Ok(fields)
    }

    /// Forgets cached field information and picklists.
    pub fn refresh_picklists(&self) {
        self.inner.fields.clear();
    }

    /// `GET /{entity}/entityInformation/userDefinedFields`.
    pub async fn udf_fields(&self, entity: &str) -> Result<Vec<UdfFieldInformation>> {
        entity_of(entity)?;
        let path = format!("{entity}/entityInformation/userDefinedFields");
        let answer: FieldsAnswer = self
            .execute(Call::read(Method::GET, &path, None, entity.to_string()))
            .await?
            .json()?;
        answer
            .fields
            .unwrap_or_default()
            .into_iter()
            .map(decode)
            .collect()
    }

    /// The picklist of one field of an entity (empty when the field is not a picklist;
    /// [`ErrorKind::NotFound`] when the entity has no such field).
    pub async fn picklist(&self, entity: &str, field: &str) -> Result<Picklist> {
        let fields = self.fields(entity).await?;
        let f = fields
            .iter()
            .find(|f| {
                f.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(field))
            })
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("{entity} has no field {field:?}"),
                )
                .with_vendor(Vendor::Autotask)
                .with_entity(entity)
            })?;
        Ok(Picklist::new(field, f.picklist().to_vec()))
    }

    /// The ticket picklists (status, priority, queue, source, issue type, …), from one cached
    /// `Tickets/entityInformation/fields` call.
    pub async fn ticket_picklists(&self) -> Result<TicketPicklists> {
        let fields = self.fields("Tickets").await?;
        let pick = |name: &str| {
            let values = fields
                .iter()
                .find(|f| {
                    f.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
                .map(|f| f.picklist().to_vec())
                .unwrap_or_default();
            Picklist::new(name, values)
        };
        Ok(TicketPicklists {
            status: pick("status"),
            priority: pick("priority"),
            queue: pick("queueID"),
            source: pick("source"),
            issue_type: pick("issueType"),
            sub_issue_type: pick("subIssueType"),
            ticket_type: pick("ticketType"),
            ticket_category: pick("ticketCategory"),
        })
    }

    /// The status → stage map: the one set on the builder, or one built from this tenant's
    /// status labels (see [`stage_map_from_statuses`]).
    pub async fn stage_map(&self) -> Result<StageMap> {
        if let Some(m) = &self.inner.stage_map {
            return Ok(m.clone());
        }
        Ok(stage_map_from_statuses(
            &self.ticket_picklists().await?.status,
        ))
    }

    /// `GET /V1.0/ThresholdInformation`: the database's hourly quota and its use. Also feeds
    /// adaptive pacing.
    pub async fn threshold(&self) -> Result<ThresholdInformation> {
        let t = self.fetch_threshold().await?;
        if let Some(p) = &self.inner.pacer {
            p.record(t.usage_ratio());
        }
        Ok(t)
    }

    pub(crate) async fn fetch_threshold(&self) -> Result<ThresholdInformation> {
        let call = Call::read(
            Method::GET,
            "ThresholdInformation",
            None,
            "ThresholdInformation".into(),
        )
        .unpaced();
        self.execute(call).await?.json()
    }

    /// `GET /V1.0/Version`: checks the credentials without touching any entity.
    pub async fn version(&self) -> Result<ApiVersion> {
        self.execute(Call::read(Method::GET, "Version", None, "Version".into()))
            .await?
            .json()
    }
}

/// A stage map for a tenant's status picklist: each status is placed by its label using
/// psa-core's Autotask defaults ("New" → New, "In Progress" → Working, "Waiting Customer" →
/// Waiting, "Complete" → Resolved, …), then by words in the label ("waiting", "hold",
/// "progress", "complete", "closed", "resolved"), then by the stock value (5 = Complete).
///
/// ```
/// use psa_autotask::{Picklist, stage_map_from_statuses};
/// use psa_core::Stage;
/// let statuses = Picklist::from_pairs("status", [("1", "New"), ("5", "Complete"), ("7", "Waiting Customer"), ("21", "Waiting on 3rd party"), ("8", "In Progress")]);
/// let map = stage_map_from_statuses(&statuses);
/// assert_eq!(map.lookup("5"), Some(Stage::Resolved));
/// assert_eq!(map.lookup("7"), Some(Stage::Waiting));
/// assert_eq!(map.lookup("21"), Some(Stage::Waiting));
/// assert_eq!(map.lookup("8"), Some(Stage::Working));
/// ```
pub fn stage_map_from_statuses(statuses: &Picklist) -> StageMap {
    let defaults = StageMap::default_for(Vendor::Autotask);
    let mut map = StageMap::new();
    for v in statuses.values() {
        let (Some(value), label) = (v.value.as_deref(), v.label.as_deref().unwrap_or("")) else {
            continue;
        };
        let stage = defaults
            .lookup(label)
            .or_else(|| stage_from_words(label))
            .or_else(|| {
                if value == "5" {
                    Some(Stage::Resolved)
                } else {
                    None
                }
            })
            .or_else(|| {
                if label.is_empty() {
                    defaults.lookup(value)
                } else {
                    None
                }
            });
        if let Some(stage) = stage {
            map.set(value, stage);
            if !label.is_empty() {
                map.set(label, stage);
            }
        }
    }
    map
}

fn stage_from_words(label: &str) -> Option<Stage> {
    let l = label.to_ascii_lowercase();
    let has = |w: &str| l.contains(w);
    if has("complete") || has("closed") || has("resolved") || has("cancel") {
        Some(Stage::Resolved)
    } else if has("waiting") || has("hold") || has("pending") {
        Some(Stage::Waiting)
    } else if has("progress") || has("working") || has("reopen") || has("re-open") {
        Some(Stage::Working)
    } else if has("dispatch") || has("assigned") || has("scheduled") || has("triage") {
        Some(Stage::Triaged)
    } else if has("new") {
        Some(Stage::New)
    } else {
        None
    }
}
