use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// A 64-bit number: every vendor's ids fit, including ids above 2^32.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The numeric value.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                $name(v)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<i64>().map($name).map_err(|_| {
                    crate::Error::new(
                        crate::ErrorKind::Validation,
                        format!("{} must be a whole number, got {:?}", stringify!($name), s),
                    )
                })
            }
        }
    };
}

id_type!(
    /// The id of a ticket.
    ///
    /// ```
    /// let id: psa_core::TicketId = "4294967297".parse().unwrap();
    /// assert_eq!(id.get(), 4_294_967_297);
    /// ```
    TicketId
);
id_type!(
    /// The id of a ticket note (Syncro: comment).
    ///
    /// ```
    /// assert_eq!(psa_core::NoteId(7).to_string(), "7");
    /// ```
    NoteId
);
id_type!(
    /// The id of a company (Syncro: customer).
    ///
    /// ```
    /// assert_eq!(psa_core::CompanyId::from(3).get(), 3);
    /// ```
    CompanyId
);
id_type!(
    /// The id of a contact.
    ///
    /// ```
    /// assert!("x".parse::<psa_core::ContactId>().is_err());
    /// ```
    ContactId
);
id_type!(
    /// The id of a resource: an Autotask resource, a ConnectWise member or a Syncro user.
    ///
    /// ```
    /// assert_eq!(serde_json::to_string(&psa_core::ResourceId(9)).unwrap(), "9");
    /// ```
    ResourceId
);
id_type!(
    /// The id of a sales opportunity (Autotask opportunity, ConnectWise sales opportunity).
    ///
    /// ```
    /// assert_eq!(psa_core::OpportunityId(12).get(), 12);
    /// ```
    OpportunityId
);
id_type!(
    /// The id of a contract (Autotask contract, ConnectWise agreement, Syncro contract).
    ///
    /// ```
    /// assert_eq!("5".parse::<psa_core::ContractId>().unwrap(), psa_core::ContractId(5));
    /// ```
    ContractId
);
id_type!(
    /// The id of a time entry (Syncro: ticket timer).
    ///
    /// ```
    /// assert_eq!(psa_core::TimeEntryId(8).to_string(), "8");
    /// ```
    TimeEntryId
);
