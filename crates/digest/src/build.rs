//! Building the digest: pick the day's articles of each story, rank the stories
//! ([`crate::rank`]), and for the top ones find the most central article (for the
//! summary and link order), the key quotes and the links.

use crate::error::DigestError;
use crate::model::{
    ArticleLink, Digest, DigestArticle, DigestEntry, DigestOptions, DigestQuote, DigestStory,
    KeyQuote, MAX_STORIES,
};
use crate::rank;
use crate::text::{
    calendar_date, cut_words, is_web_url, lead_sentences, prefix_bytes, squash_spaces,
    strip_dateline, tokens,
};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// Most quotes of one story read when choosing key quotes; the rest are ignored, so a
/// story with a pathological number of quotes costs bounded time.
pub const MAX_QUOTES_READ: usize = 10_000;

/// Most characters of a story or article title in the digest (longer ones are cut on a
/// word boundary).
pub const MAX_TITLE_CHARS: usize = 200;

/// Builds the digest for `date` (`YYYY-MM-DD`) from `stories`.
///
/// Stories with no article dated on `date` are left out; the rest are ranked by
/// [`rank::score`] and the top [`DigestOptions::max_stories`] are summarised. Cost is
/// linear in the bytes of the selected stories' articles (each read up to
/// [`DigestOptions::max_text_bytes`]) plus `O(n log n)` in the number of stories.
///
/// # Errors
/// [`DigestError::BadDate`] when `date` is not a real `YYYY-MM-DD` date, and
/// [`DigestError::BadBaseUrl`] when `options.base_url` is not an `http(s)` URL.
pub fn build_digest(
    date: &str,
    stories: &[DigestStory],
    options: &DigestOptions,
) -> Result<Digest, DigestError> {
    let day = date.trim();
    if day.len() != 10 || calendar_date(day).is_none() {
        return Err(DigestError::BadDate(date.to_string()));
    }
    let base_url = match &options.base_url {
        Some(b) if !is_web_url(b) => return Err(DigestError::BadBaseUrl(b.clone())),
        Some(b) => Some(b.trim_end_matches('/')),
        None => None,
    };

    // Rank every story with coverage on the day.
    let mut candidates: Vec<Candidate> = stories
        .iter()
        .filter_map(|story| Candidate::new(story, day))
        .collect();
    let stories_considered = candidates.len();
    let articles_considered = candidates.iter().map(|c| c.today.len()).sum();
    candidates.sort_by(Candidate::ranking_order);
    candidates.truncate(options.max_stories.min(MAX_STORIES));

    // TF-IDF over the selected stories' articles of the day.
    let mut vocabulary = Vocabulary::default();
    let term_counts: Vec<Vec<Vec<(u32, u32)>>> = candidates
        .iter()
        .map(|c| {
            c.today
                .iter()
                .map(|a| vocabulary.count_terms(a, options.max_text_bytes))
                .collect()
        })
        .collect();
    let idf = vocabulary.idf();

    // One line (it is also the e-mail subject), at most MAX_TITLE_CHARS chars.
    let title = match options.title.as_deref().map(squash_spaces) {
        Some(t) if !t.is_empty() => cut_words(&t, MAX_TITLE_CHARS),
        _ => format!("newsdesk digest for {day}"),
    };
    let entries = candidates
        .iter()
        .zip(&term_counts)
        .enumerate()
        .map(|(i, (c, counts))| c.entry(i + 1, counts, &idf, options, base_url))
        .collect();
    Ok(Digest {
        date: day.to_string(),
        title,
        stories_considered,
        articles_considered,
        stories: entries,
    })
}

/// A story with coverage on the digest day, and its ranking figures.
struct Candidate<'a> {
    story: &'a DigestStory,
    today: Vec<&'a DigestArticle>,
    sites: usize,
    previous: usize,
    score: f64,
}

