use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{CompanyId, ContactId, OpportunityId, ResourceId, Vendor};

/// A sales opportunity, mapped from the vendor's record (Autotask opportunity, ConnectWise
/// sales opportunity). Syncro has none: its connector leaves
/// [`Capability::ReadOpportunities`](crate::Capability::ReadOpportunities) out and returns
/// [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported).
///
/// `stage`, `status` and `category` are the vendor's keys as text, like [`crate::Status::id`]:
/// see [`BusinessConnector::list_opportunity_stages`](crate::BusinessConnector::list_opportunity_stages).
///
/// ```
/// use psa_core::{Opportunity, OpportunityId, Vendor};
/// let mut o = Opportunity::new(Vendor::Autotask, OpportunityId(4), "Firewall refresh", serde_json::json!({"id": 4}).into());
/// o.amount = Some(12_500.0);
/// assert_eq!(o.vendor_record.to_value()?["id"], 4);
/// # Ok::<(), psa_core::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    /// The PSA the record came from.
    pub vendor: Vendor,
    /// The vendor's id.
    pub id: OpportunityId,
    /// Title / name.
    pub title: String,
    /// Description or notes, when the vendor returns them.
    pub description: Option<String>,
    /// The company (prospect or customer).
    pub company: Option<CompanyId>,
    /// The contact at the company.
    pub contact: Option<ContactId>,
    /// The resource (member) who owns it.
    pub owner: Option<ResourceId>,
    /// The stage key (see [`OpportunityStage`]).
    pub stage: Option<String>,
    /// The status key (Autotask: active/lost/closed/…; ConnectWise: opportunity status).
    pub status: Option<String>,
    /// The category or type key (Autotask category, ConnectWise opportunity type).
    pub category: Option<String>,
    /// Expected revenue in the PSA's currency, when the vendor keeps one amount.
    pub amount: Option<f64>,
    /// Probability of winning, in percent (0–100).
    pub probability: Option<u8>,
    /// Whether the opportunity is closed (won or lost).
    pub is_closed: bool,
    /// When it was created (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub created_at: Option<OffsetDateTime>,
    /// When it is expected to close (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub projected_close: Option<OffsetDateTime>,
    /// When it was closed (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub closed_at: Option<OffsetDateTime>,
    /// When it last changed (UTC).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub updated_at: Option<OffsetDateTime>,
    /// The vendor's record exactly as received.
    pub vendor_record: crate::VendorRecord,
}

impl Opportunity {
    /// An open opportunity with only the required fields set.
    pub fn new(
        vendor: Vendor,
        id: OpportunityId,
        title: impl Into<String>,
        vendor_record: crate::VendorRecord,
    ) -> Self {
        Opportunity {
            vendor,
            id,
            title: title.into(),
            description: None,
            company: None,
            contact: None,
            owner: None,
            stage: None,
            status: None,
            category: None,
            amount: None,
            probability: None,
            is_closed: false,
            created_at: None,
            projected_close: None,
            closed_at: None,
            updated_at: None,
            vendor_record,
        }
    }
}

/// An opportunity to create. Fill the blanks the way a tool's settings say with
/// [`OpportunityDefaults::apply`](crate::OpportunityDefaults::apply).
///
/// ```
/// use psa_core::{CompanyId, NewOpportunity, ResourceId};
/// let o = NewOpportunity::new("Firewall refresh")
///     .company(CompanyId(42))
///     .owner(ResourceId(7))
///     .amount(12_500.0)
///     .probability(40);
/// assert_eq!(o.title, "Firewall refresh");
/// assert_eq!(o.probability, Some(40));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewOpportunity {
    /// Title / name (required).
    pub title: String,
    /// Description or notes.
    pub description: Option<String>,
    /// Company (required by Autotask and ConnectWise).
    pub company: Option<CompanyId>,
    /// Contact at the company.
    pub contact: Option<ContactId>,
    /// Owner (required by Autotask; ConnectWise: the sales rep).
    pub owner: Option<ResourceId>,
    /// Stage key; the vendor's default when `None` (Autotask requires one).
    pub stage: Option<String>,
    /// Status key; the vendor's default (active / open) when `None`.
    pub status: Option<String>,
    /// Category or type key.
    pub category: Option<String>,
    /// Expected revenue.
    pub amount: Option<f64>,
    /// Probability of winning, in percent (0–100).
    pub probability: Option<u8>,
    /// When it is expected to close (UTC; required by Autotask and ConnectWise).
    #[serde(with = "crate::model::time_serde::option", default)]
    pub projected_close: Option<OffsetDateTime>,
}

impl NewOpportunity {
    /// An opportunity with a title.
    pub fn new(title: impl Into<String>) -> Self {
        NewOpportunity {
            title: title.into(),
            ..Self::default()
        }
    }
    /// Sets the description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// Sets the company.
    pub fn company(mut self, v: CompanyId) -> Self {
        self.company = Some(v);
        self
    }
    /// Sets the contact.
    pub fn contact(mut self, v: ContactId) -> Self {
        self.contact = Some(v);
        self
    }
    /// Sets the owner.
    pub fn owner(mut self, v: ResourceId) -> Self {
        self.owner = Some(v);
        self
    }
    /// Sets the stage key.
    pub fn stage(mut self, v: impl Into<String>) -> Self {
        self.stage = Some(v.into());
        self
    }
    /// Sets the status key.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Sets the category or type key.
    pub fn category(mut self, v: impl Into<String>) -> Self {
        self.category = Some(v.into());
        self
    }
    /// Sets the expected revenue.
    pub fn amount(mut self, v: f64) -> Self {
        self.amount = Some(v);
        self
    }
    /// Sets the probability in percent (values above 100 are rejected by
    /// [`validate`](Self::validate)).
    pub fn probability(mut self, v: u8) -> Self {
        self.probability = Some(v);
        self
    }
    /// Sets the projected close time.
    pub fn projected_close(mut self, v: OffsetDateTime) -> Self {
        self.projected_close = Some(v);
        self
    }

