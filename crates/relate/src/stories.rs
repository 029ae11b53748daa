//! Online story clustering: each new article joins the best live story or opens one.
//!
//! # Method
//! An article becomes a sparse TF-IDF vector over three kinds of features: content
//! words (function words dropped), names (capitalised words inside a sentence, plus
//! the people and places the caller supplies) and numbers (ages, counts, years).
//! Names and numbers are what tell two shootings in one city apart, so they weigh
//! more (`name_weight`, `number_weight`); weekday and month names are capitalised but
//! are not names, so they count as plain words. Document frequencies are learned online in a
//! fixed-size hashed table, so IDF needs no model and no pass over the corpus.
//!
//! A story keeps the sum of its members' unit vectors (capped to its `story_terms`
//! heaviest terms); an article's similarity to a story is the average cosine to its
//! members (average link), computed as `v · sum / n`. Candidates come from an inverted
//! index from an article's heaviest terms to the stories recently indexed under them
//! (lists capped at `max_postings`), limited to stories active within `window_days`
//! of the article's date; only `max_candidates` of them are scored. The cost of an
//! article is therefore bounded by settings, not by the number of stories.
//!
//! Without dates (an archive, a feed that gives none), time proximity cannot back up
//! a match, and two different events about one subject (two fights of one boxer, two
//! fires in one chain's shops) share its rare name. So for an undated article or story
//! the strongest single piece of shared evidence (one term; a capitalised word counts
//! once as word and as name) is left out of the similarity (`undated_top_discount`):
//! a report of the same event still shares several specifics.
//!
//! Stories whose last article is older than the window, or beyond `max_live_stories`
//! (least recently updated first), are evicted from the live set and returned by
//! [`StoryClusterer::take_evicted`] so a store can persist them. Eviction runs every
//! 4,096 articles, so the live set may exceed `max_live_stories` by that many.
//!
//! Memory is bounded by the settings: the document-frequency table
//! (`4 · 2^df_table_bits` bytes), at most `max_live_stories + 4096` stories of at most
//! `2 · story_terms` centroid entries each, and postings lists of at most
//! `max_postings` story ids per term.