impl<'a> Candidate<'a> {
    fn new(story: &'a DigestStory, day: &str) -> Option<Candidate<'a>> {
        let mut today = Vec::new();
        let mut earlier = 0;
        // An article listed twice counts once.
        let mut ids = HashSet::new();
        for article in story.articles.iter().filter(|a| ids.insert(a.id)) {
            match calendar_date(&article.date) {
                Some(d) if d < day => earlier += 1,
                Some(d) if d > day => {}
                _ => today.push(article),
            }
        }
        if today.is_empty() {
            return None;
        }
        let mut seen = HashSet::new();
        let mut siteless = 0;
        for a in &today {
            match site_key(a) {
                Some(key) => {
                    seen.insert(key);
                }
                None => siteless += 1,
            }
        }
        let sites = seen.len() + siteless;
        let previous = story.previous_days_articles.saturating_add(earlier);
        Some(Candidate {
            story,
            sites,
            previous,
            score: rank::score(today.len(), sites, previous),
            today,
        })
    }

    /// Best first: score, then articles today, then later `last_seen`, then lower id.
    fn ranking_order(a: &Candidate, b: &Candidate) -> Ordering {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.today.len().cmp(&a.today.len()))
            .then_with(|| b.story.last_seen.cmp(&a.story.last_seen))
            .then_with(|| a.story.id.cmp(&b.story.id))
    }

    fn entry(
        &self,
        rank: usize,
        counts: &[Vec<(u32, u32)>],
        idf: &[f32],
        options: &DigestOptions,
        base_url: Option<&str>,
    ) -> DigestEntry {
        let story = self.story;
        let centrality = centrality(counts, idf);
        // Articles by centrality, ties to the longer body, then the earlier date, then id.
        let mut order: Vec<usize> = (0..self.today.len()).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (self.today[i], self.today[j]);
            centrality[j]
                .total_cmp(&centrality[i])
                .then_with(|| b.body.len().cmp(&a.body.len()))
                .then_with(|| a.date.cmp(&b.date))
                .then_with(|| a.id.cmp(&b.id))
        });
        // The summary comes from the most central article that has text to summarise.
        let (summary_article, summary) = order
            .iter()
            .map(|&i| self.today[i])
            .find_map(|a| summary_of(a, options).map(|s| (a, s)))
            .unwrap_or_else(|| {
                let a = self.today[order[0]];
                (
                    a,
                    cut_words(&squash_spaces(&a.title), options.max_summary_chars),
                )
            });
        let central = self.today[order[0]];
        let title = match squash_spaces(&story.title) {
            t if !t.is_empty() => t,
            _ => match squash_spaces(&central.title) {
                t if !t.is_empty() => t,
                _ => format!("Story {}", story.id),
            },
        };
        let links = order
            .iter()
            .take(options.max_links)
            .map(|&i| article_link(self.today[i], base_url))
            .collect();
        let hrefs: HashMap<i64, Option<String>> = story
            .articles
            .iter()
            .map(|a| (a.id, href_of(a.id, a.url.as_deref(), base_url)))
            .collect();
        let quotes = key_quotes(&story.quotes, options)
            .into_iter()
            .map(|mut q| {
                q.href = hrefs
                    .get(&q.article_id)
                    .cloned()
                    .unwrap_or_else(|| href_of(q.article_id, None, base_url));
                q
            })
            .collect();
        DigestEntry {
            rank,
            story_id: story.id,
            title: cut_words(&title, MAX_TITLE_CHARS),
            score: round4(self.score),
            coverage: round4(rank::coverage(self.today.len(), self.sites)),
            novelty: round4(rank::novelty(self.today.len(), self.previous)),
            new_story: self.previous == 0,
            articles_today: self.today.len(),
            sites_today: self.sites,
            previous_articles: self.previous,
            first_seen: story.first_seen.clone(),
            last_seen: story.last_seen.clone(),
            summary,
            summary_article_id: summary_article.id,
            quotes,
            people: top_names(&story.people, options.max_names),
            places: top_names(&story.places, options.max_names),
            links,
        }
    }
}

