//! Ticket categories (`TicketCategoryModel`).

wire_model! {
    /// A ticket category: `/V1.0/TicketCategories` (query, get, update; no create or delete
    /// through the API). A ticket's `ticketCategory` holds a category id.
    ///
    /// ```
    /// let c: psa_autotask::models::TicketCategory = serde_json::from_str(
    ///     r#"{"id":3,"name":"Standard","isActive":true,"isGlobalDefault":true}"#).unwrap();
    /// assert_eq!(c.name.as_deref(), Some("Standard"));
    /// ```
    pub struct TicketCategory {
        /// The record's id.
        id: i64 => "id",
        /// Display colour as an RGB integer.
        display_color_rgb: i64 => "displayColorRGB",
        /// Whether the record is active.
        is_active: bool => "isActive",
        /// Whether only the API may use it.
        is_api_only: bool => "isApiOnly",
        /// Whether it is the tenant's default category.
        is_global_default: bool => "isGlobalDefault",
        /// The name.
        name: String => "name",
        /// The short name.
        nickname: String => "nickname",
    }
}
