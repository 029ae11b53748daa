//! The plain, serializable types the store hands back: outcomes of ingest, article
//! records and versions, search hits, quotes, people and person pages.
//!
//! Dates are ISO 8601 strings (`2022-01-10` as published, or `2022-01-10T18:03:00Z`
//! for times the store itself records). Ids are SQLite row ids, stable for the life
//! of the data directory.

use crate::diff::ChangeSummary;
use newsdesk_analyze::{Analysis, QuoteKind, SpeakerKind};
use newsdesk_extract::Article;
use serde::{Deserialize, Serialize};

/// Id of a stored article (all its versions share it).
pub type ArticleId = i64;
/// Id of a stored quote (of the current version of its article).
pub type QuoteId = i64;
/// Id of a person (or organisation, group, place) known to the store.
pub type PersonId = i64;

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IngestStatus {
    /// A new article was stored.
    New,
    /// A known article (same canonical URL, or same source path when it has no URL)
    /// with a different title, dek or body: stored as a new version.
    Updated,
    /// Already stored with this exact content: nothing written.
    Unchanged,
}

/// The result of [`crate::Store::ingest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestOutcome {
    /// The article's id (new or existing).
    pub article_id: ArticleId,
    /// Its current version number (1 for a new article).
    pub version: u32,
    /// New, updated or unchanged.
    pub status: IngestStatus,
    /// Quotes stored for this version (0 when unchanged).
    pub quotes: usize,
    /// People stored for this version, quoted or mentioned (0 when unchanged).
    pub people: usize,
    /// What changed, for [`IngestStatus::Updated`].
    pub changes: Option<ChangeSummary>,
}

/// One stored version of an article, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    /// 1 for the first version seen, then 2, 3…
    pub version: u32,
    /// When the store first saw this version (ISO 8601 UTC).
    pub ingested_at: String,
    /// Where this version was read from (path or URL).
    pub source: String,
    /// Its headline.
    pub title: Option<String>,
    /// Hash of title, dek and body (hex).
    pub content_hash: String,
    /// What changed from the previous version (`None` for version 1).
    pub changes: Option<ChangeSummary>,
}

/// A stored article in full: the current version's text and analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The article's id.
    pub id: ArticleId,
    /// The normalised canonical URL, if the article has one.
    pub url: Option<String>,
    /// Current version number.
    pub version: u32,
    /// Number of versions stored.
    pub version_count: u32,
    /// When the first version was ingested (ISO 8601 UTC).
    pub first_seen: String,
    /// The current version as extracted.
    pub article: Article,
    /// The current version's analysis (quotes, people, organisations, places, events).
    pub analysis: Analysis,
}

/// A short view of an article for lists and search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's id.
    pub id: ArticleId,
    /// The normalised canonical URL, if any.
    pub url: Option<String>,
    /// Where the current version was read from (path or URL).
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Publishing site's name, or the URL's host when the page names none.
    pub site: Option<String>,
    /// Publication date as the page gives it (ISO 8601), if known.
    pub published: Option<String>,
    /// The date the store sorts by: `published`, or the first-ingest time when the
    /// page gives no date (ISO 8601).
    pub date: String,
    /// Current version number.
    pub version: u32,
    /// Words in the current body.
    pub word_count: usize,
    /// Quotes in the current version.
    pub quote_count: usize,
}

/// What a search document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A whole article (headline and body).
    Article,
    /// One quote.
    Quote,
}

impl DocKind {
    /// `"article"` or `"quote"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Quote => "quote",
        }
    }
}

/// A search: free text plus optional filters. Build with `SearchQuery::new("text")`
/// and set fields; every filter narrows the results (AND).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Words to find (all of them, by default). Supports `"a phrase"`, `-exclude`,
    /// `OR`; may be empty when filters alone select. Case and accents are ignored.
    pub text: String,
    /// Only quotes by this speaker (any part of the resolved name: "Ryabkov").
    pub speaker: Option<String>,
    /// Only documents naming this person (articles mentioning them, quotes by them).
    pub person: Option<String>,
    /// Only documents from this site (site name or URL host, e.g. "reuters.com").
    pub site: Option<String>,
    /// Only documents dated on or after this ISO 8601 date.
    pub since: Option<String>,
    /// Only documents dated on or before this ISO 8601 date (a bare date includes the whole day).
    pub until: Option<String>,
    /// Only articles or only quotes.
    pub kind: Option<DocKind>,
    /// Results to return (default 10, at most 1000).
    pub limit: usize,
    /// Results to skip first, for paging (default 0).
    pub offset: usize,
}

impl SearchQuery {
    /// A query for `text` with no filters, 10 results.
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            speaker: None,
            person: None,
            site: None,
            since: None,
            until: None,
            kind: None,
            limit: 10,
            offset: 0,
        }
    }
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery::new("")
    }
}

