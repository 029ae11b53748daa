//! The **export** sink of newsdesk: analysed articles as flat, fixed-shape rows
//! ([`ArticleRow`]), Arrow record batches and IPC streams of them ([`BatchBuilder`],
//! [`ipc_stream`], feature `arrow`) and Parquet files ([`ParquetSink`], feature `parquet`).
//! The native `newsdesk export parquet` command, the Spark job and the Ray job all write
//! the one schema defined here ([`schema`]), so their outputs can be mixed in one table.
//!
//! ```
//! use newsdesk_analyze::{analyze_article, AnalyzeOptions};
//! use newsdesk_export::{ArticleRow, Provenance};
//! let article = newsdesk_extract::Article {
//!     body: "Mayor Ana Lima said the bridge would reopen.".into(),
//!     ..Default::default()
//! };
//! let analyzed = analyze_article(&article, &AnalyzeOptions::default());
//! let row = ArticleRow::new(&analyzed, Provenance::default());
//! assert_eq!(row.quotes.len(), 1);
//! assert_eq!(row.quotes[0].speaker.as_deref(), Some("Ana Lima"));
//! ```
//!
//! # The schema
//!
//! One row per article. Every column is nullable; lists are Parquet `LIST`s whose
//! item is named `element` (the name Spark writes), dates are ISO 8601 strings, and
//! offsets (`start`, `end`) count chars of the text part the quote is in.
//!
//! | column | type | meaning |
//! |---|---|---|
//! | `source` | string | where the page came from: a path or `FILE.warc.gz#record-N` |
//! | `url` | string | the URL fetched (`WARC-Target-URI`); null for files |
//! | `fetched_at` | string | when it was fetched (`WARC-Date`); null for files |
//! | `title`, `dek` | string | headline and subtitle |
//! | `authors` | list\<string\> | author names (empty list when unknown) |
//! | `published`, `modified` | string | ISO 8601 dates the page gives |
//! | `language`, `site_name`, `canonical_url` | string | as in `newsdesk extract` |
//! | `body` | string | the clean body, paragraphs joined by `\n` |
//! | `word_count` | int64 | words in `body` |
//! | `quotes` | list\<struct\> | `text`, `kind` (direct/mixed/indirect), `part` (body/dek/title), `start`, `end` (int64 chars), `cue`, `speaker` (resolved name, else the mention), `speaker_role`, `speaker_kind` (person/organization/group) |
//! | `people` | list\<struct\> | `name`, `roles` list\<string\>, `mentions` int64 (count) |
//! | `organizations`, `places` | list\<string\> | names |
//! | `events` | list\<struct\> | `what`, `where`, `when` (text), `date` (ISO when resolved), `participants` list\<string\> |
#![deny(missing_docs)]

#[cfg(feature = "arrow")]
mod arrow;
mod row;
#[cfg(feature = "parquet")]
mod sink;

#[cfg(feature = "arrow")]
pub use arrow::{ipc_stream, schema, BatchBuilder};
#[cfg(feature = "arrow")]
pub use arrow_array::RecordBatch;
#[cfg(feature = "arrow")]
pub use arrow_schema::ArrowError;
pub use row::{analyze_page, ArticleRow, EventRow, PersonRow, Provenance, QuoteRow};
#[cfg(feature = "parquet")]
pub use sink::{ExportError, ParquetSink, SinkOptions};
