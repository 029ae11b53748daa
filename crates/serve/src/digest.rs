//! The daily digest over the server's [`Backend`]: the day's stories mapped onto the
//! digest crate's input model, then ranked and summarised by `newsdesk-digest`.

use crate::backend::{Backend, BackendError, StoryDetail};
use newsdesk_analyze::QuoteKind;
use newsdesk_digest::{
    build_digest, Digest, DigestArticle, DigestError, DigestOptions, DigestQuote, DigestStory,
};

/// Stories read from the backend for one digest; ranking then keeps `max_stories`.
pub const CANDIDATE_STORIES: usize = 500;

/// Why a digest could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DigestFailure {
    /// The date or options were refused by the digest builder.
    #[error(transparent)]
    Digest(#[from] DigestError),
    /// Storage failed.
    #[error(transparent)]
    Backend(#[from] BackendError),
}

/// Ids in the API are strings; the digest numbers them as the store does. An id that
/// is not a number (a backend other than the store) maps to -1: it is only shown.
fn numeric_id(id: &str) -> i64 {
    id.parse().unwrap_or(-1)
}

/// The digest crate's view of one story as the server sees it.
pub fn digest_story(detail: &StoryDetail) -> DigestStory {
    let s = &detail.story;
    DigestStory {
        id: numeric_id(&s.id),
        title: s.title.clone(),
        first_seen: s.first_date.clone(),
        last_seen: s.last_date.clone(),
        articles: detail
            .articles
            .iter()
            .map(|a| DigestArticle {
                id: numeric_id(&a.article.id),
                title: a.article.title.clone().unwrap_or_default(),
                url: a.article.url.clone(),
                site: a.article.site.clone(),
                date: a
                    .article
                    .published
                    .clone()
                    .or_else(|| a.article.date.clone())
                    .unwrap_or_default(),
                dek: None,
                body: a.lead.clone(),
            })
            .collect(),
        quotes: detail
            .key_quotes
            .iter()
            .map(|k| DigestQuote {
                text: k.quote.text.clone(),
                speaker: k.quote.speaker.clone(),
                article_id: numeric_id(&k.quote.article_id),
                direct: k.quote.kind == QuoteKind::Direct,
            })
            .collect(),
        people: s.people.iter().map(|n| n.name.clone()).collect(),
        places: s.places.iter().map(|n| n.name.clone()).collect(),
        // The backend lists a story's newest articles (capped): those left out are
        // older, so they count as earlier coverage.
        previous_days_articles: s.article_count.saturating_sub(detail.articles.len()),
    }
}

/// Build the digest of `date` (`YYYY-MM-DD`) from the backend's stories of that day.
/// Articles without a URL of their own link to `/articles/ID` on this server when
/// `base_url` is given.
pub fn digest_of_day(
    backend: &dyn Backend,
    date: &str,
    max_stories: usize,
    base_url: Option<String>,
) -> Result<Digest, DigestFailure> {
    let stories: Vec<DigestStory> = backend
        .stories_on(date, CANDIDATE_STORIES)?
        .iter()
        .map(digest_story)
        .collect();
    let options = DigestOptions {
        max_stories,
        base_url,
        ..DigestOptions::default()
    };
    Ok(build_digest(date, &stories, &options)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::{
        ArticleSummary, KeyQuote, NameCount, QuoteRecord, StoryArticle, StorySummary,
    };

    fn article(id: &str, published: Option<&str>, date: &str) -> StoryArticle {
        StoryArticle {
            article: ArticleSummary {
                id: id.into(),
                title: None,
                site: Some("Gazette".into()),
                published: published.map(str::to_string),
                date: Some(date.into()),
                url: None,
                version: 1,
                quote_count: 1,
            },
            copy_group: id.into(),
            lead: "The lead.".into(),
        }
    }

    #[test]
    fn stories_map_onto_the_digest_model() {
        let detail = StoryDetail {
            story: StorySummary {
                id: "7".into(),
                title: "Dam opens".into(),
                first_date: Some("2024-03-01".into()),
                last_date: Some("2024-03-04".into()),
                article_count: 5,
                people: vec![NameCount {
                    name: "Ada Obi".into(),
                    articles: 2,
                }],
                places: vec![],
            },
            articles: vec![
                article("12", Some("2024-03-04T08:00:00Z"), "2024-03-05T00:00:00Z"),
                article("x", None, "2024-03-03"),
            ],
            key_quotes: vec![KeyQuote {
                quote: QuoteRecord {
                    article_id: "12".into(),
                    article_title: None,
                    site: None,
                    date: None,
                    text: "We open the gates at noon today".into(),
                    kind: QuoteKind::Indirect,
                    speaker: Some("Ada Obi".into()),
                    speaker_role: None,
                    person_id: None,
                    location: None,
                },
                articles: 1,
            }],
        };
        let d = digest_story(&detail);
        assert_eq!(d.id, 7);
        assert_eq!(d.articles.len(), 2);
        // The publication date wins over the first-seen date; ids that are not
        // numbers map to -1.
        assert_eq!(d.articles[0].date, "2024-03-04T08:00:00Z");
        assert_eq!((d.articles[0].id, d.articles[1].id), (12, -1));
        assert_eq!(d.articles[1].date, "2024-03-03");
        assert_eq!(d.quotes[0].article_id, 12);
        assert!(!d.quotes[0].direct);
        assert_eq!(d.people, ["Ada Obi"]);
        // Five articles, two listed: three are earlier coverage.
        assert_eq!(d.previous_days_articles, 3);
    }
}
