use std::fmt;

use serde::{Deserialize, Serialize};

/// The PSA product a connector, model or error belongs to.
///
/// ```
/// use psa_core::Vendor;
/// assert_eq!(Vendor::ConnectWise.to_string(), "ConnectWise PSA");
/// assert_eq!(serde_json::to_string(&Vendor::Syncro).unwrap(), "\"syncro\"");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vendor {
    /// Kaseya Autotask PSA (REST API v1.0).
    Autotask,
    /// ConnectWise PSA, formerly ConnectWise Manage (REST API 3.0).
    #[serde(rename = "connectwise")]
    ConnectWise,
    /// Syncro (REST API v1; RepairShopr shares the same API).
    Syncro,
}

impl Vendor {
    /// The short, stable identifier used in JSON and on command lines (`autotask`, …).
    ///
    /// ```
    /// assert_eq!(psa_core::Vendor::Autotask.id(), "autotask");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Vendor::Autotask => "autotask",
            Vendor::ConnectWise => "connectwise",
            Vendor::Syncro => "syncro",
        }
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vendor::Autotask => "Autotask",
            Vendor::ConnectWise => "ConnectWise PSA",
            Vendor::Syncro => "Syncro",
        })
    }
}
