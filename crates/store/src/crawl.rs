//! [`CrawlStore`]: the ingest stage's crawl memory ([`CrawlState`]: seen URLs, HTTP
//! validators, next poll per source) persisted next to the store, so `newsdesk ingest
//! URL` and `newsdesk watch` resume after a restart without refetching.
//!
//! It lives in its own SQLite file, `crawl.sqlite` in the data directory, not in
//! `newsdesk.db`: the store keeps a write transaction open for a whole batch of
//! articles, so a second writer on the same file would wait on that lock from the
//! fetcher's threads (or, in the same thread, until the busy timeout). A separate file
//! has no lock coupling and no schema coupling with the store.
//!
//! **Ordering instead of one transaction.** Writes are kept in memory (reads see them)
//! until [`CrawlStore::commit`], which the caller runs *after* the store committed the
//! articles fetched ([`crate::Store::flush`]). So after a crash the crawl memory is at
//! most behind the store: a URL is never remembered as seen (nor a feed as unchanged)
//! unless its articles are stored; the worst case is refetching pages the store then
//! finds unchanged. [`CrawlStore::rollback`] drops the uncommitted writes (e.g. when
//! stopping in the middle of a poll).

use newsdesk_ingest::{CrawlState, StateError, Validators};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::{Error, Result};

/// File name of the crawl state in the data directory.
pub const CRAWL_FILE: &str = "crawl.sqlite";

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS validators (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS polls (
    source    TEXT PRIMARY KEY,
    next_poll INTEGER NOT NULL
) WITHOUT ROWID;
"#;

/// Writes not committed yet. `validators` maps to `None` for a removal.
#[derive(Debug, Default)]
struct Pending {
    seen: HashSet<String>,
    validators: HashMap<String, Option<Validators>>,
    next_poll: HashMap<String, SystemTime>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.seen.is_empty() && self.validators.is_empty() && self.next_poll.is_empty()
    }
}

/// A [`CrawlState`] in `crawl.sqlite`, with writes held until [`CrawlStore::commit`].
/// `Sync`: the fetcher's threads share it.
#[derive(Debug)]
pub struct CrawlStore {
    path: PathBuf,
    db: Mutex<Connection>,
    pending: Mutex<Pending>,
}

/// How many URLs, validators and schedules a [`CrawlStore`] holds (committed ones).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CrawlCounts {
    /// URLs marked seen.
    pub seen: u64,
    /// URLs with saved validators.
    pub validators: u64,
    /// Sources with a next poll time.
    pub sources: u64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every write below is a single statement or a transaction: a panic elsewhere
    // cannot leave the maps or the connection half-updated.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn to_millis(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis().min(i64::MAX as u128) as i64,
        Err(e) => -(e.duration().as_millis().min(i64::MAX as u128) as i64),
    }
}

fn from_millis(ms: i64) -> SystemTime {
    if ms >= 0 {
        UNIX_EPOCH + Duration::from_millis(ms as u64)
    } else {
        UNIX_EPOCH - Duration::from_millis(ms.unsigned_abs())
    }
}

fn state_error(e: rusqlite::Error) -> StateError {
    StateError(Box::new(e))
}

impl CrawlStore {
    /// Open (or create) the crawl state of the data directory `dir`.
    pub fn open(dir: impl AsRef<Path>) -> Result<CrawlStore> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|cause| Error::Io {
            path: dir.to_path_buf(),
            cause,
        })?;
        Self::open_file(dir.join(CRAWL_FILE))
    }

    /// Open (or create) a crawl state in the SQLite file `path`.
    pub fn open_file(path: impl AsRef<Path>) -> Result<CrawlStore> {
        let path = path.as_ref().to_path_buf();
        let db_err = |cause| Error::Db {
            path: path.clone(),
            cause,
        };
        let db = Connection::open(&path).map_err(db_err)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
        )
        .map_err(db_err)?;
        db.execute_batch(SCHEMA).map_err(db_err)?;
        Ok(CrawlStore {
            path,
            db: Mutex::new(db),
            pending: Mutex::new(Pending::default()),
        })
    }

    /// The SQLite file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether there are writes not committed yet.
    pub fn has_pending(&self) -> bool {
        !lock(&self.pending).is_empty()
    }

    /// Persist the writes made since the last commit, in one transaction. Call it after
    /// the articles fetched meanwhile are committed to the store.
    pub fn commit(&self) -> Result<()> {
        let pending = std::mem::take(&mut *lock(&self.pending));
        if pending.is_empty() {
            return Ok(());
        }
        let mut db = lock(&self.db);
        let db_err = |cause| Error::Db {
            path: self.path.clone(),
            cause,
        };
        let tx = db.transaction().map_err(db_err)?;
        {
            let mut seen = tx
                .prepare_cached("INSERT OR IGNORE INTO seen (url) VALUES (?1)")
                .map_err(db_err)?;
            for url in &pending.seen {
                seen.execute([url]).map_err(db_err)?;
            }
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO validators (url, etag, last_modified) VALUES (?1, ?2, ?3)",
                )
                .map_err(db_err)?;
            let mut del = tx
                .prepare_cached("DELETE FROM validators WHERE url = ?1")
                .map_err(db_err)?;
            for (url, v) in &pending.validators {
                match v {
                    Some(v) => put.execute(params![url, v.etag, v.last_modified]),
                    None => del.execute([url]),
                }
                .map_err(db_err)?;
            }
            let mut poll = tx
                .prepare_cached("INSERT OR REPLACE INTO polls (source, next_poll) VALUES (?1, ?2)")
                .map_err(db_err)?;
            for (source, at) in &pending.next_poll {
                poll.execute(params![source, to_millis(*at)])
                    .map_err(db_err)?;
            }
        }
        tx.commit().map_err(db_err)
    }

    /// Drop the writes made since the last commit.
    pub fn rollback(&self) {
        *lock(&self.pending) = Pending::default();
    }

    /// Committed counts.
    pub fn counts(&self) -> Result<CrawlCounts> {
        let db = lock(&self.db);
        let count = |table: &str| -> Result<u64> {
            db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|cause| Error::Db {
                path: self.path.clone(),
                cause,
            })
        };
        Ok(CrawlCounts {
            seen: count("seen")?,
            validators: count("validators")?,
            sources: count("polls")?,
        })
    }
}

