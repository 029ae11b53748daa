//! What the server needs from storage, as a trait, and the plain types it returns.
//!
//! The server never talks to a database itself: it asks a [`Backend`] and renders the
//! answer as JSON (`/api/…`) or HTML. The types here are the API's own contract (they are
//! what `/openapi.json` describes), so a change in the store's internals does not change
//! what clients see. The `newsdesk` binary wires the real store in; tests may use any
//! implementation.
//!
//! Every method is synchronous (the store is an embedded database); the server calls
//! them on tokio's blocking thread pool.

use newsdesk_analyze::{QuoteKind, Span, SpeakerKind, TextPart};
use newsdesk_extract::Article;
use serde::{Deserialize, Serialize};

/// Why a [`Backend`] call failed.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// The request was understood but its parameters are unusable (a malformed date,
    /// a query the search engine cannot parse…). Becomes HTTP 400.
    #[error("{0}")]
    BadRequest(String),
    /// Storage failed (I/O, corruption, a bug). Becomes HTTP 500; the message is logged
    /// and shown to the client.
    #[error("storage error: {0}")]
    Storage(String),
}

/// One page of a listing: `limit` items from `offset` on (both already capped by the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// How many items at most.
    pub limit: usize,
    /// How many items to skip.
    pub offset: usize,
}

/// An article in a list: enough to show a line and link to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The store's id of the article (all its versions share it).
    pub id: String,
    /// The headline, if the page had one.
    pub title: Option<String>,
    /// Publishing site name (or the URL's host), if known.
    pub site: Option<String>,
    /// Publication date-time as the page gives it, ISO 8601, if known.
    pub published: Option<String>,
    /// The date lists sort by: `published`, else when the store first saw it (ISO 8601).
    pub date: Option<String>,
    /// Canonical URL, if known.
    pub url: Option<String>,
    /// Current version number (1 for an article never updated).
    pub version: u32,
    /// Number of quotes found in the current version.
    pub quote_count: usize,
}

/// One stored version of an article (the same article ingested again with changes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleVersion {
    /// 1 for the first version seen, then 2, 3…
    pub version: u32,
    /// When this version was stored, ISO 8601 UTC.
    pub stored_at: Option<String>,
    /// Where this version was read from (path or URL).
    pub source: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// What changed from the previous version, in words ("headline changed, 2
    /// paragraphs added"); `None` for version 1.
    pub changes: Option<String>,
}

/// Where a quote is in its article's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteLocation {
    /// The text of the article the offsets point into.
    pub part: TextPart,
    /// First char of the content in that text (chars, not bytes).
    pub start: usize,
    /// One past the last char of the content (chars).
    pub end: usize,
    /// The content's pieces, char offsets (several when the cue interrupts the quote).
    pub fragments: Vec<Span>,
}

/// A quote as the API shows it: what was said, by whom, in which article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Id of the article it is in.
    pub article_id: String,
    /// Headline of that article.
    pub article_title: Option<String>,
    /// Site of that article, if known.
    pub site: Option<String>,
    /// Date of that article (published, else first seen), ISO 8601.
    pub date: Option<String>,
    /// The quoted content.
    pub text: String,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// Speaker name as resolved in the article ("Sergei Ryabkov"), if known.
    pub speaker: Option<String>,
    /// Speaker role given in the article, if any.
    pub speaker_role: Option<String>,
    /// Id of the store's person (or organisation) this speaker is, for
    /// `/api/people/{id}`, if resolved.
    pub person_id: Option<String>,
    /// Offsets in the article text; given where the article itself is returned
    /// (`/api/articles/{id}`), omitted in lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<QuoteLocation>,
}

/// An article with everything the article page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDetail {
    /// The store's id of the article.
    pub id: String,
    /// The version shown.
    pub version: u32,
    /// The extracted article (title, body…) of that version.
    pub article: Article,
    /// Its quotes, in text order, with offsets and speakers resolved to people.
    pub quotes: Vec<QuoteRecord>,
    /// People (and organisations) named or quoted in it.
    pub people: Vec<PersonRef>,
    /// All stored versions, oldest first (at least one).
    pub versions: Vec<ArticleVersion>,
}

/// A reference to a person: id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    /// The store's person id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A person (or organisation or group) in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// The store's person id.
    pub id: String,
    /// Display name (the fullest form seen).
    pub name: String,
    /// Person, organisation or group.
    pub kind: SpeakerKind,
    /// Number of quotes attributed to them.
    pub quote_count: usize,
    /// Number of articles that name or quote them.
    pub article_count: usize,
    /// Their roles, most frequent first (a few).
    pub roles: Vec<String>,
    /// Date of the latest article naming them, ISO 8601.
    pub last_seen: Option<String>,
}

