//! Errors of the report layer.

use std::path::PathBuf;

/// A report that could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A file or directory could not be written (disk full, permissions, a file where a
    /// directory should be).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// A result file could not be read or is not what `run` writes.
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A CSV table could not be encoded.
    #[error("cannot encode {table}: {source}")]
    Csv {
        /// The table's file name.
        table: &'static str,
        /// The encoder's error.
        source: csv::Error,
    },
}
