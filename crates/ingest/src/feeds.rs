//! Feeds and sitemaps → article URLs: RSS 0.9x/1.0/2.0, Atom and JSON Feed (via
//! `feed-rs`), OPML lists of feeds, sitemaps, sitemap indexes and Google News
//! sitemaps (via `quick-xml`), gzipped or not.
//!
//! [`parse_document`] sniffs the kind from the bytes (never from a name or a
//! `Content-Type`, which servers often get wrong) and returns a [`Document`].

use flate2::read::MultiGzDecoder;
use quick_xml::events::Event;
use std::io::Read;

/// Limits for [`parse_document`].
#[derive(Debug, Clone)]
pub struct FeedOptions {
    /// Largest document after gzip decompression, in bytes. Default 50 MiB (the
    /// sitemap protocol's own limit). Larger ones fail with [`FeedError::TooLarge`].
    pub max_bytes: usize,
    /// Most links kept from one document. Default 50,000 (the sitemap protocol's
    /// limit); the rest are dropped.
    pub max_links: usize,
}

impl Default for FeedOptions {
    fn default() -> Self {
        FeedOptions {
            max_bytes: 50 << 20,
            max_links: 50_000,
        }
    }
}

/// One link found in a feed, sitemap or OPML list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Absolute `http(s)` URL (relative ones are resolved against the document's URL).
    pub url: String,
    /// Title, when the document gives one (feed entry title, `news:title`, OPML `title`/`text`).
    pub title: Option<String>,
    /// Publication or modification date as given: RFC 3339 for feeds (normalised by
    /// `feed-rs`), the `news:publication_date` or `lastmod` text for sitemaps.
    pub date: Option<String>,
}

/// What a document turned out to be, with its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// An RSS, Atom or JSON feed: links to articles.
    Feed(Vec<Link>),
    /// A sitemap (`<urlset>`, including Google News sitemaps): links to articles.
    Sitemap(Vec<Link>),
    /// A sitemap index (`<sitemapindex>`): links to further sitemaps.
    SitemapIndex(Vec<Link>),
    /// An OPML list: links to feeds.
    Opml(Vec<Link>),
}

impl Document {
    /// The links, whatever the kind.
    pub fn links(&self) -> &[Link] {
        match self {
            Document::Feed(l)
            | Document::Sitemap(l)
            | Document::SitemapIndex(l)
            | Document::Opml(l) => l,
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// Bigger than [`FeedOptions::max_bytes`] (after decompression).
    #[error("document is over the limit of {limit} bytes")]
    TooLarge {
        /// The limit in force.
        limit: usize,
    },
    /// Gzip data that cannot be decompressed.
    #[error("corrupt gzip data: {0}")]
    Gzip(std::io::Error),
    /// Malformed XML.
    #[error("malformed XML at byte {offset}: {message}")]
    Xml {
        /// Byte offset in the (decompressed) document.
        offset: u64,
        /// What the parser said.
        message: String,
    },
    /// A feed `feed-rs` could not parse.
    #[error("unreadable feed: {0}")]
    Feed(String),
    /// Neither a feed, a sitemap nor an OPML list.
    #[error("not a feed, sitemap or OPML document (root element {0:?})")]
    Unknown(String),
}

/// Parse a feed, sitemap, sitemap index or OPML document (gzipped or not). `base_url`
/// (the document's own URL) resolves relative links; links that are not absolute
/// `http(s)` URLs after that are dropped.
pub fn parse_document(
    bytes: &[u8],
    base_url: Option<&str>,
    options: &FeedOptions,
) -> Result<Document, FeedError> {
    let decompressed;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        MultiGzDecoder::new(bytes)
            .take(options.max_bytes as u64 + 1)
            .read_to_end(&mut out)
            .map_err(FeedError::Gzip)?;
        decompressed = out;
        &decompressed[..]
    } else {
        bytes
    };
    if bytes.len() > options.max_bytes {
        return Err(FeedError::TooLarge {
            limit: options.max_bytes,
        });
    }
    let base = base_url.and_then(|b| url::Url::parse(b).ok());
    let body = trim_start(bytes);
    if body.starts_with(b"{") {
        return parse_feed(bytes, base.as_ref(), options).map(Document::Feed);
    }
    match root_element(bytes)?.as_str() {
        "urlset" => parse_sitemap(bytes, base.as_ref(), options).map(Document::Sitemap),
        "sitemapindex" => parse_sitemap(bytes, base.as_ref(), options).map(Document::SitemapIndex),
        "opml" => parse_opml(bytes, base.as_ref(), options).map(Document::Opml),
        "rss" | "feed" | "rdf" | "channel" => {
            parse_feed(bytes, base.as_ref(), options).map(Document::Feed)
        }
        other => Err(FeedError::Unknown(other.to_string())),
    }
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn xml_error(reader: &quick_xml::Reader<&[u8]>, e: impl std::fmt::Display) -> FeedError {
    FeedError::Xml {
        offset: reader.buffer_position(),
        message: e.to_string(),
    }
}

/// Local name of the first element, lower-cased.
fn root_element(bytes: &[u8]) -> Result<String, FeedError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                return Ok(String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase())
            }
            Ok(Event::Eof) => return Err(FeedError::Unknown(String::new())),
            Ok(_) => {}
            Err(e) => return Err(xml_error(&reader, e)),
        }
    }
}

