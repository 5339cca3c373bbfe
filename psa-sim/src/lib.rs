//! psa-sim (work in progress).