use crate::text::{for_each_token, hash_word, Day, Token};
use crate::RelateError;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Settings of a [`StoryClusterer`]. `Default` gives the documented values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryConfig {
    /// Minimum average-link similarity for an article to join a story (default 0.15).
    pub threshold: f32,
    /// Similarity of an article to a story of `n` members is `v · sum / n^size_exponent`:
    /// 1 is average link, 0.5 is close to centroid cosine (default 1).
    pub size_exponent: f32,
    /// Term-frequency weight of a title word occurrence, on top of its body count
    /// (default 1).
    pub title_weight: f32,
    /// Similarity is divided by `1 + time_decay · ln(1 + gap / 7)`, the gap being the
    /// days between the article and the story's time span (0 inside it), so late
    /// follow-ups need more in common (default 0.8).
    pub time_decay: f32,
    /// For an article without a date, the year its text mentions most stands in for
    /// the date: if the story's most mentioned year differs, the similarity is
    /// multiplied by this factor (default 1: off; on ECB+ dev, years mentioned in
    /// texts proved too noisy: 0.5 gained precision but lost more recall).
    pub year_mismatch_factor: f32,
    /// For an article or story without a date, the strongest single piece of shared
    /// evidence (one term, or one capitalised word counted as word and as name) is
    /// discounted by this share before the threshold. Without dates, one shared rare
    /// name is what two different events about the same subject (two fights of one
    /// boxer, two fires in one chain's shops) have in common; a report of the same
    /// event shares several specifics. Dated articles have time proximity as the
    /// second piece of evidence, so the discount does not apply to them (default 1;
    /// 0: off).
    pub undated_top_discount: f32,
    /// Pseudo-documents of the document-frequency prior (default 200; 0: none). IDF is
    /// `ln((n + N0 + 1) / (df + N0·p0 + 0.5))` for `n` articles seen, `N0` this value
    /// and `p0` [`StoryConfig::idf_prior_df`]: as if `N0` unrelated articles had been
    /// seen, each with a share `p0` of containing any given content word. Early in a
    /// stream, when the story being read is all the clusterer has seen, its own words
    /// would otherwise look common and lose their weight.
    pub idf_prior_docs: f32,
    /// Document frequency the prior assumes for every content word (default 0.01).
    pub idf_prior_df: f32,
    /// Term-frequency weight of one name occurrence (default 3).
    pub name_weight: f32,
    /// Term-frequency weight of one number occurrence (default 4: counts, ages and
    /// scores tell apart events of one kind, e.g. "23 pirates" and "26 pirates").
    pub number_weight: f32,
    /// Terms kept per article vector, the heaviest (default 100).
    pub article_terms: usize,
    /// Terms kept per story centroid, the heaviest (default 300).
    pub story_terms: usize,
    /// An article's heaviest terms used to look up candidate stories (default 30).
    pub probe_terms: usize,
    /// Stories kept per term in the candidate index, most recent first (default 64).
    pub max_postings: usize,
    /// Candidate stories scored per article (default 48).
    pub max_candidates: usize,
    /// An article joins only stories whose time span, widened by this many days,
    /// covers its date; stories idle longer than this (by the newest date seen) are
    /// evicted. `None`: no time limit (default 180).
    pub window_days: Option<i32>,
    /// Live stories kept; beyond, the least recently updated are evicted (default 200,000).
    pub max_live_stories: usize,
    /// log2 of the number of buckets of the document-frequency table (default 20:
    /// 4 MiB).
    pub df_table_bits: u32,
    /// Tokens read per article; the rest is ignored (default 20,000).
    pub max_tokens: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.12,
            size_exponent: 1.0,
            time_decay: 0.8,
            year_mismatch_factor: 1.0,
            undated_top_discount: 1.0,
            idf_prior_docs: 200.0,
            idf_prior_df: 0.01,
            title_weight: 1.0,
            name_weight: 3.0,
            number_weight: 4.0,
            article_terms: 100,
            story_terms: 300,
            probe_terms: 30,
            max_postings: 64,
            max_candidates: 48,
            window_days: Some(180),
            max_live_stories: 200_000,
            df_table_bits: 20,
            max_tokens: 20_000,
        }
    }
}

impl StoryConfig {
    /// Check that the settings make sense.
    pub fn validate(&self) -> Result<(), RelateError> {
        let bad = |m: &str| Err(RelateError::InvalidConfig(m.to_string()));
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return bad("threshold must be in (0, 1]");
        }
        if !(0.0..=1.0).contains(&self.undated_top_discount) {
            return bad("undated_top_discount must be in [0, 1]");
        }
        if !(self.name_weight >= 1.0 && self.number_weight >= 1.0) {
            return bad("name_weight and number_weight must be at least 1");
        }
        if self.article_terms == 0 || self.story_terms == 0 || self.probe_terms == 0 {
            return bad("article_terms, story_terms and probe_terms must be positive");
        }
        if self.max_postings == 0 || self.max_candidates == 0 || self.max_live_stories == 0 {
            return bad("max_postings, max_candidates and max_live_stories must be positive");
        }
        if !(self.idf_prior_docs >= 0.0 && self.idf_prior_docs.is_finite()) {
            return bad("idf_prior_docs must be finite and not negative");
        }
        if !(self.idf_prior_df > 0.0 && self.idf_prior_df <= 1.0) {
            return bad("idf_prior_df must be in (0, 1]");
        }
        if !(8..=28).contains(&self.df_table_bits) {
            return bad("df_table_bits must be in 8..=28");
        }
        Ok(())
    }
}

/// One article as the story clusterer sees it.
#[derive(Clone, Copy, Debug, Default)]
pub struct StoryInput<'a> {
    /// Headline.
    pub title: &'a str,
    /// Body text.
    pub text: &'a str,
    /// Publication day, if known.
    pub day: Option<Day>,
    /// Names of people in the article (e.g. from the analyze stage); may be empty.
    pub people: &'a [&'a str],
    /// Names of places in the article; may be empty.
    pub places: &'a [&'a str],
}