impl CrawlState for CrawlStore {
    fn is_seen(&self, url: &str) -> std::result::Result<bool, StateError> {
        if lock(&self.pending).seen.contains(url) {
            return Ok(true);
        }
        lock(&self.db)
            .prepare_cached("SELECT 1 FROM seen WHERE url = ?1")
            .and_then(|mut s| s.exists([url]))
            .map_err(state_error)
    }

    fn mark_seen(&self, url: &str) -> std::result::Result<(), StateError> {
        lock(&self.pending).seen.insert(url.to_string());
        Ok(())
    }

    fn validators(&self, url: &str) -> std::result::Result<Option<Validators>, StateError> {
        if let Some(v) = lock(&self.pending).validators.get(url) {
            return Ok(v.clone());
        }
        lock(&self.db)
            .prepare_cached("SELECT etag, last_modified FROM validators WHERE url = ?1")
            .and_then(|mut s| {
                s.query_row([url], |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                })
                .optional()
            })
            .map_err(state_error)
    }

    fn set_validators(
        &self,
        url: &str,
        validators: &Validators,
    ) -> std::result::Result<(), StateError> {
        let value = (!validators.is_empty()).then(|| validators.clone());
        lock(&self.pending)
            .validators
            .insert(url.to_string(), value);
        Ok(())
    }

    fn next_poll(&self, source: &str) -> std::result::Result<Option<SystemTime>, StateError> {
        if let Some(t) = lock(&self.pending).next_poll.get(source) {
            return Ok(Some(*t));
        }
        lock(&self.db)
            .prepare_cached("SELECT next_poll FROM polls WHERE source = ?1")
            .and_then(|mut s| s.query_row([source], |r| r.get::<_, i64>(0)).optional())
            .map(|ms| ms.map(from_millis))
            .map_err(state_error)
    }

    fn set_next_poll(&self, source: &str, at: SystemTime) -> std::result::Result<(), StateError> {
        lock(&self.pending).next_poll.insert(source.to_string(), at);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_persist_only_after_commit() {
        let dir = tempfile::tempdir().unwrap();
        let at = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
        let v = Validators {
            etag: Some("\"v1\"".into()),
            last_modified: None,
        };
        {
            let s = CrawlStore::open(dir.path()).unwrap();
            s.mark_seen("https://a.example/1").unwrap();
            s.set_validators("https://a.example/feed", &v).unwrap();
            s.set_next_poll("feed", at).unwrap();
            // Reads see uncommitted writes.
            assert!(s.is_seen("https://a.example/1").unwrap());
            assert_eq!(
                s.validators("https://a.example/feed").unwrap(),
                Some(v.clone())
            );
            assert_eq!(s.next_poll("feed").unwrap(), Some(at));
            s.commit().unwrap();
            s.mark_seen("https://a.example/2").unwrap();
            // Dropped without commit: /2 is lost, as after a crash.
        }
        let s = CrawlStore::open(dir.path()).unwrap();
        assert!(s.is_seen("https://a.example/1").unwrap());
        assert!(!s.is_seen("https://a.example/2").unwrap());
        assert_eq!(s.validators("https://a.example/feed").unwrap(), Some(v));
        assert_eq!(s.next_poll("feed").unwrap(), Some(at));
        assert_eq!(s.next_poll("other").unwrap(), None);
        assert_eq!(
            s.counts().unwrap(),
            CrawlCounts {
                seen: 1,
                validators: 1,
                sources: 1
            }
        );
    }

    #[test]
    fn clearing_validators_and_rollback() {
        let dir = tempfile::tempdir().unwrap();
        let s = CrawlStore::open(dir.path()).unwrap();
        let v = Validators {
            etag: None,
            last_modified: Some("Mon, 01 Jan 2024 00:00:00 GMT".into()),
        };
        s.set_validators("u", &v).unwrap();
        s.commit().unwrap();
        s.set_validators("u", &Validators::default()).unwrap();
        assert_eq!(s.validators("u").unwrap(), None);
        s.rollback();
        assert!(!s.has_pending());
        assert_eq!(s.validators("u").unwrap(), Some(v));
        s.set_validators("u", &Validators::default()).unwrap();
        s.commit().unwrap();
        assert_eq!(s.validators("u").unwrap(), None);
        assert_eq!(s.counts().unwrap().validators, 0);
    }

    #[test]
    fn times_before_the_epoch_round_trip() {
        let t = UNIX_EPOCH - Duration::from_millis(5);
        assert_eq!(from_millis(to_millis(t)), t);
    }
}
