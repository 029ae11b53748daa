//! Errors of building a digest.

/// Why a digest could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    /// The digest date is not a real `YYYY-MM-DD` date.
    #[error("digest date {0:?} is not a YYYY-MM-DD date")]
    BadDate(String),
    /// The base URL for article links is not an `http(s)` URL.
    #[error("base URL {0:?} for article links is not an http:// or https:// URL")]
    BadBaseUrl(String),
}
