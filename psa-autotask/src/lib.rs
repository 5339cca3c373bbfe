//! psa-autotask (work in progress).
