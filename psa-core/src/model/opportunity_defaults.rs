use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::{NewOpportunity, ResourceId};

/// The defaults a tool applies when it creates opportunities, the way MSPortal's settings do:
/// a default stage and category, an owner fallback for requesters without a PSA account, and
/// a projected close N days after the start. Nothing is hard-coded: each default is optional.
///
/// ```
/// use psa_core::{NewOpportunity, OpportunityDefaults, ResourceId};
/// use time::macros::datetime;
/// let defaults = OpportunityDefaults::new()
///     .stage("1")
///     .category("3")
///     .owner_fallback(ResourceId(29682885))
///     .close_in_days(30);
/// let start = datetime!(2024-05-01 09:00 UTC);
/// let o = defaults.apply(NewOpportunity::new("Laptop refresh"), None, start);
/// assert_eq!(o.owner, Some(ResourceId(29682885)), "no PSA account: the fallback owns it");
/// assert_eq!(o.projected_close, Some(datetime!(2024-05-31 09:00 UTC)));
/// assert_eq!(o.stage.as_deref(), Some("1"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpportunityDefaults {
    /// The stage key used when the caller sets none.
    pub stage: Option<String>,
    /// The category key used when the caller sets none.
    pub category: Option<String>,
    /// The owner when neither the caller nor the requester gives one.
    pub owner_fallback: Option<ResourceId>,
    /// Projected close = start + this many days, when the caller sets no close.
    pub close_in_days: Option<u32>,
}

impl OpportunityDefaults {
    /// No defaults: [`apply`](Self::apply) changes nothing but the owner from the requester.
    pub fn new() -> Self {
        Self::default()
    }
    /// The default stage key.
    pub fn stage(mut self, v: impl Into<String>) -> Self {
        self.stage = Some(v.into());
        self
    }
    /// The default category key.
    pub fn category(mut self, v: impl Into<String>) -> Self {
        self.category = Some(v.into());
        self
    }
    /// The owner used when the requesting user has no PSA account.
    pub fn owner_fallback(mut self, v: ResourceId) -> Self {
        self.owner_fallback = Some(v);
        self
    }
    /// Projected close = start + `days`.
    pub fn close_in_days(mut self, days: u32) -> Self {
        self.close_in_days = Some(days);
        self
    }

    /// Fills the blanks of `opportunity`; what the caller set is never overwritten.
    ///
    /// - owner: the caller's, else `requester` (the requesting user's PSA resource, `None`
    ///   when the user has no PSA account), else the owner fallback;
    /// - projected close: the caller's, else `start` + `close_in_days`;
    /// - stage and category: the caller's, else the defaults.
    pub fn apply(
        &self,
        mut opportunity: NewOpportunity,
        requester: Option<ResourceId>,
        start: OffsetDateTime,
    ) -> NewOpportunity {
        if opportunity.owner.is_none() {
            opportunity.owner = requester.or(self.owner_fallback);
        }
        if opportunity.projected_close.is_none()
            && let Some(days) = self.close_in_days
        {
            opportunity.projected_close = Some(start + Duration::days(i64::from(days)));
        }
        if opportunity
            .stage
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        {
            opportunity.stage = self.stage.clone();
        }
        if opportunity
            .category
            .as_deref()
            .is_none_or(|c| c.trim().is_empty())
        {
            opportunity.category = self.category.clone();
        }
        opportunity
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn defaults() -> OpportunityDefaults {
        OpportunityDefaults::new()
            .stage("1")
            .category("3")
            .owner_fallback(ResourceId(100))
            .close_in_days(30)
    }

    const START: OffsetDateTime = datetime!(2024-02-15 12:00 UTC);

    #[test]
    fn a_requester_with_a_psa_account_owns_the_opportunity() {
        let o = defaults().apply(NewOpportunity::new("x"), Some(ResourceId(7)), START);
        assert_eq!(o.owner, Some(ResourceId(7)));
    }

    #[test]
    fn a_requester_without_a_psa_account_falls_back() {
        let o = defaults().apply(NewOpportunity::new("x"), None, START);
        assert_eq!(o.owner, Some(ResourceId(100)));
        let none = OpportunityDefaults::new().apply(NewOpportunity::new("x"), None, START);
        assert_eq!(
            none.owner, None,
            "no fallback configured: the owner stays empty"
        );
    }

    #[test]
    fn the_callers_owner_wins_over_requester_and_fallback() {
        let o = defaults().apply(
            NewOpportunity::new("x").owner(ResourceId(5)),
            Some(ResourceId(7)),
            START,
        );
        assert_eq!(o.owner, Some(ResourceId(5)));
    }

    #[test]
    fn projected_close_is_start_plus_days_across_a_month_end() {
        let o = defaults().apply(NewOpportunity::new("x"), None, START);
        assert_eq!(o.projected_close, Some(datetime!(2024-03-16 12:00 UTC)));
        let set = datetime!(2024-06-01 00:00 UTC);
        let kept = defaults().apply(NewOpportunity::new("x").projected_close(set), None, START);
        assert_eq!(kept.projected_close, Some(set));
        let no_days = OpportunityDefaults::new().apply(NewOpportunity::new("x"), None, START);
        assert_eq!(no_days.projected_close, None);
    }

    #[test]
    fn stage_and_category_fill_only_blanks() {
        let filled = defaults().apply(NewOpportunity::new("x").stage(" "), None, START);
        assert_eq!(filled.stage.as_deref(), Some("1"));
        assert_eq!(filled.category.as_deref(), Some("3"));
        let kept = defaults().apply(
            NewOpportunity::new("x").stage("4").category("9"),
            None,
            START,
        );
        assert_eq!(kept.stage.as_deref(), Some("4"));
        assert_eq!(kept.category.as_deref(), Some("9"));
    }

    #[test]
    fn defaults_round_trip_through_json_for_tool_settings() {
        let d = defaults();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            serde_json::from_str::<OpportunityDefaults>(&json).unwrap(),
            d
        );
    }
}
