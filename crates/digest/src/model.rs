//! The digest's input (what the caller knows about the day's stories) and output
//! (the ranked, summarised digest the renderers draw). Both are plain serde types;
//! this crate never reads a store.

use serde::{Deserialize, Serialize};

/// One story as the caller knows it: its articles (at least those of the digest day),
/// its quotes, and how much coverage it had before the digest day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestStory {
    /// The story's id (as the store numbers stories).
    pub id: i64,
    /// The story's title; when empty, the digest uses the most central article's title.
    pub title: String,
    /// When the story's first article appeared (ISO 8601), if known. Shown, not ranked on.
    pub first_seen: Option<String>,
    /// When the story's latest article appeared (ISO 8601), if known. Breaks ranking ties
    /// (later first).
    pub last_seen: Option<String>,
    /// The story's articles (an id listed twice counts once). Those dated on the digest day are its coverage that day;
    /// those dated earlier add to [`previous_days_articles`](Self::previous_days_articles);
    /// those dated later are ignored. See [`DigestArticle::date`].
    pub articles: Vec<DigestArticle>,
    /// The story's quotes (from analysis), in any order.
    pub quotes: Vec<DigestQuote>,
    /// The story's main people, most important first.
    pub people: Vec<String>,
    /// The story's main places, most important first.
    pub places: Vec<String>,
    /// Articles of this story published before the digest day that are *not* in
    /// [`articles`](Self::articles). Zero for a story that is new today.
    pub previous_days_articles: usize,
}

/// One article of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestArticle {
    /// The article's id in the store.
    pub id: i64,
    /// Headline (may be empty).
    pub title: String,
    /// Canonical URL, if any. Only `http://` and `https://` URLs are ever linked.
    pub url: Option<String>,
    /// Publishing site's name or host, if known. Distinct sites measure coverage.
    pub site: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD` or a date-time). Only its calendar date
    /// as written (the first ten characters) is used, without time-zone conversion; a
    /// date that does not parse counts as the digest day (the caller selected it).
    pub date: String,
    /// Standfirst / dek, if any.
    pub dek: Option<String>,
    /// Body text (paragraphs separated by newlines). The summary is taken from its lead;
    /// only its first [`DigestOptions::max_text_bytes`] bytes are read.
    pub body: String,
}

/// One quote of a story, as analysis found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestQuote {
    /// The quoted words (without the surrounding quotation marks).
    pub text: String,
    /// Who said it, if analysis attributed it. Quotes without a speaker are never
    /// chosen as key quotes.
    pub speaker: Option<String>,
    /// The article the quote was found in.
    pub article_id: i64,
    /// Whether it is a direct quote (fully inside quotation marks); direct quotes are
    /// preferred over partial and reported speech.
    pub direct: bool,
}

/// What [`build_digest`](crate::build_digest) does; every limit is explicit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DigestOptions {
    /// Most stories in the digest (default 10; capped at [`MAX_STORIES`]).
    pub max_stories: usize,
    /// Sentences in each summary (default 2; at least 1).
    pub summary_sentences: usize,
    /// Most characters (Unicode scalar values) in a summary (default 400). The summary
    /// is cut on a sentence boundary; a first sentence longer than this is cut on a word
    /// boundary and ends with "…".
    pub max_summary_chars: usize,
    /// Most key quotes per story (default 3).
    pub max_quotes: usize,
    /// Most characters in a key quote (default 300); longer quotes are cut on a word
    /// boundary and end with "…".
    pub max_quote_chars: usize,
    /// Quotes shorter than this many words are only used when nothing longer is left
    /// (default 6): a two-word scare quote is rarely a key quote.
    pub min_quote_words: usize,
    /// Most article links per story (default 8), most central article first.
    pub max_links: usize,
    /// Most people and most places listed per story (default 5 each).
    pub max_names: usize,
    /// Bytes of each article (title, dek, body) read for centrality and summary
    /// (default 20 000), so a huge article costs no more than a long one.
    pub max_text_bytes: usize,
    /// Base URL of the newsdesk web UI (e.g. `https://news.example.org`), used to link
    /// articles that have no URL of their own as `BASE/articles/ID`. Without it such
    /// articles are listed unlinked. Must be `http://` or `https://`.
    pub base_url: Option<String>,
    /// The digest's title (white space squashed to one line, cut to
    /// [`MAX_TITLE_CHARS`](crate::MAX_TITLE_CHARS) chars); default
    /// `"newsdesk digest for DATE"`.
    pub title: Option<String>,
}