/// A name and how many member articles mention it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name as first seen.
    pub name: String,
    /// Member articles mentioning it.
    pub articles: u32,
}

/// A story: articles about one event, as clustered so far.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Story {
    /// Story id, assigned in order of creation from 0.
    pub id: u64,
    /// Title of the story's first article.
    pub title: String,
    /// Earliest member date.
    pub first_day: Option<Day>,
    /// Latest member date.
    pub last_day: Option<Day>,
    /// Member articles.
    pub size: u32,
    /// Most mentioned people (caller-supplied names), most frequent first.
    pub people: Vec<NameCount>,
    /// Most mentioned places (caller-supplied names), most frequent first.
    pub places: Vec<NameCount>,
    /// Most mentioned capitalised names found in the text, most frequent first.
    pub names: Vec<NameCount>,
    /// Years the members are dated in or mention most, with member counts.
    years: Vec<(i32, u32)>,
    /// Sum of member unit vectors: term hash → weight.
    centroid: FxHashMap<u32, f32>,
    /// Article sequence number of the last update (for eviction).
    last_seq: u64,
}

/// Names kept per list of a story.
const STORY_NAMES: usize = 12;

impl Story {
    /// `v · centroid / size^size_exponent`, less `top_discount` times the largest
    /// contribution of one piece of evidence: a term, together with its partner
    /// feature when it is a capitalised word (word and name features of one token).
    fn similarity(&self, v: &[(u32, f32)], size_exponent: f32, top_discount: f32) -> f32 {
        let mut dot = 0.0f32;
        let mut top = (0u32, 0.0f32);
        for &(t, w) in v {
            if let Some(c) = self.centroid.get(&t) {
                let x = c * w;
                dot += x;
                if x > top.1 {
                    top = (t, x);
                }
            }
        }
        if top_discount > 0.0 && top.1 > 0.0 {
            // `v` holds at most `article_terms` entries: a scan is cheap, and this
            // runs only for undated articles.
            let partner = top.0 ^ NAME_SALT;
            let partner_x = v
                .iter()
                .find(|e| e.0 == partner)
                .and_then(|&(t, w)| self.centroid.get(&t).map(|c| c * w))
                .unwrap_or(0.0);
            dot -= top_discount * (top.1 + partner_x);
        }
        dot / (self.size.max(1) as f32).powf(size_exponent)
    }

    /// The year most members are dated in or mention (ties: the latest).
    pub fn main_year(&self) -> Option<i32> {
        self.years
            .iter()
            .max_by_key(|&&(y, n)| (n, y))
            .map(|&(y, _)| y)
    }

    /// Days between `day` and the story's time span (0 inside it or without dates).
    fn gap_days(&self, day: Option<Day>) -> i32 {
        match (day, self.first_day, self.last_day) {
            (Some(d), Some(f), Some(l)) => (f.0 - d.0).max(d.0 - l.0).max(0),
            _ => 0,
        }
    }

    fn within(&self, day: Option<Day>, window: Option<i32>) -> bool {
        match (day, window, self.first_day, self.last_day) {
            (Some(d), Some(w), Some(f), Some(l)) => d.0 >= f.0 - w && d.0 <= l.0 + w,
            _ => true,
        }
    }
}

/// What [`StoryClusterer::add`] decided for an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryAssignment {
    /// The story the article is now part of.
    pub story: u64,
    /// Whether the article opened that story.
    pub new_story: bool,
    /// Similarity to the story when it joined one (0 for a new story).
    pub similarity: f32,
}