/// A role a person held, as the articles give it, with when it was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleSeen {
    /// The role ("Deputy Foreign Minister").
    pub role: String,
    /// Earliest date of an article giving this role, ISO 8601.
    pub first_seen: Option<String>,
    /// Latest date of an article giving this role, ISO 8601.
    pub last_seen: Option<String>,
    /// Number of articles giving it.
    pub articles: usize,
}

/// Quotes by one person in one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Quotes dated in that month.
    pub quotes: usize,
}

/// A person with their quotes over time and their roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonDetail {
    /// Name, kind and totals.
    pub person: PersonSummary,
    /// Roles in the order they were first seen (oldest first).
    pub roles: Vec<RoleSeen>,
    /// Quote counts per month, oldest first (months without quotes omitted).
    pub quotes_by_month: Vec<MonthCount>,
    /// One page of their quotes, newest first.
    pub quotes: Vec<QuoteRecord>,
    /// One page of the articles naming them, newest first.
    pub articles: Vec<ArticleSummary>,
    /// People most often named in the same articles.
    pub co_mentioned: Vec<PersonRef>,
}

/// What a search looks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchKind {
    /// Articles and quotes.
    #[default]
    All,
    /// Articles only.
    Articles,
    /// Quotes only.
    Quotes,
}

/// A full-text search with filters. `q` may be empty when a filter is given.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// Free text (plain words; `"a phrase"`, `-exclude` and `OR` where the store supports them).
    pub q: String,
    /// Only quotes by this speaker (name).
    pub speaker: Option<String>,
    /// Only documents naming this person.
    pub person: Option<String>,
    /// Only documents from this site.
    pub site: Option<String>,
    /// Only documents dated on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only documents dated on or before this date (`YYYY-MM-DD`, whole day included).
    pub until: Option<String>,
    /// Articles, quotes or both.
    pub kind: SearchKind,
    /// Which page of hits.
    pub page: Page,
}

/// Whether a search hit is an article or a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// A whole article matched.
    Article,
    /// One quote matched.
    Quote,
}

/// A plain-text excerpt with the matched words located.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    /// The excerpt (plain text, no markup).
    pub text: String,
    /// Matched ranges in `text`, **char** offsets, in order, not overlapping.
    pub highlights: Vec<Span>,
}

/// One search hit: an article, or a quote with its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Article or quote.
    pub kind: HitKind,
    /// Relevance score (higher is better; only comparable within one search).
    pub score: f32,
    /// The article (for a quote, the article it is in).
    pub article: ArticleSummary,
    /// The quote, when `kind` is `quote`.
    pub quote: Option<QuoteRecord>,
    /// The best-matching excerpt.
    pub snippet: Option<Snippet>,
}

/// Search results: one page of hits and the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Total matching documents (all pages).
    pub total: usize,
    /// This page's hits, best first.
    pub hits: Vec<SearchHit>,
}

/// An article of a copy group and how it was found to be a copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyMember {
    /// The article.
    pub article: ArticleSummary,
    /// Id of the earlier article it was found to copy (`None` for the group's first).
    pub copy_of: Option<String>,
    /// Estimated share (0–1) of the shorter text's word skeleton found in the other.
    pub containment: Option<f32>,
}

/// An article's copy group: syndicated, lightly edited and rewritten copies of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// Group id (the id of its first stored article).
    pub group: String,
    /// The original: the earliest-dated member.
    pub original: CopyMember,
    /// The other members, oldest first (a bounded number).
    pub copies: Vec<CopyMember>,
    /// Members in the group.
    pub size: usize,
}

/// A name and how many of a story's articles give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name.
    pub name: String,
    /// Articles naming it (copies not counted).
    pub articles: u32,
}

/// A story in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    /// The story's id.
    pub id: String,
    /// Its title (the headline of its first article).
    pub title: String,
    /// Date of its earliest article, ISO 8601.
    pub first_date: Option<String>,
    /// Date of its latest article, ISO 8601.
    pub last_date: Option<String>,
    /// Articles in the story.
    pub article_count: usize,
    /// Main people, most mentioned first.
    pub people: Vec<NameCount>,
    /// Main places, most mentioned first.
    pub places: Vec<NameCount>,
}

/// An article of a story, with its lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryArticle {
    /// The article.
    pub article: ArticleSummary,
    /// Its copy group id.
    pub copy_group: String,
    /// Its dek, else its first paragraph (shortened).
    pub lead: String,
}

/// A quote that stands for a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyQuote {
    /// The quote, its speaker and article.
    pub quote: QuoteRecord,
    /// Articles of the story carrying it.
    pub articles: usize,
}

/// A story with its articles and key quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDetail {
    /// Title, time span, size, people, places.
    pub story: StorySummary,
    /// Its articles, newest first (a bounded number).
    pub articles: Vec<StoryArticle>,
    /// Its key quotes, best first.
    pub key_quotes: Vec<KeyQuote>,
}

