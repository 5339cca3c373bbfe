//! psa-connectwise (work in progress).
