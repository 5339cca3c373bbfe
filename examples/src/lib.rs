//! Runnable examples for psa-sdk; see the `examples` directory.
