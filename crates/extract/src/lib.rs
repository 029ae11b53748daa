//! The **extract** stage of newsdesk: a raw news page in, a clean [`Article`] out.
//!
//! The input may be HTML (plain or gzipped, in any charset) or plain text scraped
//! from a page; the format is detected from the bytes, never from a file name.
//! The article body comes without ads, calls to action, navigation, related-link
//! lists, cookie notices or obfuscated-email placeholders.
//!
//! ```
//! use newsdesk_extract::{extract, Options};
//! let page = b"<html><head><title>Rain returns</title></head><body><article>\
//!     <h1>Rain returns</h1><p>After three dry months, rain fell over the valley on Monday, \
//!     filling reservoirs that farmers had watched shrink all summer long.</p></article></body></html>";
//! let article = extract(page, "page.html", &Options::default()).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Rain returns"));
//! assert!(article.body.starts_with("After three dry months"));
//! ```
//!
//! Modules, in the order a page flows through them:
//! - [`decode`]: gzip and charset detection, bytes → `String`.
//! - [`detect`]: is it HTML, plain text, or something we refuse (binary)?
//! - [`html`]: metadata (JSON-LD, OpenGraph, meta tags, bylines) and main-content extraction.
//! - [`lang`]: language identification (ISO 639-1).
//! - [`text`]: the same for plain page text (boilerplate lines, headline, dek, byline).
#![deny(missing_docs)]

pub mod decode;
pub mod detect;
pub mod html;
pub mod lang;
pub mod text;

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A news article as extracted from one page.
///
/// Every optional field is `None` (JSON `null`) when the page does not say it;
/// nothing is guessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Where the page came from, exactly as the caller named it (a path, `-`, a URL).
    pub source: String,
    /// The headline.
    pub title: Option<String>,
    /// The dek (subtitle, standfirst) under the headline.
    pub dek: Option<String>,
    /// Author names: persons only, never "Staff" or a site name. Empty when unknown
    /// (serialized as `null`).
    #[serde(
        serialize_with = "serialize_empty_as_null",
        deserialize_with = "deserialize_null_as_empty",
        default
    )]
    pub authors: Vec<String>,
    /// Publication date-time, ISO 8601 (`2022-01-10` or `2022-01-10T18:03:00Z`).
    pub published: Option<String>,
    /// Last-modification date-time, ISO 8601.
    pub modified: Option<String>,
    /// Language of the body, ISO 639-1 (`en`, `pt`, `ru`…).
    pub language: Option<String>,
    /// Name of the publishing site ("The Wall Street Journal").
    pub site_name: Option<String>,
    /// The canonical URL the page declares (or the URL it was fetched from).
    pub canonical_url: Option<String>,
    /// The clean article body: paragraphs joined by `"\n"`.
    pub body: String,
    /// Number of words in `body` (runs of alphanumeric characters).
    pub word_count: usize,
}

fn serialize_empty_as_null<S: serde::Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
    if v.is_empty() {
        s.serialize_none()
    } else {
        v.serialize(s)
    }
}

fn deserialize_null_as_empty<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// Limits and switches for extraction. Every limit is explicit; see each field for its default.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest input accepted, in bytes, after gzip decompression. Default 64 MiB.
    /// Larger inputs are rejected with [`Error::TooLarge`].
    pub max_input_bytes: usize,
    /// Deepest element nesting the HTML tree keeps. Default 256. Deeper elements are
    /// attached to their ancestor at this depth, so hostile nesting cannot blow the stack.
    pub max_depth: usize,
    /// Wall-clock budget for one page. Default 10 s. When it runs out, extraction
    /// stops refining and returns what it has (best effort), never hangs.
    pub time_budget: Duration,
    /// URL the page was fetched from, if known (used for relative canonical links
    /// and as the fallback `canonical_url`).
    pub url: Option<String>,
    /// HTTP `Content-Type` charset, if the page came over HTTP; it outranks the
    /// page's own `<meta charset>` unless the bytes contradict it.
    pub http_charset: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 64 << 20,
            max_depth: 256,
            time_budget: Duration::from_secs(10),
            url: None,
            http_charset: None,
        }
    }
}

/// Why a page could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has no bytes (or only white space).
    #[error("empty input: nothing to extract")]
    Empty,
    /// The input is larger than [`Options::max_input_bytes`].
    #[error(
        "input is {size} bytes, over the limit of {limit} bytes (raise --max-bytes to accept it)"
    )]
    TooLarge {
        /// Size seen (may be a lower bound when decompressing).
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The input looks like binary data (an image, an archive, an executable), not a page.
    #[error("binary data, not a web page or text ({0})")]
    Binary(String),
    /// Gzip data that cannot be decompressed (truncated or corrupt).
    #[error("corrupt or truncated gzip data: {0}")]
    Gzip(String),
}

/// The format [`detect`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An HTML (or XHTML) document.
    Html,
    /// Plain text, such as a page's visible text dumped by a scraper.
    Text,
}

/// Extract an article from raw page bytes: decompress, decode, detect the format, extract.
///
/// `source` is copied into [`Article::source`] unchanged.
pub fn extract(bytes: &[u8], source: &str, options: &Options) -> Result<Article, Error> {
    let text = decode::decode(bytes, options)?;
    let format = detect::detect_format(&text)?;
    let mut article = match format {
        Format::Html => html::extract_html(&text, options),
        Format::Text => text::extract_text(&text, options),
    };
    article.source = source.to_string();
    if article.canonical_url.is_none() {
        article.canonical_url = options.url.clone();
    }
    article.word_count = count_words(&article.body);
    Ok(article)
}

/// Count words: maximal runs of alphanumeric characters.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_authors_serialize_as_null_and_round_trip() {
        let a = Article {
            source: "x".into(),
            ..Default::default()
        };
        let json = serde_json::to_value(&a).unwrap();
        assert!(json["authors"].is_null());
        assert!(json["title"].is_null());
        let back: Article = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn counts_words_across_punctuation() {
        assert_eq!(count_words("U.S., Russia talks — 8 hours"), 6);
        assert_eq!(count_words(""), 0);
    }
}
