//! One change feed: polling and webhooks turned into the same typed [`ChangeEvent`]s.
//!
//! - [`ChangeFeed`] polls any [`Connector`](crate::Connector) for the tickets, companies and
//!   contacts changed since a [`Cursor`], sorted by (change time, id).
//! - [`Cursor`] is the resumable position: per entity a watermark, the overlap window that
//!   tolerates clock skew and equal timestamps, and the changes handled inside that window.
//!   It saves as stable JSON; resuming after a crash loses nothing and repeats nothing that
//!   was committed.
//! - Each vendor crate turns its verified webhook or callback delivery into a [`ChangeEvent`]
//!   (`to_change_event`); [`ChangeFeed::confirm`] fetches the record it names, and the same
//!   cursor then drops the poll of that change, so push and poll mix and each change is
//!   handled once.
//!
//! See `docs/changes.md` for the guarantees and a full example.
//!
//! ```
//! use psa_core::changes::{ChangeEvent, ChangeKind, ChangeSource, Cursor, EntityKind};
//! use psa_core::Vendor;
//! let at = time::macros::datetime!(2024-05-01 10:00 UTC);
//! let pushed = ChangeEvent::new(Vendor::ConnectWise, EntityKind::Ticket, 7, ChangeKind::Updated, ChangeSource::Push)
//!     .changed_at(at);
//! let polled = ChangeEvent::new(Vendor::ConnectWise, EntityKind::Ticket, 7, ChangeKind::Updated, ChangeSource::Poll)
//!     .changed_at(at);
//! let mut cursor = Cursor::new();
//! assert!(cursor.is_new(&pushed));
//! cursor.commit(&pushed);
//! assert!(!cursor.is_new(&polled), "the poll of a pushed change is not emitted again");
//! ```

mod cursor;
mod event;
mod feed;

pub use cursor::{CURSOR_VERSION, Cursor, DEFAULT_OVERLAP};
pub use event::{ChangeEvent, ChangeKind, ChangeRecord, ChangeSource, EntityKind};
pub use feed::{ChangeFeed, TicketFilter};
