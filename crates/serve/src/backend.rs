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

use newsdesk_analyze::{QuoteKind, Span, TextPart};
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
    /// The store's id of this article version (stable; used in `/api/articles/{id}`).
    pub id: String,
    /// The headline, if the page had one.
    pub title: Option<String>,
    /// The dek (subtitle), if any.
    pub dek: Option<String>,
    /// Publishing site name, if known.
    pub site: Option<String>,
    /// Publication date-time, ISO 8601, if known.
    pub published: Option<String>,
    /// Canonical URL, if known.
    pub url: Option<String>,
    /// Number of quotes found in it.
    pub quote_count: usize,
}

/// One stored version of an article (the same URL ingested again with changes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleVersion {
    /// The id of this version (an article id).
    pub id: String,
    /// 1 for the first version seen, then 2, 3…
    pub version: u32,
    /// When this version was stored, ISO 8601 UTC.
    pub stored_at: Option<String>,
    /// Its headline.
    pub title: Option<String>,
}

/// A quote as the API shows it: the analyze stage's quote, with its speaker resolved
/// to a person of the store (if any) and its article named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Id of the article it is in.
    pub article_id: String,
    /// Headline of that article.
    pub article_title: Option<String>,
    /// Site of that article.
    pub site: Option<String>,
    /// Publication date-time of that article, ISO 8601.
    pub published: Option<String>,
    /// The quoted content.
    pub text: String,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The text of the article the offsets point into.
    pub part: TextPart,
    /// First char of the content in that text (chars, not bytes).
    pub start: usize,
    /// One past the last char of the content (chars).
    pub end: usize,
    /// The content's pieces, char offsets (several when the cue interrupts the quote).
    pub fragments: Vec<Span>,
    /// Speaker name as resolved in the article ("Sergei Ryabkov"), if known.
    pub speaker: Option<String>,
    /// Speaker role given in the article, if any.
    pub speaker_role: Option<String>,
    /// Id of the store's person this speaker is (for `/api/people/{id}`), if any.
    pub person_id: Option<String>,
}

/// An article with everything the article page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDetail {
    /// The store's id of this version.
    pub id: String,
    /// The extracted article (title, body…).
    pub article: Article,
    /// Its quotes, in text order, with speakers resolved to people.
    pub quotes: Vec<QuoteRecord>,
    /// People named in it: `(person id, name)`.
    pub people: Vec<PersonRef>,
    /// All stored versions of this article, oldest first (at least this one).
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

/// A person in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// The store's person id.
    pub id: String,
    /// Display name (the fullest form seen).
    pub name: String,
    /// Number of quotes attributed to them.
    pub quote_count: usize,
    /// Number of articles that name them.
    pub article_count: usize,
    /// The role given most recently, if any.
    pub latest_role: Option<String>,
}

/// A role a person held, as the articles give it, with when it was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleSeen {
    /// The role ("Deputy Foreign Minister").
    pub role: String,
    /// Earliest publication date of an article giving this role, ISO 8601.
    pub first_seen: Option<String>,
    /// Latest publication date of an article giving this role, ISO 8601.
    pub last_seen: Option<String>,
    /// Number of articles giving it.
    pub articles: usize,
}

/// A person with their quotes over time and their roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonDetail {
    /// The store's person id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Roles in the order they were first seen (oldest first).
    pub roles: Vec<RoleSeen>,
    /// Their quotes, newest first (one page of them).
    pub quotes: Vec<QuoteRecord>,
    /// Total number of their quotes (all pages).
    pub quote_count: usize,
    /// Articles naming them, newest first (one page).
    pub articles: Vec<ArticleSummary>,
}

/// Quote listing filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteFilter {
    /// Only quotes whose speaker name matches (case-insensitive; a person id also matches).
    pub speaker: Option<String>,
    /// Only this kind of quote.
    pub kind: Option<QuoteKind>,
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
    /// Free text (the search engine's query syntax; plain words work).
    pub q: String,
    /// Only quotes by this speaker (name).
    pub speaker: Option<String>,
    /// Only articles naming this person.
    pub person: Option<String>,
    /// Only articles from this site.
    pub site: Option<String>,
    /// Only articles published on or after this date (ISO 8601 date, `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles published on or before this date (ISO 8601 date).
    pub until: Option<String>,
    /// Articles, quotes or both.
    pub kind: SearchKind,
    /// Which page of hits.
    pub page: Page,
}

/// One search hit: an article, or a quote (with its article).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SearchHit {
    /// An article matched.
    Article {
        /// Relevance score (higher is better; only comparable within one search).
        score: f32,
        /// The article.
        article: ArticleSummary,
        /// A plain-text excerpt around the match (no markup).
        snippet: Option<String>,
    },
    /// A quote matched.
    Quote {
        /// Relevance score.
        score: f32,
        /// The quote.
        quote: QuoteRecord,
    },
}

/// Search results: one page of hits and the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Total hits (may be a lower bound when the engine stops counting).
    pub total: usize,
    /// This page's hits, best first.
    pub hits: Vec<SearchHit>,
}

/// Storage as the server sees it. Implementations must be cheap to call concurrently
/// (`&self`, `Send + Sync`): the server calls them from many threads at once.
pub trait Backend: Send + Sync + 'static {
    /// Latest articles first (by publication date, then by storage order).
    fn latest_articles(&self, page: Page) -> Result<Vec<ArticleSummary>, BackendError>;
    /// One article version by id; `Ok(None)` when there is no such id.
    fn article(&self, id: &str) -> Result<Option<ArticleDetail>, BackendError>;
    /// All versions of the article `id` belongs to, oldest first; `Ok(None)` when unknown.
    fn versions(&self, id: &str) -> Result<Option<Vec<ArticleVersion>>, BackendError>;
    /// Quotes, newest article first.
    fn quotes(&self, filter: &QuoteFilter, page: Page) -> Result<Vec<QuoteRecord>, BackendError>;
    /// People, most quoted first.
    fn people(&self, page: Page) -> Result<Vec<PersonSummary>, BackendError>;
    /// One person with `page` of their quotes and articles; `Ok(None)` when unknown.
    fn person(&self, id: &str, page: Page) -> Result<Option<PersonDetail>, BackendError>;
    /// Full-text search.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, BackendError>;
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
    /// Id of the stored article version.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Quotes found.
    pub quotes: usize,
    /// `true` when this was a new article or a new version, `false` when an identical
    /// copy was already stored.
    pub created: bool,
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