/// Rounded to 4 decimals, so the JSON shows readable figures that parse back exactly.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The site an article counts for: its `site`, else its URL's host; lower-cased,
/// without `www.`.
fn site_key(article: &DigestArticle) -> Option<String> {
    let raw = match article.site.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => {
            let url = article.url.as_deref()?;
            let rest = url.split_once("://")?.1;
            let host = rest.split(['/', '?', '#']).next()?;
            let host = host.rsplit('@').next()?.split(':').next()?;
            if host.is_empty() {
                return None;
            }
            host.to_string()
        }
    };
    let lower = raw.to_lowercase();
    Some(lower.strip_prefix("www.").unwrap_or(&lower).to_string())
}

/// Term ids for the words of the day's articles, and their document frequencies.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
}

impl Vocabulary {
    /// The article's (term id, count) pairs, sorted by term id; counts each term's
    /// document frequency once.
    fn count_terms(&mut self, article: &DigestArticle, max_bytes: usize) -> Vec<(u32, u32)> {
        let mut budget = max_bytes;
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let dek = article.dek.as_deref().unwrap_or("");
        for part in [article.title.as_str(), dek, article.body.as_str()] {
            let part = prefix_bytes(part, budget);
            budget -= part.len();
            for token in tokens(part) {
                let next = self.ids.len() as u32;
                let id = *self.ids.entry(token).or_insert(next);
                if id == next {
                    self.document_frequency.push(0);
                }
                *counts.entry(id).or_insert(0) += 1;
            }
        }
        self.documents += 1;
        let mut terms: Vec<(u32, u32)> = counts.into_iter().collect();
        terms.sort_unstable();
        for &(id, _) in &terms {
            self.document_frequency[id as usize] += 1;
        }
        terms
    }

    /// Smoothed inverse document frequency per term id: `ln((1 + N) / (1 + df)) + 1`.
    fn idf(&self) -> Vec<f32> {
        let n = self.documents as f32;
        self.document_frequency
            .iter()
            .map(|&df| ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0)
            .collect()
    }
}

