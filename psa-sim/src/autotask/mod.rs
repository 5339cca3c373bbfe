//! The autotask simulator (in progress).
