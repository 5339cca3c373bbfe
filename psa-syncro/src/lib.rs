//! psa-syncro (work in progress).
