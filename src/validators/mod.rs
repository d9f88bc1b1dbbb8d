//! Checksummed identifier validators.
