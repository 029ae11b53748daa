//! The relate stage inside the store: copy groups and stories, persisted beside the
//! articles they describe, and the reads over them.
//!
//! # Writing
//! Every new article is fingerprinted ([`newsdesk_relate::CopyDetector`]) and clustered
//! ([`newsdesk_relate::StoryClusterer`]) as it is ingested, and its `article_relate`
//! row and its story's `stories` row are written in the same transaction as the
//! article itself, so a crash never leaves an article without its relate rows or the
//! reverse.
//!
//! - **Copy group**: when the detector matches an earlier article, the new article
//!   joins the matched article's stored group; else it opens a group named by its own
//!   id. The original is not stored: it is read as the group's earliest-dated member
//!   (ties: the lowest id), so an older copy ingested late becomes the original
//!   without rewriting the group.
//! - **Story**: the clusterer's live story ids are mapped to stored story ids (the id
//!   of a story's first article). A copy joins the story of the article it copies and
//!   is not fed to the clusterer (it would only inflate the document frequencies of
//!   its story's words).
//! - **Updated versions** (same URL, new text) keep the copy group, fingerprint and
//!   story of their first version: corrections rarely change what a report is about
//!   or what it copies, and the online clusterer cannot take an article back out of a
//!   story. A rewritten page that should count as new must come under a new URL.
//!
//! # Rebuilding on open
//! The in-memory state is rebuilt at the first ingest after open (never for read-only
//! stores): the copy index from the stored fingerprints of the articles within the
//! copy window (at most [`CopyConfig::max_articles`]), and live stories by replaying
//! the latest articles within the story window (at most
//! [`RelateConfig::replay_articles`]) through a fresh clusterer, each clusterer story
//! mapped to the stored story of the articles it re-forms (copies are skipped, as
//! when they were first stored). Articles stored before the
//! relate tables existed are related then too, in id order. After a failed ingest the
//! state is dropped and rebuilt the same way, so it never holds an article the
//! database does not.
//!
//! Bytes per article: the fingerprint is `4 · (1 + sketch_size)` bytes on disk
//! (516 with the default sketch of 128), plus the row's other columns (~60 bytes and
//! the names). In memory the copy index takes about `4·sketch_size + 4·indexed_features
//! + 64` bytes per kept article (see [`newsdesk_relate::copies`]).

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{quote_from_row, summary_from_row, Store, QUOTE_COLS, SUMMARY_COLS};
use crate::text::{format_iso, parse_iso_date};
use newsdesk_analyze::Analysis;
use newsdesk_relate::{
    CopyConfig, CopyDetector, Day, Fingerprint, StoryClusterer, StoryConfig, StoryInput,
};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// Most members a [`CopyGroup`] lists.
pub const MAX_GROUP_MEMBERS: usize = 200;
/// Most articles a [`StoryDetail`] lists.
pub const MAX_STORY_ARTICLES: usize = 100;
/// Key quotes per story.
pub const KEY_QUOTES: usize = 5;
/// Longest article lead in a [`StoryArticle`], in chars.
pub const LEAD_CHARS: usize = 400;
/// Most related articles one [`Store::related`] call returns per list.
pub const MAX_RELATED: usize = 50;
/// Names of people or places kept per stored story.
const STORY_NAMES: usize = 8;
/// Quotes of a story's latest articles read to pick its key quotes.
const KEY_QUOTE_CANDIDATES: i64 = 2000;
/// Body chars fed to the more-like-this query of [`Store::related`].
const RELATED_BODY_CHARS: usize = 20_000;

/// Settings of the store's relate stage. `Default` gives the documented values.
#[derive(Debug, Clone, PartialEq)]
pub struct RelateConfig {
    /// Copy detection settings (defaults of [`CopyConfig`], except no time window and
    /// at most 200,000 candidate articles).
    pub copies: CopyConfig,
    /// Story clustering settings (defaults of [`StoryConfig`]).
    pub stories: StoryConfig,
    /// Latest articles replayed through the story clusterer when the state is rebuilt
    /// (default 20,000; replay costs about as much as clustering them the first time).
    pub replay_articles: usize,
}

