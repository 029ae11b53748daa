//! [`ArticleRow`]: an analysed article flattened to the export schema.

use newsdesk_analyze::{AnalyzedArticle, Mention, SpeakerKind, TextPart};
use serde::{Deserialize, Serialize};

/// Where an article came from, beyond its `source` name: what an archive or a
/// fetcher knows. Both fields are `None` for local files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The URL fetched (`WARC-Target-URI`).
    pub url: Option<String>,
    /// When it was fetched, RFC 3339 (`WARC-Date`).
    pub fetched_at: Option<String>,
}

/// One article in the export schema (see the crate docs for the column table).
/// Serializes (serde) to exactly the columns of [`schema`](crate::schema), in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleRow {
    /// Where the page came from: a path, `-`, or `FILE.warc.gz#record-N`.
    pub source: String,
    /// The URL fetched, if known.
    pub url: Option<String>,
    /// When it was fetched (RFC 3339), if known.
    pub fetched_at: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The dek (subtitle).
    pub dek: Option<String>,
    /// Author names; empty when unknown.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Modification date, ISO 8601.
    pub modified: Option<String>,
    /// Body language, ISO 639-1.
    pub language: Option<String>,
    /// Publishing site's name.
    pub site_name: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Clean body, paragraphs joined by `\n`.
    pub body: String,
    /// Words in `body`.
    pub word_count: i64,
    /// Quotes, in order of appearance (title, dek, then body).
    pub quotes: Vec<QuoteRow>,
    /// People named in the article.
    pub people: Vec<PersonRow>,
    /// Organisation names.
    pub organizations: Vec<String>,
    /// Place names.
    pub places: Vec<String>,
    /// Events.
    pub events: Vec<EventRow>,
}

/// One quote, speaker flattened into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// The quoted (or reported) words.
    pub text: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// `body`, `dek` or `title`: the text part the offsets point into.
    pub part: String,
    /// Start offset, chars of `part`.
    pub start: i64,
    /// End offset (exclusive), chars of `part`.
    pub end: i64,
    /// The cue ("said", "according to"), as written.
    pub cue: Option<String>,
    /// Who: the resolved name, else the mention as written ("a spokesman"); null when unknown.
    pub speaker: Option<String>,
    /// The speaker's role, if given.
    pub speaker_role: Option<String>,
    /// `person`, `organization` or `group`; null when no speaker.
    pub speaker_kind: Option<String>,
}

/// One person named in the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    /// Full name.
    pub name: String,
    /// Roles given for them.
    pub roles: Vec<String>,
    /// How many times they are mentioned.
    pub mentions: i64,
}

/// One event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    /// What happened.
    pub what: String,
    /// Where, if said.
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// When, as written.
    pub when: Option<String>,
    /// When, as an ISO 8601 date, if it could be resolved.
    pub date: Option<String>,
    /// Who took part.
    pub participants: Vec<String>,
}

fn part_name(part: TextPart) -> &'static str {
    match part {
        TextPart::Body => "body",
        TextPart::Dek => "dek",
        TextPart::Title => "title",
    }
}

fn speaker_kind_name(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organization",
        SpeakerKind::Group => "group",
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl ArticleRow {
    /// Flatten an analysed article (and where it came from) into a row.
    pub fn new(a: &AnalyzedArticle, provenance: Provenance) -> ArticleRow {
        let article = &a.article;
        let analysis = &a.analysis;
        ArticleRow {
            source: article.source.clone(),
            url: provenance.url,
            fetched_at: provenance.fetched_at,
            title: article.title.clone(),
            dek: article.dek.clone(),
            authors: article.authors.clone(),
            published: article.published.clone(),
            modified: article.modified.clone(),
            language: article.language.clone(),
            site_name: article.site_name.clone(),
            canonical_url: article.canonical_url.clone(),
            body: article.body.clone(),
            word_count: to_i64(article.word_count),
            quotes: analysis
                .quotes
                .iter()
                .map(|q| {
                    let speaker = q.speaker.as_ref();
                    QuoteRow {
                        text: q.text.clone(),
                        kind: q.kind.as_str().to_string(),
                        part: part_name(q.part).to_string(),
                        start: to_i64(q.start),
                        end: to_i64(q.end),
                        cue: q.cue.as_ref().map(|m: &Mention| m.text.clone()),
                        speaker: speaker.and_then(|s| {
                            s.name
                                .clone()
                                .or_else(|| s.mention.as_ref().map(|m| m.text.clone()))
                        }),
                        speaker_role: speaker.and_then(|s| s.role.clone()),
                        speaker_kind: speaker.map(|s| speaker_kind_name(s.kind).to_string()),
                    }
                })
                .collect(),
            people: analysis
                .people
                .iter()
                .map(|p| PersonRow {
                    name: p.name.clone(),
                    roles: p.roles.clone(),
                    mentions: to_i64(p.mentions.len()),
                })
                .collect(),
            organizations: analysis
                .organizations
                .iter()
                .map(|e| e.name.clone())
                .collect(),
            places: analysis.places.iter().map(|e| e.name.clone()).collect(),
            events: analysis
                .events
                .iter()
                .map(|e| EventRow {
                    what: e.what.clone(),
                    place: e.place.clone(),
                    when: e.when.as_ref().map(|w| w.text.clone()),
                    date: e.when.as_ref().and_then(|w| w.date.clone()),
                    participants: e.participants.clone(),
                })
                .collect(),
        }
    }
}

/// Extract and analyse one page into a row: what every exporter (CLI, Spark, Ray) does
/// per page. `options.url`/`options.http_charset` should carry what the transport said;
/// the analysis resolves relative dates against the article's own date.
pub fn analyze_page(
    bytes: &[u8],
    source: &str,
    options: &newsdesk_extract::Options,
    provenance: Provenance,
) -> Result<ArticleRow, newsdesk_extract::Error> {
    let article = newsdesk_extract::extract(bytes, source, options)?;
    let analyze = newsdesk_analyze::AnalyzeOptions {
        published: article.published.clone(),
        ..newsdesk_analyze::AnalyzeOptions::default()
    };
    let analyzed = newsdesk_analyze::analyze_article(&article, &analyze);
    Ok(ArticleRow::new(&analyzed, provenance))
}
