//! HTML pages: metadata and main-content extraction.
//!
//! - [`dom`]: html5ever's tokenizer → a compact arena tree (depth-limited, linear).
//! - [`metadata`]: `<meta>`, `<title>`, canonical link, `<html lang>`, JSON-LD.
//! - [`content`]: which blocks of text are the article body.
//! - [`byline`]: raw bylines → person names.
//! - [`dates`]: date strings → validated ISO 8601.
//!
//! Limits: every pass is linear in the page and none recurses, so
//! [`Options::max_depth`] (default 256) bounds only the tree's shape, and
//! [`Options::time_budget`] is checked between 64 KiB chunks of parsing (at least
//! 256 KiB are always parsed) and between passes. Memory is linear in the page:
//! a synthetic 50 MB page of small paragraphs took 0.9 CPU-seconds and 550 MB
//! peak RSS end to end, so the input limit ([`Options::max_input_bytes`]) is
//! also the memory bound.

pub mod byline;
pub mod content;
pub mod dates;
pub mod dom;
pub mod metadata;

use crate::{Article, Options};
use std::time::Instant;

/// Extract an article from a decoded HTML document.
///
/// Never fails: a page with no recognisable article yields its visible text
/// (or an empty body when it has none), and metadata fields the page does not
/// state are `None`.
pub fn extract_html(html: &str, options: &Options) -> Article {
    let start = Instant::now();
    let deadline = start + options.time_budget;
    let dom = dom::Dom::parse(html, options.max_depth, deadline);
    let meta = metadata::read(&dom);
    let titles: Vec<&str> = [
        meta.ld.headline.as_deref(),
        meta.meta(&["og:title"]),
        meta.meta(&["twitter:title"]),
        meta.title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let content = content::extract(&dom, meta.ld.body.as_deref(), &titles, deadline);

    let site_name = meta
        .meta(&["og:site_name", "application-name", "al:android:app_name"])
        .map(str::to_string)
        .or_else(|| meta.ld.publisher.clone())
        .map(|s| clean_site_name(&s))
        .filter(|s| !s.is_empty() && s.chars().count() < 100);

    let title = choose_title(&meta, content.h1.as_deref(), site_name.as_deref());
    let dek = meta
        .ld
        .description
        .clone()
        .or_else(|| {
            meta.meta(&["og:description", "description", "twitter:description"])
                .map(str::to_string)
        })
        .filter(|d| Some(d) != title.as_ref());

    let authors = choose_authors(&meta, &content, site_name.as_deref());
    let (published, modified) = choose_dates(&meta, &content);

    let declared = meta
        .html_lang
        .as_deref()
        .and_then(crate::lang::normalize_tag)
        .or_else(|| {
            meta.meta(&["content-language", "og:locale", "language", "dc.language"])
                .and_then(crate::lang::normalize_tag)
        })
        .or_else(|| {
            meta.ld
                .language
                .as_deref()
                .and_then(crate::lang::normalize_tag)
        });
    // Declared first; a page that declares nothing is identified from its body.
    let language = declared.or_else(|| crate::lang::identify(&content.body).map(str::to_string));

    let base = options.url.as_deref();
    let canonical_url = meta
        .canonical
        .as_deref()
        .and_then(|c| metadata::resolve_url(c, base))
        .or_else(|| {
            meta.meta(&["og:url"])
                .and_then(|u| metadata::resolve_url(u, base))
        })
        .or_else(|| meta.ld.url.clone());

    Article {
        source: String::new(),
        title,
        dek,
        authors,
        published,
        modified,
        language,
        site_name,
        canonical_url,
        body: content.body,
        word_count: 0,
    }
}

/// A site name as a person reads it: a URL becomes its host, a handle loses its `@`.
fn clean_site_name(s: &str) -> String {
    let s = s.trim();
    if let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return host.trim_start_matches("www.").to_string();
    }
    s.trim_start_matches('@').to_string()
}

