//! Poison-safe locks: a handler that panicked while holding a lock must not take every later
//! request down with it, so the simulators always take the guard, poisoned or not (the data
//! is plain records; a half-done write is what a crashed server would leave too).

use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// `lock_safe()` on a [`Mutex`].
pub(crate) trait MutexExt<T> {
    /// The guard, even if another thread panicked while holding it.
    fn lock_safe(&self) -> MutexGuard<'_, T>;
}

impl<T> MutexExt<T> for Mutex<T> {
    fn lock_safe(&self) -> MutexGuard<'_, T> {
        self.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `read_safe()` / `write_safe()` on an [`RwLock`].
pub(crate) trait RwLockExt<T> {
    /// A read guard, even if a writer panicked.
    fn read_safe(&self) -> RwLockReadGuard<'_, T>;
    /// The write guard, even if a writer panicked.
    fn write_safe(&self) -> RwLockWriteGuard<'_, T>;
}

impl<T> RwLockExt<T> for RwLock<T> {
    fn read_safe(&self) -> RwLockReadGuard<'_, T> {
        self.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_safe(&self) -> RwLockWriteGuard<'_, T> {
        self.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_panic_while_holding_a_lock_does_not_poison_later_users() {
        let m = Arc::new(Mutex::new(1));
        let r = Arc::new(RwLock::new(1));
        let (m2, r2) = (m.clone(), r.clone());
        let _ = std::thread::spawn(move || {
            let _g = m2.lock_safe();
            let _w = r2.write_safe();
            panic!("handler bug");
        })
        .join();
        assert!(m.is_poisoned() && r.is_poisoned());
        *m.lock_safe() += 1;
        *r.write_safe() += 1;
        assert_eq!((*m.lock_safe(), *r.read_safe()), (2, 2));
    }
}
