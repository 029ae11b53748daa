//! The **ingest** stage of newsdesk: bring raw news pages in, from WARC archives,
//! feeds, sitemaps and single URLs, politely and safely. Its output is a stream of
//! [`RawPage`]s for the extract stage; it never parses articles itself and never
//! touches a store (crawl memory goes through the [`CrawlState`] trait).
//!
//! ```no_run
//! use newsdesk_ingest::warc::{WarcReader, WarcOptions};
//! let mut reader = WarcReader::open("crawl.warc.gz".as_ref(), WarcOptions::default()).unwrap();
//! for item in &mut reader {
//!     match item {
//!         Ok(page) => println!("{} {} bytes", page.url.as_deref().unwrap_or("?"), page.bytes.len()),
//!         Err(e) => eprintln!("skipped: {e}"),
//!     }
//! }
//! println!("{:?}", reader.stats());
//! ```
//!
//! Modules, in the order a page flows through them:
//! - [`warc`]: streaming WARC / WARC.gz reader (and a small writer), constant memory.
//! - [`pipeline`]: map records through a function (extraction) on all cores, bounded memory.
//! - [`feeds`]: RSS, Atom, JSON Feed, OPML, sitemaps and Google News sitemaps → article URLs.
//! - [`net`]: SSRF guard: which IP addresses may be contacted.
//! - [`fetch`]: the polite HTTP fetcher (robots.txt, per-host limits, conditional GET, caps).
//! - [`state`]: the [`CrawlState`] trait (seen URLs, validators, poll times) and an in-memory one.
//! - [`watch`]: the poll loop over feeds, sitemaps and URLs.
#![deny(missing_docs)]

pub mod feeds;
pub mod fetch;
pub mod net;
pub mod pipeline;
pub mod state;
pub mod warc;
pub mod watch;

mod page;

pub use page::{is_html_content_type, parse_content_type_charset, RawPage};
pub use state::{CrawlState, MemoryState, StateError, Validators};