/// The hard cap on [`DigestOptions::max_stories`].
pub const MAX_STORIES: usize = 200;

impl Default for DigestOptions {
    fn default() -> Self {
        DigestOptions {
            max_stories: 10,
            summary_sentences: 2,
            max_summary_chars: 400,
            max_quotes: 3,
            max_quote_chars: 300,
            min_quote_words: 6,
            max_links: 8,
            max_names: 5,
            max_text_bytes: 20_000,
            base_url: None,
            title: None,
        }
    }
}

/// The built digest: what every renderer draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// The digest day, `YYYY-MM-DD`.
    pub date: String,
    /// The digest's title (also the e-mail subject).
    pub title: String,
    /// Stories with coverage on the day, before the [`DigestOptions::max_stories`] cut.
    pub stories_considered: usize,
    /// Articles dated on the day across all considered stories.
    pub articles_considered: usize,
    /// The top stories, best first.
    pub stories: Vec<DigestEntry>,
}

/// One ranked story in the digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestEntry {
    /// 1-based rank.
    pub rank: usize,
    /// The story's id.
    pub story_id: i64,
    /// The story's title (or its most central article's title).
    pub title: String,
    /// The ranking score: `coverage × novelty` (see [`crate::rank`]), rounded to 4
    /// decimals (ranking uses the unrounded value).
    pub score: f64,
    /// Coverage on the day: distinct sites plus half of the further articles.
    pub coverage: f64,
    /// Novelty in `[0.5, 1]`: 1 for a story new today.
    pub novelty: f64,
    /// Whether the story had no articles before the day.
    pub new_story: bool,
    /// Articles dated on the day.
    pub articles_today: usize,
    /// Distinct sites among them (articles without a site count as one site each).
    pub sites_today: usize,
    /// Articles before the day (given plus those in the input dated earlier).
    pub previous_articles: usize,
    /// When the story started, if known.
    pub first_seen: Option<String>,
    /// When the story's latest article appeared, if known.
    pub last_seen: Option<String>,
    /// The summary: the lead of the most central article.
    pub summary: String,
    /// The article the summary was taken from.
    pub summary_article_id: i64,
    /// Key quotes with their speakers, most repeated first.
    pub quotes: Vec<KeyQuote>,
    /// Main people.
    pub people: Vec<String>,
    /// Main places.
    pub places: Vec<String>,
    /// The day's articles, most central first.
    pub links: Vec<ArticleLink>,
}

/// A key quote in the digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyQuote {
    /// The quote (trimmed to [`DigestOptions::max_quote_chars`]).
    pub text: String,
    /// Who said it.
    pub speaker: String,
    /// The article it was taken from.
    pub article_id: i64,
    /// How many of the story's articles carry this quote (copies repeat quotes).
    pub articles: usize,
    /// Whether it is a direct quote.
    pub direct: bool,
    /// Link to the article, if it has one (see [`ArticleLink::href`]).
    pub href: Option<String>,
}

/// A link to one of the day's articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    /// The article's id.
    pub id: i64,
    /// Headline (the site or `article ID` when the article has none).
    pub title: String,
    /// Site, if known.
    pub site: Option<String>,
    /// Publication date as given.
    pub date: String,
    /// Where the link points: the article's own `http(s)` URL, else
    /// `BASE/articles/ID` when [`DigestOptions::base_url`] is set, else `None`.
    pub href: Option<String>,
}
