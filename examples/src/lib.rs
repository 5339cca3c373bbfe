//! Runnable examples for psa-sdk live in this package's `examples` (see `Cargo.toml`).
//!
//! This library only exists so the README's code is compiled as a doctest.

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