/// Online story clusterer. State is plain data (`Serialize`/`Deserialize`).
///
/// ```
/// use newsdesk_relate::{StoryClusterer, StoryConfig, StoryInput};
/// let mut c = StoryClusterer::new(StoryConfig::default()).unwrap();
/// let a = c.add(&StoryInput { title: "Fire at Kessler Mill",
///     text: "A fire destroyed the Kessler Mill in Darnford on Sunday.", ..Default::default() });
/// let b = c.add(&StoryInput { title: "Kessler Mill fire: owner speaks",
///     text: "The owner of the Kessler Mill in Darnford said the fire started in the dye shed.",
///     ..Default::default() });
/// assert_eq!(a.story, b.story);
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoryClusterer {
    config: StoryConfig,
    df: Vec<u32>,
    docs: u64,
    stories: FxHashMap<u64, Story>,
    postings: FxHashMap<u32, Vec<u64>>,
    next_story: u64,
    seq: u64,
    newest_day: Option<Day>,
    evicted: Vec<Story>,
    keep_evicted: bool,
}

/// Salt mixed into name features so that a name and the same word differ. The name
/// feature of a word is its word feature XOR this salt, so either finds the other.
const NAME_SALT: u32 = 0x4c95_7f2d;
/// Salt mixed into number features.
const NUMBER_SALT: u64 = 0x1405_7b7e_f767_814f;
/// Articles between two sweeps of the live set and the candidate index.
const SWEEP_EVERY: u64 = 4096;

impl StoryClusterer {
    /// A clusterer with the given settings, or an error if they are inconsistent.
    pub fn new(config: StoryConfig) -> Result<StoryClusterer, RelateError> {
        config.validate()?;
        Ok(StoryClusterer {
            df: vec![0; 1 << config.df_table_bits],
            config,
            docs: 0,
            stories: FxHashMap::default(),
            postings: FxHashMap::default(),
            next_story: 0,
            seq: 0,
            newest_day: None,
            evicted: Vec::new(),
            keep_evicted: false,
        })
    }

    /// Keep evicted stories for [`StoryClusterer::take_evicted`] (off by default, so
    /// that a caller that never takes them does not accumulate them).
    pub fn keep_evicted(&mut self, keep: bool) {
        self.keep_evicted = keep;
    }

    /// Stories evicted since the last call (only if [`StoryClusterer::keep_evicted`]).
    pub fn take_evicted(&mut self) -> Vec<Story> {
        std::mem::take(&mut self.evicted)
    }

    /// The settings.
    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// A live story by id.
    pub fn story(&self, id: u64) -> Option<&Story> {
        self.stories.get(&id)
    }

