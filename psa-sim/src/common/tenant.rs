//! A simulated tenant's shared state: its store and its permission profile, each behind a
//! poison-safe lock (the profile can change while the simulator runs).

use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::locks::RwLockExt as _;

/// The store `S` and permission profile `P` every request handler reads.
#[derive(Debug)]
pub(crate) struct Tenant<S, P> {
    store: RwLock<S>,
    profile: RwLock<P>,
}

impl<S, P> Tenant<S, P> {
    pub(crate) fn new(store: S, profile: P) -> Self {
        Tenant {
            store: RwLock::new(store),
            profile: RwLock::new(profile),
        }
    }

    /// The store, for reading.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, S> {
        self.store.read_safe()
    }

    /// The store, for writing.
    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, S> {
        self.store.write_safe()
    }

    /// The permission profile, for reading.
    pub(crate) fn profile(&self) -> RwLockReadGuard<'_, P> {
        self.profile.read_safe()
    }

    /// The permission profile, for changing while running.
    pub(crate) fn profile_mut(&self) -> RwLockWriteGuard<'_, P> {
        self.profile.write_safe()
    }
}