/// An article of another story, related to the one asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedArticle {
    /// The article.
    pub article: ArticleSummary,
    /// Its story's id.
    pub story_id: String,
    /// Relevance (higher is more related; comparable within one answer only).
    pub score: f32,
}

/// What is related to an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// The article asked about.
    pub article_id: String,
    /// Its story.
    pub story: StorySummary,
    /// The latest other articles of its story, newest first.
    pub same_story: Vec<ArticleSummary>,
    /// The most related articles of other stories, best first, one per story.
    pub other_stories: Vec<RelatedArticle>,
}

/// Storage as the server sees it. Implementations must be cheap to call concurrently
/// (`&self`, `Send + Sync`): the server calls them from many threads at once.
pub trait Backend: Send + Sync + 'static {
    /// Latest articles first (by publication date, else first-seen time).
    fn latest_articles(&self, page: Page) -> Result<Vec<ArticleSummary>, BackendError>;
    /// One article by id, at `version` (default: the current one); `Ok(None)` when
    /// there is no such article or version.
    fn article(
        &self,
        id: &str,
        version: Option<u32>,
    ) -> Result<Option<ArticleDetail>, BackendError>;
    /// All versions of an article, oldest first; `Ok(None)` when unknown.
    fn versions(&self, id: &str) -> Result<Option<Vec<ArticleVersion>>, BackendError>;
    /// What a speaker said (a name or part of one, case-insensitive), newest first.
    fn quotes_by_speaker(
        &self,
        speaker: &str,
        page: Page,
    ) -> Result<Vec<QuoteRecord>, BackendError>;
    /// People, most quoted first.
    fn people(&self, page: Page) -> Result<Vec<PersonSummary>, BackendError>;
    /// One person with `page` of their quotes and articles; `Ok(None)` when unknown.
    fn person(&self, id: &str, page: Page) -> Result<Option<PersonDetail>, BackendError>;
    /// Full-text search.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, BackendError>;
    /// An article's copy group; `Ok(None)` when unknown. The default knows no copies.
    fn copies(&self, id: &str) -> Result<Option<CopyGroup>, BackendError> {
        let _ = id;
        Ok(None)
    }
    /// What is related to an article (`limit` of each list); `Ok(None)` when unknown.
    /// The default knows no stories.
    fn related(&self, id: &str, limit: usize) -> Result<Option<Related>, BackendError> {
        let _ = (id, limit);
        Ok(None)
    }
    /// One story with its articles and key quotes; `Ok(None)` when unknown.
    fn story(&self, id: &str) -> Result<Option<StoryDetail>, BackendError> {
        let _ = id;
        Ok(None)
    }
    /// Stories, latest first; with `day` (`YYYY-MM-DD`), the stories with articles
    /// that day, most covered first (then `page.offset` is ignored).
    fn stories(&self, day: Option<&str>, page: Page) -> Result<Vec<StorySummary>, BackendError> {
        let _ = (day, page);
        Ok(Vec::new())
    }
    /// The stories with articles on `day` (`YYYY-MM-DD`), most covered first, at most
    /// `limit`, each with its articles and key quotes: what the daily digest ranks.
    /// The default knows no stories.
    fn stories_on(&self, day: &str, limit: usize) -> Result<Vec<StoryDetail>, BackendError> {
        let _ = (day, limit);
        Ok(Vec::new())
    }
}

/// A page to ingest, as posted to `POST /api/ingest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    /// The page: its HTML, or its visible text.
    pub content: String,
    /// The URL it was fetched from, if known (used as its source and canonical URL fallback).
    #[serde(default)]
    pub url: Option<String>,
}

/// What an ingest did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestOutcome {
    /// Id of the stored article.
    pub id: String,
    /// Its current version number.
    pub version: u32,
    /// `new`, `updated` (stored as a new version) or `unchanged` (already stored).
    pub status: String,
    /// Its headline.
    pub title: Option<String>,
    /// Quotes stored for this version.
    pub quotes: usize,
}

/// Why an ingest failed.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The page cannot be processed (empty, binary, too large…). Becomes HTTP 422.
    #[error("{0}")]
    Unprocessable(String),
    /// Storage or another internal failure. Becomes HTTP 500.
    #[error("{0}")]
    Internal(String),
}

/// The ingest pipeline (extract → analyze → store), supplied by whoever starts the
/// server: the server itself does not know how pages are processed.
pub trait Ingest: Send + Sync + 'static {
    /// Process and store one page.
    fn ingest(&self, request: IngestRequest) -> Result<IngestOutcome, IngestError>;
}

impl<F> Ingest for F
where
    F: Fn(IngestRequest) -> Result<IngestOutcome, IngestError> + Send + Sync + 'static,
{
    fn ingest(&self, request: IngestRequest) -> Result<IngestOutcome, IngestError> {
        self(request)
    }
}