impl Default for RelateConfig {
    fn default() -> Self {
        RelateConfig {
            // A store is an archive: pages arrive far out of date order (a WARC of
            // 2019 after this morning's feeds), and a window counted from the newest
            // date seen would drop every older candidate. Keep the latest 200,000
            // articles instead, whatever their dates (about 150 MB of copy index).
            copies: CopyConfig {
                window_days: None,
                max_articles: 200_000,
                ..CopyConfig::default()
            },
            stories: StoryConfig::default(),
            replay_articles: 20_000,
        }
    }
}

/// The in-memory relate state of a writable store.
pub(crate) struct RelateState {
    copies: CopyDetector,
    stories: StoryClusterer,
    /// Clusterer story id → stored story id.
    story_ids: HashMap<u64, i64>,
}

/// Stored form of a fingerprint: shingle count, then the sketch, u32 little-endian.
pub(crate) fn encode_fingerprint(fp: &Fingerprint) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 * (1 + fp.sketch.len()));
    out.extend_from_slice(&fp.shingles.to_le_bytes());
    for h in &fp.sketch {
        out.extend_from_slice(&h.to_le_bytes());
    }
    out
}

/// Read a stored fingerprint; `None` if the bytes are not one.
pub(crate) fn decode_fingerprint(bytes: &[u8]) -> Option<Fingerprint> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut words = bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    let shingles = words.next()?;
    let sketch: Vec<u32> = words.collect();
    if !sketch.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    Some(Fingerprint { sketch, shingles })
}

fn day_of(secs: i64) -> Day {
    Day(secs.div_euclid(86_400) as i32)
}

/// People and place names an article gives the story clusterer.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Names {
    people: Vec<String>,
    places: Vec<String>,
}

impl Names {
    fn of(analysis: &Analysis) -> Names {
        Names {
            people: analysis.people.iter().map(|p| p.name.clone()).collect(),
            places: analysis.places.iter().map(|p| p.name.clone()).collect(),
        }
    }
}

fn names_json(list: &[newsdesk_relate::NameCount]) -> String {
    let top: Vec<NameCount> = list
        .iter()
        .take(STORY_NAMES)
        .map(|n| NameCount {
            name: n.name.clone(),
            articles: n.articles,
        })
        .collect();
    serde_json::to_string(&top).unwrap_or_else(|_| "[]".into())
}

/// The first `max` chars of `text`, cut at a word boundary, with "…" when cut.
fn cut_chars(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => {
            let end = text[..i].rfind(char::is_whitespace).unwrap_or(i);
            format!("{}…", text[..end].trim_end())
        }
    }
}