    /// Live stories, in no particular order.
    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.stories.values()
    }

    /// Number of live stories.
    pub fn live_stories(&self) -> usize {
        self.stories.len()
    }

    /// Articles added so far.
    pub fn articles(&self) -> u64 {
        self.docs
    }

    /// Count an article's terms in the document frequencies without clustering it,
    /// e.g. to warm IDF up from a background corpus before a stream starts.
    pub fn observe(&mut self, input: &StoryInput<'_>) {
        let features = extract_features(input, &self.config);
        self.count_document(&features.terms);
    }

    fn count_document(&mut self, terms: &[(u32, f32)]) {
        self.docs += 1;
        for f in terms {
            let b = self.bucket(f.0);
            self.df[b] = self.df[b].saturating_add(1);
        }
    }

    /// Add an article: it joins the most similar live story if that one reaches the
    /// threshold, else it opens a new story.
    pub fn add(&mut self, input: &StoryInput<'_>) -> StoryAssignment {
        let features = extract_features(input, &self.config);
        self.count_document(&features.terms);
        self.seq += 1;
        if let Some(d) = input.day {
            self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
        }
        let v = self.vector(&features.terms);
        let best = self.best_story(&v, input.day, features.year);
        let (id, new_story, similarity) = match best {
            Some((id, s)) if s >= self.config.threshold => (id, false, s),
            _ => {
                let id = self.next_story;
                self.next_story += 1;
                self.stories.insert(
                    id,
                    Story {
                        id,
                        title: input.title.trim().chars().take(300).collect(),
                        first_day: input.day,
                        last_day: input.day,
                        size: 0,
                        people: Vec::new(),
                        places: Vec::new(),
                        names: Vec::new(),
                        years: Vec::new(),
                        centroid: FxHashMap::default(),
                        last_seq: 0,
                    },
                );
                (id, true, 0.0)
            }
        };
        self.join(id, &v, input, &features);
        if self.seq.is_multiple_of(SWEEP_EVERY) {
            self.sweep();
        }
        StoryAssignment {
            story: id,
            new_story,
            similarity,
        }
    }

    /// Live stories most similar to an article, best first, without adding it.
    /// Unlike [`StoryClusterer::add`] this applies no threshold: it is for "related".
    pub fn related(&self, input: &StoryInput<'_>, k: usize) -> Vec<(u64, f32)> {
        let features = extract_features(input, &self.config);
        let v = self.vector(&features.terms);
        let mut scored = self.score_candidates(&v, input.day, features.year);
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(k);
        scored
    }

    fn bucket(&self, term: u32) -> usize {
        (term as usize) & ((1usize << self.config.df_table_bits) - 1)
    }

    /// Unit TF-IDF vector of the heaviest `article_terms` terms, heaviest first.
    fn vector(&self, terms: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let n = self.docs as f32 + self.config.idf_prior_docs + 1.0;
        let prior_df = self.config.idf_prior_docs * self.config.idf_prior_df + 0.5;
        let mut v: Vec<(u32, f32)> = terms
            .iter()
            .map(|&(t, tf)| {
                let df = self.df[self.bucket(t)] as f32;
                let idf = (n / (df + prior_df)).ln().max(0.0);
                (t, (1.0 + tf.ln()) * idf)
            })
            .filter(|&(_, w)| w > 0.0)
            .collect();
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(self.config.article_terms);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut v {
                e.1 /= norm;
            }
        }
        v
    }

    fn score_candidates(
        &self,
        v: &[(u32, f32)],
        day: Option<Day>,
        year: Option<i32>,
    ) -> Vec<(u64, f32)> {
        let mut votes: FxHashMap<u64, f32> = FxHashMap::default();
        for &(t, w) in v.iter().take(self.config.probe_terms) {
            if let Some(list) = self.postings.get(&t) {
                for &s in list {
                    *votes.entry(s).or_insert(0.0) += w;
                }
            }
        }
        let mut cands: Vec<(u64, f32)> = votes.into_iter().collect();
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out = Vec::new();
        for (s, _) in cands {
            if out.len() >= self.config.max_candidates {
                break;
            }
            let Some(story) = self.stories.get(&s) else {
                continue;
            };
            if !story.within(day, self.config.window_days) {
                continue;
            }
            let gap = story.gap_days(day) as f32;
            let decay = 1.0 + self.config.time_decay * (1.0 + gap / 7.0).ln();
            let undated = day.is_none() || story.last_day.is_none();
            let discount = if undated {
                self.config.undated_top_discount
            } else {
                0.0
            };
            let mut sim = story.similarity(v, self.config.size_exponent, discount) / decay;
            if day.is_none() && year.is_some() {
                if let Some(y) = story.main_year() {
                    if Some(y) != year {
                        sim *= self.config.year_mismatch_factor;
                    }
                }
            }
            out.push((s, sim));
        }
        out
    }

    fn best_story(
        &self,
        v: &[(u32, f32)],
        day: Option<Day>,
        year: Option<i32>,
    ) -> Option<(u64, f32)> {
        self.score_candidates(v, day, year)
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    fn join(&mut self, id: u64, v: &[(u32, f32)], input: &StoryInput<'_>, features: &Features) {
        let cap = self.config.story_terms;
        let probe = self.config.probe_terms;
        let max_postings = self.config.max_postings;
        let seq = self.seq;
        let story = self.stories.get_mut(&id).expect("story exists");
        for &(t, w) in v {
            *story.centroid.entry(t).or_insert(0.0) += w;
        }
        if story.centroid.len() > 2 * cap {
            let mut all: Vec<(u32, f32)> = story.centroid.drain().collect();
            all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(cap);
            // A fresh map: `drain` keeps the old capacity, which would pin memory.
            story.centroid = all.into_iter().collect();
        }
        story.size += 1;
        story.last_seq = seq;
        if let Some(d) = input.day {
            story.first_day = Some(story.first_day.map_or(d, |f| f.min(d)));
            story.last_day = Some(story.last_day.map_or(d, |l| l.max(d)));
        }
        count_names(&mut story.people, input.people.iter().copied());
        count_names(&mut story.places, input.places.iter().copied());
        count_names(&mut story.names, features.names.iter().map(String::as_str));
        if let Some(y) = features.year {
            if let Some(e) = story.years.iter_mut().find(|e| e.0 == y) {
                e.1 += 1;
            } else if story.years.len() < 16 {
                story.years.push((y, 1));
            }
        }
        for &(t, _) in v.iter().take(probe) {
            let list = self.postings.entry(t).or_default();
            if list.iter().rev().take(8).any(|&s| s == id) {
                continue;
            }
            list.retain(|&s| s != id);
            list.push(id);
            if list.len() > max_postings {
                list.remove(0);
            }
        }
    }

    /// Evict idle stories and drop dead entries from the candidate index.
    fn sweep(&mut self) {
        let window = self.config.window_days;
        let now = self.newest_day;
        let mut dead: Vec<u64> = self
            .stories
            .values()
            .filter(|s| match (window, now, s.last_day) {
                (Some(w), Some(n), Some(l)) => n.0 - l.0 > w,
                _ => false,
            })
            .map(|s| s.id)
            .collect();
        let over = (self.stories.len() - dead.len()).saturating_sub(self.config.max_live_stories);
        if over > 0 {
            let mut by_age: Vec<(u64, u64)> =
                self.stories.values().map(|s| (s.last_seq, s.id)).collect();
            by_age.sort_unstable();
            dead.extend(by_age.into_iter().take(over).map(|(_, id)| id));
        }
        for id in dead {
            if let Some(s) = self.stories.remove(&id) {
                if self.keep_evicted {
                    self.evicted.push(s);
                }
            }
        }
        let stories = &self.stories;
        self.postings.retain(|_, list| {
            list.retain(|s| stories.contains_key(s));
            !list.is_empty()
        });
    }

    /// Approximate heap bytes held by the clusterer's state.
    pub fn heap_bytes(&self) -> usize {
        let story_bytes: usize = self
            .stories
            .values()
            .map(|s| {
                std::mem::size_of::<Story>()
                    + s.title.capacity()
                    + s.centroid.capacity() * 9
                    + [&s.people, &s.places, &s.names]
                        .iter()
                        .flat_map(|l| l.iter())
                        .map(|n| 32 + n.name.capacity())
                        .sum::<usize>()
            })
            .sum();
        self.df.capacity() * 4
            + story_bytes
            + self.postings.capacity() * 33
            + self
                .postings
                .values()
                .map(|l| l.capacity() * 8)
                .sum::<usize>()
    }
}