/// Each article's mean TF-IDF cosine to the story's other articles (1 for a lone
/// article). With unit vectors `v_i` and their sum `S`, the mean cosine of `v_i` to the
/// others is `(v_i·S − 1) / (n − 1)`: linear in the story's size, not quadratic.
fn centrality(counts: &[Vec<(u32, u32)>], idf: &[f32]) -> Vec<f64> {
    let n = counts.len();
    if n == 1 {
        return vec![1.0];
    }
    let vectors: Vec<Vec<(u32, f64)>> = counts
        .iter()
        .map(|terms| {
            let mut v: Vec<(u32, f64)> = terms
                .iter()
                .map(|&(id, c)| (id, (1.0 + (c as f64).ln()) * idf[id as usize] as f64))
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect();
    let mut sum: HashMap<u32, f64> = HashMap::new();
    for v in &vectors {
        for &(id, w) in v {
            *sum.entry(id).or_insert(0.0) += w;
        }
    }
    vectors
        .iter()
        .map(|v| {
            if v.is_empty() {
                return 0.0;
            }
            let dot: f64 = v.iter().map(|(id, w)| w * sum[id]).sum();
            ((dot - 1.0) / (n - 1) as f64).max(0.0)
        })
        .collect()
}

/// The lead of an article: its first sentences (dateline stripped), else its dek.
fn summary_of(article: &DigestArticle, options: &DigestOptions) -> Option<String> {
    let body = prefix_bytes(article.body.trim_start(), options.max_text_bytes);
    let lead = lead_sentences(
        strip_dateline(body),
        options.summary_sentences,
        options.max_summary_chars,
    );
    let lead = squash_spaces(&lead);
    if !lead.is_empty() {
        return Some(lead);
    }
    let dek = squash_spaces(prefix_bytes(
        article.dek.as_deref().unwrap_or(""),
        options.max_text_bytes,
    ));
    (!dek.is_empty())
        .then(|| lead_sentences(&dek, options.summary_sentences, options.max_summary_chars))
}

/// Where an article links to: its own web URL, else `BASE/articles/ID`, else nothing.
fn href_of(id: i64, url: Option<&str>, base_url: Option<&str>) -> Option<String> {
    match url.map(str::trim) {
        Some(u) if is_web_url(u) => Some(u.to_string()),
        _ => base_url.map(|b| format!("{b}/articles/{id}")),
    }
}

fn article_link(article: &DigestArticle, base_url: Option<&str>) -> ArticleLink {
    let site = article
        .site
        .as_deref()
        .map(squash_spaces)
        .filter(|s| !s.is_empty());
    let title = match squash_spaces(&article.title) {
        t if !t.is_empty() => cut_words(&t, MAX_TITLE_CHARS),
        _ => site
            .clone()
            .unwrap_or_else(|| format!("article {}", article.id)),
    };
    ArticleLink {
        id: article.id,
        title,
        site,
        date: article.date.trim().to_string(),
        href: href_of(article.id, article.url.as_deref(), base_url),
    }
}

/// Up to `max_names` names, white space squashed, empty and repeated (case-insensitive)
/// names dropped.
fn top_names(names: &[String], max_names: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .iter()
        .map(|n| squash_spaces(prefix_bytes(n, 200)))
        .filter(|n| !n.is_empty() && seen.insert(n.to_lowercase()))
        .take(max_names)
        .collect()
}

/// A speaker's name as lower-case words.
fn speaker_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two speaker names denote the same person: one name ends with the other
/// ("Harbour master Ines Varga" and "Ines Varga").
fn same_speaker(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && (a.ends_with(b) || b.ends_with(a))
}

/// A quote and the copies of it across the story's articles.
struct QuoteGroup<'a> {
    first: usize,
    best: &'a DigestQuote,
    speaker: String,
    articles: HashSet<i64>,
    direct: bool,
    words: usize,
}

/// The story's key quotes: quotes with a speaker, grouped by their words (copies of an
/// article repeat its quotes), best first — long enough (see
/// [`DigestOptions::min_quote_words`]), carried by more articles, direct, longer —
/// choosing distinct speakers first and then filling up with further quotes.
fn key_quotes(quotes: &[DigestQuote], options: &DigestOptions) -> Vec<KeyQuote> {
    let mut groups: Vec<QuoteGroup> = Vec::new();
    let mut by_words: HashMap<String, usize> = HashMap::new();
    for (i, q) in quotes.iter().take(MAX_QUOTES_READ).enumerate() {
        let speaker = match q.speaker.as_deref().map(squash_spaces) {
            Some(s) if !s.is_empty() => s,
            _ => continue,
        };
        let key: String = q
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        if key.is_empty() {
            continue;
        }
        let words = key.split(' ').count();
        let g = *by_words.entry(key).or_insert_with(|| {
            groups.push(QuoteGroup {
                first: i,
                best: q,
                speaker: speaker.clone(),
                articles: HashSet::new(),
                direct: q.direct,
                words,
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        group.articles.insert(q.article_id);
        if q.direct && !group.direct {
            group.direct = true;
            group.best = q;
            group.speaker = speaker;
        }
    }
    let min_words = options.min_quote_words;
    groups.sort_by(|a, b| {
        (b.words >= min_words)
            .cmp(&(a.words >= min_words))
            .then_with(|| b.articles.len().cmp(&a.articles.len()))
            .then_with(|| b.direct.cmp(&a.direct))
            .then_with(|| b.words.min(60).cmp(&a.words.min(60)))
            .then_with(|| a.first.cmp(&b.first))
    });
    // Distinct speakers first, then the remaining quotes in order.
    let mut chosen: Vec<usize> = Vec::new();
    let mut speakers: Vec<Vec<String>> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if chosen.len() >= options.max_quotes {
            break;
        }
        let words = speaker_words(&g.speaker);
        if !speakers.iter().any(|s| same_speaker(s, &words)) {
            speakers.push(words);
            chosen.push(i);
        }
    }
    for i in 0..groups.len() {
        if chosen.len() >= options.max_quotes {
            break;
        }
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|i| {
            let g = &groups[i];
            let text = squash_spaces(prefix_bytes(&g.best.text, options.max_text_bytes));
            let text =
                text.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | ' '));
            KeyQuote {
                text: cut_words(text, options.max_quote_chars),
                speaker: cut_words(&g.speaker, MAX_TITLE_CHARS),
                article_id: g.best.article_id,
                articles: g.articles.len(),
                direct: g.direct,
                href: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: i64, body: &str) -> DigestArticle {
        DigestArticle {
            id,
            title: String::new(),
            url: None,
            site: None,
            date: "2026-03-02".into(),
            dek: None,
            body: body.into(),
        }
    }

    #[test]
    fn mean_cosine_shortcut_matches_pairwise() {
        let mut vocab = Vocabulary::default();
        let arts = [
            article(1, "river flood town bridge closed rain"),
            article(2, "river flood rain town mayor evacuation"),
            article(3, "football match final score goal"),
        ];
        let counts: Vec<_> = arts.iter().map(|a| vocab.count_terms(a, 1000)).collect();
        let idf = vocab.idf();
        let c = centrality(&counts, &idf);
        // Pairwise by hand.
        let unit = |t: &Vec<(u32, u32)>| {
            let v: HashMap<u32, f64> = t
                .iter()
                .map(|&(id, n)| (id, (1.0 + (n as f64).ln()) * idf[id as usize] as f64))
                .collect();
            let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
            v.into_iter()
                .map(|(k, w)| (k, w / norm))
                .collect::<HashMap<_, _>>()
        };
        let vs: Vec<_> = counts.iter().map(unit).collect();
        let cos = |a: &HashMap<u32, f64>, b: &HashMap<u32, f64>| {
            a.iter()
                .map(|(k, w)| w * b.get(k).unwrap_or(&0.0))
                .sum::<f64>()
        };
        for i in 0..3 {
            let mean = (0..3)
                .filter(|&j| j != i)
                .map(|j| cos(&vs[i], &vs[j]))
                .sum::<f64>()
                / 2.0;
            assert!((mean - c[i]).abs() < 1e-9, "{i}: {mean} vs {}", c[i]);
        }
        assert!(c[0] > c[2] && c[1] > c[2]);
    }

    #[test]
    fn quotes_prefer_repeated_direct_and_distinct_speakers() {
        let q = |text: &str, speaker: Option<&str>, id, direct| DigestQuote {
            text: text.into(),
            speaker: speaker.map(Into::into),
            article_id: id,
            direct,
        };
        let quotes = vec![
            q(
                "We will rebuild the bridge before the winter comes",
                Some("Mayor Ana Ruiz"),
                1,
                true,
            ),
            q(
                "We will rebuild the bridge before the winter comes.",
                Some("Ana Ruiz"),
                2,
                true,
            ),
            q(
                "The water rose faster than anyone in town expected",
                Some("Mayor Ana Ruiz"),
                1,
                true,
            ),
            q(
                "the river gauges failed during the night shift",
                Some("Tom Bell"),
                2,
                false,
            ),
            q(
                "nobody told us anything about the dam release at all",
                None,
                3,
                true,
            ),
            q("chaos", Some("Lea Moss"), 3, true),
        ];
        let opts = DigestOptions {
            max_quotes: 2,
            ..DigestOptions::default()
        };
        let chosen = key_quotes(&quotes, &opts);
        assert_eq!(chosen.len(), 2);
        assert_eq!(
            chosen[0].text,
            "We will rebuild the bridge before the winter comes"
        );
        assert_eq!(chosen[0].articles, 2);
        // The second pick is a different speaker, not Ruiz's second quote.
        assert_eq!(chosen[1].speaker, "Tom Bell");
        assert!(chosen.iter().all(|k| !k.text.contains("nobody")));
    }
}
