//! The sales and service-desk catalogue entities: Opportunities (`OpportunityModel`) and
//! TicketCategories (`TicketCategoryModel`) — wire fields from the Swagger document, seeds and
//! picklists.
//!
//! Opportunity picklists (`stage`, `status`, `opportunityCategoryID`, `leadSource`) are per
//! tenant; the values here are plausible tenant values, shaped like real ids.

use serde_json::{Value, json};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::dates;
use super::fields::{FieldDef, Ty};
use super::picklists::{Pick, TICKET_CATEGORY};

/// `OpportunityModel` (60 fields besides `userDefinedFields`).
pub(crate) static OPPORTUNITY_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("advancedField1", Ty::Double),
    f("advancedField2", Ty::Double),
    f("advancedField3", Ty::Double),
    f("advancedField4", Ty::Double),
    f("advancedField5", Ty::Double),
    f("amount", Ty::Double),
    f("assessmentScore", Ty::Double),
    f("barriers", Ty::Str),
    f("closedDate", Ty::DateTime),
    f("companyID", Ty::Int),
    f("contactID", Ty::Int),
    f("cost", Ty::Double),
    f("createDate", Ty::DateTime),
    f("creatorResourceID", Ty::Int),
    f("description", Ty::Str),
    f("helpNeeded", Ty::Str),
    f("impersonatorCreatorResourceID", Ty::Int),
    f("lastActivity", Ty::DateTime),
    f("leadSource", Ty::Int),
    f("lossReason", Ty::Int),
    f("lossReasonDetail", Ty::Str),
    f("lostDate", Ty::DateTime),
    f("market", Ty::Str),
    f("monthlyCost", Ty::Double),
    f("monthlyRevenue", Ty::Double),
    f("nextStep", Ty::Str),
    f("onetimeCost", Ty::Double),
    f("onetimeRevenue", Ty::Double),
    f("opportunityCategoryID", Ty::Int),
    f("organizationalLevelAssociationID", Ty::Int),
    f("ownerResourceID", Ty::Int),
    f("primaryCompetitor", Ty::Int),
    f("probability", Ty::Int),
    f("productID", Ty::Int),
    f("projectedCloseDate", Ty::DateTime),
    f("promisedFulfillmentDate", Ty::DateTime),
    f("promotionName", Ty::Str),
    f("quarterlyCost", Ty::Double),
    f("quarterlyRevenue", Ty::Double),
    f("rating", Ty::Int),
    f("relationshipAssessmentScore", Ty::Double),
    f("revenueSpread", Ty::Int),
    f("revenueSpreadUnit", Ty::Str),
    f("salesOrderID", Ty::Int),
    f("salesProcessPercentComplete", Ty::Double),
    f("semiannualCost", Ty::Double),
    f("semiannualRevenue", Ty::Double),
    f("stage", Ty::Int),
    f("startDate", Ty::DateTime),
    f("status", Ty::Int),
    f("technicalAssessmentScore", Ty::Double),
    f("throughDate", Ty::DateTime),
    f("title", Ty::Str),
    f("totalAmountMonths", Ty::Int),
    f("useQuoteTotals", Ty::Bool),
    f("winReason", Ty::Int),
    f("winReasonDetail", Ty::Str),
    f("yearlyCost", Ty::Double),
    f("yearlyRevenue", Ty::Double),
];

/// `TicketCategoryModel`.
pub(crate) static TICKET_CATEGORY_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("displayColorRGB", Ty::Int),
    f("isActive", Ty::Bool),
    f("isApiOnly", Ty::Bool),
    f("isGlobalDefault", Ty::Bool),
    f("name", Ty::Str),
    f("nickname", Ty::Str),
];

