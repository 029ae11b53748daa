//! [`Backend`] over the real store (`newsdesk-store`: SQLite + tantivy).
//!
//! A `Store` is `Send` but not `Sync`, and its reads take `&mut self`, so the server
//! keeps a small pool of read-only handles, each behind its own mutex: concurrent
//! requests use different handles. Read-only handles take no writer lock, so
//! `newsdesk ingest` (or this server's own ingest) may write beside them; searches see
//! each index commit shortly after it happens.

use crate::backend::*;
use newsdesk_analyze::{Span, SpeakerKind};
use newsdesk_store as store;
use newsdesk_store::Store;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// A pool of read-only store handles on one data directory.
pub struct StoreBackend {
    readers: Vec<Mutex<Store>>,
    next: AtomicUsize,
}

impl StoreBackend {
    /// Open `readers` read-only handles (at least one) on the store in `dir`, creating
    /// an empty store there first if there is none.
    pub fn open(dir: &Path, readers: usize) -> Result<StoreBackend, store::Error> {
        if !dir.join("newsdesk.db").exists() {
            // Creates the database and index; dropped at once to release the writer lock.
            drop(Store::open(dir)?);
        }
        let readers = (0..readers.max(1))
            .map(|_| Store::open_read_only(dir).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StoreBackend {
            readers,
            next: AtomicUsize::new(0),
        })
    }

    /// A free handle if there is one, else wait for the next in turn.
    fn handle(&self) -> MutexGuard<'_, Store> {
        let n = self.readers.len();
        let first = self.next.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            if let Ok(guard) = self.readers[(first + i) % n].try_lock() {
                return guard;
            }
        }
        // A panic while holding a handle leaves a read-only store usable: recover it.
        self.readers[first]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with<T>(&self, f: impl FnOnce(&mut Store) -> store::Result<T>) -> Result<T, BackendError> {
        f(&mut self.handle()).map_err(backend_error)
    }
}

fn backend_error(e: store::Error) -> BackendError {
    match e {
        store::Error::BadDate(_) => BackendError::BadRequest(e.to_string()),
        e => BackendError::Storage(e.to_string()),
    }
}

/// Store ids are integers; anything else names nothing (404, not 400).
fn parse_id(id: &str) -> Option<i64> {
    id.trim().parse().ok().filter(|n: &i64| *n > 0)
}

/// Host of a URL, for quotes whose article gives no site name.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

fn summary(a: store::ArticleSummary) -> ArticleSummary {
    ArticleSummary {
        id: a.id.to_string(),
        title: a.title,
        site: a.site,
        published: a.published,
        date: Some(a.date),
        url: a.url,
        version: a.version,
        quote_count: a.quote_count,
    }
}

fn quote(q: store::QuoteRecord) -> QuoteRecord {
    QuoteRecord {
        site: q.article_url.as_deref().and_then(host_of),
        article_id: q.article_id.to_string(),
        article_title: q.article_title,
        date: Some(q.date),
        text: q.text,
        kind: q.kind,
        speaker: q.speaker,
        speaker_role: q.speaker_role,
        person_id: q.person_id.map(|id| id.to_string()),
        location: None,
    }
}

fn copy_member(m: store::CopyMember) -> CopyMember {
    CopyMember {
        article: summary(m.article),
        copy_of: m.copy_of.map(|id| id.to_string()),
        containment: m.containment,
    }
}

fn names(list: Vec<store::NameCount>) -> Vec<NameCount> {
    list.into_iter()
        .map(|n| NameCount {
            name: n.name,
            articles: n.articles,
        })
        .collect()
}

fn story_summary(s: store::StorySummary) -> StorySummary {
    StorySummary {
        id: s.id.to_string(),
        title: s.title,
        first_date: Some(s.first_date),
        last_date: Some(s.last_date),
        article_count: s.article_count,
        people: names(s.people),
        places: names(s.places),
    }
}

fn story_detail(d: store::StoryDetail) -> StoryDetail {
    StoryDetail {
        story: story_summary(d.story),
        articles: d
            .articles
            .into_iter()
            .map(|a| StoryArticle {
                article: summary(a.article),
                copy_group: a.copy_group.to_string(),
                lead: a.lead,
            })
            .collect(),
        key_quotes: d
            .key_quotes
            .into_iter()
            .map(|k| KeyQuote {
                quote: quote(k.quote),
                articles: k.articles,
            })
            .collect(),
    }
}

