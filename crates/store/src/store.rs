//! [`Store`]: the data directory, ingest with identity and versions, recovery, and reads.

use crate::diff::ChangeSummary;
use crate::error::{Error, Result};
use crate::index::{ArticleDoc, Filters, QuoteDoc, SearchIndex};
use crate::model::*;
use crate::relate::{RelateConfig, RelateState};
use crate::schema;
use crate::text::{self, format_iso, parse_iso_date};
use crate::{MAX_RESULTS, SNIPPET_CHARS};
use newsdesk_analyze::{Analysis, AnalyzedArticle, QuoteKind, SpeakerKind};
use newsdesk_extract::Article;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::tokenizer::TextAnalyzer;

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "newsdesk.db";
/// Folder name of the index inside the data directory.
pub const INDEX_DIR: &str = "index";

/// Tuning for a writable store. Every field has a documented default.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Articles ingested per batch: the database transaction and the index commit
    /// happen every this many ingests (and on [`Store::flush`]). Default 1000.
    /// Larger batches ingest faster; a crash loses at most one uncommitted batch.
    pub batch_size: usize,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { batch_size: 1000 }
    }
}

/// A newsdesk data directory: database and search index. See the crate docs.
pub struct Store {
    dir: PathBuf,
    pub(crate) db_path: PathBuf,
    pub(crate) db: Connection,
    pub(crate) index: SearchIndex,
    read_only: bool,
    options: StoreOptions,
    /// A transaction is open (ingests since the last flush).
    in_tx: bool,
    /// Ingests in the open transaction.
    batch: usize,
    analyzer: TextAnalyzer,
    /// (kind, key) → entity id; valid for the open connection (cleared on rollback).
    entity_ids: HashMap<(SpeakerKind, String), i64>,
    /// Settings of the relate stage (copies and stories).
    pub(crate) relate_config: RelateConfig,
    /// In-memory copy and story state; built from the database at the first ingest
    /// (and again after a failed ingest, which may have left it ahead of the database).
    pub(crate) relate: Option<RelateState>,
}

fn kind_str(k: SpeakerKind) -> &'static str {
    match k {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organization",
        SpeakerKind::Group => "group",
    }
}

fn parse_speaker_kind(s: &str) -> SpeakerKind {
    match s {
        "organization" => SpeakerKind::Organization,
        "group" => SpeakerKind::Group,
        _ => SpeakerKind::Person,
    }
}

fn parse_quote_kind(s: &str) -> QuoteKind {
    match s {
        "mixed" => QuoteKind::Mixed,
        "indirect" => QuoteKind::Indirect,
        _ => QuoteKind::Direct,
    }
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Columns of `articles` read into an [`ArticleSummary`], in this order.
pub(crate) const SUMMARY_COLS: &str =
    "a.id, a.url, a.source, a.title, COALESCE(a.site, a.host), a.published, a.date, a.version, a.word_count, a.quote_count";

pub(crate) fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        url: r.get(1)?,
        source: r.get(2)?,
        title: r.get(3)?,
        site: r.get(4)?,
        published: r.get(5)?,
        date: format_iso(r.get(6)?),
        version: r.get(7)?,
        word_count: r.get::<_, i64>(8)? as usize,
        quote_count: r.get::<_, i64>(9)? as usize,
    })
}

/// Columns read into a [`QuoteRecord`], in this order (quotes `q` joined with articles `a`).
pub(crate) const QUOTE_COLS: &str = "q.id, q.text, q.kind, q.speaker, q.speaker_role, q.speaker_kind, q.person_id, q.cue, q.article_id, a.title, a.url, a.source, q.date";

pub(crate) fn quote_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuoteRecord> {
    Ok(QuoteRecord {
        id: r.get(0)?,
        text: r.get(1)?,
        kind: parse_quote_kind(&r.get::<_, String>(2)?),
        speaker: r.get(3)?,
        speaker_role: r.get(4)?,
        speaker_kind: r
            .get::<_, Option<String>>(5)?
            .map(|s| parse_speaker_kind(&s)),
        person_id: r.get(6)?,
        cue: r.get(7)?,
        article_id: r.get(8)?,
        article_title: r.get(9)?,
        article_url: r.get(10)?,
        source: r.get(11)?,
        date: format_iso(r.get(12)?),
    })
}