/// Resolve and keep only absolute http(s) URLs.
fn absolute(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn parse_feed(
    bytes: &[u8],
    base: Option<&url::Url>,
    options: &FeedOptions,
) -> Result<Vec<Link>, FeedError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(|b| b.as_str()))
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| FeedError::Feed(e.to_string()))?;
    let mut links = Vec::new();
    for entry in feed.entries.into_iter().take(options.max_links) {
        let href = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone())
            .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()));
        let Some(url) = href.and_then(|h| absolute(&h, base)) else {
            continue;
        };
        links.push(Link {
            url,
            title: entry
                .title
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            date: entry
                .published
                .or(entry.updated)
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        });
    }
    Ok(links)
}

/// `<urlset>` and `<sitemapindex>` alike: `loc` (child of `url`/`sitemap`), `lastmod`,
/// and the Google News extension's `news:title` and `news:publication_date`.
fn parse_sitemap(
    bytes: &[u8],
    base: Option<&url::Url>,
    options: &FeedOptions,
) -> Result<Vec<Link>, FeedError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Field {
        None,
        Loc,
        LastMod,
        Title,
        PubDate,
    }
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut links = Vec::new();
    // Element names from the root, local and lower-cased (depth-capped: hostile nesting).
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut depth = 0usize;
    let mut field = Field::None;
    let (mut loc, mut lastmod, mut title, mut pubdate) = (String::new(), None, None, None);
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth <= 16 {
                    let name = e.local_name().as_ref().to_ascii_lowercase();
                    let parent = path.last().map(|p| p.as_slice());
                    field = match (name.as_slice(), parent) {
                        (b"loc", Some(b"url" | b"sitemap")) => Field::Loc,
                        (b"lastmod", Some(b"url" | b"sitemap")) => Field::LastMod,
                        (b"title", Some(b"news")) => Field::Title,
                        (b"publication_date", Some(b"news")) => Field::PubDate,
                        _ => Field::None,
                    };
                    if matches!(name.as_slice(), b"url" | b"sitemap") {
                        loc.clear();
                        (lastmod, title, pubdate) = (None, None, None);
                    }
                    path.push(name);
                    text.clear();
                }
            }
            Event::Text(t) if field != Field::None => {
                text.push_str(&t.unescape().map_err(|e| xml_error(&reader, e))?);
            }
            Event::CData(c) if field != Field::None => {
                text.push_str(&String::from_utf8_lossy(&c.into_inner()));
            }
            Event::End(_) => {
                if depth <= 16 {
                    let value = text.trim().to_string();
                    match field {
                        Field::Loc => loc = value,
                        Field::LastMod => lastmod = Some(value),
                        Field::Title => title = Some(value),
                        Field::PubDate => pubdate = Some(value),
                        Field::None => {}
                    }
                    field = Field::None;
                    text.clear();
                    if let Some(name) = path.pop() {
                        if matches!(name.as_slice(), b"url" | b"sitemap")
                            && links.len() < options.max_links
                        {
                            if let Some(url) = absolute(&loc, base) {
                                links.push(Link {
                                    url,
                                    title: title.take().filter(|t: &String| !t.is_empty()),
                                    date: pubdate
                                        .take()
                                        .or(lastmod.take())
                                        .filter(|d| !d.is_empty()),
                                });
                            }
                        }
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(links)
}

/// Every `<outline xmlUrl="…">`, at any depth.
fn parse_opml(
    bytes: &[u8],
    base: Option<&url::Url>,
    options: &FeedOptions,
) -> Result<Vec<Link>, FeedError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut links = Vec::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(&reader, e))? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref().eq_ignore_ascii_case(b"outline") =>
            {
                let (mut href, mut title, mut text) = (None, None, None);
                for attr in e.attributes().flatten() {
                    let value = attr
                        .decode_and_unescape_value(reader.decoder())
                        .map(|v| v.trim().to_string())
                        .unwrap_or_default();
                    match attr
                        .key
                        .local_name()
                        .as_ref()
                        .to_ascii_lowercase()
                        .as_slice()
                    {
                        b"xmlurl" => href = Some(value),
                        b"title" => title = Some(value),
                        b"text" => text = Some(value),
                        _ => {}
                    }
                }
                if let Some(url) = href.and_then(|h| absolute(&h, base)) {
                    if links.len() < options.max_links {
                        links.push(Link {
                            url,
                            title: title.or(text).filter(|t| !t.is_empty()),
                            date: None,
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(links)
}