/// A highlighted excerpt of a matching text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The excerpt (plain text).
    pub text: String,
    /// Matched ranges in `text`, as **byte** offsets `[start, end)` into its UTF-8.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The excerpt as HTML: text escaped, matches in `<b>…</b>`.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for &(s, e) in &self.highlights {
            escape_into(&mut out, &self.text[at..s]);
            out.push_str("<b>");
            escape_into(&mut out, &self.text[s..e]);
            out.push_str("</b>");
            at = e;
        }
        escape_into(&mut out, &self.text[at..]);
        out
    }
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Article or quote.
    pub kind: DocKind,
    /// Relevance (BM25; higher is better). Comparable within one result list only.
    pub score: f32,
    /// The article (for a quote: the article it is in).
    pub article: ArticleSummary,
    /// The quote, for [`DocKind::Quote`].
    pub quote: Option<QuoteRecord>,
    /// The best-matching excerpt of the body (or of the quote).
    pub snippet: Snippet,
}

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many documents match in all (not just this page).
    pub total: usize,
    /// The hits on this page, best first.
    pub hits: Vec<SearchHit>,
}

/// A stored quote with who said it and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The quote's id.
    pub id: QuoteId,
    /// What was said.
    pub text: String,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The resolved speaker name ("Sergei Ryabkov"), or the mention as written when
    /// unresolved; `None` when the text does not say.
    pub speaker: Option<String>,
    /// The speaker's role in this article, if given.
    pub speaker_role: Option<String>,
    /// Person, organisation or group, when there is a speaker.
    pub speaker_kind: Option<SpeakerKind>,
    /// The speaker's id in the people table, when resolved to a name.
    pub person_id: Option<PersonId>,
    /// The cue ("said", "according to"), if any.
    pub cue: Option<String>,
    /// The article it is in.
    pub article_id: ArticleId,
    /// That article's headline.
    pub article_title: Option<String>,
    /// That article's URL, if any.
    pub article_url: Option<String>,
    /// That article's source (path or URL).
    pub source: String,
    /// The article's date (published, else first seen), ISO 8601.
    pub date: String,
}

/// A person (or organisation or group) the store knows, with totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// The id.
    pub id: PersonId,
    /// The name, in the fullest form seen.
    pub name: String,
    /// Person, organisation or group.
    pub kind: SpeakerKind,
    /// Quotes attributed to them (current versions only).
    pub quote_count: usize,
    /// Articles that mention or quote them.
    pub article_count: usize,
    /// Their roles, most frequent first (at most 5 here; all in [`PersonPage`]).
    pub roles: Vec<String>,
    /// Date of the latest article that mentions them (ISO 8601).
    pub last_seen: Option<String>,
}

/// Which people [`crate::Store::people`] lists, and in what order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleQuery {
    /// Only names containing all these words (case and accents ignored).
    pub name: Option<String>,
    /// Only people with at least this many quotes (default 0).
    pub min_quotes: usize,
    /// Include organisations and groups too (default: persons only).
    pub all_kinds: bool,
    /// Results to return (default 50).
    pub limit: usize,
    /// Results to skip first (default 0).
    pub offset: usize,
}

impl Default for PeopleQuery {
    fn default() -> Self {
        PeopleQuery {
            name: None,
            min_quotes: 0,
            all_kinds: false,
            limit: 50,
            offset: 0,
        }
    }
}

/// A role a person was given, with how often and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRecord {
    /// The role as written ("Deputy Foreign Minister").
    pub role: String,
    /// Articles giving it.
    pub articles: usize,
    /// Earliest article date giving it (ISO 8601).
    pub first_seen: String,
    /// Latest article date giving it (ISO 8601).
    pub last_seen: String,
}

/// Quotes by one person in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Quotes dated in that month.
    pub quotes: usize,
}

/// Someone who appears in the same articles as the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoMention {
    /// Their id.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// Articles naming both.
    pub articles: usize,
}

/// Everything a person page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPage {
    /// Name and totals.
    pub person: PersonSummary,
    /// Every role, most frequent first.
    pub roles: Vec<RoleRecord>,
    /// Quote counts per month, oldest month first (months without quotes omitted).
    pub quotes_by_month: Vec<MonthCount>,
    /// The latest quotes, newest first.
    pub recent_quotes: Vec<QuoteRecord>,
    /// The latest articles that mention or quote them, newest first.
    pub recent_articles: Vec<ArticleSummary>,
    /// People most often named in the same articles.
    pub co_mentioned: Vec<CoMention>,
}