/// `ContractModel`.
pub(crate) static CONTRACT_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("billingPreference", Ty::Int),
    f("billToCompanyContactID", Ty::Int),
    f("billToCompanyID", Ty::Int),
    f("companyID", Ty::Int),
    f("contactID", Ty::Int),
    f("contactName", Ty::Str),
    f("contractCategory", Ty::Int),
    f("contractExclusionSetID", Ty::Int),
    f("contractName", Ty::Str),
    f("contractNumber", Ty::Str),
    f("contractPeriodType", Ty::Int),
    f("contractType", Ty::Int),
    f("description", Ty::Str),
    f("endDate", Ty::DateTime),
    f("estimatedCost", Ty::Double),
    f("estimatedHours", Ty::Double),
    f("estimatedRevenue", Ty::Double),
    f("exclusionContractID", Ty::Long),
    f("internalCurrencyOverageBillingRate", Ty::Double),
    f("internalCurrencySetupFee", Ty::Double),
    f("isCompliant", Ty::Bool),
    f("isDefaultContract", Ty::Bool),
    f("lastModifiedDateTime", Ty::DateTime),
    f("opportunityID", Ty::Int),
    f("organizationalLevelAssociationID", Ty::Int),
    f("overageBillingRate", Ty::Double),
    f("purchaseOrderNumber", Ty::Str),
    f("renewedContractID", Ty::Long),
    f("serviceLevelAgreementID", Ty::Int),
    f("setupFee", Ty::Double),
    f("setupFeeBillingCodeID", Ty::Long),
    f("startDate", Ty::DateTime),
    f("status", Ty::Int),
    f("timeReportingRequiresStartAndStopTimes", Ty::Int),
];

/// `TimeEntryModel`.
pub(crate) static TIME_ENTRY_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("billingApprovalDateTime", Ty::DateTime),
    f("billingApprovalLevelMostRecent", Ty::Int),
    f("billingApprovalResourceID", Ty::Int),
    f("billingCodeID", Ty::Int),
    f("contractID", Ty::Int),
    f("contractServiceBundleID", Ty::Long),
    f("contractServiceID", Ty::Long),
    f("createDateTime", Ty::DateTime),
    f("creatorUserID", Ty::Int),
    f("dateWorked", Ty::DateTime),
    f("endDateTime", Ty::DateTime),
    f("hoursToBill", Ty::Double),
    f("hoursWorked", Ty::Double),
    f("impersonatorCreatorResourceID", Ty::Int),
    f("impersonatorUpdaterResourceID", Ty::Int),
    f("internalBillingCodeID", Ty::Int),
    f("internalNotes", Ty::Str),
    f("isInternalNotesVisibleToComanaged", Ty::Bool),
    f("isNonBillable", Ty::Bool),
    f("lastModifiedDateTime", Ty::DateTime),
    f("lastModifiedUserID", Ty::Int),
    f("offsetHours", Ty::Double),
    f("resourceID", Ty::Int),
    f("roleID", Ty::Int),
    f("showOnInvoice", Ty::Bool),
    f("startDateTime", Ty::DateTime),
    f("summaryNotes", Ty::Str),
    f("taskID", Ty::Int),
    f("ticketID", Ty::Int),
    f("timeEntryType", Ty::Int),
];

const fn f(name: &'static str, ty: Ty) -> FieldDef {
    FieldDef { name, ty }
}

/// What an opportunity create must carry in the sim: the fields the Autotask UI requires on
/// every tenant (title, company, owner, status, stage, projected close). Real tenants may
/// require more; that is tenant configuration.
pub(crate) static OPPORTUNITY_REQUIRED: &[&str] = &[
    "title",
    "companyID",
    "ownerResourceID",
    "status",
    "stage",
    "projectedCloseDate",
];

/// Fields the server sets on an opportunity.
pub(crate) static OPPORTUNITY_READ_ONLY: &[&str] = &[
    "id",
    "createDate",
    "creatorResourceID",
    "impersonatorCreatorResourceID",
    "lastActivity",
];

const fn p(value: i64, label: &'static str) -> Pick {
    Pick {
        value,
        label,
        default: false,
        active: true,
        system: false,
        parent: None,
    }
}

const fn dflt(mut pick: Pick) -> Pick {
    pick.default = true;
    pick
}

const fn sys(mut pick: Pick) -> Pick {
    pick.system = true;
    pick
}

/// Opportunity stage.
pub(crate) const STAGE: &[Pick] = &[
    dflt(p(1, "Qualification")),
    p(2, "Needs Analysis"),
    p(3, "Proposal"),
    p(4, "Negotiation"),
    p(5, "Closed"),
];