/// A quote's words, lowercased, for telling the same quote in two articles.
fn quote_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// Whether the relate tables exist (a store written by an older build and opened
    /// read-only has none until a writer opens it).
    fn has_relate_tables(&self) -> Result<bool> {
        self.db
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stories')",
            )
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .map_err(|e| self.db_err(e))
    }

    /// Use these relate settings (copies, stories, replay). Takes effect at the next
    /// rebuild of the relate state: call before the first ingest.
    pub fn set_relate_config(&mut self, config: RelateConfig) -> Result<()> {
        config
            .copies
            .validate()
            .and_then(|_| config.stories.validate())
            .map_err(|e| Error::InvalidConfig(e.to_string()))?;
        self.relate_config = config;
        self.relate = None;
        Ok(())
    }

    /// Build the in-memory relate state from the database if it is not built.
    /// `skip`: the article being ingested (already in `articles`, related by the caller).
    fn ensure_relate(&mut self, skip: i64) -> Result<()> {
        if self.relate.is_some() {
            return Ok(());
        }
        let config = self.relate_config.clone();
        let bad = |e: newsdesk_relate::RelateError| Error::InvalidConfig(e.to_string());
        let mut stories = StoryClusterer::new(config.stories.clone()).map_err(bad)?;
        stories.keep_evicted(true);
        let mut state = RelateState {
            copies: CopyDetector::new(config.copies.clone()).map_err(bad)?,
            stories,
            story_ids: HashMap::new(),
        };
        let newest: Option<i64> = self
            .db
            .query_row("SELECT max(date) FROM article_relate", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))?;
        if let Some(newest) = newest {
            // Copy candidates: stored fingerprints, oldest first, within the window.
            let since = config
                .copies
                .window_days
                .map_or(i64::MIN, |w| newest - (w as i64 + 1) * 86_400);
            let mut rows: Vec<(i64, i64, Vec<u8>)> = self.query_all(
                "SELECT article_id, date, fingerprint FROM article_relate \
                         WHERE date >= ?1 ORDER BY article_id DESC LIMIT ?2",
                params![since, config.copies.max_articles as i64],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            rows.reverse();
            for (id, date, blob) in rows {
                let fp = decode_fingerprint(&blob)
                    .ok_or_else(|| self.corrupt(format!("fingerprint of article {id}")))?;
                state
                    .copies
                    .add_fingerprint(id as u64, fp, Some(day_of(date)));
            }
            // Live stories: replay the latest articles within the story window.
            let since = config
                .stories
                .window_days
                .map_or(i64::MIN, |w| newest - (w as i64 + 1) * 86_400);
            let ids: Vec<(i64, i64)> = self.query_all(
                "SELECT article_id, story_id FROM article_relate \
                         WHERE date >= ?1 AND copy_of IS NULL ORDER BY article_id DESC LIMIT ?2",
                params![since, config.replay_articles as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            for &(id, stored_story) in ids.iter().rev() {
                let Some((title, body, date, names)) = self.replay_input(id)? else {
                    continue;
                };
                let people: Vec<&str> = names.people.iter().map(String::as_str).collect();
                let places: Vec<&str> = names.places.iter().map(String::as_str).collect();
                let a = state.stories.add(&StoryInput {
                    title: title.as_deref().unwrap_or(""),
                    text: &body,
                    day: Some(day_of(date)),
                    people: &people,
                    places: &places,
                });
                if a.new_story {
                    state.story_ids.insert(a.story, stored_story);
                } else {
                    state.story_ids.entry(a.story).or_insert(stored_story);
                }
                for s in state.stories.take_evicted() {
                    state.story_ids.remove(&s.id);
                }
            }
        }
        self.relate = Some(state);
        // Articles stored before relate existed (or whose rows are missing): relate now.
        let missing: Vec<i64> = self.query_all(
            "SELECT a.id FROM articles a LEFT JOIN article_relate r ON r.article_id = a.id \
                     WHERE r.article_id IS NULL ORDER BY a.id",
            [],
            |r| r.get(0),
        )?;
        for id in missing.into_iter().filter(|&id| id != skip) {
            let row: Option<(Option<String>, String, i64, String)> = self
                .db
                .query_row(
                    "SELECT v.title, v.body, a.date, v.analysis FROM articles a \
                     JOIN versions v ON v.id = a.version_id WHERE a.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()
                .map_err(|e| self.db_err(e))?;
            let Some((title, body, date, analysis)) = row else {
                continue;
            };
            let analysis: Analysis = serde_json::from_str(&analysis)
                .map_err(|e| self.corrupt(format!("analysis of article {id}: {e}")))?;
            self.relate_article(id, date, title.as_deref(), &body, &analysis)?;
        }
        Ok(())
    }

    /// Title, body, date and names of a stored article, for replay.
    #[allow(clippy::type_complexity)]
    fn replay_input(&self, id: i64) -> Result<Option<(Option<String>, String, i64, Names)>> {
        let row: Option<(Option<String>, String, i64, String)> = self
            .db
            .prepare_cached(
                "SELECT v.title, v.body, r.date, r.names FROM article_relate r \
                 JOIN articles a ON a.id = r.article_id JOIN versions v ON v.id = a.version_id \
                 WHERE r.article_id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .optional()
            })
            .map_err(|e| self.db_err(e))?;
        Ok(row.map(|(title, body, date, names)| {
            (
                title,
                body,
                date,
                serde_json::from_str(&names).unwrap_or_default(),
            )
        }))
    }

    /// Fingerprint and cluster a new article and write its relate rows (inside the
    /// ingest's transaction).
    pub(crate) fn relate_article(
        &mut self,
        id: i64,
        date: i64,
        title: Option<&str>,
        body: &str,
        analysis: &Analysis,
    ) -> Result<()> {
        self.ensure_relate(id)?;
        let day = Some(day_of(date));
        let state = self.relate.as_mut().expect("relate state built");
        // A body-less article is fingerprinted by its title.
        let text = if body.trim().is_empty() {
            title.unwrap_or("")
        } else {
            body
        };
        let fp = state.copies.fingerprint(text);
        let blob = encode_fingerprint(&fp);
        let outcome = state.copies.add_fingerprint(id as u64, fp, day);
        let names = Names::of(analysis);
        let matched = outcome.matched.clone();
        // The matched article's stored group and story (it was stored before).
        let (group, matched_story) = match &matched {
            Some(m) => {
                let row: Option<(i64, i64)> = self
                    .db
                    .prepare_cached(
                        "SELECT copy_group, story_id FROM article_relate WHERE article_id = ?1",
                    )
                    .and_then(|mut st| {
                        st.query_row([m.id as i64], |r| Ok((r.get(0)?, r.get(1)?)))
                            .optional()
                    })
                    .map_err(|e| self.db_err(e))?;
                match row {
                    Some((g, s)) => (g, Some(s)),
                    None => (id, None),
                }
            }
            None => (id, None),
        };
        let state = self.relate.as_mut().expect("relate state built");
        let (story_id, people_json, places_json) = match matched_story {
            // A copy tells its original's story, and is not clustered: a report
            // syndicated to a hundred sites would otherwise make its own words look
            // common to the clusterer's document frequencies.
            Some(s) => (s, "[]".to_string(), "[]".to_string()),
            None => {
                let people: Vec<&str> = names.people.iter().map(String::as_str).collect();
                let places: Vec<&str> = names.places.iter().map(String::as_str).collect();
                let assignment = state.stories.add(&StoryInput {
                    title: title.unwrap_or(""),
                    text: body,
                    day,
                    people: &people,
                    places: &places,
                });
                for s in state.stories.take_evicted() {
                    state.story_ids.remove(&s.id);
                }
                let (pj, lj) = match state.stories.story(assignment.story) {
                    Some(s) => (names_json(&s.people), names_json(&s.places)),
                    None => ("[]".to_string(), "[]".to_string()),
                };
                (
                    *state.story_ids.entry(assignment.story).or_insert(id),
                    pj,
                    lj,
                )
            }
        };
        let names_text = serde_json::to_string(&names).unwrap_or_else(|_| "{}".into());
        self.db
            .prepare_cached(
                "INSERT OR REPLACE INTO article_relate (article_id, copy_group, copy_of, containment, \
                 story_id, date, fingerprint, names) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    id,
                    group,
                    matched.as_ref().map(|m| m.id as i64),
                    matched.as_ref().map(|m| m.containment as f64),
                    story_id,
                    date,
                    blob,
                    names_text
                ])
            })
            .map_err(|e| self.db_err(e))?;
        let story_title: String = title.unwrap_or("").trim().chars().take(300).collect();
        self.db
            .prepare_cached(
                "INSERT INTO stories (id, title, first_date, last_date, articles, people, places) \
                 VALUES (?1, ?2, ?3, ?3, 1, ?4, ?5) ON CONFLICT (id) DO UPDATE SET \
                 first_date = min(first_date, excluded.first_date), \
                 last_date = max(last_date, excluded.last_date), articles = articles + 1, \
                 title = CASE WHEN title = '' THEN excluded.title ELSE title END, \
                 people = CASE WHEN excluded.people = '[]' THEN people ELSE excluded.people END, \
                 places = CASE WHEN excluded.places = '[]' THEN places ELSE excluded.places END",
            )
            .and_then(|mut st| {
                st.execute(params![
                    story_id,
                    story_title,
                    date,
                    people_json,
                    places_json
                ])
            })
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    // ---------------------------------------------------------------- reads

    /// An article's copy group: its original (earliest-dated member) and copies.
    /// `Ok(None)` when the article is unknown (or not yet related).
    pub fn copies_of(&self, id: ArticleId) -> Result<Option<CopyGroup>> {
        if !self.has_relate_tables()? {
            return Ok(None);
        }
        let group: Option<i64> = self
            .db
            .prepare_cached("SELECT copy_group FROM article_relate WHERE article_id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.db_err(e))?;
        let Some(group) = group else {
            return Ok(None);
        };
        let size: i64 = self
            .db
            .prepare_cached("SELECT count(*) FROM article_relate WHERE copy_group = ?1")
            .and_then(|mut st| st.query_row([group], |r| r.get(0)))
            .map_err(|e| self.db_err(e))?;
        let mut st = self
            .db
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLS}, r.copy_of, r.containment FROM article_relate r \
                 JOIN articles a ON a.id = r.article_id WHERE r.copy_group = ?1 \
                 ORDER BY a.date, a.id LIMIT ?2"
            ))
            .map_err(|e| self.db_err(e))?;
        let rows = st
            .query_map(params![group, MAX_GROUP_MEMBERS as i64 + 1], |r| {
                Ok(CopyMember {
                    article: summary_from_row(r)?,
                    copy_of: r.get(10)?,
                    containment: r.get::<_, Option<f64>>(11)?.map(|c| c as f32),
                })
            })
            .map_err(|e| self.db_err(e))?;
        let mut members: Vec<CopyMember> = rows
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.db_err(e))?;
        if members.is_empty() {
            return Ok(None);
        }
        let original = members.remove(0);
        Ok(Some(CopyGroup {
            group,
            original,
            copies: members,
            size: size.max(0) as usize,
        }))
    }

    fn story_summary(&self, id: StoryId) -> Result<Option<StorySummary>> {
        if !self.has_relate_tables()? {
            return Ok(None);
        }
        let row: Option<(String, i64, i64, i64, String, String)> = self
            .db
            .prepare_cached(
                "SELECT title, first_date, last_date, articles, people, places FROM stories WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                })
                .optional()
            })
            .map_err(|e| self.db_err(e))?;
        Ok(row.map(
            |(title, first, last, articles, people, places)| StorySummary {
                id,
                title,
                first_date: format_iso(first),
                last_date: format_iso(last),
                article_count: articles.max(0) as usize,
                people: serde_json::from_str(&people).unwrap_or_default(),
                places: serde_json::from_str(&places).unwrap_or_default(),
            },
        ))
    }

    /// The story an article belongs to, if it is related.
    pub fn story_of(&self, article: ArticleId) -> Result<Option<StoryId>> {
        if !self.has_relate_tables()? {
            return Ok(None);
        }
        self.db
            .prepare_cached("SELECT story_id FROM article_relate WHERE article_id = ?1")
            .and_then(|mut st| st.query_row([article], |r| r.get(0)).optional())
            .map_err(|e| self.db_err(e))
    }

    /// A story with its articles (newest first) and key quotes; `Ok(None)` if unknown.
    pub fn story(&self, id: StoryId) -> Result<Option<StoryDetail>> {
        let Some(story) = self.story_summary(id)? else {
            return Ok(None);
        };
        let articles = {
            let mut st = self
                .db
                .prepare_cached(&format!(
                    "SELECT {SUMMARY_COLS}, r.copy_group, json_extract(v.article, '$.dek'), \
                     substr(v.body, 1, 4000) FROM article_relate r \
                     JOIN articles a ON a.id = r.article_id JOIN versions v ON v.id = a.version_id \
                     WHERE r.story_id = ?1 ORDER BY r.date DESC, r.article_id DESC LIMIT ?2"
                ))
                .map_err(|e| self.db_err(e))?;
            let rows = st
                .query_map(params![id, MAX_STORY_ARTICLES as i64], |r| {
                    let dek: Option<String> = r.get(11)?;
                    let body: String = r.get(12)?;
                    let lead = match dek.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                        Some(d) => d.to_string(),
                        None => body
                            .split("\n\n")
                            .map(str::trim)
                            .find(|p| !p.is_empty())
                            .unwrap_or("")
                            .to_string(),
                    };
                    Ok(StoryArticle {
                        article: summary_from_row(r)?,
                        copy_group: r.get(10)?,
                        lead: cut_chars(&lead, LEAD_CHARS),
                    })
                })
                .map_err(|e| self.db_err(e))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| self.db_err(e))?
        };
        let key_quotes = self.key_quotes(id)?;
        Ok(Some(StoryDetail {
            story,
            articles,
            key_quotes,
        }))
    }

    /// The quotes that stand for a story (see [`StoryDetail::key_quotes`]).
    fn key_quotes(&self, story: StoryId) -> Result<Vec<KeyQuote>> {
        let mut st = self
            .db
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLS} FROM article_relate r JOIN quotes q ON q.article_id = r.article_id \
                 JOIN articles a ON a.id = q.article_id WHERE r.story_id = ?1 AND q.speaker IS NOT NULL \
                 ORDER BY r.date DESC, r.article_id DESC, q.ord LIMIT ?2"
            ))
            .map_err(|e| self.db_err(e))?;
        let rows = st
            .query_map(params![story, KEY_QUOTE_CANDIDATES], quote_from_row)
            .map_err(|e| self.db_err(e))?;
        // Quote words → (first (newest) record, articles carrying it).
        let mut found: Vec<(QuoteRecord, Vec<ArticleId>)> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let q = row.map_err(|e| self.db_err(e))?;
            let key = quote_key(&q.text);
            if key.split(' ').count() < 4 {
                continue; // a word or two is a scare quote, not a statement
            }
            match by_key.get(&key) {
                Some(&i) => {
                    if !found[i].1.contains(&q.article_id) {
                        found[i].1.push(q.article_id);
                    }
                    // Prefer the record whose speaker is resolved to a person.
                    if found[i].0.person_id.is_none() && q.person_id.is_some() {
                        found[i].0 = q;
                    }
                }
                None => {
                    by_key.insert(key, found.len());
                    let article = q.article_id;
                    found.push((q, vec![article]));
                }
            }
        }
        let score = |(q, arts): &(QuoteRecord, Vec<ArticleId>)| -> f32 {
            let kind = match q.kind {
                newsdesk_analyze::QuoteKind::Direct => 0.5,
                newsdesk_analyze::QuoteKind::Mixed => 0.3,
                newsdesk_analyze::QuoteKind::Indirect => 0.0,
            };
            let resolved = if q.person_id.is_some() { 0.4 } else { 0.0 };
            let length = (q.text.chars().count() as f32 / 300.0).min(0.3);
            arts.len() as f32 + kind + resolved + length
        };
        let mut ranked: Vec<(f32, usize)> = found.iter().map(score).zip(0..).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out = Vec::new();
        let mut slots: Vec<Option<(QuoteRecord, Vec<ArticleId>)>> =
            found.into_iter().map(Some).collect();
        for (_, i) in ranked.into_iter().take(KEY_QUOTES) {
            if let Some((quote, arts)) = slots[i].take() {
                out.push(KeyQuote {
                    quote,
                    articles: arts.len(),
                });
            }
        }
        Ok(out)
    }

    /// The latest stories (by their latest article's date), newest first.
    pub fn latest_stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
        if !self.has_relate_tables()? {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = self.query_all(
            "SELECT id FROM stories ORDER BY last_date DESC, id DESC LIMIT ?1 OFFSET ?2",
            params![limit.min(crate::MAX_RESULTS) as i64, offset as i64],
            |r| r.get(0),
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.story_summary(id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The stories with articles dated on `day` (`YYYY-MM-DD`, UTC), those with most
    /// articles that day first (ties: latest first), each with its articles and key
    /// quotes. This is what a daily digest reads.
    pub fn stories_on(&self, day: &str, limit: usize) -> Result<Vec<StoryDetail>> {
        let start = Day::parse(day)
            .filter(|_| day.trim().len() == 10)
            .and_then(|d| parse_iso_date(&d.to_string()))
            .ok_or_else(|| Error::BadDate(day.to_string()))?;
        if !self.has_relate_tables()? {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = self.query_all(
            "SELECT story_id FROM article_relate WHERE date >= ?1 AND date < ?2 \
                     GROUP BY story_id ORDER BY count(*) DESC, max(date) DESC, story_id LIMIT ?3",
            params![start, start + 86_400, limit.min(crate::MAX_RESULTS) as i64],
            |r| r.get(0),
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.story(id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// What is related to an article: the `k` latest other articles of its story, and
    /// the `k` most related articles of other stories (one per story, copies of the
    /// article left out), found by a more-like-this query over the search index (so
    /// articles ingested since the last commit are not among them). `k` is capped at
    /// [`MAX_RELATED`]. `Ok(None)` when the article is unknown or not related.
    pub fn related(&self, id: ArticleId, k: usize) -> Result<Option<Related>> {
        if !self.has_relate_tables()? {
            return Ok(None);
        }
        let k = k.min(MAX_RELATED);
        let row: Option<(i64, i64)> = self
            .db
            .prepare_cached("SELECT story_id, copy_group FROM article_relate WHERE article_id = ?1")
            .and_then(|mut st| {
                st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.db_err(e))?;
        let Some((story_id, group)) = row else {
            return Ok(None);
        };
        let Some(story) = self.story_summary(story_id)? else {
            return Ok(None);
        };
        let same_story = {
            let mut st = self
                .db
                .prepare_cached(&format!(
                    "SELECT {SUMMARY_COLS} FROM article_relate r JOIN articles a ON a.id = r.article_id \
                     WHERE r.story_id = ?1 AND r.article_id != ?2 \
                     ORDER BY r.date DESC, r.article_id DESC LIMIT ?3"
                ))
                .map_err(|e| self.db_err(e))?;
            let rows = st
                .query_map(params![story_id, id, k as i64], summary_from_row)
                .map_err(|e| self.db_err(e))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| self.db_err(e))?
        };
        let mut other_stories = Vec::new();
        if k > 0 {
            let text: Option<(Option<String>, String)> = self
                .db
                .prepare_cached(
                    "SELECT v.title, v.body FROM articles a JOIN versions v ON v.id = a.version_id \
                     WHERE a.id = ?1",
                )
                .and_then(|mut st| st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                .map_err(|e| self.db_err(e))?;
            if let Some((title, body)) = text {
                let body = match body.char_indices().nth(RELATED_BODY_CHARS) {
                    Some((i, _)) => &body[..i],
                    None => &body,
                };
                let hits =
                    self.index
                        .more_like(title.as_deref().unwrap_or(""), body, 20 * k + 20)?;
                let mut seen_stories = vec![story_id];
                for (score, hit_id) in hits {
                    if other_stories.len() >= k {
                        break;
                    }
                    let row: Option<(i64, i64)> = self
                        .db
                        .prepare_cached(
                            "SELECT story_id, copy_group FROM article_relate WHERE article_id = ?1",
                        )
                        .and_then(|mut st| {
                            st.query_row([hit_id], |r| Ok((r.get(0)?, r.get(1)?)))
                                .optional()
                        })
                        .map_err(|e| self.db_err(e))?;
                    let Some((s, g)) = row else { continue };
                    if g == group || seen_stories.contains(&s) {
                        continue;
                    }
                    seen_stories.push(s);
                    let summary = self
                        .db
                        .prepare_cached(&format!(
                            "SELECT {SUMMARY_COLS} FROM articles a WHERE a.id = ?1"
                        ))
                        .and_then(|mut st| st.query_row([hit_id], summary_from_row).optional())
                        .map_err(|e| self.db_err(e))?;
                    if let Some(article) = summary {
                        other_stories.push(RelatedArticle {
                            article,
                            story_id: s,
                            score,
                        });
                    }
                }
            }
        }
        Ok(Some(Related {
            article_id: id,
            story,
            same_story,
            other_stories,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_bytes_round_trip() {
        let fp = Fingerprint {
            sketch: vec![3, 70, 1 << 31, u32::MAX],
            shingles: 900,
        };
        let bytes = encode_fingerprint(&fp);
        assert_eq!(bytes.len(), 4 * 5);
        assert_eq!(decode_fingerprint(&bytes), Some(fp));
        assert_eq!(decode_fingerprint(&bytes[..7]), None);
        // Unsorted sketches are not fingerprints.
        let mut bad = bytes.clone();
        bad.swap(4, 8);
        bad.swap(5, 9);
        assert_eq!(decode_fingerprint(&bad), None);
    }

    #[test]
    fn leads_are_cut_at_words() {
        assert_eq!(cut_chars("short text", 40), "short text");
        assert_eq!(cut_chars("one two three four", 10), "one two…");
        assert_eq!(quote_key("“We will, rebuild!”"), "we will rebuild");
    }
}