fn person_summary(p: store::PersonSummary) -> PersonSummary {
    PersonSummary {
        id: p.id.to_string(),
        name: p.name,
        kind: p.kind,
        quote_count: p.quote_count,
        article_count: p.article_count,
        roles: p.roles,
        last_seen: p.last_seen,
    }
}

fn version(v: store::VersionInfo) -> ArticleVersion {
    ArticleVersion {
        version: v.version,
        stored_at: Some(v.ingested_at),
        source: Some(v.source),
        title: v.title,
        changes: v.changes.as_ref().map(describe_changes),
    }
}

/// "headline changed, 2 paragraphs added, 180 → 210 words"
fn describe_changes(c: &store::ChangeSummary) -> String {
    let mut parts = Vec::new();
    if c.title_changed {
        parts.push("headline changed".to_string());
    }
    if c.dek_changed {
        parts.push("subtitle changed".to_string());
    }
    let plural =
        |n: usize, what: &str| format!("{n} paragraph{} {what}", if n == 1 { "" } else { "s" });
    if c.paragraphs_added > 0 {
        parts.push(plural(c.paragraphs_added, "added"));
    }
    if c.paragraphs_removed > 0 {
        parts.push(plural(c.paragraphs_removed, "removed"));
    }
    if c.paragraphs_changed > 0 {
        parts.push(plural(c.paragraphs_changed, "changed"));
    }
    if c.words_before != c.words_after {
        parts.push(format!("{} → {} words", c.words_before, c.words_after));
    }
    if parts.is_empty() {
        "small changes".to_string()
    } else {
        parts.join(", ")
    }
}

/// Byte ranges in `text` (the store's snippet highlights) → char ranges; ranges that
/// do not fall on char boundaries are dropped.
fn byte_ranges_to_chars(text: &str, ranges: &[(usize, usize)]) -> Vec<Span> {
    let char_at =
        |b: usize| -> Option<usize> { text.is_char_boundary(b).then(|| text[..b].chars().count()) };
    ranges
        .iter()
        .filter(|(s, e)| s < e && *e <= text.len())
        .filter_map(|&(s, e)| {
            Some(Span {
                start: char_at(s)?,
                end: char_at(e)?,
            })
        })
        .collect()
}

