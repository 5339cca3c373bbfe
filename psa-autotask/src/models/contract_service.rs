//! Contract services (`ContractServiceModel`).

wire_model! {
    /// A service on a contract: queried at `/V1.0/ContractServices`, written under `/V1.0/Contracts/{contractID}/Services` (no delete).
    ///
    /// ```
    /// let r: psa_autotask::models::ContractService = serde_json::from_str(r#"{"id":3,"contractID":9,"serviceID":12,"unitPrice":99.0}"#).unwrap();
    /// assert_eq!(r.service_id, Some(12));
    /// ```
    pub struct ContractService {
        /// The record's id.
        id: i64 => "id",
        /// Contract id.
        contract_id: i64 => "contractID",
        /// Internal currency adjusted price.
        internal_currency_adjusted_price: f64 => "internalCurrencyAdjustedPrice",
        /// Internal currency unit price.
        internal_currency_unit_price: f64 => "internalCurrencyUnitPrice",
        /// Internal description.
        internal_description: String => "internalDescription",
        /// Invoice description.
        invoice_description: String => "invoiceDescription",
        /// Quote item id.
        quote_item_id: i64 => "quoteItemID",
        /// Service id.
        service_id: i64 => "serviceID",
        /// Unit cost.
        unit_cost: f64 => "unitCost",
        /// Unit price.
        unit_price: f64 => "unitPrice",
    }
}