    /// Checks what every vendor requires before a request is sent: a non-blank title, a
    /// probability of at most 100, a finite amount.
    ///
    /// ```
    /// assert!(psa_core::NewOpportunity::new(" ").validate().is_err());
    /// assert!(psa_core::NewOpportunity::new("x").probability(101).validate().is_err());
    /// assert!(psa_core::NewOpportunity::new("x").validate().is_ok());
    /// ```
    pub fn validate(&self) -> crate::Result<()> {
        if self.title.trim().is_empty() {
            return Err(invalid(
                "an opportunity needs a title; set NewOpportunity::new(title)",
            ));
        }
        check_common(self.probability, self.amount)
    }
}

fn invalid(msg: &str) -> crate::Error {
    crate::Error::new(crate::ErrorKind::Validation, msg)
}

fn check_common(probability: Option<u8>, amount: Option<f64>) -> crate::Result<()> {
    if probability.is_some_and(|p| p > 100) {
        return Err(invalid(
            "an opportunity's probability is a percentage: use 0 to 100",
        ));
    }
    if amount.is_some_and(|a| !a.is_finite()) {
        return Err(invalid("an opportunity's amount must be a finite number"));
    }
    Ok(())
}

/// A change to an opportunity: only the fields set are sent.
///
/// ```
/// let u = psa_core::OpportunityUpdate::new().stage("4").probability(80);
/// assert!(!u.is_empty());
/// assert!(psa_core::OpportunityUpdate::new().is_empty());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OpportunityUpdate {
    /// New title.
    pub title: Option<String>,
    /// New owner.
    pub owner: Option<ResourceId>,
    /// New stage key.
    pub stage: Option<String>,
    /// New status key.
    pub status: Option<String>,
    /// New category or type key.
    pub category: Option<String>,
    /// New expected revenue.
    pub amount: Option<f64>,
    /// New probability in percent.
    pub probability: Option<u8>,
    /// New projected close time.
    #[serde(with = "crate::model::time_serde::option", default)]
    pub projected_close: Option<OffsetDateTime>,
}

impl OpportunityUpdate {
    /// An empty update.
    pub fn new() -> Self {
        Self::default()
    }
    /// Changes the title.
    pub fn title(mut self, v: impl Into<String>) -> Self {
        self.title = Some(v.into());
        self
    }
    /// Changes the owner.
    pub fn owner(mut self, v: ResourceId) -> Self {
        self.owner = Some(v);
        self
    }
    /// Changes the stage.
    pub fn stage(mut self, v: impl Into<String>) -> Self {
        self.stage = Some(v.into());
        self
    }
    /// Changes the status.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Changes the category or type.
    pub fn category(mut self, v: impl Into<String>) -> Self {
        self.category = Some(v.into());
        self
    }
    /// Changes the expected revenue.
    pub fn amount(mut self, v: f64) -> Self {
        self.amount = Some(v);
        self
    }
    /// Changes the probability.
    pub fn probability(mut self, v: u8) -> Self {
        self.probability = Some(v);
        self
    }
    /// Changes the projected close time.
    pub fn projected_close(mut self, v: OffsetDateTime) -> Self {
        self.projected_close = Some(v);
        self
    }
    /// Whether nothing is set (a connector rejects an empty update with a validation error).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Checks the update before a request is sent: not empty, a non-blank title if set, a
    /// probability of at most 100, a finite amount.
    ///
    /// ```
    /// assert!(psa_core::OpportunityUpdate::new().validate().is_err());
    /// assert!(psa_core::OpportunityUpdate::new().stage("2").validate().is_ok());
    /// ```
    pub fn validate(&self) -> crate::Result<()> {
        if self.is_empty() {
            return Err(invalid(
                "the opportunity update sets nothing; set at least one field",
            ));
        }
        if self.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(invalid("an opportunity's title cannot be blank"));
        }
        check_common(self.probability, self.amount)
    }
}

/// A stage of the sales pipeline (Autotask opportunity stage picklist, ConnectWise
/// opportunity stage).
///
/// ```
/// let s = psa_core::OpportunityStage::new("1", "Qualification");
/// assert!(s.is_active);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpportunityStage {
    /// The vendor's key, as text.
    pub id: String,
    /// The label shown in the PSA.
    pub name: String,
    /// Whether the stage is active (selectable).
    pub is_active: bool,
}

impl OpportunityStage {
    /// A new active stage.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        OpportunityStage {
            id: id.into(),
            name: name.into(),
            is_active: true,
        }
    }

    /// Marks it active or inactive.
    pub fn active(mut self, active: bool) -> Self {
        self.is_active = active;
        self
    }
}
