//! Chinese address resolution and comparison.