/// Opportunity status (system values).
pub(crate) const STATUS: &[Pick] = &[
    dflt(sys(p(1, "Active"))),
    sys(p(2, "Lost")),
    sys(p(3, "Closed")),
    sys(p(4, "Implemented")),
];

/// Opportunity category.
pub(crate) const CATEGORY: &[Pick] = &[dflt(p(2, "Managed Services")), p(3, "Project")];

/// Opportunity lead source.
pub(crate) const LEAD_SOURCE: &[Pick] = &[p(1, "Referral"), p(2, "Website"), p(3, "Event")];

/// When seeded opportunities start.
const EPOCH: OffsetDateTime = datetime!(2024-01-01 08:00:00 UTC);

const TITLES: &[&str] = &[
    "Managed services renewal",
    "Firewall refresh",
    "Microsoft 365 migration",
    "Backup and DR upgrade",
    "New office network build",
];

/// Seeded opportunity `i` (one per seeded company, for company `company_id`).
pub(crate) fn opportunity(id: i64, i: i64, company_id: i64, owner: i64, creator: i64) -> Value {
    let created = EPOCH + Duration::days(i * 3);
    let stage = STAGE[usize::try_from(i).unwrap_or(0) % STAGE.len()].value;
    let status = if stage == 5 { 3 } else { 1 };
    let amount = 1_000.0 + (i % 7) as f64 * 750.0;
    json!({
        "id": id,
        "title": TITLES[usize::try_from(i).unwrap_or(0) % TITLES.len()],
        "companyID": company_id,
        "ownerResourceID": owner,
        "creatorResourceID": creator,
        "stage": stage,
        "status": status,
        "opportunityCategoryID": CATEGORY[usize::try_from(i).unwrap_or(0) % CATEGORY.len()].value,
        "leadSource": LEAD_SOURCE[usize::try_from(i).unwrap_or(0) % LEAD_SOURCE.len()].value,
        "probability": (stage * 20).min(100),
        "amount": amount,
        "cost": amount * 0.6,
        "monthlyRevenue": amount / 12.0,
        "totalAmountMonths": 12,
        "useQuoteTotals": false,
        "createDate": dates::wire(created),
        "lastActivity": dates::wire(created + Duration::days(2)),
        "projectedCloseDate": dates::wire(created + Duration::days(30)),
        "closedDate": if status == 3 { json!(dates::wire(created + Duration::days(20))) } else { Value::Null },
    })
}

/// The seeded ticket category `id` (one per `ticketCategory` picklist value).
pub(crate) fn ticket_category(id: i64) -> Value {
    match TICKET_CATEGORY.iter().find(|c| c.value == id) {
        Some(c) => json!({
            "id": id,
            "name": c.label,
            "nickname": c.label.split_whitespace().next().unwrap_or(c.label),
            "isActive": c.active,
            "isApiOnly": false,
            "isGlobalDefault": c.default,
            "displayColorRGB": 0x4A90E2,
        }),
        None => json!({ "id": id }),
    }
}

/// The seeded ticket category id range.
pub(crate) fn ticket_category_range() -> std::ops::Range<i64> {
    let lo = TICKET_CATEGORY.iter().map(|c| c.value).min().unwrap_or(0);
    let hi = TICKET_CATEGORY.iter().map(|c| c.value).max().unwrap_or(-1);
    lo..hi + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opportunity_model_has_every_swagger_field() {
        assert_eq!(OPPORTUNITY_FIELDS.len(), 60);
        assert!(
            OPPORTUNITY_REQUIRED
                .iter()
                .all(|r| OPPORTUNITY_FIELDS.iter().any(|f| f.name == *r))
        );
    }

    #[test]
    fn seeded_categories_follow_the_ticket_picklist() {
        let range = ticket_category_range();
        assert_eq!(range.clone().count(), TICKET_CATEGORY.len());
        let standard = ticket_category(range.start);
        assert_eq!(standard["name"], "Standard");
        assert_eq!(standard["isGlobalDefault"], true);
    }
}
