//! RFC 3339 (de)serialization of optional UTC timestamps: the public
//! [`wire::time_serde`](crate::wire::time_serde), under the path the models use.
pub(crate) use crate::wire::time_serde::option;
