use serde::{Deserialize, Serialize};

macro_rules! ticket_kind {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name {
            /// The vendor's key, as text (a picklist value, a record id or a Syncro label).
            pub id: String,
            /// The label shown in the PSA.
            pub name: String,
            /// Whether it is active (selectable).
            pub is_active: bool,
            /// The key of the parent, for a sub-type or sub-category; `None` at the top level.
            pub parent: Option<String>,
        }

        impl $name {
            /// A new active, top-level entry.
            pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
                $name {
                    id: id.into(),
                    name: name.into(),
                    is_active: true,
                    parent: None,
                }
            }

            /// Marks it active or inactive.
            pub fn active(mut self, active: bool) -> Self {
                self.is_active = active;
                self
            }

            /// Sets the parent's key (this entry is a sub-entry of it).
            pub fn parent(mut self, parent: impl Into<String>) -> Self {
                self.parent = Some(parent.into());
                self
            }
        }
    };
}

ticket_kind!(
    /// A kind of ticket: an Autotask issue type or sub-issue type, a ConnectWise board type or
    /// subtype, a Syncro problem type. Sub-types name their parent type in `parent`.
    ///
    /// ```
    /// let sub = psa_core::TicketType::new("14", "Printer jam").parent("3");
    /// assert_eq!(sub.parent.as_deref(), Some("3"));
    /// assert!(sub.is_active);
    /// ```
    TicketType
);

ticket_kind!(
    /// A ticket category: an Autotask ticket category (a form layout with defaults), a
    /// ConnectWise board item. Sub-categories name their parent in `parent`.
    ///
    /// ```
    /// let c = psa_core::TicketCategory::new("3", "Standard").active(false);
    /// assert!(!c.is_active && c.parent.is_none());
    /// ```
    TicketCategory
);
