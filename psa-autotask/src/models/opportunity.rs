//! Opportunities (`OpportunityModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A sales opportunity: `/V1.0/Opportunities` (query, get, create, update; no delete).
    /// `stage`, `status`, `opportunityCategoryID`, `leadSource`, `rating`, `lossReason` and
    /// `winReason` are tenant picklists, read with
    /// [`OpportunitiesApi::picklists`](crate::OpportunitiesApi).
    ///
    /// ```
    /// let o: psa_autotask::models::Opportunity = serde_json::from_str(
    ///     r#"{"id":4,"title":"Firewall refresh","companyID":174,"stage":2,"amount":1200.5}"#).unwrap();
    /// assert_eq!(o.title.as_deref(), Some("Firewall refresh"));
    /// assert_eq!(o.amount, Some(1200.5));
    /// ```
    pub struct Opportunity {
        /// The record's id.
        id: i64 => "id",
        /// Advanced field1.
        advanced_field1: f64 => "advancedField1",
        /// Advanced field2.
        advanced_field2: f64 => "advancedField2",
        /// Advanced field3.
        advanced_field3: f64 => "advancedField3",
        /// Advanced field4.
        advanced_field4: f64 => "advancedField4",
        /// Advanced field5.
        advanced_field5: f64 => "advancedField5",
        /// Amount.
        amount: f64 => "amount",
        /// Assessment score.
        assessment_score: f64 => "assessmentScore",
        /// Barriers.
        barriers: String => "barriers",
        /// Closed date (UTC).
        closed_date: OffsetDateTime => "closedDate",
        /// The company the opportunity is for.
        company_id: i64 => "companyID",
        /// The contact at the company.
        contact_id: i64 => "contactID",
        /// Cost.
        cost: f64 => "cost",
        /// When the record was created (UTC). Read-only.
        create_date: OffsetDateTime => "createDate",
        /// Creator resource id.
        creator_resource_id: i64 => "creatorResourceID",
        /// Description.
        description: String => "description",
        /// Help needed.
        help_needed: String => "helpNeeded",
        /// Impersonator creator resource id.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// When the record last changed (UTC). Read-only.
        last_activity: OffsetDateTime => "lastActivity",
        /// Lead source.
        lead_source: i64 => "leadSource",
        /// Loss reason.
        loss_reason: i64 => "lossReason",
        /// Loss reason detail.
        loss_reason_detail: String => "lossReasonDetail",
        /// Lost date (UTC).
        lost_date: OffsetDateTime => "lostDate",
        /// Market.
        market: String => "market",
        /// Monthly cost.
        monthly_cost: f64 => "monthlyCost",
        /// Monthly revenue.
        monthly_revenue: f64 => "monthlyRevenue",
        /// Next step.
        next_step: String => "nextStep",
        /// Onetime cost.
        onetime_cost: f64 => "onetimeCost",
        /// Onetime revenue.
        onetime_revenue: f64 => "onetimeRevenue",
        /// Opportunity category picklist value.
        opportunity_category_id: i64 => "opportunityCategoryID",
        /// Organizational level association id.
        organizational_level_association_id: i64 => "organizationalLevelAssociationID",
        /// The owning resource (salesperson).
        owner_resource_id: i64 => "ownerResourceID",
        /// Primary competitor.
        primary_competitor: i64 => "primaryCompetitor",
        /// Chance of winning, in percent.
        probability: i64 => "probability",
        /// Product id.
        product_id: i64 => "productID",
        /// When the opportunity is expected to close (UTC).
        projected_close_date: OffsetDateTime => "projectedCloseDate",
        /// Promised fulfillment date (UTC).
        promised_fulfillment_date: OffsetDateTime => "promisedFulfillmentDate",
        /// Promotion name.
        promotion_name: String => "promotionName",
        /// Quarterly cost.
        quarterly_cost: f64 => "quarterlyCost",
        /// Quarterly revenue.
        quarterly_revenue: f64 => "quarterlyRevenue",
        /// Rating.
        rating: i64 => "rating",
        /// Relationship assessment score.
        relationship_assessment_score: f64 => "relationshipAssessmentScore",
        /// Revenue spread.
        revenue_spread: i64 => "revenueSpread",
        /// Revenue spread unit.
        revenue_spread_unit: String => "revenueSpreadUnit",
        /// Sales order id.
        sales_order_id: i64 => "salesOrderID",
        /// Sales process percent complete.
        sales_process_percent_complete: f64 => "salesProcessPercentComplete",
        /// Semiannual cost.
        semiannual_cost: f64 => "semiannualCost",
        /// Semiannual revenue.
        semiannual_revenue: f64 => "semiannualRevenue",
        /// Stage picklist value (`Opportunities/entityInformation/fields`, `stage`).
        stage: i64 => "stage",
        /// Start date (UTC).
        start_date: OffsetDateTime => "startDate",
        /// Status picklist value (Active, Lost, Closed, …).
        status: i64 => "status",
        /// Technical assessment score.
        technical_assessment_score: f64 => "technicalAssessmentScore",
        /// Through date (UTC).
        through_date: OffsetDateTime => "throughDate",
        /// The title.
        title: String => "title",
        /// Total amount months.
        total_amount_months: i64 => "totalAmountMonths",
        /// Use quote totals.
        use_quote_totals: bool => "useQuoteTotals",
        /// Win reason.
        win_reason: i64 => "winReason",
        /// Win reason detail.
        win_reason_detail: String => "winReasonDetail",
        /// Yearly cost.
        yearly_cost: f64 => "yearlyCost",
        /// Yearly revenue.
        yearly_revenue: f64 => "yearlyRevenue",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",
    }
}

impl_udfs!(Opportunity);
