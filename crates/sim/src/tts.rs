//! Time to survive.