/// Lower-cased words of a name, for comparing names across articles.
fn name_words(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The store's id for a name of a given kind: the entity with that very name, or the
/// only candidate of that kind; `None` when unknown or ambiguous (better no link than
/// a wrong one).
fn resolve_name(
    store: &mut Store,
    name: &str,
    kind: SpeakerKind,
) -> store::Result<Option<PersonRef>> {
    let candidates = store.people(&store::PeopleQuery {
        name: Some(name.to_string()),
        all_kinds: true,
        limit: 50,
        ..Default::default()
    })?;
    let wanted = name_words(name);
    let same_kind: Vec<&store::PersonSummary> =
        candidates.iter().filter(|p| p.kind == kind).collect();
    let pick = same_kind
        .iter()
        .find(|p| name_words(&p.name) == wanted)
        .or_else(|| (same_kind.len() == 1).then(|| &same_kind[0]));
    Ok(pick.map(|p| PersonRef {
        id: p.id.to_string(),
        name: p.name.clone(),
    }))
}

fn article_detail(store: &mut Store, record: store::ArticleRecord) -> store::Result<ArticleDetail> {
    let article = record.article;
    let analysis = record.analysis;
    let mut resolved: HashMap<(String, SpeakerKind), Option<PersonRef>> = HashMap::new();
    let mut resolve =
        |store: &mut Store, name: &str, kind: SpeakerKind| -> store::Result<Option<PersonRef>> {
            let key = (name_words(name), kind);
            if let Some(r) = resolved.get(&key) {
                return Ok(r.clone());
            }
            let r = resolve_name(store, name, kind)?;
            resolved.insert(key, r.clone());
            Ok(r)
        };
    let site = article
        .site_name
        .clone()
        .or_else(|| record.url.as_deref().and_then(host_of));
    let date = article
        .published
        .clone()
        .or(Some(record.first_seen.clone()));
    let mut quotes = Vec::with_capacity(analysis.quotes.len());
    for q in &analysis.quotes {
        let speaker = q.speaker.as_ref();
        let name = speaker.and_then(|s| {
            s.name
                .clone()
                .or_else(|| s.mention.as_ref().map(|m| m.text.clone()))
        });
        let person = match (speaker, speaker.and_then(|s| s.name.as_deref())) {
            (Some(s), Some(n)) => resolve(store, n, s.kind)?,
            _ => None,
        };
        quotes.push(QuoteRecord {
            article_id: record.id.to_string(),
            article_title: article.title.clone(),
            site: site.clone(),
            date: date.clone(),
            text: q.text.clone(),
            kind: q.kind,
            speaker: person.as_ref().map(|p| p.name.clone()).or(name),
            speaker_role: speaker.and_then(|s| s.role.clone()),
            person_id: person.map(|p| p.id),
            location: Some(QuoteLocation {
                part: q.part,
                start: q.start,
                end: q.end,
                fragments: q.fragments.clone(),
            }),
        });
    }
    let mut people: Vec<PersonRef> = Vec::new();
    let named = analysis
        .people
        .iter()
        .map(|p| (p.name.as_str(), SpeakerKind::Person))
        .chain(analysis.quotes.iter().filter_map(|q| {
            let s = q.speaker.as_ref()?;
            Some((s.name.as_deref()?, s.kind))
        }));
    for (name, kind) in named {
        if let Some(p) = resolve(store, name, kind)? {
            if !people.iter().any(|known| known.id == p.id) {
                people.push(p);
            }
        }
    }
    let versions = store
        .versions(record.id)?
        .into_iter()
        .map(version)
        .collect();
    Ok(ArticleDetail {
        id: record.id.to_string(),
        version: record.version,
        article,
        quotes,
        people,
        versions,
    })
}

impl Backend for StoreBackend {
    fn copies(&self, id: &str) -> Result<Option<CopyGroup>, BackendError> {
        let Some(id) = parse_id(id) else {
            return Ok(None);
        };
        Ok(self.with(|s| s.copies_of(id))?.map(|g| CopyGroup {
            group: g.group.to_string(),
            original: copy_member(g.original),
            copies: g.copies.into_iter().map(copy_member).collect(),
            size: g.size,
        }))
    }

    fn related(&self, id: &str, limit: usize) -> Result<Option<Related>, BackendError> {
        let Some(id) = parse_id(id) else {
            return Ok(None);
        };
        Ok(self.with(|s| s.related(id, limit))?.map(|r| Related {
            article_id: r.article_id.to_string(),
            story: story_summary(r.story),
            same_story: r.same_story.into_iter().map(summary).collect(),
            other_stories: r
                .other_stories
                .into_iter()
                .map(|o| RelatedArticle {
                    article: summary(o.article),
                    story_id: o.story_id.to_string(),
                    score: o.score,
                })
                .collect(),
        }))
    }

    fn story(&self, id: &str) -> Result<Option<StoryDetail>, BackendError> {
        let Some(id) = parse_id(id) else {
            return Ok(None);
        };
        Ok(self.with(|s| s.story(id))?.map(story_detail))
    }

    fn stories(&self, day: Option<&str>, page: Page) -> Result<Vec<StorySummary>, BackendError> {
        let list = match day {
            Some(day) => self
                .with(|s| s.stories_on(day, page.limit))?
                .into_iter()
                .map(|d| d.story)
                .collect(),
            None => self.with(|s| s.latest_stories(page.limit, page.offset))?,
        };
        Ok(list.into_iter().map(story_summary).collect())
    }

    fn stories_on(&self, day: &str, limit: usize) -> Result<Vec<StoryDetail>, BackendError> {
        Ok(self
            .with(|s| s.stories_on(day, limit))?
            .into_iter()
            .map(story_detail)
            .collect())
    }

    fn latest_articles(&self, page: Page) -> Result<Vec<ArticleSummary>, BackendError> {
        self.with(|s| s.latest(page.limit, page.offset))
            .map(|v| v.into_iter().map(summary).collect())
    }

    fn article(
        &self,
        id: &str,
        version: Option<u32>,
    ) -> Result<Option<ArticleDetail>, BackendError> {
        let Some(id) = parse_id(id) else {
            return Ok(None);
        };
        self.with(|s| {
            let record = match version {
                Some(v) => s.article_version(id, v)?,
                None => s.article(id)?,
            };
            record.map(|r| article_detail(s, r)).transpose()
        })
    }

    fn versions(&self, id: &str) -> Result<Option<Vec<ArticleVersion>>, BackendError> {
        let Some(id) = parse_id(id) else {
            return Ok(None);
        };
        let versions = self.with(|s| s.versions(id))?;
        Ok((!versions.is_empty()).then(|| versions.into_iter().map(version).collect()))
    }

    fn quotes_by_speaker(
        &self,
        speaker: &str,
        page: Page,
    ) -> Result<Vec<QuoteRecord>, BackendError> {
        self.with(|s| s.quotes_by_speaker(speaker, page.limit, page.offset))
            .map(|v| v.into_iter().map(quote).collect())
    }

    fn people(&self, page: Page) -> Result<Vec<PersonSummary>, BackendError> {
        self.with(|s| {
            s.people(&store::PeopleQuery {
                limit: page.limit,
                offset: page.offset,
                ..Default::default()
            })
        })
        .map(|v| v.into_iter().map(person_summary).collect())
    }

    fn person(&self, id: &str, page: Page) -> Result<Option<PersonDetail>, BackendError> {
        let Some(id) = parse_id(id) else {
            return Ok(None);
        };
        let found = self.with(|s| {
            let Some(mut p) = s.person_page(id, page.limit)? else {
                return Ok(None);
            };
            if page.offset > 0 {
                p.recent_quotes = s.person_quotes(id, page.limit, page.offset)?;
                p.recent_articles = s.person_articles(id, page.limit, page.offset)?;
            }
            Ok(Some(p))
        })?;
        let Some(p) = found else {
            return Ok(None);
        };
        let mut roles: Vec<RoleSeen> = p
            .roles
            .into_iter()
            .map(|r| RoleSeen {
                role: r.role,
                first_seen: Some(r.first_seen),
                last_seen: Some(r.last_seen),
                articles: r.articles,
            })
            .collect();
        roles.sort_by(|a, b| (&a.first_seen, &a.last_seen).cmp(&(&b.first_seen, &b.last_seen)));
        Ok(Some(PersonDetail {
            person: person_summary(p.person),
            roles,
            quotes_by_month: p
                .quotes_by_month
                .into_iter()
                .map(|m| MonthCount {
                    month: m.month,
                    quotes: m.quotes,
                })
                .collect(),
            quotes: p.recent_quotes.into_iter().map(quote).collect(),
            articles: p.recent_articles.into_iter().map(summary).collect(),
            co_mentioned: p
                .co_mentioned
                .into_iter()
                .map(|c| PersonRef {
                    id: c.id.to_string(),
                    name: c.name,
                })
                .collect(),
        }))
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults, BackendError> {
        let q = store::SearchQuery {
            text: query.q.clone(),
            speaker: query.speaker.clone(),
            person: query.person.clone(),
            site: query.site.clone(),
            since: query.since.clone(),
            until: query.until.clone(),
            kind: match query.kind {
                SearchKind::All => None,
                SearchKind::Articles => Some(store::DocKind::Article),
                SearchKind::Quotes => Some(store::DocKind::Quote),
            },
            limit: query.page.limit,
            offset: query.page.offset,
        };
        let results = self.with(|s| s.search(&q))?;
        Ok(SearchResults {
            total: results.total,
            hits: results
                .hits
                .into_iter()
                .map(|h| SearchHit {
                    kind: match h.kind {
                        store::DocKind::Article => HitKind::Article,
                        store::DocKind::Quote => HitKind::Quote,
                    },
                    score: h.score,
                    article: summary(h.article),
                    quote: h.quote.map(quote),
                    snippet: (!h.snippet.text.is_empty()).then(|| Snippet {
                        highlights: byte_ranges_to_chars(&h.snippet.text, &h.snippet.highlights),
                        text: h.snippet.text,
                    }),
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_ids() {
        assert_eq!(
            host_of("https://www.example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("http://user@news.example:8080/x").as_deref(),
            Some("news.example:8080")
        );
        assert_eq!(parse_id("42"), Some(42));
        assert_eq!(parse_id("-1"), None);
        assert_eq!(parse_id("abc"), None);
    }

    #[test]
    fn snippet_byte_ranges_become_char_ranges() {
        let text = "Zoë said “yes” today";
        let start = text.find("yes").unwrap();
        let spans = byte_ranges_to_chars(text, &[(start, start + 3), (1, 3), (0, 999)]);
        // (1, 3) cuts inside "ë"? No: 'o' is 1 byte, 'ë' starts at 2 and is 2 bytes: 3 is inside it.
        assert_eq!(spans, vec![Span { start: 10, end: 13 }]);
    }

    #[test]
    fn names_compare_by_words() {
        assert_eq!(name_words("Sergei  Ryabkov"), name_words("sergei ryabkov"));
        assert_eq!(name_words("Mr. O'Neil"), "mr o neil");
    }
}
