//! Projects (`ProjectModel`).

use time::OffsetDateTime;

use super::UserDefinedField;

wire_model! {
    /// A project: `/V1.0/Projects` (query, get, create, update; no delete). `status`,
    /// `projectType` and `department` are picklist values (ids), as Autotask sends them.
    ///
    /// ```
    /// let p: psa_autotask::models::Project = serde_json::from_str(
    ///     r#"{"id":81,"projectName":"Office move","companyID":174,"status":1,"projectType":5}"#).unwrap();
    /// assert_eq!(p.project_name.as_deref(), Some("Office move"));
    /// assert_eq!(p.project_type, Some(5));
    /// ```
    pub struct Project {
        /// The record's id.
        id: i64 => "id",
        /// Actual billed hours.
        actual_billed_hours: f64 => "actualBilledHours",
        /// Actual hours.
        actual_hours: f64 => "actualHours",
        /// Change orders budget.
        change_orders_budget: f64 => "changeOrdersBudget",
        /// Change orders revenue.
        change_orders_revenue: f64 => "changeOrdersRevenue",
        /// Company id.
        company_id: i64 => "companyID",
        /// Company owner resource id.
        company_owner_resource_id: i64 => "companyOwnerResourceID",
        /// Completed date time (UTC).
        completed_date_time: OffsetDateTime => "completedDateTime",
        /// Completed percentage.
        completed_percentage: i64 => "completedPercentage",
        /// Contract id.
        contract_id: i64 => "contractID",
        /// Create date time (UTC).
        create_date_time: OffsetDateTime => "createDateTime",
        /// Creator resource id.
        creator_resource_id: i64 => "creatorResourceID",
        /// Department.
        department: i64 => "department",
        /// Description.
        description: String => "description",
        /// Duration.
        duration: i64 => "duration",
        /// End date time (UTC).
        end_date_time: OffsetDateTime => "endDateTime",
        /// Estimated sales cost.
        estimated_sales_cost: f64 => "estimatedSalesCost",
        /// Estimated time.
        estimated_time: f64 => "estimatedTime",
        /// Ext project number.
        ext_project_number: String => "extProjectNumber",
        /// Ext project type.
        ext_project_type: i64 => "extProjectType",
        /// Impersonator creator resource id.
        impersonator_creator_resource_id: i64 => "impersonatorCreatorResourceID",
        /// Labor estimated costs.
        labor_estimated_costs: f64 => "laborEstimatedCosts",
        /// Labor estimated margin percentage.
        labor_estimated_margin_percentage: f64 => "laborEstimatedMarginPercentage",
        /// Labor estimated revenue.
        labor_estimated_revenue: f64 => "laborEstimatedRevenue",
        /// Last activity date time (UTC).
        last_activity_date_time: OffsetDateTime => "lastActivityDateTime",
        /// Last activity person type.
        last_activity_person_type: i64 => "lastActivityPersonType",
        /// Last activity resource id.
        last_activity_resource_id: i64 => "lastActivityResourceID",
        /// Opportunity id.
        opportunity_id: i64 => "opportunityID",
        /// Organizational level association id.
        organizational_level_association_id: i64 => "organizationalLevelAssociationID",
        /// Original estimated revenue.
        original_estimated_revenue: f64 => "originalEstimatedRevenue",
        /// Project cost estimated margin percentage.
        project_cost_estimated_margin_percentage: f64 => "projectCostEstimatedMarginPercentage",
        /// Project costs budget.
        project_costs_budget: f64 => "projectCostsBudget",
        /// Project costs revenue.
        project_costs_revenue: f64 => "projectCostsRevenue",
        /// Project lead resource id.
        project_lead_resource_id: i64 => "projectLeadResourceID",
        /// Project name.
        project_name: String => "projectName",
        /// Project number.
        project_number: String => "projectNumber",
        /// Project type.
        project_type: i64 => "projectType",
        /// Purchase order number.
        purchase_order_number: String => "purchaseOrderNumber",
        /// SG&A (selling, general and administrative) cost.
        sgda: f64 => "sgda",
        /// Start date time (UTC).
        start_date_time: OffsetDateTime => "startDateTime",
        /// Status.
        status: i64 => "status",
        /// Status date time (UTC).
        status_date_time: OffsetDateTime => "statusDateTime",
        /// Status detail.
        status_detail: String => "statusDetail",
        /// User-defined fields (UDFs); values are text.
        user_defined_fields: Vec<UserDefinedField> => "userDefinedFields",
    }
}

impl_udfs!(Project);
