use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{Status, Vendor};

/// Where a ticket stands, in the five steps a client portal shows.
///
/// ```
/// assert_eq!(serde_json::to_string(&psa_core::Stage::Waiting).unwrap(), "\"waiting\"");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Newly created, not yet looked at.
    New,
    /// Reviewed and categorised.
    Triaged,
    /// Being worked on.
    Working,
    /// Waiting for the customer or a third party.
    Waiting,
    /// Done.
    Resolved,
}

/// Maps vendor statuses to [`Stage`]s.
///
/// Lookups try the status id first, then its name (case-insensitive). Each vendor has defaults
/// built from its stock status names; callers override or add entries.
///
/// ```
/// use psa_core::{Stage, StageMap, Status, Vendor};
/// let mut map = StageMap::default_for(Vendor::Autotask);
/// assert_eq!(map.stage_of(&Status::new("5", "Complete")), Some(Stage::Resolved));
/// map.set("Dispatched", Stage::Working);
/// assert_eq!(map.stage_of(&Status::new("11", "dispatched")), Some(Stage::Working));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMap {
    entries: HashMap<String, Stage>,
}

const COMMON: &[(&str, Stage)] = &[
    ("new", Stage::New),
    ("open", Stage::New),
    ("triaged", Stage::Triaged),
    ("assigned", Stage::Triaged),
    ("scheduled", Stage::Triaged),
    ("in progress", Stage::Working),
    ("in-progress", Stage::Working),
    ("working", Stage::Working),
    ("customer reply", Stage::Working),
    ("waiting customer", Stage::Waiting),
    ("waiting on customer", Stage::Waiting),
    ("waiting for parts", Stage::Waiting),
    ("waiting materials", Stage::Waiting),
    ("waiting vendor", Stage::Waiting),
    ("on hold", Stage::Waiting),
    ("complete", Stage::Resolved),
    ("completed", Stage::Resolved),
    ("closed", Stage::Resolved),
    ("resolved", Stage::Resolved),
    ("invoiced", Stage::Resolved),
];

const AUTOTASK: &[(&str, Stage)] = &[
    // Autotask's stock ticket status picklist: 1 New, 5 Complete, 7 Waiting Customer,
    // 8 In Progress, 9 Waiting Materials, 10 Dispatched, 12 Waiting Vendor, 13 On Hold.
    ("1", Stage::New),
    ("5", Stage::Resolved),
    ("7", Stage::Waiting),
    ("8", Stage::Working),
    ("9", Stage::Waiting),
    ("10", Stage::Triaged),
    ("dispatched", Stage::Triaged),
    ("12", Stage::Waiting),
    ("13", Stage::Waiting),
];

const CONNECTWISE: &[(&str, Stage)] = &[
    ("enter", Stage::New),
    ("new (portal)", Stage::New),
    ("new (email connector)", Stage::New),
    ("assigned", Stage::Triaged),
    ("scheduled", Stage::Triaged),
    ("re-opened", Stage::Working),
    ("waiting on client", Stage::Waiting),
    ("customer updated", Stage::Working),
    ("completed", Stage::Resolved),
    (">closed", Stage::Resolved),
    ("closed (resolved)", Stage::Resolved),
];

impl StageMap {
    /// An empty map.
    pub fn new() -> Self {
        StageMap::default()
    }

    /// The defaults for a vendor's stock statuses.
    pub fn default_for(vendor: Vendor) -> Self {
        let mut map = StageMap::new();
        for (k, v) in COMMON {
            map.set(k, *v);
        }
        let extra = match vendor {
            Vendor::Autotask => AUTOTASK,
            Vendor::ConnectWise => CONNECTWISE,
            Vendor::Syncro => &[],
        };
        for (k, v) in extra {
            map.set(k, *v);
        }
        map
    }

    /// Maps a status id or name to a stage, replacing any earlier entry.
    pub fn set(&mut self, id_or_name: &str, stage: Stage) -> &mut Self {
        self.entries.insert(id_or_name.trim().to_lowercase(), stage);
        self
    }

    /// The stage of a status, by id, then name.
    pub fn stage_of(&self, status: &Status) -> Option<Stage> {
        self.lookup(&status.id)
            .or_else(|| self.lookup(&status.name))
            .or(if status.is_closed {
                Some(Stage::Resolved)
            } else {
                None
            })
    }

    /// The stage for a bare status id or name.
    pub fn lookup(&self, id_or_name: &str) -> Option<Stage> {
        self.entries.get(&id_or_name.trim().to_lowercase()).copied()
    }

    /// Fills in `stage` on each status.
    pub fn annotate(&self, statuses: &mut [Status]) {
        for s in statuses {
            s.stage = self.stage_of(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syncro_defaults_cover_stock_statuses() {
        let map = StageMap::default_for(Vendor::Syncro);
        for (name, stage) in [
            ("New", Stage::New),
            ("In Progress", Stage::Working),
            ("Waiting on Customer", Stage::Waiting),
            ("Waiting for Parts", Stage::Waiting),
            ("Scheduled", Stage::Triaged),
            ("Customer Reply", Stage::Working),
            ("Resolved", Stage::Resolved),
            ("Invoiced", Stage::Resolved),
        ] {
            assert_eq!(map.lookup(name), Some(stage), "{name}");
        }
    }

    #[test]
    fn closed_statuses_fall_back_to_resolved() {
        let map = StageMap::new();
        assert_eq!(
            map.stage_of(&Status::new("77", "Tenant Specific").closed(true)),
            Some(Stage::Resolved)
        );
        assert_eq!(map.stage_of(&Status::new("78", "Other")), None);
    }
}
