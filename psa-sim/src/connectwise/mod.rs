//! The connectwise simulator (in progress).
