//! Crawl memory: which URLs were seen, the validators (`ETag`, `Last-Modified`) of
//! what was fetched, and when each source is due for its next poll.
//!
//! The ingest stage only knows the [`CrawlState`] trait; [`MemoryState`] keeps it in
//! memory (for one-off runs and tests), and the store stage persists it by
//! implementing the same trait.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::SystemTime;

/// A failure of the state backend (a store's I/O error, say).
#[derive(Debug, thiserror::Error)]
#[error("crawl state: {0}")]
pub struct StateError(#[from] pub Box<dyn std::error::Error + Send + Sync>);

/// HTTP cache validators of a fetched URL, sent back on the next fetch as
/// `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header as received (quotes and `W/` prefix kept).
    pub etag: Option<String>,
    /// The `Last-Modified` header as received.
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is nothing to validate with.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// What the crawler remembers between runs. Methods take `&self` so one state can be
/// shared by the fetcher's threads; implementations synchronise internally.
///
/// Keys are URLs as strings, as given by the caller (the fetcher passes them
/// normalised by the `url` crate) and source ids as given to the watcher.
pub trait CrawlState: Send + Sync {
    /// Whether `url` (an article page) was already fetched.
    fn is_seen(&self, url: &str) -> Result<bool, StateError>;
    /// Remember that `url` was fetched (or permanently failed) so it is not fetched again.
    fn mark_seen(&self, url: &str) -> Result<(), StateError>;
    /// Validators saved for `url`, if any.
    fn validators(&self, url: &str) -> Result<Option<Validators>, StateError>;
    /// Save validators for `url` (an empty value clears them).
    fn set_validators(&self, url: &str, validators: &Validators) -> Result<(), StateError>;
    /// When the source `source` is next due for polling; `None` if never polled.
    fn next_poll(&self, source: &str) -> Result<Option<SystemTime>, StateError>;
    /// Set when the source `source` is next due.
    fn set_next_poll(&self, source: &str, at: SystemTime) -> Result<(), StateError>;
}

#[derive(Debug, Default)]
struct Inner {
    seen: HashSet<String>,
    validators: HashMap<String, Validators>,
    next_poll: HashMap<String, SystemTime>,
}

/// A [`CrawlState`] kept in memory (lost when dropped).
#[derive(Debug, Default)]
pub struct MemoryState {
    inner: Mutex<Inner>,
}

impl MemoryState {
    /// An empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many URLs were marked seen.
    pub fn seen_count(&self) -> usize {
        self.lock().seen.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic elsewhere cannot leave these maps half-updated; keep going.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl CrawlState for MemoryState {
    fn is_seen(&self, url: &str) -> Result<bool, StateError> {
        Ok(self.lock().seen.contains(url))
    }
    fn mark_seen(&self, url: &str) -> Result<(), StateError> {
        self.lock().seen.insert(url.to_string());
        Ok(())
    }
    fn validators(&self, url: &str) -> Result<Option<Validators>, StateError> {
        Ok(self.lock().validators.get(url).cloned())
    }
    fn set_validators(&self, url: &str, validators: &Validators) -> Result<(), StateError> {
        let mut inner = self.lock();
        if validators.is_empty() {
            inner.validators.remove(url);
        } else {
            inner.validators.insert(url.to_string(), validators.clone());
        }
        Ok(())
    }
    fn next_poll(&self, source: &str) -> Result<Option<SystemTime>, StateError> {
        Ok(self.lock().next_poll.get(source).copied())
    }
    fn set_next_poll(&self, source: &str, at: SystemTime) -> Result<(), StateError> {
        self.lock().next_poll.insert(source.to_string(), at);
        Ok(())
    }
}