/// Strip a trailing (or leading) " - Site Name" / " | Site Name" from a title.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = title.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| {
                let s = s.to_lowercase();
                let tl = tail.to_lowercase();
                tl.contains(&s) || s.contains(&tl)
            });
            if tail_is_site
                || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 4)
            {
                return head.trim().to_string();
            }
        }
        if let (Some(i), Some(s)) = (t.find(sep), site) {
            let head = &t[..i];
            if head.to_lowercase() == s.to_lowercase() {
                return t[i + sep.len()..].trim().to_string();
            }
        }
    }
    t.to_string()
}

fn choose_title(meta: &metadata::PageMeta, h1: Option<&str>, site: Option<&str>) -> Option<String> {
    let clean = |s: &str| {
        let s = strip_site(s, site);
        (!s.is_empty()).then_some(s)
    };
    // An <h1> that the head's title confirms is the headline as shown.
    let head_title = meta
        .meta(&["og:title", "twitter:title"])
        .map(str::to_string)
        .or_else(|| meta.title_tag.clone());
    if let (Some(h1), Some(ht)) = (h1, head_title.as_deref()) {
        let h1n = h1.trim();
        if h1n.chars().count() >= 10 && ht.to_lowercase().contains(&h1n.to_lowercase()) {
            return Some(h1n.to_string());
        }
    }
    meta.ld
        .headline
        .as_deref()
        .and_then(clean)
        .or_else(|| meta.meta(&["og:title", "twitter:title"]).and_then(clean))
        .or_else(|| meta.title_tag.as_deref().and_then(clean))
        .or_else(|| h1.map(str::to_string))
}

fn choose_authors(
    meta: &metadata::PageMeta,
    content: &content::Content,
    site: Option<&str>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let add = |raw: &str, out: &mut Vec<String>| {
        for n in byline::person_names(raw, site) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
                out.push(n);
            }
        }
    };
    for a in &meta.ld.authors {
        add(a, &mut out);
    }
    if out.is_empty() {
        for key in [
            "author",
            "article:author",
            "byl",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ] {
            for v in meta.metas_all(key) {
                if !v.starts_with("http") {
                    add(v, &mut out);
                }
            }
            if !out.is_empty() {
                break;
            }
        }
    }
    if out.is_empty() {
        for t in content.byline_lines.iter().chain(&content.author_texts) {
            add(t, &mut out);
            if !out.is_empty() {
                break;
            }
        }
    }
    out.truncate(10);
    out
}

fn choose_dates(
    meta: &metadata::PageMeta,
    content: &content::Content,
) -> (Option<String>, Option<String>) {
    let mut published = meta
        .ld
        .published
        .as_deref()
        .and_then(dates::parse_valid)
        .or_else(|| {
            [
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "og:article:published_time",
            ]
            .iter()
            .find_map(|k| meta.meta(&[k]).and_then(dates::parse_valid))
        })
        .or_else(|| {
            content
                .time_datetimes
                .iter()
                .find_map(|d| dates::parse_valid(d))
        })
        .or_else(|| {
            content
                .date_lines
                .iter()
                .find_map(|l| dates::find_in_line(l))
        });
    let modified = meta
        .ld
        .modified
        .as_deref()
        .and_then(dates::parse_valid)
        .or_else(|| {
            [
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "lastmod",
                "last-modified",
                "dcterms.modified",
            ]
            .iter()
            .find_map(|k| meta.meta(&[k]).and_then(dates::parse_valid))
        });
    // A modification before publication means one of them is wrong: keep the publication.
    let modified = match (&published, modified) {
        (Some(p), Some(m))
            if m.time.is_some() && p.time.is_some() && m.utc_minutes() < p.utc_minutes() =>
        {
            None
        }
        (Some(p), Some(m)) if m.day_number() < p.day_number() => None,
        (_, m) => m,
    };
    if published.is_none() {
        published = None;
    }
    (published.map(|d| d.iso()), modified.map(|d| d.iso()))
}
