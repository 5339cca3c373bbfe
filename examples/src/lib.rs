//! Runnable examples for psa-sdk live in this package's `examples` (see `Cargo.toml`).
//!
//! The README's and the guides' code blocks are checked by the `psa-docs-tests` package.