/// Keep the most mentioned names; each article counts a name once.
fn count_names<'a>(list: &mut Vec<NameCount>, names: impl Iterator<Item = &'a str>) {
    let mut seen: Vec<u64> = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() || name.len() > 200 {
            continue;
        }
        let h = hash_word(name);
        if seen.contains(&h) || seen.len() >= 64 {
            continue;
        }
        seen.push(h);
        if let Some(e) = list.iter_mut().find(|e| hash_word(&e.name) == h) {
            e.articles += 1;
        } else {
            list.push(NameCount {
                name: name.to_string(),
                articles: 1,
            });
        }
    }
    list.sort_by_key(|e| std::cmp::Reverse(e.articles));
    // Keep some room below the cap so new names can still climb.
    list.truncate(STORY_NAMES * 2);
}

struct Features {
    /// Term hash → weighted term frequency.
    terms: Vec<(u32, f32)>,
    /// Capitalised names found in the text (first few, as written).
    names: Vec<String>,
    /// The article's year: from its date, else the year its text mentions most.
    year: Option<i32>,
}

/// Names kept per article for a story's name lists.
const ARTICLE_NAMES: usize = 24;

fn extract_features(input: &StoryInput<'_>, config: &StoryConfig) -> Features {
    let mut tf: FxHashMap<u32, f32> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut years: Vec<(i32, u32)> = Vec::new();
    let add = |tf: &mut FxHashMap<u32, f32>, h: u64, w: f32| {
        *tf.entry((h >> 32) as u32).or_insert(0.0) += w;
    };
    let add_name = |tf: &mut FxHashMap<u32, f32>, h: u64, w: f32| {
        *tf.entry((h >> 32) as u32 ^ NAME_SALT).or_insert(0.0) += w;
    };
    for (text, word_weight) in [(input.title, config.title_weight), (input.text, 1.0)] {
        // A run of capitalised tokens inside a sentence is one name ("Kessler Mill"),
        // kept as written for the story's name list. (As extra features, such
        // phrases lowered F1 on the dev sets: their words already count as names.)
        let mut run = NameRun::default();
        for_each_token(text, config.max_tokens, |t: Token| {
            let word = &text[t.start..t.end];
            if t.number {
                add(&mut tf, t.hash ^ NUMBER_SALT, config.number_weight);
                if let Some(y) = as_year(word) {
                    match years.iter_mut().find(|e| e.0 == y) {
                        Some(e) => e.1 += 1,
                        None => years.push((y, 1)),
                    }
                }
                run.flush(text, &mut names);
                return;
            }
            if t.function_word || word.chars().count() < 2 {
                run.flush(text, &mut names);
                return;
            }
            add(&mut tf, t.hash, word_weight);
            // Weekdays and months are capitalised but name nothing of the event.
            if t.capitalised && !t.sentence_start && !is_calendar_word(t.hash) {
                add_name(&mut tf, t.hash, config.name_weight);
                run.push(&t);
            } else {
                run.flush(text, &mut names);
            }
        });
        run.flush(text, &mut names);
    }
    for name in input.people.iter().chain(input.places.iter()) {
        for_each_token(name, 16, |t| {
            if !t.function_word && !t.number {
                add_name(&mut tf, t.hash, config.name_weight);
            }
        });
    }
    let mut terms: Vec<(u32, f32)> = tf.into_iter().collect();
    terms.sort_unstable_by_key(|t| t.0);
    let year = match input.day {
        Some(d) => Some(d.ymd().0),
        None => years.iter().max_by_key(|&&(y, n)| (n, y)).map(|&(y, _)| y),
    };
    Features { terms, names, year }
}

