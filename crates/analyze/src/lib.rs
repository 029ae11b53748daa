//! The **analyze** stage of newsdesk: who said what. From an article's text it finds
//! direct, mixed and indirect quotes with their speakers (resolved within the
//! document), the people with their roles, organisations, places and events.
//!
//! All offsets count Unicode scalar values (Rust `char`s), not bytes, in the text
//! they point into (see [`TextPart`]).
//!
//! ```
//! use newsdesk_analyze::{analyze_text, AnalyzeOptions, QuoteKind};
//! let body = "Harbour master Ines Duarte said the port would reopen.\n\
//!             “We are ready,” she said.";
//! let a = analyze_text(body, &AnalyzeOptions::default());
//! let direct = a.quotes.iter().find(|q| q.kind == QuoteKind::Direct).unwrap();
//! assert_eq!(direct.text, "We are ready,");
//! assert_eq!(direct.speaker.as_ref().unwrap().name.as_deref(), Some("Ines Duarte"));
//! ```
//!
//! Modules:
//! - [`model`]: the data produced (quotes, speakers, people, entities, events).
//! - [`quotes`]: quote spans, cues, speaker mentions and speaker resolution.
#![deny(missing_docs)]

pub mod entities;
pub mod events;
pub mod model;
pub mod quotes;

pub use model::*;
use newsdesk_extract::Article;
use quotes::resolve::Resolver;

/// Options of the analysis. Every limit is explicit; see each field for its default.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// Publication date of the article (ISO 8601), to resolve "Monday" and the like.
    /// Default `None`; [`analyze_article`] falls back to the article's own date.
    pub published: Option<String>,
    /// Largest text analysed, in chars, per text part. Default 16 Mi chars. Past it the
    /// rest of the text is ignored (best effort, time and memory stay bounded).
    pub max_chars: usize,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            published: None,
            max_chars: 16 << 20,
        }
    }
}

/// The first `max` chars of `text`.
fn bounded(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((b, _)) => &text[..b],
        None => text,
    }
}

/// Learn the people named in `text` (pass one: names and roles, for speaker resolution).
fn learn(resolver: &mut Resolver, text: &str, part: TextPart) {
    for (base, para) in quotes::paragraphs(text) {
        let p = quotes::tokens::tokenize(para, base);
        resolver.learn(&p, part);
    }
}

/// Find the quotes of `text` (pass two).
fn find(resolver: &mut Resolver, text: &str, part: TextPart) -> Vec<Quote> {
    let mut finder = quotes::Finder::new(resolver, part);
    for (base, para) in quotes::paragraphs(text) {
        let p = quotes::tokens::tokenize(para, base);
        finder.paragraph(&p);
    }
    finder.finish()
}

/// Analyze an article body alone (an already-clean text, paragraphs separated by `\n`).
/// Offsets in the result are chars of `body`.
pub fn analyze_text(body: &str, options: &AnalyzeOptions) -> Analysis {
    let body = bounded(body, options.max_chars);
    let mut resolver = Resolver::new();
    learn(&mut resolver, body, TextPart::Body);
    Analysis {
        quotes: find(&mut resolver, body, TextPart::Body),
        ..Analysis::default()
    }
}

/// Analyze an article: its title, dek and body. Quotes in the title or dek carry
/// `part: Title`/`Dek` and offsets into that text; speakers there resolve against the
/// people named in the body ("says White House national security adviser").
pub fn analyze_article(article: &Article, options: &AnalyzeOptions) -> AnalyzedArticle {
    let body = bounded(&article.body, options.max_chars);
    let title = article
        .title
        .as_deref()
        .map(|t| bounded(t, options.max_chars));
    let dek = article
        .dek
        .as_deref()
        .map(|t| bounded(t, options.max_chars));
    let mut resolver = Resolver::new();
    learn(&mut resolver, body, TextPart::Body);
    if let Some(d) = dek {
        learn(&mut resolver, d, TextPart::Dek);
    }
    let mut quotes = Vec::new();
    if let Some(t) = title {
        quotes.extend(find(&mut resolver.clone(), t, TextPart::Title));
    }
    if let Some(d) = dek {
        quotes.extend(find(&mut resolver.clone(), d, TextPart::Dek));
    }
    quotes.extend(find(&mut resolver, body, TextPart::Body));
    AnalyzedArticle {
        article: article.clone(),
        analysis: Analysis {
            quotes,
            ..Analysis::default()
        },
    }
}