/// Totals over the whole store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStats {
    /// Articles (each once, whatever its number of versions).
    pub articles: usize,
    /// Versions, all articles together.
    pub versions: usize,
    /// Quotes in current versions.
    pub quotes: usize,
    /// Persons (not organisations or groups).
    pub people: usize,
    /// Bytes on disk: database (with its WAL) plus index.
    pub bytes_on_disk: u64,
}

/// The result of [`crate::Store::verify`]: does the index hold exactly what the database holds?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consistency {
    /// Articles in the database.
    pub db_articles: usize,
    /// Article documents in the index.
    pub index_articles: usize,
    /// Quotes in the database.
    pub db_quotes: usize,
    /// Quote documents in the index.
    pub index_quotes: usize,
    /// Articles in the database missing from the index (at most 100 listed).
    pub missing_from_index: Vec<ArticleId>,
    /// Article ids in the index that the database lacks, or indexed twice (at most 100 listed).
    pub extra_in_index: Vec<ArticleId>,
    /// People's counters and aggregates (quote and article counts, quotes per month,
    /// roles) and story article counts that disagree with the rows they summarise, plus
    /// relate rows of missing articles or stories.
    pub count_mismatches: usize,
}

impl Consistency {
    /// True when database and index agree exactly.
    pub fn is_consistent(&self) -> bool {
        self.db_articles == self.index_articles
            && self.db_quotes == self.index_quotes
            && self.missing_from_index.is_empty()
            && self.extra_in_index.is_empty()
            && self.count_mismatches == 0
    }
}

/// Id of a story: the id of the first article stored in it.
pub type StoryId = i64;

/// An article of a copy group, with how it was found to be a copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyMember {
    /// The article.
    pub article: ArticleSummary,
    /// The earlier article it was found to copy (`None` for the group's first article).
    pub copy_of: Option<ArticleId>,
    /// Estimated share of the smaller text's skeleton shingles found in the other
    /// (0–1), when it is a copy.
    pub containment: Option<f32>,
}

/// An article's copy group: syndicated, lightly edited and rewritten copies of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The group's id: the id of its first stored article.
    pub group: ArticleId,
    /// The original: the earliest-dated member (ties: the lowest id).
    pub original: CopyMember,
    /// The other members, oldest first (at most [`crate::MAX_GROUP_MEMBERS`]).
    pub copies: Vec<CopyMember>,
    /// Members in the group (may exceed `copies.len() + 1`).
    pub size: usize,
}

/// A name with the number of a story's articles that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name as first seen.
    pub name: String,
    /// Articles of the story naming it, copies left out (they repeat their original).
    pub articles: u32,
}

/// A story in a list: what it is about and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    /// The story's id (the id of its first article).
    pub id: StoryId,
    /// Its title: the headline of its first article.
    pub title: String,
    /// Date of its earliest article (ISO 8601).
    pub first_date: String,
    /// Date of its latest article (ISO 8601).
    pub last_date: String,
    /// Articles in the story.
    pub article_count: usize,
    /// Main people, most mentioned first.
    pub people: Vec<NameCount>,
    /// Main places, most mentioned first.
    pub places: Vec<NameCount>,
}

/// An article of a story with its lead, enough for a digest entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryArticle {
    /// The article.
    pub article: ArticleSummary,
    /// Its copy group (equal to its id when it copies nothing earlier).
    pub copy_group: ArticleId,
    /// Its dek, else its first paragraph, cut to at most [`crate::LEAD_CHARS`] chars.
    pub lead: String,
}

/// A quote that stands for a story, with how many of its articles carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyQuote {
    /// The quote (from the newest article carrying it), with speaker and article.
    pub quote: QuoteRecord,
    /// Articles of the story carrying this quote (copies and other reports).
    pub articles: usize,
}

/// A story with its articles and key quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDetail {
    /// Title, time span, size, main people and places.
    pub story: StorySummary,
    /// Its articles, newest first (at most [`crate::MAX_STORY_ARTICLES`]).
    pub articles: Vec<StoryArticle>,
    /// Its key quotes, best first (at most [`crate::KEY_QUOTES`]): quotes with a
    /// speaker, ranked by the number of articles carrying them, then direct before
    /// indirect and resolved speakers first.
    pub key_quotes: Vec<KeyQuote>,
}

/// An article of another story related to a given article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedArticle {
    /// The article.
    pub article: ArticleSummary,
    /// Its story.
    pub story_id: StoryId,
    /// Relevance score (higher is more related; comparable within one answer only).
    pub score: f32,
}

/// What is related to an article: its own story's latest articles, and the most
/// related articles of other stories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// The article asked about.
    pub article_id: ArticleId,
    /// Its story.
    pub story: StorySummary,
    /// The latest other articles of its story, newest first.
    pub same_story: Vec<ArticleSummary>,
    /// The most related articles of other stories, best first, one per story.
    pub other_stories: Vec<RelatedArticle>,
}
