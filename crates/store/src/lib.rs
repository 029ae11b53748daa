//! The **store** stage of newsdesk: analysed articles in, searchable knowledge out.
//!
//! A [`Store`] lives in one data directory: `newsdesk.db` (SQLite, the source of
//! truth: articles, their versions with what changed, quotes, people, roles,
//! mentions, copy groups and stories) and `index/` (tantivy full-text index of articles and quotes, derived
//! from the database).
//!
//! ```no_run
//! use newsdesk_analyze::AnalyzedArticle;
//! use newsdesk_store::{SearchQuery, Store};
//! # fn main() -> Result<(), newsdesk_store::Error> {
//! let mut store = Store::open("newsdesk-data")?;
//! # let analyzed = AnalyzedArticle::default();
//! let outcome = store.ingest(&analyzed)?; // New, Updated (new version) or Unchanged
//! store.flush()?; // commit the batch: database first, then the index
//! let results = store.search(&SearchQuery { speaker: Some("Ryabkov".into()), ..SearchQuery::new("talks") })?;
//! for hit in results.hits {
//!     println!("{:?} {} {}", hit.article.title, hit.article.date, hit.snippet.to_html());
//! }
//! let said = store.quotes_by_speaker("ryabkov", 20, 0)?; // newest first
//! # Ok(()) }
//! ```
//!
//! Concepts, in the order data flows:
//! - **Identity** ([`Store::ingest`]): an article is known by its canonical URL; without
//!   one, by its content hash (title, dek, body), then by its source path. The same
//!   content twice is stored once ([`IngestStatus::Unchanged`]); a known article with a
//!   different title, dek or body becomes a new version with a [`ChangeSummary`].
//! - **Batches**: ingests go into one open database transaction; every
//!   [`StoreOptions::batch_size`] articles (and on [`Store::flush`]) the transaction
//!   commits, then the index applies it and commits.
//! - **Crash safety**: a database transaction writes an article's rows and an entry
//!   in the `index_queue` outbox together. Each index commit records in its payload
//!   the last queue position it applied. On open the store re-applies every queue
//!   entry past that watermark, so after any crash each article is either fully
//!   present (record, quotes and index documents) or fully absent, and database and
//!   index agree ([`Store::verify`] checks it).
//! - **Relate**: every new article is fingerprinted and clustered as it is stored
//!   (copy group with the earliest-dated member as original; story), in the same
//!   transaction; the in-memory state is rebuilt from the database at the first
//!   ingest after open. Reads: [`Store::copies_of`], [`Store::story`],
//!   [`Store::stories_on`], [`Store::latest_stories`], [`Store::related`]. Each
//!   article's fingerprint takes `4 · (1 + sketch_size)` bytes (516 by default) in the
//!   database; the copy index keeps the latest [`RelateConfig`] `max_articles`
//!   (200,000, about 770 bytes each in memory) whatever their dates. Updated versions
//!   keep the copy group and story of their first version.
//! - **Reads**: [`Store::search`] (ranked, filtered, highlighted), article lookups,
//!   versions, [`Store::latest`], quotes by speaker, people and person pages.
//!
//! Names match case- and accent-insensitively on whole words: "ryabkov",
//! "RYABKOV" and "Sergei Ryabkov" all find "Sergei Ryabkov".
//!
//! Limits: a search returns at most [`MAX_RESULTS`] hits per page; snippets are at most
//! [`SNIPPET_CHARS`] chars.
//!
//! A `Store` is `Send` but not `Sync`: share it behind a mutex, or open one
//! [`Store::open_read_only`] per thread (any number of readers may run beside one writer,
//! in this process or another).
#![deny(missing_docs)]

pub mod crawl;
mod diff;
mod error;
mod index;
mod model;
mod relate;
mod schema;
mod store;
pub mod text;

pub use crawl::CrawlStore;
pub use diff::ChangeSummary;
pub use error::{Error, Result};
pub use model::*;
pub use relate::{
    RelateConfig, KEY_QUOTES, LEAD_CHARS, MAX_GROUP_MEMBERS, MAX_RELATED, MAX_STORY_ARTICLES,
};
pub use store::{Store, StoreOptions};

/// Most hits one search returns (larger `limit`s are capped).
pub const MAX_RESULTS: usize = 1000;
/// Most speakers one [`Store::quotes_by_speaker`] call searches (the most quoted of those
/// whose name matches).
pub const MAX_SPEAKERS: usize = 100;
/// Longest snippet, in chars.
pub const SNIPPET_CHARS: usize = 220;
