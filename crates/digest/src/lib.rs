//! The **digest** of newsdesk: the day's top stories ranked by coverage and novelty,
//! each with a short summary taken from its most central article, its key quotes with
//! speakers, and links — rendered as e-mail-safe HTML, Markdown or JSON, and mailed
//! over SMTP.
//!
//! The crate knows nothing of the store: the caller fills a plain input model
//! ([`DigestStory`], [`DigestArticle`], [`DigestQuote`]) and gets a [`Digest`] back.
//!
//! ```
//! use newsdesk_digest::{build_digest, to_html, to_markdown, DigestArticle, DigestOptions, DigestStory};
//!
//! let article = |id, site: &str, body: &str| DigestArticle {
//!     id,
//!     title: "Storm closes the old bridge".into(),
//!     url: Some(format!("https://{site}/bridge")),
//!     site: Some(site.into()),
//!     date: "2026-03-02T08:00:00Z".into(),
//!     dek: None,
//!     body: body.into(),
//! };
//! let story = DigestStory {
//!     id: 7,
//!     title: "Storm closes the old bridge".into(),
//!     first_seen: Some("2026-03-02T08:00:00Z".into()),
//!     last_seen: Some("2026-03-02T11:00:00Z".into()),
//!     articles: vec![
//!         article(1, "a.example", "The old bridge closed on Monday after the storm. Repairs start soon."),
//!         article(2, "b.example", "Engineers closed the old bridge after the storm damaged it."),
//!     ],
//!     quotes: vec![],
//!     people: vec![],
//!     places: vec!["Riverton".into()],
//!     previous_days_articles: 0,
//! };
//! let digest = build_digest("2026-03-02", &[story], &DigestOptions::default())?;
//! assert_eq!(digest.stories[0].sites_today, 2);
//! assert!(to_html(&digest).contains("Storm closes the old bridge"));
//! assert!(to_markdown(&digest).starts_with("# newsdesk digest for 2026-03-02"));
//! # Ok::<(), newsdesk_digest::DigestError>(())
//! ```
//!
//! A tour of the modules:
//! - [`model`]: the input and output types and [`DigestOptions`] (every limit, with
//!   its default: 10 stories, 2 summary sentences / 400 chars, 3 quotes of at most
//!   300 chars, 8 links, 5 names, 20 000 bytes read per article).
//! - [`rank`]: the ranking formula, `coverage × novelty`.
//! - [`build_digest`]: choosing the day's articles, ranking, centrality (mean TF-IDF
//!   cosine to the story's other articles), summary, key quotes, links.
//! - [`to_html`], [`to_markdown`], [`to_json`]: the renderers.
//! - [`smtp`]: [`SmtpSettings`] (file and environment) and [`send`].
//!
//! Limits: at most [`MAX_STORIES`] stories, [`MAX_QUOTES_READ`] quotes read per story,
//! titles cut to [`MAX_TITLE_CHARS`] chars; text is read up to
//! [`DigestOptions::max_text_bytes`] bytes per article, so time and memory are linear in
//! the input and bounded per article. Lengths in chars count Unicode scalar values.
#![deny(missing_docs)]

mod build;
mod error;
pub mod model;
pub mod rank;
mod render;
pub mod smtp;
mod text;

pub use build::{build_digest, MAX_QUOTES_READ, MAX_TITLE_CHARS};
pub use error::DigestError;
pub use model::*;
pub use render::{escape_markdown, to_html, to_json, to_markdown};
pub use smtp::{send, SmtpError, SmtpSettings, TlsMode};
