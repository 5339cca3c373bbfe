//! The syncro simulator (in progress).
