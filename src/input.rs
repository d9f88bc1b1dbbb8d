//! Reading a profile file: the one place a profile's bytes come from disk, bounded in size.
//!
//! [`crate::pipeline`] takes bytes; the commands read them here first.

/// The largest profile bindcheck reads. Real profiles are a few kilobytes; the limit, some
/// four hundred times that, keeps a mistaken path (a log file, a database dump) from costing
/// memory and time: every check is linear in the size of a value, and the worst file under the
/// limit is diagnosed in well under a second (`bench/worst.sh`).
pub const MAX_PROFILE_BYTES: u64 = 2 * 1024 * 1024;

/// Why a profile file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path, escaped for display.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_PROFILE_BYTES`].
    #[error("{path} is {size} bytes, over the {limit}-byte limit for a profile")]
    TooLarge {
        /// The path, escaped for display.
        path: String,
        /// Its size in bytes (as far as it was read).
        size: u64,
        /// [`MAX_PROFILE_BYTES`].
        limit: u64,
    },
    /// A directory, FIFO or device rather than a regular file.
    #[error("{path} is not a regular file")]
    NotAFile {
        /// The path, escaped for display.
        path: String,
    },
}

/// Reads a profile file, refusing anything over [`MAX_PROFILE_BYTES`] before reading it.
pub fn read_profile(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let shown = crate::unicode::escape(&path.display().to_string()).into_owned();
    let io = |source| ReadError::Io {
        path: shown.clone(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile { path: shown });
    }
    if metadata.len() > MAX_PROFILE_BYTES {
        return Err(ReadError::TooLarge {
            path: shown,
            size: metadata.len(),
            limit: MAX_PROFILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        // The file may grow between metadata and read; never read past the limit.
        .take(MAX_PROFILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_PROFILE_BYTES {
        return Err(ReadError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
            limit: MAX_PROFILE_BYTES,
        });
    }
    Ok(bytes)
}
