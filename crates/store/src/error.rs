//! The store's error type.
//!
//! Messages are complete on their own (they include the underlying cause), so the
//! causes are kept as plain fields, not as `source()` chains that would print twice.

use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The SQLite database (the source of truth) failed.
    #[error("database error in {path}: {cause}")]
    Db {
        /// The database file.
        path: PathBuf,
        /// The cause.
        cause: rusqlite::Error,
    },
    /// The full-text index failed.
    #[error("search index error in {path}: {cause}")]
    Index {
        /// The index folder.
        path: PathBuf,
        /// The cause.
        cause: tantivy::TantivyError,
    },
    /// The data directory cannot be created or read.
    #[error("cannot use {path}: {cause}")]
    Io {
        /// The directory or file.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// An article with neither a title nor a body: nothing worth storing.
    /// (The message leaves the source out: callers name the input they were reading.)
    #[error("empty article (no title and no body text found), not stored")]
    EmptyArticle {
        /// The article's `source` (path or URL).
        source_name: String,
    },
    /// Another process (or another `Store` in this one) is writing to this data directory.
    #[error("another newsdesk process is writing to the store in {0}; wait for it to finish (reading works meanwhile)")]
    Busy(PathBuf),
    /// A write was attempted on a store opened with [`crate::Store::open_read_only`].
    #[error("the store at {0} was opened read-only")]
    ReadOnly(PathBuf),
    /// A date filter is not an ISO 8601 date (`2022-01-10` or `2022-01-10T18:03:00Z`).
    #[error("bad date {0:?}: expected an ISO 8601 date such as 2022-01-10")]
    BadDate(String),
    /// A relate setting is out of range; the message names it.
    #[error("{0}")]
    InvalidConfig(String),
    /// A stored row could not be decoded (the database was written by an incompatible version).
    #[error("corrupt record in {path}: {reason}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What could not be decoded.
        reason: String,
    },
}

/// `Result` with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
