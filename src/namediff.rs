//! Classifies the differences between two names.
