use serde::{Deserialize, Serialize};

use crate::Stage;

/// A ticket status as the vendor defines it.
///
/// `id` is the vendor's key as text: an Autotask picklist value (`"5"`), a ConnectWise board
/// status id, or a Syncro status name (Syncro statuses have no numeric id).
///
/// ```
/// let s = psa_core::Status::new("5", "Complete").closed(true);
/// assert!(s.is_closed);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The vendor's key for the status.
    pub id: String,
    /// The label shown in the PSA.
    pub name: String,
    /// Whether tickets in this status count as closed.
    pub is_closed: bool,
    /// Whether the status is active (selectable).
    pub is_active: bool,
    /// The stage this status maps to, when a [`crate::StageMap`] is known.
    pub stage: Option<Stage>,
}

impl Status {
    /// A new active, open status.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Status {
            id: id.into(),
            name: name.into(),
            is_closed: false,
            is_active: true,
            stage: None,
        }
    }

    /// Marks the status closed or open.
    pub fn closed(mut self, closed: bool) -> Self {
        self.is_closed = closed;
        self
    }
}

/// A ticket priority.
///
/// ```
/// let p = psa_core::Priority::new("2", "Medium");
/// assert_eq!(p.name, "Medium");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    /// The vendor's key for the priority (Syncro: the label itself).
    pub id: String,
    /// The label shown in the PSA.
    pub name: String,
    /// Whether the priority is active.
    pub is_active: bool,
}

impl Priority {
    /// A new active priority.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Priority {
            id: id.into(),
            name: name.into(),
            is_active: true,
        }
    }
}

/// Where tickets are routed: an Autotask queue or a ConnectWise service board.
///
/// ```
/// let q = psa_core::Queue::new("29683482", "Level I Support");
/// assert_eq!(q.id, "29683482");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// The vendor's key for the queue or board.
    pub id: String,
    /// The label shown in the PSA.
    pub name: String,
    /// Whether the queue is active.
    pub is_active: bool,
}

impl Queue {
    /// A new active queue.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Queue {
            id: id.into(),
            name: name.into(),
            is_active: true,
        }
    }
}
