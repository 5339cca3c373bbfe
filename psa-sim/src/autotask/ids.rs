//! The first ids of the seeded records, shared by the seed and the entity generators
//! (`billing`, `projects`), which build on them without importing the seed.

/// First resource id (the administrator).
pub(crate) const RESOURCE_BASE: i64 = 29_682_885;
/// First company id.
pub(crate) const COMPANY_BASE: i64 = 174;
/// First contact id.
pub(crate) const CONTACT_BASE: i64 = 30_682_901;
/// First ticket id.
pub(crate) const TICKET_BASE: i64 = 7_001;
/// First note id.
pub(crate) const NOTE_BASE: i64 = 30_770_001;
/// First attachment id.
pub(crate) const ATTACHMENT_BASE: i64 = 29_684_001;
/// First webhook id.
pub(crate) const WEBHOOK_BASE: i64 = 11;
/// First webhook field id.
pub(crate) const WEBHOOK_FIELD_BASE: i64 = 101;
/// First opportunity id.
pub(crate) const OPPORTUNITY_BASE: i64 = 1_101;
/// First contract id.
pub(crate) const CONTRACT_BASE: i64 = 29_684_101;
/// First time entry id.
pub(crate) const TIME_ENTRY_BASE: i64 = 29_690_001;
/// First excluded-resource id.
pub(crate) const EXCLUDED_BASE: i64 = 51;

/// A service-desk role id (`assignedResourceRoleID`).
pub(crate) const ROLE_ID: i64 = 29_683_461;

/// Ids of active technicians (impersonation targets).
pub(crate) fn technician_ids() -> Vec<i64> {
    (1..=4).map(|i| RESOURCE_BASE + i).collect()
}