/// The capitalised run being read.
#[derive(Default)]
struct NameRun {
    start: usize,
    end: usize,
    words: u32,
}

impl NameRun {
    fn push(&mut self, t: &Token) {
        if self.words == 0 {
            self.start = t.start;
        }
        self.end = t.end;
        self.words += 1;
    }

    fn flush(&mut self, text: &str, names: &mut Vec<String>) {
        if self.words == 0 {
            return;
        }
        if names.len() < ARTICLE_NAMES && self.end - self.start <= 80 {
            let n = &text[self.start..self.end];
            if !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
        }
        self.words = 0;
    }
}

/// Whether a token hash is a weekday or month name, full or abbreviated, or a time
/// marker (`AM`, `GMT`): capitalised words that are not names.
fn is_calendar_word(hash: u64) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<rustc_hash::FxHashSet<u64>> = OnceLock::new();
    SET.get_or_init(|| CALENDAR_WORDS.iter().map(|w| hash_word(w)).collect())
        .contains(&hash)
}

/// Weekday and month names, their abbreviations, and time markers.
#[rustfmt::skip]
const CALENDAR_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "am",
    "pm", "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt",
];

/// A four-digit token from 1900 to 2099, read as a year.
fn as_year(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = word.parse().ok()?;
    (1900..2100).contains(&y).then_some(y)
}
