//! Character classes and safe output.