impl Store {
    /// Open the store in `dir` for reading and writing, creating it if needed, and
    /// bring the index up to date with the database (crash recovery).
    ///
    /// Only one writable store may be open on a directory at a time (the index's
    /// writer lock); a second gets [`Error::Index`].
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(dir, StoreOptions::default())
    }

    /// [`Store::open`] with options.
    pub fn open_with(dir: impl AsRef<Path>, options: StoreOptions) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|cause| Error::Io {
            path: dir.clone(),
            cause,
        })?;
        let db_path = dir.join(DB_FILE);
        let db = Connection::open(&db_path).map_err(|cause| Error::Db {
            path: db_path.clone(),
            cause,
        })?;
        let index = SearchIndex::open(&dir.join(INDEX_DIR), true)?;
        let mut store = Store {
            dir,
            db_path,
            db,
            index,
            read_only: false,
            options,
            in_tx: false,
            batch: 0,
            analyzer: text::analyzer(),
            entity_ids: HashMap::new(),
            relate_config: RelateConfig::default(),
            relate: None,
        };
        store.init_db()?;
        store.recover()?;
        Ok(store)
    }

    /// Open an existing store for reading only: no writer lock is taken, so it can run
    /// beside a writer (in this process or another). Searches see the index's last
    /// commit; the database is read live.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        let db_path = dir.join(DB_FILE);
        if !db_path.exists() {
            return Err(Error::Io {
                path: db_path,
                cause: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no newsdesk store here (run `newsdesk ingest` first, or pass --data)",
                ),
            });
        }
        let db = Connection::open_with_flags(
            &db_path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|cause| Error::Db {
            path: db_path.clone(),
            cause,
        })?;
        let index = SearchIndex::open(&dir.join(INDEX_DIR), false)?;
        let store = Store {
            dir,
            db_path,
            db,
            index,
            read_only: true,
            options: StoreOptions::default(),
            in_tx: false,
            batch: 0,
            analyzer: text::analyzer(),
            entity_ids: HashMap::new(),
            relate_config: RelateConfig::default(),
            relate: None,
        };
        store
            .db
            .execute_batch("PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;")
            .map_err(|e| store.db_err(e))?;
        Ok(store)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn db_err(&self, cause: rusqlite::Error) -> Error {
        Error::Db {
            path: self.db_path.clone(),
            cause,
        }
    }

    /// Every row of `sql` with `params`, each read by `row`. The statement comes from
    /// the connection's statement cache; a SQLite error names the database.
    pub(crate) fn query_all<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.db.prepare_cached(sql).map_err(|e| self.db_err(e))?;
        let rows = st.query_map(params, row).map_err(|e| self.db_err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.db_err(e))
    }

    pub(crate) fn corrupt(&self, reason: impl Into<String>) -> Error {
        Error::Corrupt {
            path: self.db_path.clone(),
            reason: reason.into(),
        }
    }

    fn init_db(&mut self) -> Result<()> {
        // WAL: readers never block the writer. synchronous=NORMAL is safe against
        // process crashes; after a power loss the index may be ahead of the database,
        // which `recover` detects and repairs by rebuilding the index.
        self.db
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                 PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = OFF;",
            )
            .map_err(|e| self.db_err(e))?;
        self.db
            .execute_batch(schema::CREATE)
            .map_err(|e| self.db_err(e))?;
        let found: Option<String> = self
            .db
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.db_err(e))?;
        match found {
            None => {
                self.db
                    .execute(
                        "INSERT INTO meta(key, value) VALUES ('schema', ?1)",
                        [schema::SCHEMA_VERSION.to_string()],
                    )
                    .map_err(|e| self.db_err(e))?;
            }
            Some(v) if v == schema::SCHEMA_VERSION.to_string() => {}
            Some(v) => {
                return Err(self.corrupt(format!(
                    "schema version {v}, this build reads version {}",
                    schema::SCHEMA_VERSION
                )))
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------- recovery

    /// Highest position ever taken in the index queue (0 when none).
    fn queue_high_water(&self) -> Result<i64> {
        self.db
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'index_queue'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map(|v| v.unwrap_or(0))
            .map_err(|e| self.db_err(e))
    }

    /// Bring the index in line with the database after open.
    fn recover(&mut self) -> Result<()> {
        let high = self.queue_high_water()?;
        let articles: i64 = self
            .db
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))?;
        match self.index.watermark()? {
            // A fresh (or deleted) index over existing data, or an index that is ahead
            // of the database (the database lost its last transactions): rebuild.
            None if articles > 0 => self.rebuild_index(),
            Some(w) if w > high => self.rebuild_index(),
            _ => self.apply_index_queue(),
        }
    }

    /// Rebuild the whole index from the database.
    pub fn rebuild_index(&mut self) -> Result<()> {
        self.ensure_writable()?;
        self.commit_db()?;
        self.index.delete_all()?;
        let ids: Vec<i64> =
            self.query_all("SELECT id FROM articles ORDER BY id", [], |r| r.get(0))?;
        for id in ids {
            self.index_article(id)?;
        }
        let high = self.queue_high_water()?;
        self.index.commit(high)?;
        self.db
            .execute("DELETE FROM index_queue WHERE seq <= ?1", [high])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Apply every index-queue entry past the index's watermark, commit the index with
    /// the new watermark, then drop the applied entries.
    fn apply_index_queue(&mut self) -> Result<()> {
        let watermark = self.index.watermark()?.unwrap_or(0);
        let entries: Vec<(i64, i64)> = self.query_all(
            "SELECT seq, article_id FROM index_queue WHERE seq > ?1 ORDER BY seq",
            [watermark],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let Some(&(last, _)) = entries.last() else {
            return Ok(());
        };
        let mut seen = HashSet::new();
        for &(_, article_id) in &entries {
            if seen.insert(article_id) {
                self.index_article(article_id)?;
            }
        }
        self.index.commit(last)?;
        self.db
            .execute("DELETE FROM index_queue WHERE seq <= ?1", [last])
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Write an article's current documents to the index (or delete them if the
    /// article is gone). Not committed.
    #[allow(clippy::type_complexity)]
    fn index_article(&mut self, id: i64) -> Result<()> {
        let row: Option<(Option<String>, String, Option<String>, Option<String>, i64)> = self
            .db
            .prepare_cached(
                "SELECT v.title, v.body, a.site, a.host, a.date FROM articles a \
                 JOIN versions v ON v.id = a.version_id WHERE a.id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()
            })
            .map_err(|e| self.db_err(e))?;
        let Some((title, body, site, host, date)) = row else {
            return self.index.delete_article(id);
        };
        let people: Vec<String> = self
            .db
            .prepare_cached(
                "SELECT e.name FROM mentions m JOIN entities e ON e.id = m.person_id \
                 WHERE m.article_id = ?1",
            )
            .and_then(|mut st| {
                st.query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .map_err(|e| self.db_err(e))?;
        let quotes: Vec<(i64, String, Option<String>, Option<String>)> = self
            .db
            .prepare_cached(
                "SELECT id, text, speaker, speaker_role FROM quotes WHERE article_id = ?1 ORDER BY ord",
            )
            .and_then(|mut st| {
                st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.db_err(e))?;
        let doc = ArticleDoc {
            id,
            title: title.as_deref(),
            body: &body,
            people: people.iter().map(String::as_str).collect(),
            site: site.as_deref(),
            host: host.as_deref(),
            date,
            quotes: quotes
                .iter()
                .map(|(qid, text, speaker, role)| QuoteDoc {
                    id: *qid,
                    text,
                    speaker: speaker.as_deref(),
                    speaker_role: role.as_deref(),
                })
                .collect(),
        };
        self.index.put_article(&doc)
    }

    // ---------------------------------------------------------------- writes

    fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            Err(Error::ReadOnly(self.dir.clone()))
        } else {
            Ok(())
        }
    }

    fn begin(&mut self) -> Result<()> {
        if !self.in_tx {
            self.db
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.db_err(e))?;
            self.in_tx = true;
        }
        Ok(())
    }

    fn commit_db(&mut self) -> Result<()> {
        if self.in_tx {
            self.db
                .execute_batch("COMMIT")
                .map_err(|e| self.db_err(e))?;
            self.in_tx = false;
            self.batch = 0;
        }
        Ok(())
    }

    /// Commit the current batch: the database transaction, then the index (with its
    /// watermark). After `flush` returns, everything ingested is durable and searchable.
    pub fn flush(&mut self) -> Result<()> {
        self.ensure_writable()?;
        self.commit_db()?;
        self.apply_index_queue()
    }

    /// Commit the database transaction but not the index: the state a crash between
    /// the two commits leaves. For recovery tests only.
    #[doc(hidden)]
    pub fn commit_database_only_for_tests(&mut self) -> Result<()> {
        self.commit_db()
    }

    /// Store one analysed article; see the crate docs for identity and versions.
    ///
    /// The write joins the open batch; it is committed (database and index) when
    /// the batch is full or on [`Store::flush`]. Reads on this `Store` see it at once,
    /// except [`Store::search`], which sees it after the commit.
    pub fn ingest(&mut self, doc: &AnalyzedArticle) -> Result<IngestOutcome> {
        self.ensure_writable()?;
        let a = &doc.article;
        let title = non_empty(a.title.as_deref());
        if title.is_none() && a.body.trim().is_empty() {
            return Err(Error::EmptyArticle {
                source_name: a.source.clone(),
            });
        }
        self.begin()?;
        // A savepoint per article: a failure undoes this article alone, not the batch.
        self.db
            .execute_batch("SAVEPOINT article")
            .map_err(|e| self.db_err(e))?;
        match self.ingest_in_tx(doc) {
            Ok(outcome) => {
                self.db
                    .execute_batch("RELEASE article")
                    .map_err(|e| self.db_err(e))?;
                if outcome.status != IngestStatus::Unchanged {
                    self.batch += 1;
                }
                if self.batch >= self.options.batch_size.max(1) {
                    self.flush()?;
                }
                Ok(outcome)
            }
            Err(e) => {
                let _ = self
                    .db
                    .execute_batch("ROLLBACK TO article; RELEASE article");
                // Entities created inside the savepoint are gone: forget cached ids.
                self.entity_ids.clear();
                // The relate state may hold this article: rebuild it from the database.
                self.relate = None;
                Err(e)
            }
        }
    }

    fn ingest_in_tx(&mut self, doc: &AnalyzedArticle) -> Result<IngestOutcome> {
        let a = &doc.article;
        let title = non_empty(a.title.as_deref());
        let dek = non_empty(a.dek.as_deref());
        let hash = text::content_hash(title, dek, &a.body);
        let url = a.canonical_url.as_deref().and_then(text::normalize_url);
        let unchanged = |id: i64, version: u32| IngestOutcome {
            article_id: id,
            version,
            status: IngestStatus::Unchanged,
            quotes: 0,
            people: 0,
            changes: None,
        };

        // 1. Known by URL?
        let mut known: Option<(i64, u32)> = None;
        if let Some(u) = &url {
            known = self
                .db
                .prepare_cached("SELECT id, version FROM articles WHERE url = ?1")
                .and_then(|mut st| st.query_row([u], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                .map_err(|e| self.db_err(e))?;
        }
        // 2. Same content already stored (for a URL'd page: only as a URL-less article,
        //    which then gains the URL; two URLs with one text are two articles).
        if known.is_none() {
            let sql = if url.is_some() {
                "SELECT a.id, a.version FROM versions v JOIN articles a ON a.id = v.article_id \
                 WHERE v.content_hash = ?1 AND a.url IS NULL LIMIT 1"
            } else {
                "SELECT a.id, a.version FROM versions v JOIN articles a ON a.id = v.article_id \
                 WHERE v.content_hash = ?1 LIMIT 1"
            };
            let same: Option<(i64, u32)> = self
                .db
                .prepare_cached(sql)
                .and_then(|mut st| {
                    st.query_row([&hash], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()
                })
                .map_err(|e| self.db_err(e))?;
            if let Some((id, version)) = same {
                if let Some(u) = &url {
                    self.db
                        .execute("UPDATE articles SET url = ?1 WHERE id = ?2", params![u, id])
                        .map_err(|e| self.db_err(e))?;
                }
                return Ok(unchanged(id, version));
            }
            // 3. A URL-less article from the same source path: a new version of it.
            if url.is_none() {
                known = self
                    .db
                    .prepare_cached(
                        "SELECT id, version FROM articles WHERE url IS NULL AND source = ?1 \
                         ORDER BY id DESC LIMIT 1",
                    )
                    .and_then(|mut st| {
                        st.query_row([&a.source], |r| Ok((r.get(0)?, r.get(1)?)))
                            .optional()
                    })
                    .map_err(|e| self.db_err(e))?;
            }
        }

        let now = text::now_secs();
        let published_secs = a.published.as_deref().and_then(parse_iso_date);
        let site = non_empty(a.site_name.as_deref()).map(str::to_string);
        let host = url
            .as_deref()
            .and_then(text::url_host)
            .or_else(|| text::url_host(&a.source))
            .map(str::to_string);
        let mut meta = a.clone();
        meta.body = String::new();
        let meta_json = serde_json::to_string(&meta).map_err(|e| self.corrupt(e.to_string()))?;
        let analysis_json =
            serde_json::to_string(&doc.analysis).map_err(|e| self.corrupt(e.to_string()))?;

        let (article_id, version, status, changes, date) = match known {
            Some((id, current)) => {
                // Same content as any stored version (the current one, or an older one
                // seen again): nothing new.
                let seen: bool = self
                    .db
                    .prepare_cached(
                        "SELECT EXISTS(SELECT 1 FROM versions WHERE article_id = ?1 AND content_hash = ?2)",
                    )
                    .and_then(|mut st| st.query_row(params![id, &hash], |r| r.get(0)))
                    .map_err(|e| self.db_err(e))?;
                if seen {
                    return Ok(unchanged(id, current));
                }
                let (old_title, old_body, old_meta, old_date): (
                    Option<String>,
                    String,
                    String,
                    i64,
                ) = self
                    .db
                    .prepare_cached(
                        "SELECT v.title, v.body, v.article, a.date FROM articles a \
                         JOIN versions v ON v.id = a.version_id WHERE a.id = ?1",
                    )
                    .and_then(|mut st| {
                        st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    })
                    .map_err(|e| self.db_err(e))?;
                let old_dek = serde_json::from_str::<Article>(&old_meta)
                    .ok()
                    .and_then(|m| m.dek);
                let changes = ChangeSummary::between(
                    (old_title.as_deref(), old_dek.as_deref(), &old_body),
                    (title, dek, &a.body),
                );
                self.remove_current_rows(id)?;
                (
                    id,
                    current + 1,
                    IngestStatus::Updated,
                    Some(changes),
                    published_secs.unwrap_or(old_date),
                )
            }
            None => {
                let date = published_secs.unwrap_or(now);
                self.db
                    .prepare_cached(
                        "INSERT INTO articles (url, source, site, host, title, published, date, \
                         first_seen, version, version_id, content_hash, word_count, quote_count) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 0, ?9, 0, 0)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![
                            url,
                            a.source,
                            site,
                            host,
                            title,
                            a.published,
                            date,
                            now,
                            hash
                        ])
                    })
                    .map_err(|e| self.db_err(e))?;
                (
                    self.db.last_insert_rowid(),
                    1,
                    IngestStatus::New,
                    None,
                    date,
                )
            }
        };

        let changes_json = changes
            .as_ref()
            .map(|c| serde_json::to_string(c).unwrap_or_default());
        self.db
            .prepare_cached(
                "INSERT INTO versions (article_id, version, content_hash, ingested_at, source, \
                 title, body, article, analysis, changes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    article_id,
                    version,
                    hash,
                    now,
                    a.source,
                    title,
                    a.body,
                    meta_json,
                    analysis_json,
                    changes_json
                ])
            })
            .map_err(|e| self.db_err(e))?;
        let version_id = self.db.last_insert_rowid();

        let (quotes, people) = self.insert_analysis_rows(article_id, date, &doc.analysis)?;
        self.db
            .prepare_cached(
                "UPDATE articles SET source = ?2, site = ?3, host = ?4, title = ?5, published = ?6, \
                 date = ?7, version = ?8, version_id = ?9, content_hash = ?10, word_count = ?11, \
                 quote_count = ?12 WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.execute(params![
                    article_id,
                    a.source,
                    site,
                    host,
                    title,
                    a.published,
                    date,
                    version,
                    version_id,
                    hash,
                    newsdesk_extract::count_words(&a.body) as i64,
                    quotes as i64
                ])
            })
            .map_err(|e| self.db_err(e))?;
        if status == IngestStatus::New {
            // Updated versions keep the copy group and story of their first version.
            self.relate_article(article_id, date, title, &a.body, &doc.analysis)?;
        }
        self.db
            .prepare_cached("INSERT INTO index_queue (article_id) VALUES (?1)")
            .and_then(|mut st| st.execute([article_id]))
            .map_err(|e| self.db_err(e))?;
        Ok(IngestOutcome {
            article_id,
            version,
            status,
            quotes,
            people,
            changes,
        })
    }

    /// Drop the quotes, mentions and roles of an article's current version, keeping
    /// the entities' counters in step.
    fn remove_current_rows(&mut self, article_id: i64) -> Result<()> {
        let pairs: Vec<(i64, String)> = self
            .db
            .prepare_cached("SELECT person_id, role FROM roles WHERE article_id = ?1")
            .and_then(|mut st| {
                st.query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.db_err(e))?;
        let sqls = [
            "UPDATE entities SET quote_count = quote_count - \
             (SELECT count(*) FROM quotes q WHERE q.article_id = ?1 AND q.person_id = entities.id) \
             WHERE id IN (SELECT person_id FROM quotes WHERE article_id = ?1 AND person_id IS NOT NULL)",
            "UPDATE entities SET article_count = article_count - 1 \
             WHERE id IN (SELECT person_id FROM mentions WHERE article_id = ?1)",
            "UPDATE person_months SET quotes = quotes - \
             (SELECT count(*) FROM quotes q WHERE q.article_id = ?1 \
              AND q.person_id = person_months.person_id \
              AND strftime('%Y-%m', q.date, 'unixepoch') = person_months.month) \
             WHERE person_id IN (SELECT person_id FROM quotes WHERE article_id = ?1 AND person_id IS NOT NULL)",
            "DELETE FROM person_months WHERE quotes <= 0 AND person_id IN \
             (SELECT person_id FROM quotes WHERE article_id = ?1 AND person_id IS NOT NULL)",
            "UPDATE person_roles SET articles = articles - 1 \
             WHERE (person_id, role) IN (SELECT person_id, role FROM roles WHERE article_id = ?1)",
            "DELETE FROM quotes WHERE article_id = ?1",
            "DELETE FROM mentions WHERE article_id = ?1",
            "DELETE FROM roles WHERE article_id = ?1",
        ];
        for sql in sqls {
            self.db
                .prepare_cached(sql)
                .and_then(|mut st| st.execute([article_id]))
                .map_err(|e| self.db_err(e))?;
        }
        // First and last dates cannot be decremented: recompute them for the roles touched.
        for (person_id, role) in pairs {
            self.db
                .prepare_cached(
                    "UPDATE person_roles SET \
                     first_seen = (SELECT min(date) FROM roles WHERE person_id = ?1 AND role = ?2), \
                     last_seen = (SELECT max(date) FROM roles WHERE person_id = ?1 AND role = ?2) \
                     WHERE person_id = ?1 AND role = ?2 AND articles > 0",
                )
                .and_then(|mut st| st.execute(params![person_id, role]))
                .map_err(|e| self.db_err(e))?;
            self.db
                .prepare_cached(
                    "DELETE FROM person_roles WHERE person_id = ?1 AND role = ?2 AND articles <= 0",
                )
                .and_then(|mut st| st.execute(params![person_id, role]))
                .map_err(|e| self.db_err(e))?;
        }
        Ok(())
    }

    /// The id of the entity (kind, name), creating it if new. `None` for a name with no words.
    ///
    /// A one-word person name ("Ryabkov", when a document never gives the full name)
    /// joins the one known person with that surname, if exactly one is known.
    fn entity_id(&mut self, kind: SpeakerKind, name: &str) -> Result<Option<i64>> {
        let key = text::name_key(&mut self.analyzer, name);
        if key.is_empty() {
            return Ok(None);
        }
        if let Some(&id) = self.entity_ids.get(&(kind, key.clone())) {
            return Ok(Some(id));
        }
        let found: Option<i64> = self
            .db
            .prepare_cached("SELECT id FROM entities WHERE key = ?1 AND kind = ?2")
            .and_then(|mut st| {
                st.query_row(params![key, kind_str(kind)], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.db_err(e))?;
        let surname = key.trim().rsplit(' ').next().unwrap_or("").to_string();
        let single_word = !key.trim().contains(' ');
        let found = match found {
            Some(id) => Some(id),
            None if single_word && kind == SpeakerKind::Person => {
                let same: Vec<i64> = self
                    .db
                    .prepare_cached(
                        "SELECT id FROM entities WHERE kind = 'person' AND surname = ?1 \
                         AND key != ?2 LIMIT 2",
                    )
                    .and_then(|mut st| {
                        st.query_map(params![surname, key], |r| r.get(0))?
                            .collect::<rusqlite::Result<Vec<i64>>>()
                    })
                    .map_err(|e| self.db_err(e))?;
                (same.len() == 1).then(|| same[0])
            }
            None => None,
        };
        let id = match found {
            Some(id) => id,
            None => {
                self.db
                    .prepare_cached(
                        "INSERT INTO entities (kind, name, key, surname) VALUES (?1, ?2, ?3, ?4)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![kind_str(kind), name.trim(), key, surname])
                    })
                    .map_err(|e| self.db_err(e))?;
                let id = self.db.last_insert_rowid();
                for token in key.split_whitespace() {
                    self.db
                        .prepare_cached(
                            "INSERT OR IGNORE INTO entity_tokens (token, entity_id) VALUES (?1, ?2)",
                        )
                        .and_then(|mut st| st.execute(params![token, id]))
                        .map_err(|e| self.db_err(e))?;
                }
                id
            }
        };
        self.entity_ids.insert((kind, key), id);
        Ok(Some(id))
    }

    /// Insert quotes, mentions and roles of a version; returns (quotes, people).
    fn insert_analysis_rows(
        &mut self,
        article_id: i64,
        date: i64,
        analysis: &Analysis,
    ) -> Result<(usize, usize)> {
        // entity id → mention count in this article
        let mut mentioned: HashMap<i64, i64> = HashMap::new();
        let mut roles: HashSet<(i64, String)> = HashSet::new();
        let mut person_ids: HashSet<i64> = HashSet::new();
        for p in &analysis.people {
            if let Some(id) = self.entity_id(SpeakerKind::Person, &p.name)? {
                *mentioned.entry(id).or_default() += p.mentions.len().max(1) as i64;
                person_ids.insert(id);
                for r in &p.roles {
                    if let Some(r) = non_empty(Some(r)) {
                        roles.insert((id, r.to_string()));
                    }
                }
            }
        }
        let mut quote_counts: HashMap<i64, i64> = HashMap::new();
        let mut stored = 0;
        for (ord, q) in analysis.quotes.iter().enumerate() {
            if q.text.trim().is_empty() {
                continue;
            }
            let sp = q.speaker.as_ref();
            let resolved = sp.and_then(|s| non_empty(s.name.as_deref()));
            let shown =
                resolved.or_else(|| sp.and_then(|s| s.mention.as_ref()).map(|m| m.text.as_str()));
            let role = sp.and_then(|s| non_empty(s.role.as_deref()));
            let kind = sp.map(|s| s.kind);
            let person_id = match (resolved, kind) {
                (Some(name), Some(k)) => self.entity_id(k, name)?,
                _ => None,
            };
            if let Some(id) = person_id {
                mentioned.entry(id).or_insert(1);
                *quote_counts.entry(id).or_default() += 1;
                if kind == Some(SpeakerKind::Person) {
                    person_ids.insert(id);
                }
                if let Some(r) = role {
                    roles.insert((id, r.to_string()));
                }
            }
            self.db
                .prepare_cached(
                    "INSERT INTO quotes (article_id, ord, person_id, date, text, kind, speaker, \
                     speaker_role, speaker_kind, cue) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .and_then(|mut st| {
                    st.execute(params![
                        article_id,
                        ord as i64,
                        person_id,
                        date,
                        q.text.trim(),
                        q.kind.as_str(),
                        shown,
                        role,
                        kind.map(kind_str),
                        q.cue.as_ref().map(|c| c.text.as_str())
                    ])
                })
                .map_err(|e| self.db_err(e))?;
            stored += 1;
        }
        for (&id, &count) in &mentioned {
            self.db
                .prepare_cached(
                    "INSERT INTO mentions (person_id, article_id, date, count) VALUES (?1, ?2, ?3, ?4)",
                )
                .and_then(|mut st| st.execute(params![id, article_id, date, count]))
                .map_err(|e| self.db_err(e))?;
            let quotes = quote_counts.get(&id).copied().unwrap_or(0);
            self.db
                .prepare_cached(
                    "UPDATE entities SET article_count = article_count + 1, \
                     quote_count = quote_count + ?2 WHERE id = ?1",
                )
                .and_then(|mut st| st.execute(params![id, quotes]))
                .map_err(|e| self.db_err(e))?;
            if quotes > 0 {
                self.db
                    .prepare_cached(
                        "INSERT INTO person_months (person_id, month, quotes) \
                         VALUES (?1, strftime('%Y-%m', ?2, 'unixepoch'), ?3) \
                         ON CONFLICT (person_id, month) DO UPDATE SET quotes = quotes + excluded.quotes",
                    )
                    .and_then(|mut st| st.execute(params![id, date, quotes]))
                    .map_err(|e| self.db_err(e))?;
            }
        }
        for (id, role) in &roles {
            self.db
                .prepare_cached(
                    "INSERT OR IGNORE INTO roles (person_id, role, article_id, date) VALUES (?1, ?2, ?3, ?4)",
                )
                .and_then(|mut st| st.execute(params![id, role, article_id, date]))
                .map_err(|e| self.db_err(e))?;
            self.db
                .prepare_cached(
                    "INSERT INTO person_roles (person_id, role, articles, first_seen, last_seen) \
                     VALUES (?1, ?2, 1, ?3, ?3) ON CONFLICT (person_id, role) DO UPDATE SET \
                     articles = articles + 1, first_seen = min(first_seen, excluded.first_seen), \
                     last_seen = max(last_seen, excluded.last_seen)",
                )
                .and_then(|mut st| st.execute(params![id, role, date]))
                .map_err(|e| self.db_err(e))?;
        }
        Ok((stored, person_ids.len()))
    }

    // ---------------------------------------------------------------- reads

    /// The article with this id (its current version), if stored.
    pub fn article(&self, id: ArticleId) -> Result<Option<ArticleRecord>> {
        self.article_at(id, None)
    }

    /// The article with this canonical URL (normalised the way ingest does), if stored.
    pub fn article_by_url(&self, url: &str) -> Result<Option<ArticleRecord>> {
        let Some(u) = text::normalize_url(url) else {
            return Ok(None);
        };
        let id: Option<i64> = self
            .db
            .query_row("SELECT id FROM articles WHERE url = ?1", [u], |r| r.get(0))
            .optional()
            .map_err(|e| self.db_err(e))?;
        match id {
            Some(id) => self.article(id),
            None => Ok(None),
        }
    }

    /// The article as it was at `version` (1-based), if that version is stored.
    pub fn article_version(&self, id: ArticleId, version: u32) -> Result<Option<ArticleRecord>> {
        self.article_at(id, Some(version))
    }

    fn article_at(&self, id: ArticleId, version: Option<u32>) -> Result<Option<ArticleRecord>> {
        #[allow(clippy::type_complexity)]
        let row: Option<(Option<String>, u32, i64, String, String, String, u32)> = self
            .db
            .prepare_cached(
                "SELECT a.url, a.version, a.first_seen, v.body, v.article, v.analysis, \
                 (SELECT count(*) FROM versions WHERE article_id = a.id) \
                 FROM articles a JOIN versions v ON v.article_id = a.id \
                 AND v.version = COALESCE(?2, a.version) WHERE a.id = ?1",
            )
            .and_then(|mut st| {
                st.query_row(params![id, version], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| self.db_err(e))?;
        let Some((url, current, first_seen, body, meta, analysis, count)) = row else {
            return Ok(None);
        };
        let mut article: Article =
            serde_json::from_str(&meta).map_err(|e| self.corrupt(format!("article {id}: {e}")))?;
        article.body = body;
        let analysis: Analysis = serde_json::from_str(&analysis)
            .map_err(|e| self.corrupt(format!("analysis of article {id}: {e}")))?;
        Ok(Some(ArticleRecord {
            id,
            url,
            version: version.unwrap_or(current),
            version_count: count,
            first_seen: format_iso(first_seen),
            article,
            analysis,
        }))
    }

    /// Every version of an article, oldest first (empty if the article is unknown).
    pub fn versions(&self, id: ArticleId) -> Result<Vec<VersionInfo>> {
        self.query_all(
            "SELECT version, ingested_at, source, title, content_hash, changes FROM versions \
                 WHERE article_id = ?1 ORDER BY version",
            [id],
            |r| {
                Ok(VersionInfo {
                    version: r.get(0)?,
                    ingested_at: format_iso(r.get(1)?),
                    source: r.get(2)?,
                    title: r.get(3)?,
                    content_hash: r.get(4)?,
                    changes: r
                        .get::<_, Option<String>>(5)?
                        .and_then(|c| serde_json::from_str(&c).ok()),
                })
            },
        )
    }

    /// The newest articles (by published date, else first-seen time), newest first.
    pub fn latest(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        self.query_all(&format!(
                "SELECT {SUMMARY_COLS} FROM articles a ORDER BY a.date DESC, a.id DESC LIMIT ?1 OFFSET ?2"
            ),
                params![limit.min(MAX_RESULTS) as i64, offset as i64],
                summary_from_row,
            )
    }

    fn summary(&self, id: ArticleId) -> Result<Option<ArticleSummary>> {
        self.db
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLS} FROM articles a WHERE a.id = ?1"
            ))
            .and_then(|mut st| st.query_row([id], summary_from_row).optional())
            .map_err(|e| self.db_err(e))
    }

    fn quote(&self, id: QuoteId) -> Result<Option<QuoteRecord>> {
        self.db
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ?1"
            ))
            .and_then(|mut st| st.query_row([id], quote_from_row).optional())
            .map_err(|e| self.db_err(e))
    }

    /// Full-text search with filters, best first, each hit with a highlighted snippet.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let date = |s: &Option<String>, end_of_day: bool| -> Result<Option<i64>> {
            match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => {
                    let secs = parse_iso_date(s).ok_or_else(|| Error::BadDate(s.to_string()))?;
                    // A bare date as upper bound includes that whole day.
                    Ok(Some(if end_of_day && s.len() <= 10 {
                        secs + 86_399
                    } else {
                        secs
                    }))
                }
            }
        };
        let filters = Filters {
            speaker: q.speaker.as_deref(),
            person: q.person.as_deref(),
            site: q.site.as_deref(),
            since: date(&q.since, false)?,
            until: date(&q.until, true)?,
            kind: q.kind,
        };
        let (query, text_query) = self.index.build_query(&q.text, &filters)?;
        let searcher = self.index.searcher();
        let limit = q.limit.clamp(1, MAX_RESULTS);
        let (total, raw) = self.index.search(&searcher, &*query, limit, q.offset)?;
        let snippets = if q.text.trim().is_empty() {
            None
        } else {
            Some(
                self.index
                    .snippet_generator(&searcher, &*text_query, SNIPPET_CHARS)?,
            )
        };
        let mut hits = Vec::with_capacity(raw.len());
        for h in raw {
            let Some(article) = self.summary(h.article_id)? else {
                continue; // index ahead of this reader's view of the database
            };
            let (quote, text) = match h.kind {
                DocKind::Quote => match self.quote(h.quote_id)? {
                    Some(qr) => {
                        let t = qr.text.clone();
                        (Some(qr), t)
                    }
                    None => continue,
                },
                DocKind::Article => {
                    let body: String = self
                        .db
                        .prepare_cached(
                            "SELECT v.body FROM articles a JOIN versions v ON v.id = a.version_id WHERE a.id = ?1",
                        )
                        .and_then(|mut st| st.query_row([h.article_id], |r| r.get(0)))
                        .map_err(|e| self.db_err(e))?;
                    (None, body)
                }
            };
            let snippet = match &snippets {
                Some(g) => {
                    let s = g.snippet(&text);
                    if s.fragment().is_empty() {
                        lead_snippet(&text)
                    } else {
                        Snippet {
                            text: s.fragment().to_string(),
                            highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                        }
                    }
                }
                None => lead_snippet(&text),
            };
            hits.push(SearchHit {
                kind: h.kind,
                score: h.score,
                article,
                quote,
                snippet,
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// Ids of entities whose name contains every word of `name` (case and accents
    /// ignored), most quoted first; persons only unless `all_kinds`.
    fn matching_entities(&self, name: &str, all_kinds: bool, limit: usize) -> Result<Vec<i64>> {
        let toks = text::tokens(&mut self.analyzer.clone(), name);
        if toks.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = String::from("SELECT id FROM entities WHERE id IN (");
        for i in 0..toks.len() {
            if i > 0 {
                sql.push_str(" INTERSECT ");
            }
            sql.push_str(&format!(
                "SELECT entity_id FROM entity_tokens WHERE token = ?{}",
                i + 1
            ));
        }
        sql.push(')');
        if !all_kinds {
            sql.push_str(" AND kind = 'person'");
        }
        sql.push_str(&format!(
            " ORDER BY quote_count DESC, article_count DESC, id LIMIT {limit}"
        ));
        self.query_all(&sql, rusqlite::params_from_iter(toks.iter()), |r| r.get(0))
    }

    /// What a speaker said, newest first: quotes whose resolved speaker (person,
    /// organisation or group) has every word of `name` in its name ("Ryabkov",
    /// "sergei ryabkov"; case and accents ignored). When many speakers match, the
    /// [`MAX_SPEAKERS`](crate::MAX_SPEAKERS) most quoted are searched.
    pub fn quotes_by_speaker(
        &self,
        name: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<QuoteRecord>> {
        let ids = self.matching_entities(name, true, crate::MAX_SPEAKERS)?;
        self.quotes_of(&ids, limit, offset)
    }

    /// The quotes of these speakers, newest first. Each speaker's quotes come in date
    /// order from the `quotes_person_date` index, so one query per speaker reads at most
    /// `offset + limit` rows; the lists are then merged.
    fn quotes_of(&self, ids: &[i64], limit: usize, offset: usize) -> Result<Vec<QuoteRecord>> {
        let limit = limit.min(MAX_RESULTS);
        let want = offset.saturating_add(limit);
        let mut all = Vec::new();
        let mut st = self
            .db
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id \
                 WHERE q.person_id = ?1 ORDER BY q.date DESC, q.id DESC LIMIT ?2"
            ))
            .map_err(|e| self.db_err(e))?;
        let mut dates: Vec<(i64, i64, usize)> = Vec::new();
        for &id in ids {
            let rows = st
                .query_map(params![id, want as i64], |r| {
                    Ok((r.get::<_, i64>(12)?, quote_from_row(r)?))
                })
                .map_err(|e| self.db_err(e))?;
            for row in rows {
                let (date, q) = row.map_err(|e| self.db_err(e))?;
                dates.push((date, q.id, all.len()));
                all.push(Some(q));
            }
        }
        dates.sort_by_key(|&(date, id, _)| std::cmp::Reverse((date, id)));
        Ok(dates
            .into_iter()
            .skip(offset)
            .take(limit)
            .filter_map(|(_, _, i)| all[i].take())
            .collect())
    }

    /// People with their quote counts and roles, most quoted first.
    pub fn people(&self, q: &PeopleQuery) -> Result<Vec<PersonSummary>> {
        let ids: Vec<i64> = match q.name.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(name) => {
                let ids = self.matching_entities(name, q.all_kinds, 100_000)?;
                ids.into_iter().skip(q.offset).take(q.limit).collect()
            }
            None => {
                let kinds = if q.all_kinds { "1" } else { "kind = 'person'" };
                self.query_all(
                    &format!(
                        "SELECT id FROM entities WHERE {kinds} AND quote_count >= ?1 \
                         ORDER BY quote_count DESC, article_count DESC, id LIMIT ?2 OFFSET ?3"
                    ),
                    params![q.min_quotes as i64, q.limit as i64, q.offset as i64],
                    |r| r.get(0),
                )?
            }
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(p) = self.person(id)? {
                if p.quote_count >= q.min_quotes {
                    out.push(p);
                }
            }
        }
        Ok(out)
    }

    /// One person's (or organisation's) name and totals.
    pub fn person(&self, id: PersonId) -> Result<Option<PersonSummary>> {
        let row: Option<(String, String, i64, i64)> = self
            .db
            .prepare_cached(
                "SELECT name, kind, quote_count, article_count FROM entities WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .optional()
            })
            .map_err(|e| self.db_err(e))?;
        let Some((name, kind, quotes, articles)) = row else {
            return Ok(None);
        };
        let roles = self.roles_of(id, 5)?.into_iter().map(|r| r.role).collect();
        let last: Option<i64> = self
            .db
            .prepare_cached("SELECT max(date) FROM mentions WHERE person_id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .map_err(|e| self.db_err(e))?;
        Ok(Some(PersonSummary {
            id,
            name,
            kind: parse_speaker_kind(&kind),
            quote_count: quotes.max(0) as usize,
            article_count: articles.max(0) as usize,
            roles,
            last_seen: last.map(format_iso),
        }))
    }

    fn roles_of(&self, id: PersonId, limit: usize) -> Result<Vec<RoleRecord>> {
        self.query_all(
            "SELECT role, articles, first_seen, last_seen FROM person_roles WHERE person_id = ?1 \
                 ORDER BY articles DESC, last_seen DESC, role LIMIT ?2",
            params![id, limit as i64],
            |r| {
                Ok(RoleRecord {
                    role: r.get(0)?,
                    articles: r.get::<_, i64>(1)? as usize,
                    first_seen: format_iso(r.get(2)?),
                    last_seen: format_iso(r.get(3)?),
                })
            },
        )
    }

    /// One person's quotes, newest first (for paging through a person page).
    pub fn person_quotes(
        &self,
        id: PersonId,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<QuoteRecord>> {
        self.quotes_of(&[id], limit, offset)
    }

    /// The articles that mention or quote a person, newest first.
    pub fn person_articles(
        &self,
        id: PersonId,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let mut st = self
            .db
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLS} FROM mentions m JOIN articles a ON a.id = m.article_id \
                 WHERE m.person_id = ?1 ORDER BY m.date DESC, m.article_id DESC LIMIT ?2 OFFSET ?3"
            ))
            .map_err(|e| self.db_err(e))?;
        let rows = st
            .query_map(
                params![id, limit.min(MAX_RESULTS) as i64, offset as i64],
                summary_from_row,
            )
            .map_err(|e| self.db_err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.db_err(e))
    }

    /// Everything a person page shows: totals, roles, quotes per month, latest quotes
    /// and articles (`recent` of each), and the people most often named beside them
    /// (counted over their latest 500 articles).
    pub fn person_page(&self, id: PersonId, recent: usize) -> Result<Option<PersonPage>> {
        let Some(person) = self.person(id)? else {
            return Ok(None);
        };
        let roles = self.roles_of(id, 1000)?;
        let quotes_by_month = {
            let mut st = self
                .db
                .prepare_cached(
                    "SELECT month, quotes FROM person_months WHERE person_id = ?1 ORDER BY month",
                )
                .map_err(|e| self.db_err(e))?;
            let rows = st
                .query_map([id], |r| {
                    Ok(MonthCount {
                        month: r.get(0)?,
                        quotes: r.get::<_, i64>(1)? as usize,
                    })
                })
                .map_err(|e| self.db_err(e))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| self.db_err(e))?
        };
        let recent_quotes = self.person_quotes(id, recent, 0)?;
        let recent_articles = self.person_articles(id, recent, 0)?;
        let co_mentioned = {
            let mut st = self
                .db
                .prepare_cached(
                    // CROSS JOIN fixes the join order: the person's latest articles first,
                    // then their mentions by article (else SQLite may scan all mentions).
                    "SELECT e.id, e.name, c.n FROM \
                     (SELECT m2.person_id AS pid, count(*) AS n FROM \
                      (SELECT article_id FROM mentions WHERE person_id = ?1 ORDER BY date DESC LIMIT 500) mine \
                      CROSS JOIN mentions m2 ON m2.article_id = mine.article_id \
                      WHERE m2.person_id != ?1 GROUP BY m2.person_id) c \
                     CROSS JOIN entities e ON e.id = c.pid \
                     WHERE e.kind = 'person' ORDER BY c.n DESC, e.id LIMIT 10",
                )
                .map_err(|e| self.db_err(e))?;
            let rows = st
                .query_map([id], |r| {
                    Ok(CoMention {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        articles: r.get::<_, i64>(2)? as usize,
                    })
                })
                .map_err(|e| self.db_err(e))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| self.db_err(e))?
        };
        Ok(Some(PersonPage {
            person,
            roles,
            quotes_by_month,
            recent_quotes,
            recent_articles,
            co_mentioned,
        }))
    }

    /// Totals and size on disk.
    pub fn stats(&self) -> Result<StoreStats> {
        let count = |sql: &str| -> Result<usize> {
            self.db
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(|e| self.db_err(e))
        };
        let file = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let db_bytes = file(self.db_path.clone()) + file(self.dir.join(format!("{DB_FILE}-wal")));
        Ok(StoreStats {
            articles: count("SELECT count(*) FROM articles")?,
            versions: count("SELECT count(*) FROM versions")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            people: count("SELECT count(*) FROM entities WHERE kind = 'person'")?,
            bytes_on_disk: db_bytes + self.index.bytes_on_disk(),
        })
    }

    /// Compare the database with the index's last commit (and the people counters with
    /// the quote and mention rows). Call after [`Store::flush`].
    pub fn verify(&self) -> Result<Consistency> {
        let (index_ids, index_quotes) = self.index.census()?;
        let db_ids: Vec<i64> =
            self.query_all("SELECT id FROM articles ORDER BY id", [], |r| r.get(0))?;
        let db_quotes: i64 = self
            .db
            .query_row("SELECT count(*) FROM quotes", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))?;
        let db_set: HashSet<i64> = db_ids.iter().copied().collect();
        let mut seen = HashSet::new();
        let mut extra = Vec::new();
        for &id in &index_ids {
            if (!db_set.contains(&id) || !seen.insert(id)) && extra.len() < 100 {
                extra.push(id);
            }
        }
        let missing: Vec<i64> = db_ids
            .iter()
            .copied()
            .filter(|id| !seen.contains(id))
            .take(100)
            .collect();
        let mut mismatches: i64 = 0;
        const MONTHS: &str = "SELECT person_id, strftime('%Y-%m', date, 'unixepoch'), count(*) \
             FROM quotes WHERE person_id IS NOT NULL GROUP BY 1, 2";
        const ROLES: &str =
            "SELECT person_id, role, count(*), min(date), max(date) FROM roles GROUP BY 1, 2";
        for sql in [
            "SELECT count(*) FROM entities e WHERE \
             e.quote_count != (SELECT count(*) FROM quotes q WHERE q.person_id = e.id) \
             OR e.article_count != (SELECT count(*) FROM mentions m WHERE m.person_id = e.id)"
                .to_string(),
            format!("SELECT count(*) FROM ({MONTHS} EXCEPT SELECT person_id, month, quotes FROM person_months)"),
            format!("SELECT count(*) FROM (SELECT person_id, month, quotes FROM person_months EXCEPT {MONTHS})"),
            format!("SELECT count(*) FROM ({ROLES} EXCEPT SELECT person_id, role, articles, first_seen, last_seen FROM person_roles)"),
            format!("SELECT count(*) FROM (SELECT person_id, role, articles, first_seen, last_seen FROM person_roles EXCEPT {ROLES})"),
            // Relate rows: a story's count matches its articles, and none is orphaned.
            "SELECT count(*) FROM stories s WHERE s.articles != \
             (SELECT count(*) FROM article_relate r WHERE r.story_id = s.id)"
                .to_string(),
            "SELECT count(*) FROM article_relate r WHERE NOT EXISTS \
             (SELECT 1 FROM articles a WHERE a.id = r.article_id) \
             OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = r.story_id)"
                .to_string(),
        ] {
            mismatches += self
                .db
                .query_row(&sql, [], |r| r.get::<_, i64>(0))
                .map_err(|e| self.db_err(e))?;
        }
        Ok(Consistency {
            db_articles: db_ids.len(),
            index_articles: index_ids.len(),
            db_quotes: db_quotes as usize,
            index_quotes,
            missing_from_index: missing,
            extra_in_index: extra,
            count_mismatches: mismatches as usize,
        })
    }
}

impl Drop for Store {
    /// Best effort: commit the open batch. Call [`Store::flush`] to see errors.
    fn drop(&mut self) {
        if !self.read_only {
            if self.in_tx {
                let _ = self.flush();
            }
            // Refresh the query planner's statistics where they went stale (cheap).
            let _ = self.db.execute_batch("PRAGMA optimize");
        }
    }
}

/// The start of a text as a snippet (no highlights), cut at a word boundary.
fn lead_snippet(text: &str) -> Snippet {
    let text = text.trim();
    let mut end = text.len();
    if let Some((i, _)) = text.char_indices().nth(SNIPPET_CHARS) {
        end = text[..i].rfind(char::is_whitespace).unwrap_or(i);
    }
    Snippet {
        text: text[..end].to_string(),
        highlights: Vec::new(),
    }
}
