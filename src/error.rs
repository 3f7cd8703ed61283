//! Error types of the core. Every error that concerns a file names it, so a
//! researcher reading a batch of thousands of documents knows which one to fix.

use std::path::PathBuf;

/// What went wrong while reading or processing one document or the corpus.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum Error {
    /// The path does not exist or cannot be opened.
    #[error("{path}: cannot read file: {reason}")]
    Io { path: PathBuf, reason: String },

    /// The bytes are not text in any encoding zhengce recognises.
    #[error("{path}: cannot decode text: {reason}")]
    Decode { path: PathBuf, reason: String },

    /// The file is a format zhengce cannot read (binary, legacy Word, scanned PDF ...).
    #[error("{path}: unsupported format: {reason}")]
    Format { path: PathBuf, reason: String },

    /// The document is larger than the configured limit.
    #[error("{path}: document is {size} bytes, above the limit of {limit} bytes (raise `max_bytes` to read it)")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },

    /// A glob pattern is malformed.
    #[error("{pattern}: invalid glob pattern: {reason}")]
    Pattern { pattern: String, reason: String },

    /// A path, folder or glob matched no readable document.
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },

    /// A user-supplied data file (dictionary, taxonomy, manifest) is malformed.
    #[error("{path}: invalid data file at line {line}: {reason}")]
    DataFile { path: PathBuf, line: usize, reason: String },

    /// An override or option has an invalid value.
    #[error("invalid value for {field}: {reason}")]
    Value { field: String, reason: String },

    /// An internal failure caught at the boundary (a bug in zhengce, reported instead of crashing).
    #[error("{path}: internal error while processing: {reason}")]
    Internal { path: PathBuf, reason: String },
}

impl Error {
    /// The file this error concerns, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::Decode { path, .. }
            | Error::Format { path, .. }
            | Error::TooLarge { path, .. }
            | Error::NotFound { path }
            | Error::DataFile { path, .. }
            | Error::Internal { path, .. } => Some(path),
            Error::Pattern { .. } | Error::Value { .. } => None,
        }
    }

    /// A short machine-readable name of the error kind (the `kind` column of `corpus.errors`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::Decode { .. } => "decode",
            Error::Format { .. } => "format",
            Error::TooLarge { .. } => "too_large",
            Error::Pattern { .. } => "pattern",
            Error::NotFound { .. } => "not_found",
            Error::DataFile { .. } => "data_file",
            Error::Value { .. } => "value",
            Error::Internal { .. } => "internal",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
